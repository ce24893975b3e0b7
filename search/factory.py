"""Choose the store for a process: Elasticsearch when `ELASTICSEARCH_URL` is set, else embedded SQLite.

Callers that run full-text searches pass a query tokenizer (the jieba segmenter's `cut`), so queries are
segmented exactly like the indexed text; workers, which only write, need none.
"""

from __future__ import annotations

from govreports.settings import Settings
from search.sqlite_queries import Tokenizer
from search.sqlite_store import SQLiteStore
from search.store import Store


def open_store(settings: Settings, query_tokenizer: Tokenizer | None = None) -> Store:
    if settings.uses_elasticsearch:
        from search.es_store import ElasticsearchStore  # imported lazily: the embedded default needs no client

        return ElasticsearchStore.from_settings(settings, query_tokenizer=query_tokenizer)
    return SQLiteStore(settings.sqlite_path, query_tokenizer=query_tokenizer, busy_timeout_s=settings.store_busy_timeout_s)
