"""Bulk writes with the official helper: backoff on 429/5xx, every rejected item accounted for.

`streaming_bulk` retries items answered 429/502/503/504 with exponential backoff; a refused connection
re-sends the whole batch (ids are deterministic, so re-sending is idempotent). What is left is sorted:
- items still refused as temporarily unavailable -> the caller raises `StoreUnavailable`;
- items rejected for good (mapping errors, say) -> `BulkResult.rejected`, which the store records as the
  page's failure instead of dropping it;
- a delete of an id that is already gone counts as done.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch
from elasticsearch.helpers import streaming_bulk

from govreports.errors import StoreUnavailable
from search.es_client import RETRY_STATUSES, call_with_backoff

CHUNK_SIZE = 500
INITIAL_BACKOFF_S = 1.0
MAX_BACKOFF_S = 30.0


@dataclass
class BulkResult:
    done: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)  # {"op", "index", "id", "status", "error"}
    unavailable: list[dict[str, Any]] = field(default_factory=list)

    def summary(self, limit: int = 3) -> str:
        shown = "; ".join(f"{r['op']} {r['id']}: {r['error']}" for r in self.rejected[:limit])
        more = f" (+{len(self.rejected) - limit} more)" if len(self.rejected) > limit else ""
        return f"{len(self.rejected)} item(s) rejected by Elasticsearch: {shown}{more}"


def _error_text(info: dict[str, Any]) -> str:
    error = info.get("error")
    if isinstance(error, dict):
        return f"{error.get('type', 'error')}: {error.get('reason', '')}"[:500]
    return str(error or f"HTTP {info.get('status')}")[:500]


def _sort_items(results: Sequence[tuple[bool, dict[str, Any]]]) -> BulkResult:
    outcome = BulkResult()
    for ok, item in results:
        op, info = next(iter(item.items()))
        status = int(info.get("status") or 0)
        if ok or (op == "delete" and status == 404):
            outcome.done += 1
            continue
        entry = {"op": op, "index": info.get("_index", ""), "id": info.get("_id", ""), "status": status,
                 "error": _error_text(info)}
        (outcome.unavailable if status in RETRY_STATUSES else outcome.rejected).append(entry)
    return outcome


def run_bulk(
    client: Elasticsearch,
    actions: Sequence[dict[str, Any]],
    retries: int,
    refresh: bool | str = False,
    initial_backoff: float = INITIAL_BACKOFF_S,
    sleep: Callable[[float], None] = time.sleep,
) -> BulkResult:
    """Send `actions`; raise StoreUnavailable when items are still refused after `retries` retries."""

    def send() -> BulkResult:
        results = list(streaming_bulk(
            client, actions, chunk_size=CHUNK_SIZE, max_retries=retries, initial_backoff=initial_backoff,
            max_backoff=MAX_BACKOFF_S, retry_on_status=RETRY_STATUSES, raise_on_error=False,
            raise_on_exception=False, refresh=refresh,
        ))
        return _sort_items(results)

    outcome = call_with_backoff("bulk indexing", send, retries, sleep=sleep)
    if outcome.unavailable:
        first = outcome.unavailable[0]
        raise StoreUnavailable(
            f"Elasticsearch refused {len(outcome.unavailable)} item(s) after {retries} retries "
            f"(HTTP {first['status']}: {first['error']})"
        )
    return outcome
