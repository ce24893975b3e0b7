"""kill -9 of a crawler loses nothing: queued requests stay in Redis, in-flight ones are leased, and the
next crawl returns the dead process's leases to the queue once its heartbeat has expired.

A slow loopback portal lists 24 detail pages (each answers after 0.4 s). A `crawl --once` child is killed
with SIGKILL when some pages were sent and others are in flight; a second crawl then finishes the round.
Every detail page must have reached the workers' queue, the frontier and the leases must be empty, and
only pages in flight at the kill may have been sent twice.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import redis
import yaml

from govreports.defaults import CELERY_QUEUE
from runtime.queue_watch import FETCHED_COUNTER
from runtime.redis_server import EmbeddedRedis
from tests.crawler.test_incremental_rounds import REPO, crawl_env, crawl_once, queued_pages

pytestmark = pytest.mark.integration

DETAILS = [f"/k/2025/t202501{i:02d}_{i}.html" for i in range(1, 25)]
QUEUE, LEASES = "govreports:crawl:portal:requests", "govreports:crawl:portal:requests:leases"


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        pass  # the killed crawler's connections break mid-response: expected here


class SlowPortal:
    def __init__(self) -> None:
        self.requested: list[str] = []

        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                portal.requested.append(self.path)
                if self.path == "/k/":
                    rows = "".join(f'<li><a href="{p}">第{i}号通知的标题足够长</a><span>2025-01-{i:02d}</span></li>'
                                   for i, p in enumerate(DETAILS, start=1))
                    body = f"<html><body><ul>{rows}</ul></body></html>".encode()
                elif self.path in DETAILS:
                    time.sleep(0.4)
                    body = f"<html><body><h1>通知</h1><p>正文 {self.path}</p></body></html>".encode()
                else:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)

    def __enter__(self) -> "SlowPortal":
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def portal() -> Iterator[SlowPortal]:
    with SlowPortal() as served:
        yield served


def test_kill_nine_loses_no_request(tmp_path: Path, portal: SlowPortal) -> None:
    registry = tmp_path / "sources.yaml"
    url = f"http://localhost:{portal.server.server_address[1]}/k/"
    registry.write_text(yaml.safe_dump({"sources": [
        {"name": "slow", "group": "fixture", "kind": "gov_portal", "region": {"name": "璧山区", "code": "500120"},
         "start_urls": [url], "allow_private": True}]}, allow_unicode=True), encoding="utf-8")
    home = tmp_path / "home"
    with EmbeddedRedis(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url)
        env = crawl_env(home, server.url)
        env["CRAWL_LEASE_TIMEOUT"] = "2"
        child = subprocess.Popen([sys.executable, "-m", "cli.main", "crawl", "--once", "--sources", "fixture",
                                  "--sources-file", str(registry)], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
                                 stderr=open(tmp_path / "killed.log", "wb"), start_new_session=True)
        deadline = time.monotonic() + 60
        while int(client.get(FETCHED_COUNTER) or 0) < 6 or client.hlen(LEASES) == 0:
            assert child.poll() is None and time.monotonic() < deadline, "the crawl ended before it could be killed"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        sent_before = int(client.get(FETCHED_COUNTER) or 0)
        in_flight, queued = client.hlen(LEASES), client.zcard(QUEUE)
        assert sent_before < len(DETAILS) and in_flight > 0  # killed mid-round with requests in flight
        assert sent_before + in_flight + queued >= len(DETAILS)  # everything not sent is still in Redis

        report = crawl_once(home, server.url, registry)
        assert report["leases_reclaimed"] == in_flight and report["failed"] == 0

        pages = queued_pages(client)
        urls = [page.url.split(str(portal.server.server_address[1]), 1)[1] for page in pages]
        assert set(urls) == set(DETAILS)  # every detail page reached the workers' queue
        assert len(urls) - len(DETAILS) <= in_flight  # only pages in flight at the kill may be sent twice
        assert int(client.get(FETCHED_COUNTER) or 0) == len(pages) == client.llen(CELERY_QUEUE)
        assert client.zcard(QUEUE) == 0 and client.hlen(LEASES) == 0
        assert json.loads(json.dumps(report))["new_reports"] == len(DETAILS) - sent_before + (len(urls) - len(DETAILS))
        client.close()
