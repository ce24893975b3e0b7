"""The spider's decisions on real portal markup (the sample portal's pages), without network or Redis:
per-URL state, the seen-set and lease acknowledgements are in-memory stand-ins with the same interface
(the Redis implementations have their own tests)."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import pytest
import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import HtmlResponse, Response
from scrapy.utils.test import get_crawler
from twisted.python.failure import Failure

from crawler.address_guard import RefusedAddress
from crawler.pipelines import ArchiveAndSendPipeline
from crawler.sources import Source
from crawler.spider import DETAIL_PRIORITY, FetchedPage, PortalSpider
from crawler.url_state import UrlState
from govreports.archive import Archive
from runtime.sample_portal.site import build_site

BASE = "http://127.0.0.1:8765"


class States:
    def __init__(self) -> None:
        self.data: dict[str, UrlState] = {}
        self.retries: dict[str, dict[str, Any]] = {}

    def get(self, url: str) -> UrlState | None:
        return UrlState.from_json(self.data[url].to_json()) if url in self.data else None

    def get_many(self, urls: Any) -> dict[str, UrlState]:
        return {url: state for url in urls if (state := self.get(url)) is not None}

    def put(self, state: UrlState) -> None:
        self.data[state.url] = UrlState.from_json(state.to_json())

    def schedule_retry(self, source: str, url: str, role: str, failures: int, sig: str = "") -> float:
        self.retries[url] = {"url": url, "role": role, "sig": sig, "source": source, "failures": failures}
        return 1.0

    def due_retries(self, source: str) -> list[tuple[str, dict[str, Any]]]:
        return [(url, retry) for url, retry in self.retries.items() if retry["source"] == source]

    def retry_taken(self, source: str, member: str) -> None:
        self.retries.pop(member)


class Seen:
    def __init__(self) -> None:
        self.urls: set[str] = set()
        self.forgotten: list[str] = []

    def contains(self, request: scrapy.Request) -> bool:
        return request.url in self.urls

    def forget(self, request: scrapy.Request) -> bool:
        self.forgotten.append(request.url)
        return self.urls.discard(request.url) is None


class Acks:
    def __init__(self) -> None:
        self.acked: list[str] = []

    def ack(self, request: scrapy.Request) -> None:
        self.acked.append(request.url)


def _spider(*sources: Source) -> PortalSpider:
    crawler = get_crawler(PortalSpider)
    spider = PortalSpider.from_crawler(crawler, sources=list(sources))
    crawler.spider = spider
    spider.states, spider.seen, spider.acks = States(), Seen(), Acks()
    return spider


def _source(path: str, **kwargs: Any) -> Source:
    return Source(name=path.strip("/").split("/")[0], start_urls=(BASE + path,), **kwargs)


def _response(path: str, source: str, role: str = "list", status: int = 200, body: bytes | None = None,
              **meta: Any) -> HtmlResponse:
    page = build_site()[path] if body is None else None
    request = scrapy.Request(BASE + path, meta={"role": role, "source": source, **meta})
    headers = {"Content-Type": page.content_type if page else "text/html; charset=utf-8",
               "ETag": page.etag if page else '"x"'}
    return HtmlResponse(BASE + path, status=status, body=page.body if page else body or b"", headers=headers,
                        request=request)


def _start(spider: PortalSpider) -> list[scrapy.Request]:
    async def collect() -> list[scrapy.Request]:
        return [request async for request in spider.start()]

    return asyncio.run(collect())


def _stat(spider: PortalSpider, counter: str) -> int:
    return int(spider.crawler.stats.get_value(f"govreports/{counter}") or 0)


def _roles(requests: list[Any]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in requests:
        out.setdefault(r.meta["role"], []).append(r.url.removeprefix(BASE))
    return out


def test_start_asks_lists_conditionally_after_due_retries() -> None:
    bishan, yubei = _source("/bishan/zwgk/zfgzbg/"), _source("/yubei/zwgk/qtgw/")
    spider = _spider(bishan, yubei)
    spider.states.put(UrlState(BASE + "/bishan/zwgk/zfgzbg/", etag='"e1"', last_modified="Mon, 07 Jul 2025"))
    spider.states.schedule_retry("bishan", BASE + "/bishan/x/t20240101_1.html", "detail", 1, "sig")
    requests = _start(spider)
    assert [r.url.removeprefix(BASE) for r in requests] == ["/bishan/x/t20240101_1.html", "/bishan/zwgk/zfgzbg/",
                                                            "/yubei/zwgk/qtgw/"]
    assert requests[0].dont_filter and requests[0].meta["retry"] and spider.states.retries == {}
    assert requests[1].headers["If-None-Match"] == b'"e1"' and b"If-Modified-Since" in requests[1].headers
    assert b"If-None-Match" not in requests[2].headers  # never fetched: a plain request
    assert all(r.dont_filter and r.meta["role"] == "list" for r in requests[1:])


def test_first_visit_fetches_details_and_only_the_next_list_page() -> None:
    source = _source("/bishan/zwgk/zfgzbg/")
    spider = _spider(source)
    _start(spider)
    out = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name)))
    roles = _roles(out)
    assert len(roles["detail"]) == 3 and any("t20240227_" in url for url in roles["detail"])
    assert all(not r.dont_filter and r.priority == DETAIL_PRIORITY for r in out if r.meta["role"] == "detail")
    # the TRS script pager lists index_1 and index_2: only the next page is asked for
    assert roles["list"] == ["/bishan/zwgk/zfgzbg/index_1.html"]
    state = spider.states.get(BASE + "/bishan/zwgk/zfgzbg/index.html")
    assert state is not None and state.content_hash and state.etag.startswith('"')
    assert spider.acks.acked == [BASE + "/bishan/zwgk/zfgzbg/index.html"]
    assert _stat(spider, "list_pages") == 1 and _stat(spider, "detail_links") == 3


def _known(spider: PortalSpider, response: HtmlResponse) -> list[scrapy.Request]:
    """Parse a list page, then pretend every detail it asked for was fetched (seen, with its entry)."""
    out = list(spider.parse_list(response))
    for request in out:
        if request.meta["role"] == "detail":
            spider.seen.urls.add(request.url)
            spider.states.put(UrlState(request.url, role="detail", content_hash="h", entry_sig=request.meta["sig"]))
    return out


def test_unchanged_list_ends_the_walk() -> None:
    source = _source("/bishan/zwgk/zfgzbg/")
    spider = _spider(source)
    _known(spider, _response("/bishan/zwgk/zfgzbg/index.html", source.name))
    spider._list_pages.clear()  # a later round
    assert list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name))) == []
    assert _stat(spider, "unchanged_lists") == 1


def test_not_modified_list_ends_the_walk() -> None:
    source = _source("/bishan/zwgk/zfgzbg/")
    spider = _spider(source)
    out = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name, status=304, body=b"")))
    assert out == [] and _stat(spider, "not_modified") == 1 and _stat(spider, "pages_fetched") == 0
    assert spider.acks.acked == [BASE + "/bishan/zwgk/zfgzbg/index.html"]


def _list_markup(entries: list[tuple[str, str, str]], pages: int = 2) -> bytes:
    rows = "".join(f'<li><a href="{href}" title="{title}">{title}</a><span>{date}</span></li>'
                   for href, title, date in entries)
    pager = "".join(f'<a href="index_{i}.html">{i + 1}</a>' for i in range(1, pages))
    return f"<html><body><ul class='list'>{rows}</ul><div class='page'>{pager}</div></body></html>".encode()


ENTRIES = [(f"/col/2024/t2024010{i}_{i}.html", f"第{i}号关于做好某项重点工作的通知", f"2024-01-0{i}") for i in (3, 2, 1)]


def test_changed_list_fetches_new_and_re_dated_entries_and_walks_on() -> None:
    source = Source(name="col", start_urls=(BASE + "/col/",))
    spider = _spider(source)
    _known(spider, _response("/col/", "col", body=_list_markup(ENTRIES)))
    spider._list_pages.clear()
    new_entry = ("/col/2024/t20240104_4.html", "第4号关于做好某项重点工作的通知", "2024-01-04")
    edited = (ENTRIES[1][0], ENTRIES[1][1], "2024-01-09")  # re-dated: the report was edited
    spider.states.put(UrlState(BASE + ENTRIES[1][0], role="detail", content_hash="h", etag='"v1"',
                               entry_sig=spider.states.get(BASE + ENTRIES[1][0]).entry_sig))  # type: ignore[union-attr]
    out = list(spider.parse_list(_response("/col/", "col", body=_list_markup([new_entry, ENTRIES[0], edited]))))
    roles = _roles(out)
    assert roles["detail"] == ["/col/2024/t20240104_4.html", ENTRIES[1][0]]
    refetch = out[1]
    assert refetch.dont_filter and refetch.meta["refetch"] and refetch.headers["If-None-Match"] == b'"v1"'
    assert roles["list"] == ["/col/index_1.html"]  # something new on this page: the next one may have more
    assert _stat(spider, "duplicates") == 1


def test_changed_list_without_anything_new_stops() -> None:
    source = Source(name="col", start_urls=(BASE + "/col/",))
    spider = _spider(source)
    _known(spider, _response("/col/", "col", body=_list_markup(ENTRIES)))
    spider._list_pages.clear()
    out = list(spider.parse_list(_response("/col/", "col", body=_list_markup(ENTRIES, pages=3))))  # pager grew
    assert out == [] and _stat(spider, "duplicates") == 3


def test_gbk_list_page_and_query_pagination() -> None:
    source = _source("/gaoping/xxgk/zfgzbg/")
    spider = _spider(source)
    _start(spider)
    roles = _roles(list(spider.parse_list(_response("/gaoping/xxgk/zfgzbg/", source.name))))
    assert roles["list"] == ["/gaoping/xxgk/zfgzbg/?page=2"] and len(roles["detail"]) == 2


def test_pagination_stops_at_the_source_limit() -> None:
    source = _source("/bishan/zwgk/zfgzbg/", max_list_pages=1)
    spider = _spider(source)
    _start(spider)
    roles = _roles(list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index.html", source.name))))
    assert "list" not in roles and _stat(spider, "list_page_limit_reached") == 1


def test_registry_selectors_choose_the_links() -> None:
    source = Source(name="col", start_urls=(BASE + "/col/",), selectors={"detail_links": "ul.picked"})
    spider = _spider(source)
    markup = (b"<html><body><ul class='picked'><li><a href='/a/1.html'>x</a></li></ul>"
              b"<ul><li><a href='/col/t20240101_2.html'>a long enough title for a detail</a></li></ul></body></html>")
    roles = _roles(list(spider.parse_list(_response("/col/", "col", body=markup))))
    assert roles["detail"] == ["/a/1.html"]  # only the selected list, whatever the heuristics say


def test_detail_page_becomes_a_new_raw_page() -> None:
    spider = _spider(Source(name="yubei", start_urls=(), authority=100))
    path = "/yubei/zwgk/qtgw/202007/t20200711_7701234.html"
    response = _response(path, "yubei", role="detail", redirect_urls=[BASE + "/old/notice.html"], sig="s1")
    (item,) = list(spider.parse_detail(response))
    page = item.page
    assert isinstance(item, FetchedPage) and item.change == "new"
    assert page.url == BASE + "/old/notice.html" and page.final_url == BASE + path and page.authority == 100
    assert page.body == build_site()[path].body and page.status == 200 and page.source == "yubei"
    assert item.state is not None and item.state.entry_sig == "s1" and item.state.klass == "report"
    assert str(len(page.body)) in repr(item) and "<html" not in repr(item)
    assert spider.acks.acked == []  # the pipeline acknowledges once the page is sent


def test_refetch_outcomes_changed_same_and_not_modified() -> None:
    spider = _spider(Source(name="s", start_urls=()))
    path = "/gaoping/info/1043/25102.htm"
    spider.states.put(UrlState(BASE + path, role="detail", content_hash="older"))
    (item,) = list(spider.parse_detail(_response(path, "s", role="detail", refetch=True)))
    assert item.change == "changed"
    spider.states.put(item.state)
    assert list(spider.parse_detail(_response(path, "s", role="detail", refetch=True))) == []
    assert list(spider.parse_detail(_response(path, "s", role="detail", status=304, body=b""))) == []
    assert _stat(spider, "duplicates") == 1 and _stat(spider, "not_modified") == 1
    assert spider.acks.acked == [BASE + path, BASE + path]


@pytest.mark.parametrize(
    ("status", "body", "klass", "counter"),
    [
        (200, "<html><head><script>var $_ts=window['$_ts'];</script></head><body>请稍候</body></html>", "blocked", "blocked"),
        (403, "<html><body>Forbidden</body></html>", "blocked", "blocked"),
        (200, "<html><head><script src='/app.js'></script></head><body><div id='app'></div></body></html>",
         "script_shell", None),
        (503, "<html><body>busy</body></html>", "server_error", "failed"),
    ],
)
def test_unreadable_pages_are_counted_and_retried_not_sent(status: int, body: str, klass: str,
                                                           counter: str | None) -> None:
    spider = _spider(Source(name="s", start_urls=()))
    path = "/x/t20240101_1.html"
    out = list(spider.parse_detail(_response(path, "s", role="detail", status=status, body=body.encode(), sig="g")))
    assert out == []
    assert spider.crawler.stats.get_value(f"govreports/class/{klass}") == 1
    if counter:
        assert _stat(spider, counter) == 1
    assert spider.states.retries[BASE + path]["sig"] == "g" and spider.acks.acked == [BASE + path]
    assert spider.states.get(BASE + path).klass == klass  # type: ignore[union-attr]


def test_not_found_is_sent_as_a_failed_page() -> None:
    spider = _spider(Source(name="s", start_urls=()))
    (item,) = list(spider.parse_detail(_response("/x/t1.html", "s", role="detail", status=404, body=b"<html>gone</html>")))
    assert item.page.status == 404 and item.change == "gone"


def test_attachment_only_page_follows_its_files() -> None:
    spider = _spider(Source(name="s", start_urls=()))
    body = ("<html><body><h1>2024年某区政府工作报告</h1><p>附件：</p><a href='/files/report.docx'>2024年某区政府工作报告"
            "</a><a href='/files/P020240101.pdf'>下载PDF</a><a href='/x/other.html'>别的页面</a></body></html>")
    out = list(spider.parse_detail(_response("/x/t20240101_9.html", "s", role="detail", body=body.encode())))
    files = [r for r in out if isinstance(r, scrapy.Request)]
    assert [r.url.removeprefix(BASE) for r in files] == ["/files/report.docx", "/files/P020240101.pdf"]
    assert all(r.meta["role"] == "attachment" for r in files)
    assert isinstance(out[-1], FetchedPage) and out[-1].state.klass == "attachment_only"  # type: ignore[union-attr]


def _failure(exc: Exception, request: scrapy.Request) -> Failure:
    failure = Failure(exc)
    failure.request = request  # type: ignore[attr-defined]
    return failure


def test_refused_and_robots_forbidden_are_forgotten_not_retried() -> None:
    spider = _spider(Source(name="s", start_urls=()))
    refused = scrapy.Request(BASE + "/z.html", meta={"role": "detail", "source": "s", "redirect_urls": [BASE + "/r"]})
    forbidden = scrapy.Request(BASE + "/member/1.html", meta={"role": "detail", "source": "s"})
    assert list(spider.on_error(_failure(RefusedAddress("loopback"), refused))) == []
    assert list(spider.on_error(_failure(IgnoreRequest("Forbidden by robots.txt"), forbidden))) == []
    assert spider.seen.forgotten == [BASE + "/r", BASE + "/z.html", BASE + "/member/1.html"]
    assert spider.states.retries == {} and _stat(spider, "failed") == 0
    assert spider.crawler.stats.get_value("govreports/source/s/refused") == 1
    assert spider.acks.acked == [BASE + "/z.html", BASE + "/member/1.html"]


def test_network_errors_are_failed_and_retried() -> None:
    spider = _spider(Source(name="s", start_urls=()))
    request = scrapy.Request(BASE + "/y/t20240101_2.html", meta={"role": "detail", "source": "s", "sig": "q"})
    assert list(spider.on_error(_failure(TimeoutError("took too long"), request))) == []
    assert _stat(spider, "failed") == 1 and spider.states.retries[request.url]["sig"] == "q"
    assert spider.acks.acked == [request.url]


class _Sender:
    def __init__(self, fail: bool = False) -> None:
        self.fail, self.sent = fail, []

    def send(self, page: Any) -> None:
        if self.fail:
            raise ConnectionError("broker down")
        self.sent.append(page)


@pytest.mark.parametrize("fail", [False, True])
def test_pipeline_archives_sends_then_remembers(tmp_path: Path, fail: bool) -> None:
    spider = _spider(Source(name="gaoping", start_urls=()))
    pipeline = ArchiveAndSendPipeline(str(tmp_path), "redis://unused", spider.crawler)
    pipeline.sender = _Sender(fail=fail)  # type: ignore[assignment]
    (item,) = list(spider.parse_detail(_response("/gaoping/info/1043/24567.htm", "gaoping", role="detail")))
    pipeline.process_item(item)
    assert Archive(tmp_path).has(item.page.content_hash)  # archived before (and whatever happens with) the send
    assert spider.acks.acked == [item.page.url]
    state = spider.states.get(item.page.url)
    if fail:
        assert _stat(spider, "failed") == 1 and _stat(spider, "new_reports") == 0
        assert item.page.url in spider.seen.forgotten and item.page.url in spider.states.retries
        assert state is not None and state.content_hash == ""  # the next fetch counts as new again
    else:
        assert pipeline.sender.sent == [item.page]  # type: ignore[attr-defined]
        assert _stat(spider, "new_reports") == 1 and _stat(spider, "sent") == 1
        assert state is not None and state.content_hash == item.state.content_hash  # type: ignore[union-attr]


def test_request_left_by_an_earlier_crawl_is_resumed() -> None:
    spider = _spider(_source("/yubei/zwgk/qtgw/"))
    _start(spider)
    out = list(spider.parse_list(_response("/bishan/zwgk/zfgzbg/index_1.html", "an-earlier-source")))
    assert [r.meta["role"] for r in out].count("detail") == 1
    assert all(r.meta["source"] == "an-earlier-source" for r in out)


def test_a_bug_in_list_handling_is_counted_and_acknowledged() -> None:
    spider = _spider(_source("/yubei/zwgk/qtgw/"))

    def broken(*_: Any) -> Any:
        raise ValueError("boom")

    spider.states.get_many = broken  # type: ignore[method-assign]
    response: Response = _response("/yubei/zwgk/qtgw/index.html", "yubei")
    assert list(spider.parse_list(response)) == []
    assert _stat(spider, "failed") == 1 and spider.acks.acked == [response.url]
