"""Names that each carry their own level, then one shared 分别 verb for all of them.

"城镇居民人均可支配收入41230元、农村居民人均可支配收入21560元,分别增长6.1%和7.9%" or "社会消费品零售总额
125亿元,外贸进出口总额30亿美元,分别增长12%和8%": the names are not adjacent (a level sits between them),
so they form separate groups, and read one by one the last name would take the first growth figure. Here
the run of values after 分别 is zipped with the chain of names before it, each of which must be followed
only by its own level and a separator. The chain is as long as the run needs (a 城乡 income name fills two
slots, a blocked name such as 财政总收入 fills one and gives no record); when no chain fits, nothing is
read here and the groups are read as usual.
"""

from __future__ import annotations

import re

from govreports.models import Indicator
from pipeline.extract.indicator_lists import Slot, slots_for, value_run, zip_values
from pipeline.extract.indicator_names import Mention
from pipeline.extract.indicator_reader import SentenceReader
from pipeline.extract.values import VALUE_RE, parse_value

# A name's own level and the separator after it: "41230元、", "达到125亿元,".
_OWN_LEVEL = re.compile(r"[^,，;；。\d%]{0,6}?" + VALUE_RE.pattern + r"\s?[,，、和及与]\s?")
_THEN_RESPECTIVELY = re.compile(r"(?:同比|比上年|较上年|比去年|与上年相比)?分别")


def trailing_lists(reader: SentenceReader, groups: list[list[Mention]],
                   strives: list[bool]) -> dict[int, list[Indicator]]:
    """Records of each chain read here, keyed by the index of the chain's last group; every group of a
    chain is listed (the earlier ones with no records) so the caller skips their growth reading.
    `strives[i]` says whether group i is a stretch goal; the chain takes its last group's."""
    found: dict[int, list[Indicator]] = {}
    sentence = reader.sentence
    for last, group in enumerate(groups):
        if len(group) != 1 or last == 0:
            continue
        end = groups[last + 1][0].start if last + 1 < len(groups) else len(sentence)
        level = _own_level(sentence, group[0].end, end)
        verb = _THEN_RESPECTIVELY.match(sentence, level) if level else None
        if not verb:
            continue
        values = value_run(reader, verb.end(), end)
        if len(values) < 2:
            continue
        chain = _chain(reader, groups, last, len(values))
        if chain is None:
            continue
        names, slots = chain
        records = zip_values(reader, names, slots, values, verb.end(), strives[last])
        if records:
            for index in range(last - len(names) + 1, last):
                found[index] = []
            found[last] = records
    return found


def _own_level(sentence: str, start: int, end: int) -> int | None:
    """End of "<level><separator>" right after a name, or None when something else follows it."""
    match = _OWN_LEVEL.match(sentence, start, end)
    if not match:
        return None
    value = parse_value(match, sentence[max(start, match.start("a") - 6) : match.start("a")])
    return match.end() if value and value.unit not in ("%", "个百分点") else None


def _chain(reader: SentenceReader, groups: list[list[Mention]], last: int,
           wanted: int) -> tuple[list[Mention], list[Slot]] | None:
    """The names from `last` backwards whose slots fill `wanted` values, each followed by its level."""
    names: list[Mention] = []
    slots: list[Slot] = []
    index = last
    while index >= 0 and len(slots) < wanted:
        group = groups[index]
        if len(group) != 1:
            return None
        if index < last and _own_level(reader.sentence, group[0].end, groups[index + 1][0].start) != \
                groups[index + 1][0].start:
            return None  # something other than a level stands between this name and the next
        mention = group[0]
        names.insert(0, mention)
        own: list[Slot] = [None] if mention.concept.name == "blocked" else list(slots_for(reader, mention))
        slots[:0] = own
        index -= 1
    return (names, slots) if len(slots) == wanted and len(names) > 1 else None
