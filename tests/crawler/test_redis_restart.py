"""Redis restarted in the middle of a crawl: the crawler rides out the outage and finishes the round, and
every detail page reaches the workers' queue (the embedded server's AOF keeps the frontier and leases)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
import yaml

from runtime.queue_watch import FETCHED_COUNTER
from runtime.redis_server import EmbeddedRedis
from tests.crawler.test_incremental_rounds import REPO, crawl_env, queued_pages
from tests.crawler.test_kill_nine import DETAILS, SlowPortal

pytestmark = pytest.mark.integration


def test_redis_restart_mid_crawl_loses_no_page(tmp_path: Path) -> None:
    registry = tmp_path / "sources.yaml"
    with SlowPortal() as portal:
        url = f"http://localhost:{portal.server.server_address[1]}/k/"
        registry.write_text(yaml.safe_dump({"sources": [
            {"name": "slow", "group": "fixture", "kind": "gov_portal", "region": {"name": "璧山区", "code": "500120"},
             "start_urls": [url], "allow_private": True}]}, allow_unicode=True), encoding="utf-8")
        redis_dir = tmp_path / "redis"
        server = EmbeddedRedis(redis_dir).start()
        try:
            client = redis.Redis.from_url(server.url)
            env = crawl_env(tmp_path / "home", server.url)
            log = open(tmp_path / "crawl.log", "wb")
            child = subprocess.Popen([sys.executable, "-m", "cli.main", "crawl", "--once", "--sources", "fixture",
                                      "--sources-file", str(registry)], cwd=REPO, env=env,
                                     stdout=subprocess.PIPE, stderr=log)
            deadline = time.monotonic() + 60
            while int(client.get(FETCHED_COUNTER) or 0) < 4:
                assert child.poll() is None and time.monotonic() < deadline, "crawl ended before the restart"
                time.sleep(0.05)
            client.close()
            server.stop()  # SHUTDOWN writes the AOF; the crawler sees connection errors meanwhile
            time.sleep(2.0)
            server = EmbeddedRedis(redis_dir).start()
            stdout, _ = child.communicate(timeout=180)
            log.close()
            assert child.returncode == 0, (tmp_path / "crawl.log").read_text(errors="replace")[-3000:]
            report = json.loads(stdout.decode().strip().splitlines()[-1])
            client = redis.Redis.from_url(server.url)
            pages = queued_pages(client)
            client.close()
        finally:
            server.stop()
    urls = {page.url.split(str(portal.server.server_address[1]), 1)[1] for page in pages}
    assert urls == set(DETAILS), report  # every detail page reached the workers' queue
