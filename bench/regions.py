"""Moving a corpus report to another region, so a generated portal spreads over many (region, year) pairs.

The seeds come from about twenty places, so thousands of pages made from them would pile up on a few
(region, year) pairs, tens of reports each. A real portal has one to a few copies of each region's
report for a year, and the workers' near-duplicate resolution (`search.mirrors`) compares a new report
with every stored one of its region and year (up to 50): a pile-up would make processing look slower
the fuller the store, which real data does not do. So each portal page names another division of the
same level (and unit suffix: 区 for 区, 县 for 县 …) from the real division table, written where the seed
wrote its own: title, meeting line and body. Short forms (璧山 for 璧山区) stay, like the stray old names
in real copies. The seed's own division is what the project's metadata extractor finds in it.
"""

from __future__ import annotations

import random
from functools import lru_cache

from bench.corpus import Report, seed_reports
from pipeline.extract.divisions import MUNICIPALITIES, Division, all_divisions
from pipeline.extract.metadata import extract_metadata


@lru_cache(maxsize=1)
def _by_code() -> dict[str, Division]:
    return {division.code: division for division in all_divisions()}


@lru_cache(maxsize=1)
def seed_divisions() -> dict[str, Division]:
    """Seed origin ("001", "002#3" …) → the division its report is about, where one is found."""
    found: dict[str, Division] = {}
    for report in seed_reports():
        code = extract_metadata(report.title, report.text).get("division_code") or ""
        if code in _by_code():
            found[report.origin] = _by_code()[code]
    return found


@lru_cache(maxsize=None)
def _alike(level: str, suffix: str) -> tuple[Division, ...]:
    return tuple(d for d in all_divisions() if d.level == level and d.suffix == suffix and len(d.name) >= 2)


def _real(prefecture: str) -> bool:
    """A prefecture name, not one of the table's placeholders (市辖区, 县, 省直辖县级行政区划)."""
    return bool(prefecture) and prefecture not in ("市辖区", "县") and not prefecture.endswith("行政区划")


def _replacements(source: Division, target: Division) -> list[tuple[str, str]]:
    pairs = [(source.name, target.name)]
    if source.level == "county" and source.province in MUNICIPALITIES:
        # 重庆市璧山区 reads as its municipality + name; elsewhere a county is written after its prefecture.
        pairs.append((source.province, target.prefecture if _real(target.prefecture) else target.province))
    elif source.level != "province" and source.province != target.province:
        pairs.append((source.province, target.province))
    if _real(source.prefecture) and _real(target.prefecture) and source.prefecture != source.name:
        pairs.append((source.prefecture, target.prefecture))
    # Longest first, so 重庆市璧山区 is not half-replaced by a shorter name inside it.
    return sorted((pair for pair in pairs if pair[0] and pair[0] != pair[1]), key=lambda p: -len(p[0]))


def relocate(report: Report, source: Division, target: Division) -> Report:
    """The report as if written by `target`: every written form of the source's names replaced."""
    pairs = _replacements(source, target)

    def moved(text: str) -> str:
        for old, new in pairs:
            text = text.replace(old, new)
        return text

    return Report(moved(report.title), tuple(moved(p) for p in report.paragraphs), report.date,
                  f"{report.origin}@{target.code}")


def somewhere_else(report: Report, rng: random.Random) -> Report:
    """The report moved to a division drawn at random among those like its seed's; unchanged when its
    seed's division is unknown."""
    source = seed_divisions().get(report.origin.split("/")[0])
    if source is None:
        return report
    candidates = _alike(source.level, source.suffix)
    return relocate(report, source, rng.choice(candidates)) if candidates else report
