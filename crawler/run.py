"""Run one crawl round in this process and report what it did.

Twisted's reactor cannot be restarted, so a process runs at most one crawl: `govreports crawl` is its own
process, and `demo`, `schedule` and the tests start it as a child process. After the round each source's
round record (`crawler.round_state`) says when it started and, if the crawl finished normally, when it
finished — that is what makes a source due again later.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Any

import redis

from crawler.crawl_stats import CrawlReport, report_from_stats
from crawler.round_state import record_round
from crawler.settings import scrapy_settings
from crawler.sources import Source
from crawler.spider import PortalSpider
from govreports.errors import ServiceError
from govreports.settings import Settings
from govreports.redaction import redact_url

__all__ = ["CrawlReport", "check_redis", "run_crawl"]


def check_redis(redis_url: str) -> None:
    client = redis.Redis.from_url(redis_url, socket_connect_timeout=5, socket_timeout=5)
    try:
        client.ping()
    except (redis.ConnectionError, redis.TimeoutError, OSError) as exc:
        raise ServiceError(f"cannot reach Redis at {redact_url(redis_url)}: {exc}") from None
    finally:
        client.close()


def private_hosts_of(sources: Iterable[Source]) -> list[str]:
    """Hosts the registry allows on private addresses (the sample portal): allowed by configuration."""
    return sorted({host for source in sources if source.allow_private for host in source.hosts if host})


def run_crawl(settings: Settings, redis_url: str, sources: list[Source], allow_hosts: Iterable[str] = (),
              on_progress: Callable[[CrawlReport], None] | None = None,
              known_sources: list[Source] | None = None) -> CrawlReport:
    """Crawl the sources once (blocking) and return the counts. Logs go to stderr; `on_progress` gets the
    counts so far after every response and every page sent. `known_sources` (the registry) lets requests
    other crawls left in the shared queue resume with their own source's settings."""
    from scrapy import signals
    from scrapy.crawler import CrawlerProcess  # imported here: importing Scrapy is slow and only crawls need it

    check_redis(redis_url)
    start_urls = [url for source in sources for url in source.start_urls]
    hosts = [*allow_hosts, *private_hosts_of(sources)]
    process = CrawlerProcess(scrapy_settings(settings, redis_url, hosts))
    crawler = process.create_crawler(PortalSpider)
    if on_progress is not None:
        def report_progress(**_: Any) -> None:
            on_progress(report_from_stats(crawler.stats.get_stats(), start_urls))

        for signal in (signals.response_received, signals.item_scraped):
            crawler.signals.connect(report_progress, signal=signal, weak=False)
    started = time.time()
    process.crawl(crawler, sources=sources, known_sources=known_sources or [])
    process.start()
    stats = crawler.stats.get_stats() if crawler.stats is not None else {}
    report = report_from_stats(stats, start_urls)
    client = redis.Redis.from_url(redis_url, socket_timeout=10)
    try:
        record_round(client, sources, started, finished_ok=not report.problem, stats=report.sources)
    finally:
        client.close()
    return report
