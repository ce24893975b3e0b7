"""bench.portal: the generated loopback portal has the pages asked for, and the crawler's own link rules
reach every detail page from the start URLs (else a crawl figure would count a partial crawl)."""

from __future__ import annotations

import math

import pytest

from bench.corpus import build_corpus
from bench.portal import build_portal, extra_detail_pages, report_page
from crawler.links import LinkKind, classify, extract_links, list_page_key

BASE = "http://127.0.0.1:8000"


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    return build_corpus(30)


@pytest.mark.parametrize("details, columns, per_list", [(200, 4, 20), (95, 3, 10), (7, 7, 20)])
def test_page_counts(corpus, details: int, columns: int, per_list: int) -> None:  # type: ignore[no-untyped-def]
    portal = build_portal(corpus, detail_count=details, columns=columns, per_list=per_list)
    shares = [details // columns + (1 if c < details % columns else 0) for c in range(columns)]
    assert len(portal.detail_paths) == len(set(portal.detail_paths)) == details
    assert len(portal.start_paths) == columns
    assert len(portal.list_paths) == sum(math.ceil(share / per_list) for share in shares)
    assert len(portal.pages) == details + len(portal.list_paths) + 1  # + robots.txt
    assert set(portal.detail_reports) == set(portal.detail_paths)


def test_bad_shapes_are_refused(corpus) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        build_portal(corpus, detail_count=3, columns=5)
    with pytest.raises(ValueError):
        build_portal([], detail_count=10, columns=2)


def test_odd_columns_are_gbk_pages(corpus) -> None:  # type: ignore[no-untyped-def]
    portal = build_portal(corpus, detail_count=40, columns=2)
    charsets = {portal.pages[path].content_type for path in portal.detail_paths}
    assert charsets == {"text/html; charset=utf-8", "text/html; charset=gb2312"}
    gbk = next(p for p in portal.detail_paths if portal.pages[p].content_type.endswith("gb2312"))
    title = portal.detail_reports[gbk].title
    assert title in portal.pages[gbk].body.decode("gbk")


def test_the_crawlers_link_rules_reach_every_detail_page(corpus) -> None:  # type: ignore[no-untyped-def]
    portal = build_portal(corpus, detail_count=130, columns=3, per_list=20)
    to_visit = [BASE + path for path in portal.start_paths]
    seen_lists: set[str] = set()
    details: set[str] = set()
    while to_visit:
        url = to_visit.pop()
        if list_page_key(url) in seen_lists:
            continue
        seen_lists.add(list_page_key(url))
        path = url[len(BASE):]
        page = portal.pages[path + "index.html" if path.endswith("/") else path]
        charset = page.content_type.rpartition("=")[2].replace("gb2312", "gbk")
        for link in extract_links(page.body.decode(charset), url):
            kind = classify(url, link)
            if kind is LinkKind.PAGINATION:
                to_visit.append(link.url)
            elif kind is LinkKind.DETAIL:
                details.add(link.url[len(BASE):])
    assert details == set(portal.detail_paths)


def test_report_pages_rotate_templates_and_warm_up_pages_stay_off_the_portal(corpus) -> None:  # type: ignore[no-untyped-def]
    kinds = {report_page(corpus[i], i)[1].content_type for i in range(3)}
    assert kinds == {"text/html; charset=utf-8", "text/html; charset=gb2312"}
    portal = build_portal(corpus, detail_count=20, columns=2)
    warm = extra_detail_pages(corpus, 4)
    assert len(warm) == 4 and not {path for path, _ in warm} & set(portal.pages)
    assert not {page.body for _, page in warm} & {page.body for page in portal.pages.values()}
