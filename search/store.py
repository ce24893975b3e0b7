"""The store interface every backend implements (SQLite/FTS5 embedded, Elasticsearch in production).

Queries are plain dataclasses so the CLI, the contract tests and both backends share one vocabulary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, Protocol

from govreports.models import Document, PageOutcome

# Fields a caller may filter or group on. Indicator rows carry their report's metadata.
REPORT_FIELDS = ("doc_type", "region", "province", "admin_level", "division_code", "report_year")
INDICATOR_FIELDS = REPORT_FIELDS + ("indicator", "kind", "year", "modifier", "unit", "scope", "strive")
METRICS = ("count", "avg", "min", "max")


@dataclass(frozen=True)
class SearchQuery:
    """Full-text search over report text with exact-match filters (a list value means any of)."""

    text: str = ""
    filters: dict[str, Any] = field(default_factory=dict)
    size: int = 10


@dataclass
class SearchHit:
    id: str
    title: str
    score: float
    region: str | None = None
    province: str | None = None
    report_year: int | None = None
    doc_type: str | None = None
    snippet: str = ""


@dataclass(frozen=True)
class AggQuery:
    """Grouped aggregation.

    target "indicators": one row per indicator; metrics over `value`.
    target "reports": one row per document; `phrase` filter keeps documents that mention a tracked phrase.
    """

    target: str = "indicators"
    group_by: tuple[str, ...] = ("province",)
    metrics: tuple[str, ...] = ("count", "avg", "min", "max")
    filters: dict[str, Any] = field(default_factory=dict)
    phrase: str = ""


@dataclass
class AggRow:
    key: dict[str, Any]
    count: int
    avg: float | None = None
    min: float | None = None
    max: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {**self.key, "count": self.count, "avg": self.avg, "min": self.min, "max": self.max}


@dataclass
class VersionRecord:
    """Another copy of a canonical document, kept as its history (see `search.mirrors`): a `mirror` on
    another site, a `superseded` earlier/shorter version, or an `earlier_fetch` of the same URL."""

    canonical_id: str
    doc_id: str
    relation: str
    url: str
    content_hash: str
    fetched_at: str = ""
    source: str = ""
    authority: int = 0
    length: int = 0
    similarity: float = 0.0
    recorded_at: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Store(Protocol):
    """What the workers write to and the CLI reads from."""

    def setup(self) -> None:
        """Create tables / indices; idempotent."""

    def save_page(self, outcome: PageOutcome, documents: Sequence[Document]) -> None:
        """Record a page's outcome and (re)place its documents atomically; idempotent by ids."""

    def get_document(self, doc_id: str) -> Document | None: ...

    def search(self, query: SearchQuery) -> list[SearchHit]: ...

    def aggregate(self, query: AggQuery) -> list[AggRow]: ...

    def counts(self) -> dict[str, int]:
        """At least: documents, indicators, pages_stored, pages_skipped, pages_failed."""

    def failures(self, limit: int = 100) -> list[PageOutcome]: ...

    def record_versions(self, records: Sequence[VersionRecord]) -> None:
        """Add history records; idempotent by (canonical_id, doc_id, content_hash)."""

    def document_versions(self, doc_id: str) -> list[VersionRecord]:
        """The history of a canonical document (its mirrors and earlier versions), oldest first."""

    def retire_document(self, doc_id: str, canonical_id: str) -> None:
        """Remove a document another one replaced (its indicators, phrases and search entry too); its
        history moves to `canonical_id` and its page record no longer lists it. Idempotent."""

    def close(self) -> None: ...


def validate_agg(query: AggQuery) -> None:
    """Reject unknown targets/fields/metrics with a clear message before any backend sees them."""
    allowed = INDICATOR_FIELDS if query.target == "indicators" else REPORT_FIELDS
    if query.target not in ("indicators", "reports"):
        raise ValueError(f"unknown aggregation target {query.target!r}; use 'indicators' or 'reports'")
    for name in (*query.group_by, *query.filters):
        if name not in allowed:
            raise ValueError(f"cannot group or filter {query.target} by {name!r}; known: {', '.join(allowed)}")
    for metric in query.metrics:
        if metric not in METRICS:
            raise ValueError(f"unknown metric {metric!r}; known: {', '.join(METRICS)}")


def value_mid(indicator: dict[str, Any]) -> float | None:
    """The number aggregations use: the value, or the middle of a range (6%—6.5% counts as 6.25)."""
    if indicator.get("value") is not None:
        return float(indicator["value"])
    low, high = indicator.get("low"), indicator.get("high")
    if low is not None and high is not None:
        return (float(low) + float(high)) / 2
    return None
