"""Consumer prices (cpi_growth): falls are negative, 持平 is zero, an index is read as its rise."""

from __future__ import annotations

import pytest

from tests.pipeline.indicator_cases import INTROS, one, records

TARGETS = INTROS["city"] + "全市生产总值增长9%。"


@pytest.mark.parametrize(("review", "value", "modifier"), [
    ("2009年，全市居民消费价格下降0.8%。", -0.8, "point"),
    ("过去一年，居民消费价格同比下降1.3%，工业生产者出厂价格下降5.4%。", -1.3, "point"),
    ("过去一年，城市居民消费价格总水平比上年下降0.4%。", -0.4, "point"),
    ("过去一年，居民消费价格指数（CPI）同比下降了0.2%。", -0.2, "point"),
    ("过去一年，居民消费价格上涨-0.6%。", -0.6, "point"),
    ("过去一年，全省居民消费价格与上年持平。", 0.0, "point"),
    ("过去一年，居民消费价格总水平同比基本持平。", 0.0, "around"),
    ("过去一年，居民消费价格指数为98.9。", -1.1, "point"),
    ("过去一年，居民消费价格指数为101.8。", 1.8, "point"),
    ("过去一年，居民消费价格上涨2.3%，涨幅比上年回落0.9个百分点。", 2.3, "point"),
    ("过去一年，全市物价总水平下降0.3%。", -0.3, "point"),
    ("过去一年，物价总水平保持基本稳定，居民消费价格上涨1.6%。", 1.6, "point"),
])
def test_realised_consumer_prices(review: str, value: float, modifier: str) -> None:
    cpi = one(review + TARGETS, 2010, "cpi_growth", "actual")
    assert (cpi.value, cpi.modifier, cpi.year) == (pytest.approx(value), modifier, 2009)


@pytest.mark.parametrize(("fragment", "value", "modifier"), [
    ("居民消费价格涨幅控制在3%以内", 3.0, "at_most"),
    ("居民消费价格总水平涨幅控制在4.5%左右", 4.5, "around"),
    ("居民消费价格指数控制在104%以内", 4.0, "at_most"),
    # 涨幅回落 describes the rise shrinking, not prices falling.
    ("物价涨幅回落到3%左右", 3.0, "around"),
])
def test_price_targets_are_rises(fragment: str, value: float, modifier: str) -> None:
    cpi = one(INTROS["province"] + "全省生产总值增长8%；" + fragment + "。", 2012, "cpi_growth")
    assert (cpi.value, cpi.modifier) == (pytest.approx(value), modifier)


def test_a_rise_said_to_equal_last_years_rise_is_not_zero() -> None:
    text = "过去一年，居民消费价格涨幅与上年持平。" + TARGETS
    assert records(text, 2016, "cpi_growth") == []


def test_falling_prices_in_a_list() -> None:
    text = "过去一年，居民消费价格、商品零售价格分别下降0.7%和1.2%。" + TARGETS
    cpi = one(text, 2003, "cpi_growth", "actual")
    assert cpi.value == -0.7 and cpi.text.endswith("1.2%")
