"""Figures of a place or zone inside the report's region: not the region's own indicators.

Reports quote figures of their parts next to their own: a development zone ("高新区地区生产总值增长12%"),
a city cluster or belt ("呼包鄂地区…", "长株潭城市群…", "沿海经济带…"), an industrial cluster zone
("产业集聚区规模以上工业增加值…"), or a county-level unit of a prefecture ("XX市实现生产总值…" in a 地区/盟
report). The rule: when the clause's subject just before an indicator name is a place or zone name other
than the report's own region (全省/全市/我县/本区… or the region's own name), the figure is that place's.

The own region's names come from the `region` metadata when the caller knows it ("信阳市固始县" → 信阳市固始县,
固始县), else from the report's opening lines (title, meeting line), where reports name themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A development zone, park or shopping district anywhere in the name's own clause.
_ZONE = re.compile(r"新区|片区|园区|开发区|高新区|经开区|产业园|入园|商圈|步行街|保税区|自贸区|示范区|功能区")
# The same, strong enough to mark the whole sentence when it opens the sentence.
_STRONG_ZONE = re.compile(r"新区|园区|开发区|高新区|经开区|产业园|入园|商圈|步行街|保税区")
_BRACKETED = re.compile(r"[(（][^()（）]{0,30}[)）]")
# Words between a subject and the indicator name: "和田市实现生产总值", "XX县全年完成…".
_VERBS_BEFORE_NAME = re.compile(r"(?:全年|今年|去年|上年|年内|预计|力争|确保|争取|实现了?|完成了?|达到|的|要|将)+$")
_OPENING_WORDS = re.compile(r"^(?:(?:19|20)\d\d年|全年|今年|去年|上年|年内|一年来|同时|其中|力争|确保|争取|预计|推动|促进|带动|使)+")
# The region itself, however a report writes it.
_OWN_WORDS = re.compile(r"^(?:全|我|本)(?:自治区|地区|[省市区县州盟旗])|^全国|^各|^辖区")
_PLACE_SUFFIX = re.compile(r"(?:城市群|经济带|经济区|经济圈|都市圈|都市区|集聚区|示范区|试验区|自治区|自治州|自治县|地区|"
                           r"[省市县区旗盟州])$")
# Characters that a bare area abbreviation before 地区生产总值 (呼包鄂, 长株潭) never holds.
_FUNCTION_CHARS = re.compile(r"[是的在和与及为中其全我本今年来使将要把新增各该此计算统核初据经测了]")
_FIGURE = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|亿元|万元|万人|元)")
_LEVEL_OF = (("地区", "地区"), ("州", "州"), ("盟", "盟"), ("旗", "旗"), ("县", "县"), ("区", "区"), ("市", "市"), ("省", "省"))


@dataclass(frozen=True)
class OwnRegion:
    """Names under which the report speaks of its own region, and its opening text as a fallback."""

    names: tuple[str, ...]
    opening: str


def own_region(text: str, region: str | None) -> OwnRegion:
    names: list[str] = []
    if region:
        names.append(region)
        parts = re.findall(r".+?(?:自治区|自治州|自治县|地区|[省市县区旗盟州])", region)
        names.extend(parts[-1:])
    # The self-naming lines (title, meeting line) come before the first figure of the report.
    first_figure = _FIGURE.search(text, 0, 400)
    return OwnRegion(tuple(names), text[: first_figure.start() if first_figure else 400])


def _level(name: str) -> str:
    return next((level for suffix, level in _LEVEL_OF if name.endswith(suffix)), "")


def _is_own(place: str, own: OwnRegion) -> bool:
    for name in own.names:
        if place == name:
            return True
        stem, own_stem = place[: -len(_level(place)) or None], name[: -len(_level(name)) or None]
        # 湘西州 for 湘西土家族苗族自治州, 内蒙古 for 内蒙古自治区: same stem start and the same level.
        if _level(place) == _level(name) and stem[:2] == own_stem[:2]:
            return True
    return not own.names and place in own.opening


def other_place_subject(clause: str, mention_text: str, own: OwnRegion) -> bool:
    """The clause before an indicator name makes a place other than the region its subject."""
    subject = _OPENING_WORDS.sub("", _VERBS_BEFORE_NAME.sub("", _BRACKETED.sub("", clause).strip()))
    if not subject or _OWN_WORDS.search(subject):
        return False
    place = re.search(r"[\u4e00-\u9fff]{2,12}$", subject)
    if place and _PLACE_SUFFIX.search(place.group(0)):
        return not _is_own(place.group(0), own)
    # "呼包鄂地区生产总值": the 地区 of the indicator name belongs to the area named before it.
    # The region's own short name ("广西地区生产总值" in 广西壮族自治区's report) is its own.
    return (mention_text.startswith("地区") and re.fullmatch(r"[\u4e00-\u9fff]{2,4}", subject) is not None
            and not _FUNCTION_CHARS.search(subject) and not any(name.startswith(subject) for name in own.names)
            and not (not own.names and subject in own.opening))


def sub_area_subject(own_clause: str, opening: str, mention_text: str, own: OwnRegion) -> bool:
    """A zone in the name's own clause, a strong zone opening the sentence, or another place as subject."""
    clause = _BRACKETED.sub("", own_clause)
    return bool(_ZONE.search(clause) or _STRONG_ZONE.search(opening)
                or other_place_subject(own_clause, mention_text, own))
