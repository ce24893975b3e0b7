"""Figure 7, worker memory: one worker process after loading jieba and the vocabulary, the sharing of a
2-process worker (preload + copy-on-write), and RSS over a long run with WORKER_MAX_MEMORY_MB.

A Celery worker is a parent that loads jieba and the vocabulary (`worker_init`, before forking) plus
its pool children. Measured from /proc (`bench.procmem`): RSS, PSS, USS of parent and children right
after warm-up, and of the 2-process worker again after it processed a batch (CPython's reference counts
write to shared objects, so some shared pages become private as the children work). Long run (issue 6,
item 5): right after its measurement, the 1-process worker's child processes many pages (one in 20 a
full report) while its RSS is sampled four times a second: growth shows as the last quarter's mean
over the first's, and a recycle (WORKER_MAX_MEMORY_MB) as a new child pid.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import psutil

from bench.lab import Lab
from bench.portal import report_page
from bench.procmem import MemoryUse, process_memory, total, tree_memory
from bench.stats import Figure, Line, summary
from bench.worker_runs import PAGE_BASE_URL, raw_pages, running_workers, sample_paths, send_and_wait
from govreports.models import RawPage

TIMEOUT_S = 600.0
SAMPLE_EVERY_S = 0.25
FULL_REPORT_EVERY = 20  # one page in 20 of the long run is a full report, the rest portal pages


def worker_tree(workers: Any) -> list[MemoryUse]:
    return tree_memory(workers.processes[0].pid)


def tree_dict(uses: list[MemoryUse]) -> dict[str, Any]:
    return {"processes": [use.to_dict() for use in uses],
            **{f"total_{field}": None if (v := total(uses, field)) is None else round(v, 1)
               for field in ("rss_mb", "pss_mb", "uss_mb")}}


def long_run_pages(lab: Lab, count: int) -> list[RawPage]:
    portal_pages = raw_pages(lab.portal, sample_paths(lab.portal.detail_paths, count))
    for index in range(0, count, FULL_REPORT_EVERY):
        report = lab.corpus[index // FULL_REPORT_EVERY % len(lab.corpus)]
        path, page = report_page(report, index)
        portal_pages[index] = RawPage(url=PAGE_BASE_URL + path, body=page.body, content_type=page.content_type,
                                      source="bench")
    return portal_pages


class ChildSampler(threading.Thread):
    """Samples (seconds, pages processed, child pid, child RSS MB) of a worker's pool children."""

    def __init__(self, lab: Lab, parent_pid: int) -> None:
        super().__init__(name="rss-sampler", daemon=True)
        self.lab, self.parent = lab, psutil.Process(parent_pid)
        self.samples: list[tuple[float, int, int, float]] = []
        self._halt = threading.Event()
        self._t0 = time.monotonic()

    def run(self) -> None:
        from runtime.queue_watch import read_state

        while not self._halt.wait(SAMPLE_EVERY_S):
            processed = read_state(self.lab.redis).processed
            for child in self.parent.children():
                try:
                    rss = child.memory_info().rss / 2**20
                except psutil.NoSuchProcess:  # recycled between listing and reading
                    continue
                self.samples.append((time.monotonic() - self._t0, processed, child.pid, rss))

    def stop(self) -> None:
        self._halt.set()
        self.join(timeout=5)


def long_run(lab: Lab, workers: Any) -> dict[str, Any]:
    """Many pages through the (warmed-up, measured) single child of `workers`, its RSS sampled meanwhile."""
    pages = long_run_pages(lab, lab.size(200, 8))
    limit = lab.settings().worker_max_memory_mb
    lab.say(f"memory: long run, {len(pages)} pages through the same child (WORKER_MAX_MEMORY_MB={limit})")
    sampler = ChildSampler(lab, workers.processes[0].pid)
    sampler.start()
    try:
        batch = send_and_wait(lab, workers, pages, TIMEOUT_S)
    finally:
        sampler.stop()
    samples = sampler.samples
    if not samples:
        raise RuntimeError("no RSS sample of the worker child was taken")
    rss = [s[3] for s in samples]
    quarter = max(1, len(rss) // 4)
    return {"pages": len(pages), "seconds": round(batch.seconds, 1), "limit_mb": limit,
            "child_processes": len({s[2] for s in samples}), "recycles": len({s[2] for s in samples}) - 1,
            "rss_first_quarter_mean_mb": round(sum(rss[:quarter]) / quarter, 1),
            "rss_last_quarter_mean_mb": round(sum(rss[-quarter:]) / quarter, 1),
            "rss_max_mb": round(max(rss), 1), "rss_min_mb": round(min(rss), 1),
            "samples": [(round(t, 2), n, pid, round(r, 1)) for t, n, pid, r in samples[:: max(1, len(samples) // 200)]]}


def measure(lab: Lab) -> Figure:
    lab.fresh_redis()
    lab.fresh_store(lab.settings())
    lab.say("memory: 1-process worker after warm-up, then a long run through it")
    with running_workers(lab, 1) as workers:
        one = worker_tree(workers)
        run = long_run(lab, workers)
    lab.fresh_redis()
    lab.fresh_store(lab.settings())  # the batch below must not meet the long run's pages as revisits
    lab.say("memory: 2-process worker after warm-up and after a batch of pages")
    batch_pages = raw_pages(lab.portal, sample_paths(lab.portal.detail_paths, lab.size(60, 4)))
    with running_workers(lab, 2) as workers:
        two_idle = worker_tree(workers)
        send_and_wait(lab, workers, batch_pages, TIMEOUT_S)
        two_busy = worker_tree(workers)
    child_uses = one[1:] + two_idle[1:]
    children = [use.rss_mb for use in child_uses]
    lab.fresh_redis()

    def totals(uses: list[MemoryUse], field: str) -> list[float]:
        value = total(uses, field)
        return [] if value is None else [value]

    pss_one, pss_two = totals(one, "pss_mb"), totals(two_idle, "pss_mb")
    lines = [
        Line("worker child RSS after jieba + vocabulary", "MB", children),
        Line("  worker child USS (pages only it has)", "MB", [u.uss_mb for u in child_uses if u.uss_mb is not None]),
        Line("1-process worker total PSS (parent + child)", "MB", pss_one, "sum of RSS", totals(one, "rss_mb")),
        Line("2-process worker total PSS, idle", "MB", pss_two, "sum of RSS", totals(two_idle, "rss_mb")),
        Line(f"2-process worker total PSS after {len(batch_pages)} pages", "MB", totals(two_busy, "pss_mb"),
             "sum of RSS", totals(two_busy, "rss_mb")),
        Line("  second child's cost (2- minus 1-process PSS)", "MB", [b - a for a, b in zip(pss_one, pss_two)]),
        Line(f"long run child RSS, last quarter ({run['pages']} pages)", "MB", [run["rss_last_quarter_mean_mb"]],
             "first quarter", [run["rss_first_quarter_mean_mb"]],
             [run["rss_last_quarter_mean_mb"] / run["rss_first_quarter_mean_mb"]]),
    ]
    return Figure(
        key="worker_rss_mb", label="worker child RSS after loading", unit="MB", runs=children, lines=lines,
        inputs={"one_process": tree_dict(one), "two_processes_idle": tree_dict(two_idle),
                "two_processes_after_batch": tree_dict(two_busy), "batch_pages": len(batch_pages)},
        extra={"long_run": run, "bench_process_rss_mb": round(process_memory(psutil.Process().pid).rss_mb, 1),
               "child_rss_summary": summary(children)},
        notes=["no goal set by the issue; RSS counts pages shared with the parent in every process, PSS divides "
               "them among the processes sharing them (totals add up), USS is what only that process holds",
               f"long run: the 1-process worker's child after its measurement, RSS sampled every "
               f"{SAMPLE_EVERY_S} s; WORKER_MAX_MEMORY_MB={run['limit_mb']}, recycles={run['recycles']}"],
    )
