"""Consumer prices (`cpi_growth`): the figure is the year's price rise in %, written in several ways.

- 居民消费价格上涨2.1%, 涨幅控制在3%以内, CPI涨幅3%左右: the figure as written;
- 居民消费价格下降0.6%, 同比下降0.6%, 上涨-0.6%: prices fell, the figure is negative (-0.6);
- 居民消费价格指数为102.7 / 99.4, 指数控制在103%: an index (previous year = 100), read as 2.7 / -0.6 / 3;
- 居民消费价格与上年持平, 基本持平: 0 (基本 → around), read by `indicator_reader` with the growth rule.

When the name is the rise itself (居民消费价格涨幅, 物价涨幅), 回落/下降 tell that the rise shrank ("涨幅回落到
2%") and 持平 that it equals last year's rise: neither is read as falling prices or as zero.
"""

from __future__ import annotations

import re

from pipeline.extract.values import ParsedValue, negated, parse_number, shifted

_RISE_NAME = re.compile(r"(?:涨幅|增幅|上涨幅度|涨跌幅度?)$")
_FALL_BEFORE = re.compile(r"(?:下降|降低|下跌|回落|负增长|减少)了?$")
_SIGN_BEFORE = re.compile(r"(?<![\d.%])-$")
_INDEX_LOW, _INDEX_HIGH = 90.0, 120.0  # a CPI index lies here; a growth rate never does


def names_the_rise(sentence: str, name_end: int) -> bool:
    """The CPI name ends in 涨幅/增幅: its figure is a rise and 回落/持平 do not describe prices."""
    return bool(_RISE_NAME.search(sentence, max(0, name_end - 6), name_end))


def price_index(match: re.Match[str], before: str) -> ParsedValue | None:
    """"居民消费价格指数为102.7": an index written without %, read as 102.7% (`cpi_figure` shifts it)."""
    if match.group("b") or "指数" not in before:
        return None
    number = parse_number(match.group("a"))
    if number is None or not _INDEX_LOW <= number < _INDEX_HIGH:
        return None
    return ParsedValue(number, None, None, "%", "point", match.start(), match.end())


def cpi_figure(value: ParsedValue, sentence: str, value_start: int, rise_name: bool) -> ParsedValue:
    """The rise in % for a CPI figure: an index becomes index - 100, a fall becomes negative."""
    if value.value is not None and _INDEX_LOW <= value.value < _INDEX_HIGH:
        return shifted(value, 100.0)  # 居民消费价格指数控制在103%: a 3% rise; 99.4: a 0.6% fall
    before = sentence[max(0, value_start - 4) : value_start]
    if _SIGN_BEFORE.search(before) or (not rise_name and _FALL_BEFORE.search(before)):
        return negated(value)
    return value
