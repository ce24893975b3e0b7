"""Tables of the embedded SQLite store and how a `Document` becomes rows in them.

One row per page outcome (`pages`), per document (`documents`, the full document as JSON in `data`
plus the filterable fields as columns), per indicator (`indicators`, carrying its report's metadata so
aggregations need no join, like the Elasticsearch `indicators` index), per tracked phrase mention
(`phrases`), an FTS5 table over the jieba tokens of title and text, and the history of canonical
documents (`document_versions`: mirrors, superseded versions, earlier fetches; `search.mirrors`).
"""

from __future__ import annotations

import json
from typing import Any

from govreports.models import Document
from search.store import value_mid

SCHEMA_VERSION = 1

DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE IF NOT EXISTS pages (
    page_id TEXT PRIMARY KEY, url TEXT NOT NULL, state TEXT NOT NULL, content_hash TEXT, reason TEXT,
    step TEXT, error TEXT, document_ids TEXT, fetched_at TEXT, processed_at TEXT, source TEXT
);
CREATE INDEX IF NOT EXISTS pages_state ON pages(state, processed_at);
CREATE TABLE IF NOT EXISTS documents (
    id TEXT PRIMARY KEY, page_id TEXT NOT NULL, title TEXT, doc_type TEXT, region TEXT, province TEXT,
    admin_level TEXT, division_code TEXT, report_year INTEGER, meeting_date TEXT, published_date TEXT,
    content_hash TEXT, data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS documents_page ON documents(page_id);
CREATE INDEX IF NOT EXISTS documents_year ON documents(report_year, province);
CREATE TABLE IF NOT EXISTS indicators (
    doc_id TEXT NOT NULL, seq INTEGER NOT NULL, indicator TEXT NOT NULL, kind TEXT, year INTEGER,
    value REAL, low REAL, high REAL, value_mid REAL, unit TEXT, modifier TEXT, strive INTEGER, scope TEXT,
    text TEXT, start INTEGER, "end" INTEGER,
    doc_type TEXT, region TEXT, province TEXT, admin_level TEXT, division_code TEXT, report_year INTEGER,
    PRIMARY KEY (doc_id, seq)
);
CREATE INDEX IF NOT EXISTS indicators_lookup ON indicators(indicator, kind, report_year, province);
CREATE TABLE IF NOT EXISTS phrases (
    doc_id TEXT NOT NULL, phrase TEXT NOT NULL, count INTEGER NOT NULL,
    doc_type TEXT, region TEXT, province TEXT, admin_level TEXT, division_code TEXT, report_year INTEGER,
    PRIMARY KEY (doc_id, phrase)
);
CREATE INDEX IF NOT EXISTS phrases_phrase ON phrases(phrase, report_year);
CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(doc_id UNINDEXED, title, tokens, tokenize='unicode61');
CREATE TABLE IF NOT EXISTS document_versions (
    canonical_id TEXT NOT NULL, doc_id TEXT NOT NULL, relation TEXT NOT NULL, url TEXT, content_hash TEXT NOT NULL,
    fetched_at TEXT, source TEXT, authority INTEGER, length INTEGER, similarity REAL, recorded_at TEXT,
    PRIMARY KEY (canonical_id, doc_id, content_hash)
);
"""

REPORT_COLUMNS = ("doc_type", "region", "province", "admin_level", "division_code", "report_year")
INDICATOR_COLUMNS = ("indicator", "kind", "year", "value", "low", "high", "value_mid", "unit", "modifier",
                     "strive", "scope", "text", "start", "end")


def document_row(doc: Document, page_id: str) -> tuple[Any, ...]:
    data = doc.to_dict()
    data.pop("tokens", None)  # kept only in the FTS table; it doubles the row size otherwise
    return (doc.id, page_id, doc.title, doc.doc_type, doc.region, doc.province, doc.admin_level,
            doc.division_code, doc.report_year, doc.meeting_date, doc.published_date, doc.content_hash,
            json.dumps(data, ensure_ascii=False))


def indicator_rows(doc: Document) -> list[tuple[Any, ...]]:
    report = tuple(getattr(doc, name) for name in REPORT_COLUMNS)
    rows = []
    for seq, ind in enumerate(doc.indicators):
        values = {**ind, "value_mid": value_mid(ind), "strive": int(bool(ind.get("strive")))}
        rows.append((doc.id, seq, *(values.get(name) for name in INDICATOR_COLUMNS), *report))
    return rows


def phrase_rows(doc: Document) -> list[tuple[Any, ...]]:
    report = tuple(getattr(doc, name) for name in REPORT_COLUMNS)
    return [(doc.id, phrase, count, *report) for phrase, count in doc.phrase_counts.items() if count > 0]


def fts_row(doc: Document, title_tokens: str) -> tuple[str, str, str]:
    return (doc.id, title_tokens, doc.tokens)


def placeholders(count: int) -> str:
    return ",".join("?" * count)
