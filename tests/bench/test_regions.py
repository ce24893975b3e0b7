"""bench.regions: portal pages moved to other divisions like their seed's, so (region, year) pairs spread."""

from __future__ import annotations

import random
from collections import Counter

from bench.corpus import Report, build_corpus, seed_reports
from bench.portal import build_portal
from bench.regions import relocate, seed_divisions, somewhere_else
from pipeline.extract.divisions import all_divisions


def division(name: str, province: str):  # type: ignore[no-untyped-def]
    return next(d for d in all_divisions() if d.name == name and d.province == province)


def test_most_seeds_have_a_known_division() -> None:
    known = seed_divisions()
    assert len(known) >= 20 and set(known) <= {report.origin for report in seed_reports()}
    assert known["001"].name == "璧山区"  # title 重庆市璧山区政府工作报告(2024年)


def test_relocate_writes_the_targets_names_where_the_seed_wrote_its_own() -> None:
    report = Report("重庆市璧山区政府工作报告(2024年)", ("璧山区第十八届人民代表大会", "重庆市璧山区人民政府区长"),
                    "2024-02-27", "001")
    moved = relocate(report, division("璧山区", "重庆市"), division("屯溪区", "安徽省"))
    assert moved.title == "黄山市屯溪区政府工作报告(2024年)"
    assert moved.paragraphs == ("屯溪区第十八届人民代表大会", "黄山市屯溪区人民政府区长")
    assert moved.date == report.date and moved.origin.startswith("001@")


def test_somewhere_else_keeps_level_and_unit_suffix() -> None:
    rng = random.Random(4)
    source = seed_divisions()["000#1"]  # 巫山县
    report = next(r for r in seed_reports() if r.origin == "000#1")
    for _ in range(20):
        moved = somewhere_else(report, rng)
        code = moved.origin.rpartition("@")[2]
        target = next(d for d in all_divisions() if d.code == code)
        assert target.level == source.level and target.name.endswith("县")
        assert target.name in moved.title and source.name not in moved.title.replace(target.name, "")


def test_a_portal_spreads_over_many_regions() -> None:
    portal = build_portal(build_corpus(46), detail_count=300, columns=3)
    titles = Counter(report.title for report in portal.detail_reports.values())
    assert len(titles) > 250  # the seeds alone would give at most 46 distinct titles
