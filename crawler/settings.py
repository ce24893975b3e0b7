"""Scrapy settings built from the project's `Settings` (no environment reading here).

`cli/crawl_cmd.py` is the process edge: it reads `Settings.from_env` and the command line and calls
`scrapy_settings`. Everything a crawl needs is in the returned dict: politeness (delay, per-host
concurrency, AutoThrottle), limits (timeout, maximum response size), robots.txt, user agent, retries,
the leased Redis scheduler and compact dupefilter (persistent across runs), the private-address guard,
robots.txt with Crawl-delay, the host slots shared across processes and the archive-and-send pipeline.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from govreports.defaults import REDIS_KEY_PREFIX
from govreports.settings import Settings

MIB = 1024 * 1024
# Each wait is delay × (1 ± jitter), so requests to one host do not tick like a clock.
DELAY_JITTER = 0.5
RETRY_TIMES = 2
# AutoThrottle never waits longer than this between requests to one host, whatever the latency says.
AUTOTHROTTLE_MAX_DELAY_S = 60.0
# Periodic "Crawled N pages" log line on stderr.
LOGSTATS_INTERVAL_S = 15.0


def allowed_private_hosts(settings: Settings, extra: Iterable[str] = ()) -> list[str]:
    return sorted({h.lower() for h in settings.crawl_allowed_private_hosts} | {h.lower() for h in extra})


def scrapy_settings(settings: Settings, redis_url: str, allow_hosts: Iterable[str] = ()) -> dict[str, Any]:
    delay = settings.crawl_download_delay
    per_host = settings.crawl_concurrency_per_host
    max_bytes = settings.crawl_max_response_mb * MIB
    return {
        "BOT_NAME": "govreports",
        "USER_AGENT": settings.crawl_user_agent,
        "ROBOTSTXT_OBEY": settings.crawl_obey_robots,
        # Politeness, per host ("domain" slot in Scrapy terms).
        "DOWNLOAD_DELAY": delay,
        "DOWNLOAD_DELAY_JITTER": DELAY_JITTER,
        "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
        "CONCURRENT_REQUESTS": max(16, per_host * 4),
        "AUTOTHROTTLE_ENABLED": settings.crawl_autothrottle,
        # Start at the configured delay (Scrapy's default start is 5 s); AutoThrottle never goes below it.
        "AUTOTHROTTLE_START_DELAY": delay,
        "AUTOTHROTTLE_MAX_DELAY": max(AUTOTHROTTLE_MAX_DELAY_S, delay),
        "AUTOTHROTTLE_TARGET_CONCURRENCY": float(per_host),
        # Limits.
        "DOWNLOAD_TIMEOUT": settings.crawl_timeout,
        "DNS_TIMEOUT": settings.crawl_timeout,
        "DOWNLOAD_MAXSIZE": max_bytes,
        "DOWNLOAD_WARNSIZE": max_bytes // 2,
        "RETRY_ENABLED": True,
        "RETRY_TIMES": RETRY_TIMES,
        # Shared frontier (leased queue) and memory (compact seen-set, per-URL state) in Redis: requests
        # and fingerprints survive the process, and a killed process's requests return to the queue.
        "SCHEDULER": "crawler.scheduler.LeasedRedisScheduler",
        "SCHEDULER_PERSIST": True,
        "SCHEDULER_QUEUE_KEY": f"{REDIS_KEY_PREFIX}:crawl:%(spider)s:requests",
        "SCHEDULER_DUPEFILTER_KEY": f"{REDIS_KEY_PREFIX}:crawl:%(spider)s:seen",
        "SCHEDULER_SERIALIZER": "crawler.request_codec",
        "GOVREPORTS_LEASE_TIMEOUT": settings.crawl_lease_timeout,
        "REDIS_URL": redis_url,
        # Before everything: a refused host is not even asked for robots.txt. Then robots.txt, which also
        # reads Crawl-delay; late in the chain the host slots shared by all crawler processes (delay,
        # concurrency cap, retry backoff), so their token is returned before retry/redirect re-issue.
        "DOWNLOADER_MIDDLEWARES": {"crawler.address_guard.PrivateAddressGuard": 40,
                                   "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
                                   "crawler.robots.RobotsWithCrawlDelay": 100,
                                   "crawler.host_throttle.SharedHostSlots": 800},
        "GOVREPORTS_SHARED_HOST_DELAY": delay,
        "ITEM_PIPELINES": {"crawler.pipelines.ArchiveAndSendPipeline": 300},
        "GOVREPORTS_ALLOWED_PRIVATE_HOSTS": allowed_private_hosts(settings, allow_hosts),
        "GOVREPORTS_ARCHIVE_DIR": str(settings.archive_dir),
        "LOG_LEVEL": settings.log_level,
        "LOGSTATS_INTERVAL": LOGSTATS_INTERVAL_S,
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,  # Scrapy 2.19's job control HTTP server: not wanted in a crawler
    }
