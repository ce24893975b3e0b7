"""Whole (short) reports: where the review ends, where multi-year goals sit, where this year's targets start."""

from __future__ import annotations

from pipeline.extract.report_sections import sentence_kinds, sentences
from tests.pipeline.indicator_cases import records

REPORT_2006 = """政府工作报告
——2006年2月15日在某某市第十三届人民代表大会第四次会议上
一、2005年和“十五”时期工作回顾
2005年，全市国内生产总值达到856.3亿元，比上年增长13.5%；地方财政一般预算收入完成45.2亿元，增长18.6%；农民人均纯收入3850元，增长9.8%。
“十五”期间，全市国内生产总值年均增长12.8%，地方财政一般预算收入年均增长20.1%。
二、“十一五”时期经济社会发展的主要目标
“十一五”时期，全市经济社会发展的主要目标是：国内生产总值年均增长11%以上，到2010年达到1500亿元；城镇登记失业率控制在4.5%以内。
三、2006年工作安排
2006年全市经济社会发展的主要预期目标是：国内生产总值增长12%左右；全社会固定资产投资增长20%；地方财政一般预算收入增长15%；城镇居民人均可支配收入和农民人均纯收入分别增长9%和8%；城镇登记失业率控制在4.5%以内；单位生产总值能耗下降4%。
"""


def _summary(text: str, year: int | None) -> list[tuple]:
    return sorted((i.indicator, i.kind, i.year, i.value, i.modifier, i.scope) for i in records(text, year))


def test_new_plan_period_report_of_2006():
    assert _summary(REPORT_2006, 2006) == sorted([
        ("gdp", "actual", 2005, 856.3, "point", ""),
        ("gdp_growth", "actual", 2005, 13.5, "point", ""),
        ("general_budget_revenue", "actual", 2005, 45.2, "point", ""),
        ("general_budget_revenue_growth", "actual", 2005, 18.6, "point", ""),
        ("disposable_income_growth", "actual", 2005, 9.8, "point", "rural"),
        ("gdp_growth", "target", 2006, 12.0, "around", ""),
        ("fixed_asset_investment_growth", "target", 2006, 20.0, "point", ""),
        ("general_budget_revenue_growth", "target", 2006, 15.0, "point", ""),
        ("disposable_income_growth", "target", 2006, 9.0, "point", "urban"),
        ("disposable_income_growth", "target", 2006, 8.0, "point", "rural"),
        ("urban_unemployment_rate", "target", 2006, 4.5, "at_most", "registered"),
        ("energy_intensity_reduction", "target", 2006, 4.0, "point", ""),
    ])


def test_december_session_reviews_this_year_and_sets_next_years_targets():
    text = ("政府工作报告\n——2021年12月20日在某区第二届人民代表大会第一次会议上\n一、过去五年工作回顾\n"
            "过去五年，全区地区生产总值年均增长6.2%。今年以来，预计全年地区生产总值增长7.1%，一般公共预算收入增长10.5%。\n"
            "二、今后五年的奋斗目标\n今后五年，全区经济社会发展的主要目标是：地区生产总值年均增长7%左右，到2026年突破800亿元。\n"
            "三、2022年工作安排\n明年经济社会发展的主要预期目标是：地区生产总值增长7%左右，一般公共预算收入增长6%，"
            "城乡居民人均可支配收入分别增长7%和8.5%，城镇调查失业率控制在5.5%以内。")
    assert _summary(text, 2022) == sorted([
        ("gdp_growth", "actual", 2021, 7.1, "point", ""),
        ("general_budget_revenue_growth", "actual", 2021, 10.5, "point", ""),
        ("gdp_growth", "target", 2022, 7.0, "around", ""),
        ("general_budget_revenue_growth", "target", 2022, 6.0, "point", ""),
        ("disposable_income_growth", "target", 2022, 7.0, "point", "urban"),
        ("disposable_income_growth", "target", 2022, 8.5, "point", "rural"),
        ("urban_unemployment_rate", "target", 2022, 5.5, "at_most", "surveyed"),
    ])


def test_annual_plan_report_with_heading_form_targets():
    text = ("关于2018年国民经济和社会发展计划执行情况与2019年计划草案的报告\n一、2018年国民经济和社会发展计划执行情况\n"
            "2018年，全县地区生产总值预计完成210.5亿元，增长8.2%，比计划目标低0.3个百分点。\n"
            "二、2019年经济社会发展的主要目标\n（一）地区生产总值增长8%左右。\n（二）规模以上工业增加值增长9%。\n"
            "（三）城镇新增就业3500人。")
    assert _summary(text, 2019) == sorted([
        ("gdp", "actual", 2018, 210.5, "point", ""),
        ("gdp_growth", "actual", 2018, 8.2, "point", ""),
        ("gdp_growth", "target", 2019, 8.0, "around", ""),
        ("industrial_value_added_growth", "target", 2019, 9.0, "point", ""),
        ("new_urban_jobs", "target", 2019, 0.35, "point", ""),
    ])


def test_goal_sentence_inside_the_review_does_not_open_the_plan():
    text = ("2024年是实现“十四五”规划目标任务的关键一年。我们用好稳增长政策，全年地区生产总值增长6.1%，"
            "规模以上工业增加值增长12.9%。今年经济社会发展的主要预期目标是：地区生产总值增长6.5%以上。")
    assert _summary(text, 2025) == sorted([
        ("gdp_growth", "actual", 2024, 6.1, "point", ""),
        ("industrial_value_added_growth", "actual", 2024, 12.9, "point", ""),
        ("gdp_growth", "target", 2025, 6.5, "at_least", ""),
    ])


def test_without_a_target_statement_each_sentence_speaks_for_itself():
    text = "去年全市生产总值增长10.2%。今年全市生产总值增长9%以上，到2010年全市生产总值比2000年翻一番。"
    assert _summary(text, 2006) == [("gdp_growth", "actual", 2005, 10.2, "point", ""),
                                    ("gdp_growth", "target", 2006, 9.0, "at_least", "")]


def test_a_december_review_sentence_about_this_years_tasks_is_not_the_plan():
    text = ("今年以来，全区上下圆满完成全年目标任务，预计全年地区生产总值增长6.8%。"
            "明年全区地区生产总值增长6.5%左右。")
    assert _summary(text, 2022) == [("gdp_growth", "actual", 2021, 6.8, "point", ""),
                                    ("gdp_growth", "target", 2022, 6.5, "around", "")]


def test_sentence_kinds_follow_the_walk():
    text = "一、回顾\n去年增长了。\n二、“十四五”时期主要目标\n目标是：增长。\n三、2021年工作\n今年主要预期目标是：增长。\n过去一年的成绩来之不易。"
    spans = sentences(text)
    kinds = dict(zip((text[s.start : s.end] for s in spans), sentence_kinds(text, spans, 2021)))
    assert kinds["去年增长了"] == "actual"
    assert kinds["目标是：增长"] is None
    assert kinds["今年主要预期目标是：增长"] == "target"
    assert kinds["过去一年的成绩来之不易"] == "actual"


def test_a_very_long_run_together_line_is_read_correctly():
    filler = "坚持稳中求进工作总基调推动高质量发展持续改善民生" * 8000  # ~190k characters, no punctuation
    text = ("去年全市地区生产总值增长5.2%" + filler + "今年主要预期目标是地区生产总值增长6%左右一般公共预算收入增长5%"
            + filler + "城镇新增就业1.2万人")
    found = _summary(text, 2023)
    assert ("gdp_growth", "target", 2023, 6.0, "around", "") in found
    assert ("general_budget_revenue_growth", "target", 2023, 5.0, "point", "") in found
    assert ("new_urban_jobs", "target", 2023, 1.2, "point", "") in found


def test_without_a_target_statement_semicolon_items_continue_their_enumeration():
    text = ("今年全省生产总值预计增长8.5%，力争更快更好些；地方一般公共预算收入增长6.5%；城镇登记失业率控制在4.2%以内。"
            "全省城镇居民人均可支配收入增长8.6%。")
    assert _summary(text, 2016) == sorted([
        ("gdp_growth", "target", 2016, 8.5, "point", ""),
        ("general_budget_revenue_growth", "target", 2016, 6.5, "point", ""),
        ("urban_unemployment_rate", "target", 2016, 4.2, "at_most", "registered"),
        ("disposable_income_growth", "actual", 2015, 8.6, "point", "urban"),
    ])


def test_a_year_heading_opens_the_plan_when_no_target_statement_exists():
    text = ("一、2020年工作回顾\n全区地区生产总值增长3.9%，达到1025亿元。\n三、2021年工作安排\n"
            "全区地区生产总值增长6.5%，固定资产投资增长8%。")
    assert _summary(text, 2021) == sorted([
        ("gdp", "actual", 2020, 1025.0, "point", ""),
        ("gdp_growth", "actual", 2020, 3.9, "point", ""),
        ("gdp_growth", "target", 2021, 6.5, "point", ""),
        ("fixed_asset_investment_growth", "target", 2021, 8.0, "point", ""),
    ])


def test_target_statement_naming_the_plan_period_in_passing_is_still_this_years():
    text = ("今年是实施“十三五”规划目标的关键一年，全市经济社会发展的主要预期目标是：地区生产总值增长7.5%左右。"
            "“十三五”时期，全市地区生产总值年均增长7.5%。")
    assert _summary(text, 2016) == [("gdp_growth", "target", 2016, 7.5, "around", "")]


def test_gbk_page_through_decode_clean_and_split():
    from pipeline.clean import clean_page
    from pipeline.decode import decode_page
    from pipeline.split import split_documents

    page = ("<html><head><meta charset=\"gbk\"><title>2012年某县政府工作报告</title></head><body>"
            "<p>2012年某县政府工作报告</p><p>各位代表：</p><p>现在，我代表县人民政府向大会报告工作，请予审议。</p>"
            + "<p>一年来，我们坚持稳中求进，统筹推进改革发展稳定各项工作，经济社会保持平稳健康发展。</p>" * 20 +
            "<p>去年，全县实现生产总值１２８．６亿元，比上年增长１１．２％。</p>"
            "<p>今年全县经济社会发展的主要预期目标是：生产总值增长１０％以上，力争１２％；"
            "城镇登记失业率控制在４．５％以内。</p></body></html>").encode("gbk")
    text = decode_page(page, content_type="text/html")
    docs = split_documents(clean_page(text, is_html=True))
    found = sorted((i.indicator, i.kind, i.value, i.modifier, i.strive)
                   for doc in docs for i in records(doc.text, 2012))
    assert found == [
        ("gdp", "actual", 128.6, "point", False),
        ("gdp_growth", "actual", 11.2, "point", False),
        ("gdp_growth", "target", 10.0, "at_least", False),
        ("gdp_growth", "target", 12.0, "point", True),
        ("urban_unemployment_rate", "target", 4.5, "at_most", False),
    ]
