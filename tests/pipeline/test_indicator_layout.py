"""Targets whose modifier is split from the figure by PDF line breaks or OCR spacing."""

from __future__ import annotations

import pytest

from pipeline.extract.compact import squeeze
from tests.pipeline.indicator_cases import INTROS, one, records


@pytest.mark.parametrize(("fragment", "value", "modifier"), [
    ("全省生产总值增长9%左\n右", 9.0, "around"),
    ("全省生产总值增长9%\n左右", 9.0, "around"),
    ("全省生产总值增长9 %\r\n左 右", 9.0, "around"),
    ("全省生产总值增长 9.5 % 左 右", 9.5, "around"),
    ("全省生产总值增长9.5%以\n上", 9.5, "at_least"),
    ("全省生产总值增长9.5%\n以上", 9.5, "at_least"),
])
def test_gdp_target_keeps_a_modifier_split_by_layout(fragment: str, value: float, modifier: str) -> None:
    text = INTROS["province"] + fragment + "；全省固定资产投资增长15%；城镇登记失业率控制在4.6%以\n内。"
    gdp = one(text, 2012, "gdp_growth")
    assert (gdp.value, gdp.modifier) == (value, modifier)
    assert text[gdp.start : gdp.end] == gdp.text and gdp.text.startswith("全省生产总值")
    # The line break did not end the sentence: the targets after it are still read.
    assert one(text, 2012, "fixed_asset_investment_growth").value == 15.0
    jobless = one(text, 2012, "urban_unemployment_rate")
    assert (jobless.value, jobless.modifier) == (4.6, "at_most")


def test_other_line_breaks_still_end_a_sentence() -> None:
    text = "二、2016年主要预期目标\n地区生产总值增长7%左右"
    compact, positions = squeeze(text)
    assert compact == text and positions[-1] == len(text)
    found = records(text, 2016, "gdp_growth")
    assert [(i.value, i.modifier, i.kind) for i in found] == [(7.0, "around", "target")]


def test_squeeze_maps_back_to_the_original_offsets() -> None:
    text = "增长6.5%\n左 右，"
    compact, positions = squeeze(text)
    assert compact == "增长6.5%左右，"
    assert [text[p] for p in positions[:-1]] == list(compact)


# A hard-wrapped (PDF / OCR) target list: lines cut at a fixed width, one page break with its number line.
WRAPPED_PLAN = ("二、2020年经济社会发展的主要目标\n综合考虑各方面因素，建议2020年全州经济社会发展的主要预\n"
                "期目标是：地区生产总值增长7%左右；一般\n公共预算收入增长6.5%；全社会固定\n资产投资增长9%；"
                "社会消费品零售总额增长8%；城镇常住居民人均\n可支配收入增长7.5%；居民消\n- 4 -\n费价格涨幅控制在3%左右；"
                "城镇登记失业率控制在\n4.5%以内。")


def test_names_and_figures_cut_by_hard_wraps_are_read():
    found = {(i.indicator, i.scope): (i.value, i.modifier) for i in records(WRAPPED_PLAN, 2020, kind="target")}
    assert found == {
        ("gdp_growth", ""): (7.0, "around"),
        ("general_budget_revenue_growth", ""): (6.5, "point"),
        ("fixed_asset_investment_growth", ""): (9.0, "point"),
        ("retail_sales_growth", ""): (8.0, "point"),
        ("disposable_income_growth", "urban"): (7.5, "point"),
        ("cpi_growth", ""): (3.0, "around"),
        ("urban_unemployment_rate", "registered"): (4.5, "at_most"),
    }


def test_a_number_or_unit_cut_by_a_wrap_is_whole():
    review = "过去一年，全州实现地区生产总值1186.4亿\n元，增长5.2%。研发经费投入强度达到2.\n35%。" + WRAPPED_PLAN
    assert [i.value for i in records(review, 2020, "gdp", "actual")] == [1186.4]
    assert [i.value for i in records(review, 2020, "rd_spending_ratio", "actual")] == [2.35]


def test_a_heading_line_is_not_joined_to_the_body():
    """A heading that ends without punctuation forms no name with the next line: it stays its own line."""
    text = "一、2019年工作回顾\n全州地区生产总值增长6.8%。\n二、2020年主要预期目标\n地区生产总值增长7%左右。"
    assert [(i.kind, i.value) for i in records(text, 2020, "gdp_growth")] == [("actual", 6.8), ("target", 7.0)]
    assert squeeze(text)[0] == text
