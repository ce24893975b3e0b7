"""A place or zone inside the region as a clause's subject: its figures are not the region's own."""

from __future__ import annotations

import pytest

from pipeline.extract.indicators import extract_indicators
from tests.pipeline.indicator_cases import INTROS

REVIEW = "过去一年，全市地区生产总值达到2150.6亿元，增长6.2%。"
PLAN = INTROS["city"] + "地区生产总值增长6.5%左右，规模以上工业增加值增长7%。"


def _facts(text: str, region: str | None) -> list[tuple[str, str, float | None]]:
    return sorted((i.indicator, i.kind, i.value) for i in extract_indicators(text, 2021, region))


OWN_ONLY = [("gdp", "actual", 2150.6), ("gdp_growth", "actual", 6.2), ("gdp_growth", "target", 6.5),
            ("industrial_value_added_growth", "target", 7.0)]


@pytest.mark.parametrize("sub_area", [
    "长株潭地区生产总值增长7.9%，占全省比重超过四成。",  # a city cluster written by its abbreviation
    "关中城市群地区生产总值增长8.1%。",
    "沿江经济带地区生产总值突破1000亿元、增长8.3%。",
    "东部经济区规模以上工业增加值增长12.5%。",
    "产业集聚区规模以上工业增加值增长21.4%。",
    "力争产业集聚区规模以上工业增加值增长18%。",
    "库尔勒市实现生产总值680.2亿元，增长9.4%。",  # a county-level city inside the reporting prefecture
    "2020年，阿克苏市地区生产总值增长8.8%。",
])
def test_a_named_part_of_the_region_is_not_the_region(sub_area: str) -> None:
    for text in (REVIEW + sub_area + PLAN, REVIEW + PLAN + sub_area):
        assert _facts(text, "新疆维吾尔自治区巴音郭楞蒙古自治州") == OWN_ONLY


@pytest.mark.parametrize(("region", "subject"), [
    ("四川省德阳市", "德阳市"),
    ("河南省信阳市光山县", "光山县"),
    ("内蒙古自治区", "内蒙古自治区"),
    ("湖南省湘西土家族苗族自治州", "湘西州"),  # the short form a prefecture uses for itself
])
def test_the_region_named_by_its_own_name_is_its_own(region: str, subject: str) -> None:
    text = f"过去一年，{subject}实现地区生产总值1520.3亿元，增长6.1%。" + PLAN
    assert ("gdp", "actual", 1520.3) in _facts(text, region)
    assert ("gdp_growth", "actual", 6.1) in _facts(text, region)


def test_a_county_level_city_with_the_prefectures_stem_is_still_a_part() -> None:
    """In a 地区 report, the city sharing its name (X市 in X地区) is one of its parts."""
    text = "全地区生产总值达到420.5亿元，增长9%。喀什市实现生产总值160.2亿元，增长11%。" + PLAN
    facts = _facts(text, "新疆维吾尔自治区喀什地区")
    assert ("gdp", "actual", 160.2) not in facts and ("gdp_growth", "actual", 11.0) not in facts
    assert ("gdp", "actual", 420.5) in facts


def test_without_region_metadata_the_title_names_the_region() -> None:
    text = "德阳市2021年政府工作报告\n过去一年，德阳市实现地区生产总值2404.1亿元，增长4.2%。旌阳区地区生产总值增长4.5%。" + PLAN
    facts = _facts(text, None)
    assert ("gdp", "actual", 2404.1) in facts and ("gdp_growth", "actual", 4.2) in facts
    assert ("gdp_growth", "actual", 4.5) not in facts


@pytest.mark.parametrize("own", ["全市", "我市", "今年", "同时", "辖区", "初步核算", "据统计"])
def test_region_words_and_ordinary_openings_are_not_places(own: str) -> None:
    text = INTROS["city"] + f"{own}地区生产总值增长6%左右。"
    assert ("gdp_growth", "target", 6.0) in _facts(text, "四川省德阳市")


def test_the_regions_short_name_before_diqu_is_its_own() -> None:
    text = "过去一年，广西地区生产总值增长5.8%。" + PLAN
    assert ("gdp_growth", "actual", 5.8) in _facts(text, "广西壮族自治区")
    assert ("gdp_growth", "actual", 5.8) not in _facts(text, "广东省")
