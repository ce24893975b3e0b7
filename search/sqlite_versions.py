"""The SQLite side of document history (`search.mirrors`): version records, and retiring a document
that a better copy replaced. Functions over an open connection inside the store's write transaction."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence

from search.store import VersionRecord

_COLUMNS = ("canonical_id", "doc_id", "relation", "url", "content_hash", "fetched_at", "source", "authority",
            "length", "similarity", "recorded_at")


def insert_versions(conn: sqlite3.Connection, records: Sequence[VersionRecord]) -> None:
    conn.executemany(
        f"INSERT OR IGNORE INTO document_versions ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
        [tuple(getattr(record, name) for name in _COLUMNS) for record in records])


def select_versions(conn: sqlite3.Connection, doc_id: str) -> list[VersionRecord]:
    rows = conn.execute(f"SELECT {', '.join(_COLUMNS)} FROM document_versions WHERE canonical_id = ? "
                        "ORDER BY recorded_at, fetched_at, doc_id", (doc_id,)).fetchall()
    return [VersionRecord(*row) for row in rows]


def retire(conn: sqlite3.Connection, doc_id: str, canonical_id: str) -> None:
    row = conn.execute("SELECT page_id FROM documents WHERE id = ?", (doc_id,)).fetchone()
    for table, column in (("documents", "id"), ("indicators", "doc_id"), ("phrases", "doc_id"),
                          ("documents_fts", "doc_id")):
        conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (doc_id,))
    # its own history now belongs to the document that replaced it
    conn.execute("UPDATE OR IGNORE document_versions SET canonical_id = ? WHERE canonical_id = ?", (canonical_id, doc_id))
    conn.execute("DELETE FROM document_versions WHERE canonical_id = ?", (doc_id,))
    if row is not None:
        ids = conn.execute("SELECT document_ids FROM pages WHERE page_id = ?", (row[0],)).fetchone()
        if ids is not None:
            kept = [i for i in json.loads(ids[0] or "[]") if i != doc_id]
            conn.execute("UPDATE pages SET document_ids = ? WHERE page_id = ?", (json.dumps(kept), row[0]))
