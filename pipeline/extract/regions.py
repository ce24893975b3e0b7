"""Which administrative division a report belongs to, from the places its text names.

Evidence comes as short *phrases*, most reliable first: the region in the meeting line ("在重庆市渝北区
第十八届人民代表大会…"), the government in the speaker line ("南岸区人民政府区长"), "我代表X人民政府",
the title. The unit is the last division named in the most reliable phrase that names one; names before
it in the same phrase are its parents. When several divisions share the name (朝阳区, 鼓楼区, 桥西区), the
choice narrows by the parents named, the speaker's title (区长 → county level), the other phrases, and
finally by which candidate's province or prefecture the body mentions most. A tie stays unresolved: a
wrong region is worse than none, so region and code are then null, while province and level are still
given if every remaining candidate shares them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.extract.divisions import MUNICIPALITIES, Division, Mention, find_mentions, qualified_name

# A phrase tail that names a unit the table lacks (abolished or newer): 崇文区, 襄樊市.
_UNIT_TAIL = re.compile(r"^[\u4e00-\u9fff]{1,8}?(?:区|县|旗|市|自治州|州|盟|地区)$")
# Words after a division's name that make the place a part of it, not the division itself.
_SUB_AREA = re.compile(r"镇|乡|街道|开发区|高新区|新区|园区|管委会|管理委员会|工委|片区|示范区|试验区")
# Level words that name no particular unit: "在地区第三届人民代表大会", "全市", "本县", "城区".
_GENERIC_PLACE = re.compile(r"^[全本我该各此]?(?:自治区|自治州|自治县|自治旗|地区|[省市县区州盟旗])$"
                            r"|^[城郊山园社景辖矿片新老市]区$")
_PARENT_MIN_MENTIONS = 3
_SUFFIX_LEVEL = {"区": "county", "县": "county", "旗": "county", "州": "city", "盟": "city", "地区": "city"}


@dataclass(frozen=True)
class RegionResult:
    region: str | None = None
    province: str | None = None
    admin_level: str | None = None
    division_code: str | None = None

    def as_dict(self) -> dict[str, str | None]:
        return {"region": self.region, "province": self.province, "admin_level": self.admin_level,
                "division_code": self.division_code}


def resolve_region(phrases: Sequence[str], body: str = "", levels: Iterable[str] | None = None) -> RegionResult:
    """The division the phrases name. `levels` narrows ambiguous names (from the speaker's title)."""
    allowed = set(levels) if levels else None
    parsed = [(phrase, find_mentions(phrase)) for phrase in phrases if phrase]
    for index, (phrase, mentions) in enumerate(parsed):
        if not mentions:
            continue
        others = [m for n, (_, ms) in enumerate(parsed) if n != index for m in ms]
        return _from_phrase(phrase, mentions, others, body, allowed)
    for phrase, _ in parsed:  # no known name anywhere: a clean unit name is still the region as written
        if (_UNIT_TAIL.match(phrase) and len(phrase) >= 2 and not _SUB_AREA.search(phrase)
                and not _GENERIC_PLACE.match(phrase)):
            parent = _dominant_parent(body) if phrase[-1] in "区县旗" else None
            if parent is not None:
                return _unknown_under(phrase, [parent], allowed)
            return RegionResult(region=phrase, admin_level=_tail_level(phrase, None, allowed))
    return RegionResult()


def _from_phrase(phrase: str, mentions: list[Mention], others: list[Mention], body: str,
                 allowed: set[str] | None) -> RegionResult:
    unit, parents = mentions[-1], mentions[:-1]
    tail = phrase[unit.end:].strip(" :：,，;；、")
    if _SUB_AREA.search(tail):
        # A township, development zone or park inside the named unit: not a division of the table.
        return _shared(_pick(list(unit.divisions), parents, others, body, allowed), level=False)
    if tail and _UNIT_TAIL.match(tail) and unit.divisions[0].level != "county":
        # A unit the table does not know, under a parent it does: "北京市崇文区".
        return _unknown_under(tail, _pick(list(unit.divisions), parents, others, body, allowed), allowed)
    if parents and not any(all(_is_ancestor(p, c) for p in parents) for c in unit.divisions):
        # "重庆市双桥区" (abolished 2011) is not 承德市双桥区: the name is unknown under the parent written.
        parent = parents[-1]
        if _UNIT_TAIL.match(unit.written):
            return _unknown_under(unit.written, _pick(list(parent.divisions), parents[:-1], others, body, allowed),
                                  allowed)
    candidates = _pick(list(unit.divisions), parents, others, body, allowed)
    if len(candidates) != 1:
        return _shared(candidates)
    division = candidates[0]
    if unit.renamed:
        region = qualified_name(unit.written, division.level, division.province, division.prefecture)
        return RegionResult(region, division.province, division.level, None)
    return RegionResult(division.region, division.province, division.level, division.code)


def _pick(candidates: list[Division], parents: list[Mention], others: list[Mention], body: str,
          allowed: set[str] | None) -> list[Division]:
    """Narrow same-named candidates step by step; a step that would leave none is skipped."""
    steps = [
        lambda c: all(_is_ancestor(p, c) for p in parents),
        lambda c: allowed is None or c.level in allowed,
        lambda c: any(_is_ancestor(m, c) or c in m.divisions for m in others),
    ]
    for keep in steps:
        if len(candidates) <= 1:
            break
        narrowed = [c for c in candidates if keep(c)]
        candidates = narrowed or candidates
    if len(candidates) > 1 and body:
        candidates = _by_body_mentions(candidates, body)
    return candidates


def _is_ancestor(mention: Mention, division: Division) -> bool:
    return any(parent.name in (division.province, division.prefecture) and parent.level != "county"
               for parent in mention.divisions)


def _by_body_mentions(candidates: list[Division], body: str) -> list[Division]:
    """The candidate whose province/prefecture the body names most; all of them on a tie."""
    counts: dict[str, int] = {}
    for mention in find_mentions(body, exact_only=False):
        if len(mention.written) < 2 or not mention.divisions:
            continue
        for division in mention.divisions:
            if division.level != "county":
                counts[division.name] = counts.get(division.name, 0) + 1
    scores = [counts.get(c.province, 0) + counts.get(c.prefecture, 0) for c in candidates]
    best = max(scores)
    winners = [c for c, score in zip(candidates, scores) if score == best]
    return winners if best > 0 and len(winners) == 1 else candidates


def _shared(candidates: list[Division], level: bool = True) -> RegionResult:
    """Ambiguous: only what every candidate has in common."""
    provinces = {c.province for c in candidates}
    levels = {c.level for c in candidates}
    return RegionResult(
        province=provinces.pop() if len(provinces) == 1 else None,
        admin_level=levels.pop() if level and len(levels) == 1 else None,
    )


def _dominant_parent(body: str) -> Division | None:
    """The prefecture or municipality the body names far more than any other (≥ 3 times, 2× the next):
    the parent of a district the table does not know ("在郫都区…" with 成都 all through the text)."""
    counts: dict[Division, int] = {}
    for mention in find_mentions(body, exact_only=True):
        for division in mention.divisions:
            if division.level == "city" or division.name in MUNICIPALITIES:
                counts[division] = counts.get(division, 0) + 1
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if not ranked or ranked[0][1] < _PARENT_MIN_MENTIONS:
        return None
    if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
        return None
    return ranked[0][0]


def _unknown_under(tail: str, parents: list[Division], allowed: set[str] | None) -> RegionResult:
    if len(parents) != 1:
        return _shared(parents)
    parent = parents[0]
    province = parent.province
    if parent.level == "province":
        level = _tail_level(tail, parent, allowed)
        prefecture = "" if province not in MUNICIPALITIES else "市辖区"
        region = qualified_name(tail, level or "city", province, prefecture)
    else:
        level = "county"
        region = qualified_name(tail, level, province, parent.name)
    return RegionResult(region, province, level, None)


def _tail_level(tail: str, parent: Division | None, allowed: set[str] | None) -> str | None:
    if parent is not None and parent.name in MUNICIPALITIES:
        return "county"
    for suffix, level in _SUFFIX_LEVEL.items():
        if tail.endswith(suffix):
            return level
    if allowed and len(allowed) == 1:
        return next(iter(allowed))
    return None

