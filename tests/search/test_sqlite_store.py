"""SQLite-specific behaviour: lock contention becomes StoreUnavailable; SQL building is safe."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from govreports.errors import StoreUnavailable
from govreports.models import PAGE_SKIPPED, PageOutcome
from search.sqlite_queries import match_expression, where_clause
from search.sqlite_store import SQLiteStore


def test_locked_database_is_store_unavailable_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "s.sqlite3"
    store = SQLiteStore(path, busy_timeout_s=0.2)
    store.setup()
    blocker = sqlite3.connect(str(path), isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")  # another writer holds the lock
    outcome = PageOutcome(page_id="p1", url="http://x.test/1", state=PAGE_SKIPPED, reason="no report")
    try:
        with pytest.raises(StoreUnavailable, match="locked"):
            store.save_page(outcome, [])
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()
    assert store.counts()["pages_skipped"] == 0
    store.save_page(outcome, [])  # the lock is gone: the retry succeeds
    assert store.counts()["pages_skipped"] == 1
    store.close()


def test_where_clause_any_of_null_and_booleans() -> None:
    sql, params = where_clause({"province": ["重庆市", None], "strive": False, "report_year": 2025})
    assert sql == '("province" IS NULL OR "province" IN (?)) AND "report_year" IN (?) AND "strive" IN (?)'
    assert params == ["重庆市", 2025, 0]
    assert where_clause({}) == ("1=1", [])


def test_match_expression_quotes_tokens_and_ands_terms() -> None:
    tokenize = lambda text: list(text)  # noqa: E731 - one token per character keeps the test readable
    assert match_expression('新质 a"b', tokenize) == '"新 质" AND "a "" b"'
    assert match_expression("   ", tokenize) == ""


def test_text_search_without_tokenizer_is_a_clear_error(tmp_path: Path) -> None:
    from search.store import SearchQuery

    store = SQLiteStore(tmp_path / "s.sqlite3")
    store.setup()
    with pytest.raises(ValueError, match="tokenizer"):
        store.search(SearchQuery(text="新质生产力"))
    assert store.search(SearchQuery()) == []
    store.close()
