"""The one generic spider: list pages (with pagination) → detail pages → `RawPage` items.

List pages are requested with `dont_filter` and so revisited on every crawl; detail pages go through the
Redis dupefilter, which remembers them across crawls. Requests live in the shared Redis queue, so they
carry only JSON-able meta (the source *name*; the `Source` objects stay on the spider).

Scrapy 2.13+ starts a spider through `async start()`; scrapy-redis's `RedisSpider.start_requests()` is
never called by Scrapy 2.19, so this spider is a plain `scrapy.Spider` that defines `start()` and uses
scrapy-redis only for the scheduler and the dupefilter.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.address_guard import RefusedAddress
from crawler.dupefilter import RedisSeenFilter
from crawler.links import LinkKind, classify, extract_links, list_page_key
from crawler.sources import Source
from govreports.models import RawPage

ROLE_LIST, ROLE_DETAIL = "list", "detail"
# Details first: each one found is handed to the workers early instead of after the whole list walk.
DETAIL_PRIORITY, LIST_PRIORITY = 1, 0
# HTTP statuses worth retrying on a later crawl; any other error status is final and recorded as failed.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504, 520, 521, 522, 523, 524})

STAT_LIST_PAGES = "govreports/list_pages"
STAT_DETAIL_LINKS = "govreports/detail_links"
STAT_ERRORS = "govreports/errors"
STAT_LIST_LIMIT = "govreports/list_page_limit_reached"


@dataclass(repr=False)
class FetchedPage:
    """Item carrying one fetched detail page (short repr: Scrapy logs items, the body can be megabytes)."""

    page: RawPage

    def __repr__(self) -> str:
        return f"<FetchedPage {self.page.status} {self.page.canonical_url} {len(self.page.body)} bytes>"


def _header(response: Response, name: str) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""


def raw_page_from(response: Response, source: str) -> RawPage:
    request = response.request
    redirects = request.meta.get("redirect_urls") if request is not None else None
    referer = request.headers.get("Referer") if request is not None else None
    return RawPage(
        url=redirects[0] if redirects else response.url,
        body=response.body,
        status=response.status,
        final_url=response.url,
        content_type=_header(response, "Content-Type"),
        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        source=source,
        referer=referer.decode("latin-1") if referer else "",
        etag=_header(response, "ETag"),
        last_modified=_header(response, "Last-Modified"),
    )


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, sources: list[Source], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = {source.name: source for source in sources}
        # List pages requested in this run, per source: pagination links point back and forth.
        self._list_pages: dict[str, set[str]] = {name: set() for name in self.sources}
        self._seen_filter: RedisSeenFilter | None = None

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources.values():
            for url in source.start_urls:
                request = self._list_request(url, source)
                if request is not None:
                    yield request

    def _list_request(self, url: str, source: Source) -> scrapy.Request | None:
        seen = self._list_pages.setdefault(source.name, set())
        key = list_page_key(url)
        if key in seen:
            return None
        if len(seen) >= source.max_list_pages:
            self.crawler.stats.inc_value(STAT_LIST_LIMIT)
            self.logger.warning("%s: stopped paginating at %d list pages (%s not requested)",
                                source.name, source.max_list_pages, url)
            return None
        seen.add(key)
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error, dont_filter=True,
                              priority=LIST_PRIORITY, meta={"role": ROLE_LIST, "source": source.name})

    def _source(self, name: str) -> Source:
        """The source a queued request belongs to. Requests left in the shared queue by an interrupted
        crawl are resumed by the next one, whatever its start URLs: their source is then only a name."""
        if name not in self.sources:
            self.sources[name] = Source(name=name, start_urls=())
        return self.sources[name]

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        source = self._source(response.meta["source"])
        self.crawler.stats.inc_value(STAT_LIST_PAGES)
        if not isinstance(response, TextResponse):
            self.crawler.stats.inc_value(STAT_ERRORS)
            self.logger.error("list page %s is not text (%s)", response.url, _header(response, "Content-Type"))
            return
        details = 0
        for link in extract_links(response.text, response.url):
            kind = classify(response.url, link)
            if kind is LinkKind.PAGINATION:
                request = self._list_request(link.url, source)
                if request is not None:
                    yield request
            elif kind is LinkKind.DETAIL:
                details += 1
                yield scrapy.Request(link.url, callback=self.parse_detail, errback=self.on_error,
                                     priority=DETAIL_PRIORITY, meta={"role": ROLE_DETAIL, "source": source.name})
        self.crawler.stats.inc_value(STAT_DETAIL_LINKS, details)
        self.logger.info("list %s: %d detail links", response.url, details)

    def parse_detail(self, response: Response) -> Iterator[FetchedPage]:
        yield FetchedPage(raw_page_from(response, response.meta["source"]))

    def on_error(self, failure: Failure) -> Iterator[FetchedPage]:
        """Decide what a failed request means. Only pages actually fetched stay remembered: a detail page
        that was refused, forbidden by robots.txt or failed transiently is forgotten, so a later crawl
        (perhaps with other settings) asks for it again."""
        request = failure.request  # type: ignore[attr-defined]
        role = request.meta.get("role")
        if failure.check(HttpError):
            response = failure.value.response
            if role == ROLE_DETAIL and response.status not in TRANSIENT_STATUSES:
                # A permanent error (404, 410, 403 …) is a page outcome: the workers record it as failed.
                self.logger.warning("detail page %s answered HTTP %d", request.url, response.status)
                yield FetchedPage(raw_page_from(response, request.meta["source"]))
                return
            reason = f"HTTP {response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"  # type: ignore[union-attr]
        if role == ROLE_DETAIL:
            self.forget(request)
        if failure.check(RefusedAddress) or (failure.check(IgnoreRequest) and "robots.txt" in reason):
            return  # counted by the guard (govreports/refused) or Scrapy (robotstxt/forbidden), and logged
        self.crawler.stats.inc_value(STAT_ERRORS)
        self.logger.error("%s page %s failed: %s", role or "?", request.url, reason)

    def forget(self, request: scrapy.Request) -> None:
        """Let a later crawl try this detail page again (its fingerprints leave the Redis set)."""
        self.forget_urls(request.url, *request.meta.get("redirect_urls", ()))

    def forget_urls(self, *urls: str) -> None:
        if self._seen_filter is None:
            self._seen_filter = RedisSeenFilter.from_spider(self)
        for url in dict.fromkeys(u for u in urls if u):
            self._seen_filter.forget(scrapy.Request(url))
