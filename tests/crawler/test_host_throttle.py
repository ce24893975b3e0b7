"""The host slot shared by crawler processes, on a real (embedded) redis-server: two middleware
instances stand for two crawler processes."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis
from scrapy import Request

from crawler.host_throttle import WAIT_STAT, SharedHostDelay
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
    first, second = SharedHostDelay(client, 5.0), SharedHostDelay(client, 5.0)
    assert first.reserve("www.a.gov.cn") == 0
    wait = second.reserve("www.a.gov.cn")
    assert 0 < wait <= 5000
    assert second.reserve("www.b.gov.cn") == 0  # hosts are independent
    assert second.reserve("www.a.gov.cn:8080") == 0  # so are ports


def test_middleware_waits_for_the_other_process(client: redis.Redis) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)
        await asyncio.sleep(seconds)

    stats = Stats()
    processes = [SharedHostDelay(client, 0.5, stats=stats, sleep=sleep) for _ in range(2)]

    async def crawl() -> None:
        for index in range(3):
            await processes[index % 2].process_request(Request(f"http://www.a.gov.cn/t{index}.html"))

    asyncio.run(crawl())
    assert stats.values[WAIT_STAT] == 2  # the second and third request each had to wait
    assert all(0 < wait <= 0.5 for wait in waits)
