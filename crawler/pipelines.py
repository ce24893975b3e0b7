"""Item pipeline: archive each fetched detail page, send it to the workers by task name, count it.

Order matters for "nothing lost": the raw bytes are archived first (so `reprocess` can always rebuild),
then the `RawPage` goes to Celery through `runtime.task_sender.PageSender` (the crawler never imports
worker code), which also counts it in `FETCHED_COUNTER` — the number `demo` and `status` reconcile
against stored + skipped + failed. If archiving or sending fails, the error is logged and counted and
the page is forgotten by the dupefilter so the next crawl fetches it again (a send that failed after
the count shows as a gap in the reconciliation, as it should).

The calls are synchronous in the reactor thread: a local file write and two Redis commands per page
are milliseconds, far below the politeness delay between page fetches.
"""

from __future__ import annotations

import logging
from typing import Any

from crawler.spider import STAT_ERRORS, FetchedPage
from govreports.archive import Archive
from runtime.task_sender import PageSender

logger = logging.getLogger(__name__)

STAT_SENT = "govreports/detail_sent"
STAT_SENT_ERROR_STATUS = "govreports/detail_sent_http_error"


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
        page = item.page
        assert self.sender is not None, "pipeline used before open_spider"
        stats = self.crawler.stats
        try:
            self.archive.put(page)
            self.sender.send(page)
        except Exception as exc:  # noqa: BLE001 - any failure here must be visible and retried later
            stats.inc_value(STAT_ERRORS)
            logger.error("could not archive/send %s: %s: %s; it will be fetched again next crawl",
                         page.canonical_url, type(exc).__name__, exc)
            self.crawler.spider.forget_urls(page.url, page.final_url)
            return item
        stats.inc_value(STAT_SENT)
        if page.status >= 400:
            stats.inc_value(STAT_SENT_ERROR_STATUS)
        logger.info("sent %s (%d bytes, HTTP %d)", page.canonical_url, len(page.body), page.status)
        return item
