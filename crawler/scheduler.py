"""The scrapy-redis scheduler, adapted to Scrapy 2.19: the shared request queue and dupefilter in Redis.

scrapy-redis 0.9.1 still passes `spider=` to `StatsCollector.inc_value`, which Scrapy 2.19 deprecates
(a warning on every crawl); these two methods are the library's own logic without that argument. This
class is also where a leased queue (requests re-queued when a crawler dies holding them) will go.
"""

from __future__ import annotations

from scrapy import Request
from scrapy_redis.scheduler import Scheduler


class RedisScheduler(Scheduler):
    def enqueue_request(self, request: Request) -> bool:
        if not request.dont_filter and self.df.request_seen(request):
            self.df.log(request, self.spider)
            return False
        if self.stats:
            self.stats.inc_value("scheduler/enqueued/redis")
        self.queue.push(request)
        return True

    def next_request(self) -> Request | None:
        request = self.queue.pop(self.idle_before_close)
        if request and self.stats:
            self.stats.inc_value("scheduler/dequeued/redis")
        return request
