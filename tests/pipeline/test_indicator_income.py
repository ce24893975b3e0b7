"""Disposable income: urban/rural pairs in every written order, 城市居民, and 其中 breakdowns.

Convention (docs/extraction.md): a name for two populations with one figure (城乡居民…增长9%, 城镇和农村
居民…增长9%) gives an urban and a rural record with that figure; a 分别 pair zips them in the order
written; an all-residents figure (全体居民, 居民人均, or 城乡居民 followed by a 其中 breakdown) has scope "all".
"""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, records

TARGETS = INTROS["province"] + "全省生产总值增长8%。"


def _income(text: str, year: int, kind: str) -> list[tuple[str, float | None, str]]:
    return [(i.scope, i.value, i.modifier) for i in records(text, year, "disposable_income_growth", kind)]


@pytest.mark.parametrize(("review", "expected"), [
    # Each name with its own level, then one shared 分别 verb.
    ("过去一年，城镇居民人均可支配收入14820元，农民人均纯收入5210元，分别增长10.4%和12.6%。",
     [("urban", 10.4, "point"), ("rural", 12.6, "point")]),
    ("过去一年，城镇常住居民人均可支配收入38760元、农村常住居民人均可支配收入16430元，比上年分别增长6.9%、8.3%。",
     [("urban", 6.9, "point"), ("rural", 8.3, "point")]),
    ("过去一年，农村居民人均可支配收入16430元、城镇居民人均可支配收入38760元，分别增长8.3%和6.9%。",
     [("rural", 8.3, "point"), ("urban", 6.9, "point")]),
    # 城市居民 is the urban population of older reports.
    ("过去一年，城市居民人均可支配收入8640元，增长9.8%；农民人均纯收入3120元，增长7.4%。",
     [("urban", 9.8, "point"), ("rural", 7.4, "point")]),
    ("过去一年，城市居民人均可支配收入和农民人均纯收入分别增长9.8%和7.4%。",
     [("urban", 9.8, "point"), ("rural", 7.4, "point")]),
    ("过去一年，农村和城镇居民人均可支配收入分别增长8.3%、6.9%。",
     [("rural", 8.3, "point"), ("urban", 6.9, "point")]),
    # An all-residents figure and its breakdown.
    ("过去一年，全体居民人均可支配收入增长6.3%，其中城镇居民、农村居民分别增长5.4%、7.9%。",
     [("all", 6.3, "point"), ("urban", 5.4, "point"), ("rural", 7.9, "point")]),
    ("过去一年，城乡居民人均可支配收入增长6.3%，其中城镇居民和农村居民分别增长5.4%和7.9%。",
     [("all", 6.3, "point"), ("urban", 5.4, "point"), ("rural", 7.9, "point")]),
    ("过去一年，居民人均可支配收入27650元，增长6.3%，其中城镇居民增长5.4%，农民增长7.9%。",
     [("all", 6.3, "point"), ("urban", 5.4, "point"), ("rural", 7.9, "point")]),
    ("过去一年，全体居民人均可支配收入增长6.3%（其中城镇居民增长5.4%、农村居民增长7.9%）。",
     [("all", 6.3, "point"), ("urban", 5.4, "point"), ("rural", 7.9, "point")]),
])
def test_realised_income_pairs(review: str, expected: list[tuple[str, float, str]]) -> None:
    assert _income(review + TARGETS, 2015, "actual") == expected


@pytest.mark.parametrize(("fragment", "expected"), [
    ("城镇居民人均可支配收入和农村居民人均纯收入分别增长9%和10%",
     [("urban", 9.0, "point"), ("rural", 10.0, "point")]),
    ("城乡居民人均可支配收入分别增长7%和8.5%左右", [("urban", 7.0, "around"), ("rural", 8.5, "around")]),
    ("城乡居民人均可支配收入增长7%以上", [("urban", 7.0, "at_least"), ("rural", 7.0, "at_least")]),
    ("城市居民人均可支配收入增长7%", [("urban", 7.0, "point")]),
    ("城乡居民人均可支配收入增长7%，其中农村居民增长8%以上", [("all", 7.0, "point"), ("rural", 8.0, "at_least")]),
])
def test_income_targets(fragment: str, expected: list[tuple[str, float, str]]) -> None:
    text = INTROS["city"] + "地区生产总值增长7.5%；" + fragment + "；城镇登记失业率控制在4%以内。"
    assert _income(text, 2012, "target") == expected


def test_levels_then_respectively_for_ordinary_indicators() -> None:
    text = ("过去一年，社会消费品零售总额286.4亿元，外贸进出口总额31.2亿美元，分别增长13.5%和9.1%；"
            "地方财政收入21.6亿元、财政总收入35亿元，分别增长11%、9%。" + TARGETS)
    found = {(i.indicator, i.value) for i in records(text, 2015, kind="actual")}
    assert found == {("retail_sales", 286.4), ("retail_sales_growth", 13.5), ("trade", 31.2), ("trade_growth", 9.1),
                     ("general_budget_revenue", 21.6), ("general_budget_revenue_growth", 11.0)}


def test_a_chain_that_does_not_fit_the_values_is_not_guessed() -> None:
    # Three values, two names with levels: no zip; the last name reads its own first figure as usual.
    text = "过去一年，城镇居民人均可支配收入14820元，农民人均纯收入5210元，分别增长10.4%、12.6%和11%。" + TARGETS
    assert ("urban", 10.4, "point") not in _income(text, 2015, "actual")


@pytest.mark.parametrize(("fragment", "expected"), [
    # Pastoral regions name their rural residents 农村牧区 / 农牧区 / 牧区 (and 农牧民 for older income).
    ("城镇常住居民人均可支配收入增长6.5%，农村牧区常住居民人均可支配收入增长7.5%。",
     [("urban", 6.5, "point"), ("rural", 7.5, "point")]),
    ("农牧区居民人均可支配收入增长8%以上。", [("rural", 8.0, "at_least")]),
    ("城镇和农村牧区居民人均可支配收入分别增长6%和8%。", [("urban", 6.0, "point"), ("rural", 8.0, "point")]),
    ("农牧民人均纯收入增长9%。", [("rural", 9.0, "point")]),
])
def test_pastoral_rural_income_is_rural(fragment: str, expected: list[tuple[str, float, str]]) -> None:
    assert _income(INTROS["district"] + fragment, 2016, "target") == expected
    review = "过去一年，" + fragment.replace("增长", "比上年增长").replace("以上", "")
    assert [scope for scope, _, _ in _income(review, 2016, "actual")] == [scope for scope, _, _ in expected]
