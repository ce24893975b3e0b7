"""Running pages through real Celery workers for the benchmark: start, warm up, send, wait, time.

Shared by the worker-scaling, memory and end-to-end figures. Workers are the project's own
(`runtime.worker_processes.WorkerProcesses`: `celery -A workers.celery_app worker`, jieba preloaded
before the pool forks), fed by `runtime.task_sender.PageSender` on the lab's embedded Redis and watched
with `runtime.queue_watch`; they write to the SQLite store under the lab's data directory.
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from bench.lab import Lab
from bench.portal import Portal, extra_detail_pages
from govreports.models import RawPage
from runtime.queue_watch import QueueState, read_state, wait_for_drain
from runtime.task_sender import PageSender
from runtime.worker_processes import WorkerProcesses

PAGE_BASE_URL = "http://bench.invalid"
DRAIN_POLL_S = 0.05
WARM_UP_TIMEOUT_S = 120.0


def raw_pages(portal: Portal, paths: Sequence[str]) -> list[RawPage]:
    return [RawPage(url=PAGE_BASE_URL + path, body=portal.pages[path].body, status=200,
                    content_type=portal.pages[path].content_type, source="bench") for path in paths]


def warm_up_pages(lab: Lab, count: int) -> list[RawPage]:
    return [RawPage(url=PAGE_BASE_URL + path, body=page.body, status=200, content_type=page.content_type,
                    source="bench") for path, page in extra_detail_pages(lab.corpus, count)]


def sample_paths(paths: Sequence[str], count: int) -> list[str]:
    """`count` paths spread evenly over `paths` (every k-th), so a sample has the whole mix of pages."""
    if count <= 0 or not paths:
        return []
    if count >= len(paths):
        return list(paths)
    step = len(paths) / count
    return [paths[int(i * step)] for i in range(count)]


@dataclass
class Batch:
    pages: int
    seconds: float
    state: QueueState

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.seconds


@contextmanager
def running_workers(lab: Lab, concurrency: int, **env: str) -> Iterator[WorkerProcesses]:
    """One `celery worker` process with `concurrency` pool children, warmed up with a few real pages per
    child that are not part of any measurement; stopped on exit."""
    settings = lab.settings(**env)
    with lab.child_environment(REDIS_URL=lab.redis_url, **env):
        workers = WorkerProcesses(settings, lab.redis_url, count=1, concurrency=concurrency).start()
    try:
        send_and_wait(lab, workers, warm_up_pages(lab, lab.warm_pages_per_child * concurrency), WARM_UP_TIMEOUT_S)
        yield workers
    finally:
        workers.stop()


def send_and_wait(lab: Lab, workers: WorkerProcesses, pages: Sequence[RawPage], timeout_s: float) -> Batch:
    """Send the pages and wait until all are processed; the clock runs from the first send to the drain."""
    before = read_state(lab.redis)
    sender = PageSender(lab.redis_url)
    try:
        started = time.monotonic()
        for page in pages:
            sender.send(page)
        state = wait_for_drain(lab.redis, before.processed, len(pages), timeout_s,
                               check_workers=workers.check_alive, poll_s=DRAIN_POLL_S)
        seconds = time.monotonic() - started
    finally:
        sender.close()
    # wait_for_drain needs two idle polls in a row: one poll interval of the clock is that confirmation.
    return Batch(len(pages), max(seconds - DRAIN_POLL_S, 1e-6), state)
