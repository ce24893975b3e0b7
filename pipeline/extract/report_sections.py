"""Where a report reviews last year and where it sets this year's targets, plus sentence boundaries.

A work report (and an annual plan report) first reviews the past year (and, in new-term years, five
years), may then set five-year goals, and then states this year's 主要预期目标. `target_section_start`
finds that statement; everything before it is review (realised figures), everything after it is plans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
# Five-year, long-range or cumulative framing: such a sentence never carries the annual target.
MULTI_YEAR = re.compile(r"十[一二三四五六七八九]五|五年|年均|远景|二〇三五|2035|中长期|三年行动")
_GOAL_WORDS = r"(?:主要预期目标|主要目标|预期目标|发展目标|奋斗目标|主要指标|计划目标|预期性指标|调控目标)"
_ANCHOR = re.compile(rf"{_GOAL_WORDS}(?:是|为|如下|[:：]|建议|确定为|安排)")
_HEADING = re.compile(r"[一二三四五六七八九十、（）()\d.\s]{0,6}(?:\d{4}年)?(?:主要)?(?:预期目标|主要目标|发展目标|主要指标|计划目标)\s*")
_THIS_YEAR_PLAN = re.compile(r"(?:今年|本年度|明年)[^。；]{0,30}(?:目标|安排|任务)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentence spans (end exclusive, without the terminator); enumerations split at ；."""
    spans, begin = [], 0
    for stop in _SENTENCE_END.finditer(text):
        if stop.start() > begin:
            spans.append(Sentence(begin, stop.start()))
        begin = stop.end()
    if begin < len(text):
        spans.append(Sentence(begin, len(text)))
    return spans


def _year_mentions(text: str) -> list[int]:
    return [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", text)]


def target_section_start(text: str, spans: list[Sentence], report_year: int | None) -> int | None:
    """Offset where this year's targets begin, or None when the report states none recognisably."""
    for explicit_only in (True, False):
        for span in spans:
            sentence = text[span.start : span.end]
            anchor = _ANCHOR.search(sentence) or _HEADING.fullmatch(sentence)
            if not anchor and not explicit_only:
                anchor = _THIS_YEAR_PLAN.search(sentence)
            if not anchor:
                continue
            head = sentence[: anchor.end()]
            if MULTI_YEAR.search(head):
                continue
            years = _year_mentions(head)
            if report_year and years and years[-1] != report_year:
                continue
            return span.start
    return None


def sentence_kind(sentence: str, in_target_section: bool, has_section: bool, report_year: int | None) -> str | None:
    """"target", "actual" or None (neither) for one sentence, given where it sits in the report."""
    last = rf"|{report_year - 1}年" if report_year else ""
    this = rf"|{report_year}年" if report_year else ""
    looks_back = re.search(rf"过去一年|一年来|去年(?:全年|实现|完成|我们)|上一年{last}", sentence)
    looks_ahead = re.search(rf"今年|本年度|明年|预期目标|力争|确保|目标是{this}", sentence)
    if has_section:
        if not in_target_section:
            return "actual"
        # A plan-part sentence recalling last year's results ("2024年实现…") is neither a target nor reliable.
        return None if looks_back and not looks_ahead else "target"
    # No recognisable target statement: judge each sentence by its own words, realised by default.
    return "target" if looks_ahead and not looks_back else "actual"
