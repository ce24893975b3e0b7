"""Continuous crawling: the beat calendar (dense in the congress season), the round lock, and
`govreports schedule` for real — Celery beat + its worker run a `crawl --once` round over a loopback
source, which is then recorded as finished; SIGTERM leaves no process behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
import redis
from celery.schedules import crontab

from crawler.beat import ROUND_LOCK, beat_schedule, run_round
from crawler.round_state import read_rounds
from runtime.redis_server import EmbeddedRedis
from tests.crawler.changing_portal import ChangingPortal
from tests.crawler.test_incremental_rounds import REPO, crawl_env, write_registry


def test_calendar_is_denser_in_the_congress_season() -> None:
    entries = beat_schedule()
    season, rest = entries["crawl-round-congress-season"]["schedule"], entries["crawl-round-rest-of-year"]["schedule"]
    assert isinstance(season, crontab) and isinstance(rest, crontab)
    assert season.month_of_year == {1, 2, 3} and rest.month_of_year == set(range(4, 13))
    assert len(season.minute) * len(season.hour) == 48 and len(rest.minute) * len(rest.hour) == 8  # rounds a day
    (fixed,) = beat_schedule(every_s=5).values()
    assert fixed["schedule"].run_every.total_seconds() == 5


@pytest.mark.integration
def test_round_lock_keeps_rounds_apart(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url)
        client.set(ROUND_LOCK, "another-scheduler")
        assert run_round(server.url, {}) == {"skipped": "another crawl round is running"}
        assert client.get(ROUND_LOCK) == b"another-scheduler"  # not ours: left alone
        client.close()


@pytest.mark.integration
def test_schedule_runs_rounds_and_stops_cleanly(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with ChangingPortal() as portal, EmbeddedRedis(tmp_path / "redis") as server:
        env = crawl_env(home, server.url)
        env["CRAWL_SOURCES"] = str(write_registry(tmp_path / "sources.yaml", portal))
        log = open(tmp_path / "schedule.log", "wb")
        process = subprocess.Popen([sys.executable, "-m", "cli.main", "schedule", "--every", "600", "--now"], cwd=REPO,
                                   env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        client = redis.Redis.from_url(server.url)
        try:
            deadline = time.monotonic() + 50
            names = ["fixture-a", "fixture-b", "fixture-c"]
            while not all(r.get("status") == "finished" for r in read_rounds(client, names).values()) \
                    or len(read_rounds(client, names)) < 3:
                assert process.poll() is None, (tmp_path / "schedule.log").read_text(errors="replace")[-3000:]
                assert time.monotonic() < deadline, (tmp_path / "schedule.log").read_text(errors="replace")[-3000:]
                time.sleep(0.25)
            assert any(hit.path == "/a/" for hit in portal.take_hits())
            children = psutil.Process(process.pid).children(recursive=True)
        finally:
            os.kill(process.pid, signal.SIGTERM)
            process.wait(timeout=60)
            log.close()
        assert client.get(ROUND_LOCK) is None
        client.close()
        assert children and not [c for c in children if c.is_running() and c.status() != psutil.STATUS_ZOMBIE]
