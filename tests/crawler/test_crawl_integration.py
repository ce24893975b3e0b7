"""Real crawls: `govreports crawl` child processes with Scrapy + scrapy-redis on an embedded redis-server.

1. Edge cases against a small local server: redirects from the allowed host to loopback, private and
   link-local addresses are refused (the target is never contacted), a 404 detail page is handed on as a
   failed page, a 503 page is counted as failed and planned for another attempt, which a later crawl makes
   once it is due; an unchanged list (no validators, same entries) ends the walk at its first page.
2. The sample portal end to end: crawl → Redis → real Celery workers → SQLite store; a second crawl gets
   304 for every list page, sends no detail page and adds no document.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import redis

from crawler.child import run_crawl_child
from crawler.sources import source_name
from govreports.archive import Archive
from govreports.defaults import CELERY_QUEUE
from govreports.settings import Settings
from runtime.queue_watch import FETCHED_COUNTER, read_state, wait_for_drain
from runtime.redis_server import EmbeddedRedis
from runtime.sample_portal import serve_portal, start_urls
from runtime.worker_processes import WorkerProcesses
from search.factory import open_store
from search.store import SearchQuery

pytestmark = pytest.mark.integration


def _env(home: Path, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRAWL_", "REDIS_", "GOVREPORTS_"))}
    env.update({"GOVREPORTS_HOME": str(home), "REDIS_URL": redis_url, "CRAWL_DOWNLOAD_DELAY": "0",
                "CRAWL_AUTOTHROTTLE": "0", "CRAWL_TIMEOUT": "10", "LOG_LEVEL": "INFO"})
    return env


class EdgeServer:
    """A list page whose detail links answer 200, 503 (while flaky), 404 and redirects elsewhere."""

    def __init__(self) -> None:
        self.paths: list[str] = []
        self.flaky = True
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                outer.paths.append(self.path)
                status, headers, body = outer.answer(self.path)
                self.send_response(status)
                for key, value in {"Content-Type": "text/html; charset=utf-8", **headers}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]

    def answer(self, path: str) -> tuple[int, dict[str, str], bytes]:
        links = {
            "/list.html": ["/news/t20240101_1.html", "/news/t20240101_2.html", "/news/t20240101_3.html",
                           "/jump/t20240101_4.html", "/jump/t20240101_5.html", "/jump/t20240101_6.html",
                           "index_1.html"],
            "/index_1.html": ["/news/t20240101_10.html", "list.html"],
        }
        jumps = {"/jump/t20240101_4.html": f"http://127.0.0.1:{self.port}/secret/t20240101_9.html",
                 "/jump/t20240101_5.html": "http://10.255.255.1/x/t20240101_8.html",
                 "/jump/t20240101_6.html": "http://169.254.169.254/latest/meta-data/t20240101_7.html"}
        if path in links:
            anchors = "".join(f'<li><a href="{href}">第{i}条新闻标题足够长</a></li>' for i, href in enumerate(links[path]))
            return 200, {}, f"<html><body><ul>{anchors}</ul></body></html>".encode()
        if path in jumps:
            return 302, {"Location": jumps[path]}, b""
        if path == "/news/t20240101_2.html" and self.flaky:
            return 503, {}, b"busy"
        if path in ("/news/t20240101_1.html", "/news/t20240101_2.html", "/news/t20240101_10.html", "/secret/t20240101_9.html"):
            return 200, {}, f"<html><body><p>正文 {path}</p></body></html>".encode()
        return 404, {}, b"<html><body>not found</body></html>"

    def __enter__(self) -> "EdgeServer":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def embedded_redis(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    with EmbeddedRedis(tmp_path / "redis") as server:
        yield server


def _crawl(home: Path, redis_url: str, urls: list[str], allow: list[str]) -> dict[str, Any]:
    return run_crawl_child(urls, _env(home, redis_url), home / "crawl.log", allow_hosts=allow)


def test_redirects_to_private_addresses_errors_and_memory(tmp_path: Path, embedded_redis: EmbeddedRedis) -> None:
    home = tmp_path / "home"
    client = redis.Redis.from_url(embedded_redis.url)
    with EdgeServer() as server:
        start = [f"http://localhost:{server.port}/list.html"]
        first = _crawl(home, embedded_redis.url, start, ["localhost"])
        assert first["list_pages"] == 2  # pagination followed, the link back to page 1 not re-requested
        assert first["refused"] == 3  # loopback by another name, 10.x and 169.254.x, all after a redirect
        assert not any(p.startswith("/secret/") for p in server.paths)
        assert first["detail_pages_sent"] == 3 and first["detail_pages_sent_with_http_error"] == 1  # 200, 200, 404
        assert first["failed"] == 1 and first["retries_planned"] == 1  # the 503, after its retries
        assert server.paths.count("/news/t20240101_2.html") >= 2  # retried within the crawl

        server.flaky = False
        retry_key = f"govreports:crawl:retry:{source_name(start[0])}"
        retries = client.zrange(retry_key, 0, -1, withscores=True)
        assert len(retries) == 1 and b"t20240101_2.html" in retries[0][0]  # planned, with a backoff
        client.zadd(retry_key, {retries[0][0]: 0})  # now due
        server.paths.clear()
        second = _crawl(home, embedded_redis.url, start, ["localhost"])
        # the list is unchanged (same entries, no validators): its first page only, then the due retry
        assert sorted(server.paths) == ["/list.html", "/news/t20240101_2.html", "/robots.txt"]
        assert second["list_pages"] == 1 and second["unchanged_lists"] == 1
        assert second["detail_pages_sent"] == 1 and second["failed"] == 0 and second["refused"] == 0

    assert int(client.get(FETCHED_COUNTER) or 0) == 4
    assert client.llen(CELERY_QUEUE) == 4  # waiting for workers, none running here
    assert client.zcard("govreports:crawl:portal:requests") == 0  # the frontier drained
    assert client.hlen("govreports:crawl:portal:requests:leases") == 0  # every lease acknowledged
    assert len(Archive(home / "archive")) == 4
    client.close()


def test_bad_start_url_is_a_clear_error(tmp_path: Path, embedded_redis: EmbeddedRedis) -> None:
    from crawler.child import CrawlFailed

    with pytest.raises(CrawlFailed, match="only http"):
        _crawl(tmp_path, embedded_redis.url, ["ftp://example.gov.cn/"], [])
    with pytest.raises(CrawlFailed, match="refused as private"):  # a loopback start URL without --allow-host
        _crawl(tmp_path, embedded_redis.url, ["http://127.0.0.1:9/list.html"], [])


def test_sample_portal_into_the_store_and_nothing_twice(tmp_path: Path, embedded_redis: EmbeddedRedis) -> None:
    home = tmp_path / "home"
    settings = Settings.from_env(_env(home, embedded_redis.url))
    client = redis.Redis.from_url(embedded_redis.url)
    with serve_portal() as base_url, WorkerProcesses(settings, embedded_redis.url, concurrency=2) as workers:
        before = read_state(client)
        first = _crawl(home, embedded_redis.url, start_urls(base_url), ["127.0.0.1"])
        wait_for_drain(client, before.processed, first["detail_pages_sent"], 240, check_workers=workers.check_alive)
        store = open_store(settings)
        counts = store.counts()
        hits = store.search(SearchQuery(text="", size=1000))
        store.close()
        middle = read_state(client)
        second = _crawl(home, embedded_redis.url, start_urls(base_url), ["127.0.0.1"])
        wait_for_drain(client, middle.processed, second["detail_pages_sent"], 60, check_workers=workers.check_alive)
        after = read_state(client)
    client.close()

    assert first["list_pages"] > len(start_urls(base_url)) and first["not_modified"] == 0
    assert first["detail_pages_sent"] >= 14 and first["errors"] == 0 and first["robots_forbidden"] == 1
    # every page handed on is accounted for, and the non-report pages end as skipped
    assert counts["pages_stored"] + counts["pages_skipped"] + counts["pages_failed"] == first["detail_pages_sent"]
    assert counts["pages_failed"] == 0 and counts["pages_skipped"] >= 10 and counts["pages_stored"] >= 4
    assert counts["documents"] >= 20 and len(hits) == counts["documents"]
    assert all(hit.region and hit.report_year for hit in hits), [h.title for h in hits if not h.region]
    # the second crawl asked each list's first page conditionally (304), fetched nothing else, added nothing
    assert second["list_pages"] == second["not_modified"] == len(start_urls(base_url))
    assert second["detail_pages_sent"] == 0 and second["pages_fetched"] == 0
    assert after.fetched == middle.fetched and after.gap == 0
    store = open_store(settings)
    assert store.counts() == counts
    store.close()
