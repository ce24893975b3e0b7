"""Stores that index documents and answer queries: SQLite/FTS5 (embedded) and Elasticsearch."""
