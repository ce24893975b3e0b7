"""Downloader middleware that keeps the crawler off private, loopback and link-local addresses.

A crawler fed URLs from the web (or from a misconfigured source list) must not become a way into the
machine's own network: cloud metadata at 169.254.169.254, admin consoles on 10.x, the Redis next door.
Every request is checked here, including the new request Scrapy makes for each redirect, robots.txt
fetches and retries, because they all pass through the downloader middlewares again.

The host name is resolved through the reactor's resolver, the same cached resolver the download will
use, so the check and the connection see the same address. A host is exempt only when it is listed in
`CRAWL_ALLOWED_PRIVATE_HOSTS` or given with `--allow-host` (that is how the local sample portal is
crawled); exemption is by host name as written in the URL, so a redirect from an allowed host to
another private address is still refused. Refusals are counted (`govreports/refused`) and logged.
"""

from __future__ import annotations

import ipaddress
import logging
from collections.abc import Awaitable, Callable, Iterable
from typing import Any

from scrapy import Request
from scrapy.exceptions import IgnoreRequest
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached

logger = logging.getLogger(__name__)

Resolver = Callable[[str], Awaitable[list[str]]]
REFUSED_STAT = "govreports/refused"


class RefusedAddress(IgnoreRequest):
    """The request's host is (or resolves to) an address the crawler may not contact."""


def _as_ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        ip = ipaddress.ip_address(address.strip("[]").split("%", 1)[0])
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped  # ::ffff:127.0.0.1 is 127.0.0.1
    return ip


def refusal_reason(host: str, addresses: Iterable[str], allowed_hosts: frozenset[str]) -> str | None:
    """Why a request to `host` (resolving to `addresses`) is refused, or None when it may go ahead.

    Anything that is not a global unicast address is refused: private (10/8, 172.16/12, 192.168/16,
    fc00::/7), loopback, link-local (169.254/16, fe80::/10), shared (100.64/10), multicast, reserved
    and unspecified. A host is refused when any of its addresses is, since the connection may pick any.
    """
    host = host.lower().rstrip(".")
    if host in allowed_hosts:
        return None
    addresses = list(addresses)
    if not addresses:
        return f"{host} did not resolve to any address"
    for address in addresses:
        ip = _as_ip(address)
        if ip is None:
            return f"{host} resolved to an unparseable address {address!r}"
        if not ip.is_global or ip.is_multicast:
            kind = ("loopback" if ip.is_loopback else "link-local" if ip.is_link_local
                    else "private" if ip.is_private else "non-public")
            return f"{host} is {kind} address {ip}"
    return None


async def reactor_resolve(host: str) -> list[str]:
    """Resolve through the installed reactor resolver (Scrapy's caching resolver when a crawl runs)."""
    from twisted.internet import reactor

    return [await maybe_deferred_to_future(reactor.resolve(host))]  # type: ignore[attr-defined]


class PrivateAddressGuard:
    def __init__(self, allowed_hosts: Iterable[str], stats: Any = None, resolve: Resolver = reactor_resolve) -> None:
        self.allowed_hosts = frozenset(h.lower().rstrip(".") for h in allowed_hosts)
        self.stats = stats
        self.resolve = resolve

    @classmethod
    def from_crawler(cls, crawler: Any) -> "PrivateAddressGuard":
        return cls(crawler.settings.getlist("GOVREPORTS_ALLOWED_PRIVATE_HOSTS"), stats=crawler.stats)

    async def process_request(self, request: Request) -> None:
        host = urlparse_cached(request).hostname or ""
        if not host:
            self._refuse(request, "no host in URL")
        if host.lower().rstrip(".") in self.allowed_hosts:
            return None
        literal = _as_ip(host)
        if literal is not None:
            addresses = [str(literal)]
        else:
            try:
                addresses = await self.resolve(host)
            except Exception as exc:  # noqa: BLE001 - DNS failure: let the download report it as an error
                logger.debug("could not resolve %s before download: %s", host, exc)
                return None
        reason = refusal_reason(host, addresses, self.allowed_hosts)
        if reason is not None:
            self._refuse(request, reason)
        return None

    def _refuse(self, request: Request, reason: str) -> None:
        if self.stats is not None:
            self.stats.inc_value(REFUSED_STAT)
        redirected_from = request.meta.get("redirect_urls")
        via = f" (redirected from {redirected_from[0]})" if redirected_from else ""
        logger.warning("refused %s%s: %s; allow it with --allow-host or CRAWL_ALLOWED_PRIVATE_HOSTS",
                       request.url, via, reason)
        raise RefusedAddress(reason)
