"""Which Redis a process talks to: the configured `REDIS_URL`, or the embedded server.

Also owns the URL dialects (redis-py and scrapy-redis say `unix:///path`, Celery/kombu say
`redis+socket:///path`) and turning SIGTERM into a normal exit so every `finally` that stops a
child process runs on `kill` as well as on Ctrl-C.
"""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

from govreports.settings import Settings
from runtime.redis_server import EmbeddedRedis


def celery_broker_url(redis_url: str) -> str:
    """The same Redis as a kombu broker URL."""
    if redis_url.startswith("unix://"):
        return "redis+socket://" + redis_url[len("unix://"):]
    return redis_url


@contextmanager
def redis_service(settings: Settings) -> Iterator[str]:
    """Yield a Redis URL; with `REDIS_URL` unset, start (or join) the embedded server and stop it after."""
    if not settings.uses_embedded_redis:
        yield settings.redis_url
        return
    server = EmbeddedRedis(settings.embedded_redis_dir).start()
    try:
        yield server.url
    finally:
        server.stop()


def _raise_system_exit(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


def exit_cleanly_on_sigterm() -> None:
    """Make SIGTERM unwind the stack like Ctrl-C does, so child servers and workers are stopped."""
    signal.signal(signal.SIGTERM, _raise_system_exit)
