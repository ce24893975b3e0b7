"""What a crawl round counts, per source and in total, and the report `govreports crawl` prints.

Counters live in Scrapy's stats collector as `govreports/<counter>` (total) and
`govreports/source/<name>/<counter>`; response classes (`crawler.classify`) as `class/<class>`.

| counter | meaning |
|---|---|
| `pages_fetched` | responses with a body (list, detail and attachment requests; robots.txt not counted) |
| `not_modified` | 304 answers to conditional requests |
| `list_pages` | list pages asked for (304s included) |
| `unchanged_lists` | list pages answering 200 with the same entries as last time |
| `new_reports` | pages seen for the first time and handed to the workers (report candidates) |
| `changed_reports` | pages fetched again because their list entry changed, whose content did change, handed on |
| `duplicates` | links skipped because already fetched, plus refetches whose content had not changed |
| `blocked` | access-control / challenge answers (detected and counted, never worked around) |
| `failed` | network errors, 5xx after retries, pages that could not be archived or sent (retried later) |
| `refused` | requests to private/loopback addresses refused |
| `robots_forbidden` | requests robots.txt forbids |
| `retries_planned` | URLs planned for another attempt (blocked, script shells, failures) |
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

PREFIX = "govreports/"
SOURCE_PREFIX = "govreports/source/"
CLASS_PREFIX = "class/"
COUNTERS = ("pages_fetched", "not_modified", "list_pages", "unchanged_lists", "new_reports", "changed_reports",
            "duplicates", "blocked", "failed", "refused", "robots_forbidden", "retries_planned", "detail_links",
            "sent", "sent_http_error", "list_page_limit_reached")


def count(stats: Any, source: str, counter: str, amount: int = 1) -> None:
    """Add to a counter in total and for the source."""
    stats.inc_value(PREFIX + counter, amount)
    if source:
        stats.inc_value(f"{SOURCE_PREFIX}{source}/{counter}", amount)


def count_class(stats: Any, source: str, klass: str) -> None:
    count(stats, source, CLASS_PREFIX + klass)


@dataclass
class CrawlReport:
    pages_fetched: int = 0
    not_modified: int = 0
    new_reports: int = 0
    changed_reports: int = 0
    duplicates: int = 0
    blocked: int = 0
    failed: int = 0
    list_pages: int = 0
    unchanged_lists: int = 0
    refused: int = 0
    robots_forbidden: int = 0
    retries_planned: int = 0
    classes: dict[str, int] = field(default_factory=dict)
    sources: dict[str, dict[str, int]] = field(default_factory=dict)
    requests: int = 0
    leases_reclaimed: int = 0
    finish_reason: str = ""
    elapsed_s: float = 0.0
    start_urls: list[str] = field(default_factory=list)
    # The names `govreports demo` and older scripts read.
    detail_links: int = 0
    detail_pages_sent: int = 0
    detail_pages_sent_with_http_error: int = 0
    duplicates_filtered: int = 0
    errors: int = 0
    list_page_limit_reached: int = 0

    @property
    def problem(self) -> str:
        """Why the crawl as a whole failed ("" when it did its job; single page errors are only counted)."""
        if self.finish_reason != "finished":
            return f"crawl did not finish normally (finish reason: {self.finish_reason or 'none'})"
        if self.list_pages == 0 and self.start_urls:
            return (f"no start page could be fetched ({self.refused} refused as private/loopback, "
                    f"{self.robots_forbidden} forbidden by robots.txt, {self.failed} failed; see the log above)")
        return ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def stats_line(self) -> dict[str, Any]:
        """The final JSON line of `crawl --once`: the seven headline counts first, then the detail."""
        data = self.to_dict()
        head = ("pages_fetched", "not_modified", "new_reports", "changed_reports", "duplicates", "blocked", "failed")
        return {**{key: data[key] for key in head}, **{k: v for k, v in data.items() if k not in head}}


def report_from_stats(stats: dict[str, Any], start_urls: list[str]) -> CrawlReport:
    def total(counter: str) -> int:
        return int(stats.get(PREFIX + counter, 0) or 0)

    sources: dict[str, dict[str, int]] = {}
    classes: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith(SOURCE_PREFIX):
            name, _, counter = key[len(SOURCE_PREFIX):].rpartition("/")
            if name.endswith("/class"):
                name, counter = name[: -len("/class")], CLASS_PREFIX + counter
            sources.setdefault(name, {})[counter] = int(value)
        elif key.startswith(PREFIX + CLASS_PREFIX):
            classes[key[len(PREFIX + CLASS_PREFIX):]] = int(value)
    failed = total("failed")
    return CrawlReport(
        pages_fetched=total("pages_fetched"), not_modified=total("not_modified"), new_reports=total("new_reports"),
        changed_reports=total("changed_reports"), duplicates=total("duplicates"), blocked=total("blocked"),
        failed=failed, list_pages=total("list_pages"), unchanged_lists=total("unchanged_lists"),
        refused=total("refused"), robots_forbidden=int(stats.get("robotstxt/forbidden", 0) or 0),
        retries_planned=total("retries_planned"), classes=dict(sorted(classes.items())),
        sources=dict(sorted(sources.items())), requests=int(stats.get("downloader/request_count", 0) or 0),
        leases_reclaimed=total("leases_reclaimed"), finish_reason=str(stats.get("finish_reason", "")),
        elapsed_s=round(float(stats.get("elapsed_time_seconds", 0.0) or 0.0), 2), start_urls=start_urls,
        detail_links=total("detail_links"), detail_pages_sent=total("sent"),
        detail_pages_sent_with_http_error=total("sent_http_error"),
        duplicates_filtered=int(stats.get("dupefilter/filtered", 0) or 0), errors=failed,
        list_page_limit_reached=total("list_page_limit_reached"),
    )
