"""Which sources are due for a round, and the record of each source's rounds in Redis.

A round over a source revisits its list pages (conditional requests) and fetches what they show new.
A source is due when it has never finished a round, or when its revisit interval has passed since the
last finished one; from January to March, when local people's congresses meet and most reports appear,
the denser `revisit_in_season` interval applies. Sources served from the bundled sample portal are never
due by themselves: they are crawled only when named (`--sources sample`).

Redis: one hash `govreports:crawl:rounds`, field = source name, value = JSON
`{"started": epoch, "finished": epoch, "status": "finished"|"interrupted", "stats": {...}}`.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import Any

import redis

from crawler.registry import SAMPLE_PORTAL
from crawler.sources import Source
from govreports.defaults import REDIS_KEY_PREFIX

ROUNDS_KEY = f"{REDIS_KEY_PREFIX}:crawl:rounds"
CONGRESS_SEASON_MONTHS = frozenset({1, 2, 3})


def in_congress_season(when: datetime) -> bool:
    """January to March in China (UTC+8): local people's congresses meet and publish their reports."""
    local_month = datetime.fromtimestamp(when.timestamp() + 8 * 3600, tz=timezone.utc).month
    return local_month in CONGRESS_SEASON_MONTHS


def revisit_interval(source: Source, when: datetime) -> int:
    return source.revisit_in_season_s if in_congress_season(when) else source.revisit_s


def is_sample(source: Source) -> bool:
    return any(url.startswith(SAMPLE_PORTAL) for url in source.start_urls)


def next_due(source: Source, finished: float | None, now: datetime) -> float:
    """Epoch seconds at which the source is next due (now or earlier when it never finished a round)."""
    if finished is None:
        return now.timestamp()
    return finished + revisit_interval(source, now)


def due_sources(sources: Iterable[Source], rounds: dict[str, dict[str, Any]], now: datetime) -> list[Source]:
    """Enabled, non-sample sources whose next round is due at `now`."""
    due = []
    for source in sources:
        if not source.enabled or is_sample(source):
            continue
        finished = rounds.get(source.name, {}).get("finished")
        if next_due(source, finished, now) <= now.timestamp():
            due.append(source)
    return due


def read_rounds(client: redis.Redis, names: Iterable[str]) -> dict[str, dict[str, Any]]:
    names = list(names)
    if not names:
        return {}
    values = client.hmget(ROUNDS_KEY, names)
    rounds: dict[str, dict[str, Any]] = {}
    for name, raw in zip(names, values):
        if raw:
            record = json.loads(raw)
            for key in ("started", "finished"):
                if record.get(key):
                    record[f"last_{key}"] = _iso(record[key])
            rounds[name] = record
    return rounds


def record_round(client: redis.Redis, sources: Iterable[Source], started: float, finished_ok: bool,
                 stats: dict[str, dict[str, int]]) -> None:
    """After a round: when it started and, if it finished normally, when it finished (an interrupted
    round keeps the previous finish time, so the source stays due)."""
    now = time.time()
    names = [source.name for source in sources]
    previous = read_rounds(client, names)
    with client.pipeline(transaction=False) as pipe:
        for name in names:
            record = {"started": started, "status": "finished" if finished_ok else "interrupted",
                      "finished": now if finished_ok else previous.get(name, {}).get("finished"),
                      "stats": stats.get(name, {})}
            pipe.hset(ROUNDS_KEY, name, json.dumps(record, separators=(",", ":")))
        pipe.execute()


def _iso(epoch: float) -> str:
    return datetime.fromtimestamp(epoch, tz=timezone.utc).isoformat(timespec="seconds")
