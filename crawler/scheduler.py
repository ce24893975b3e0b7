"""The Scrapy scheduler of every crawler process: the shared leased queue and the compact dupefilter.

Replaces scrapy-redis's scheduler (whose queue forgets a request the moment it is popped) while keeping
its queue codec and key layout: requests are JSON (`crawler.request_codec`), the queue is
`govreports:crawl:<spider>:requests`. A popped request is leased (`crawler.leased_queue`); callbacks and
the item pipeline acknowledge it when its outcome is durable. A request that replaces a leased one (a
redirect, a retry) is queued and the old lease acknowledged in one step, or just acknowledged when the
replacement is a duplicate.

While the queue is empty but other processes hold leases, the scheduler reports pending work (the round
is not over until they finish or die); every few seconds it returns the leases of dead processes to the
queue. The heartbeat that keeps this process's leases is a Twisted LoopingCall.
"""

from __future__ import annotations

import importlib
import logging
import time
from typing import Any

import redis
from scrapy import Request

from crawler.dupefilter import CompactSeenFilter
from crawler.leased_queue import LEASE_META, LeasedQueue

logger = logging.getLogger(__name__)

RECLAIM_EVERY_S = 2.0
STAT_RECLAIMED = "govreports/leases_reclaimed"


class LeasedRedisScheduler:
    def __init__(self, crawler: Any) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.stats = crawler.stats
        self.client = redis.Redis.from_url(settings.get("REDIS_URL"), socket_timeout=30)
        self.queue_key_template = settings.get("SCHEDULER_QUEUE_KEY")
        self.seen_key_template = settings.get("SCHEDULER_DUPEFILTER_KEY")
        self.serializer = importlib.import_module(settings.get("SCHEDULER_SERIALIZER"))
        self.lease_timeout_s = settings.getint("GOVREPORTS_LEASE_TIMEOUT", 60)
        self.queue: LeasedQueue | None = None
        self.df: CompactSeenFilter | None = None
        self._heartbeat: Any = None
        self._last_reclaim = 0.0

    @classmethod
    def from_crawler(cls, crawler: Any) -> "LeasedRedisScheduler":
        return cls(crawler)

    def open(self, spider: Any) -> None:
        self.client.ping()
        name = {"spider": spider.name}
        self.queue = LeasedQueue(self.client, spider, self.queue_key_template % name, self.serializer,
                                 lease_timeout_s=self.lease_timeout_s)
        self.queue.heartbeat()
        self.df = CompactSeenFilter(self.client, self.seen_key_template % name, self.crawler.request_fingerprinter,
                                    stats=self.stats)
        self.df.open()
        self._reclaim(force=True)
        pending = len(self.queue)
        if pending:
            logger.info("resuming: %d requests queued by earlier crawls", pending)
        from twisted.internet import task

        self._heartbeat = task.LoopingCall(self.queue.heartbeat)
        self._heartbeat.start(max(0.5, self.lease_timeout_s / 3), now=False)

    def close(self, reason: str) -> None:
        if self._heartbeat is not None and self._heartbeat.running:
            self._heartbeat.stop()
        if self.queue is not None:
            back = self.queue.release_own()
            if back:
                logger.info("%d requests in flight returned to the queue (%s)", back, reason)
        self.client.close()

    def enqueue_request(self, request: Request) -> bool:
        assert self.queue is not None and self.df is not None, "scheduler used before open()"
        replaced = request.meta.pop(LEASE_META, "")
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request)
            if replaced:  # a redirect/retry leading somewhere already scheduled: the old request is done
                self.queue.push_replacing(None, replaced)
            return False
        self.queue.push_replacing(request, replaced)
        self.stats.inc_value("scheduler/enqueued/redis")
        return True

    def next_request(self) -> Request | None:
        assert self.queue is not None
        request = self.queue.pop()
        if request is None and self._reclaim():
            request = self.queue.pop()
        if request is not None:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request

    def has_pending_requests(self) -> bool:
        assert self.queue is not None
        if len(self.queue) > 0:
            return True
        self._reclaim()
        return len(self.queue) > 0 or self.queue.leases_held_by_others() > 0

    def _reclaim(self, force: bool = False) -> int:
        assert self.queue is not None
        now = time.monotonic()
        if not force and now - self._last_reclaim < RECLAIM_EVERY_S:
            return 0
        self._last_reclaim = now
        back = self.queue.reclaim_expired()
        if back:
            self.stats.inc_value(STAT_RECLAIMED, back)
            logger.warning("%d requests leased by a crawler that stopped responding went back to the queue", back)
        return back

    def __len__(self) -> int:
        return len(self.queue) if self.queue is not None else 0
