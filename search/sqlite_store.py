"""The embedded store: SQLite with FTS5 over jieba tokens and JSON documents, one file under the data dir.

Implements `search.store.Store` with the same answers as the Elasticsearch store. Several worker
processes write to it at once: WAL journal, a busy timeout, and every page saved in one IMMEDIATE
transaction, so a reader never sees half a page. A database that stays locked past the timeout raises
`StoreUnavailable`, which the Celery task retries with backoff.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from govreports.defaults import SQLITE_BUSY_TIMEOUT_S
from govreports.errors import StoreUnavailable
from govreports.models import PAGE_FAILED, PAGE_SKIPPED, PAGE_STORED, Document, PageOutcome
from search import sqlite_schema as schema
from search import sqlite_versions
from search.sqlite_queries import Tokenizer, aggregate_sql, match_expression, search_sql
from search.store import AggQuery, AggRow, SearchHit, SearchQuery, VersionRecord

_SNIPPET_RADIUS = 60


def _unavailable(exc: sqlite3.OperationalError) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


def _snippet(text: str, query: str) -> str:
    """Text around the first query term, else the opening; plain text, no markup."""
    for term in query.split():
        at = text.find(term)
        if at >= 0:
            start = max(0, at - _SNIPPET_RADIUS)
            return ("…" if start else "") + text[start : at + len(term) + _SNIPPET_RADIUS] + "…"
    return text[: 2 * _SNIPPET_RADIUS] + ("…" if len(text) > 2 * _SNIPPET_RADIUS else "")


class SQLiteStore:
    def __init__(self, path: Path | str, query_tokenizer: Tokenizer | None = None,
                 busy_timeout_s: float = SQLITE_BUSY_TIMEOUT_S) -> None:
        self.path = Path(path)
        self._tokenize = query_tokenizer
        self._timeout = busy_timeout_s
        self._conn: sqlite3.Connection | None = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            if str(self.path) != ":memory:":
                self.path.parent.mkdir(parents=True, exist_ok=True)
            # Autocommit mode: transactions are explicit (BEGIN IMMEDIATE in `_write`).
            self._conn = sqlite3.connect(str(self.path), timeout=self._timeout, isolation_level=None)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=NORMAL")
        return self._conn

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _unavailable(exc):
                raise StoreUnavailable(f"SQLite store {self.path} is locked: {exc}") from exc
            raise
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError) and _unavailable(exc):
                raise StoreUnavailable(f"SQLite store {self.path} is locked: {exc}") from exc
            raise

    def setup(self) -> None:
        try:
            self.conn.executescript(schema.DDL)
            self.conn.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", (str(schema.SCHEMA_VERSION),))
        except sqlite3.OperationalError as exc:
            if _unavailable(exc):
                raise StoreUnavailable(f"SQLite store {self.path} is locked: {exc}") from exc
            raise

    def _title_tokens(self, title: str) -> str:
        return " ".join(self._tokenize(title)) if self._tokenize and title else title

    def save_page(self, outcome: PageOutcome, documents: Sequence[Document]) -> None:
        with self._write() as conn:
            old = [row[0] for row in conn.execute("SELECT id FROM documents WHERE page_id = ?", (outcome.page_id,))]
            old += [d.id for d in documents]
            if old:
                marks = schema.placeholders(len(old))
                for table, column in (("documents", "id"), ("indicators", "doc_id"), ("phrases", "doc_id"),
                                      ("documents_fts", "doc_id")):
                    conn.execute(f"DELETE FROM {table} WHERE {column} IN ({marks})", old)
            for doc in documents:
                conn.execute(f"INSERT INTO documents VALUES ({schema.placeholders(13)})",
                             schema.document_row(doc, outcome.page_id))
                conn.executemany(f"INSERT INTO indicators VALUES ({schema.placeholders(22)})",
                                 schema.indicator_rows(doc))
                conn.executemany(f"INSERT INTO phrases VALUES ({schema.placeholders(9)})", schema.phrase_rows(doc))
                conn.execute("INSERT INTO documents_fts VALUES (?, ?, ?)",
                             schema.fts_row(doc, self._title_tokens(doc.title)))
            conn.execute(
                f"INSERT OR REPLACE INTO pages VALUES ({schema.placeholders(11)})",
                (outcome.page_id, outcome.url, outcome.state, outcome.content_hash, outcome.reason, outcome.step,
                 outcome.error, json.dumps(outcome.document_ids), outcome.fetched_at, outcome.processed_at,
                 outcome.source),
            )

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT data FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return Document.from_dict(json.loads(row[0])) if row else None

    def search(self, query: SearchQuery) -> list[SearchHit]:
        text = query.text.strip()
        match = ""
        if text:
            if self._tokenize is None:
                raise ValueError("full-text search needs a query tokenizer (open the store with one)")
            match = match_expression(text, self._tokenize)
            if not match:
                return []
        sql, params = search_sql(match, dict(query.filters), query.size)
        try:
            rows = self.conn.execute(sql, params).fetchall()
        except sqlite3.OperationalError as exc:
            if "fts5" in str(exc) or "syntax" in str(exc):
                raise ValueError(f"cannot search for {text!r}: {exc}") from None
            raise
        hits = []
        for doc_id, title, region, province, year, doc_type, score in rows:
            body = self.conn.execute("SELECT json_extract(data, '$.text') FROM documents WHERE id = ?",
                                     (doc_id,)).fetchone()[0] or ""
            hits.append(SearchHit(id=doc_id, title=title or "", score=float(score), region=region,
                                  province=province, report_year=year, doc_type=doc_type,
                                  snippet=_snippet(re.sub(r"\s+", " ", body), text)))
        return hits

    def aggregate(self, query: AggQuery) -> list[AggRow]:
        sql, params = aggregate_sql(query)
        rows = []
        for row in self.conn.execute(sql, params):
            groups, (count, avg, low, high) = row[: len(query.group_by)], row[len(query.group_by) :]
            if not count:
                continue  # an ungrouped aggregate over nothing still returns one row in SQL
            key = {name: (bool(v) if name == "strive" and v is not None else v)
                   for name, v in zip(query.group_by, groups)}
            metrics = {m: v for m, v in (("avg", avg), ("min", low), ("max", high)) if m in query.metrics}
            rows.append(AggRow(key=key, count=int(count), **metrics))
        return rows

    def counts(self) -> dict[str, int]:
        conn = self.conn
        states = dict(conn.execute("SELECT state, COUNT(*) FROM pages GROUP BY state").fetchall())
        return {
            "documents": conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0],
            "indicators": conn.execute("SELECT COUNT(*) FROM indicators").fetchone()[0],
            "pages_stored": states.get(PAGE_STORED, 0),
            "pages_skipped": states.get(PAGE_SKIPPED, 0),
            "pages_failed": states.get(PAGE_FAILED, 0),
        }

    def failures(self, limit: int = 100) -> list[PageOutcome]:
        rows = self.conn.execute(
            "SELECT page_id, url, state, content_hash, reason, step, error, document_ids, fetched_at, processed_at, "
            "source FROM pages WHERE state = ? ORDER BY processed_at DESC, url LIMIT ?", (PAGE_FAILED, limit))
        return [PageOutcome(page_id=r[0], url=r[1], state=r[2], content_hash=r[3] or "", reason=r[4] or "",
                            step=r[5] or "", error=r[6] or "", document_ids=json.loads(r[7] or "[]"),
                            fetched_at=r[8] or "", processed_at=r[9] or "", source=r[10] or "") for r in rows]

    def record_versions(self, records: Sequence[VersionRecord]) -> None:
        if records:
            with self._write() as conn:
                sqlite_versions.insert_versions(conn, records)

    def document_versions(self, doc_id: str) -> list[VersionRecord]:
        return sqlite_versions.select_versions(self.conn, doc_id)

    def retire_document(self, doc_id: str, canonical_id: str) -> None:
        with self._write() as conn:
            sqlite_versions.retire(conn, doc_id, canonical_id)

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
