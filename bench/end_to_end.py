"""Figure 4, end to end: detail pages/s from the first request to every document queryable in the store,
for the crawl figure's portal, against the slowest stage measured on its own.

One run: empty Redis and store, one Celery worker with 2 pool processes (the default WORKER_CONCURRENCY)
warmed up, then `govreports crawl` of the portal while the workers process what it sends; the clock
starts at the first request the portal server sees and stops when the queue has drained (every page's
outcome written to the SQLite store). The store is then opened and queried to check every page is
accounted for. The stages: crawl (figure 3's project pages/s, no workers running) and processing
(figure 2's 2-process pages/s on a sample of the same pages); the ratio to the slower of the two says how
well the stages overlap. On two cores crawler, portal server, Redis and two workers share the CPU, so
a ratio near 1 needs idle CPU in the slowest stage.
"""

from __future__ import annotations

import time

from bench import crawl_bench
from bench.http_server import PortalServer
from bench.lab import Lab
from bench.stats import Figure, Goal, Line, rate, summary
from bench.worker_runs import DRAIN_POLL_S, running_workers
from runtime.queue_watch import read_state, wait_for_drain
from govreports.settings import Settings
from search.sqlite_store import SQLiteStore

GOAL = Goal(">=", 0.7)
DRAIN_TIMEOUT_S = 900.0
DEPENDS_ON = ("crawl_vs_scrapy", "worker_vs_inprocess")
OUTCOME_COUNTS = ("pages_stored", "pages_skipped", "pages_failed")


def stage_rates(lab: Lab) -> dict[str, float]:
    """Median pages/s of each stage measured earlier in this invocation."""
    crawl = lab.results["crawl_vs_scrapy"].lines[0].runs
    workers = lab.results["worker_vs_inprocess"].extra["pages_per_s"]["2"]
    return {"crawl": summary(crawl)["median"], "processing (2 worker processes)": summary(workers)["median"]}


def store_counts(settings: Settings) -> dict[str, int]:
    """What a user querying the store sees: documents, indicators and pages by outcome."""
    store = SQLiteStore(settings.sqlite_path)
    try:
        return store.counts()
    finally:
        store.close()


def one_run(lab: Lab, server: PortalServer, number: int) -> dict[str, float | int | dict[str, int]]:
    portal = lab.portal
    settings = lab.settings()
    lab.fresh_redis()
    lab.fresh_store(settings)
    with running_workers(lab, 2) as workers:
        warm_up = store_counts(settings)  # the warm-up pages' outcomes are in the store already
        before = read_state(lab.redis)
        crawl = crawl_bench.project_crawl(lab, server, portal, f"end-to-end-{number}")
        crawl_bench.check_complete(crawl, portal)
        sent = read_state(lab.redis).fetched - before.fetched
        state = wait_for_drain(lab.redis, before.processed, sent, DRAIN_TIMEOUT_S, check_workers=workers.check_alive,
                               poll_s=DRAIN_POLL_S)
        finished = time.monotonic() - DRAIN_POLL_S  # the drain was confirmed one poll after it happened
    if crawl.log.first is None:
        raise RuntimeError("the portal server saw no request")
    counts = store_counts(settings)
    outcomes = sum(counts[key] - warm_up[key] for key in OUTCOME_COUNTS)
    if state.gap or outcomes != crawl.details or counts["documents"] <= warm_up["documents"]:
        raise RuntimeError(f"end-to-end run lost pages: {crawl.details} fetched, store has {counts}, queue "
                           f"{state.to_dict()}")
    seconds = finished - crawl.log.first
    return {"pages": crawl.details, "seconds": round(seconds, 3), "pages_per_s": rate(crawl.details, seconds),
            "crawl_window_s": round(crawl.log.window_s, 3), "store": counts, "warm_up_store": warm_up}


def measure(lab: Lab, server: PortalServer) -> Figure:
    missing = [key for key in DEPENDS_ON if key not in lab.results]
    if missing:
        raise RuntimeError(f"end_to_end needs {', '.join(missing)} measured first")
    stages = stage_rates(lab)
    slowest_name = min(stages, key=lambda name: stages[name])
    runs = []
    for number in range(lab.size(1, 1)):
        lab.say(f"end to end run {number + 1}: crawl {len(lab.portal.detail_paths)} pages with 2 worker processes")
        result = one_run(lab, server, number)
        lab.say(f"  {result['pages']} pages queryable after {result['seconds']:.1f} s = {result['pages_per_s']:.1f} pages/s")
        runs.append(result)
    lab.fresh_redis()
    rates = [float(r["pages_per_s"]) for r in runs]  # type: ignore[arg-type]
    slowest = stages[slowest_name]
    ratios = [value / slowest for value in rates]
    crawl_rates = [rate(int(r["pages"]), float(r["crawl_window_s"])) for r in runs]  # type: ignore[arg-type]
    crawl_alone = stages["crawl"]
    return Figure(
        key="end_to_end_vs_slowest", label="end to end / slowest stage", unit="ratio", runs=ratios, goal=GOAL,
        lines=[Line("end to end, detail pages/s", "pages/s", rates, f"slowest stage ({slowest_name})",
                    [slowest] * len(rates), ratios, GOAL),
               Line("  crawl while workers run, detail pages/s", "pages/s", crawl_rates, "crawl alone",
                    [crawl_alone] * len(crawl_rates), [value / crawl_alone for value in crawl_rates])],
        inputs={"runs": runs, "stage_pages_per_s": stages, "slowest_stage": slowest_name},
        notes=["clock: first request at the portal → queue drained, every page's outcome in the SQLite store",
               "stage rates are medians measured alone earlier in the same invocation (figures 2 and 3)"],
    )
