"""The pure parts of the measurements: process memory from /proc, generated store data, dedup inputs,
sampling and dealing of pages and reports."""

from __future__ import annotations

import os

import pytest

from bench.corpus import build_corpus
from bench.dedup_bench import bench_urls, fingerprints
from bench.pipeline_bench import deal
from bench.procmem import MemoryUse, parse_smaps_rollup, process_memory, total
from bench.store_data import MODIFIERS, StoreShape, pages
from bench.worker_runs import sample_paths

ROLLUP = """55d0c8a2e000-7ffd8e7f2000 ---p 00000000 00:00 0                          [rollup]
Rss:              204800 kB
Pss:               51200 kB
Pss_Anon:          40000 kB
Shared_Clean:     150000 kB
Shared_Dirty:       3000 kB
Private_Clean:      1800 kB
Private_Dirty:     50000 kB
Swap:                  0 kB
"""


def test_smaps_rollup_gives_rss_pss_and_uss() -> None:
    fields = parse_smaps_rollup(ROLLUP)
    assert fields["Rss"] == 204800 and fields["Pss_Anon"] == 40000
    use = MemoryUse.from_rollup(7, fields)
    assert (use.rss_mb, use.pss_mb, use.uss_mb) == (200.0, 50.0, pytest.approx(50.586, abs=1e-3))
    with pytest.raises(ValueError, match="lacks"):
        MemoryUse.from_rollup(7, {"Rss": 1})


def test_memory_of_this_process_and_totals() -> None:
    own = process_memory(os.getpid())
    assert own.rss_mb > 10
    if own.pss_mb is not None:  # Linux with a readable smaps_rollup
        assert 0 < own.pss_mb <= own.rss_mb and 0 < own.uss_mb <= own.rss_mb  # type: ignore[operator]
    uses = [MemoryUse(1, 100.0, 40.0, 10.0), MemoryUse(2, 90.0, 30.0, 12.0)]
    assert total(uses, "rss_mb") == 190.0 and total(uses, "uss_mb") == 22.0
    assert total([MemoryUse(1, 100.0)], "pss_mb") is None


def test_store_data_has_the_shape_asked_and_valid_ranges() -> None:
    shape = StoreShape(documents=23, indicators_per_document=6, documents_per_page=5)
    saved = list(pages(shape))
    documents = [doc for _, docs in saved for doc in docs]
    assert len(saved) == 5 and [len(docs) for _, docs in saved] == [5, 5, 5, 5, 3]
    assert len(documents) == 23 and len({doc.id for doc in documents}) == 23
    assert shape.indicators == 138 and all(len(doc.indicators) == 6 for doc in documents)
    records = [record for doc in documents for record in doc.indicators]
    assert {record["modifier"] for record in records} <= set(MODIFIERS)
    for record in records:
        if record["modifier"] == "range":
            assert record["value"] is None and record["low"] < record["high"]
        else:
            assert record["value"] is not None
    assert all(outcome.document_ids == [d.id for d in docs] for outcome, docs in saved)
    assert [doc.id for _, docs in pages(shape) for doc in docs] == [doc.id for doc in documents]  # deterministic


def test_dedup_inputs_are_distinct_sha1_fingerprints() -> None:
    urls = list(bench_urls(5000))
    assert len(set(urls)) == 5000 and all(url.startswith("https://www.s") for url in urls)
    prints = fingerprints(5000)
    assert len(set(prints)) == 5000 and {len(p) for p in prints} == {20}


def test_sample_paths_spread_over_the_whole_list() -> None:
    paths = [f"/p{i}" for i in range(100)]
    assert sample_paths(paths, 4) == ["/p0", "/p25", "/p50", "/p75"]
    assert sample_paths(paths, 500) == paths and sample_paths(paths, 0) == [] and sample_paths([], 3) == []


def test_deal_gives_each_round_the_same_mix() -> None:
    corpus = build_corpus(46)
    rounds = deal(corpus, 2)
    assert [len(r) for r in rounds] == [23, 23]
    assert sorted(report.origin.split("/")[0] for report in rounds[0]) == \
        sorted(report.origin.split("/")[0] for report in rounds[1])
    assert sorted(map(id, rounds[0] + rounds[1])) == sorted(map(id, corpus))
    with pytest.raises(ValueError):
        deal(corpus, 0)
