"""Politeness shared by all crawler processes: at most one request per host every `CRAWL_DOWNLOAD_DELAY`.

Scrapy's own download delay is per process; several `govreports crawl` processes sharing the Redis
frontier would each keep it and together hit a host N times as often. This downloader middleware
reserves the host's next request slot in Redis with one atomic script (the clock is the Redis server's,
so machines with skewed clocks agree) and waits when another process holds it. Scrapy's per-process
delay with its jitter still applies on top, so one process alone sees the delay × (1 … 1.5).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from typing import Any

import redis
from scrapy import Request
from scrapy.exceptions import NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from govreports.defaults import REDIS_KEY_PREFIX

logger = logging.getLogger(__name__)

WAIT_STAT = "govreports/host_delay_waits"
KEY_PREFIX = f"{REDIS_KEY_PREFIX}:crawl:host_slot:"

# Returns 0 and takes the slot when the host is free, else the milliseconds until it is.
_RESERVE = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local free_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if free_at <= now then
  local delay = tonumber(ARGV[1])
  redis.call('SET', KEYS[1], now + delay, 'PX', delay * 2 + 1000)
  return 0
end
return free_at - now
"""

Sleep = Callable[[float], Awaitable[None]]


async def reactor_sleep(seconds: float) -> None:
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class SharedHostDelay:
    def __init__(self, client: redis.Redis, delay_s: float, stats: Any = None, sleep: Sleep = reactor_sleep) -> None:
        self.client = client
        self.delay_ms = max(1, round(delay_s * 1000))
        self.stats = stats
        self.sleep = sleep
        self.reserve_script = client.register_script(_RESERVE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedHostDelay":
        delay = crawler.settings.getfloat("GOVREPORTS_SHARED_HOST_DELAY")
        if delay <= 0:
            raise NotConfigured("no download delay configured")
        client = redis.Redis.from_url(crawler.settings.get("REDIS_URL"), socket_timeout=10)
        return cls(client, delay, stats=crawler.stats)

    def reserve(self, host: str) -> int:
        """Take the host's slot now (0) or learn how many milliseconds until it is free."""
        return int(self.reserve_script(keys=[KEY_PREFIX + host], args=[self.delay_ms]))

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).netloc.lower()
        waited = False
        while (wait_ms := self.reserve(host)) > 0:
            if self.stats is not None and not waited:
                self.stats.inc_value(WAIT_STAT)  # requests that waited, not wake-ups
            waited = True
            logger.debug("%s: another crawler holds the slot, waiting %d ms", host, wait_ms)
            await self.sleep(wait_ms / 1000)
        return None
