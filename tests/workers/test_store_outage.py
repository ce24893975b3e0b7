"""Store unavailable (SQLite locked by another writer) under real Celery workers.

Short outage: tasks retry with backoff and finish once the lock is gone. Long outage: tasks park on the
dead-letter list after their retries; `govreports retry-failed` drains them when the store is back.
Either way every page ends stored, once.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import time
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

SEED = next((Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds").glob("001_*.txt"))


def _settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, retries: int) -> Settings:
    env = {"GOVREPORTS_HOME": str(tmp_path / "home"), "STORE_BUSY_TIMEOUT_S": "0.3",
           "TASK_MAX_RETRIES": str(retries)}
    for name, value in env.items():
        monkeypatch.setenv(name, value)  # worker subprocesses inherit the environment
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    return Settings.from_env(env)


def _lock_store(settings: Settings) -> sqlite3.Connection:
    store = open_store(settings)
    store.setup()
    store.close()
    blocker = sqlite3.connect(str(settings.sqlite_path), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the database
    return blocker


def _send(url: str, count: int) -> None:
    sender = PageSender(url)
    body = SEED.read_bytes()
    for n in range(count):
        sender.send(RawPage(url=f"http://portal.test/outage-{n}.html", body=body, content_type="text/plain"))
    sender.close()


def _stored(settings: Settings) -> dict[str, int]:
    store = open_store(settings)
    try:
        return store.counts()
    finally:
        store.close()


def test_short_outage_tasks_retry_and_finish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path, monkeypatch, retries=20)
    blocker = _lock_store(settings)
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        _send(server.url, 3)
        with WorkerProcesses(settings, server.url, count=1, concurrency=2) as workers:
            time.sleep(6)  # long enough for several failed attempts
            assert read_state(client).processed == before.processed  # nothing could be recorded yet
            blocker.execute("ROLLBACK")
            blocker.close()
            state = wait_for_drain(client, before.processed, 3, timeout_s=120, check_workers=workers.check_alive)
        client.close()
    assert state.dead_letter == 0
    counts = _stored(settings)
    assert (counts["pages_stored"], counts["documents"]) == (3, 3)


def test_long_outage_parks_pages_and_retry_failed_drains_them(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    settings = _settings(tmp_path, monkeypatch, retries=1)
    blocker = _lock_store(settings)
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        _send(server.url, 2)
        with WorkerProcesses(settings, server.url, count=1, concurrency=1) as workers:
            state = wait_for_drain(client, before.processed, 2, timeout_s=120, check_workers=workers.check_alive)
        assert state.dead_letter == 2  # parked, not lost
        blocker.execute("ROLLBACK")
        blocker.close()
        assert _stored(settings)["pages_stored"] == 0
        # The store is back: retry-failed (a separate process joining this redis-server) drains the list.
        result = subprocess.run([sys.executable, "-m", "cli.main", "retry-failed", "--json"],
                                capture_output=True, text=True, timeout=180, check=False)
        assert result.returncode == 0, result.stderr
        summary = json.loads(result.stdout)
        assert (summary["dead_letter_requeued"], summary["processed"]) == (2, 2)
        assert read_state(client).dead_letter == 0
        client.close()
    counts = _stored(settings)
    assert (counts["pages_stored"], counts["documents"], counts["pages_failed"]) == (2, 2, 0)
