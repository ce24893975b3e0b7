"""Names sharing one verb: 分别 lists, 均 lists and 城乡 income figures."""

from __future__ import annotations

from tests.pipeline.indicator_cases import INTROS, figure, records

INTRO = INTROS["province"]


def _by_id(text: str, year: int, kind: str = "target") -> dict[tuple[str, str], tuple]:
    return {(i.indicator, i.scope): (i.value, i.modifier) for i in records(text, year, kind=kind)}


def test_respectively_zips_names_with_values_in_the_review():
    text = ("过去一年，地区生产总值、规模工业增加值、固定资产投资、外贸进出口总额、社会消费品零售总额、地方一般公共预算收入"
            "分别比上年增长8.8%、10.1%、9.6%、25.3%、14.2%、7.1%。")
    assert _by_id(text, 2022, "actual") == {
        ("gdp_growth", ""): (8.8, "point"),
        ("industrial_value_added_growth", ""): (10.1, "point"),
        ("fixed_asset_investment_growth", ""): (9.6, "point"),
        ("trade_growth", ""): (25.3, "point"),
        ("retail_sales_growth", ""): (14.2, "point"),
        ("general_budget_revenue_growth", ""): (7.1, "point"),
    }
    gdp = records(text, 2022, "gdp_growth", "actual")[0]
    assert (gdp.year, gdp.text.startswith("地区生产总值、规模工业增加值"), gdp.text.endswith("7.1%")) == (2021, True, True)


def test_a_listed_item_without_an_id_keeps_its_slot():
    text = INTRO + "财政总收入和地方级财政收入分别增长5%和3.5%左右。"
    assert _by_id(text, 2019) == {("general_budget_revenue_growth", ""): (3.5, "around")}
    unknown = INTRO + "商品销售额、固定资产投资分别增长12%、9%。"
    assert _by_id(unknown, 2019) == {("fixed_asset_investment_growth", ""): (9.0, "point")}


def test_tail_modifier_covers_every_value_of_the_list():
    text = INTRO + "城镇登记失业率、城镇调查失业率全年分别控制在3.5%和5.5%以内。"
    found = records(text, 2022, "urban_unemployment_rate")
    assert [(i.scope, *figure(i)[:5]) for i in found] == [
        ("registered", 3.5, None, None, "%", "at_most"), ("surveyed", 5.5, None, None, "%", "at_most")]
    assert found[0].text == "城镇登记失业率、城镇调查失业率全年分别控制在3.5%和5.5%以内"


def test_urban_rural_income_pair_with_respectively():
    for wording in ("城乡居民人均可支配收入分别增长8%、10%左右", "城镇和农村居民人均可支配收入分别增长8%和10%左右",
                    "城镇居民人均可支配收入和农民人均纯收入分别增长8%和10%左右"):
        assert _by_id(INTRO + wording + "。", 2022) == {
            ("disposable_income_growth", "urban"): (8.0, "around"),
            ("disposable_income_growth", "rural"): (10.0, "around"),
        }, wording


def test_urban_rural_income_with_one_figure_gives_two_records():
    for wording in ("城乡常住居民人均可支配收入增长9%", "城镇居民和农村居民人均可支配收入均增长9%"):
        found = records(INTRO + wording + "。", 2021, "disposable_income_growth")
        assert [(i.scope, i.value, i.modifier, i.text) for i in found] == [
            ("urban", 9.0, "point", wording), ("rural", 9.0, "point", wording)]


def test_shared_value_with_jun():
    text = INTRO + "一般公共预算收入、税收收入均增长6%以上。"
    assert _by_id(text, 2022) == {("general_budget_revenue_growth", ""): (6.0, "at_least")}


def test_counts_that_do_not_agree_are_not_guessed():
    text = INTRO + "地区生产总值、固定资产投资、社会消费品零售总额分别增长7%、9%。"
    assert _by_id(text, 2022) == {}


def test_falling_list_of_ordinary_indicators_is_negative():
    text = "过去一年，一般公共预算收入、固定资产投资分别下降3.3%、5.1%。" + INTRO + "地区生产总值增长6%。"
    assert _by_id(text, 2021, "actual") == {
        ("general_budget_revenue_growth", ""): (-3.3, "point"),
        ("fixed_asset_investment_growth", ""): (-5.1, "point"),
    }


def test_list_of_levels():
    text = "过去一年，地区生产总值、一般公共预算收入分别达到2100.5亿元、150.2亿元。" + INTRO + "地区生产总值增长6%。"
    assert _by_id(text, 2021, "actual") == {("gdp", ""): (2100.5, "point"), ("general_budget_revenue", ""): (150.2, "point")}


def test_a_second_run_of_values_for_the_same_names():
    text = ("过去一年，全县生产总值、财政总收入、地方财政收入分别完成120亿元、15亿元、9亿元，分别增长10.5%、18%、20%；"
            "城镇居民人均可支配收入、农民人均纯收入分别达到25000元、9800元，增长11%、13%。" + INTRO + "生产总值增长9%。")
    assert _by_id(text, 2014, "actual") == {
        ("gdp", ""): (120.0, "point"), ("general_budget_revenue", ""): (9.0, "point"),
        ("gdp_growth", ""): (10.5, "point"), ("general_budget_revenue_growth", ""): (20.0, "point"),
        ("disposable_income_growth", "urban"): (11.0, "point"), ("disposable_income_growth", "rural"): (13.0, "point"),
    }


def test_respectively_with_a_single_figure_applies_it_to_every_name():
    text = INTRO + "城乡居民人均可支配收入分别增长8%左右。"
    assert _by_id(text, 2022) == {("disposable_income_growth", "urban"): (8.0, "around"),
                                  ("disposable_income_growth", "rural"): (8.0, "around")}
