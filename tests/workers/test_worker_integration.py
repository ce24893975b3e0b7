"""Real Celery worker processes on a real (embedded) redis-server, writing to the SQLite store.

Pages are sent by task name exactly as the crawler sends them. Checks: every page is processed, a
re-sent page adds no duplicate, a broken page is recorded as a failure without stopping the others.
"""

from __future__ import annotations

from pathlib import Path

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


def _pages() -> list[RawPage]:
    pages = []
    for path in sorted(SEEDS.glob("*.txt")):
        pages.append(RawPage(url=f"http://portal.test/{path.stem}.html", body=path.read_bytes(),
                             content_type="text/plain; charset=utf-8", source="seed"))
    return pages


def _run(settings: Settings, server: EmbeddedRedis, pages: list[RawPage]) -> None:
    client = redis.Redis.from_url(server.url)
    before = read_state(client)
    sender = PageSender(server.url)
    for page in pages:
        sender.send(page)
    sender.close()
    with WorkerProcesses(settings, server.url, count=1, concurrency=2) as workers:
        wait_for_drain(client, before.processed, len(pages), timeout_s=240, check_workers=workers.check_alive)
    client.close()


def test_workers_process_store_and_deduplicate(settings: Settings) -> None:
    broken = RawPage(url="http://portal.test/broken.pdf", body=b"%PDF-1.4\x00\x01\x02\xff\xfe" * 50,
                     content_type="application/pdf", source="seed")
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        _run(settings, server, _pages() + [broken])
        store = open_store(settings)
        first = store.counts()
        failures = store.failures()
        store.close()

        assert first["pages_stored"] == 5
        assert first["pages_failed"] == 1
        assert failures[0].url == broken.url and failures[0].reason
        # two aggregator pages with ten reports each + three single documents
        assert first["documents"] >= 20

        _run(settings, server, _pages())  # the same pages again: replaced, never duplicated
        store = open_store(settings)
        second = store.counts()
        store.close()
    assert second["documents"] == first["documents"]
    assert second["indicators"] == first["indicators"]
