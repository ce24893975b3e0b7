"""The one generic spider: registry sources → list pages → new or changed detail pages → `RawPage` items.

A round over a source: its due retries, then its start list pages, asked for conditionally (ETag /
Last-Modified from `crawler.url_state`). A 304, or a 200 whose entries hash as before, ends the walk
there: nothing on that list changed. Otherwise every detail link is checked: never scheduled → fetched;
scheduled before and its list entry (title, date) changed since it was fetched → fetched again
conditionally; else a duplicate. The walk goes on to the next list page only while pages show something
new or changed (lists run newest first) or have never been seen. Detail pages are handled in
`crawler.detail_pages`. Every request popped from the shared queue is leased and acknowledged here (or
in the item pipeline once its page is sent), so a killed crawler loses nothing.

Requests carry only JSON-able meta (the source *name*); Scrapy 2.13+ starts a spider through
`async start()` (scrapy-redis's `RedisSpider.start_requests()` is never called by Scrapy 2.19), so this is
a plain `scrapy.Spider`; scrapy-redis contributes the queue codec (see `crawler.scheduler`).
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any

import redis
import scrapy
from scrapy.http import Response, TextResponse

from crawler import detail_pages
from crawler.classify import LIST, RETRY_LATER, classify_response
from crawler.crawl_stats import count, count_class
from crawler.detail_pages import HANDLED_STATUSES, ROLE_DETAIL, ROLE_LIST, FetchedPage, requested_url
from crawler.dupefilter import CompactSeenFilter
from crawler.leased_queue import LeaseAcks
from crawler.links import Link, LinkKind, classify, extract_links, list_page_key, next_page, same_site_page
from crawler.sources import Source
from crawler.url_state import UrlState, UrlStates, entry_signature

__all__ = ["FetchedPage", "PortalSpider"]

# Details first: each one found is handed to the workers early instead of after the whole list walk.
DETAIL_PRIORITY, LIST_PRIORITY = 1, 0


def list_digest(details: list[Link], pages: list[Link]) -> str:
    """What a list page shows: its entries (URL, title, date) and its pager, not its bytes."""
    parts = [f"{link.url}|{' '.join(link.text.split())}|{link.date}" for link in details]
    parts += [f"page|{link.url}" for link in pages]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:32]


class PortalSpider(scrapy.Spider):
    name = "portal"

    def __init__(self, sources: list[Source], known_sources: list[Source] | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.sources = {source.name: source for source in sources}
        # Every registry source: requests of other sources left in the shared queue are resumed too.
        self.known = {source.name: source for source in (known_sources or [])} | self.sources
        self._list_pages: dict[str, set[str]] = {}
        self.states: Any = None
        self.acks: Any = None
        self._seen: Any = None
        self._seen_key = ""

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "PortalSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        settings = crawler.settings
        names = {"spider": cls.name}
        if settings.get("REDIS_URL"):  # always in a crawl; tests of the callbacks put stand-ins here instead
            client = redis.Redis.from_url(settings.get("REDIS_URL"), socket_timeout=30)
            spider.states = UrlStates(client)
            spider._seen_key = settings.get("SCHEDULER_DUPEFILTER_KEY") % names
            spider.acks = LeaseAcks(client, settings.get("SCHEDULER_QUEUE_KEY") % names)
        return spider

    @property
    def seen(self) -> Any:
        """The shared seen-set (built on first use: Scrapy sets the request fingerprinter at crawl start)."""
        if self._seen is None:
            self._seen = CompactSeenFilter(self.states.client, self._seen_key, self.crawler.request_fingerprinter)
        return self._seen

    @seen.setter
    def seen(self, value: Any) -> None:
        self._seen = value

    @property
    def crawl_stats(self) -> Any:
        return self.crawler.stats

    async def start(self) -> AsyncIterator[scrapy.Request]:
        for source in self.sources.values():
            for member, retry in self.states.due_retries(source.name):
                yield detail_pages.retry_request(self, source, retry)
                self.states.retry_taken(source.name, member)  # queued durably by now
            for url in source.start_urls:
                request = self.list_request(url, source)
                if request is not None:
                    yield request

    def source(self, name: str) -> Source:
        """The source a queued request belongs to (a placeholder for one no longer in the registry)."""
        if name not in self.known:
            self.known[name] = Source(name=name, start_urls=())
        return self.known[name]

    def list_request(self, url: str, source: Source) -> scrapy.Request | None:
        seen = self._list_pages.setdefault(source.name, set())
        key = list_page_key(url)
        if key in seen:
            return None
        if len(seen) >= source.max_list_pages:
            count(self.crawl_stats, source.name, "list_page_limit_reached")
            self.logger.warning("%s: stopped paginating at %d list pages (%s not requested)",
                                source.name, source.max_list_pages, url)
            return None
        seen.add(key)
        state = self.states.get(url)
        headers = state.conditional_headers() if state else {}
        return scrapy.Request(url, callback=self.parse_list, errback=self.on_error, dont_filter=True,
                              priority=LIST_PRIORITY, headers=headers,
                              meta={"role": ROLE_LIST, "source": source.name,
                                    "handle_httpstatus_list": HANDLED_STATUSES})

    def detail_request(self, link: Link, source: Source, state: UrlState | None = None) -> scrapy.Request:
        """A detail page; with `state` a conditional refetch that bypasses the seen-set."""
        return scrapy.Request(
            link.url, callback=self.parse_detail, errback=self.on_error, priority=DETAIL_PRIORITY,
            dont_filter=state is not None, headers=state.conditional_headers() if state else {},
            meta={"role": ROLE_DETAIL, "source": source.name, "sig": entry_signature(link.text, link.date),
                  "refetch": state is not None, "handle_httpstatus_list": HANDLED_STATUSES})

    def parse_list(self, response: Response) -> Iterator[scrapy.Request]:
        try:
            yield from self._walk_list(response)
        except Exception:  # noqa: BLE001 - a bug on one list must not stop the round; it is counted
            count(self.crawl_stats, response.meta.get("source", ""), "failed")
            self.logger.exception("list page %s could not be handled", response.url)
        self.acks.ack(response.request)  # only after every request it yields is in the durable queue

    def _walk_list(self, response: Response) -> Iterator[scrapy.Request]:
        source = self.source(response.meta["source"])
        url = requested_url(response)
        count(self.crawl_stats, source.name, "list_pages")
        state = self.states.get(url)
        if response.status == 304:
            count(self.crawl_stats, source.name, "not_modified")
            if state is not None:
                state.fetched_at, state.status = time.time(), 304
                self.states.put(state)
            return
        count(self.crawl_stats, source.name, "pages_fetched")
        klass = classify_response(response.status, detail_pages.header(response, "Content-Type"), response.url,
                                  response.body)
        if klass in RETRY_LATER or response.status >= 400 or not isinstance(response, TextResponse):
            detail_pages.list_unusable(self, source, url, response, klass)
            return
        count_class(self.crawl_stats, source.name, LIST)
        details, pages = self._links(response, source)
        new_state = UrlState(url=url, role=ROLE_LIST, source=source.name, fetched_at=time.time(),
                             status=response.status, etag=detail_pages.header(response, "ETag"),
                             last_modified=detail_pages.header(response, "Last-Modified"),
                             content_hash=list_digest(details, pages), klass=LIST)
        if state is not None and state.content_hash == new_state.content_hash:
            count(self.crawl_stats, source.name, "unchanged_lists")
            self.states.put(new_state)
            return
        count(self.crawl_stats, source.name, "detail_links", len(details))
        news = yield from self._detail_requests(details, source)
        if state is None or news:
            for link in next_page(url, pages):
                request = self.list_request(link.url, source)
                if request is not None:
                    yield request
        self.states.put(new_state)
        self.logger.info("list %s: %d detail links, %d new or changed", url, len(details), news)

    def _links(self, response: TextResponse, source: Source) -> tuple[list[Link], list[Link]]:
        selector, pager = source.selectors.get("detail_links"), source.selectors.get("pagination_links")
        links = extract_links(response.text, response.url, selector)
        pager_links = extract_links(response.text, response.url, pager) if pager else links
        pages = [link for link in pager_links if classify(response.url, link) is LinkKind.PAGINATION]
        if selector:  # the registry says where the entries are: every same-site link there is one
            page_urls = {link.url for link in pages}
            details = [link for link in links if same_site_page(response.url, link) and link.url not in page_urls]
        else:
            details = [link for link in links if classify(response.url, link) is LinkKind.DETAIL]
        return details, pages

    def _detail_requests(self, details: list[Link], source: Source) -> Iterator[scrapy.Request]:
        """Requests for new and changed entries (generator returning how many)."""
        states = self.states.get_many(link.url for link in details)
        news = 0
        for link in details:
            request = self.detail_request(link, source)
            if not self.seen.contains(request):
                news += 1
                yield request
                continue
            state = states.get(link.url)
            sig = request.meta["sig"]
            if state is not None and state.entry_sig and state.entry_sig != sig and state.content_hash:
                news += 1
                yield self.detail_request(link, source, state)
                continue
            if state is not None and not state.entry_sig:
                state.entry_sig = sig  # fetched before entries were remembered: remember it now
                self.states.put(state)
            count(self.crawl_stats, source.name, "duplicates")
        return news

    def parse_detail(self, response: Response) -> Iterator[Any]:
        yield from detail_pages.handle_detail(self, response)

    def on_error(self, failure: Any) -> Iterator[Any]:
        yield from detail_pages.handle_failure(self, failure)
