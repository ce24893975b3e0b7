"""Figure 5, dedup memory: bytes of Redis memory per URL remembered, after recording 1,000,000 URLs.

Project side: the crawler's seen-set. When `crawler.fingerprints.CompactSeenSet` exists (the compact
exact fingerprint store), that; otherwise the scrapy-redis dupefilter the crawler used before it, a SET
of 40-character SHA1 hex fingerprints (`SADD` per request). Baseline: a plain SET of SHA1 hex strings.
Measured as the growth of the server's `used_memory` (everything the keys cost, hash tables included)
on the lab's otherwise empty Redis, in rounds alternating the two sides.

Fingerprints: Scrapy's request fingerprint is a 20-byte SHA1 (of method and canonical URL); computing
it for a million `Request`s takes minutes, so these are SHA1 digests of a million distinct portal-style
URLs — equally uniform 20-byte values, stored exactly as the crawler stores its fingerprints.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterator, Sequence

import redis

from bench.lab import Lab
from bench.stats import Figure, Goal, Line, paired_ratios

GOAL = Goal("<=", 20)
BATCH = 2000
KEY = "govreports:bench:seen"
SETTLE_POLL_S = 0.3
Recorder = Callable[[redis.Redis, Sequence[bytes]], None]


def bench_urls(count: int) -> Iterator[str]:
    """Distinct URLs shaped like government portal detail pages (1,000 sites, dated TRS paths)."""
    for n in range(count):
        month = n % 12 + 1
        yield f"https://www.s{n % 1000:03d}.gov.cn/zwgk/zfgzbg/2024{month:02d}/t2024{month:02d}{n % 28 + 1:02d}_{n}.html"


def fingerprints(count: int) -> list[bytes]:
    return [hashlib.sha1(url.encode("utf-8")).digest() for url in bench_urls(count)]


def record_sha1_set(client: redis.Redis, batch: Sequence[bytes]) -> None:
    """What scrapy-redis's RFPDupeFilter stores: the hex fingerprint in one SET."""
    client.sadd(KEY, *(fp.hex() for fp in batch))


def project_recorder() -> tuple[str, Recorder, list[str]]:
    """(description, recorder, keys it writes) of the crawler's current seen-set."""
    try:
        from crawler.fingerprints import CompactSeenSet
    except ImportError:
        return ("scrapy-redis dupefilter (SET of SHA1 hex fingerprints; the compact store is not in this "
                "checkout)", record_sha1_set, [KEY])

    def record_compact(client: redis.Redis, batch: Sequence[bytes]) -> None:
        CompactSeenSet(client, KEY).add_many(list(batch))

    return "compact fingerprint store (crawler.fingerprints.CompactSeenSet)", record_compact, [KEY, f"{KEY}:count"]


def settled_used_memory(client: redis.Redis, timeout_s: float = 5.0) -> int:
    """used_memory once Redis has finished growing its hash tables: a table being rehashed exists twice
    for a while (old and new arrays), which would add up to ~20 B/URL depending on the moment of reading."""
    deadline = time.monotonic() + timeout_s
    previous = int(client.info("memory")["used_memory"])
    while time.monotonic() < deadline:
        time.sleep(SETTLE_POLL_S)
        current = int(client.info("memory")["used_memory"])
        if current == previous:
            return current
        previous = current
    return previous


def aof_restored(client: redis.Redis, timeout_s: float = 60.0) -> None:
    """Wait until re-enabling the AOF has finished writing its initial file: until then the server
    refuses SHUTDOWN ("Writing initial AOF, can't exit") and would be killed at the end of the run."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        info = client.info("persistence")
        if int(info.get("aof_enabled", 0)) and not int(info.get("aof_rewrite_in_progress", 0)) \
                and not int(info.get("aof_rewrite_scheduled", 0)):
            return
        time.sleep(SETTLE_POLL_S)
    raise TimeoutError("redis-server did not finish rewriting its AOF after the dedup measurement")


def bytes_per_url(lab: Lab, recorder: Recorder, prints: Sequence[bytes]) -> tuple[float, int]:
    """(bytes of used_memory growth per URL, MEMORY USAGE of the keys) after recording `prints`."""
    client = lab.redis
    lab.fresh_redis()
    before = settled_used_memory(client)
    for start in range(0, len(prints), BATCH):
        recorder(client, prints[start:start + BATCH])
    grown = settled_used_memory(client) - before
    keys = [key for key in client.scan_iter(match=f"{KEY}*")]
    usage = sum(int(client.memory_usage(key, samples=0) or 0) for key in keys)
    lab.fresh_redis()
    return grown / len(prints), usage


def measure(lab: Lab) -> Figure:
    count = lab.size(1_000_000, 20_000)
    rounds = lab.size(2, 1)
    description, recorder, _ = project_recorder()
    lab.say(f"dedup: {count:,} fingerprints; project side: {description}")
    prints = fingerprints(count)
    # The embedded server appends to an AOF; its rewrite buffer would count in used_memory mid-measurement.
    lab.redis.config_set("appendonly", "no")
    project: list[float] = []
    baseline: list[float] = []
    usage: dict[str, list[int]] = {"project": [], "baseline": []}
    try:
        for number in range(rounds):
            sides = (("project", recorder), ("baseline", record_sha1_set))
            for side, record in sides if number % 2 == 0 else reversed(sides):
                per_url, key_bytes = bytes_per_url(lab, record, prints)
                (project if side == "project" else baseline).append(per_url)
                usage[side].append(key_bytes)
                lab.say(f"  {side}: {per_url:.1f} B/URL")
    finally:
        lab.redis.config_set("appendonly", "yes")
        aof_restored(lab.redis)
    return Figure(
        key="dedup_bytes_per_url", label="dedup memory per URL", unit="B/URL", runs=project, goal=GOAL,
        lines=[Line(f"dedup, bytes per URL at {count:,}", "B/URL", project, "SET of SHA1 hex", baseline,
                    paired_ratios(project, baseline), GOAL, goal_on_value=True)],
        inputs={"urls": count, "rounds": rounds, "project_store": description,
                "memory_usage_command_bytes": usage,
                "measure": "growth of INFO memory used_memory once it stops changing (hash-table rehash done)",
                "fingerprints": "SHA1 digests of distinct portal-style URLs (20 bytes, like Scrapy's)"},
        extra={"baseline_bytes_per_url": baseline},
    )
