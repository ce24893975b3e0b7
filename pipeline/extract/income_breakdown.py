"""The urban and rural figures a report gives after an income figure, under 其中, without the income name.

"城乡居民人均可支配收入增长8%,其中城镇居民、农村居民分别增长7.5%、8.7%" or "全体居民人均可支配收入增长6%,
其中城镇居民增长5.4%,农民增长7.1%": the populations alone (城镇居民, 城市居民, 农村居民, 农民, 农牧民) are not
indicator names, so the sentence reader never sees them. Read right after an income name, they give an
urban and a rural record next to the name's own (all-residents) figure. Populations are read in the
order written, and a 分别 pair is zipped with its values like any other list.
"""

from __future__ import annotations

import re

from govreports.models import Indicator
from pipeline.extract.indicator_lists import value_run, zip_values
from pipeline.extract.indicator_names import Mention
from pipeline.extract.indicator_reader import SentenceReader

_URBAN = r"(?:城镇|城市)(?:常住)?居民"
_RURAL = r"(?:农村(?:常住)?居民|农(?:牧)?民)"
_INCOME = r"(?:家庭)?(?:人均(?:可支配|纯)?收入|收入)?"
_POPULATION = re.compile(rf"\s*(?:(?P<urban>{_URBAN})|(?P<rural>{_RURAL}))")
_INCOME_WORDS = re.compile(_INCOME)
_OPENING = re.compile(r"[,，;；(（]\s*其中[,，:：]?\s*")
_PAIR_SEP = re.compile(r"[、和与及]")
_RESPECTIVELY = re.compile(r"[^,，;；。\d%]{0,10}?分别")
_CLAUSE_END = re.compile(r"[,，、;；)）]")


def income_breakdown(reader: SentenceReader, mention: Mention, end: int, strive: bool) -> list[Indicator]:
    """Urban and rural records from a 其中 clause that follows the income name's own clauses."""
    sentence = reader.sentence
    own_end = reader.attached_clauses(mention.end, end)[-1][1]  # the name's reading stops before 其中
    opening = _OPENING.search(sentence, mention.end, end)
    if not opening or opening.start() > own_end:
        return []
    first = _population(sentence, opening.end(), end)
    if first is None:
        return []
    scope, cursor = first
    second = _population(sentence, cursor + 1, end) if _PAIR_SEP.match(sentence, cursor) else None
    if second is not None:
        verb = _RESPECTIVELY.match(sentence, second[1], end)
        if not verb:
            return []
        slots = [(mention.concept, scope, mention), (mention.concept, second[0], mention)]
        values = value_run(reader, verb.end(), end)[:2]
        return zip_values(reader, [mention], list(slots), values, verb.end(), strive) if values else []
    return _one_by_one(reader, mention, opening.end(), end, strive)


def _population(sentence: str, start: int, end: int) -> tuple[str, int] | None:
    """The population named at `start` and where its name (with an optional income word) ends."""
    match = _POPULATION.match(sentence, start, end)
    if not match:
        return None
    tail = _INCOME_WORDS.match(sentence, match.end(), end)
    return ("urban" if match.group("urban") else "rural"), (tail.end() if tail else match.end())


def _one_by_one(reader: SentenceReader, mention: Mention, start: int, end: int,
                strive: bool) -> list[Indicator]:
    """"其中城镇居民增长5.4%,农民增长7.1%": each population with its own growth figure."""
    out: list[Indicator] = []
    cursor = start
    seen: set[str] = set()
    while cursor < end:
        named = _population(reader.sentence, cursor, end)
        if named is None or named[0] in seen:
            break
        scope, name_end = named
        stop = _CLAUSE_END.search(reader.sentence, name_end, end)
        found = reader.growth(mention.concept, name_end, stop.start() if stop else end)
        if not found:
            break
        record = reader.make(found.ident, found.value, scope, strive, mention.start, found.end)
        if record:
            out.append(record)
        seen.add(scope)
        if stop is None:
            break
        cursor = stop.end()
    return out
