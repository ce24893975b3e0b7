"""robots.txt including Crawl-delay: Scrapy's RobotsTxtMiddleware, plus the host's Crawl-delay for our
user agent put on each request for the shared host slots (`crawler.host_throttle`) to honour.

Scrapy parses robots.txt (Protego) and refuses disallowed URLs but ignores Crawl-delay. Here the delay
a host asks for is read from the same parser and travels in `request.meta`, so every crawler process,
each reading robots.txt once per host, waits at least that long between requests to the host.
The delay in force per host is recorded in the crawl stats (`govreports/crawl_delay/<host>`).
"""

from __future__ import annotations

from typing import Any

from scrapy import Request
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware
from scrapy.utils.httpobj import urlparse_cached

from crawler.host_throttle import CRAWL_DELAY_META

# A robots.txt asking for more than this is honoured up to this cap; the page is still fetched.
MAX_CRAWL_DELAY_S = 120.0
DELAY_STAT = "govreports/crawl_delay/"


class RobotsWithCrawlDelay(RobotsTxtMiddleware):
    def process_request_2(self, rp: Any, request: Request) -> None:
        super().process_request_2(rp, request)  # raises IgnoreRequest when robots.txt forbids the URL
        if rp is None or not hasattr(rp, "crawl_delay"):
            return
        agent = self._robotstxt_useragent or request.headers.get(b"User-Agent", self._default_useragent)
        delay = rp.crawl_delay(agent)
        if delay:
            delay = min(float(delay), MAX_CRAWL_DELAY_S)
            request.meta[CRAWL_DELAY_META] = delay
            self._stats.set_value(DELAY_STAT + urlparse_cached(request).netloc.lower(), delay)
