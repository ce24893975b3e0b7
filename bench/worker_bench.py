"""Figure 2, worker scaling: pages/s through real Celery workers with 1 and 2 pool processes, against the
same pages processed without Redis and Celery.

Workload: an even sample of the crawl portal's detail pages (so the end-to-end figure can compare with
it), each page one document. Baseline (`bench.inprocess`): the task's body — pipeline, near-duplicate
resolution, `save_page` into SQLite — run in this process. The per-process ratio is
rate(n workers) / (n × in-process rate): what is left after the broker round trips, message encoding
(zlib + base64 JSON), Celery's prefork pool with prefetch 1 and late acks, the delivery and outcome
counters and, for two processes, SQLite write contention and the sharing of the machine's cores. The
figure is, per round, the worse of the 1- and 2-process ratios.

Because two processes on a two-core machine that also runs Redis and this benchmark cannot double the
rate anyway, a second baseline forks 2 in-process processes in parallel: its rate over 2 × in-process is
the machine's own scaling, and workers(2) over it is the Redis + Celery cost alone.
"""

from __future__ import annotations

from bench.inprocess import fresh_store, parallel_rate, single_rate
from bench.lab import Lab
from bench.stats import Figure, Goal, Line, paired_ratios
from bench.worker_runs import raw_pages, running_workers, sample_paths, send_and_wait, warm_up_pages
from govreports.models import RawPage
from pipeline.segment import get_segmenter

GOAL = Goal(">=", 0.8)
CONCURRENCIES = (1, 2)
BATCH_TIMEOUT_S = 600.0


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
    paths = sample_paths(portal.detail_paths, lab.size(120, 8))
    pages = raw_pages(portal, paths)
    rounds = lab.size(3, 1)
    top = max(CONCURRENCIES)
    lab.say(f"workers: loading jieba for the in-process baseline ({len(pages)} pages per run, {rounds} rounds)")
    segmenter = get_segmenter(cache_dir=lab.settings().jieba_cache_dir)
    store_path = lab.home / "inprocess" / "store.sqlite3"
    inprocess: list[float] = []
    parallel: list[float] = []
    by_concurrency: dict[int, list[float]] = {n: [] for n in CONCURRENCIES}
    documents = 0
    for number in range(rounds):
        fresh_store(store_path, warm_up_pages(lab, lab.warm_pages_per_child), segmenter)
        pages_per_s, documents = single_rate(store_path, pages, segmenter)
        inprocess.append(pages_per_s)
        fresh_store(store_path, warm_up_pages(lab, lab.warm_pages_per_child * top), segmenter)
        parallel.append(parallel_rate(store_path, pages, segmenter, top))
        lab.say(f"workers round {number + 1}/{rounds}: in-process {pages_per_s:.1f} pages/s, "
                f"{top} in parallel {parallel[-1]:.1f} pages/s")
        for concurrency in CONCURRENCIES:
            value = worker_rate(lab, concurrency, pages)
            by_concurrency[concurrency].append(value)
            lab.say(f"  {concurrency} worker process(es): {value:.1f} pages/s "
                    f"({value / concurrency / pages_per_s:.2f} per process of in-process)")
    lab.fresh_redis()
    per_process = {n: [r / n / base for r, base in zip(by_concurrency[n], inprocess)] for n in CONCURRENCIES}
    worst = [min(values) for values in zip(*per_process.values())]
    scaled = [base * top for base in inprocess]
    lines = [Line(f"workers, {n} process{'es' if n > 1 else ''}, pages/s", "pages/s", by_concurrency[n],
                  f"{n} × in-process", [base * n for base in inprocess], per_process[n], GOAL)
             for n in CONCURRENCIES]
    lines += [
        Line(f"  {top} in-process in parallel (machine scaling)", "pages/s", parallel, f"{top} × in-process", scaled,
             paired_ratios(parallel, scaled)),
        Line(f"  workers, {top} processes vs {top} in parallel", "pages/s", by_concurrency[top],
             f"{top} in parallel", parallel, paired_ratios(by_concurrency[top], parallel)),
    ]
    return Figure(
        key="worker_vs_inprocess", label="workers: per-process rate / in-process", unit="ratio", runs=worst,
        goal=GOAL, lines=lines,
        inputs={"pages": len(pages), "documents_per_run": documents,
                "page_chars_mean": round(sum(portal.detail_reports[p].chars for p in paths) / max(1, len(paths))),
                "rounds": rounds, "concurrencies": list(CONCURRENCIES),
                "warm_up_pages_per_process": lab.warm_pages_per_child},
        extra={"per_process_ratio": {str(n): per_process[n] for n in CONCURRENCIES},
               "pages_per_s": {"in_process": inprocess, f"in_process_parallel_{top}": parallel,
                               **{str(n): by_concurrency[n] for n in CONCURRENCIES}}},
        notes=["value per round: the worse of the 1- and 2-process per-process ratios",
               "clock: first page sent → queue drained (all outcomes counted); every pool child and the "
               "in-process baselines warmed up with pages outside the sample first"],
    )
