"""The Elasticsearch client of a process, and how its failures become govreports errors.

Retries are ours, not the transport's: the transport retries at once, while a cluster answering 429
(queues full) or 503 (no master, recovering) needs time. `call_with_backoff` retries those and refused
connections with exponential backoff and full jitter, then raises `StoreUnavailable`, which the Celery task
turns into a task retry and, past its own limit, a parked message. Other API errors (a bad mapping, a
malformed query) are bugs or bad input and are raised at once.

Version rule: the client's major version must equal the server's (`elasticsearch==8.19.3` talks to
Elasticsearch 8.x; a 9.x server needs the 9.x client). `check_server` says so in one line.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from typing import Any, TypeVar

from elastic_transport import TlsError
from elasticsearch import ApiError, ConnectionTimeout, Elasticsearch, TransportError
from elasticsearch import ConnectionError as ESConnectionError
from elasticsearch import __versionstr__ as CLIENT_VERSION

from govreports.errors import ConfigError, StoreUnavailable
from govreports.settings import Settings

T = TypeVar("T")
RETRY_STATUSES = (429, 502, 503, 504)
BACKOFF_BASE_S = 0.5
BACKOFF_CAP_S = 30.0


def client_from_settings(settings: Settings, **overrides: Any) -> Elasticsearch:
    """A client for ELASTICSEARCH_URL (comma-separated for several nodes), basic auth and CA bundle."""
    if not settings.elasticsearch_url:
        raise ConfigError("ELASTICSEARCH_URL is not set")
    hosts = [url.strip() for url in settings.elasticsearch_url.split(",") if url.strip()]
    options: dict[str, Any] = {
        "request_timeout": settings.elasticsearch_timeout,
        "max_retries": 0,  # see the module docstring: call_with_backoff retries, with time in between
        "retry_on_timeout": False,
    }
    if settings.elasticsearch_username or settings.elasticsearch_password:
        options["basic_auth"] = (settings.elasticsearch_username, settings.elasticsearch_password)
    if settings.elasticsearch_ca_certs:
        options["ca_certs"] = settings.elasticsearch_ca_certs
    options.update(overrides)
    return Elasticsearch(hosts, **options)


def is_retryable(exc: BaseException) -> bool:
    """Temporary unavailability: a refused or timed-out connection, or a 429/502/503/504 answer.

    A TLS failure is configuration (wrong CA bundle), not unavailability, and is raised at once.
    """
    if isinstance(exc, ApiError):
        return exc.status_code in RETRY_STATUSES
    if isinstance(exc, TlsError):
        return False
    return isinstance(exc, (ESConnectionError, ConnectionTimeout))


def describe(exc: BaseException) -> str:
    if isinstance(exc, ApiError):
        return f"HTTP {exc.status_code} {exc.error}"
    return f"{type(exc).__name__}: {exc}"


def backoff_delay(attempt: int, base: float = BACKOFF_BASE_S, cap: float = BACKOFF_CAP_S) -> float:
    """Full-jitter exponential backoff: uniform in [0, min(cap, base * 2**attempt)]."""
    return random.uniform(0, min(cap, base * 2**attempt))


def call_with_backoff(
    what: str,
    call: Callable[[], T],
    retries: int,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """Run `call`; retry temporary failures `retries` times, then raise StoreUnavailable naming `what`."""
    attempt = 0
    while True:
        try:
            return call()
        except (ApiError, TransportError) as exc:
            if not is_retryable(exc):
                raise
            if attempt >= retries:
                raise StoreUnavailable(f"Elasticsearch unavailable during {what} after {attempt + 1} "
                                       f"attempt(s): {describe(exc)}") from exc
            sleep(backoff_delay(attempt))
            attempt += 1


def check_server(client: Elasticsearch) -> dict[str, Any]:
    """Server name and version; ConfigError when its major version differs from the client's."""
    info = client.info().body
    server = str(info.get("version", {}).get("number", "?"))
    if server.split(".")[0] != CLIENT_VERSION.split(".")[0]:
        raise ConfigError(
            f"Elasticsearch server {server} needs the elasticsearch-py client of the same major version; "
            f"this install has {CLIENT_VERSION} (pin elasticsearch=={server.split('.')[0]}.* in pyproject.toml)"
        )
    return {"cluster_name": info.get("cluster_name"), "server_version": server, "client_version": CLIENT_VERSION}
