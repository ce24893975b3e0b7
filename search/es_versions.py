"""The Elasticsearch side of document history (`search.mirrors`), kept without a new index.

A canonical document's history is one record in the pages index, id `versions-<doc id>`, with the list
of version records in `_source.versions` (stored, not indexed: it is only ever read by id, with a
real-time GET). It carries no `state`, so page counts and failure listings never see it. Retiring a
document deletes its report and indicators, removes it from its page record, and moves its history to
the document that replaced it — reads first (real-time GETs), then one bulk request.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from typing import Any

from search.es_documents import indicator_id
from search.store import VersionRecord

Get = Callable[..., "dict[str, Any] | None"]
Bulk = Callable[[list[dict[str, Any]]], Any]


def versions_id(doc_id: str) -> str:
    return f"versions-{doc_id}"


def _key(record: dict[str, Any]) -> tuple[str, str]:
    return record["doc_id"], record["content_hash"]


def _merged(existing: list[dict[str, Any]], new: Sequence[dict[str, Any]], canonical_id: str) -> list[dict[str, Any]]:
    seen = {_key(r) for r in existing}
    merged = list(existing)
    for record in new:
        if _key(record) not in seen:
            seen.add(_key(record))
            merged.append({**record, "canonical_id": canonical_id})
    return merged


def _versions_doc(canonical_id: str, versions: list[dict[str, Any]]) -> dict[str, Any]:
    return {"record": "versions", "document_id": canonical_id, "versions": versions,
            "updated_at": datetime.now(timezone.utc).isoformat(timespec="seconds")}


def record_actions(get: Get, pages_alias: str, records: Sequence[VersionRecord]) -> list[dict[str, Any]]:
    """Index actions that add `records` to their canonical documents' history records."""
    by_canonical: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        by_canonical.setdefault(record.canonical_id, []).append(record.to_dict())
    actions = []
    for canonical_id, new in by_canonical.items():
        existing = (get("pages", versions_id(canonical_id)) or {}).get("versions", [])
        actions.append({"_op_type": "index", "_index": pages_alias, "_id": versions_id(canonical_id),
                        "_source": _versions_doc(canonical_id, _merged(existing, new, canonical_id))})
    return actions


def read_versions(get: Get, doc_id: str) -> list[VersionRecord]:
    source = get("pages", versions_id(doc_id)) or {}
    records = [VersionRecord(**{k: v for k, v in r.items() if k in VersionRecord.__dataclass_fields__})
               for r in source.get("versions", [])]
    return sorted(records, key=lambda r: (r.recorded_at, r.fetched_at, r.doc_id))


def retire_actions(get: Get, aliases: dict[str, str], doc_id: str, canonical_id: str) -> list[dict[str, Any]]:
    """Bulk actions that remove `doc_id` (replaced by `canonical_id`) and keep its history."""
    report = get("reports", doc_id, source_includes=["page_id", "indicator_count"])
    actions: list[dict[str, Any]] = []
    if report is not None:
        actions.append({"_op_type": "delete", "_index": aliases["reports"], "_id": doc_id})
        dropped = {indicator_id(doc_id, rank) for rank in range(int(report.get("indicator_count") or 0))}
        actions += [{"_op_type": "delete", "_index": aliases["indicators"], "_id": i} for i in sorted(dropped)]
        page = get("pages", report["page_id"]) if report.get("page_id") else None
        if page is not None:
            page = {**page, "document_ids": [i for i in page.get("document_ids", []) if i != doc_id],
                    "indicator_ids": [i for i in page.get("indicator_ids", []) if i not in dropped]}
            page["document_count"] = len(page["document_ids"])
            actions.append({"_op_type": "index", "_index": aliases["pages"], "_id": report["page_id"], "_source": page})
    history = (get("pages", versions_id(doc_id)) or {}).get("versions", [])
    if history:
        existing = (get("pages", versions_id(canonical_id)) or {}).get("versions", [])
        actions.append({"_op_type": "index", "_index": aliases["pages"], "_id": versions_id(canonical_id),
                        "_source": _versions_doc(canonical_id, _merged(existing, history, canonical_id))})
        actions.append({"_op_type": "delete", "_index": aliases["pages"], "_id": versions_id(doc_id)})
    return actions
