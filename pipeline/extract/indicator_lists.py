"""Several names sharing one verb: "A、B、C分别增长x%、y%、z%", "A、B均增长6%", "城乡居民…增长9%".

With 分别 the names are zipped with the values in order. Every listed item takes a slot, including items
that are not indicators ("财政总收入和地方级财政收入分别增长5%和3.5%左右": 5% belongs to 财政总收入), and a
城乡/城镇和农村 income name takes two slots (urban, rural). When the counts still disagree the list is not
read at all rather than misread. Without 分别 every name gets the one value ("均增长6%"); a 城乡 income
name with one value gives an urban and a rural record (unless a 其中 breakdown follows: see
`income_breakdown`).
"""

from __future__ import annotations

import re

from govreports.models import Indicator
from pipeline.extract.indicator_names import Concept, Mention, income_scopes, unemployment_scope
from pipeline.extract.indicator_reader import FALLING, Found, SentenceReader, attached_prefix, unit_fits
from pipeline.extract.values import VALUE_RE, ParsedValue, negated, parse_value

LIST_SEP = re.compile(r"[、,，和及与\s]{1,2}")
_RESPECTIVELY = re.compile(r"[^,，。;；\d%]{0,12}?分别")
_ITEM_SEP = re.compile(r"[、和及与]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_COMPARED = re.compile(r"上年|去年|上一年|同期|前一年")
# Between two values of a run: separators, after a value with an unknown unit ("490家、2250家") its unit.
_RUN_GAP = re.compile(r"[^\d,，;；。%]{0,3}?[、,，和及与]{1,2}\s?|[、,，和及与\s]{0,2}")
_MAX_RUNS = 3
Slot = tuple[Concept, str, Mention] | None


def slots_for(reader: SentenceReader, mention: Mention) -> list[tuple[Concept, str, Mention]]:
    """One slot per scope the name covers (城乡 income → urban, rural; 登记/调查 unemployment)."""
    concept = mention.concept
    if concept.name == "income":
        return [(concept, scope, mention) for scope in income_scopes(mention.text)]
    if concept.name == "unemployment":
        return [(concept, unemployment_scope(mention.text, reader.report_year), mention)]
    return [(concept, "", mention)]  # scope is only meaningful for income and unemployment


def needs_list_reading(reader: SentenceReader, group: list[Mention], seg_end: int) -> bool:
    live = [m for m in group if m.concept.name != "blocked"]
    if not live:
        return False
    respectively = _RESPECTIVELY.match(reader.sentence, group[-1].end, seg_end)
    return len(group) > 1 or bool(respectively) or len(slots_for(reader, live[0])) > 1


def read_group(reader: SentenceReader, group: list[Mention], seg_end: int, strive: bool) -> list[Indicator]:
    sentence = reader.sentence
    respectively = _RESPECTIVELY.match(sentence, group[-1].end, seg_end)
    if not respectively:
        return _shared(reader, group, seg_end, strive)
    slots = _slots(reader, group, respectively.end())
    out: list[Indicator] = []
    start = respectively.end()
    # "分别达到25000元、9800元,增长11%、13%": a second run of values for the same names.
    for _ in range(_MAX_RUNS):
        values = value_run(reader, start, seg_end)
        if not values:
            break
        out.extend(zip_values(reader, group, slots, values, start, strive))
        start = values[-1].end
        following = VALUE_RE.search(sentence, start, seg_end)
        if not following or not attached_prefix(sentence[start : following.start()].lstrip(",，;； ")):
            break
    return out


def _slots(reader: SentenceReader, group: list[Mention], verb_end: int) -> list[Slot]:
    slots: list[Slot] = []
    for item in _items(reader.sentence, group, verb_end):
        if item is None or item.concept.name == "blocked":
            slots.append(None)
        else:
            slots.extend(slots_for(reader, item))
    return slots


def zip_values(reader: SentenceReader, group: list[Mention], slots: list[Slot], values: list[ParsedValue],
               start: int, strive: bool) -> list[Indicator]:
    if len(slots) != len(values):
        known = [s for s in slots if s is not None]
        if len(values) == 1:
            values = values * len(known)  # "城乡居民人均可支配收入分别增长8%左右": one figure for both
        elif len(known) != len(values):
            return []
        slots = list(known)
    if values[-1].modifier != "point":
        for value in values[:-1]:
            if value.modifier == "point":
                value.modifier = values[-1].modifier  # "3.5%和5.5%以内": the tail modifier covers all
    falling = bool(FALLING.search(reader.sentence, start, values[0].start))
    out: list[Indicator] = []
    for slot, value in zip(slots, values):
        if slot is None or not reader.annual(value.start):
            continue
        concept, scope, _ = slot
        ident = _ident_for(concept, value)
        if not ident:
            continue
        # A fall is negative for growth figures and for consumer prices (居民消费价格…分别下降0.5%、0.8%).
        if falling and (ident == concept.growth_id or concept.name == "cpi") and not concept.falls:
            value = negated(value)
        record = reader.make(ident, value, scope, strive, group[0].start, values[-1].end)
        if record:
            out.append(record)
    return out


def _shared(reader: SentenceReader, group: list[Mention], seg_end: int, strive: bool) -> list[Indicator]:
    """"A、B均增长6%" / "城乡居民人均可支配收入增长9%": each name's reading of the one value."""
    out: list[Indicator] = []
    for mention in group:
        if mention.concept.name == "blocked":
            continue
        for concept, scope, _ in slots_for(reader, mention):
            found: Found | None = None
            if concept.growth_id and not concept.rate:
                found = reader.growth(concept, group[-1].end, seg_end)
            if not found and concept.level_id:
                found = reader.level(concept, group[-1].end, seg_end)
            if found:
                record = reader.make(found.ident, found.value, scope, strive, group[0].start, found.end)
                if record:
                    out.append(record)
    return out


def _ident_for(concept: Concept, value: ParsedValue) -> str | None:
    if concept.rate:
        return concept.level_id if value.unit == "%" else None
    if value.unit == "%":
        return concept.growth_id
    return concept.level_id if concept.level_id and unit_fits(concept.level_id, value.unit) else None


def _items(sentence: str, group: list[Mention], verb_end: int) -> list[Mention | None]:
    """The listed items up to 分别, in order; a listed item that is not an indicator name is None
    ("居民消费价格、商品零售价格分别下降…": the second item keeps its slot)."""
    clause_start = max(sentence.rfind(ch, 0, group[0].start) for ch in ",，:：;；") + 1
    items: list[Mention | None] = []
    cursor = clause_start
    for mention in group:
        parts = _ITEM_SEP.split(sentence[cursor : mention.start])
        items.extend(None for part in parts[:-1] if _WORD.search(part))
        items.append(mention)
        cursor = mention.end
    tail = _ITEM_SEP.split(sentence[cursor:verb_end])[1:]  # "与上年相比分别" compares, it lists nothing
    items.extend(None for part in tail if _WORD.search(part) and not _COMPARED.match(part))
    return items


def value_run(reader: SentenceReader, start: int, end: int) -> list[ParsedValue]:
    """Consecutive values "8.8%、10.1%和9.6%" starting at the first value after 分别 (a verb may precede)."""
    sentence = reader.sentence
    values: list[ParsedValue] = []
    cursor = start
    for match in VALUE_RE.finditer(sentence, start, end):
        between = sentence[cursor : match.start()]
        if values and not _RUN_GAP.fullmatch(between):
            break
        if not values and len(between) > 12:
            break
        parsed = parse_value(match, sentence[max(0, match.start() - 6) : match.start()])
        if parsed is None:
            parsed = ParsedValue(None, None, None, "", "point", match.start(), match.end())  # "490家": keeps its slot
        values.append(parsed)
        cursor = match.end()
    return [v if v.unit else _placeholder(v) for v in values]


def _placeholder(value: ParsedValue) -> ParsedValue:
    return ParsedValue(None, None, None, "?", value.modifier, value.start, value.end)
