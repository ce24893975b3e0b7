"""Documents, indicators and page outcomes as Elasticsearch sources, and the bulk actions of one page.

Pure functions: the store sends what `page_actions` builds, the tests read it. Ids are deterministic
(document ids from the canonical URL and position, indicator ids from the document id and rank, page ids
from the URL), so a redelivered task overwrites instead of duplicating.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit

from govreports.models import Document, PageOutcome
from search.store import value_mid

_SHARED = ("doc_type", "region", "province", "admin_level", "division_code", "report_year", "source_url",
           "extractor_version")


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _date_or_none(value: str | None) -> str | None:
    # The models use "" for "unknown"; a date field would reject an empty string.
    return value or None


def indicator_id(document_id: str, rank: int) -> str:
    return f"{document_id}-{rank:04d}"


def report_source(doc: Document, page_id: str, indexed_at: str = "") -> dict[str, Any]:
    """The reports-index source: every Document field (so `get_document` round-trips) plus derived fields."""
    source = doc.to_dict()
    source.update(
        page_id=page_id,
        meeting_date=_date_or_none(doc.meeting_date),
        published_date=_date_or_none(doc.published_date),
        phrases=sorted(phrase for phrase, count in doc.phrase_counts.items() if count > 0),
        quality_flags=sorted(name for name, value in doc.quality.items() if value),
        indicator_count=len(doc.indicators),
        indexed_at=indexed_at or _now(),
    )
    return source


def indicator_sources(doc: Document, page_id: str, indexed_at: str = "") -> list[tuple[str, dict[str, Any]]]:
    """(id, source) of each indicator: its own fields, value_mid, and its report's metadata."""
    shared = {name: getattr(doc, name) for name in _SHARED}
    out = []
    for rank, indicator in enumerate(doc.indicators):
        ind_id = indicator_id(doc.id, rank)
        source = {**shared, **indicator, "id": ind_id, "document_id": doc.id, "page_id": page_id, "title": doc.title,
                  "value_mid": value_mid(indicator), "indexed_at": indexed_at or _now()}
        out.append((ind_id, source))
    return out


def page_source(outcome: PageOutcome, indicator_ids: Sequence[str]) -> dict[str, Any]:
    source = outcome.to_dict()
    source.update(
        host=urlsplit(outcome.url).hostname or "",
        document_count=len(outcome.document_ids),
        indicator_ids=list(indicator_ids),
        fetched_at=_date_or_none(outcome.fetched_at),
        processed_at=_date_or_none(outcome.processed_at),
    )
    return source


def outcome_from_source(source: dict[str, Any]) -> PageOutcome:
    known = PageOutcome.__dataclass_fields__
    values = {k: v for k, v in source.items() if k in known}
    for name in ("fetched_at", "processed_at", "content_hash", "reason", "step", "error", "source"):
        values[name] = values.get(name) or ""
    return PageOutcome(**values)


def page_actions(
    outcome: PageOutcome,
    documents: Sequence[Document],
    aliases: dict[str, str],
    previous: dict[str, Any] | None,
) -> Iterator[dict[str, Any]]:
    """Bulk actions that make the indices hold exactly this page's outcome and documents.

    `previous` is the page's stored source (or None): its document and indicator ids that the new
    outcome no longer carries are deleted. The page record goes last, so it only ever names ids that
    were written before it.
    """
    indexed_at = _now()
    new_docs = {doc.id for doc in documents}
    indicator_ids: list[str] = []
    for doc in documents:
        yield {"_op_type": "index", "_index": aliases["reports"], "_id": doc.id,
               "_source": report_source(doc, outcome.page_id, indexed_at)}
        for ind_id, source in indicator_sources(doc, outcome.page_id, indexed_at):
            indicator_ids.append(ind_id)
            yield {"_op_type": "index", "_index": aliases["indicators"], "_id": ind_id, "_source": source}
    if previous:
        for stale in sorted(set(previous.get("document_ids") or []) - new_docs):
            yield {"_op_type": "delete", "_index": aliases["reports"], "_id": stale}
        for stale in sorted(set(previous.get("indicator_ids") or []) - set(indicator_ids)):
            yield {"_op_type": "delete", "_index": aliases["indicators"], "_id": stale}
    yield {"_op_type": "index", "_index": aliases["pages"], "_id": outcome.page_id,
           "_source": page_source(outcome, indicator_ids)}
