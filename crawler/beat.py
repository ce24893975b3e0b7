"""Continuous crawling through Celery beat: a crawl round every half hour in the congress season
(January–March, China time), every three hours the rest of the year.

The Celery process is `celery -A crawler.beat_app worker -B`, started by `govreports schedule`. Beat sends `govreports.crawl_round` to the `govreports.crawl` queue, which only
this scheduler's own single-slot worker consumes; the task runs `govreports crawl --once` as a child
process (Scrapy's reactor runs once per process). Each round crawls the sources that are *due* (their
own revisit intervals, denser in season: `crawler.round_state`), so a tick with nothing due costs a
Redis read. A Redis lock keeps two schedulers (or a slow round and the next tick) from running rounds
side by side; the lock expires on its own if a scheduler dies mid-round.

`SCHEDULE_EVERY_S` (set by `govreports schedule --every`) replaces the calendar by a fixed interval.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from typing import Any

import redis
from celery import Celery
from celery.schedules import crontab, schedule

from govreports.defaults import REDIS_KEY_PREFIX
from runtime.redis_server import _die_with_parent
from runtime.services import celery_broker_url

TASK_CRAWL_ROUND = "govreports.crawl_round"
CRAWL_QUEUE = "govreports.crawl"
ROUND_LOCK = f"{REDIS_KEY_PREFIX}:crawl:round_lock"
ROUND_TIMEOUT_S = 6 * 3600  # a round running longer is stopped; the lock never outlives it
SEASON_MINUTES = "*/30"
OFF_SEASON_HOURS = "*/3"
EVERY_ENV = "SCHEDULE_EVERY_S"


def beat_schedule(every_s: float | None = None) -> dict[str, dict[str, Any]]:
    """The beat entries: calendar (dense in season) or a fixed interval."""
    if every_s:
        return {"crawl-round": {"task": TASK_CRAWL_ROUND, "schedule": schedule(every_s)}}
    return {
        "crawl-round-congress-season": {"task": TASK_CRAWL_ROUND,
                                        "schedule": crontab(minute=SEASON_MINUTES, month_of_year="1-3")},
        "crawl-round-rest-of-year": {"task": TASK_CRAWL_ROUND,
                                     "schedule": crontab(minute=0, hour=OFF_SEASON_HOURS, month_of_year="4-12")},
    }


def run_round(redis_url: str, env: dict[str, str], timeout_s: float = ROUND_TIMEOUT_S) -> dict[str, Any]:
    """One `crawl --once` child under the round lock; its final JSON line, or why nothing ran."""
    client = redis.Redis.from_url(redis_url, socket_timeout=10)
    token = uuid.uuid4().hex
    try:
        if not client.set(ROUND_LOCK, token, nx=True, px=int(timeout_s * 1000) + 60_000):
            return {"skipped": "another crawl round is running"}
        command = [sys.executable, "-m", "cli.main", "crawl", "--once"]
        result = subprocess.run(command, env={**env, "REDIS_URL": redis_url}, stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=timeout_s, preexec_fn=_die_with_parent)
        lines = result.stdout.strip().splitlines()
        if result.returncode != 0 or not lines:
            return {"failed": f"crawl exited with {result.returncode}", "stderr": result.stderr[-2000:]}
        return dict(json.loads(lines[-1]))
    finally:
        if client.get(ROUND_LOCK) == token.encode():
            client.delete(ROUND_LOCK)
        client.close()


def create_app(redis_url: str, every_s: float | None = None) -> Celery:
    app = Celery("govreports-schedule", broker=celery_broker_url(redis_url))
    app.conf.update(
        task_serializer="json", accept_content=["json"], task_ignore_result=True,
        task_default_queue=CRAWL_QUEUE, task_routes={TASK_CRAWL_ROUND: {"queue": CRAWL_QUEUE}},
        task_acks_late=False,  # a round lost with its worker is simply the next tick's round
        worker_prefetch_multiplier=1, worker_concurrency=1, worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True, enable_utc=True, timezone="Asia/Shanghai",
        beat_schedule=beat_schedule(every_s),
        # Ticks that pile up while a round runs would all crawl; one pending tick is enough.
        task_time_limit=ROUND_TIMEOUT_S + 120,
    )

    @app.task(name=TASK_CRAWL_ROUND, expires=3600)
    def crawl_round() -> dict[str, Any]:
        return run_round(redis_url, dict(os.environ))

    return app
