"""Indicator extraction: this year's quantitative targets and last year's realised figures in a report.

Reading order per sentence: find indicator names (`indicator_names.MENTION_RE`), give each the text up to
the next name as its segment, and read the value the segment states (growth after 增长/下降, a level in
亿元/万人/万吨, or a rate). Sentences before the annual-target statement are review (kind "actual", year =
report_year - 1), sentences after it are plans (kind "target", year = report_year).

Strive (力争/争取) choice: "增长6%以上、力争7%" gives two records, the base target (at_least 6, strive
False) and a strive record (point 7, strive True); a numberless "力争更好"/"努力争取更好结果" sets strive on
the base record; "力争增长7%" alone is one record with strive True.
"""

from __future__ import annotations

import re

from govreports.models import Indicator
from pipeline.extract.indicator_names import MENTION_RE, Concept, concept_of, income_scopes
from pipeline.extract.report_sections import MULTI_YEAR, sentence_kind, sentences, target_section_start
from pipeline.extract.values import VALUE_RE, ParsedValue, negated, normalize_for_numbers, parse_value

_GROWTH_VERB = r"(?P<verb>增长|增速|增幅|提高|上涨|涨幅|下降|降低|负增长|减少|回落|下滑)"
_GAP = r"(?P<gap>[^，,。；;\d%]{0,8}?)"
GROWTH_RE = re.compile(_GROWTH_VERB + _GAP + VALUE_RE.pattern)
_FALLING = re.compile(r"下降|降低|负增长|减少|回落|下滑")
# Clause context that makes a number something other than the annual figure.
_NOT_ANNUAL = re.compile(r"季度|[上下]半年|前三季|\d+-\d+月|\d+月份|月份|年均|平均|累计|期间|翻[一两]?番|五年|以来|较\d{4}年")
# In the review part, a sentence that states goals ("未来五年…目标是", "到2025年") carries no realised figure.
_GOAL_FRAME = re.compile(r"目标(?:是|为|[:：])|未来|今后|到(?:19|20)\d\d年|展望")
_SUB_AREA = re.compile(r"新区|片区|园区|开发区|高新区|经开区|产业园|示范区")
_STRIVE_BEFORE = re.compile(r"力争|争取|努力实现|奋斗目标")
_STRIVE_NUMBER = re.compile(r"(?:力争|争取)[^，,。；;\d%]{0,10}?" + VALUE_RE.pattern)
_STRIVE_WORDS = re.compile(r"力争更好|争取更好|更好结果|力争更高|力争更快")
_SCOPE = re.compile(r"(全省|全市|全区|全县|全州|全盟|全旗|全自治区|全国)")
_LIST_SEP = re.compile(r"^[、，,和及与\s]{1,2}$")
_RESPECTIVELY = re.compile(r"^[^，,。；;\d%]{0,12}?分别")
_LEVEL_UNITS = {
    "gdp_per_capita": ("元", "美元"),
    "new_urban_jobs": ("万人",),
    "grain_output": ("万吨",),
}
_SEGMENT_LIMIT = 70


def extract_indicators(text: str, report_year: int | None) -> list[Indicator]:
    """Every target for `report_year` and every realised figure for the year before it found in `text`."""
    norm = normalize_for_numbers(text)
    spans = sentences(norm)
    target_start = target_section_start(norm, spans, report_year)
    found: list[Indicator] = []
    for span in spans:
        in_target = target_start is not None and span.start >= target_start
        kind = sentence_kind(norm[span.start : span.end], in_target, target_start is not None, report_year)
        if kind is None:
            continue
        year = report_year if kind == "target" else (report_year - 1 if report_year else None)
        found.extend(_sentence_indicators(norm, text, span.start, span.end, kind, year, report_year))
    return _dedupe(found)


def _sentence_indicators(norm: str, original: str, start: int, end: int, kind: str, year: int | None,
                         report_year: int | None) -> list[Indicator]:
    sentence = norm[start:end]
    mentions = [m for m in MENTION_RE.finditer(sentence)]
    results: list[Indicator] = []
    index = 0
    while index < len(mentions):
        group = [mentions[index]]
        while index + 1 < len(mentions) and _LIST_SEP.match(sentence[group[-1].end() : mentions[index + 1].start()]):
            index += 1
            group.append(mentions[index])
        index += 1
        live = [m for m in group if concept_of(m).name != "blocked"]
        if not live:
            continue
        seg_end = mentions[index].start() if index < len(mentions) else len(sentence)
        seg_end = min(seg_end, group[-1].end() + _SEGMENT_LIMIT)
        context = _Context(sentence, kind, year, report_year, start, original)
        if len(live) > 1 or (len(income_scopes(live[0].group(0))) > 1 and concept_of(live[0]).name == "income"):
            results.extend(context.read_list(live, group[-1].end(), seg_end))
        else:
            results.extend(context.read_single(live[0], seg_end))
    return results


class _Context:
    """One sentence being read: its kind/year and how to turn a matched value into an `Indicator`."""

    def __init__(self, sentence: str, kind: str, year: int | None, report_year: int | None, offset: int,
                 original: str) -> None:
        self.sentence, self.kind, self.year, self.report_year = sentence, kind, year, report_year
        self.offset, self.original = offset, original

    def read_single(self, mention: re.Match[str], seg_end: int) -> list[Indicator]:
        concept = concept_of(mention)
        scope = self._scope(mention)
        if concept.name == "gdp" and not scope and _SUB_AREA.search(self.sentence[max(0, mention.start() - 40) : mention.start()]):
            return []  # a development zone's or park's own output, not the region's
        if concept.name == "income":
            scope = income_scopes(mention.group(0))[0]
        elif concept.name == "unemployment":
            scope = "registered" if "登记" in mention.group(0) else "surveyed"
        seg_start = mention.end()
        strive_before = bool(_STRIVE_BEFORE.search(self._clause_before(mention.start(), stops="，,；;")))
        base = self._growth(concept, seg_start, seg_end) if concept.growth_id and not concept.rate else None
        out: list[Indicator] = []
        if base:
            ident, value, at = base
            strive_mid = bool(_STRIVE_BEFORE.search(self.sentence[seg_start : value.start]))  # "生产总值力争增长7%"
            record = self._make(ident, value, scope, strive_before or strive_mid or self._strive_in(at, seg_end))
            if record:
                out.append(record)
                out.extend(self._strive_extra(ident, concept, at, seg_end, scope))
        if concept.level_id:
            level = self._level(concept, seg_start, seg_end)
            if level:
                record = self._make(concept.level_id, level, scope, strive_before)
                if record:
                    out.append(record)
        return out

    def read_list(self, live: list[re.Match[str]], seg_start: int, seg_end: int) -> list[Indicator]:
        """"A、B分别增长x%、y%" and "城乡居民人均可支配收入分别增长x%、y%": zip names with values."""
        slots: list[tuple[Concept, str, re.Match[str]]] = []
        for mention in live:
            concept = concept_of(mention)
            scopes = income_scopes(mention.group(0)) if concept.name == "income" else [self._scope(mention)]
            slots.extend((concept, scope, mention) for scope in scopes)
        segment = self.sentence[seg_start:seg_end]
        respectively = _RESPECTIVELY.match(segment)
        values = self._value_run(seg_start, seg_end)
        if not values:
            return []
        if not respectively:
            values = values[:1] * len(slots)  # "A、B均增长5%": one value shared by every name
        if respectively and values[-1].modifier != "point":
            for value in values[:-1]:
                if value.modifier == "point":
                    value.modifier = values[-1].modifier  # "3.5%和5.5%以内": the tail modifier covers all
        falling = bool(_FALLING.search(segment[: max(0, values[0].start - seg_start)]))
        out = []
        for (concept, scope, mention), value in zip(slots, values):
            ident = concept.level_id if (concept.rate or value.unit not in ("%", "个百分点")) else concept.growth_id
            if not ident or (ident == concept.level_id and not concept.rate and not _unit_fits(ident, value.unit)):
                continue
            if falling and ident == concept.growth_id and not concept.falls:
                value = negated(value)
            record = self._make(ident, value, scope, False)
            if record:
                out.append(record)
        return out

    def _value_run(self, seg_start: int, seg_end: int) -> list[ParsedValue]:
        """Consecutive values "8.8%、10.1%和9.6%" starting at the first value of the segment."""
        values: list[ParsedValue] = []
        cursor = seg_start
        for match in VALUE_RE.finditer(self.sentence, seg_start, seg_end):
            parsed = parse_value(match, self.sentence[max(0, match.start() - 6) : match.start()])
            if not parsed:
                continue
            between = self.sentence[cursor : match.start()]
            if values and not re.fullmatch(r"[、，,和及与\s]{0,2}", between):
                break
            values.append(parsed)
            cursor = match.end()
        return values

    def _growth(self, concept: Concept, seg_start: int, seg_end: int) -> tuple[str, ParsedValue, int] | None:
        for match in GROWTH_RE.finditer(self.sentence, seg_start, seg_end):
            value = parse_value(match, match.group("gap") or "")
            if not value or value.unit not in ("%", "个百分点") or not self._annual(seg_start, match):
                continue
            if _FALLING.search(match.group("verb")) and not concept.falls:
                value = negated(value)
            value.start, value.end = match.start(), match.end()
            return concept.growth_id or "", value, match.end()  # type: ignore[return-value]
        return None

    def _level(self, concept: Concept, seg_start: int, seg_end: int) -> ParsedValue | None:
        fallback: ParsedValue | None = None  # a realised "突破2000亿元" yields to "达到2009.5亿元" nearby
        for match in VALUE_RE.finditer(self.sentence, seg_start, seg_end):
            before = self.sentence[max(seg_start, match.start() - 6) : match.start()]
            value = parse_value(match, before)
            if not value:
                continue
            if concept.rate:
                if value.unit == "%" and self._annual(seg_start, match):
                    return value
                continue
            if not _unit_fits(concept.level_id or "", value.unit) or re.search(r"从$|由$|(?:增长|下降)[^，,]{0,3}$", before):
                continue
            after = self.sentence[match.end() : match.end() + 4]
            if re.search(r"跨越$|迈上$|迈过$|站上$|跨上$", before) or re.match(r"[、和][\d一二三四五六七八九]|[两三四五]个|台阶|大关|关口", after):
                continue  # thresholds passed ("迈上400亿元台阶") are not the figure itself
            if not self._annual(seg_start, match):
                continue
            if value.modifier != "above" or self.kind == "target":
                return value
            fallback = fallback or value
        return fallback

    def _annual(self, seg_start: int, match: re.Match[str]) -> bool:
        """False when the number's own clause frames it as quarterly, cumulative, multi-year or a goal."""
        clause = self._clause_before(match.start())
        after = self.sentence[match.end() : match.end() + 6]
        if _NOT_ANNUAL.search(clause) or MULTI_YEAR.search(clause):
            return False
        if self.kind == "actual" and (re.search(r"目标|计划", clause) or re.match(r"的?(?:预期)?目标", after)
                                      or _GOAL_FRAME.search(self.sentence[: match.start()])):
            return False  # last year's goal quoted in the review is not a realised figure
        years = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", self.sentence[: match.start()])]
        return not (years and self.year and years[-1] not in (self.year, self.report_year))

    def _clause_before(self, position: int, stops: str = "，,：:") -> str:
        cut = max(self.sentence.rfind(ch, 0, position) for ch in stops)
        return self.sentence[cut + 1 : position]

    def _strive_in(self, at: int, seg_end: int) -> bool:
        return bool(_STRIVE_WORDS.search(self.sentence[at:seg_end]))

    def _strive_extra(self, ident: str, concept: Concept, at: int, seg_end: int, scope: str) -> list[Indicator]:
        match = _STRIVE_NUMBER.search(self.sentence, at, seg_end)
        if not match:
            return []
        value = parse_value(match, "")
        if not value or value.unit != "%":
            return []
        record = self._make(ident, value, scope, True)
        return [record] if record else []

    def _scope(self, mention: re.Match[str]) -> str:
        found = _SCOPE.search(self.sentence[max(0, mention.start() - 4) : mention.end()])
        return found.group(1) if found else ""

    def _make(self, ident: str, value: ParsedValue, scope: str, strive: bool) -> Indicator | None:
        if not ident:
            return None
        return Indicator(
            indicator=ident, kind=self.kind, year=self.year, value=value.value, low=value.low, high=value.high,
            unit=value.unit, modifier=value.modifier, strive=strive, scope=scope,
            text=self.original[self.offset : self.offset + len(self.sentence)],
            start=self.offset, end=self.offset + len(self.sentence),
        )


def _unit_fits(ident: str, unit: str) -> bool:
    return unit in _LEVEL_UNITS.get(ident, ("亿元", "亿美元"))


def _dedupe(items: list[Indicator]) -> list[Indicator]:
    seen, out = set(), []
    for item in items:
        key = (item.indicator, item.kind, item.value, item.low, item.high, item.strive, item.scope)
        if key not in seen:
            seen.add(key)
            out.append(item)
    return out
