"""The private-address guard: the pure decision, the middleware, and redirects built by Scrapy's own
RedirectMiddleware (the redirected request must be checked again, by its new host)."""

from __future__ import annotations

import asyncio

import pytest
from scrapy import Request
from scrapy.downloadermiddlewares.redirect import RedirectMiddleware
from scrapy.http import Response
from scrapy.spiders import Spider
from scrapy.utils.test import get_crawler

from crawler.address_guard import REFUSED_STAT, PrivateAddressGuard, RefusedAddress, refusal_reason

NONE: frozenset[str] = frozenset()


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "127.8.9.10", "10.0.0.5", "172.16.3.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
     "224.0.0.1", "::1", "fe80::1", "fc00::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "240.0.0.1"],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    assert refusal_reason("portal.example.cn", [address], NONE)


@pytest.mark.parametrize("address", ["59.110.1.2", "8.8.8.8", "2400:3200::1"])
def test_public_addresses_pass(address: str) -> None:
    assert refusal_reason("www.gov.cn", [address], NONE) is None


def test_reason_names_the_kind_of_address() -> None:
    assert "loopback" in (refusal_reason("localhost", ["127.0.0.1"], NONE) or "")
    assert "link-local" in (refusal_reason("meta", ["169.254.169.254"], NONE) or "")
    assert "private" in (refusal_reason("intranet", ["10.0.0.1"], NONE) or "")


def test_any_private_address_of_a_host_refuses_it() -> None:
    assert refusal_reason("mixed.example.cn", ["59.110.1.2", "10.0.0.1"], NONE)
    assert refusal_reason("nothing.example.cn", [], NONE)


def test_allowed_host_is_exempt_by_name_only() -> None:
    allowed = frozenset({"127.0.0.1", "portal.local"})
    assert refusal_reason("127.0.0.1", ["127.0.0.1"], allowed) is None
    assert refusal_reason("PORTAL.local.", ["10.0.0.9"], allowed) is None
    # the same address under another name is not exempt
    assert refusal_reason("localhost", ["127.0.0.1"], allowed)


class FakeStats:
    def __init__(self) -> None:
        self.values: dict[str, int] = {}

    def inc_value(self, key: str, count: int = 1) -> None:
        self.values[key] = self.values.get(key, 0) + count


def _guard(allowed: set[str], dns: dict[str, str]) -> tuple[PrivateAddressGuard, FakeStats, list[str]]:
    asked: list[str] = []

    async def resolve(host: str) -> list[str]:
        asked.append(host)
        if host not in dns:
            raise OSError(f"no such host {host}")
        return [dns[host]]

    stats = FakeStats()
    return PrivateAddressGuard(allowed, stats=stats, resolve=resolve), stats, asked


DNS = {"www.portal.gov.cn": "59.110.1.2", "intranet.portal.gov.cn": "10.20.30.40", "localhost": "127.0.0.1",
       "rebind.example.cn": "169.254.169.254"}


def _check(guard: PrivateAddressGuard, request: Request) -> None:
    asyncio.run(guard.process_request(request))


def test_middleware_passes_public_and_allowed_hosts() -> None:
    guard, stats, asked = _guard({"127.0.0.1"}, DNS)
    _check(guard, Request("http://www.portal.gov.cn/zwgk/index.html"))
    _check(guard, Request("http://127.0.0.1:8123/bishan/"))
    assert asked == ["www.portal.gov.cn"]  # allowed hosts and IP literals need no lookup
    assert stats.values == {}


@pytest.mark.parametrize("url", ["http://localhost:6379/", "http://intranet.portal.gov.cn/admin",
                                 "http://10.0.0.1/", "http://[::1]:8080/", "http://rebind.example.cn/latest/meta-data/"])
def test_middleware_refuses_counts_and_logs(url: str, caplog: pytest.LogCaptureFixture) -> None:
    guard, stats, _ = _guard({"127.0.0.1"}, DNS)
    with pytest.raises(RefusedAddress):
        _check(guard, Request(url))
    assert stats.values[REFUSED_STAT] == 1
    assert "refused" in caplog.text and url.split("/")[2].split(":")[0].strip("[]") in caplog.text


def test_unresolvable_host_is_left_to_the_download() -> None:
    guard, stats, _ = _guard(set(), DNS)
    _check(guard, Request("http://no-such-host.example.cn/"))  # the download will fail and be counted there
    assert stats.values == {}


def _redirect(source: Request, location: str) -> Request:
    crawler = get_crawler(Spider)
    crawler.spider = Spider(name="t")
    middleware = RedirectMiddleware.from_crawler(crawler)
    response = Response(source.url, status=302, headers={"Location": location}, request=source)
    redirected = middleware.process_response(source, response)
    assert isinstance(redirected, Request)
    return redirected


@pytest.mark.parametrize(
    "location",
    ["http://127.0.0.1/admin", "http://10.1.2.3/internal", "http://169.254.169.254/latest/meta-data/",
     "http://localhost:8500/v1/kv"],
)
def test_redirect_from_an_allowed_host_to_a_private_address_is_refused(location: str) -> None:
    guard, stats, _ = _guard({"portal.local"}, {**DNS, "portal.local": "192.168.5.5"})
    start = Request("http://portal.local/zfgzbg/t20240227_1.html")
    _check(guard, start)  # the allowed (private) portal itself is fine
    redirected = _redirect(start, location)
    assert redirected.url.startswith(location.split("/latest")[0].split("/admin")[0])
    with pytest.raises(RefusedAddress):
        _check(guard, redirected)
    assert stats.values[REFUSED_STAT] == 1


def test_redirect_within_public_hosts_passes() -> None:
    guard, stats, _ = _guard(set(), DNS)
    redirected = _redirect(Request("http://www.portal.gov.cn/a.html"), "/zwgk/b.html")
    _check(guard, redirected)
    assert stats.values == {}


def test_from_crawler_reads_the_allowed_hosts_setting() -> None:
    crawler = get_crawler(Spider, {"GOVREPORTS_ALLOWED_PRIVATE_HOSTS": ["127.0.0.1", "Portal.Local"]})
    guard = PrivateAddressGuard.from_crawler(crawler)
    assert guard.allowed_hosts == {"127.0.0.1", "portal.local"}
