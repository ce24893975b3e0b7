"""Figure 2, worker scaling: pages/s through real Celery workers with 1 and 2 pool processes, against the
same pages processed in this process.

Workload: an even sample of the crawl portal's detail pages (so the end-to-end figure can compare with
it), each page one document. In-process baseline: exactly the task's body without Celery —
`workers.processing.process_raw_page` (the pipeline) then `search.mirrors.save_resolving_copies` (near-
duplicate resolution and `save_page`) into a SQLite store of the same kind. So the ratio is the overhead of the broker, message encoding (zlib + base64 JSON), Celery's
prefork pool, the delivery/outcome counters and, for two processes, SQLite write contention and the
sharing of two cores. Per-process ratio: rate(n) / (n × in-process rate). Each round runs in-process,
then 1, then 2 processes; the figure is, per round, the worse of the two per-process ratios.
"""

from __future__ import annotations

import time

from bench.lab import Lab
from bench.stats import Figure, Goal, Line, rate
from bench.worker_runs import raw_pages, running_workers, sample_paths, send_and_wait, warm_up_pages
from govreports.models import RawPage
from pipeline.segment import get_segmenter
from search.mirrors import save_resolving_copies
from search.sqlite_store import SQLiteStore
from workers.processing import process_raw_page

GOAL = Goal(">=", 0.8)
CONCURRENCIES = (1, 2)
BATCH_TIMEOUT_S = 600.0


def in_process_rate(lab: Lab, pages: list[RawPage]) -> tuple[float, int]:
    """(pages/s, documents) for the pages run through the task's pipeline and store calls right here."""
    segmenter = get_segmenter(cache_dir=lab.settings().jieba_cache_dir)
    path = lab.home / "inprocess" / "store.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    store = SQLiteStore(path)
    store.setup()
    documents = 0
    try:
        for page in warm_up_pages(lab, lab.warm_pages_per_child):  # as a worker child is warmed, untimed
            save_resolving_copies(store, page, *process_raw_page(page, segmenter))
        started = time.monotonic()
        for page in pages:
            outcome, docs = process_raw_page(page, segmenter)
            save_resolving_copies(store, page, outcome, docs)
            documents += len(docs)
        seconds = time.monotonic() - started
    finally:
        store.close()
    return rate(len(pages), seconds), documents


def worker_rate(lab: Lab, concurrency: int, pages: list[RawPage]) -> float:
    lab.fresh_redis()
    lab.fresh_store(lab.settings())
    with running_workers(lab, concurrency) as workers:
        batch = send_and_wait(lab, workers, pages, BATCH_TIMEOUT_S)
    if batch.state.gap:
        raise RuntimeError(f"worker run lost pages: {batch.state.to_dict()}")
    return batch.pages_per_s


def measure(lab: Lab) -> Figure:
    portal = lab.portal
    paths = sample_paths(portal.detail_paths, lab.size(200, 8))
    pages = raw_pages(portal, paths)
    rounds = lab.size(3, 1)
    lab.say(f"workers: loading jieba for the in-process baseline ({len(pages)} pages per run, {rounds} rounds)")
    get_segmenter(cache_dir=lab.settings().jieba_cache_dir)
    inprocess: list[float] = []
    by_concurrency: dict[int, list[float]] = {n: [] for n in CONCURRENCIES}
    documents = 0
    for number in range(rounds):
        pages_per_s, documents = in_process_rate(lab, pages)
        inprocess.append(pages_per_s)
        lab.say(f"workers round {number + 1}/{rounds}: in-process {pages_per_s:.1f} pages/s")
        for concurrency in CONCURRENCIES:
            value = worker_rate(lab, concurrency, pages)
            by_concurrency[concurrency].append(value)
            lab.say(f"  {concurrency} worker process(es): {value:.1f} pages/s "
                    f"({value / concurrency / pages_per_s:.2f} per process of in-process)")
    lab.fresh_redis()
    per_process = {n: [r / n / base for r, base in zip(by_concurrency[n], inprocess)] for n in CONCURRENCIES}
    worst = [min(values) for values in zip(*per_process.values())]
    lines = [Line(f"workers, {n} process{'es' if n > 1 else ''}, pages/s", "pages/s", by_concurrency[n],
                  f"{n} × in-process", [base * n for base in inprocess], per_process[n], GOAL)
             for n in CONCURRENCIES]
    return Figure(
        key="worker_vs_inprocess", label="workers: per-process rate / in-process", unit="ratio", runs=worst,
        goal=GOAL, lines=lines,
        inputs={"pages": len(pages), "documents_per_run": documents,
                "page_chars_mean": round(sum(portal.detail_reports[p].chars for p in paths) / max(1, len(paths))),
                "rounds": rounds, "concurrencies": list(CONCURRENCIES)},
        extra={"per_process_ratio": {str(n): per_process[n] for n in CONCURRENCIES},
               "pages_per_s": {"in_process": inprocess, **{str(n): by_concurrency[n] for n in CONCURRENCIES}}},
        notes=["value per round: the worse of the 1- and 2-process per-process ratios",
               "clock: first page sent → queue drained (all outcomes counted); workers warmed up before"],
    )
