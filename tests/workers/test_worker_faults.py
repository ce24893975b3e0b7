"""Faults with real processes: a worker child SIGKILLed mid-task, and Redis restarted under the workers.

Nothing may be lost or duplicated: every page sent is processed once into the store.
"""

from __future__ import annotations

import os
import signal
import time
from pathlib import Path

import psutil
import pytest
import redis

from govreports.models import RawPage
from govreports.settings import Settings
from runtime.queue_watch import read_state, wait_for_drain
from runtime.redis_server import EmbeddedRedis
from runtime.task_sender import PageSender
from runtime.worker_processes import WorkerProcesses
from search.factory import open_store

pytestmark = pytest.mark.integration

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"


def _big_pages(count: int) -> list[RawPage]:
    body = next(SEEDS.glob("000_*.txt")).read_bytes()  # ten reports: a second or so of work each
    return [RawPage(url=f"http://portal.test/big-{i}.html", body=body, content_type="text/plain; charset=utf-8")
            for i in range(count)]


def _pool_children(workers: WorkerProcesses) -> list[psutil.Process]:
    children: list[psutil.Process] = []
    for process in workers.processes:
        children += psutil.Process(process.pid).children(recursive=True)
    return children


def _wait_until(predicate, timeout: float = 60.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("condition not reached")
        time.sleep(0.05)


def test_sigkilled_worker_child_task_is_redelivered(settings: Settings) -> None:
    pages = _big_pages(6)
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        sender = PageSender(server.url)
        for page in pages:
            sender.send(page)
        sender.close()
        with WorkerProcesses(settings, server.url, count=1, concurrency=1) as workers:
            _wait_until(lambda: read_state(client).unacked > 0)  # a task is in flight
            time.sleep(0.3)
            victims = _pool_children(workers)
            assert victims, "no pool child to kill"
            for child in victims:
                os.kill(child.pid, signal.SIGKILL)
            wait_for_drain(client, before.processed, len(pages), timeout_s=240, check_workers=workers.check_alive)
        client.close()
    store = open_store(settings)
    counts = store.counts()
    store.close()
    assert counts["pages_stored"] == len(pages)
    assert counts["pages_failed"] == 0
    assert counts["documents"] == 10 * len(pages)  # no loss, no duplicates


def test_redis_restart_during_processing_loses_nothing(settings: Settings) -> None:
    pages = _big_pages(6)
    server = EmbeddedRedis(settings.embedded_redis_dir).start()
    try:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        sender = PageSender(server.url)
        for page in pages:
            sender.send(page)
        sender.close()
        client.close()
        with WorkerProcesses(settings, server.url, count=1, concurrency=1) as workers:
            time.sleep(1.5)
            server.stop()  # SHUTDOWN flushes the AOF; queued messages survive
            time.sleep(1.0)
            server = EmbeddedRedis(settings.embedded_redis_dir).start()
            client = redis.Redis.from_url(server.url)
            wait_for_drain(client, before.processed, len(pages), timeout_s=240, check_workers=workers.check_alive)
            client.close()
    finally:
        server.stop()
    store = open_store(settings)
    counts = store.counts()
    store.close()
    assert counts["pages_stored"] == len(pages)
    assert counts["documents"] == 10 * len(pages)
