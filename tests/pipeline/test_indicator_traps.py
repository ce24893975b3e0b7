"""Figures that look like an annual target or a realised figure but are not (one trap per case)."""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, one, records

TARGETS = INTROS["city"] + "地区生产总值增长6.5%左右，一般公共预算收入增长5%。"


@pytest.mark.parametrize(
    "trap",
    [
        "“十四五”时期，全区生产总值年均增长6%左右。",
        "今后五年，全市地区生产总值年均增长8%，到2025年突破3000亿元。",
        "到2025年，全市地区生产总值突破3000亿元、人均地区生产总值超过10万元。",
        "力争到2035年，地区生产总值比2020年翻一番。",
        "人均地区生产总值增长6%。",
        "高新区地区生产总值增长12%。",
        "经开区实现地区生产总值320亿元、增长10%。",
        "力争新区地区生产总值突破120亿元、增长12%以上。",
        "海洋生产总值增长9%。",
        "第三产业增加值增长8%，服务业增加值增长8.5%。",
        "民营经济增长10%，县域经济增长9%，数字经济增长20%。",
        "数字经济核心产业增加值占地区生产总值比重达到10%。",
        "单位地区生产总值二氧化碳排放下降4%。",
        "亿元地区生产总值生产安全事故死亡率下降10%。",
        "消费对经济增长贡献率达到60%。",
        "园区亩均生产总值增长15%。",
        "居民收入增长与经济增长基本同步。",
        "农林牧渔业总产值增长3.6%以上。",
    ],
)
def test_never_the_annual_gdp_figure(trap):
    for text in (TARGETS + trap, trap + TARGETS):
        assert [(i.value, i.modifier) for i in records(text, 2021, "gdp_growth", "target")] == [(6.5, "around")]
        assert not records(text, 2021, "gdp", "target")
        assert not [i for i in records(text, 2021, "gdp_growth", "actual") if i.value in (6.0, 8.0, 12.0, 10.0, 9.0)]


def test_multi_year_goal_block_opened_by_a_heading_is_silent():
    text = ("一、2020年和“十三五”时期工作回顾\n2020年，全区地区生产总值达到813.3亿元、增长3.5%。"
            "“十三五”期间，地区生产总值年均增长7.2%。\n"
            "二、“十四五”时期主要目标任务\n主要目标是：全区地区生产总值突破1300亿元，城镇调查失业率控制在5.5%以内，"
            "全体居民人均可支配收入年均增长7.5%左右。\n"
            "三、2021年工作安排\n今年全区经济社会发展的主要预期目标是：地区生产总值增长6.5%以上，"
            "城镇调查失业率控制在5.5%左右。")
    items = records(text, 2021)
    assert sorted((i.indicator, i.kind, i.value, i.modifier) for i in items) == [
        ("gdp", "actual", 813.3, "point"),
        ("gdp_growth", "actual", 3.5, "point"),
        ("gdp_growth", "target", 6.5, "at_least"),
        ("urban_unemployment_rate", "target", 5.5, "around"),
    ]
    assert all(i.year == (2021 if i.kind == "target" else 2020) for i in items)


def test_finished_plan_period_is_review_not_goals():
    text = ("“十三五”时期，全市地区生产总值年均增长7.8%，2020年达到1358.5亿元。"
            "今年主要预期目标是：地区生产总值增长6%左右。")
    level = one(text, 2021, "gdp", "actual")
    assert (level.value, level.year, level.text) == (1358.5, 2020, "地区生产总值年均增长7.8%，2020年达到1358.5亿元")
    assert not records(text, 2021, "gdp_growth", "actual")  # 年均 is a five-year average


def test_last_years_target_quoted_in_the_review_is_neither_target_nor_actual():
    text = ("过去一年，面对多重压力，年初确定的地区生产总值增长7%的预期目标未能完成，全年增长5.1%。"
            "今年主要预期目标是：地区生产总值增长6%左右。")
    assert [i.value for i in records(text, 2023, "gdp_growth", "actual")] == [5.1]
    assert [i.value for i in records(text, 2023, "gdp_growth", "target")] == [6.0]


@pytest.mark.parametrize(
    "review",
    [
        "一季度全市地区生产总值增长5.2%，上半年增长6.1%。",
        "1-11月，全市规模以上工业增加值增长8.5%，固定资产投资增长9%。",
        "前三季度，地区生产总值同比增长6.8%。",
        "“十三五”期间，地区生产总值累计增长42%，一般公共预算收入年均增长8%。",
        "地区生产总值由2015年的1200亿元增加到2019年的1800亿元。",
    ],
)
def test_partial_year_and_cumulative_figures_are_not_last_years_figure(review):
    items = records(review + "今年主要预期目标是：地区生产总值增长6%左右。", 2021)
    assert [(i.indicator, i.kind) for i in items] == [("gdp_growth", "target")]


@pytest.mark.parametrize(
    "sentence, wrong_id",
    [
        ("工业投资增长15%，民间投资增长8%。", "fixed_asset_investment_growth"),
        ("完成交通固定资产投资50亿元以上。", "fixed_asset_investment"),
        ("外贸出口增长10%。", "trade_growth"),
        ("电商进出口额突破200亿元。", "trade"),
        ("税收收入增长8%，财政总收入增长9%。", "general_budget_revenue_growth"),
        ("全社会研发经费投入增长10%。", "rd_spending_ratio"),
        ("农村劳动力转移就业5万人。", "new_urban_jobs"),
        ("限额以上消费品零售额增长10%。", "retail_sales_growth"),
        ("规模以上工业总产值增长10%。", "industrial_value_added_growth"),
        ("万元工业增加值能耗下降5%。", "energy_intensity_reduction"),
        ("城乡居民收入比缩小到2.3:1。", "disposable_income_growth"),
        ("实际利用外资增长20%。", "trade_growth"),
        ("争取上级资金20亿元。", "general_budget_revenue"),
    ],
)
def test_sector_and_sub_category_figures_do_not_take_the_indicator(sentence, wrong_id):
    text = INTROS["plain"] + sentence
    assert not records(text, 2022, wrong_id)


def test_sub_area_subject_of_the_sentence_keeps_its_figures():
    text = (INTROS["plain"] + "地区生产总值增长7%。新入园工业项目50个，投资40亿元，实现工业增加值增长25%以上。"
            "解放碑商圈社会消费品零售总额突破950亿元。全区规上工业增加值增长10%。")
    assert [i.value for i in records(text, 2021, "industrial_value_added_growth")] == [10.0]
    assert not records(text, 2021, "retail_sales")


def test_plan_part_recollection_of_last_year_is_a_realised_figure_not_a_target():
    text = INTROS["plain"] + "地区生产总值增长7%左右。过去一年，全区固定资产投资增长9%，为今后打下基础。"
    assert not records(text, 2021, "fixed_asset_investment_growth", "target")
    assert [(i.value, i.year) for i in records(text, 2021, "fixed_asset_investment_growth", "actual")] == [(9.0, 2020)]
    news = INTROS["plain"] + "地区生产总值增长11%左右。据统计，去年全省生产总值达19701.78亿元，同比增长11.4%。"
    assert [(i.kind, i.value) for i in records(news, 2013, "gdp_growth")] == [("target", 11.0), ("actual", 11.4)]


def test_percentage_point_changes_are_not_rates_or_growth():
    text = (INTROS["plain"] + "研发投入强度提高0.2个百分点，城镇调查失业率下降0.5个百分点，"
            "地区生产总值增速比全省高1个百分点。")
    assert not records(text, 2022)


@pytest.mark.parametrize(("text", "year", "expected"), [
    # The five-year plan's average and its end-year level come first, then the target statement.
    ("今年是实施“十一五”规划的第二年。按照“十一五”规划确定的全省生产总值年均增长10%左右、到2010年达到8000亿元的要求，"
     "今年全省经济社会发展的主要预期目标是：全省生产总值增长11%左右；地方财政一般预算收入增长13%。", 2007, (11.0, "around")),
    # One sentence: the period's average, then this year's figure in a 今年 clause.
    ("“十二五”期间全区生产总值年均增长8.5%左右，今年增长9%。", 2012, (9.0, "point")),
    ("“十一五”时期，全县生产总值年均增长13%，到2010年达到95亿元，今年全县生产总值增长14%以上。", 2008, (14.0, "at_least")),
])
def test_annual_target_beside_a_five_year_average(text, year, expected):
    assert [(i.value, i.modifier) for i in records(text, year, "gdp_growth", "target")] == [expected]
    assert not records(text, year, "gdp", "target")


def test_a_goals_sentence_without_a_this_year_clause_stays_silent():
    text = INTROS["province"] + "全省生产总值增长7%。“十二五”期间全省生产总值年均增长8.5%左右，到2015年突破2万亿元。"
    assert [i.value for i in records(text, 2012, "gdp_growth", "target")] == [7.0]
    assert not records(text, 2012, "gdp")
