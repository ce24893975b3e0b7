"""Run one crawl in this process and report what it did.

Twisted's reactor cannot be restarted, so a process runs at most one crawl: `govreports crawl` is its own
process, and `demo` and the tests start it as a child process.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

import redis

from crawler.dupefilter import FILTERED_STAT
from crawler.pipelines import STAT_SENT, STAT_SENT_ERROR_STATUS
from crawler.settings import scrapy_settings
from crawler.sources import Source
from crawler.spider import STAT_DETAIL_LINKS, STAT_ERRORS, STAT_LIST_LIMIT, STAT_LIST_PAGES, PortalSpider
from govreports.errors import ServiceError
from govreports.settings import Settings


@dataclass
class CrawlReport:
    list_pages: int = 0
    detail_links: int = 0
    detail_pages_sent: int = 0
    detail_pages_sent_with_http_error: int = 0
    duplicates_filtered: int = 0
    refused: int = 0
    robots_forbidden: int = 0
    errors: int = 0
    list_page_limit_reached: int = 0
    requests: int = 0
    finish_reason: str = ""
    elapsed_s: float = 0.0
    start_urls: list[str] = field(default_factory=list)

    @property
    def problem(self) -> str:
        """Why the crawl as a whole failed ("" when it did its job; single page errors are only counted)."""
        if self.finish_reason != "finished":
            return f"crawl did not finish normally (finish reason: {self.finish_reason or 'none'})"
        if self.list_pages == 0:
            return (f"no start page could be fetched ({self.refused} refused as private/loopback, "
                    f"{self.robots_forbidden} forbidden by robots.txt, {self.errors} errors; see the log above)")
        return ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def report_from_stats(stats: dict[str, Any], start_urls: list[str]) -> CrawlReport:
    def count(key: str) -> int:
        return int(stats.get(key, 0) or 0)

    return CrawlReport(
        list_pages=count(STAT_LIST_PAGES),
        detail_links=count(STAT_DETAIL_LINKS),
        detail_pages_sent=count(STAT_SENT),
        detail_pages_sent_with_http_error=count(STAT_SENT_ERROR_STATUS),
        duplicates_filtered=count(FILTERED_STAT),
        refused=count("govreports/refused"),
        robots_forbidden=count("robotstxt/forbidden"),
        errors=count(STAT_ERRORS),
        list_page_limit_reached=count(STAT_LIST_LIMIT),
        requests=count("downloader/request_count"),
        finish_reason=str(stats.get("finish_reason", "")),
        elapsed_s=round(float(stats.get("elapsed_time_seconds", 0.0) or 0.0), 2),
        start_urls=start_urls,
    )


def check_redis(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise ServiceError(f"cannot reach Redis at {redis_url}: {exc}") from None
    finally:
        client.close()


def run_crawl(settings: Settings, redis_url: str, sources: list[Source], allow_hosts: Iterable[str] = (),
              on_progress: Callable[[CrawlReport], None] | None = None) -> CrawlReport:
    """Crawl the sources once (blocking) and return the counts. Logs go to stderr; `on_progress` gets the
    counts so far after every response and every page sent."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess  # imported here: importing Scrapy is slow and only crawls need it

    check_redis(redis_url)
    start_urls = [url for source in sources for url in source.start_urls]
    process = CrawlerProcess(scrapy_settings(settings, redis_url, allow_hosts))
    crawler = process.create_crawler(PortalSpider)
    if on_progress is not None:
        def report_progress(**_: Any) -> None:
            on_progress(report_from_stats(crawler.stats.get_stats(), start_urls))

        for signal in (signals.response_received, signals.item_scraped):
            crawler.signals.connect(report_progress, signal=signal, weak=False)
    process.crawl(crawler, sources=sources)
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    return report_from_stats(stats, start_urls)
