"""Indicator extraction: this year's quantitative targets and last year's realised figures in a report.

Reading order: `report_sections` cuts the text into sentences and gives each a kind ("actual" in the
review → year report_year - 1, "target" in the plan → report_year, None for multi-year goals). In each
sentence `indicator_names.find_mentions` finds the names; consecutive names joined by 、/和 form a
group; a group's reading segment runs to the next group. A single name is read by `indicator_reader`
(growth after 增长/下降, a level in 亿元/万人/万吨, or a rate; consumer prices by `prices`), lists by
`indicator_lists`, names each with its own level and one shared 分别 by `trailing_lists`, a 其中
urban/rural income breakdown by `income_breakdown`, stretch goals by `strive`. Across the report, a rounded
milestone level (突破5000亿元) yields to an exact figure for the same year.

Each record's `text` is the exact fragment from the name (or the first listed name) to the end of its
value, and `start`/`end` are that fragment's offsets in the cleaned text passed in.
"""

from __future__ import annotations

import re
from dataclasses import replace

from govreports.models import Indicator
from pipeline.extract.compact import squeeze
from pipeline.extract.income_breakdown import income_breakdown
from pipeline.extract.indicator_lists import LIST_SEP, needs_list_reading, read_group, slots_for
from pipeline.extract.indicator_names import Mention, collective_income, find_mentions
from pipeline.extract.indicator_reader import CLAUSE_REACH, SentenceReader
from pipeline.extract.report_sections import sentence_kinds, sentences
from pipeline.extract.sub_areas import OwnRegion, own_region, sub_area_subject
from pipeline.extract.strive import STRIVE_AFTER, STRIVE_NUMBER, STRIVE_WORD, sentence_strive_span
from pipeline.extract.trailing_lists import trailing_lists
from pipeline.extract.values import normalize_for_numbers, parse_value

_BRACKETED = re.compile(r"[(（][^()（）]{0,30}[)）]")
# Who the jobs belong to, in the jobs name's own clause: an industry (…业 but not 就业/失业), a firm, a project.
_SECTOR_SUBJECT = re.compile(r"(?<![就失])业(?!务)|带动|吸纳|项目|企业|行业|创业")


def extract_indicators(text: str, report_year: int | None, region: str | None = None) -> list[Indicator]:
    """Every target for `report_year` and every realised figure for the year before it found in `text`.

    `region` (the report's own region, e.g. "信阳市固始县") tells its own name from a sub-area's; without it
    the report's opening lines stand in (see `sub_areas`)."""
    own = own_region(text, region)
    norm, positions = squeeze(normalize_for_numbers(text))
    spans = sentences(norm)
    found: list[Indicator] = []
    for span, kind in zip(spans, sentence_kinds(norm, spans, report_year)):
        if kind is None:
            continue
        year = report_year if kind == "target" else (report_year - 1 if report_year else None)
        reader = SentenceReader(norm[span.start : span.end], text, span.start, kind, year, report_year, positions)
        found.extend(_read_sentence(reader, own))
    return _prefer_exact(_dedupe(found))


def _read_sentence(reader: SentenceReader, own: OwnRegion) -> list[Indicator]:
    sentence = reader.sentence
    mentions = find_mentions(sentence)
    if not mentions:
        return []
    strive_span = sentence_strive_span(sentence, mentions[0].start)
    # The sentence's subject before its first name, brackets ("全区(含经开区)") and target statements aside.
    opening = _BRACKETED.sub("", re.split(r"[,，;；]", sentence[: mentions[0].start], maxsplit=1)[0])
    opening = "" if "目标" in opening else opening
    groups = _groups(sentence, mentions)
    strives = [bool(strive_span and strive_span[0] <= group[0].start < strive_span[1])
               or bool(STRIVE_WORD.search(reader.clause_before(group[0].start, semicolons=True))) for group in groups]
    chained = trailing_lists(reader, groups, strives)  # "A 100亿元、B 50亿元,分别增长8%和9%"
    results: list[Indicator] = []
    for index, group in enumerate(groups):
        seg_end = groups[index + 1][0].start if index + 1 < len(groups) else len(sentence)
        seg_end = min(seg_end, group[-1].end + CLAUSE_REACH)
        skip = (all(m.concept.name == "blocked" for m in group) or _sub_area(reader, group[0], opening, own)
                or _sector_jobs(reader, group[0]))
        if index in chained:
            results.extend(chained[index])
            if not skip:  # the name's own level; its growth came from the shared 分别
                results.extend(_read_single(reader, group[0], seg_end, strives[index], growth=False))
            continue
        if skip:
            continue
        if needs_list_reading(reader, group, seg_end):
            own = read_group(reader, group, seg_end, strives[index])
        else:
            own = _read_single(reader, group[0], seg_end, strives[index])
        if group[-1].concept.name == "income":  # "…增长8%,其中城镇居民、农村居民分别增长7.5%、8.7%"
            parts = income_breakdown(reader, group[-1], seg_end, strives[index])
            own = (_all_residents(own) if parts and collective_income(group[-1].text) else own) + parts
        results.extend(own)
    return results


def _all_residents(records: list[Indicator]) -> list[Indicator]:
    """A 城乡 figure read as urban + rural is one all-residents figure when a breakdown follows it."""
    pair = [r for r in records if r.indicator == "disposable_income_growth" and r.scope in ("urban", "rural")]
    if len(pair) != 2 or (pair[0].value, pair[0].low, pair[0].high) != (pair[1].value, pair[1].low, pair[1].high):
        return records
    return [replace(r, scope="all") if r is pair[0] else r for r in records if r is not pair[1]]


def _groups(sentence: str, mentions: list[Mention]) -> list[list[Mention]]:
    groups: list[list[Mention]] = []
    for mention in mentions:
        if groups and LIST_SEP.fullmatch(sentence[groups[-1][-1].end : mention.start]):
            groups[-1].append(mention)
        else:
            groups.append([mention])
    return groups


def _sub_area(reader: SentenceReader, mention: Mention, opening: str, own: OwnRegion) -> bool:
    if reader.scope(mention):
        return False  # "全区地区生产总值…": the region itself
    return sub_area_subject(reader.clause_before(mention.start, semicolons=True), opening, mention.text, own)


def _sector_jobs(reader: SentenceReader, mention: Mention) -> bool:
    """"旅游业实现新增就业3万人", "项目建成后带动城镇新增就业": one sector's or project's jobs."""
    return mention.concept.name == "jobs" and bool(_SECTOR_SUBJECT.search(
        reader.clause_before(mention.start, semicolons=True)))


def _read_single(reader: SentenceReader, mention: Mention, seg_end: int, strive: bool,
                 growth: bool = True) -> list[Indicator]:
    concept = mention.concept
    _, scope, _ = slots_for(reader, mention)[0]
    out: list[Indicator] = []
    if growth and concept.growth_id and not concept.rate:
        found = reader.growth(concept, mention.end, seg_end)
        if found:
            between = reader.sentence[mention.end : found.value.start]
            reach = reader.attached_clauses(mention.end, seg_end)[-1][1]
            after = STRIVE_AFTER.search(reader.sentence, found.end, reach)
            base_strive = strive or bool(STRIVE_WORD.search(between)) or bool(after)
            record = reader.make(found.ident, found.value, scope, base_strive, mention.start, found.end)
            if record:
                out.append(record)
                out.extend(_strive_extra(reader, found.ident, "%", mention, found.end, reach, scope))
    if concept.level_id:
        found = reader.level(concept, mention.end, seg_end)
        if found:
            record = reader.make(found.ident, found.value, scope, strive or bool(
                STRIVE_WORD.search(reader.sentence[mention.end : found.value.start])), mention.start, found.end)
            if record:
                out.append(record)
    return out


def _strive_extra(reader: SentenceReader, ident: str, unit: str, mention: Mention, start: int, end: int,
                  scope: str) -> list[Indicator]:
    """"增长6%以上、力争7%": the stretch figure after the base one, as its own record."""
    match = STRIVE_NUMBER.search(reader.sentence, start, end)
    if not match:
        return []
    value = parse_value(match, match.group(0)[: match.start("a") - match.start()])
    if not value or value.unit != unit or not reader.annual(match.start("a")):
        return []
    record = reader.make(ident, value, scope, True, mention.start, match.end())
    return [record] if record else []


def _prefer_exact(items: list[Indicator]) -> list[Indicator]:
    """A rounded milestone ("突破5000亿元", "超过5000亿元", "5000亿元以上") yields to an exact figure of the
    same level that agrees with it ("实现地区生产总值5123.4亿元"), wherever in the report each is written."""
    exact: dict[tuple[str, str, int | None, str], list[float]] = {}
    for item in items:
        if item.unit != "%" and item.value is not None and item.modifier in ("point", "around"):
            exact.setdefault((item.indicator, item.kind, item.year, item.scope), []).append(item.value)
    def superseded(item: Indicator) -> bool:
        figures = exact.get((item.indicator, item.kind, item.year, item.scope), [])
        return (item.unit != "%" and item.modifier in ("above", "at_least") and item.value is not None
                and any(figure >= item.value for figure in figures))
    return [item for item in items if not superseded(item)]


def _dedupe(items: list[Indicator]) -> list[Indicator]:
    seen, out = set(), []
    for item in items:
        key = (item.indicator, item.kind, item.value, item.low, item.high, item.strive, item.scope)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out


__all__ = ["extract_indicators"]
