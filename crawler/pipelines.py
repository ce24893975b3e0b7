"""Item pipeline: archive each fetched page, send it to the workers by task name, then remember it.

Order matters for "nothing lost": the raw bytes are archived first (so `reprocess` can always rebuild),
then the `RawPage` goes to Celery through `runtime.task_sender.PageSender` (the crawler never imports
worker code), which also counts it in `FETCHED_COUNTER` — the number `demo` and `status` reconcile
against stored + skipped + failed + parked. Only then is the URL's state recorded (content hash,
validators) and the request's lease acknowledged: a crawler killed before that point leaves the lease to
expire, and the request is fetched and sent again (at least once, never zero times). If archiving or
sending fails, the error is counted, the URL is planned for another attempt, and a page never sent before
is forgotten by the seen-set.

The calls are synchronous in the reactor thread: a local file write and a few Redis commands per page
are milliseconds, far below the politeness delay between page fetches.
"""

from __future__ import annotations

import logging
from typing import Any

import scrapy

from crawler.crawl_stats import count
from crawler.detail_pages import FetchedPage, plan_retry
from govreports.archive import Archive
from runtime.task_sender import PageSender

logger = logging.getLogger(__name__)


class ArchiveAndSendPipeline:
    def __init__(self, archive_dir: str, redis_url: str, crawler: Any) -> None:
        self.archive = Archive(archive_dir)
        self.redis_url = redis_url
        self.crawler = crawler
        self.sender: PageSender | None = None

    @classmethod
    def from_crawler(cls, crawler: Any) -> "ArchiveAndSendPipeline":
        return cls(crawler.settings.get("GOVREPORTS_ARCHIVE_DIR"), crawler.settings.get("REDIS_URL"), crawler)

    def open_spider(self) -> None:
        self.sender = PageSender(self.redis_url)

    def close_spider(self) -> None:
        if self.sender is not None:
            self.sender.close()
        self.sender = None

    def process_item(self, item: Any) -> Any:
        if not isinstance(item, FetchedPage):
            return item
        page, spider = item.page, self.crawler.spider
        assert self.sender is not None, "pipeline used before open_spider"
        stats = self.crawler.stats
        try:
            self.archive.put(page)
            self.sender.send(page)
        except Exception as exc:  # noqa: BLE001 - any failure here must be visible and retried later
            count(stats, page.source, "failed")
            logger.error("could not archive/send %s: %s: %s; it will be fetched again later",
                         page.canonical_url, type(exc).__name__, exc)
            if item.state is not None:
                if item.change == "new":
                    spider.seen.forget(scrapy.Request(page.url))
                # not delivered: the next fetch must differ from what was last *sent*
                item.state.content_hash = item.extra.get("previous_hash", "")
                plan_retry(spider, page.source, page.url, item.state.role or "detail", item.state,
                           item.state.entry_sig)
                spider.states.put(item.state)
            if item.request is not None:
                spider.acks.ack(item.request)
            return item
        count(stats, page.source, "sent")
        if page.status >= 400:
            count(stats, page.source, "sent_http_error")
        elif item.change in ("new", "changed"):
            count(stats, page.source, f"{item.change}_reports")
        if item.state is not None:
            spider.states.put(item.state)
        if item.request is not None:
            spider.acks.ack(item.request)
        logger.info("sent %s (%s, %d bytes, HTTP %d)", page.canonical_url, item.change, len(page.body), page.status)
        return item
