"""Per-process resources of a worker: the jieba segmenter, the store and a Redis client.

The segmenter is loaded once in the parent before the pool forks (copy-on-write, ~1 s of jieba start-up
paid once); the store and Redis connections are opened lazily in each child, since sockets and SQLite
handles must not cross a fork.
"""

from __future__ import annotations

import os

import redis

from govreports.settings import Settings
from pipeline.segment import Segmenter, get_segmenter
from runtime.queue_watch import outcome_counter
from search.factory import open_store
from search.store import Store


class WorkerContext:
    def __init__(self, settings: Settings, redis_url: str) -> None:
        self.settings = settings
        self.redis_url = redis_url
        self._store: Store | None = None
        self._redis: redis.Redis | None = None
        self._pid = os.getpid()

    @property
    def segmenter(self) -> Segmenter:
        return get_segmenter(cache_dir=self.settings.jieba_cache_dir)

    def _forked(self) -> bool:
        if os.getpid() != self._pid:  # inherited from the parent: reopen everything in this child
            self._pid, self._store, self._redis = os.getpid(), None, None
            return True
        return False

    @property
    def store(self) -> Store:
        self._forked()
        if self._store is None:
            store = open_store(self.settings)
            store.setup()  # may raise StoreUnavailable: keep no half-initialised store, the retry reopens
            self._store = store
        return self._store

    @property
    def redis(self) -> redis.Redis:
        self._forked()
        if self._redis is None:
            self._redis = redis.Redis.from_url(self.redis_url)
        return self._redis

    def count_outcome(self, outcome: str) -> None:
        """One event per page handled: stored, skipped, failed or parked (see runtime.queue_watch)."""
        self.redis.incr(outcome_counter(outcome))

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self._store = None
