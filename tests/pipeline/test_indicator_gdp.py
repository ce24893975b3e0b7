"""The annual GDP target and last year's realised GDP, written as reports of 2000-2026 write them.

Sentences are composed in the style of provincial, city, county and district reports of different
decades; each case checks value, range, modifier, kind, year, strive and the quoted fragment.
"""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, figure, one, records

# (report year, statement after the intro, value, low, high, modifier, fragment)
GDP_TARGETS = [
    (2003, "国内生产总值增长9%。", 9.0, None, None, "point", "国内生产总值增长9%"),
    (2008, "全县生产总值保持在8%以上。", 8.0, None, None, "at_least", "全县生产总值保持在8%以上"),
    (2012, "生产总值增长7.5%左右。", 7.5, None, None, "around", "生产总值增长7.5%左右"),
    (2016, "地区生产总值增长6%—6.5%。", None, 6.0, 6.5, "range", "地区生产总值增长6%—6.5%"),
    (2017, "地区生产总值增长6.5%-7%。", None, 6.5, 7.0, "range", "地区生产总值增长6.5%-7%"),
    (2019, "地区生产总值增长6.5%至7%。", None, 6.5, 7.0, "range", "地区生产总值增长6.5%至7%"),
    (2016, "地区生产总值增长7%~7.5%。", None, 7.0, 7.5, "range", "地区生产总值增长7%~7.5%"),
    (2010, "地区生产总值预期增长7%。", 7.0, None, None, "point", "地区生产总值预期增长7%"),
    (2005, "全市生产总值增长百分之八左右。", 8.0, None, None, "around", "全市生产总值增长百分之八左右"),
    (2006, "全市生产总值增长百分之七点五。", 7.5, None, None, "point", "全市生产总值增长百分之七点五"),
    (2002, "全市生产总值增长1O％。", 10.0, None, None, "point", "全市生产总值增长1O％"),
    (2004, "地区生产总值增长lO.5％左右。", 10.5, None, None, "around", "地区生产总值增长lO.5％左右"),
    (2007, "地区生产总值增长1 2 %。", 12.0, None, None, "point", "地区生产总值增长1 2 %"),
    (2024, "全区经济增长7%。", 7.0, None, None, "point", "全区经济增长7%"),
    (2014, "经济增速保持在7.5%左右。", 7.5, None, None, "around", "经济增速保持在7.5%左右"),
    (2018, "地区生产总值(GDP)增长7%左右。", 7.0, None, None, "around", "地区生产总值(GDP)增长7%左右"),
    (2015, "GDP增长8%左右。", 8.0, None, None, "around", "GDP增长8%左右"),
    (2022, "地区生产总值增长不低于6%。", 6.0, None, None, "at_least", "地区生产总值增长不低于6%"),
    (2023, "地区生产总值增长超过6.5%。", 6.5, None, None, "above", "地区生产总值增长超过6.5%"),
    (2013, "全市生产总值实现10%左右的增长。", 10.0, None, None, "around", "全市生产总值实现10%左右的增长"),
    (2025, "实现地区生产总值增长6.5%以上。", 6.5, None, None, "at_least", "地区生产总值增长6.5%以上"),
    (2022, "地区生产总值按可比口径增长6%。", 6.0, None, None, "point", "地区生产总值按可比口径增长6%"),
    (2011, "地区生产总值同比增长13%以上。", 13.0, None, None, "at_least", "地区生产总值同比增长13%以上"),
    (2016, "地区生产总值增长6%一6.5%。", None, 6.0, 6.5, "range", "地区生产总值增长6%一6.5%"),  # OCR: dash read as 一
    (2017, "地区生产总值增长百分之六至百分之六点五。", None, 6.0, 6.5, "range", "地区生产总值增长百分之六至百分之六点五"),
    (2012, "地区生产总值增长 1 1 . 5 %左右。", 11.5, None, None, "around", "地区生产总值增长 1 1 . 5 %左右"),
]


@pytest.mark.parametrize("year, statement, value, low, high, modifier, fragment", GDP_TARGETS)
@pytest.mark.parametrize("level", ["province", "city", "county", "district"])
def test_gdp_target_wordings(level, year, statement, value, low, high, modifier, fragment):
    text = f"{year - 1}年工作回顾从略。" + INTROS[level] + statement
    target = one(text, year, "gdp_growth")
    assert figure(target) == (value, low, high, "%", modifier, "target", year, False, "")
    assert target.text == fragment
    assert len(records(text, year, "gdp_growth", "target")) == 1


def test_gdp_target_with_a_better_result_clause_is_strive():
    text = INTROS["city"] + "全市生产总值增长9%，争取更好结果。"
    assert one(text, 2009, "gdp_growth").strive


def test_strive_inside_one_clause_does_not_spread_to_the_next():
    text = INTROS["plain"] + "全市地区生产总值增速力争达到7%，一般公共预算收入增长6%。"
    assert [(i.indicator, i.value, i.strive) for i in records(text, 2021)] == [
        ("gdp_growth", 7.0, True), ("general_budget_revenue_growth", 6.0, False)]


def test_target_statement_naming_a_zone_in_brackets_is_still_the_regions():
    text = "今年全区(含经开区)经济社会发展的主要预期目标是：地区生产总值增长7%，规上工业增加值增长9%。"
    assert [(i.indicator, i.value) for i in records(text, 2023)] == [
        ("gdp_growth", 7.0), ("industrial_value_added_growth", 9.0)]


def test_provincial_target_paragraph_with_semicolons():
    text = ("今年全省经济社会发展主要预期目标是：地区生产总值增长5%以上；全社会研发经费支出增长10%；城镇新增就业110万人"
            "以上，城镇调查失业率5.5%以内；居民消费价格涨幅3%左右；居民人均可支配收入增长与经济增长基本同步；粮食产量稳定在"
            "1270万吨以上；单位地区生产总值能耗和主要污染物排放量完成国家下达任务。")
    assert sorted((i.indicator, i.value, i.modifier) for i in records(text, 2023)) == [
        ("cpi_growth", 3.0, "around"), ("gdp_growth", 5.0, "at_least"), ("grain_output", 1270.0, "at_least"),
        ("new_urban_jobs", 110.0, "at_least"), ("urban_unemployment_rate", 5.5, "at_most")]


def test_gdp_target_in_a_run_together_copy_without_punctuation():
    text = ("今年主要预期目标是地区生产总值增长8%规上工业增加值增长9%固定资产投资增长10%其中工业投资增长14%"
            "社会消费品零售总额增长9%一般公共预算收入增长6%")
    assert figure(one(text, 2024, "gdp_growth")) == (8.0, None, None, "%", "point", "target", 2024, False, "")
    assert one(text, 2024, "fixed_asset_investment_growth").value == 10.0  # not the 工业投资 sub-item
    assert one(text, 2024, "general_budget_revenue_growth").text == "一般公共预算收入增长6%"


def test_a_report_without_a_gdp_target_gives_none():
    text = ("2019年，全省地区生产总值45878亿元，增长7.5%。今年经济社会发展的主要预期目标是：统筹疫情防控和经济社会"
            "发展，不设定地区生产总值增长具体目标；城镇新增就业70万人以上，城镇调查失业率6%左右。")
    assert not records(text, 2020, "gdp_growth", "target")
    assert not records(text, 2020, "gdp", "target")
    assert one(text, 2020, "new_urban_jobs").value == 70.0


# (report year, review sentence, realised level or None, realised growth or None, fragment of the growth)
GDP_ACTUALS = [
    (2016, "2015年，全市实现地区生产总值1002.3亿元，比上年增长8.1%。", 1002.3, 8.1, "地区生产总值1002.3亿元，比上年增长8.1%"),
    (2014, "初步核算，全年全省生产总值完成2.53万亿元，按可比价格计算增长7.6%。", 25300.0, 7.6,
     "全省生产总值完成2.53万亿元，按可比价格计算增长7.6%"),
    (2009, "过去一年，全县生产总值达到85.6亿元，同比增长9.2%，增速居全市第三位。", 85.6, 9.2,
     "全县生产总值达到85.6亿元，同比增长9.2%"),
    (2005, "去年，全市国内生产总值突破3000亿元，达到3025亿元，增长10.5%。", 3025.0, 10.5,
     "国内生产总值突破3000亿元，达到3025亿元，增长10.5%"),
    (2021, "全区地区生产总值在一季度同比下降6.8%的情况下，逐季回升，全年增长2.1%，总量达到602.4亿元。", 602.4, 2.1,
     "地区生产总值在一季度同比下降6.8%的情况下，逐季回升，全年增长2.1%"),
    (2019, "全年地区生产总值增长7.2%，比预期目标低0.3个百分点。", None, 7.2, "地区生产总值增长7.2%"),
    (2020, "去年我们确定的地区生产总值增长8%的目标没有实现，实际增长6.4%。", None, 6.4,
     "地区生产总值增长8%的目标没有实现，实际增长6.4%"),
    (2012, "一年来，全市经济总量达到1580亿元，增长12.8%。", 1580.0, 12.8, "经济总量达到1580亿元，增长12.8%"),
    (2017, "去年全年GDP增长5.5%，增速高于全国0.3个百分点。", None, 5.5, "GDP增长5.5%"),
    (2021, "过去一年，全省地区生产总值下降5%，一季度下降39.2%。", None, -5.0, "地区生产总值下降5%"),
    (2016, "2015年，全县生产总值完成１５６.３亿元，增长８.５％。", 156.3, 8.5, "全县生产总值完成１５６.３亿元，增长８.５％"),
    (2010, "全年地区生产总值完成27,584亿元、增长5.8%。", 27584.0, 5.8, "地区生产总值完成27,584亿元、增长5.8%"),
]


@pytest.mark.parametrize("year, sentence, level, growth, fragment", GDP_ACTUALS)
def test_previous_year_gdp(year, sentence, level, growth, fragment):
    text = sentence + "今年全市经济社会发展的主要预期目标是：地区生产总值增长6%左右。"
    if growth is not None:
        actual = one(text, year, "gdp_growth", "actual")
        assert figure(actual) == (growth, None, None, "%", "point", "actual", year - 1, False, "")
        assert actual.text == fragment
        assert len(records(text, year, "gdp_growth", "actual")) == 1
    if level is not None:
        assert figure(one(text, year, "gdp", "actual")) == (level, None, None, "亿元", "point", "actual", year - 1, False, "")
    else:
        assert not records(text, year, "gdp", "actual")
    # The target stays the target: a review figure never leaks into it and vice versa.
    assert [t.value for t in records(text, year, "gdp_growth", "target")] == [6.0]


def test_last_years_goal_then_the_realised_figure_in_one_sentence():
    text = ("过去一年，年初市人代会确定的主要预期目标为：地区生产总值增长8%，实际增长7.2%。"
            "今年全市经济社会发展的主要预期目标是：地区生产总值增长6.5%左右。")
    assert [(i.kind, i.year, i.value) for i in records(text, 2021, "gdp_growth")] == [
        ("actual", 2020, 7.2), ("target", 2021, 6.5)]


def test_previous_year_threshold_only_is_an_above_level():
    text = "过去一年，全省生产总值突破4万亿元、增长6.5%。今年主要预期目标是：生产总值增长6.5%。"
    level = one(text, 2022, "gdp", "actual")
    assert figure(level) == (40000.0, None, None, "亿元", "above", "actual", 2021, False, "")
    assert one(text, 2022, "gdp_growth", "actual").value == 6.5
    assert one(text, 2022, "gdp_growth").value == 6.5


def test_estimated_figures_of_a_december_session_are_the_previous_year():
    text = ("今年以来，面对疫情冲击，预计全年地区生产总值完成480亿元、增长7.5%。"
            "明年经济社会发展的主要预期目标是：地区生产总值增长7%左右。")
    assert figure(one(text, 2022, "gdp", "actual")) == (480.0, None, None, "亿元", "point", "actual", 2021, False, "")
    assert one(text, 2022, "gdp_growth", "actual").value == 7.5
    assert figure(one(text, 2022, "gdp_growth")) == (7.0, None, None, "%", "around", "target", 2022, False, "")


def test_without_report_year_kinds_come_from_the_words_and_year_is_unknown():
    text = "去年全市地区生产总值增长5.2%。今年全市地区生产总值力争增长6%左右。"
    actual = one(text, None, "gdp_growth", "actual")
    target = one(text, None, "gdp_growth")
    assert (actual.value, actual.year) == (5.2, None)
    assert (target.value, target.modifier, target.strive, target.year) == (6.0, "around", True, None)


def test_pdf_copy_with_spaces_between_characters_points_at_the_original_text():
    text = "今 年 主 要 预 期 目 标 是 ：地 区 生 产 总 值 增 长 1 0 %，一般公共 预算收入增长12%左右。"
    gdp = one(text, 2012, "gdp_growth")
    assert (gdp.value, gdp.modifier, gdp.text) == (10.0, "point", "地 区 生 产 总 值 增 长 1 0 %")
    revenue = one(text, 2012, "general_budget_revenue_growth")
    assert (revenue.value, revenue.modifier, revenue.text) == (12.0, "around", "一般公共 预算收入增长12%左右")


def test_development_speed_wording_and_a_second_figure_after_nuli_shixian():
    text = INTROS["city"] + "全市经济发展速度保持在8%左右。"
    assert figure(one(text, 2012, "gdp_growth")) == (8.0, None, None, "%", "around", "target", 2012, False, "")
    tiers = INTROS["city"] + "地区生产总值增长6.5%左右，努力实现7%。"
    assert [(i.value, i.modifier, i.strive) for i in records(tiers, 2019, "gdp_growth")] == [
        (6.5, "around", False), (7.0, "point", True)]


def test_our_city_and_national_economy_wordings_of_growth():
    text = "过去一年，我市经济增长7.1%，全县国民经济增长9.2%。" + INTROS["plain"] + "全市国民经济增长8%左右。"
    assert [(i.kind, i.value) for i in records(text, 2008, "gdp_growth")] == [
        ("actual", 7.1), ("actual", 9.2), ("target", 8.0)]
    assert not records("民营经济增长12%，县域经济增长9%。" + INTROS["plain"] + "全市经济增长8%。", 2008, "gdp_growth", "actual")
