"""The sample portal over real HTTP on 127.0.0.1: every seed report reachable from the start URLs by the
crawler's own link rules, the GBK site decodes, portal chrome is present, server behaviour is sane."""

from __future__ import annotations

import html
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from crawler.links import LinkKind, classify, extract_links, list_page_key
from pipeline.decode import decode_page
from runtime.sample_portal import serve_portal, start_urls

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"


def _seed_lines(prefix: str) -> list[str]:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


class Fetched:
    def __init__(self, url: str, status: int, headers: dict[str, str], body: bytes) -> None:
        self.url, self.status, self.headers, self.body = url, status, headers, body

    @property
    def charset(self) -> str:
        match = re.search(r"charset=([\w-]+)", self.headers.get("content-type", ""))
        return match.group(1) if match else "utf-8"

    @property
    def text(self) -> str:
        # gb2312 is declared; GBK (its superset) is what such servers send, so read as GBK
        return self.body.decode("gbk" if self.charset == "gb2312" else self.charset)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def fetch(url: str, headers: dict[str, str] | None = None) -> Fetched:
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=10) as response:
            return Fetched(url, response.status, {k.lower(): v for k, v in response.headers.items()}, response.read())
    except urllib.error.HTTPError as error:
        return Fetched(url, error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    with serve_portal() as url:
        yield url


@pytest.fixture(scope="module")
def crawl(base_url: str) -> dict[str, object]:
    """Walk the portal the way the spider does: start URLs, pagination, detail pages (one level)."""
    pending = list(start_urls(base_url))
    seen_lists = {list_page_key(url) for url in pending}
    list_pages: dict[str, Fetched] = {}
    details: dict[str, Fetched] = {}
    while pending:
        url = pending.pop(0)
        page = fetch(url)
        assert page.status == 200, url
        list_pages[url] = page
        for link in extract_links(page.text, url):
            kind = classify(url, link)
            if kind is LinkKind.PAGINATION and list_page_key(link.url) not in seen_lists:
                seen_lists.add(list_page_key(link.url))
                pending.append(link.url)
            elif kind is LinkKind.DETAIL and link.url not in details:
                details[link.url] = fetch(link.url)
    return {"lists": list_pages, "details": details}


def _detail_text(crawl: dict[str, object]) -> dict[str, str]:
    """Detail pages as text with character references resolved (markup stays)."""
    return {url: html.unescape(page.text) for url, page in crawl["details"].items()  # type: ignore[attr-defined]
            if page.status == 200}


@pytest.mark.parametrize("prefix", ["001", "003", "004"])
def test_every_single_report_seed_is_reachable_whole(crawl: dict[str, object], prefix: str) -> None:
    lines = _seed_lines(prefix)
    long_lines = [line for line in lines if len(line) > 200]
    holders = [url for url, text in _detail_text(crawl).items() if long_lines[0] in text]
    assert len(holders) == 1, f"seed {prefix} on {len(holders)} pages"
    text = _detail_text(crawl)[holders[0]]
    missing = [line[:40] for line in long_lines if line not in text]
    assert not missing, f"seed {prefix}: paragraphs missing from {holders[0]}: {missing[:3]}"


@pytest.mark.parametrize("prefix", ["000", "002"])
def test_aggregator_pages_carry_all_ten_entries(crawl: dict[str, object], prefix: str) -> None:
    lines = _seed_lines(prefix)
    texts = [line for line in lines if len(line) > 10_000]  # each entry's run-together report text
    assert len(texts) == 10
    holders = [url for url, text in _detail_text(crawl).items() if texts[0] in text]
    assert len(holders) == 1
    page = _detail_text(crawl)[holders[0]]
    assert all(text in page for text in texts)
    titles = [re.sub(r"^[•\-\s]*(【[^】]*】)?", "", line) for line in lines if "工作报告" in line and len(line) < 60]
    assert len(titles) == 10 and all(title in page for title in titles)


def test_list_pages_paginate_and_carry_non_report_items(crawl: dict[str, object], base_url: str) -> None:
    lists = crawl["lists"]
    assert len(lists) > len(start_urls(base_url))  # pagination was followed
    paths = [url[len(base_url):] for url in lists]  # type: ignore[union-attr]
    assert any(re.search(r"/index_\d+\.html$", p) for p in paths)
    assert any("?page=" in p for p in paths)
    assert any(re.search(r"/list_\d+\.html$", p) for p in paths)
    details = _detail_text(crawl)
    reports = [url for url, text in details.items() if "各位代表" in text or "发展计划" in text]
    assert len(details) - len(reports) >= 6  # news/notice pages that must end as skipped


def test_gbk_site_is_gbk_and_declares_gb2312(crawl: dict[str, object]) -> None:
    gaoping = {url: page for url, page in crawl["details"].items() if "/gaoping/" in url}  # type: ignore[attr-defined]
    assert gaoping
    report_line = next(line for line in _seed_lines("003") if len(line) > 200)
    for url, page in gaoping.items():
        assert page.headers["content-type"] == "text/html; charset=gb2312", url
        assert b'<meta charset="gb2312">' in page.body
        with pytest.raises(UnicodeDecodeError):
            page.body.decode("utf-8")
        assert "gaoping" in page.body.decode("gbk")  # strict: every byte is valid GBK
    report = next(page for page in gaoping.values() if report_line.encode("gbk") in page.body)
    decoded = decode_page(report.body, content_type=report.headers["content-type"])
    assert report_line in decoded and "亚洲通" in decoded


@pytest.mark.parametrize(
    "marker",
    ["您当前的位置", "您的位置", "当前位置", "扫一扫在手机打开当前页", "大</a>", "中</a>", "小</a>", "网站标识码",
     "ICP备", "国务院部门网站", "区(县)政府网站", "分享到", "字体", "字号"],
)
def test_portal_chrome_is_present(crawl: dict[str, object], marker: str) -> None:
    assert any(marker in text for text in _detail_text(crawl).values())


def test_robots_txt_and_server_behaviour(base_url: str) -> None:
    robots = fetch(base_url + "/robots.txt")
    assert robots.status == 200 and "Disallow:" in robots.text
    assert fetch(base_url + "/no/such/page.html").status == 404
    moved = fetch(base_url + "/bishan/zwgk/zfgzbg")
    assert moved.status == 301 and moved.headers["location"] == "/bishan/zwgk/zfgzbg/"
    page = fetch(base_url + "/bishan/zwgk/zfgzbg/")
    assert page.status == 200 and page.headers["etag"] and page.headers["last-modified"]
    assert fetch(base_url + "/bishan/zwgk/zfgzbg/", {"If-None-Match": page.headers["etag"]}).status == 304
    assert fetch(base_url + "/bishan/zwgk/zfgzbg/index.html").body == page.body


def test_robots_disallows_a_linked_page(crawl: dict[str, object], base_url: str) -> None:
    rules = [line.split(":", 1)[1].strip() for line in fetch(base_url + "/robots.txt").text.splitlines()
             if line.startswith("Disallow:")]
    linked = [url[len(base_url):] for url in crawl["details"]]  # type: ignore[union-attr]
    assert any(path.startswith(rule) for path in linked for rule in rules)


def test_port_zero_gives_distinct_free_ports() -> None:
    with serve_portal() as first, serve_portal() as second:
        assert first != second
        assert fetch(first + "/robots.txt").status == fetch(second + "/robots.txt").status == 200
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(first + "/robots.txt", timeout=2)


# Documents the pipeline should find on each seed's portal page (ten per aggregator topic page).
SEED_DOCUMENTS = [("001", 1), ("004", 1), ("000", 10), ("002", 10),
                  ("003", 1)]


@pytest.mark.parametrize(("prefix", "expected"), SEED_DOCUMENTS)
def test_pipeline_finds_the_seed_reports_in_portal_markup(tmp_path: Path, prefix: str, expected: int) -> None:
    from pipeline.document import build_documents
    from pipeline.segment import get_segmenter
    from runtime.sample_portal.site import build_site, report_paths

    path = report_paths()[prefix]
    page = build_site()[path]
    documents = build_documents(page.body, "http://127.0.0.1" + path, get_segmenter(tmp_path.parent / "jieba"),
                                content_type=page.content_type)
    assert len(documents) == expected
    assert all(doc.region and doc.report_year for doc in documents)
