"""The administrative division table (`pipeline/data/divisions.tsv`) and finding its names in text.

Each division is findable by its official name (渝北区, 恩施土家族苗族自治州), by its name without the
generic suffix (渝北, 恩施, 内蒙古) and, for autonomous units, by the short form reports use (恩施州,
石柱县). A short name followed by a different unit suffix than the table's ("梁平区" where the table,
older than the 2016 change, has 梁平县) is found as a *renamed* mention: same place, written name kept,
but not the table's unit, so no code is claimed for it.

Placeholder rows of the source data (市辖区, 县, 省直辖县级行政区划) are not places and are never found.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DIVISIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "divisions.tsv"
MUNICIPALITIES = ("北京市", "天津市", "上海市", "重庆市")
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_DIRECT_PARENTS = {"省直辖县级行政区划", "自治区直辖县级行政区划"}
_ETHNIC = (
    "蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|拉祜|水|东乡|纳西|景颇"
    "|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安"
    "|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺|各"
)
_AUTONOMOUS = re.compile(rf"^(?P<base>.{{2,}}?)(?:(?:{_ETHNIC})族?)+自治(?P<kind>区|州|县|旗)$")
_SPECIAL = re.compile(r"^(?P<base>.{2,}?)(?:特别行政区|自治区|新区|林区|特区|矿区|地区)$")
_PLAIN = re.compile(r"^(?P<base>.{2,}?)(?P<kind>省|市|县|区|旗|盟)$")
# Unit suffixes a written name can end with; used to tell an abbreviation from a renamed unit.
UNIT_SUFFIXES = "省市县区旗盟州"

LEVEL_OF_ROW = {"province": "province", "prefecture": "city", "county": "county"}


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str  # province | city | county (the label's admin_level, not the table's word)
    province: str
    prefecture: str  # "" for provinces and prefectures; a placeholder for municipal districts

    @property
    def region(self) -> str:
        """The name qualified by its direct parent unless that parent is an ordinary province."""
        return qualified_name(self.name, self.level, self.province, self.prefecture)

    @property
    def suffix(self) -> str:
        return self.name[-1]


def qualified_name(name: str, level: str, province: str, prefecture: str) -> str:
    if level != "county" or prefecture in _DIRECT_PARENTS:
        return name
    if province in MUNICIPALITIES:
        return province + name
    return prefecture + name


@dataclass(frozen=True)
class Mention:
    """Division names found at text[start:end]; `renamed` when the written suffix is not the table's."""

    start: int
    end: int
    written: str
    divisions: tuple[Division, ...]
    renamed: bool = False
    exact: bool = True  # written as an official (or official short) name, not a bare base name


def _short_names(name: str) -> list[tuple[str, bool]]:
    """(alias, keeps_suffix) pairs: bare base names and the short forms of autonomous units."""
    found = _AUTONOMOUS.match(name)
    if found:
        kind = found.group("kind")
        base = found.group("base")
        return [(base, False)] + ([(base + kind, True)] if kind != "区" else [])
    for pattern in (_SPECIAL, _PLAIN):
        found = pattern.match(name)
        if found:
            return [(found.group("base"), False)]
    return []


@dataclass
class _Index:
    by_first_char: dict[str, list[tuple[str, bool, tuple[Division, ...]]]]
    divisions: tuple[Division, ...]


def load_divisions(path: Path = DIVISIONS_FILE) -> list[Division]:
    rows: list[Division] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        code, name, level, province, prefecture = (line.split("\t") + [""] * 5)[:5]
        if name in _PLACEHOLDERS or level not in LEVEL_OF_ROW:
            continue
        rows.append(Division(code, name, LEVEL_OF_ROW[level], province, prefecture))
    return rows


@lru_cache(maxsize=1)
def _index() -> _Index:
    exact: dict[str, list[Division]] = defaultdict(list)
    short: dict[str, list[Division]] = defaultdict(list)
    divisions = tuple(load_divisions())
    for division in divisions:
        exact[division.name].append(division)
        for alias, keeps_suffix in _short_names(division.name):
            (exact if keeps_suffix else short)[alias].append(division)
    by_first: dict[str, list[tuple[str, bool, tuple[Division, ...]]]] = defaultdict(list)
    for table, is_exact in ((exact, True), (short, False)):
        for name, rows in table.items():
            if is_exact or name not in exact:
                by_first[name[0]].append((name, is_exact, tuple(rows)))
    for entries in by_first.values():
        entries.sort(key=lambda entry: (-len(entry[0]), not entry[1]))
    return _Index(dict(by_first), divisions)


def all_divisions() -> tuple[Division, ...]:
    return _index().divisions


def find_mentions(text: str, exact_only: bool = False) -> list[Mention]:
    """Division names in `text`, left to right, longest match first, without overlaps."""
    index = _index().by_first_char
    mentions: list[Mention] = []
    pos = 0
    while pos < len(text):
        mention = _mention_at(text, pos, index, exact_only)
        if mention is None:
            pos += 1
            continue
        mentions.append(mention)
        pos = mention.end
    return mentions


def _mention_at(text: str, pos: int, index: dict[str, list[tuple[str, bool, tuple[Division, ...]]]],
                exact_only: bool) -> Mention | None:
    for name, is_exact, rows in index.get(text[pos], ()):
        if not text.startswith(name, pos):
            continue
        end = pos + len(name)
        if is_exact:
            return Mention(pos, end, name, rows)
        if exact_only:
            continue
        following = text[end:end + 1]
        if following and following in UNIT_SUFFIXES:
            # 梁平区 for the table's 梁平县: the same place under a newer (or older) unit type.
            kept = tuple(d for d in rows if d.suffix == following)
            if kept:
                return Mention(pos, end + 1, name + following, kept)
            return Mention(pos, end + 1, name + following, rows, renamed=True, exact=False)
        return Mention(pos, end, name, rows, exact=False)
    return None
