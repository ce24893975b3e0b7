"""Figure 6, query latency: p50/p95 of the canned aggregations on a store with 100,000 indicator records.

The canned aggregations are the ones users run: the demo's GDP growth target by province and year and
its reports-mentioning-新质生产力 by year, `govreports query agg`'s default (every indicator by province
and year, base targets only), and the `search/queries/` examples as `AggQuery`s (report coverage by
level and year; GDP growth target vs realised by region and year). The store is filled through
`Store.save_page` with generated documents (`bench.store_data`); each round runs every query
`repeats` times in shuffled order on an open store (after one warm-up pass), and the figure is each
round's p95 over all executions. SQLite always; Elasticsearch as well when ELASTICSEARCH_URL is set
(indices under a `govreports-bench-<pid>` prefix, deleted afterwards).
"""

from __future__ import annotations

import os
import random
import time
from collections.abc import Callable

from bench.lab import Lab
from bench.stats import Figure, Line, percentile
from bench.store_data import StoreShape, pages
from search.factory import open_store
from search.store import AggQuery, Store

CANNED: dict[str, AggQuery] = {
    "gdp growth target by province, year": AggQuery(
        target="indicators", group_by=("province", "report_year"), metrics=("count", "avg", "min", "max"),
        filters={"indicator": "gdp_growth", "kind": "target", "strive": False}),
    "all indicators by province, year (query agg default)": AggQuery(
        target="indicators", group_by=("province", "report_year"), filters={"strive": False}),
    "reports mentioning 新质生产力 by year": AggQuery(
        target="reports", group_by=("report_year",), metrics=("count",), phrase="新质生产力"),
    "work report coverage by level, year": AggQuery(
        target="reports", group_by=("admin_level", "report_year"), metrics=("count",),
        filters={"doc_type": "work_report"}),
    "gdp growth target vs realised by region, year": AggQuery(
        target="indicators", group_by=("region", "year", "kind"), metrics=("count", "avg"),
        filters={"indicator": "gdp_growth", "admin_level": "province", "strive": False}),
}


def fill(store: Store, shape: StoreShape, say: Callable[[str], None]) -> float:
    store.setup()
    started = time.monotonic()
    for number, (outcome, documents) in enumerate(pages(shape)):
        store.save_page(outcome, documents)
        if number and number % 100 == 0:
            say(f"  {number * shape.documents_per_page:,}/{shape.documents:,} documents saved")
    return time.monotonic() - started


def run_rounds(store: Store, rounds: int, repeats: int) -> dict[str, list[list[float]]]:
    """Latencies in ms per query, one list per round."""
    for query in CANNED.values():  # warm-up: page cache, query planner
        store.aggregate(query)
    rng = random.Random(5)
    latencies: dict[str, list[list[float]]] = {name: [] for name in CANNED}
    for _ in range(rounds):
        order = [name for name in CANNED for _ in range(repeats)]
        rng.shuffle(order)
        for values in latencies.values():
            values.append([])
        for name in order:
            started = time.perf_counter()
            store.aggregate(CANNED[name])
            latencies[name][-1].append((time.perf_counter() - started) * 1000)
    return latencies


def lines_for(backend: str, latencies: dict[str, list[list[float]]], rounds: int) -> tuple[list[Line], list[float]]:
    per_round = [[ms for name in latencies for ms in latencies[name][i]] for i in range(rounds)]
    p95 = [percentile(values, 95) for values in per_round]
    lines = [Line(f"query p95, {backend} (all canned)", "ms", p95),
             Line(f"query p50, {backend} (all canned)", "ms", [percentile(values, 50) for values in per_round])]
    for name, by_round in latencies.items():
        lines.append(Line(f"  p95 {name}", "ms", [percentile(values, 95) for values in by_round]))
    return lines, p95


def measure_backend(lab: Lab, store: Store, backend: str, shape: StoreShape) -> tuple[list[Line], list[float], dict]:
    lab.say(f"query: filling {backend} with {shape.documents:,} reports × {shape.indicators_per_document} indicators")
    fill_s = fill(store, shape, lab.say)
    counts = store.counts()
    rounds, repeats = lab.size(3, 1), lab.size(10, 3)
    lab.say(f"  filled in {fill_s:.1f} s ({counts['indicators']:,} indicators); {rounds} rounds × {repeats} of "
            f"{len(CANNED)} queries")
    latencies = run_rounds(store, rounds, repeats)
    rows = {name: len(store.aggregate(query)) for name, query in CANNED.items()}
    lines, p95 = lines_for(backend, latencies, rounds)
    return lines, p95, {"fill_s": round(fill_s, 1), "counts": counts, "rows_returned": rows,
                        "rounds": rounds, "repeats": repeats,
                        "latencies_ms": {name: [[round(v, 3) for v in r] for r in runs] for name, runs in latencies.items()}}


def _drop_es_indices(store: Store, prefix: str) -> None:
    from search.es_mappings import KINDS, index_name
    from search.es_setup import versions

    client = store.client  # type: ignore[attr-defined]
    for kind in KINDS:
        for version in versions(client, prefix, kind):
            client.indices.delete(index=index_name(prefix, kind, version), ignore_unavailable=True)


def measure(lab: Lab) -> Figure:
    shape = StoreShape(documents=lab.size(2500, 50), indicators_per_document=40, documents_per_page=5)
    settings = lab.settings()
    lab.fresh_store(settings)
    store = open_store(settings)
    try:
        lines, p95, inputs = measure_backend(lab, store, "SQLite", shape)
    finally:
        store.close()
    extra: dict[str, object] = {"sqlite": inputs}
    if lab.elasticsearch_url:
        prefix = f"govreports-bench-{os.getpid()}"
        es_settings = lab.settings(ELASTICSEARCH_URL=lab.elasticsearch_url, ELASTICSEARCH_INDEX_PREFIX=prefix)
        es = open_store(es_settings)
        try:
            es_lines, es_p95, es_inputs = measure_backend(lab, es, "Elasticsearch", shape)
            lines += es_lines
            extra["elasticsearch"] = {**es_inputs, "p95_ms": es_p95}
        finally:
            _drop_es_indices(es, prefix)
            es.close()
    return Figure(
        key="query_p95_ms", label="query p95 (SQLite)", unit="ms", runs=p95, lines=lines,
        inputs={"documents": shape.documents, "indicators": shape.indicators, "queries": list(CANNED),
                "elasticsearch": bool(lab.elasticsearch_url)},
        extra=extra,
        notes=["no goal set by the issue; generated documents (bench.store_data), saved through Store.save_page"],
    )
