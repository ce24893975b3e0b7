"""Detail pages, attachments and failures: what the spider does with each response it did not expect to
be a list, and with each request that failed.

* 304 to a conditional refetch: nothing changed; the state records the visit.
* blocked / challenge pages, script shells, 5xx after retries: counted by class, not sent (nothing to
  read yet), retried later with backoff (`crawler.url_state`). Never worked around.
* a body whose hash equals the last fetch's: a duplicate (the list entry changed, the report did not).
* anything else is a `FetchedPage` for the item pipeline (archive, send, then state and lease), marked
  new or changed; an attachment-only page also yields requests for its PDF/DOC/DOCX/WPS files.
* refused (private address) or forbidden by robots.txt: counted and forgotten by the seen-set, so a
  later round with other settings asks again; network errors: counted as failed, retried later.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response, TextResponse

from crawler.address_guard import RefusedAddress
from crawler.classify import ATTACHMENT_ONLY, BLOCKED, NOT_FOUND, RETRY_LATER, SCRIPT_SHELL, classify_response
from crawler.crawl_stats import SOURCE_PREFIX, count, count_class
from crawler.links import Link, extract_links, is_attachment
from crawler.url_state import UrlState
from govreports.models import RawPage

if TYPE_CHECKING:
    from crawler.sources import Source
    from crawler.spider import PortalSpider

ROLE_LIST, ROLE_DETAIL, ROLE_ATTACHMENT = "list", "detail", "attachment"
# Every error status reaches the callbacks (classified there); redirects still go to RedirectMiddleware.
HANDLED_STATUSES = [304, *range(400, 600)]


@dataclass(repr=False)
class FetchedPage:
    """Item carrying one fetched page to the pipeline (short repr: Scrapy logs items, bodies are big)."""

    page: RawPage
    request: Any = None  # the leased request, acknowledged once the page is sent
    state: UrlState | None = None  # the URL's state to record once the page is sent
    change: str = "new"  # new | changed
    extra: dict[str, Any] = field(default_factory=dict)

    def __repr__(self) -> str:
        return f"<FetchedPage {self.page.status} {self.page.canonical_url} {len(self.page.body)} bytes>"


def header(response: Response, name: str) -> str:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else ""


def requested_url(response: Response) -> str:
    """The URL the crawler asked for (before redirects): the key of its state."""
    redirects = response.meta.get("redirect_urls")
    return redirects[0] if redirects else (response.request.url if response.request is not None else response.url)


def raw_page_from(response: Response, source: str, authority: int = 0) -> RawPage:
    request = response.request
    referer = request.headers.get("Referer") if request is not None else None
    return RawPage(
        url=requested_url(response), body=response.body, status=response.status, final_url=response.url,
        content_type=header(response, "Content-Type"),
        fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"), source=source,
        referer=referer.decode("latin-1") if referer else "", etag=header(response, "ETag"),
        last_modified=header(response, "Last-Modified"), authority=authority)


def retry_request(spider: PortalSpider, source: Source, retry: dict[str, Any]) -> scrapy.Request:
    if retry.get("role") == ROLE_LIST:
        return scrapy.Request(retry["url"], callback=spider.parse_list, errback=spider.on_error, dont_filter=True,
                              meta={"role": ROLE_LIST, "source": source.name, "retry": True,
                                    "handle_httpstatus_list": HANDLED_STATUSES})
    state = spider.states.get(retry["url"])
    return scrapy.Request(retry["url"], callback=spider.parse_detail, errback=spider.on_error, dont_filter=True,
                          headers=state.conditional_headers() if state and state.content_hash else {},
                          meta={"role": retry.get("role") or ROLE_DETAIL, "source": source.name,
                                "sig": retry.get("sig", ""), "refetch": True, "retry": True,
                                "handle_httpstatus_list": HANDLED_STATUSES})


def plan_retry(spider: PortalSpider, source: str, url: str, role: str, state: UrlState, sig: str = "") -> None:
    state.failures += 1
    state.next_due = spider.states.schedule_retry(source, url, role, state.failures, sig)
    count(spider.crawl_stats, source, "retries_planned")


def list_unusable(spider: PortalSpider, source: Source, url: str, response: Response, klass: str) -> None:
    """A list page that is blocked, a shell, missing or broken: counted; retried later unless missing."""
    count_class(spider.crawl_stats, source.name, klass)
    count(spider.crawl_stats, source.name, "blocked" if klass == BLOCKED else "failed")
    state = spider.states.get(url) or UrlState(url=url, role=ROLE_LIST, source=source.name)
    state.fetched_at, state.status, state.klass = time.time(), response.status, klass
    if klass != NOT_FOUND:
        plan_retry(spider, source.name, url, ROLE_LIST, state)
    spider.logger.warning("%s: list page %s is %s (HTTP %d)", source.name, url, klass, response.status)
    spider.states.put(state)


def handle_detail(spider: PortalSpider, response: Response) -> Iterator[Any]:
    source = spider.source(response.meta["source"])
    role, url, sig = response.meta.get("role", ROLE_DETAIL), requested_url(response), response.meta.get("sig", "")
    state = spider.states.get(url) or UrlState(url=url, role=role, source=source.name)
    state.fetched_at, state.status = time.time(), response.status
    if sig:
        state.entry_sig = sig
    if response.status == 304:
        count(spider.crawl_stats, source.name, "not_modified")
        state.failures = 0
        spider.states.put(state)
        spider.acks.ack(response.request)
        return
    count(spider.crawl_stats, source.name, "pages_fetched")
    klass = classify_response(response.status, header(response, "Content-Type"), response.url, response.body)
    count_class(spider.crawl_stats, source.name, klass)
    state.klass = klass
    if klass in RETRY_LATER:
        if klass != SCRIPT_SHELL:
            count(spider.crawl_stats, source.name, "blocked" if klass == BLOCKED else "failed")
        plan_retry(spider, source.name, url, role, state, sig)
        spider.logger.warning("%s: %s is %s (HTTP %d); asked again later", source.name, url, klass, response.status)
        spider.states.put(state)
        spider.acks.ack(response.request)
        return
    digest = hashlib.sha256(response.body).hexdigest()[:32]
    state.etag, state.last_modified = header(response, "ETag"), header(response, "Last-Modified")
    if state.content_hash == digest:
        count(spider.crawl_stats, source.name, "duplicates")  # the entry changed, the page did not
        state.failures = 0
        spider.states.put(state)
        spider.acks.ack(response.request)
        return
    previous, change = state.content_hash, "changed" if state.content_hash else "new"
    state.content_hash, state.failures, state.next_due = digest, 0, 0.0
    if klass == ATTACHMENT_ONLY or source.selectors.get("attachment_links"):
        yield from _attachment_requests(spider, response, source)
    yield FetchedPage(raw_page_from(response, source.name, source.authority), request=response.request,
                      state=state, change=change if klass != NOT_FOUND else "gone",
                      extra={"previous_hash": previous})


def _attachment_requests(spider: PortalSpider, response: Response, source: Source) -> Iterator[scrapy.Request]:
    if not isinstance(response, TextResponse):
        return
    links = extract_links(response.text, response.url, source.selectors.get("attachment_links"))
    for link in links:
        if is_attachment(link.url):
            count(spider.crawl_stats, source.name, "attachments_followed")
            request = spider.detail_request(Link(link.url, link.text), source)
            request.meta["role"] = ROLE_ATTACHMENT
            yield request


def handle_failure(spider: PortalSpider, failure: Any) -> Iterator[Any]:
    """A request that got no response: refused, forbidden by robots.txt, or a network error."""
    request = failure.request
    source, role = request.meta.get("source", ""), request.meta.get("role", "")
    url = request.meta.get("redirect_urls", [request.url])[0]
    refused = failure.check(RefusedAddress) is not None
    if refused or (failure.check(IgnoreRequest) and "robots.txt" in failure.getErrorMessage()):
        counter = "refused" if refused else "robots_forbidden"
        spider.crawl_stats.inc_value(f"{SOURCE_PREFIX}{source}/{counter}")  # totals: the guard's / Scrapy's own
        if role != ROLE_LIST:
            spider.seen.forget(scrapy.Request(url))
            if url != request.url:
                spider.seen.forget(scrapy.Request(request.url))
    else:
        count(spider.crawl_stats, source, "failed")
        state = spider.states.get(url) or UrlState(url=url, role=role, source=source)
        state.fetched_at, state.klass = time.time(), "network_error"
        plan_retry(spider, source, url, role or ROLE_DETAIL, state, request.meta.get("sig", ""))
        spider.states.put(state)
        reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        spider.logger.error("%s page %s failed: %s; asked again later", role or "?", request.url, reason)
    spider.acks.ack(request)
    return
    yield  # a generator, like the callbacks (Scrapy iterates errback output)
