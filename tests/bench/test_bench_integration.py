"""`python -m bench --quick` end to end on tiny sizes: real redis-server, Celery workers, crawls of the
loopback portal and the Scrapy baseline. Asserts every figure is measured and numeric and that nothing
is left running; never asserts a timing (figures of a shared test machine mean nothing)."""

from __future__ import annotations

import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import psutil
import pytest

from bench.report import FIGURE_KEYS

pytestmark = pytest.mark.integration
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.timeout(300)
def test_quick_bench_measures_every_figure(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    env = {k: v for k, v in os.environ.items() if k not in ("REDIS_URL", "ELASTICSEARCH_URL", "GOVREPORTS_HOME")}
    result = subprocess.run([sys.executable, "-m", "bench", "--quick", "--json", "--out", str(out)], cwd=REPO,
                            env=env, capture_output=True, text=True, timeout=280)
    assert result.returncode == 0, result.stderr[-4000:]

    body = json.loads(out.read_text(encoding="utf-8"))
    assert json.loads(result.stdout) == body
    assert body["errors"] == {}
    for key in FIGURE_KEYS:
        value = body[key]
        assert isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value), key
        assert value > 0, key
        figure = body["figures"][key]
        assert figure["runs"] and all(isinstance(run, float) for run in figure["runs"]), key
        assert figure["lines"], key
    for key in ("pipeline_vs_jieba", "worker_vs_inprocess", "crawl_vs_scrapy", "end_to_end_vs_slowest",
                "dedup_bytes_per_url"):
        assert isinstance(body["met"][key], bool), key  # every figure with a goal was checked against it
    crawl = body["figures"]["crawl_vs_scrapy"]["inputs"]
    assert all(r["requests"]["detail"] == crawl["detail_pages"] for r in crawl["rounds"])  # both crawled it all
    assert body["machine"]["cores_logical"] >= 1 and body["machine"]["redis_server"]
    assert body["run"]["quick"] is True

    # Everything it started is gone: its data directory and any process still pointing into it.
    home = re.search(r"data in (\S+)", result.stderr)
    assert home is not None
    assert not Path(home.group(1)).exists()
    assert leftovers_of(home.group(1)) == []


def leftovers_of(home: str) -> list[int]:
    """Processes whose command line (redis-server's socket) or GOVREPORTS_HOME (workers, crawls) is `home`."""
    found = []
    for process in psutil.process_iter(["cmdline"]):
        try:
            if any(home in part for part in process.info["cmdline"] or []) or \
                    process.environ().get("GOVREPORTS_HOME") == home:
                found.append(process.pid)
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
    return found
