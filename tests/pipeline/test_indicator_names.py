"""Every required indicator id under the names reports have used for it since 2000, with units normalised."""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, figure, one, records

# (report year, statement, id, value, unit, modifier, scope, fragment)
WORDINGS = [
    (2005, "地方财政一般预算收入增长12%", "general_budget_revenue_growth", 12.0, "%", "point", "", None),
    (2013, "公共财政预算收入增长10%左右", "general_budget_revenue_growth", 10.0, "%", "around", "", None),
    (2012, "地方公共财政收入增长11%", "general_budget_revenue_growth", 11.0, "%", "point", "", None),
    (2019, "地方级财政收入增长3.5%左右", "general_budget_revenue_growth", 3.5, "%", "around", "", None),
    (2021, "区级一般公共预算收入增长5%左右", "general_budget_revenue_growth", 5.0, "%", "around", "", None),
    (2022, "一般公共预算收入完成21亿元", "general_budget_revenue", 21.0, "亿元", "point", "", None),
    (2008, "地方财政一般预算收入达到125000万元", "general_budget_revenue", 12.5, "亿元", "point", "", None),
    (2004, "全社会固定资产投资增长20%", "fixed_asset_investment_growth", 20.0, "%", "point", "", None),
    (2009, "城镇固定资产投资增长25%以上", "fixed_asset_investment_growth", 25.0, "%", "at_least", "", None),
    (2021, "固定资产投资与上年持平", "fixed_asset_investment_growth", 0.0, "%", "point", "", "固定资产投资与上年持平"),
    (2020, "一般公共预算收入与上年基本持平", "general_budget_revenue_growth", 0.0, "%", "around", "", None),
    (2007, "社会消费品零售总额增长16%", "retail_sales_growth", 16.0, "%", "point", "", None),
    (2022, "社会消费品零售额增长8%以上", "retail_sales_growth", 8.0, "%", "at_least", "", None),
    (2003, "全社会消费品零售总额增长11%", "retail_sales_growth", 11.0, "%", "point", "", None),
    (2018, "社会消费品零售总额达到1200亿元", "retail_sales", 1200.0, "亿元", "point", "", None),
    (2011, "规模以上工业增加值增长15%", "industrial_value_added_growth", 15.0, "%", "point", "", None),
    (2023, "规上工业增加值增长8%左右", "industrial_value_added_growth", 8.0, "%", "around", "", None),
    (2022, "规模工业增加值增长8.5%左右", "industrial_value_added_growth", 8.5, "%", "around", "", None),
    (2006, "工业增加值增长14%", "industrial_value_added_growth", 14.0, "%", "point", "", None),  # bare name, older reports
    (2008, "城镇登记失业率控制在4.5%以内", "urban_unemployment_rate", 4.5, "%", "at_most", "registered", None),
    (2023, "城镇调查失业率5.5%左右", "urban_unemployment_rate", 5.5, "%", "around", "surveyed", None),
    (2022, "城镇调查失业率控制在5.5%左右", "urban_unemployment_rate", 5.5, "%", "around", "surveyed", None),
    (2010, "城镇失业率控制在4.2%以内", "urban_unemployment_rate", 4.2, "%", "at_most", "registered", None),
    (2006, "城镇居民人均可支配收入增长9%", "disposable_income_growth", 9.0, "%", "point", "urban", None),
    (2006, "农民人均纯收入增长8%", "disposable_income_growth", 8.0, "%", "point", "rural", None),
    (2012, "农牧民人均纯收入增长12%以上", "disposable_income_growth", 12.0, "%", "at_least", "rural", None),
    (2020, "农村常住居民人均可支配收入增长8%", "disposable_income_growth", 8.0, "%", "point", "rural", None),
    (2021, "全体居民人均可支配收入增长7.5%", "disposable_income_growth", 7.5, "%", "point", "all", None),
    (2022, "居民人均可支配收入增长6.3%以上", "disposable_income_growth", 6.3, "%", "at_least", "all", None),
    (2020, "人均可支配收入增长7.5%", "disposable_income_growth", 7.5, "%", "point", "all", None),
    (2008, "居民消费价格总水平涨幅控制在4.8%左右", "cpi_growth", 4.8, "%", "around", "", None),
    (2019, "居民消费价格涨幅控制在3%左右", "cpi_growth", 3.0, "%", "around", "", None),
    (2021, "居民消费价格涨幅控制在3.2%以内", "cpi_growth", 3.2, "%", "at_most", "", None),
    (2005, "居民消费价格指数控制在103%左右", "cpi_growth", 3.0, "%", "around", "", "居民消费价格指数控制在103%左右"),
    (2011, "物价涨幅控制在4%左右", "cpi_growth", 4.0, "%", "around", "", None),
    (2016, "CPI涨幅3%左右", "cpi_growth", 3.0, "%", "around", "", None),
    (2015, "外贸进出口总额增长10%", "trade_growth", 10.0, "%", "point", "", None),
    (2022, "进出口贸易额同比增长6%以上", "trade_growth", 6.0, "%", "at_least", "", None),
    (2024, "货物进出口总额增长5%", "trade_growth", 5.0, "%", "point", "", None),
    (2010, "外贸增长10%", "trade_growth", 10.0, "%", "point", "", None),
    (2021, "研发投入强度保持在3%以上", "rd_spending_ratio", 3.0, "%", "at_least", "", None),
    (2018, "R&D经费支出占地区生产总值比重达到2%", "rd_spending_ratio", 2.0, "%", "point", "", None),
    (2024, "全社会研发投入占比达到3%", "rd_spending_ratio", 3.0, "%", "point", "", None),
    (2015, "研究与试验发展经费支出占生产总值的比重提高到1.8%以上", "rd_spending_ratio", 1.8, "%", "at_least", "", None),
    (2021, "城镇新增就业1.2万人", "new_urban_jobs", 1.2, "万人", "point", "", "城镇新增就业1.2万人"),
    (2021, "新增城镇就业5000人以上", "new_urban_jobs", 0.5, "万人", "at_least", "", None),
    (2022, "新增就业1.8万人", "new_urban_jobs", 1.8, "万人", "point", "", None),
    (2012, "城镇新增就业岗位1.5万个", "new_urban_jobs", 1.5, "万人", "point", "", None),
    (2017, "城镇新增就业3万人左右", "new_urban_jobs", 3.0, "万人", "around", "", None),
    (2008, "单位生产总值能耗下降4%", "energy_intensity_reduction", 4.0, "%", "point", "", None),
    (2021, "单位地区生产总值能耗下降3%左右", "energy_intensity_reduction", 3.0, "%", "around", "", None),
    (2021, "万元GDP能耗下降3.5%", "energy_intensity_reduction", 3.5, "%", "point", "", None),
    (2012, "单位生产总值能源消耗降低3.2%以上", "energy_intensity_reduction", 3.2, "%", "at_least", "", None),
    (2023, "能耗强度下降2.5%", "energy_intensity_reduction", 2.5, "%", "point", "", None),
    (2021, "人均地区生产总值达到8.9万元", "gdp_per_capita", 89000.0, "元", "point", "", None),
    (2019, "人均GDP突破1万美元", "gdp_per_capita", 10000.0, "美元", "above", "", None),
    (2016, "地区生产总值达到1500亿元", "gdp", 1500.0, "亿元", "point", "", None),
    (2023, "全省生产总值突破1.3万亿元", "gdp", 13000.0, "亿元", "above", "", None),
]


@pytest.mark.parametrize("year, statement, ident, value, unit, modifier, scope, fragment", WORDINGS)
def test_indicator_wordings(year, statement, ident, value, unit, modifier, scope, fragment):
    text = INTROS["city"] + "地区生产总值增长6%左右，" + statement + "。"
    found = one(text, year, ident)
    assert figure(found) == (value, None, None, unit, modifier, "target", year, False, scope)
    assert found.text == (fragment or statement)


@pytest.mark.parametrize("year, statement, ident, value, unit, modifier, scope, fragment", WORDINGS[:20])
def test_the_same_wordings_in_the_review_are_realised_figures(year, statement, ident, value, unit, modifier, scope,
                                                              fragment):
    review = "过去一年，" + statement.replace("控制在", "为") + "。"
    text = review + INTROS["city"] + "地区生产总值增长6%左右。"
    found = one(text, year, ident, "actual")
    assert (found.value, found.kind, found.year) == (value, "actual", year - 1)


def test_falling_figure_of_an_ordinary_indicator_is_negative_and_of_a_reduction_positive():
    text = "过去一年，一般公共预算收入下降3.3%，单位地区生产总值能耗下降4.1%。" + INTROS["plain"] + "地区生产总值增长6%。"
    assert figure(one(text, 2023, "general_budget_revenue_growth", "actual")) == (
        -3.3, None, None, "%", "point", "actual", 2022, False, "")
    assert one(text, 2023, "energy_intensity_reduction", "actual").value == 4.1


def test_a_city_wide_and_rural_income_pair_written_as_two_clauses():
    text = INTROS["county"] + "全体居民人均可支配收入增长8%左右，其中农村居民人均可支配收入增长9%左右。"
    incomes = {i.scope: (i.value, i.modifier) for i in records(text, 2021, "disposable_income_growth")}
    assert incomes == {"all": (8.0, "around"), "rural": (9.0, "around")}


def test_bare_unemployment_rate_after_2018_is_the_surveyed_rate():
    text = INTROS["plain"] + "地区生产总值增长6%，失业率控制在5.5%以内。"
    assert one(text, 2023, "urban_unemployment_rate").scope == "surveyed"
    assert one(text, 2012, "urban_unemployment_rate").scope == "registered"


def test_levels_in_other_units_are_converted():
    text = ("过去一年，全市地区生产总值达到3568000万元，增长7%；一般公共预算收入2.1万亿元；"
            "城镇新增就业12500人，粮食总产量95亿斤。" + INTROS["plain"] + "地区生产总值增长6%。")
    assert one(text, 2015, "gdp", "actual").value == pytest.approx(356.8)
    assert one(text, 2015, "general_budget_revenue", "actual").value == pytest.approx(21000.0)
    assert one(text, 2015, "new_urban_jobs", "actual").value == pytest.approx(1.25)
    assert one(text, 2015, "grain_output", "actual").value == pytest.approx(475.0)


def test_traditional_script_copy_reads_like_the_original():
    text = ("經濟社會發展的主要預期目標是：地區生產總值增長13%；財政總收入增長13%，其中地方級財政收入增長16%；"
            "城鎮登記失業率控制在4.3%以內；城鎮居民人均可支配收入、農民人均純收入分別增長8%和7%；"
            "單位地區生產總值能耗下降百分之三點五。")
    found = {(i.indicator, i.scope): (i.value, i.modifier, i.text) for i in records(text, 2009)}
    assert found == {
        ("gdp_growth", ""): (13.0, "point", "地區生產總值增長13%"),
        ("general_budget_revenue_growth", ""): (16.0, "point", "地方級財政收入增長16%"),
        ("urban_unemployment_rate", "registered"): (4.3, "at_most", "城鎮登記失業率控制在4.3%以內"),
        ("disposable_income_growth", "urban"): (8.0, "point", "城鎮居民人均可支配收入、農民人均純收入分別增長8%和7%"),
        ("disposable_income_growth", "rural"): (7.0, "point", "城鎮居民人均可支配收入、農民人均純收入分別增長8%和7%"),
        ("energy_intensity_reduction", ""): (3.5, "point", "單位地區生產總值能耗下降百分之三點五"),
    }


def test_price_index_written_without_percent_and_fujian_local_revenue():
    text = ("过去一年，财政收入38.7亿元，其中地方级收入26.5亿元，增长0.9%；居民消费价格指数为102.7。"
            + INTROS["plain"] + "地区生产总值增长8%。")
    assert one(text, 2015, "general_budget_revenue_growth", "actual").value == 0.9
    assert one(text, 2015, "general_budget_revenue", "actual").value == 26.5
    cpi = one(text, 2015, "cpi_growth", "actual")
    assert (cpi.value, cpi.unit, cpi.text) == (2.7, "%", "居民消费价格指数为102.7")


@pytest.mark.parametrize("fragment", [
    "研发投入（R&D经费）相当于地区生产总值的比例达到3.6%左右",
    "研究与试验发展经费投入强度达到3.6%左右",
    "研究与试验发展（R＆D）经费支出占地区生产总值的比重达到3.6%左右",
    "R&D经费支出占GDP比重3.6%左右",
    "全社会研发经费投入占全市生产总值的3.6%左右",
    "R&D经费支出与地区生产总值之比提高到3.6%左右",
])
def test_rd_ratio_wordings(fragment: str) -> None:
    text = INTROS["city"] + "全市生产总值增长6.5%；" + fragment + "；研发经费投入增长12%。"
    found = records(text, 2019, "rd_spending_ratio")
    assert [(i.value, i.modifier, i.text) for i in found] == [(3.6, "around", fragment)]


def test_all_industry_value_added_is_not_the_above_scale_figure():
    """全部工业增加值 (all industry, small firms included) is not industrial_value_added_growth (规上 only)."""
    bulletin = "全年全部工业增加值3120.4亿元，比上年增长5.3%。规模以上工业增加值比上年增长6.8%。"
    assert [i.value for i in records(bulletin, 2022, "industrial_value_added_growth")] == [6.8]
    assert not records("全年全部工业增加值3120.4亿元，比上年增长5.3%。", 2022, "industrial_value_added_growth")
    plan = INTROS["province"] + "全部工业增加值增长6%，规模以上工业增加值增长7%。"
    assert [i.value for i in records(plan, 2022, "industrial_value_added_growth", "target")] == [7.0]
