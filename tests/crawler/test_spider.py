"""The spider's callbacks on real portal markup (the sample portal's pages, no network or Redis)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.address_guard import RefusedAddress
from crawler.pipelines import STAT_SENT, ArchiveAndSendPipeline
from crawler.sources import Source
from crawler.spider import (
    DETAIL_PRIORITY,
    STAT_ERRORS,
    STAT_LIST_LIMIT,
    STAT_LIST_PAGES,
    FetchedPage,
    PortalSpider,
)
from govreports.archive import Archive
from runtime.sample_portal.site import build_site

BASE = "http://127.0.0.1:8765"


def _spider(*sources: Source) -> PortalSpider:
    crawler = get_crawler(PortalSpider)
    spider = PortalSpider.from_crawler(crawler, sources=list(sources))
    crawler.spider = spider
    spider.forgotten = []  # type: ignore[attr-defined]
    spider.forget_urls = lambda *urls: spider.forgotten.extend(urls)  # type: ignore[method-assign]
    return spider


def _source(path: str, **kwargs: Any) -> Source:
    return Source(name=path.strip("/"), start_urls=(BASE + path,), **kwargs)


def _response(path: str, source: str, role: str = "list", **meta: Any) -> HtmlResponse:
    page = build_site()[path]
    request = scrapy.Request(BASE + path, meta={"role": role, "source": source, **meta})
    return HtmlResponse(BASE + path, body=page.body, headers={"Content-Type": page.content_type, "ETag": page.etag},
                        request=request)


def _start(spider: PortalSpider) -> list[scrapy.Request]:
    async def collect() -> list[scrapy.Request]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def test_start_requests_are_unfiltered_list_requests() -> None:
    source = _source("/bishan/zwgk/zfgzbg/")
    requests = _start(_spider(source, _source("/yubei/zwgk/qtgw/")))
    assert [r.url for r in requests] == [BASE + "/bishan/zwgk/zfgzbg/", BASE + "/yubei/zwgk/qtgw/"]
    assert all(r.dont_filter and r.meta["role"] == "list" for r in requests)


def test_list_page_yields_details_and_each_list_page_once() -> None:
    source = _source("/bishan/zwgk/zfgzbg/")
    spider = _spider(source)
    _start(spider)
    first = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name)))
    details = [r for r in first if r.meta["role"] == "detail"]
    lists = [r for r in first if r.meta["role"] == "list"]
    assert len(details) == 3 and all(not r.dont_filter and r.priority == DETAIL_PRIORITY for r in details)
    assert any("t20240227_" in r.url for r in details)
    # the TRS script pager gives pages 2 and 3; page 1 (index.html = the start dir) is not requested again
    assert sorted(r.url for r in lists) == [BASE + "/bishan/zwgk/zfgzbg/index_1.html", BASE + "/bishan/zwgk/zfgzbg/index_2.html"]
    again = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index_1.html", source.name)))
    assert [r.meta["role"] for r in again] == ["detail"]
    assert spider.crawler.stats.get_value(STAT_LIST_PAGES) == 2


def test_gbk_list_page_and_query_pagination() -> None:
    source = _source("/gaoping/xxgk/zfgzbg/")
    spider = _spider(source)
    _start(spider)
    out = list(spider.parse_list(_response("/gaoping/xxgk/zfgzbg/", source.name)))
    assert [r.url for r in out if r.meta["role"] == "list"] == [BASE + "/gaoping/xxgk/zfgzbg/?page=2"]
    assert len([r for r in out if r.meta["role"] == "detail"]) == 2


def test_pagination_stops_at_the_source_limit() -> None:
    source = _source("/bishan/zwgk/zfgzbg/", max_list_pages=2)
    spider = _spider(source)
    _start(spider)
    lists = [r for r in spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name))
             if r.meta["role"] == "list"]
    assert len(lists) == 1
    assert spider.crawler.stats.get_value(STAT_LIST_LIMIT) == 1


def test_detail_page_becomes_a_raw_page() -> None:
    spider = _spider(_source("/bishan/zwgk/zfgzbg/"))
    path = "/yubei/zwgk/qtgw/202007/t20200711_7701234.html"
    response = _response(path, "yubei", role="detail", redirect_urls=[BASE + "/old/notice.html"])
    (item,) = list(spider.parse_detail(response))
    page = item.page
    assert page.url == BASE + "/old/notice.html" and page.final_url == BASE + path
    assert page.body == build_site()[path].body and page.status == 200
    assert page.content_type == "text/html; charset=utf-8" and page.etag.startswith('"')
    assert page.source == "yubei" and page.fetched_at
    assert str(len(page.body)) in repr(item) and "<html" not in repr(item)


def _failure(exc: Exception, request: scrapy.Request) -> Failure:
    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]
    return failure


def _http_error(status: int, role: str) -> Failure:
    request = scrapy.Request(BASE + "/x/t20240101_1.html", meta={"role": role, "source": "s"})
    response = HtmlResponse(request.url, status=status, body=b"<html>gone</html>", request=request)
    return _failure(HttpError(response), request)


def test_permanent_http_error_of_a_detail_page_is_sent_as_a_failed_page() -> None:
    spider = _spider(_source("/bishan/zwgk/zfgzbg/"))
    (item,) = list(spider.on_error(_http_error(404, "detail")))
    assert isinstance(item, FetchedPage) and item.page.status == 404
    assert spider.forgotten == [] and not spider.crawler.stats.get_value(STAT_ERRORS)


def test_transient_errors_are_counted_and_forgotten_for_the_next_crawl() -> None:
    spider = _spider(_source("/bishan/zwgk/zfgzbg/"))
    assert list(spider.on_error(_http_error(503, "detail"))) == []
    request = scrapy.Request(BASE + "/y/t20240101_2.html", meta={"role": "detail", "source": "s"})
    assert list(spider.on_error(_failure(TimeoutError("took too long"), request))) == []
    assert list(spider.on_error(_http_error(500, "list"))) == []  # list pages are requested every crawl anyway
    assert spider.crawler.stats.get_value(STAT_ERRORS) == 3
    assert spider.forgotten == [BASE + "/x/t20240101_1.html", BASE + "/y/t20240101_2.html"]


def test_refused_and_robots_forbidden_are_not_errors_but_not_remembered_either() -> None:
    spider = _spider(_source("/bishan/zwgk/zfgzbg/"))
    refused = scrapy.Request(BASE + "/z.html", meta={"role": "detail", "source": "s", "redirect_urls": [BASE + "/r"]})
    forbidden = scrapy.Request(BASE + "/member/1.html", meta={"role": "detail", "source": "s"})
    assert list(spider.on_error(_failure(RefusedAddress("loopback"), refused))) == []
    assert list(spider.on_error(_failure(IgnoreRequest("Forbidden by robots.txt"), forbidden))) == []
    assert not spider.crawler.stats.get_value(STAT_ERRORS)
    assert spider.forgotten == [BASE + "/z.html", BASE + "/r", BASE + "/member/1.html"]


class _Sender:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.sent = fail, []

    def send(self, page: Any) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        self.sent.append(page)


@pytest.mark.parametrize("fail", [False, True])
def test_pipeline_archives_then_sends(tmp_path: Path, fail: bool) -> None:
    spider = _spider(_source("/bishan/zwgk/zfgzbg/"))
    pipeline = ArchiveAndSendPipeline(str(tmp_path), "redis://unused", spider.crawler)
    pipeline.sender = _Sender(fail=fail)  # type: ignore[assignment]
    response = _response("/gaoping/info/1043/24567.htm", "gaoping", role="detail")
    (item,) = list(spider.parse_detail(response))
    pipeline.process_item(item)
    assert Archive(tmp_path).has(item.page.content_hash)  # archived before (and whatever happens with) the send
    stats = spider.crawler.stats
    if fail:
        assert stats.get_value(STAT_ERRORS) == 1 and not stats.get_value(STAT_SENT)
        assert item.page.url in spider.forgotten
    else:
        assert pipeline.sender.sent == [item.page] and stats.get_value(STAT_SENT) == 1  # type: ignore[attr-defined]


def test_list_request_left_by_an_earlier_crawl_is_resumed() -> None:
    spider = _spider(_source("/yubei/zwgk/qtgw/"))
    _start(spider)
    # queued by an interrupted crawl of another source, popped from Redis by this one
    out = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index_1.html", "an-earlier-source")))
    assert [r.meta["role"] for r in out].count("detail") == 1
    assert all(r.meta["source"] == "an-earlier-source" for r in out)
