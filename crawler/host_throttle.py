"""Politeness shared by all crawler processes: per host, one request every delay and at most N at once.

Scrapy's download delay and per-domain concurrency are per process; several `govreports crawl` processes
sharing the Redis frontier would each keep them and together hit a host N times as hard. This downloader
middleware holds two things per host (host:port) in Redis, both decided by one atomic script on the
Redis server's clock (machines with skewed clocks agree):

* the next free request slot: a request waits until `delay` has passed since the previous one, where
  delay = max(`CRAWL_DOWNLOAD_DELAY`, the host's robots.txt Crawl-delay);
* the requests in flight: a sorted set of tokens `<process>|<id>` with expiry times; a request waits
  while `CRAWL_CONCURRENCY_PER_HOST` tokens are held. A token is returned when the response (or error)
  comes back; the tokens of a process whose heartbeat key has expired (killed: `CRAWL_LEASE_TIMEOUT`) are
  dropped, and any token expires after twice the download timeout plus a margin.

A retried request (5xx, timeout) first waits `delay × 2^attempt` (capped), a backoff on top of Scrapy's
immediate retry. It runs late in the downloader chain (after robots.txt, which supplies the Crawl-delay)
and early on the way back (before the retry and redirect middlewares re-issue a request).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Awaitable, Callable
from typing import Any

import redis
from scrapy import Request
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

from govreports.defaults import REDIS_KEY_PREFIX

logger = logging.getLogger(__name__)

WAIT_STAT = "govreports/host_delay_waits"
CRAWL_DELAY_META = "govreports_crawl_delay"
TOKEN_META = "govreports_host_token"
KEY_PREFIX = f"{REDIS_KEY_PREFIX}:crawl:host_slot:"
BUSY_PREFIX = f"{REDIS_KEY_PREFIX}:crawl:host_busy:"
BACKOFF_CAP_S = 120.0
POLL_S = 0.05

OWNER_PREFIX = f"{REDIS_KEY_PREFIX}:crawl:host_owner:"

# Returns 0 when the request may go (slot taken, token registered), else milliseconds to wait.
# ARGV: delay ms, cap, token "<owner>|<id>", hold ms, owner heartbeat key prefix.
_ACQUIRE = """
if redis.replicate_commands then redis.replicate_commands() end
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local delay, cap, hold = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
for _, token in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
  local bar = string.find(token, '|', 1, true)
  if bar and redis.call('EXISTS', ARGV[5] .. string.sub(token, 1, bar - 1)) == 0 then
    redis.call('ZREM', KEYS[2], token)
  end
end
if redis.call('ZCARD', KEYS[2]) >= cap then return math.max(1, math.min(delay, 200)) end
local free_at = tonumber(redis.call('GET', KEYS[1]) or '0')
if free_at > now then return free_at - now end
if delay > 0 then redis.call('SET', KEYS[1], now + delay, 'PX', delay * 2 + 1000) end
redis.call('ZADD', KEYS[2], now + hold, ARGV[3])
redis.call('PEXPIRE', KEYS[2], hold + 1000)
return 0
"""

Sleep = Callable[[float], Awaitable[None]]


async def reactor_sleep(seconds: float) -> None:
    from twisted.internet import reactor
    from twisted.internet.task import deferLater

    await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))


class SharedHostSlots:
    def __init__(self, client: redis.Redis, delay_s: float, concurrency: int = 2, hold_s: float = 90.0,
                 stats: Any = None, sleep: Sleep = reactor_sleep, heartbeat_s: float = 60.0) -> None:
        self.client = client
        self.owner = uuid.uuid4().hex[:12]
        self.heartbeat_ms = max(1000, round(heartbeat_s * 1000))
        self.delay_s = max(0.0, delay_s)
        self.concurrency = max(1, concurrency)
        self.hold_ms = max(1000, round(hold_s * 1000))
        self.stats = stats
        self.sleep = sleep
        self.acquire_script = client.register_script(_ACQUIRE)

    @classmethod
    def from_crawler(cls, crawler: Any) -> "SharedHostSlots":
        settings = crawler.settings
        client = redis.Redis.from_url(settings.get("REDIS_URL"), socket_timeout=10)
        slots = cls(client, settings.getfloat("GOVREPORTS_SHARED_HOST_DELAY"),
                    settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN", 2),
                    hold_s=settings.getfloat("DOWNLOAD_TIMEOUT", 30) * 2 + 30, stats=crawler.stats,
                    heartbeat_s=settings.getfloat("GOVREPORTS_LEASE_TIMEOUT", 60))
        from scrapy import signals

        crawler.signals.connect(slots.start_heartbeat, signal=signals.spider_opened)
        crawler.signals.connect(slots.stop_heartbeat, signal=signals.spider_closed)
        return slots

    def heartbeat(self) -> None:
        """This process is alive: its tokens count (else they are dropped by the next acquire)."""
        self.client.set(OWNER_PREFIX + self.owner, b"1", px=self.heartbeat_ms)

    def start_heartbeat(self, **_: Any) -> None:
        from twisted.internet import task

        self._beat = task.LoopingCall(self.heartbeat)
        self._beat.start(max(0.5, self.heartbeat_ms / 3000), now=True)

    def stop_heartbeat(self, **_: Any) -> None:
        beat = getattr(self, "_beat", None)
        if beat is not None and beat.running:
            beat.stop()
        self.client.delete(OWNER_PREFIX + self.owner)

    def delay_for(self, request: Request) -> float:
        return max(self.delay_s, float(request.meta.get(CRAWL_DELAY_META) or 0.0))

    def acquire(self, host: str, delay_s: float, token: str) -> int:
        """Take the host's slot and a concurrency token now (0), or learn how many ms to wait."""
        return int(self.acquire_script(keys=[KEY_PREFIX + host, BUSY_PREFIX + host],
                                       args=[round(delay_s * 1000), self.concurrency, token, self.hold_ms,
                                             OWNER_PREFIX]))

    def release(self, host: str, token: str) -> None:
        self.client.zrem(BUSY_PREFIX + host, token)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).netloc.lower()
        delay = self.delay_for(request)
        attempt = int(request.meta.get("retry_times", 0) or 0)
        if attempt:
            await self.sleep(min(BACKOFF_CAP_S, max(delay, 1.0) * 2 ** attempt))
        token = f"{self.owner}|{uuid.uuid4().hex}"
        self.heartbeat()
        waited = False
        while (wait_ms := self.acquire(host, delay, token)) > 0:
            if self.stats is not None and not waited:
                self.stats.inc_value(WAIT_STAT)  # requests that waited, not wake-ups
            waited = True
            logger.debug("%s: waiting %d ms for its shared slot", host, wait_ms)
            await self.sleep(max(POLL_S, wait_ms / 1000))
        request.meta[TOKEN_META] = token
        return None

    def _done(self, request: Request) -> None:
        token = request.meta.pop(TOKEN_META, None)
        if token:
            self.release(urlparse_cached(request).netloc.lower(), token)

    def process_response(self, request: Request, response: Any) -> Any:
        self._done(request)
        return response

    def process_exception(self, request: Request, exception: BaseException) -> None:
        self._done(request)
        return None
