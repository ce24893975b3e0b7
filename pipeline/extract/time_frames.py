"""Time framing in report text: five-year plan periods, multi-year goals, quarters and cumulative figures.

An annual target or a realised annual figure is only ever stated in a clause that speaks of one year.
This module answers the two questions the extractor asks about framing:
- `forward_frame(text, report_year)`: does the text set goals beyond this year ("“十四五”时期", "今后五年",
  "到2025年" in a 2021 report, "2035年远景目标")? Plan periods are dated, so "“十三五”时期" in a 2021
  report is a review, not a goal.
- `NOT_ANNUAL`: words that make a figure quarterly, cumulative, averaged or multi-year.
"""

from __future__ import annotations

import re

# Five-year plans: 八五 (1991-1995) … 十四五 (2021-2025), 十五五 (2026-2030). "十五" alone is also the number
# fifteen, so a period is only read when quoted or followed by a period word.
_PERIOD_WORDS = r"(?:”|\"|'|’|」|时期|期间|规划|计划|末|期末|前期|中期|后期|目标|开局|收官|以来)"
PLAN_PERIOD = re.compile(rf"(?P<n>十[一二三四五六七八九]|[八九十])五(?={_PERIOD_WORDS})")
_ORDINAL = {"八": 8, "九": 9, "十": 10, **{"十" + d: 10 + i for i, d in enumerate("一二三四五六七八九", 1)}}
# Goal wording after a period: "“十四五”时期…目标", "“十四五”末", "“十四五”规划目标".
_PERIOD_GOAL = re.compile(r"[”\"'’」]?(?:时期|期间|末|期末|规划期|规划目标|发展目标|主要目标|的?目标|末期)")
_OPEN_HORIZON = re.compile(
    r"今后五年|未来五年|今后几年|未来几年|今后一个时期|今后一段时期|本届政府任期|二〇三五年|2035年|远景目标|中长期|"
    r"到本世纪中叶|基本实现现代化"
)
_BY_YEAR = re.compile(r"(?:到|至|到了)\s*((?:19|20)\d\d)\s*年")
# Words that make a number something other than the figure for one year.
NOT_ANNUAL = re.compile(
    r"[一二三四1-4]季度|[上下]半年|前三季|前\d{1,2}个月|\d{1,2}(?:-\d{1,2})?月份?|月份|年均|平均每年|每年平均|累计|"
    r"期间|翻[一两]?番|五年|以来|较\d{4}年|比\d{4}年|年平均"
)


_YEAR = re.compile(r"((?:19|20)\d\d)\s*年")
# The statement of this year's targets ("主要预期目标是:") starts a new frame: a year named before it (the
# five-year plan's "到2005年达到…" that the targets are derived from) does not date the figures after it.
# So does a clause that turns to this year ("…到2010年达到150亿元，今年增长13%").
_TARGET_STATEMENT = re.compile(r"(?:目标|指标|任务)(?:是|为|如下|建议为|确定为|安排为)?\s*[:：]|[,，]\s*今年(?!以来|起)")


def years_named(text: str) -> list[str]:
    """The years written in `text` (as strings), after its last statement of targets (or turn to 今年)."""
    statement = None
    for statement in _TARGET_STATEMENT.finditer(text):
        pass
    return _YEAR.findall(text, statement.end() if statement else 0)


def plan_years(match: re.Match[str]) -> tuple[int, int]:
    """First and last year of the plan period a `PLAN_PERIOD` match names."""
    start = 1991 + (_ORDINAL[match.group("n")] - 8) * 5
    return start, start + 4


def forward_frame(text: str, report_year: int | None) -> bool:
    """True when `text` frames goals beyond `report_year` (a current or future plan period, a horizon)."""
    if _OPEN_HORIZON.search(text):
        return True
    for match in PLAN_PERIOD.finditer(text):
        if report_year is not None and plan_years(match)[1] < report_year:
            continue  # a finished plan period: its figures are a review
        if _PERIOD_GOAL.match(text, match.end()):
            return True
    for match in _BY_YEAR.finditer(text):
        if report_year is not None and int(match.group(1)) > report_year:
            return True
    return False

