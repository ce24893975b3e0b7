"""Place names from `pipeline/data/divisions.tsv`, with their short forms (高坪区 → 高坪, 重庆市 → 重庆).

Cleaning uses them to know what may legitimately repeat across a page and fill a report title's region
slot; the metadata extractor owns the full division table (codes, levels, parents).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

DIVISIONS_FILE = Path(__file__).resolve().parent / "data" / "divisions.tsv"
# Longest first, so 自治州 is removed before 州; the short form must keep two characters.
_SUFFIX = re.compile(r"(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|自治县|自治旗|林区|特区|新区|地区"
                     r"|[省市县区州盟旗])$")
_ETHNIC = re.compile(r"(?:[\u4e00-\u9fff]{1,4}族)+$")  # 恩施土家族苗族 → 恩施
_PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}


def short_form(name: str) -> str:
    stem = _SUFFIX.sub("", name)
    stem = _ETHNIC.sub("", stem) or stem
    return stem if len(stem) >= 2 else name


@lru_cache(maxsize=1)
def place_names() -> list[str]:
    """Every division name and its short form, once each."""
    names: dict[str, None] = {}
    for raw in DIVISIONS_FILE.read_text(encoding="utf-8").splitlines():
        if not raw or raw.startswith("#"):
            continue
        columns = raw.split("\t")
        if len(columns) < 2 or columns[1] in _PLACEHOLDERS:
            continue
        names[columns[1]] = None
        names[short_form(columns[1])] = None
    return list(names)
