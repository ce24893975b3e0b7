"""The one settings object, built from environment variables at process edges only.

Library code receives a `Settings` (or plain values taken from it); it never reads `os.environ` itself.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from govreports.defaults import DEFAULTS
from govreports.errors import ConfigError


def _int(env: Mapping[str, str], name: str, minimum: int = 0) -> int:
    raw = env.get(name) or DEFAULTS[name]
    try:
        value = int(raw)
    except ValueError:
        raise ConfigError(f"{name} must be an integer, got {raw!r}") from None
    if value < minimum:
        raise ConfigError(f"{name} must be >= {minimum}, got {value}")
    return value


def _float(env: Mapping[str, str], name: str) -> float:
    raw = env.get(name) or DEFAULTS[name]
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number, got {raw!r}") from None
    if value < 0:
        raise ConfigError(f"{name} must be >= 0, got {value}")
    return value


def _bool(env: Mapping[str, str], name: str) -> bool:
    raw = (env.get(name) or DEFAULTS[name]).strip().lower()
    if raw in {"1", "true", "yes", "on"}:
        return True
    if raw in {"0", "false", "no", "off"}:
        return False
    raise ConfigError(f"{name} must be 0/1 (or true/false), got {raw!r}")


def _str(env: Mapping[str, str], name: str) -> str:
    return (env.get(name) or DEFAULTS[name]).strip()


@dataclass(frozen=True)
class Settings:
    home: Path
    redis_url: str = field(repr=False)  # may carry a password
    elasticsearch_url: str = field(repr=False)
    elasticsearch_username: str = field(repr=False)
    elasticsearch_password: str = field(repr=False)
    elasticsearch_index_prefix: str
    elasticsearch_ca_certs: str
    elasticsearch_timeout: float
    elasticsearch_max_retries: int
    kibana_url: str = field(repr=False)
    worker_concurrency: int
    worker_max_memory_mb: int
    task_soft_time_limit: int
    task_time_limit: int
    task_max_retries: int
    store_busy_timeout_s: float
    crawl_download_delay: float
    crawl_concurrency_per_host: int
    crawl_autothrottle: bool
    crawl_timeout: int
    crawl_max_response_mb: int
    crawl_obey_robots: bool
    crawl_allowed_private_hosts: tuple[str, ...]
    crawl_sources: str
    crawl_lease_timeout: int
    crawl_user_agent: str
    log_level: str

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "Settings":
        env = os.environ if env is None else env
        soft, hard = _int(env, "TASK_SOFT_TIME_LIMIT", 1), _int(env, "TASK_TIME_LIMIT", 1)
        if hard <= soft:
            raise ConfigError(f"TASK_TIME_LIMIT ({hard}) must be greater than TASK_SOFT_TIME_LIMIT ({soft})")
        hosts = tuple(h.strip().lower() for h in _str(env, "CRAWL_ALLOWED_PRIVATE_HOSTS").split(",") if h.strip())
        return cls(
            home=Path(_str(env, "GOVREPORTS_HOME")).expanduser().resolve(),
            redis_url=_str(env, "REDIS_URL"),
            elasticsearch_url=_str(env, "ELASTICSEARCH_URL"),
            elasticsearch_username=_str(env, "ELASTICSEARCH_USERNAME"),
            elasticsearch_password=_str(env, "ELASTICSEARCH_PASSWORD"),
            elasticsearch_index_prefix=_str(env, "ELASTICSEARCH_INDEX_PREFIX"),
            elasticsearch_ca_certs=_str(env, "ELASTICSEARCH_CA_CERTS"),
            elasticsearch_timeout=_float(env, "ELASTICSEARCH_TIMEOUT"),
            elasticsearch_max_retries=_int(env, "ELASTICSEARCH_MAX_RETRIES", 0),
            kibana_url=_str(env, "KIBANA_URL"),
            worker_concurrency=_int(env, "WORKER_CONCURRENCY", 1),
            worker_max_memory_mb=_int(env, "WORKER_MAX_MEMORY_MB", 64),
            task_soft_time_limit=soft,
            task_time_limit=hard,
            task_max_retries=_int(env, "TASK_MAX_RETRIES", 0),
            store_busy_timeout_s=_float(env, "STORE_BUSY_TIMEOUT_S"),
            crawl_download_delay=_float(env, "CRAWL_DOWNLOAD_DELAY"),
            crawl_concurrency_per_host=_int(env, "CRAWL_CONCURRENCY_PER_HOST", 1),
            crawl_autothrottle=_bool(env, "CRAWL_AUTOTHROTTLE"),
            crawl_timeout=_int(env, "CRAWL_TIMEOUT", 1),
            crawl_max_response_mb=_int(env, "CRAWL_MAX_RESPONSE_MB", 1),
            crawl_obey_robots=_bool(env, "CRAWL_OBEY_ROBOTS"),
            crawl_allowed_private_hosts=hosts,
            crawl_sources=_str(env, "CRAWL_SOURCES"),
            crawl_lease_timeout=_int(env, "CRAWL_LEASE_TIMEOUT", 2),
            crawl_user_agent=_str(env, "CRAWL_USER_AGENT"),
            log_level=_str(env, "LOG_LEVEL").upper(),
        )

    # Derived locations under the data directory.
    @property
    def embedded_redis_dir(self) -> Path:
        return self.home / "redis"

    @property
    def sqlite_path(self) -> Path:
        return self.home / "store" / "govreports.sqlite3"

    @property
    def archive_dir(self) -> Path:
        return self.home / "archive"

    @property
    def jieba_cache_dir(self) -> Path:
        return self.home / "cache" / "jieba"

    @property
    def uses_embedded_redis(self) -> bool:
        return not self.redis_url

    @property
    def uses_elasticsearch(self) -> bool:
        return bool(self.elasticsearch_url)
