"""Indicator extraction on sentences from the seed reports and constructed variants of each rule."""

from __future__ import annotations

import pytest

from pipeline.extract.indicators import extract_indicators
from pipeline.extract.values import VALUE_RE, normalize_for_numbers, parse_cn_number, parse_value

TARGETS_INTRO = "2020年工作回顾。今年经济社会发展的主要预期目标是："


def _find(items, indicator, kind="target"):
    return [i for i in items if i.indicator == indicator and i.kind == kind]


def _one(text, indicator, kind="target", year=2021):
    found = _find(extract_indicators(text, year), indicator, kind)
    assert found, f"no {indicator}/{kind} in {text!r}"
    return found[0]


@pytest.mark.parametrize(
    "fragment, value, low, high, modifier",
    [
        ("地区生产总值增长6%左右", 6.0, None, None, "around"),
        ("地区生产总值增长6.5%以上", 6.5, None, None, "at_least"),
        ("地区生产总值增长不低于7%", 7.0, None, None, "at_least"),
        ("地区生产总值增长超过7%", 7.0, None, None, "above"),
        ("地区生产总值增长6—6.5%", None, 6.0, 6.5, "range"),
        ("地区生产总值增长6%-7%", None, 6.0, 7.0, "range"),
        ("地区生产总值增长6至6.5%", None, 6.0, 6.5, "range"),
        ("地区生产总值增长百分之六左右", 6.0, None, None, "around"),
        ("地区生产总值增长六点五%", 6.5, None, None, "point"),
        ("全市生产总值增长８．５％", 8.5, None, None, "point"),
        ("国内生产总值增长1O%", 10.0, None, None, "point"),
        ("GDP增长lO.5%左右", 10.5, None, None, "around"),
        ("全区经济增长7%", 7.0, None, None, "point"),
    ],
)
def test_gdp_target_modifiers(fragment, value, low, high, modifier):
    found = _one(TARGETS_INTRO + fragment + "。", "gdp_growth")
    assert (found.value, found.low, found.high, found.modifier) == (value, low, high, modifier)
    assert found.year == 2021


def test_other_targets_units_and_modifiers():
    text = (TARGETS_INTRO + "城镇调查失业率控制在5.5%以内；居民消费价格涨幅3%左右；一般公共预算收入增长5%；"
            "粮食产量稳定在40万吨以上；城镇新增就业5000人；单位地区生产总值能耗下降3%左右。")
    items = extract_indicators(text, 2021)
    assert _one(text, "urban_unemployment_rate").value == 5.5
    assert _one(text, "urban_unemployment_rate").modifier == "at_most"
    assert _one(text, "urban_unemployment_rate").scope == "surveyed"
    assert (_one(text, "cpi_growth").value, _one(text, "cpi_growth").modifier) == (3.0, "around")
    assert _one(text, "general_budget_revenue_growth").value == 5.0
    grain = _one(text, "grain_output")
    assert (grain.value, grain.unit, grain.modifier) == (40.0, "万吨", "at_least")
    jobs = _one(text, "new_urban_jobs")
    assert (jobs.value, jobs.unit) == (0.5, "万人")
    assert _one(text, "energy_intensity_reduction").value == 3.0  # a fall is stated as a positive reduction
    assert all(i.kind == "target" for i in items)


def test_strive_records():
    base_and_strive = extract_indicators(TARGETS_INTRO + "地区生产总值增长6%以上、力争7%。", 2021)
    gdp = _find(base_and_strive, "gdp_growth")
    assert [(i.value, i.modifier, i.strive) for i in gdp] == [(6.0, "at_least", False), (7.0, "point", True)]
    better = _one(TARGETS_INTRO + "地区生产总值增长6%左右，在实际工作中努力争取更好结果。", "gdp_growth")
    assert better.strive and better.value == 6.0
    leading = _one(TARGETS_INTRO + "力争地区生产总值增长7%。", "gdp_growth")
    assert leading.strive and leading.value == 7.0
    plain = _one(TARGETS_INTRO + "地区生产总值增长6%左右。", "gdp_growth")
    assert not plain.strive


def test_actual_versus_target_and_years():
    text = ("过去一年，全市地区生产总值达到5200亿元、增长5.1%。"
            "今年主要预期目标是：地区生产总值增长6%左右。")
    items = extract_indicators(text, 2025)
    actual = _one(text, "gdp_growth", "actual", 2025)
    assert (actual.value, actual.year, actual.scope) == (5.1, 2024, "")  # scope only for income and jobless rates
    level = _one(text, "gdp", "actual", 2025)
    assert (level.value, level.unit) == (5200.0, "亿元")
    assert [i.value for i in _find(items, "gdp_growth")] == [6.0]


def test_level_units_are_normalised_to_yi_yuan():
    text = "过去一年，实现地区生产总值1.2万亿元，增长5%；一般公共预算收入532000万元。"
    assert _one(text, "gdp", "actual").value == pytest.approx(12000.0)
    assert _one(text, "general_budget_revenue", "actual").value == pytest.approx(53.2)


@pytest.mark.parametrize(
    "text",
    [
        TARGETS_INTRO + "第一产业增加值增长3%。",
        TARGETS_INTRO + "海洋生产总值增长8%。",
        TARGETS_INTRO + "人均地区生产总值增长6%。",
        TARGETS_INTRO + "数字经济增加值占地区生产总值比重达到30%。",
        "“十四五”时期，全区生产总值年均增长6%左右。" + TARGETS_INTRO + "居民收入增长与经济增长基本同步。",
        "到2025年，地区生产总值达到1500亿元、年均增长7%左右。",
        TARGETS_INTRO + "力争消费对经济增长贡献率稳定在55%左右。",
        TARGETS_INTRO + "力争园区亩均生产总值增长15%。",
    ],
)
def test_traps_never_give_annual_gdp(text):
    items = extract_indicators(text, 2021)
    assert not [i for i in items if i.indicator in ("gdp_growth", "gdp")]


def test_quarterly_figures_yield_to_the_full_year():
    text = "在一季度地区生产总值下降4.2%的情况下，上半年增长2.4%，三季度增长3.3%，全年增长4%。"
    assert _one(text, "gdp_growth", "actual").value == 4.0
    halves = "全区地区生产总值在一季度同比下降7.8%的情况下，二季度增长7.2%，下半年增长6.8%，全年增长3.5%（达到813.3亿元）。"
    assert _one(halves, "gdp_growth", "actual").value == 3.5
    assert _one(halves, "gdp", "actual").value == 813.3


def test_falling_growth_is_negative_and_respectively_lists_zip():
    text = ("过去一年，地区生产总值、规模工业增加值、固定资产投资分别比上年增长8.8%、10.1%、9.6%，"
            "一般公共预算收入下降3.3%，城镇和农村人均可支配收入分别增长3.2%、5.6%。")
    items = extract_indicators(text, 2022)
    assert _one(text, "industrial_value_added_growth", "actual").value == 10.1
    assert _one(text, "fixed_asset_investment_growth", "actual").value == 9.6
    assert _one(text, "general_budget_revenue_growth", "actual").value == -3.3
    income = {i.scope: i.value for i in _find(items, "disposable_income_growth", "actual")}
    assert income == {"urban": 3.2, "rural": 5.6}


def test_offsets_point_at_the_source_sentence():
    text = "前言。" + TARGETS_INTRO + "地区生产总值增长6%左右。"
    found = _one(text, "gdp_growth")
    assert text[found.start : found.end] == found.text
    assert "6%左右" in found.text


def test_value_parsing_helpers():
    assert parse_cn_number("六点五") == 6.5
    assert parse_cn_number("一百二十") == 120
    assert normalize_for_numbers("１O.5％") == "10.5%"
    assert len(normalize_for_numbers("lO.5％ Olympic")) == len("lO.5％ Olympic")
    assert "Olympic" in normalize_for_numbers("lO.5％ Olympic")
    parsed = parse_value(VALUE_RE.search("3.5%和"), "控制在")
    assert parsed is not None and parsed.modifier == "at_most"


SEED_EXPECTATIONS = [
    # (seed file, words in the report, report year, GDP growth target (value, modifier), last year's growth)
    ("001_bcbca230d9bf0c3f.txt", "璧山", 2024, (7.0, "point"), 7.2),
    ("003_0e148f91ba2d8798.txt", "高坪", 2025, (6.5, "at_least"), 6.1),
]


@pytest.mark.parametrize("name, _region, year, target, actual", SEED_EXPECTATIONS)
def test_single_report_seeds(seed_texts, name, _region, year, target, actual):
    text = seed_texts[name]
    items = extract_indicators(text, year)
    targets = _find(items, "gdp_growth")
    assert targets and (targets[0].value, targets[0].modifier) == target
    actuals = _find(items, "gdp_growth", "actual")
    assert actuals and actuals[0].value == actual
    for item in items:
        assert text[item.start : item.end] == item.text


def test_plan_report_seed_heading_form_targets(seed_texts):
    text = seed_texts["004_ca4af411ed0e9611.txt"]
    targets = _find(extract_indicators(text, 2020), "gdp_growth")
    assert targets and targets[0].value == 3.0


def test_without_a_target_statement_each_sentence_speaks_for_itself():
    text = "去年全市地区生产总值增长5.2%。今年全市地区生产总值力争增长6%左右。"
    items = extract_indicators(text, 2010)
    assert [(i.kind, i.year, i.value) for i in _find(items, "gdp_growth", "actual")] == [("actual", 2009, 5.2)]
    target = _one(text, "gdp_growth", year=2010)
    assert (target.value, target.modifier, target.strive) == (6.0, "around", True)


def test_plan_part_recollection_of_last_year_is_not_a_target():
    text = TARGETS_INTRO + "地区生产总值增长7%左右。过去一年，全区固定资产投资增长9%，为今后打下基础。"
    assert not _find(extract_indicators(text, 2021), "fixed_asset_investment_growth")
    text_ahead = TARGETS_INTRO + "地区生产总值增长7%左右。全区固定资产投资增长9%。"
    assert _one(text_ahead, "fixed_asset_investment_growth").value == 9.0
