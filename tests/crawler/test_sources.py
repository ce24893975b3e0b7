"""Start URLs and --allow-host values are checked before anything is crawled."""

from __future__ import annotations

import pytest

from crawler.sources import normalise_host, normalise_start_url, source_name, sources_from_start_urls
from govreports.errors import ConfigError


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("ftp://www.gov.cn/a", "only http"),
        ("www.gov.cn/zwgk/", "only http"),
        ("http:///zwgk/", "no host"),
        ("http://www.gov.cn/ zwgk", "white space"),
        ("http://www.gov.cn:99999/", "bad port"),
        ("http://www.gov.cn:abc/", "bad port"),
        ("http://bad_host!.cn/", "not a valid host"),
    ],
)
def test_bad_start_urls(raw: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        normalise_start_url(raw)


def test_start_url_normalised() -> None:
    assert normalise_start_url(" http://WWW.Gov.CN/zwgk/index.html#top ") == "http://www.gov.cn/zwgk/index.html"
    assert normalise_start_url("https://www.gov.cn") == "https://www.gov.cn/"
    assert normalise_start_url("http://[::1]:8080/x") == "http://[::1]:8080/x"


def test_sources_one_per_distinct_url() -> None:
    sources = sources_from_start_urls(["http://a.gov.cn/zwgk/", "http://a.gov.cn/zwgk/#x", "http://b.gov.cn/list.jsp?c=1"])
    assert [s.start_urls for s in sources] == [("http://a.gov.cn/zwgk/",), ("http://b.gov.cn/list.jsp?c=1",)]
    assert [s.name for s in sources] == ["a.gov.cn/zwgk", "b.gov.cn"]
    with pytest.raises(ConfigError):
        sources_from_start_urls([])


def test_source_name_is_host_and_list_directory() -> None:
    assert source_name("http://127.0.0.1:8080/bishan/zwgk/zfgzbg/index.html") == "127.0.0.1:8080/bishan/zwgk/zfgzbg"


@pytest.mark.parametrize("raw", ["http://127.0.0.1/", "127.0.0.1:8080", "a/b", "", "bad host"])
def test_bad_allow_host(raw: str) -> None:
    with pytest.raises(ConfigError):
        normalise_host(raw)


def test_allow_host_normalised() -> None:
    assert normalise_host(" Portal.Local ") == "portal.local"
    assert normalise_host("[::1]") == "::1"
