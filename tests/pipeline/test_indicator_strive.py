"""Stretch goals (strive): 力争 / 争取 / 奋斗目标 in each written form, and what is not a stretch goal."""

from __future__ import annotations

from tests.pipeline.indicator_cases import INTROS, figure, records

INTRO = INTROS["city"]


def _gdp(text: str, year: int = 2021) -> list[tuple]:
    return [(*figure(i)[:5], i.strive, i.text) for i in records(text, year, "gdp_growth", "target")]


def test_base_figure_and_a_strive_figure_are_two_records():
    assert _gdp(INTRO + "地区生产总值增长6%以上、力争7%。") == [
        (6.0, None, None, "%", "at_least", False, "地区生产总值增长6%以上"),
        (7.0, None, None, "%", "point", True, "地区生产总值增长6%以上、力争7%"),
    ]


def test_ensure_and_strive_pair():
    assert _gdp(INTRO + "地区生产总值确保增长7.5%、力争达到8%。") == [
        (7.5, None, None, "%", "point", False, "地区生产总值确保增长7.5%"),
        (8.0, None, None, "%", "point", True, "地区生产总值确保增长7.5%、力争达到8%"),
    ]


def test_strive_above_keeps_its_modifier_in_the_next_clause():
    found = records(INTRO + "工业增加值确保增长15%以上，力争超过20%。", 2021, "industrial_value_added_growth")
    assert [(i.value, i.modifier, i.strive) for i in found] == [(15.0, "at_least", False), (20.0, "above", True)]


def test_strive_word_before_the_name_or_the_verb():
    assert _gdp(INTRO + "力争地区生产总值增长7%。")[0][4:6] == ("point", True)
    assert _gdp("今年全市地区生产总值力争增长8%左右。")[0][4:6] == ("around", True)


def test_numberless_better_result_right_after_the_figure_marks_it():
    found = _gdp(INTRO + "地区生产总值增长6%左右，在实际工作中努力争取更好结果。")
    assert found == [(6.0, None, None, "%", "around", True, "地区生产总值增长6%左右")]


def test_better_result_in_a_later_sentence_does_not_mark_the_figures():
    text = INTRO + "地区生产总值增长5.5%以上，固定资产投资增长10%左右。在实际工作中要争取更好结果。"
    assert [i.strive for i in records(text, 2022)] == [False, False]


def test_stretch_tier_after_the_expected_targets():
    text = (INTRO + "地区生产总值增长6%以上，一般公共预算收入增长5%以上。我们将顽强拼搏、奋勇争先，努力实现区委确定的奋斗"
            "目标：地区生产总值增长6.5%，一般公共预算收入增长6%，固定资产投资增长6%。")
    found = [(i.indicator, i.value, i.modifier, i.strive) for i in records(text, 2022)]
    assert found == [
        ("gdp_growth", 6.0, "at_least", False),
        ("general_budget_revenue_growth", 5.0, "at_least", False),
        ("gdp_growth", 6.5, "point", True),
        ("general_budget_revenue_growth", 6.0, "point", True),
        ("fixed_asset_investment_growth", 6.0, "point", True),
    ]


def test_sentence_headed_by_strive_covers_its_list_up_to_an_ensure_clause():
    text = (INTRO + "地区生产总值增长7%。力争高新技术企业、科技型企业分别达到490家、2250家，全社会研发投入占比达到3%，"
            "确保城镇调查失业率控制在5.5%以内。")
    assert [(i.value, i.strive) for i in records(text, 2024, "rd_spending_ratio")] == [(3.0, True)]
    assert [(i.value, i.strive) for i in records(text, 2024, "urban_unemployment_rate")] == [(5.5, False)]


def test_obtaining_funds_is_not_striving():
    text = INTRO + "地区生产总值增长7%。积极争取上级资金20亿元，固定资产投资增长10%。"
    assert [i.strive for i in records(text, 2021, "fixed_asset_investment_growth")] == [False]


def test_strive_jobs_target_in_the_work_section():
    text = INTRO + "地区生产总值增长6.5%以上。（八）保障改善民生。力争城镇新增就业5700人。"
    jobs = records(text, 2025, "new_urban_jobs")
    assert [(*figure(i), i.text) for i in jobs] == [
        (0.57, None, None, "万人", "point", "target", 2025, True, "", "城镇新增就业5700人")]
