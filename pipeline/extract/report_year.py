"""The report year: the year whose plan and targets a report sets, read from its content.

Order of evidence: the delivery date in the header (a session in November or December sets the next
year's targets: 2021-12-12 → 2022); then the report's own section headings ("一、2023年工作回顾" → 2024,
"二、2024年工作安排" → 2024, "2019年计划执行情况" → 2020); then the title's year; last, for a page
posted in the first months of a year, the posting year. Statistical bulletins describe a past year: their
year is the one they report on (the title's, else the first heading's).

`title_year` is what the title claims, so a title saying 2022 over a text dated 二〇一九年一月九日 can be
flagged `title_year_mismatch`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from pipeline.extract.numbers import YEAR_PATTERN, PartialDate, parse_year, years_in

_LINE_START = r"(?:^|\n)\s*(?:[一二三四五六七八九十]{1,3}[、.]|第[一二三四五六七八九十]{1,3}部分[,，:：\s]*|关于)?"
_HEAD_GAP = r"[^。；;,，\n]{0,16}?"
# Headings about the year under review: the report year is the next one.
_REVIEW = re.compile(
    _LINE_START + _HEAD_GAP + YEAR_PATTERN
    + r"\s*年(?:度)?(?:[^。；;,，\n]{0,8}?工作(?:回顾|总结)|(?:国民经济和社会发展)?计划(?:的)?执行情况)"
)
# Headings about the year being planned.
_PLANNED = re.compile(
    _LINE_START + _HEAD_GAP + YEAR_PATTERN
    + r"\s*年(?:度)?(?:的)?(?:政府)?(?:工作(?:安排|任务|部署|总体要求|思路)|主要任务|重点(?:工作|任务)|总体要求"
    r"|(?:经济社会发展(?:的)?)?(?:主要)?(?:预期)?目标|(?:国民经济和社会发展)?计划(?:草案|安排|的?主要任务))"
)
_WINTER_MONTHS = (11, 12)
_EARLY_POSTING_MONTHS = 4


@dataclass(frozen=True)
class YearEvidence:
    report_year: int | None
    source: str  # header | headings | title | published | none
    title_year: int | None
    content_year: int | None  # the year the content alone gives (header or headings), if any


def year_of_meeting(date: PartialDate) -> int:
    """A session in Nov/Dec sets the next year's targets."""
    if date.month in _WINTER_MONTHS:
        return date.year + 1
    return date.year


def headings_year(text: str) -> int | None:
    """The year the section headings point to (most votes; the later year on a tie)."""
    votes: Counter[int] = Counter()
    for match in _REVIEW.finditer(text):
        year = parse_year(match.group(1))
        if year:
            votes[year + 1] += 1
    for match in _PLANNED.finditer(text):
        year = parse_year(match.group(1))
        if year:
            votes[year] += 1
    if not votes:
        return None
    return max(votes, key=lambda year: (votes[year], year))


def title_year(title: str, doc_type: str) -> int | None:
    """The year a title names: the last one of a plan title ("2019年…执行情况与2020年计划草案"), the first
    otherwise. Five-year outlines name spans, not a report year."""
    if doc_type == "plan_outline":
        return None
    years = years_in(title)
    if not years:
        return None
    return max(years) if doc_type == "dev_plan" else years[0]


def bulletin_year(title: str, text: str) -> int | None:
    years = years_in(title) or years_in(text[:300])
    return years[0] if years else None


def find_report_year(title: str, text: str, doc_type: str, header_date: PartialDate | None,
                     published_date: str | None) -> YearEvidence:
    claimed = title_year(title, doc_type)
    if doc_type == "stat_bulletin":
        year = bulletin_year(title, text)
        return YearEvidence(year, "title" if year else "none", None, None)
    content: int | None = None
    source = "none"
    if header_date is not None and header_date.month is not None:
        content, source = year_of_meeting(header_date), "header"
    else:
        content = headings_year(text)
        source = "headings" if content else "none"
    if content is not None:
        return YearEvidence(content, source, claimed, content)
    if claimed is not None:
        return YearEvidence(claimed, "title", claimed, None)
    posted = _early_posting_year(published_date)
    if posted is not None:
        return YearEvidence(posted, "published", None, None)
    return YearEvidence(None, "none", None, None)


def _early_posting_year(published_date: str | None) -> int | None:
    found = re.match(r"((?:19|20)\d{2})-(\d{2})", published_date or "")
    if not found or int(found.group(2)) > _EARLY_POSTING_MONTHS:
        return None
    return int(found.group(1))
