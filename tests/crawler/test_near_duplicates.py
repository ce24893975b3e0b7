"""Near-duplicate measures and the choice of the canonical copy (pure, on the seed reports' text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.near_duplicates import (
    MIRROR,
    SUPERSEDED,
    Copy,
    compare,
    hamming,
    normalise,
    preferred,
    relation,
    simhash,
)

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"


def _seed(prefix: str) -> str:
    lines = next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines[2:] if line.strip())


BISHAN, GAOPING = _seed("001"), _seed("003")


def test_reformatted_copy_is_the_same_text() -> None:
    aggregator = "【璧山招商】" + BISHAN.replace("，", ",").replace("\n", "").replace("。", ". ") + "\n投稿邮箱：x@y.cn"
    comparison = compare(BISHAN, aggregator)
    assert comparison.near_duplicate and comparison.resemblance > 0.95
    assert normalise("２０２４年ＧＤＰ增长　5%。") == "2024年gdp增长5"


def test_earlier_shorter_version_is_contained() -> None:
    earlier = BISHAN[: len(BISHAN) * 6 // 10]
    comparison = compare(earlier, BISHAN)
    assert comparison.resemblance < 0.8 and comparison.a_in_b > 0.99 and comparison.near_duplicate


def test_different_reports_are_not_near_duplicates() -> None:
    comparison = compare(BISHAN, GAOPING)
    assert not comparison.near_duplicate and comparison.similarity < 0.2
    assert not compare("", BISHAN).near_duplicate


def test_simhash_separates_copies_from_other_reports() -> None:
    assert hamming(simhash(BISHAN), simhash(BISHAN.replace("。", "，"))) <= 3
    assert hamming(simhash(BISHAN), simhash(GAOPING)) > 12


OFFICIAL = Copy("a", "http://www.bishan.gov.cn/zwgk/t1.html", 30000, authority=100, fetched_at="2024-02-27T10:00:00")
AGGREGATOR = Copy("b", "http://www.cyyq.net/zt/1.html", 30500, authority=10, fetched_at="2024-02-20T10:00:00")


@pytest.mark.parametrize(
    ("a", "b", "winner"),
    [
        (OFFICIAL, AGGREGATOR, "a"),  # official portal over aggregator, though a little shorter
        (Copy("a", "u", 30000, 100, truncated=True), Copy("b", "v", 29000, 10), "b"),  # complete over truncated
        (Copy("a", "u", 20000, 100, "2024-02-01"), Copy("b", "u2", 30000, 100, "2024-01-01"), "b"),  # clearly longer
        (Copy("a", "u", 30000, 100, "2024-02-01"), Copy("b", "u2", 30100, 100, "2024-03-01"), "b"),  # later correction
        (Copy("b", "u", 30000, 100, "t"), Copy("a", "u2", 30000, 100, "t"), "a"),  # a stable tie-break
    ],
)
def test_preferred_copy(a: Copy, b: Copy, winner: str) -> None:
    assert preferred(a, b).doc_id == winner and preferred(b, a).doc_id == winner


def test_relation_by_site() -> None:
    assert relation(AGGREGATOR, OFFICIAL) == MIRROR
    earlier = Copy("c", "http://bishan.gov.cn/old/t0.html", 20000, 100)
    assert relation(earlier, OFFICIAL) == SUPERSEDED  # www. and bare host are one site
