"""The benchmark's workbench: its own data directory, embedded Redis, settings, corpus and progress.

Every measurement gets one `Lab`. The lab owns a temporary GOVREPORTS_HOME (never the user's data), the
one embedded redis-server all measurements share (flushed between them) and the environment the child
processes (Celery workers, crawls) inherit; `close` stops the server and removes the directory, and
each measurement stops the processes it starts in `finally` blocks. Progress goes to stderr.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

import redis

from bench.corpus import Report, build_corpus
from bench.portal import Portal, build_portal
from bench.stats import Figure
from govreports.settings import Settings
from runtime.redis_server import EmbeddedRedis

# What every child process of the benchmark runs with: no politeness delay, no AutoThrottle, and the
# loopback portal allowed past the private-address guard. Concurrency per host is Scrapy's default (8)
# on both sides of the crawl comparison.
BENCH_ENVIRONMENT = {
    "CRAWL_DOWNLOAD_DELAY": "0",
    "CRAWL_AUTOTHROTTLE": "0",
    "CRAWL_CONCURRENCY_PER_HOST": "8",
    "CRAWL_ALLOWED_PRIVATE_HOSTS": "127.0.0.1",
    "LOG_LEVEL": "INFO",
}
# Services the benchmark must not touch: it brings its own Redis and store.
FOREIGN_SERVICES = ("REDIS_URL", "ELASTICSEARCH_URL")


class Lab:
    def __init__(self, quick: bool, keep: bool = False, environ: Mapping[str, str] | None = None) -> None:
        source = dict(os.environ if environ is None else environ)
        self.quick = quick
        self.keep = keep
        # Measured separately (query latency) when set; never used by workers of the other figures.
        self.elasticsearch_url = source.get("ELASTICSEARCH_URL", "")
        self.home = Path(tempfile.mkdtemp(prefix="govreports-bench-"))
        self.environ = {k: v for k, v in source.items() if k not in FOREIGN_SERVICES}
        self.environ.update(BENCH_ENVIRONMENT, GOVREPORTS_HOME=str(self.home))
        self.results: dict[str, Figure] = {}
        self.started = time.monotonic()
        self._redis: EmbeddedRedis | None = None

    # Progress ----------------------------------------------------------------------------------------
    def say(self, message: str) -> None:
        print(f"[bench {time.monotonic() - self.started:6.1f}s] {message}", file=sys.stderr, flush=True)

    @property
    def warm_pages_per_child(self) -> int:
        """Real pages each worker pool child processes before a clock starts: its first page pays its lazy
        start-up (store and Redis connections, division table, extractor tables) that jieba's preload
        before the fork does not cover."""
        return self.size(3, 1)

    def size(self, full: int, quick: int) -> int:
        return quick if self.quick else full

    # Settings and environment ----------------------------------------------------------------------------
    def settings(self, **overrides: str) -> Settings:
        return Settings.from_env({**self.environ, **overrides})

    @contextmanager
    def child_environment(self, **overrides: str) -> Iterator[None]:
        """`os.environ` as the children must see it, for the duration of the block (the runtime helpers
        that start workers copy `os.environ`); restored afterwards."""
        saved = dict(os.environ)
        os.environ.clear()
        os.environ.update({**self.environ, **overrides})
        try:
            yield
        finally:
            os.environ.clear()
            os.environ.update(saved)

    # Redis -------------------------------------------------------------------------------------------
    @property
    def has_redis(self) -> bool:
        """Whether a measurement has started the embedded server (asking for `redis_url` starts it)."""
        return self._redis is not None

    @property
    def redis_url(self) -> str:
        if self._redis is None:
            self._redis = EmbeddedRedis(self.home / "redis").start()
        return self._redis.url

    @cached_property
    def redis(self) -> redis.Redis:
        return redis.Redis.from_url(self.redis_url)

    def fresh_redis(self) -> None:
        """Empty Redis (frontier, dupefilter, broker queue, counters) between measurements."""
        self.redis.flushall()

    def fresh_store(self, settings: Settings) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{settings.sqlite_path}{suffix}").unlink(missing_ok=True)

    # Shared inputs -------------------------------------------------------------------------------------
    @cached_property
    def corpus(self) -> list[Report]:
        """At least 200 distinct reports (8 in --quick)."""
        return build_corpus(self.size(207, 8))

    @cached_property
    def portal(self) -> Portal:
        """The crawl and end-to-end site: 5,000 detail pages in 10 columns of 25 list pages (60 in 3 columns in --quick)."""
        return build_portal(self.corpus, detail_count=self.size(5000, 60), columns=self.size(10, 3))

    def close(self) -> None:
        if "redis" in self.__dict__:
            self.redis.close()
        if self._redis is not None:
            self.say("stopping the embedded redis-server")
            self._redis.stop()
            self._redis = None
        if not self.keep:
            self.say(f"removing {self.home}")
            shutil.rmtree(self.home, ignore_errors=True)
        self.say("cleaned up")
