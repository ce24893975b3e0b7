"""The crawl baseline: a plain Scrapy spider (default in-memory scheduler and dupefilter, no project
middlewares, no item pipeline) that walks list pages with the project's own link rules (`crawler.links`),
so both sides parse the same list pages the same way and fetch the same pages; only what the project's
crawler adds around Scrapy differs (Redis frontier and memory, guards, archive and hand-off to Celery).

Run as a child process (Scrapy's reactor runs once per process):
`python -m bench.scrapy_baseline --concurrency 8 --log-level INFO START_URL …`; prints Scrapy's stats
as one JSON object on stdout, logs on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

import scrapy
from scrapy.http import Response

from crawler.links import LinkKind, classify, extract_links, list_page_key


class BaselineSpider(scrapy.Spider):
    """List pages (pagination followed once per page key, like the project spider) → detail pages."""

    name = "baseline"

    def __init__(self, start_urls: list[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.start_urls = start_urls
        self._lists: set[str] = set()

    async def start(self) -> Any:
        for url in self.start_urls:
            request = self._list_request(url)
            if request is not None:
                yield request

    def _list_request(self, url: str) -> scrapy.Request | None:
        key = list_page_key(url)
        if key in self._lists:
            return None
        self._lists.add(key)
        return scrapy.Request(url, callback=self.parse_list, dont_filter=True)

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        for link in extract_links(response.text, response.url):
            kind = classify(response.url, link)
            if kind is LinkKind.PAGINATION:
                request = self._list_request(link.url)
                if request is not None:
                    yield request
            elif kind is LinkKind.DETAIL:
                yield scrapy.Request(link.url, callback=self.parse_detail, priority=1)

    def parse_detail(self, response: Response) -> Iterator[dict[str, Any]]:
        yield {"url": response.url, "status": response.status, "bytes": len(response.body)}


def baseline_settings(user_agent: str, concurrency: int, obey_robots: bool, log_level: str) -> dict[str, Any]:
    """Scrapy's defaults except what must match the project side: user agent, robots.txt, concurrency
    per host, retries, no delay and no AutoThrottle (the project side runs with its politeness off)."""
    return {
        "USER_AGENT": user_agent,
        "ROBOTSTXT_OBEY": obey_robots,
        "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
        "CONCURRENT_REQUESTS": max(16, concurrency * 4),
        "DOWNLOAD_DELAY": 0,
        "AUTOTHROTTLE_ENABLED": False,
        "RETRY_TIMES": 2,
        "LOG_LEVEL": log_level,
        "TELNETCONSOLE_ENABLED": False,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("start_urls", nargs="+")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--user-agent", default="govreports-bench")
    parser.add_argument("--obey-robots", type=int, default=1)
    parser.add_argument("--log-level", default="INFO")
    args = parser.parse_args(argv)

    from scrapy.crawler import CrawlerProcess

    process = CrawlerProcess(baseline_settings(args.user_agent, args.concurrency, bool(args.obey_robots),
                                               args.log_level))
    crawler = process.create_crawler(BaselineSpider)
    process.crawl(crawler, start_urls=args.start_urls)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    json.dump({key: value if isinstance(value, (int, float, str)) else str(value) for key, value in stats.items()},
              sys.stdout)
    return 0 if stats.get("finish_reason") == "finished" else 1


if __name__ == "__main__":
    sys.exit(main())
