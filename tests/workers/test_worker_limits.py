"""A page that takes too long becomes a recorded failure, and the worker goes on serving others."""

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


def test_soft_time_limit_records_failure_and_worker_keeps_serving(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    env = {"GOVREPORTS_HOME": str(tmp_path / "home"), "TASK_SOFT_TIME_LIMIT": "1", "TASK_TIME_LIMIT": "20"}
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings = Settings.from_env(env)
    # Ten aggregator pages of ten reports glued together: far more than a second of pipeline work.
    huge = next(SEEDS.glob("000_*.txt")).read_bytes() * 10
    small = next(SEEDS.glob("001_*.txt")).read_bytes()
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        sender = PageSender(server.url)
        sender.send(RawPage(url="http://portal.test/huge.html", body=huge, content_type="text/plain"))
        sender.send(RawPage(url="http://portal.test/small.html", body=small, content_type="text/plain"))
        sender.close()
        with WorkerProcesses(settings, server.url, count=1, concurrency=1) as workers:
            wait_for_drain(client, before.processed, 2, timeout_s=150, check_workers=workers.check_alive)
        client.close()
    store = open_store(settings)
    counts, failures = store.counts(), store.failures()
    store.close()
    assert counts["pages_failed"] == 1 and counts["pages_stored"] == 1
    assert failures[0].url == "http://portal.test/huge.html"
    assert failures[0].step in ("timeout", "worker"), failures[0]  # soft limit, or hard limit after redeliveries
