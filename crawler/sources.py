"""What the crawler is asked to crawl: `Source`s made of start (list) URLs, validated before any request.

A `Source` is one entry of the source registry (`crawler.registry`, YAML): its name, kind (official
portal or aggregator), the region it covers, the start URLs of its 政府工作报告 / 计划 columns, optional
CSS selectors that replace the generic link heuristics, how often its lists are revisited (denser in
the congress season) and its authority (official copies win over aggregator copies of the same report).
`govreports crawl --start-url` makes ad-hoc sources, one per URL, with the defaults of an official portal.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field
from urllib.parse import urlsplit, urlunsplit

from govreports.errors import ConfigError

# Pagination safety bound per source: a list that "paginates" further is a trap or a calendar, not a
# column of reports. Per-source, so the registry can raise it for genuinely long archives.
MAX_LIST_PAGES = 200
KIND_PORTAL, KIND_AGGREGATOR = "gov_portal", "aggregator"
KINDS = (KIND_PORTAL, KIND_AGGREGATOR)
# Official portals outrank aggregators when the same report is found on both (see search.mirrors).
DEFAULT_AUTHORITY = {KIND_PORTAL: 100, KIND_AGGREGATOR: 10}
DAY_S = 86_400
# Revisit intervals of list pages: daily, every 6 hours while local congresses meet (January–March).
DEFAULT_REVISIT_S = DAY_S
DEFAULT_REVISIT_IN_SEASON_S = 6 * 3600
# Selector names a registry entry may give (CSS); absent ones fall back to crawler.links heuristics.
SELECTOR_NAMES = ("detail_links", "pagination_links", "attachment_links")


@dataclass(frozen=True)
class Region:
    name: str
    code: str = ""


@dataclass(frozen=True)
class Source:
    name: str
    start_urls: tuple[str, ...]
    max_list_pages: int = MAX_LIST_PAGES
    # CSS selectors (see SELECTOR_NAMES) that replace the generic heuristics of crawler.links.
    selectors: dict[str, str] = field(default_factory=dict)
    kind: str = KIND_PORTAL
    region: Region | None = None
    # Further regions whose reports this source publishes (a province portal listing its cities').
    covers: tuple[Region, ...] = ()
    doc_types: tuple[str, ...] = ("work_report",)
    revisit_s: int = DEFAULT_REVISIT_S
    revisit_in_season_s: int = DEFAULT_REVISIT_IN_SEASON_S
    authority: int = DEFAULT_AUTHORITY[KIND_PORTAL]
    group: str = ""
    # The source's own hosts may resolve to private/loopback addresses (the bundled sample portal).
    allow_private: bool = False
    verified: bool = True
    enabled: bool = True

    @property
    def regions(self) -> tuple[Region, ...]:
        """Every region whose reports this source should carry (for coverage)."""
        return ((self.region,) if self.region else ()) + self.covers

    @property
    def hosts(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys((urlsplit(url).hostname or "").lower() for url in self.start_urls))


def normalise_start_url(raw: str) -> str:
    """The URL with scheme and host checked and the fragment dropped; ConfigError says what is wrong."""
    url = raw.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise ConfigError(f"start URL {raw!r}: only http:// and https:// URLs can be crawled")
    if not parts.hostname:
        raise ConfigError(f"start URL {raw!r}: no host name")
    if any(ch.isspace() for ch in url):
        raise ConfigError(f"start URL {raw!r}: contains white space")
    try:
        parts.port  # noqa: B018 - raises ValueError on a non-numeric or out-of-range port
    except ValueError:
        raise ConfigError(f"start URL {raw!r}: bad port") from None
    host = parts.hostname
    if not _valid_host(host):
        raise ConfigError(f"start URL {raw!r}: {host!r} is not a valid host name")
    return urlunsplit((parts.scheme, parts.netloc.lower(), parts.path or "/", parts.query, ""))


def _valid_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        pass
    labels = host.rstrip(".").split(".")
    return all(0 < len(label) <= 63 and not label.startswith("-") and not label.endswith("-")
               and all(ch.isalnum() or ch == "-" for ch in label) for label in labels)


def source_name(url: str) -> str:
    """Default source name: host plus the list path, e.g. `www.cq.gov.cn/zwgk/zfgzbg`."""
    parts = urlsplit(url)
    path = parts.path.rsplit("/", 1)[0] if not parts.path.endswith("/") else parts.path.rstrip("/")
    return f"{parts.netloc}{path}"


def sources_from_start_urls(urls: list[str] | tuple[str, ...]) -> list[Source]:
    if not urls:
        raise ConfigError("give at least one --start-url")
    seen: dict[str, None] = {}
    for raw in urls:
        seen.setdefault(normalise_start_url(raw), None)
    return [Source(name=source_name(url), start_urls=(url,)) for url in seen]


def normalise_host(raw: str) -> str:
    """An --allow-host value: a bare host name or IP (lower case), never a URL or host:port."""
    host = raw.strip().lower()
    if "://" in host or "/" in host:
        raise ConfigError(f"--allow-host {raw!r}: give a host name, not a URL")
    if host.startswith("[") and host.endswith("]"):
        host = host[1:-1]
    if not host or not _valid_host(host):
        raise ConfigError(f"--allow-host {raw!r}: not a valid host name or IP address")
    return host
