"""The Redis set of request fingerprints every crawl shares, so a detail page is fetched once, ever.

scrapy-redis's filter with two additions: filtered duplicates are counted in the crawl stats (the
scrapy-redis scheduler counts nothing), and `forget` takes a request out of the set again, used when a
detail page could not be fetched or handed on (network error, 5xx, broker down) so the next crawl retries
it instead of remembering a page that never arrived.
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy_redis.dupefilter import RFPDupeFilter

FILTERED_STAT = "dupefilter/filtered"


class RedisSeenFilter(RFPDupeFilter):
    def __init__(self, server: Any, key: str, debug: bool = False, stats: Any = None) -> None:
        super().__init__(server, key, debug=debug)
        self.stats = stats

    @classmethod
    def from_spider(cls, spider: Any) -> "RedisSeenFilter":
        instance = super().from_spider(spider)
        crawler = getattr(spider, "crawler", None)
        instance.stats = crawler.stats if crawler is not None else None
        return instance

    def log(self, request: Request, spider: Any) -> None:
        if self.stats is not None:
            self.stats.inc_value(FILTERED_STAT)
        super().log(request, spider)

    def forget(self, request: Request) -> bool:
        """Remove the request's fingerprint; True when it was there."""
        return bool(self.server.srem(self.key, self.request_fingerprint(request)))

    def seen(self, request: Request) -> bool:
        """Whether the request is remembered, without marking it."""
        return bool(self.server.sismember(self.key, self.request_fingerprint(request)))

    def close(self, reason: str = "") -> None:
        """Keep the fingerprints: they are the crawl's memory across runs (scrapy-redis deletes them here
        when the filter is used without its scheduler)."""
