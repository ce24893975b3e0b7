"""The Kibana-ready coverage index `<prefix>-coverage`: one document per (region, year, document type)
with its status, rewritten by each `govreports coverage --to-elasticsearch`.

Documents have deterministic ids (`<code>-<year>-<doc type>`), so a run overwrites the previous one's;
rows that are no longer expected (a region left the registry) are deleted by their older `checked_at`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from elasticsearch import ApiError, Elasticsearch

from crawler.coverage import CoverageRow, coverage_mapping, row_id
from govreports.errors import GovReportsError
from search.es_bulk import run_bulk


def coverage_index(prefix: str) -> str:
    return f"{prefix}-coverage"


def ensure_index(client: Elasticsearch, index: str) -> None:
    try:
        client.indices.create(index=index, mappings=coverage_mapping(),
                              settings={"number_of_shards": 1, "number_of_replicas": 0})
    except ApiError as exc:
        if exc.status_code != 400 or "resource_already_exists" not in str(exc):
            raise


def write_rows(client: Elasticsearch, prefix: str, rows: Sequence[CoverageRow], checked_at: str,
               retries: int = 3) -> int:
    """Index the rows (ids per region/year/type) and drop documents of earlier runs; returns rows written."""
    index = coverage_index(prefix)
    ensure_index(client, index)
    actions: list[dict[str, Any]] = [
        {"_op_type": "index", "_index": index, "_id": row_id(row), "_source": {**row.to_dict(), "checked_at": checked_at}}
        for row in rows]
    result = run_bulk(client, actions, retries, refresh="wait_for")
    if result.rejected:
        raise GovReportsError(f"coverage index {index}: {result.summary()}")
    client.delete_by_query(index=index, query={"range": {"checked_at": {"lt": checked_at}}}, refresh=True)
    return result.done
