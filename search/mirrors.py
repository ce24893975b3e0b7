"""Same report, many sites: one canonical document, the other copies kept as its history.

Called by the worker instead of a bare `save_page`. Each report-like document of the page (a work
report, plan, outline or bulletin with region and year) is compared with the stored documents of the
same region and year (`pipeline.near_duplicates`). When one is a near duplicate:

* the better copy (complete > truncated, official portal > aggregator, clearly longer, later) is the
  canonical document;
* if that is the new one, the stored one is retired (`Store.retire_document`: gone from search and
  aggregations, its history moved over) and recorded as a `mirror` (another site) or `superseded`
  (same site: an earlier or shorter version);
* if the stored one stays canonical, the new copy is not stored as a document; it is recorded as a
  `mirror`/`superseded` version of it, and a page left with no document is *skipped* ("copy of …").

A page fetched again with changed content (same URL, so same document ids) replaces its documents as
before; the content hash it replaces is recorded as an `earlier_fetch`. Every version record keeps URL,
content hash, fetch time, source and authority (`Store.document_versions`).

Only pages with a source (every crawled page, and their re-processing) are resolved; a page handed to the
workers without one (tools and tests that inject pages) is stored as given. Two workers saving copies of
one report at the same moment can both find nothing stored and both keep theirs; the next re-processing
of either page resolves it (a known, rare race).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from urllib.parse import urlsplit

from govreports.models import PAGE_SKIPPED, Document, PageOutcome, RawPage
from pipeline.near_duplicates import EARLIER_FETCH, Copy, compare, normalise, preferred, relation
from search.store import SearchQuery, Store, VersionRecord

REPORT_TYPES = frozenset({"work_report", "dev_plan", "plan_outline", "stat_bulletin"})
MAX_CANDIDATES = 50
# Without a registry authority (ad-hoc crawls), official government hosts still outrank other sites.
OFFICIAL_HOST_AUTHORITY, OTHER_HOST_AUTHORITY = 100, 10


def default_authority(url: str) -> int:
    host = (urlsplit(url).hostname or "").lower()
    return OFFICIAL_HOST_AUTHORITY if host.endswith(".gov.cn") or host == "gov.cn" else OTHER_HOST_AUTHORITY


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _copy(doc: Document) -> Copy:
    provenance = doc.quality.get("provenance", {})
    return Copy(doc_id=doc.id, url=doc.source_url, length=len(normalise(doc.text)),
                authority=int(provenance.get("authority", 0) or default_authority(doc.source_url)),
                fetched_at=str(provenance.get("fetched_at", "")),
                truncated="truncated" in doc.quality.get("flags", []))


def _record(canonical: Copy, other: Copy, other_doc: Document, similarity: float, kind: str) -> VersionRecord:
    return VersionRecord(canonical_id=canonical.doc_id, doc_id=other.doc_id, relation=kind, url=other.url,
                         content_hash=other_doc.content_hash, fetched_at=other.fetched_at,
                         source=str(other_doc.quality.get("provenance", {}).get("source", "")),
                         authority=other.authority, length=other.length, similarity=round(similarity, 4),
                         recorded_at=_now())


@dataclass
class Resolution:
    kept: list[Document] = field(default_factory=list)
    versions: list[VersionRecord] = field(default_factory=list)
    retire: list[tuple[str, str]] = field(default_factory=list)  # (retired id, replacing id)
    copies_of: dict[str, str] = field(default_factory=dict)  # new document not kept → canonical id


def _candidates(store: Store, doc: Document) -> list[Document]:
    filters: dict[str, object] = {"report_year": doc.report_year}
    filters.update({"division_code": doc.division_code} if doc.division_code else {"region": doc.region})
    hits = store.search(SearchQuery(text="", filters=filters, size=MAX_CANDIDATES))
    found = (store.get_document(hit.id) for hit in hits)
    return [other for other in found if other is not None]


def resolve(store: Store, page: RawPage, documents: Sequence[Document]) -> Resolution:
    """Decide, for each document of the page, whether it is kept and what history is recorded."""
    result = Resolution()
    if not page.source:
        result.kept = list(documents)
        return result
    for doc in documents:
        doc.quality["provenance"] = {"authority": page.authority or default_authority(page.canonical_url),
                                     "fetched_at": page.fetched_at, "source": page.source}
        if doc.doc_type not in REPORT_TYPES or not doc.report_year or not (doc.region or doc.division_code):
            result.kept.append(doc)
            continue
        mine, best, best_similarity = _copy(doc), None, 0.0
        for other in _candidates(store, doc):
            if other.id == doc.id:
                if other.content_hash != doc.content_hash:  # the same URL, changed: keep what it was
                    result.versions.append(_record(mine, _copy(other), other, 0.0, EARLIER_FETCH))
                continue
            if other.source_url == doc.source_url:
                continue  # another document of this very page
            comparison = compare(doc.text, other.text)
            if comparison.near_duplicate and comparison.similarity > best_similarity:
                best, best_similarity = other, comparison.similarity
        if best is None:
            result.kept.append(doc)
            continue
        theirs = _copy(best)
        if preferred(mine, theirs) is mine:
            result.kept.append(doc)
            result.retire.append((best.id, doc.id))
            result.versions.append(_record(mine, theirs, best, best_similarity, relation(theirs, mine)))
        else:
            result.copies_of[doc.id] = best.id
            result.versions.append(_record(theirs, mine, doc, best_similarity, relation(mine, theirs)))
    return result


def save_resolving_copies(store: Store, page: RawPage, outcome: PageOutcome, documents: Sequence[Document]) -> None:
    """`store.save_page` with near-duplicate resolution; adjusts the outcome to the documents kept."""
    result = resolve(store, page, documents)
    if result.copies_of:
        outcome.document_ids = [doc.id for doc in result.kept]
        canonical = ", ".join(sorted(set(result.copies_of.values())))
        if not result.kept:
            outcome.state = PAGE_SKIPPED
            outcome.reason = f"copy of stored report(s) {canonical}"
        else:
            outcome.reason = f"{len(result.copies_of)} document(s) kept only as copies of {canonical}"
    store.save_page(outcome, result.kept)
    for retired, replacement in result.retire:
        store.retire_document(retired, replacement)
    store.record_versions(result.versions)
