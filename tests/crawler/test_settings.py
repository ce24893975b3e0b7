"""Scrapy settings are built from the project's Settings, and Scrapy accepts every component they name."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings as ScrapySettings
from scrapy.utils.misc import load_object

from crawler.settings import MIB, scrapy_settings
from govreports.settings import Settings


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"GOVREPORTS_HOME": str(tmp_path), **env})


def test_tunables_come_from_settings(tmp_path: Path) -> None:
    built = scrapy_settings(_settings(
        tmp_path, CRAWL_DOWNLOAD_DELAY="2.5", CRAWL_CONCURRENCY_PER_HOST="3", CRAWL_AUTOTHROTTLE="0",
        CRAWL_TIMEOUT="45", CRAWL_MAX_RESPONSE_MB="7", CRAWL_OBEY_ROBOTS="0", CRAWL_USER_AGENT="test-agent/1",
        LOG_LEVEL="warning",
    ), "redis://example:6379/2")
    assert built["DOWNLOAD_DELAY"] == 2.5
    assert built["AUTOTHROTTLE_START_DELAY"] == 2.5  # not Scrapy's 5 s default
    assert built["CONCURRENT_REQUESTS_PER_DOMAIN"] == 3
    assert built["AUTOTHROTTLE_ENABLED"] is False
    assert built["DOWNLOAD_TIMEOUT"] == 45
    assert built["DOWNLOAD_MAXSIZE"] == 7 * MIB
    assert built["DOWNLOAD_WARNSIZE"] < built["DOWNLOAD_MAXSIZE"]
    assert built["ROBOTSTXT_OBEY"] is False
    assert built["USER_AGENT"] == "test-agent/1"
    assert built["LOG_LEVEL"] == "WARNING"
    assert built["REDIS_URL"] == "redis://example:6379/2"
    assert built["GOVREPORTS_ARCHIVE_DIR"] == str(tmp_path.resolve() / "archive")


def test_defaults_are_polite(tmp_path: Path) -> None:
    built = scrapy_settings(_settings(tmp_path), "unix:///tmp/r.sock")
    assert built["ROBOTSTXT_OBEY"] is True
    assert built["DOWNLOAD_DELAY"] >= 1.0
    assert built["AUTOTHROTTLE_ENABLED"] is True
    assert built["RETRY_ENABLED"] is True and built["RETRY_TIMES"] >= 1


def test_allowed_hosts_merge_configuration_and_command_line(tmp_path: Path) -> None:
    built = scrapy_settings(_settings(tmp_path, CRAWL_ALLOWED_PRIVATE_HOSTS="intranet.local, 10.0.0.8"),
                            "redis://r", allow_hosts=["127.0.0.1", "Intranet.Local"])
    assert built["GOVREPORTS_ALLOWED_PRIVATE_HOSTS"] == ["10.0.0.8", "127.0.0.1", "intranet.local"]
    assert scrapy_settings(_settings(tmp_path), "redis://r")["GOVREPORTS_ALLOWED_PRIVATE_HOSTS"] == []


def test_frontier_is_shared_and_persistent_in_redis(tmp_path: Path) -> None:
    built = scrapy_settings(_settings(tmp_path), "redis://r")
    assert built["SCHEDULER_PERSIST"] is True
    assert built["SCHEDULER_QUEUE_KEY"].startswith("govreports:") and "%(spider)s" in built["SCHEDULER_QUEUE_KEY"]
    assert built["SCHEDULER_DUPEFILTER_KEY"] != built["SCHEDULER_QUEUE_KEY"]
    assert built["SCHEDULER_SERIALIZER"] == "crawler.request_codec"  # JSON, not pickle


def test_named_components_load(tmp_path: Path) -> None:
    built = scrapy_settings(_settings(tmp_path, CRAWL_LEASE_TIMEOUT="7"), "redis://r")
    load_object(built["SCHEDULER"])
    assert built["GOVREPORTS_LEASE_TIMEOUT"] == 7
    assert built["REMOTE_CONTROL_ENABLED"] is False and built["TELNETCONSOLE_ENABLED"] is False


def test_scrapy_accepts_the_settings(tmp_path: Path) -> None:
    built = ScrapySettings(scrapy_settings(_settings(tmp_path), "redis://r"))
    middlewares = built.getdict("DOWNLOADER_MIDDLEWARES")
    for middleware, priority in middlewares.items():
        if priority is not None:
            load_object(middleware)
    base = built.getdict("DOWNLOADER_MIDDLEWARES_BASE")
    assert middlewares["scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware"] is None  # ours replaces it
    guard, robots = middlewares["crawler.address_guard.PrivateAddressGuard"], middlewares["crawler.robots.RobotsWithCrawlDelay"]
    slots = middlewares["crawler.host_throttle.SharedHostSlots"]
    # guard → robots.txt (Crawl-delay) → … → host slots, which see every retry/redirect response first
    assert guard < robots < slots
    assert slots > base["scrapy.downloadermiddlewares.retry.RetryMiddleware"]
    assert slots > base["scrapy.downloadermiddlewares.redirect.RedirectMiddleware"]
    assert built.getfloat("GOVREPORTS_SHARED_HOST_DELAY") == built.getfloat("DOWNLOAD_DELAY")
    for pipeline in built.getdict("ITEM_PIPELINES"):
        load_object(pipeline)
