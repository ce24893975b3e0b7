"""The production store: Elasticsearch 8 (IK analyzers when installed) behind the `Store` protocol.

Answers exactly like the SQLite store (the contract tests run against both). Writes of one page are one
bulk request: the new documents and indicators, deletes of the ids the page no longer carries (read from
the page's previous record with a real-time GET, so a re-save right after a save is exact without a
refresh), and the page record last. Items Elasticsearch rejects for good turn the page into a recorded
failure; temporary unavailability past the retries raises `StoreUnavailable`.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any

from elasticsearch import ApiError, Elasticsearch

from govreports.errors import GovReportsError
from govreports.models import PAGE_FAILED, PAGE_SKIPPED, PAGE_STORED, Document, PageOutcome
from govreports.settings import Settings
from search.es_bulk import INITIAL_BACKOFF_S, BulkResult, run_bulk
from search.es_client import call_with_backoff, client_from_settings
from search.es_documents import outcome_from_source, page_actions
from search.es_mappings import KINDS, alias_name
from search.es_queries import Tokenizer, aggregate_body, parse_aggregate, parse_search, search_body
from search.es_setup import alias_targets, cluster_status, ensure_indices
from search import es_versions
from search.store import AggQuery, AggRow, SearchHit, SearchQuery, VersionRecord, validate_agg


class ElasticsearchStore:
    def __init__(
        self,
        client: Elasticsearch,
        prefix: str,
        query_tokenizer: Tokenizer | None = None,
        retries: int = 3,
        refresh: bool | str = False,
        sleep: Callable[[float], None] = time.sleep,
        bulk_backoff_s: float = INITIAL_BACKOFF_S,
    ) -> None:
        self.client = client
        self.prefix = prefix
        self.aliases = {kind: alias_name(prefix, kind) for kind in KINDS}
        self._tokenize = query_tokenizer
        self._retries = retries
        # Workers leave refresh to Elasticsearch (1 s); tests and `es reindex` ask for "wait_for".
        self._refresh = refresh
        self._sleep = sleep
        self._bulk_backoff = bulk_backoff_s

    @classmethod
    def from_settings(cls, settings: Settings, query_tokenizer: Tokenizer | None = None,
                      **options: Any) -> "ElasticsearchStore":
        return cls(client_from_settings(settings), settings.elasticsearch_index_prefix,
                   query_tokenizer=query_tokenizer, retries=settings.elasticsearch_max_retries, **options)

    def _call(self, what: str, call: Callable[[], Any]) -> Any:
        return call_with_backoff(what, call, self._retries, sleep=self._sleep)

    def setup(self) -> None:
        if all(self._call("setup", lambda k=kind: alias_targets(self.client, self.aliases[k])) for kind in KINDS):
            return  # the common case for every worker start: nothing to do
        self._call("setup", lambda: ensure_indices(self.client, self.prefix))

    def status(self) -> dict[str, Any]:
        """Server, analysis mode (IK or the fallback) and the index behind each alias."""
        return self._call("status", lambda: cluster_status(self.client, self.prefix))

    def _get(self, kind: str, doc_id: str, **options: Any) -> dict[str, Any] | None:
        def get() -> dict[str, Any] | None:
            try:
                return self.client.get(index=self.aliases[kind], id=doc_id, **options).body.get("_source")
            except ApiError as exc:
                if exc.status_code == 404:
                    return None
                raise

        return self._call(f"get {kind}", get)

    def _bulk(self, actions: Sequence[dict[str, Any]]) -> BulkResult:
        return run_bulk(self.client, actions, self._retries, refresh=self._refresh,
                        initial_backoff=self._bulk_backoff, sleep=self._sleep)

    def save_page(self, outcome: PageOutcome, documents: Sequence[Document]) -> None:
        previous = self._get("pages", outcome.page_id, source_includes=["document_ids", "indicator_ids"])
        actions = list(page_actions(outcome, documents, self.aliases, previous))
        result = self._bulk(actions)
        if not result.rejected:
            return
        # Rejected items are never dropped silently: the page becomes a failure that names them. The
        # record keeps every id, so re-processing the page later deletes whatever half of it was written.
        record = dict(actions[-1])
        record["_source"] = {**record["_source"], "state": PAGE_FAILED, "step": "index", "reason": result.summary()}
        again = self._bulk([record])
        if again.rejected:
            raise GovReportsError(f"cannot record the failure of {outcome.url}: {again.summary()}")

    def get_document(self, doc_id: str) -> Document | None:
        source = self._get("reports", doc_id)
        return Document.from_dict(source) if source is not None else None

    def _search(self, kind: str, body: dict[str, Any]) -> dict[str, Any]:
        return self._call(f"search {kind}", lambda: self.client.search(index=self.aliases[kind], body=body).body)

    def search(self, query: SearchQuery) -> list[SearchHit]:
        body = search_body(query, self._tokenize)
        if body is None:
            return []
        return parse_search(self._search("reports", body))

    def aggregate(self, query: AggQuery) -> list[AggRow]:
        validate_agg(query)
        rows: list[AggRow] = []
        after: dict[str, Any] | None = None
        while True:
            page, after = parse_aggregate(self._search(query.target, aggregate_body(query, after)), query)
            rows.extend(page)
            if after is None:
                return rows

    def counts(self) -> dict[str, int]:
        def count(kind: str) -> int:
            return int(self._call(f"count {kind}", lambda: self.client.count(index=self.aliases[kind]).body)["count"])

        states = self._search("pages", {"size": 0, "aggs": {"states": {"terms": {"field": "state", "size": 10}}}})
        by_state = {b["key"]: int(b["doc_count"]) for b in states.get("aggregations", {}).get("states", {}).get("buckets", [])}
        return {
            "documents": count("reports"),
            "indicators": count("indicators"),
            "pages_stored": by_state.get(PAGE_STORED, 0),
            "pages_skipped": by_state.get(PAGE_SKIPPED, 0),
            "pages_failed": by_state.get(PAGE_FAILED, 0),
        }

    def failures(self, limit: int = 100) -> list[PageOutcome]:
        body = {
            "size": limit,
            "query": {"bool": {"filter": [{"term": {"state": PAGE_FAILED}}]}},
            "sort": [{"processed_at": {"order": "desc", "missing": "_last"}}, {"url": "asc"}],
            "_source": {"excludes": ["indicator_ids"]},
        }
        hits = self._search("pages", body).get("hits", {}).get("hits", [])
        return [outcome_from_source(hit["_source"]) for hit in hits]

    def record_versions(self, records: Sequence[VersionRecord]) -> None:
        actions = es_versions.record_actions(self._get, self.aliases["pages"], records)
        if actions:
            self._bulk_or_fail(actions, "record document versions")

    def document_versions(self, doc_id: str) -> list[VersionRecord]:
        return es_versions.read_versions(self._get, doc_id)

    def retire_document(self, doc_id: str, canonical_id: str) -> None:
        actions = es_versions.retire_actions(self._get, self.aliases, doc_id, canonical_id)
        if actions:
            self._bulk_or_fail(actions, f"retire {doc_id}")

    def _bulk_or_fail(self, actions: list[dict[str, Any]], what: str) -> None:
        result = self._bulk(actions)  # deleting what is already gone counts as done
        if result.rejected:
            raise GovReportsError(f"cannot {what}: {result.summary()}")

    def close(self) -> None:
        self.client.close()
