"""Three `govreports crawl --once` rounds (real child processes, embedded redis-server) over the changing
fixture portal: exactly which requests each round makes, and what reaches the workers' queue.

Round 1 fetches everything once (robots.txt first, the redirect to 127.0.0.1 refused, the disallowed page
never asked, the attachment-only page's DOCX followed). Round 2: r6 is new on page 1 (pushing r3 to page 2)
and r4 was edited and re-dated: exactly those two detail pages, the two changed list pages, 304s for the
unchanged lists. Round 3: only list pages, all 304. The DOCX and the GBK page are read by the worker's
own code path.
"""

from __future__ import annotations

import base64
import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import redis
import yaml

from govreports.defaults import CELERY_QUEUE
from govreports.models import RawPage
from pipeline.decode import decode_page
from pipeline.segment import get_segmenter
from runtime.queue_watch import FETCHED_COUNTER
from runtime.redis_server import EmbeddedRedis
from tests.crawler.changing_portal import ChangingPortal, Hit
from workers.processing import process_raw_page

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
A = "/a/2025/t2025010{0}_{0}.html"


def crawl_env(home: Path, redis_url: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRAWL_", "REDIS_", "GOVREPORTS_"))}
    env.update({"GOVREPORTS_HOME": str(home), "REDIS_URL": redis_url, "CRAWL_DOWNLOAD_DELAY": "0",
                "CRAWL_AUTOTHROTTLE": "0", "CRAWL_TIMEOUT": "10", "CRAWL_LEASE_TIMEOUT": "3", "LOG_LEVEL": "INFO"})
    return env


def write_registry(path: Path, portal: ChangingPortal) -> Path:
    def source(name: str, url: str, region: dict[str, str]) -> dict[str, Any]:
        return {"name": name, "group": "fixture", "kind": "gov_portal", "region": region, "start_urls": [url],
                "allow_private": True}

    path.write_text(yaml.safe_dump({"sources": [
        source("fixture-a", portal.url("main", "/a/"), {"name": "璧山区", "code": "500120"}),
        source("fixture-b", portal.url("main", "/b/"), {"name": "高坪区", "code": "511303"}),
        source("fixture-c", portal.url("slow", "/c/"), {"name": "南充市", "code": "511300"}),
    ]}, allow_unicode=True), encoding="utf-8")
    return path


def crawl_once(home: Path, redis_url: str, registry: Path) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "cli.main", "crawl", "--once", "--sources", "fixture",
                             "--sources-file", str(registry)], cwd=REPO, env=crawl_env(home, redis_url),
                            capture_output=True, text=True, timeout=90)
    assert result.returncode == 0, result.stderr[-4000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


def queued_pages(client: redis.Redis) -> list[RawPage]:
    """The RawPages waiting in the Celery queue (kombu message → protocol-2 body → task args)."""
    pages = []
    for raw in client.lrange(CELERY_QUEUE, 0, -1):
        message = json.loads(raw)
        args = json.loads(base64.b64decode(message["body"]))[0]
        pages.append(RawPage.from_message(args[0]))
    return pages


def requests(hits: list[Hit]) -> set[tuple[str, str, bool, int]]:
    return {(h.server, h.path, h.conditional, h.status) for h in hits}


@pytest.fixture
def setup(tmp_path: Path) -> Iterator[tuple[ChangingPortal, EmbeddedRedis, Path]]:
    with ChangingPortal() as portal, EmbeddedRedis(tmp_path / "redis") as server:
        yield portal, server, write_registry(tmp_path / "sources.yaml", portal)


def test_three_rounds_make_exactly_the_expected_requests(tmp_path: Path, setup: Any) -> None:
    portal, server, registry = setup
    home = tmp_path / "home"
    client = redis.Redis.from_url(server.url)

    first = crawl_once(home, server.url, registry)
    hits = portal.take_hits()
    assert requests(hits) == {
        ("main", "/robots.txt", False, 200), ("main", "/a/", False, 200), ("main", "/a/index_1.html", False, 200),
        *{("main", A.format(i), False, 200) for i in (5, 4, 3, 2, 1)},
        ("main", "/a/jump/t20250101_9.html", False, 302),  # → 127.0.0.1: refused, never requested
        ("main", "/a/files/r3.docx", False, 200),  # followed from the attachment-only page
        ("main", "/b/", False, 200), ("main", "/b/info/1043/2.htm", False, 200), ("main", "/b/info/1043/1.htm", False, 200),
        ("slow", "/robots.txt", False, 200), ("slow", "/c/", False, 200), ("slow", "/c/2025/t20250111_1.html", False, 200),
    }
    assert len(hits) == 16  # each exactly once
    assert first["new_reports"] == 9 and first["refused"] == 1 and first["robots_forbidden"] == 1
    assert first["not_modified"] == 0 and first["failed"] == 0 and first["changed_reports"] == 0
    assert first["classes"]["attachment_only"] == 1 and first["classes"]["attachment"] == 1
    # robots.txt's Crawl-delay spaced the slow site's requests (the crawler's own delay is 0)
    slow = [h for h in hits if h.server == "slow" and h.path != "/robots.txt"]
    assert slow[1].at - slow[0].at > 0.9
    assert int(client.get(FETCHED_COUNTER) or 0) == 9 == client.llen(CELERY_QUEUE)

    portal.round = 2
    second = crawl_once(home, server.url, registry)
    assert requests(portal.take_hits()) == {
        ("main", "/robots.txt", False, 200), ("slow", "/robots.txt", False, 200),
        ("main", "/a/", True, 200),  # changed: r6 new, r4 re-dated
        ("main", A.format(6), False, 200),  # new
        ("main", A.format(4), True, 200),  # edited: asked again conditionally, and it did change
        ("main", "/a/index_1.html", True, 200),  # r3 pushed here; nothing new on it, so the walk stops
        ("main", "/b/", True, 304), ("slow", "/c/", True, 304),
    }
    assert (second["new_reports"], second["changed_reports"], second["not_modified"]) == (1, 1, 2)
    assert second["duplicates"] == 4 and second["pages_fetched"] == 4 and second["refused"] == 0

    portal.round = 3
    third = crawl_once(home, server.url, registry)
    assert requests(portal.take_hits()) == {
        ("main", "/robots.txt", False, 200), ("slow", "/robots.txt", False, 200),
        ("main", "/a/", True, 304), ("main", "/b/", True, 304), ("slow", "/c/", True, 304),
    }
    assert (third["pages_fetched"], third["not_modified"], third["new_reports"], third["changed_reports"]) == (0, 3, 0, 0)
    assert third["sources"]["fixture-a"] == {"list_pages": 1, "not_modified": 1}

    pages = {page.url.split(":", 2)[2].split("/", 1)[1]: page for page in queued_pages(client)}
    assert int(client.get(FETCHED_COUNTER) or 0) == 11 and len(pages) == 10  # 9 + r6 + the edited r4 (same URL)
    assert client.zcard("govreports:crawl:portal:requests") == 0 and client.hlen("govreports:crawl:portal:requests:leases") == 0
    gbk = pages["b/info/1043/2.htm"]
    assert "高坪区2025年政府工作报告" in decode_page(gbk.body, content_type=gbk.content_type)
    assert pages["a/files/r3.docx"].authority == 100
    outcome, documents = process_raw_page(pages["a/files/r3.docx"], get_segmenter(cache_dir=tmp_path / "jieba"))
    assert outcome.state == "stored" and documents[0].region == "重庆市璧山区" and documents[0].report_year == 2024
    client.close()
