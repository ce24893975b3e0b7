"""Levels and their growth as reports qualify them: same-basis revenue, town-wide jobs, milestones."""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, one, records

TARGETS = INTROS["county"] + "地区生产总值增长7%。"


@pytest.mark.parametrize(("review", "level", "growth"), [
    ("过去一年，地方一般公共预算收入完成18.6亿元，同口径增长9.1%。", 18.6, 9.1),
    ("过去一年，一般公共预算收入52.3亿元，按同口径计算增长7.4%。", 52.3, 7.4),
    ("过去一年，地方公共财政预算收入138000万元，同口径比较增长16.2%。", 13.8, 16.2),
    # The natural-basis fall is followed by the comparable figure, which is the growth users compare.
    ("过去一年，一般公共预算收入完成96亿元，下降4.2%，扣除留抵退税因素后增长5.6%。", 96.0, 5.6),
    ("过去一年，一般公共预算收入完成96亿元，自然口径下降4.2%，同口径增长5.6%。", 96.0, 5.6),
    ("过去一年，一般公共预算收入完成96亿元，增长3.2%，税收收入增长5%。", 96.0, 3.2),
])
def test_realised_revenue_on_the_same_basis(review: str, level: float, growth: float) -> None:
    text = review + TARGETS
    assert one(text, 2023, "general_budget_revenue", "actual").value == pytest.approx(level)
    assert one(text, 2023, "general_budget_revenue_growth", "actual").value == pytest.approx(growth)


@pytest.mark.parametrize(("fragment", "value", "modifier"), [
    ("一般公共预算收入同口径增长6%左右", 6.0, "around"),
    ("地方一般公共预算收入按同口径计算增长5.5%", 5.5, "point"),
])
def test_revenue_target_on_the_same_basis(fragment: str, value: float, modifier: str) -> None:
    found = records(INTROS["district"] + "地区生产总值增长6%；" + fragment + "。", 2018,
                    "general_budget_revenue_growth")
    assert [(i.value, i.modifier, i.text) for i in found] == [(value, modifier, fragment)]


def test_same_basis_restatement_of_a_multi_year_average_is_not_annual() -> None:
    text = ("过去五年，地方一般公共预算收入年均增长3.1%（剔除营改增等政策性减收因素影响后，同口径增长7.5%）。"
            + TARGETS)
    assert records(text, 2021, "general_budget_revenue_growth", "actual") == []


@pytest.mark.parametrize("fragment", [
    "旅游业新增就业2万人",
    "力争文化旅游产业新增就业1.5万人",
    "现代物流业实现新增就业8000人",
    "重点项目建成投产后带动新增就业5000人",
    "返乡创业带动城镇新增就业3000人",
    "新增农村劳动力转移就业1.2万人",
    "高校毕业生新增就业6000人",
])
def test_one_sectors_jobs_are_not_the_towns_new_jobs(fragment: str) -> None:
    text = INTROS["city"] + "全市生产总值增长7.5%；" + fragment + "；城镇登记失业率控制在4%以内。"
    assert records(text, 2017, "new_urban_jobs") == []


@pytest.mark.parametrize(("fragment", "value", "modifier"), [
    ("城镇新增就业1.1万人", 1.1, "point"),
    ("新增城镇就业12000人以上", 1.2, "at_least"),
    ("城镇新增就业人数不少于4.5万人", 4.5, "at_least"),
    ("全年实现新增就业7000人", 0.7, "point"),
    ("落实就业优先政策，新增就业2.5万人左右", 2.5, "around"),
])
def test_region_wide_new_jobs(fragment: str, value: float, modifier: str) -> None:
    text = INTROS["city"] + "全市生产总值增长7.5%；" + fragment + "；城镇登记失业率控制在4%以内。"
    jobs = one(text, 2017, "new_urban_jobs")
    assert (jobs.value, jobs.unit, jobs.modifier) == (pytest.approx(value), "万人", modifier)


REVIEW_TARGETS = INTROS["city"] + "地区生产总值增长6.5%左右。"


@pytest.mark.parametrize("review", [
    "过去一年，全市地区生产总值突破4000亿元，经济实力迈上新台阶。全年实现地区生产总值4127.6亿元，增长6.8%。",
    "过去一年，全市经济总量跨上4000亿元台阶。全市实现地区生产总值4127.6亿元，比上年增长6.8%。",
    "过去一年，我们完成地区生产总值4127.6亿元，增长6.8%。这一年，全市地区生产总值超过4000亿元，跃居全省第二。",
    "过去一年，全市地区生产总值站上4000亿元新台阶，达到4127.6亿元，增长6.8%。",
])
def test_exact_level_wins_over_a_rounded_milestone(review: str) -> None:
    found = records(review + REVIEW_TARGETS, 2016, "gdp", "actual")
    assert [(i.value, i.modifier) for i in found] == [(4127.6, "point")]


@pytest.mark.parametrize("review", [
    "过去一年，全市地区生产总值突破4000亿元，增长6.8%。",
    "过去一年，全市地区生产总值迈上4000亿元新台阶，增长6.8%。",
])
def test_a_milestone_alone_is_kept_as_above(review: str) -> None:
    found = records(review + REVIEW_TARGETS, 2016, "gdp", "actual")
    assert [(i.value, i.modifier, i.year) for i in found] == [(4000.0, "above", 2015)]


def test_two_thresholds_at_once_give_no_level() -> None:
    text = "过去一年，全市地区生产总值连续跨越3000亿元、4000亿元两个台阶，增长6.8%。" + REVIEW_TARGETS
    assert records(text, 2016, "gdp", "actual") == []
