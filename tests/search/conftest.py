"""Stores under contract test: every backend registered here runs the same tests.

SQLite always runs. Elasticsearch joins when `ELASTICSEARCH_URL` is set (see `STORE_FACTORIES`); the
factory must give a fresh, empty store and clean it up afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from pipeline.segment import get_segmenter
from search.sqlite_store import SQLiteStore
from search.store import Store

StoreFactory = Callable[[Path, Callable[[str], list[str]]], AbstractContextManager[Store]]


@contextmanager
def _sqlite(tmp_path: Path, tokenizer: Callable[[str], list[str]]) -> Iterator[Store]:
    store = SQLiteStore(tmp_path / "store.sqlite3", query_tokenizer=tokenizer)
    store.setup()
    try:
        yield store
    finally:
        store.close()


@contextmanager
def _elasticsearch(tmp_path: Path, tokenizer: Callable[[str], list[str]]) -> Iterator[Store]:
    from search.es_live import require_elasticsearch, temporary_store

    with temporary_store(require_elasticsearch(), tokenizer) as store:  # skips, saying why, without a server
        yield store


# name -> factory; backends needing a server skip themselves when it is not configured.
STORE_FACTORIES: dict[str, StoreFactory] = {"sqlite": _sqlite, "elasticsearch": _elasticsearch}


@pytest.fixture(scope="session")
def tokenizer(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], list[str]]:
    return get_segmenter(cache_dir=tmp_path_factory.mktemp("jieba")).cut


@pytest.fixture(params=sorted(STORE_FACTORIES))
def store(request: pytest.FixtureRequest, tmp_path: Path, tokenizer: Callable[[str], list[str]]) -> Iterator[Store]:
    with STORE_FACTORIES[request.param](tmp_path, tokenizer) as backend:
        yield backend
