"""The crawler's Redis structures on a real (embedded) redis-server: the compact seen-set (exact, and its
memory per URL), the leased queue (pop leases, ack removes, a dead owner's leases return, close returns
one's own), per-URL state and retries, round records and the legacy seen-set conversion."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
import redis
import scrapy
from scrapy.utils.request import RequestFingerprinter

from crawler import request_codec
from crawler.dupefilter import CompactSeenFilter
from crawler.fingerprints import CompactSeenSet, measure_memory
from crawler.leased_queue import LEASE_META, LeasedQueue
from crawler.registry import load_registry, select
from crawler.round_state import due_sources, read_rounds, record_round
from crawler.url_state import UrlState, UrlStates
from runtime.redis_server import EmbeddedRedis

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedRedis]:
    with EmbeddedRedis(tmp_path_factory.mktemp("redis")) as embedded:
        yield embedded


@pytest.fixture
def client(server: EmbeddedRedis) -> Iterator[redis.Redis]:
    connection = redis.Redis.from_url(server.url)
    connection.flushall()
    yield connection
    connection.close()


def _fp(text: str) -> bytes:
    return hashlib.sha1(text.encode()).digest()


def test_seen_set_is_exact(client: redis.Redis) -> None:
    seen = CompactSeenSet(client, "t:seen")
    urls = [_fp(f"http://x.gov.cn/{i}.html") for i in range(3000)]
    assert all(seen.add_many(urls[:1500]))
    flags = seen.add_many(urls)  # half known, half new
    assert flags == [False] * 1500 + [True] * 1500 and len(seen) == 3000
    assert all(seen.contains(fp) for fp in urls) and not seen.contains(_fp("http://x.gov.cn/other.html"))
    assert seen.remove(urls[7]) and not seen.contains(urls[7]) and not seen.remove(urls[7]) and len(seen) == 2999
    # entries are compared at their own boundaries: bytes straddling two entries never match
    a, b = bytes(2) + b"ABCDEFGHIJ" + bytes(8), bytes(2) + b"KLMNOPQRST" + bytes(8)
    seen.add_many([a, b])
    assert not seen.contains(bytes(2) + b"FGHIJKLMNO" + bytes(8))


def test_seen_set_memory_per_url_beats_a_set_of_hex(client: redis.Redis) -> None:
    result = measure_memory(client, 200_000)
    assert result["stored"] == 200_000
    # 200k URLs still carry the buckets' fixed cost; at a million the figure is ~15 B (see module docs)
    assert result["compact_bytes_per_url"] < result["sha1_set_bytes_per_url"] / 2
    assert client.exists("govreports:bench:seen") == 0  # it cleans up after itself


def test_dupefilter_converts_a_legacy_set_once(client: redis.Redis) -> None:
    fingerprinter = RequestFingerprinter()
    old = scrapy.Request("http://x.gov.cn/t20240101_1.html")
    client.sadd("t:portal:seen", fingerprinter.fingerprint(old).hex())
    df = CompactSeenFilter(client, "t:portal:seen", fingerprinter)
    df.open()
    assert client.exists("t:portal:seen") == 0 and df.contains(old)
    assert df.request_seen(old) and not df.request_seen(scrapy.Request("http://x.gov.cn/new.html"))


class _Spider:
    name = "portal"


def _queue(client: redis.Redis, owner: str, timeout_s: int = 60) -> LeasedQueue:
    return LeasedQueue(client, _Spider(), "t:%(spider)s:requests", request_codec, lease_timeout_s=timeout_s,
                       owner=owner)


def test_leased_queue_pop_ack_and_priority(client: redis.Redis) -> None:
    queue = _queue(client, "a")
    queue.heartbeat()
    queue.push(scrapy.Request("http://x.gov.cn/list.html", priority=0, meta={"role": "list"}))
    queue.push(scrapy.Request("http://x.gov.cn/t1.html", priority=1, meta={"role": "detail"}))
    first = queue.pop()
    assert first is not None and first.url.endswith("t1.html") and first.meta["role"] == "detail"
    assert len(queue) == 1 and queue.leases_held() == 1
    assert queue.ack(first.meta[LEASE_META]) and queue.leases_held() == 0
    second = queue.pop()
    assert second is not None and second.url.endswith("list.html") and queue.pop() is None


def test_dead_owner_leases_return_and_live_ones_stay(client: redis.Redis) -> None:
    dead, alive = _queue(client, "dead", timeout_s=1), _queue(client, "alive")
    dead.heartbeat()
    alive.heartbeat()
    for i in range(3):
        dead.push(scrapy.Request(f"http://x.gov.cn/t{i}.html"))
    held = [dead.pop(), dead.pop()]  # in flight when the process is "killed"
    assert all(held) and alive.leases_held_by_others() == 2 and alive.reclaim_expired() == 0
    client.delete("t:portal:requests:owner:dead")  # what kill -9 plus the heartbeat timeout amount to
    assert alive.reclaim_expired() == 2 and len(alive) == 3 and alive.leases_held() == 0
    urls = sorted(r.url for r in (alive.pop(), alive.pop(), alive.pop()) if r is not None)
    assert urls == [f"http://x.gov.cn/t{i}.html" for i in range(3)]


def test_heartbeat_expiry_is_real(client: redis.Redis) -> None:
    queue = _queue(client, "short", timeout_s=1)
    queue.heartbeat()
    queue.push(scrapy.Request("http://x.gov.cn/t.html"))
    assert queue.pop() is not None and queue.reclaim_expired() == 0
    time.sleep(1.2)
    assert queue.reclaim_expired() == 1


def test_close_returns_own_leases_and_replacing_push_is_atomic(client: redis.Redis) -> None:
    queue = _queue(client, "me")
    queue.heartbeat()
    queue.push(scrapy.Request("http://x.gov.cn/a.html"))
    queue.push(scrapy.Request("http://x.gov.cn/b.html"))
    a = queue.pop()
    assert a is not None
    redirected = a.replace(url="http://x.gov.cn/a2.html")
    queue.push_replacing(redirected, redirected.meta.pop(LEASE_META))  # a redirect replaces the leased request
    assert queue.leases_held() == 0 and len(queue) == 2
    assert queue.pop() is not None and queue.release_own() == 1 and len(queue) == 2


def test_url_state_and_retries(client: redis.Redis) -> None:
    states = UrlStates(client)
    state = UrlState("http://x.gov.cn/a.html", role="detail", source="s", etag='"1"', content_hash="abc")
    states.put(state)
    assert states.get(state.url) == state and states.get("http://x.gov.cn/none.html") is None
    assert set(states.get_many([state.url, "http://x.gov.cn/none.html"])) == {state.url}
    due = states.schedule_retry("s", state.url, "detail", failures=1, sig="g")
    assert due > time.time() + 500  # ten minutes for the first retry
    assert states.due_retries("s") == [] and states.retry_count("s") == 1
    (member, retry), = states.due_retries("s", now=due + 1)
    assert retry == {"url": state.url, "role": "detail", "sig": "g"}
    states.retry_taken("s", member)
    assert states.retry_count("s") == 0


def test_round_records_make_sources_due_again(client: redis.Redis) -> None:
    (source,) = select(load_registry(), ["guangdong"])
    now = datetime.now(timezone.utc)
    assert due_sources([source], read_rounds(client, [source.name]), now) == [source]
    record_round(client, [source], started=time.time(), finished_ok=True, stats={"guangdong": {"new_reports": 1}})
    rounds = read_rounds(client, [source.name])
    assert rounds["guangdong"]["status"] == "finished" and rounds["guangdong"]["stats"] == {"new_reports": 1}
    assert due_sources([source], rounds, now) == []
    record_round(client, [source], started=time.time(), finished_ok=False, stats={})
    assert read_rounds(client, [source.name])["guangdong"]["finished"] == rounds["guangdong"]["finished"]
