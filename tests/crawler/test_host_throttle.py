"""The host slots shared by crawler processes, on a real (embedded) redis-server: middleware instances
stand for crawler processes. Delay slot, concurrency cap, robots Crawl-delay, retry backoff, release."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from scrapy import Request
from scrapy.http import Response

from crawler.host_throttle import CRAWL_DELAY_META, TOKEN_META, WAIT_STAT, SharedHostSlots
from runtime.redis_server import EmbeddedRedis

pytestmark = pytest.mark.integration


class Stats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


@pytest.fixture
def client(tmp_path: Path) -> Iterator[redis.Redis]:
    with EmbeddedRedis(tmp_path / "redis") as server:
        connection = redis.Redis.from_url(server.url)
        yield connection
        connection.close()


def test_a_host_slot_is_taken_once_per_delay(client: redis.Redis) -> None:
    first, second = SharedHostSlots(client, 5.0, concurrency=4), SharedHostSlots(client, 5.0, concurrency=4)
    assert first.acquire("www.a.gov.cn", 5.0, "t1") == 0
    wait = second.acquire("www.a.gov.cn", 5.0, "t2")
    assert 0 < wait <= 5000
    assert second.acquire("www.b.gov.cn", 5.0, "t3") == 0  # hosts are independent
    assert second.acquire("www.a.gov.cn:8080", 5.0, "t4") == 0  # so are ports


def test_concurrency_cap_across_processes(client: redis.Redis) -> None:
    processes = [SharedHostSlots(client, 0.0, concurrency=2) for _ in range(3)]
    assert processes[0].acquire("h", 0.0, "a") == 0 and processes[1].acquire("h", 0.0, "b") == 0
    assert processes[2].acquire("h", 0.0, "c") > 0  # two in flight: the third waits
    processes[0].release("h", "a")
    assert processes[2].acquire("h", 0.0, "c") == 0


def test_a_dead_process_tokens_are_dropped(client: redis.Redis) -> None:
    dead, alive = SharedHostSlots(client, 0.0, concurrency=1), SharedHostSlots(client, 0.0, concurrency=1)
    dead.heartbeat()
    alive.heartbeat()
    assert dead.acquire("h", 0.0, f"{dead.owner}|1") == 0
    assert alive.acquire("h", 0.0, f"{alive.owner}|2") > 0  # the cap is held by a live process
    client.delete(f"govreports:crawl:host_owner:{dead.owner}")  # killed: its heartbeat expired
    assert alive.acquire("h", 0.0, f"{alive.owner}|2") == 0
    client.zadd("govreports:crawl:host_busy:h", {"stale": 0})  # a token past its hold time expires too
    assert client.zscore("govreports:crawl:host_busy:h", "stale") is not None
    alive.release("h", f"{alive.owner}|2")
    assert alive.acquire("h", 0.0, f"{alive.owner}|3") == 0
    assert client.zscore("govreports:crawl:host_busy:h", "stale") is None


def test_middleware_waits_honours_crawl_delay_and_releases(client: redis.Redis) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    stats = Stats()
    processes = [SharedHostSlots(client, 0.2, concurrency=1, stats=stats, sleep=sleep) for _ in range(2)]

    async def crawl() -> list[Request]:
        done = []
        for index in range(3):
            request = Request(f"http://www.a.gov.cn/t{index}.html", meta={CRAWL_DELAY_META: 0.4})
            middleware = processes[index % 2]
            await middleware.process_request(request)
            assert TOKEN_META in request.meta
            middleware.process_response(request, Response(request.url))
            assert TOKEN_META not in request.meta
            done.append(request)
        return done

    asyncio.run(crawl())
    assert stats.values[WAIT_STAT] == 2  # the second and third request each had to wait
    assert max(waits) > 0.2 and all(0 < wait <= 0.4 for wait in waits)  # the robots.txt delay, not ours
    assert client.zcard("govreports:crawl:host_busy:www.a.gov.cn") == 0


def test_retries_back_off(client: redis.Redis) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    slots = SharedHostSlots(client, 0.0, concurrency=2, sleep=sleep)
    asyncio.run(slots.process_request(Request("http://x.gov.cn/a.html", meta={"retry_times": 2})))
    assert waits == [4.0]  # max(delay, 1 s) × 2²
