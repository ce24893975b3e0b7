"""`govreports demo` as a user runs it: twice in one data directory, and stopped with SIGTERM midway."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import psutil
import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]


def _env(home: Path, delay: str = "0") -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("CRAWL_", "REDIS_", "GOVREPORTS_", "ELASTICSEARCH_"))}
    env.update({"GOVREPORTS_HOME": str(home), "CRAWL_DOWNLOAD_DELAY": delay, "CRAWL_AUTOTHROTTLE": "0",
                "WORKER_CONCURRENCY": "2"})
    return env


def _demo(home: Path) -> dict[str, Any]:
    result = subprocess.run([sys.executable, "-m", "cli.main", "demo", "--json"], cwd=REPO, env=_env(home),
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout)


def _processes_using(home: Path) -> list[psutil.Process]:
    found = []
    for process in psutil.process_iter(["cmdline", "environ"]):
        try:
            cmdline = " ".join(process.info["cmdline"] or [])
            environ = process.info["environ"] or {}
        except (psutil.Error, TypeError):
            continue
        if str(home) in cmdline or environ.get("GOVREPORTS_HOME") == str(home):
            found.append(process)
    return found


def test_demo_twice(tmp_path: Path) -> None:
    home = tmp_path / "home"
    first = _demo(home)
    run = first["run"]
    assert run["crawl"]["list_pages"] > 4 and run["crawl"]["detail_pages_sent"] >= 14
    assert run["reconciliation"]["ok"] and run["reconciliation"]["gap"] == 0
    assert run["pages_processed"] == run["pages_sent"] == run["crawl"]["detail_pages_sent"]
    counts = first["counts"]
    assert counts["documents"] == len(first["documents"]) == 23  # every seed report
    assert counts["pages_stored"] + counts["pages_skipped"] + counts["pages_failed"] == run["pages_sent"]
    assert all(doc["region"] and doc["report_year"] for doc in first["documents"])
    assert first["gdp_growth_target_by_province_year"]  # the example aggregation has rows
    assert not _processes_using(home)

    second = _demo(home)
    assert second["run"]["crawl"]["detail_pages_sent"] == 0
    # each list is revisited with a conditional request; unchanged (304) lists are not walked further
    sources = len(run["crawl"]["start_urls"])
    assert second["run"]["crawl"]["list_pages"] == second["run"]["crawl"]["not_modified"] == sources
    assert second["run"]["crawl"]["pages_fetched"] == 0
    assert second["counts"] == counts  # nothing added, nothing duplicated
    assert second["run"]["reconciliation"]["ok"]
    assert not _processes_using(home)


def test_sigterm_midway_leaves_nothing_running(tmp_path: Path) -> None:
    home = tmp_path / "home"
    # a small delay keeps the crawl running long enough to be interrupted
    err_path = tmp_path / "demo.err"
    with open(err_path, "wb") as err:
        demo = subprocess.Popen([sys.executable, "-m", "cli.main", "demo"], cwd=REPO, env=_env(home, delay="0.5"),
                                stdout=subprocess.DEVNULL, stderr=err)
    crawl_log = home / "logs" / "crawl.log"
    deadline = time.monotonic() + 60
    while not (crawl_log.exists() and crawl_log.stat().st_size > 0) and time.monotonic() < deadline:
        assert demo.poll() is None, err_path.read_text()[-2000:]
        time.sleep(0.2)
    children = psutil.Process(demo.pid).children(recursive=True)
    names = " ".join(" ".join(c.cmdline()) for c in children)
    assert "redis-server" in names and "celery" in names and " crawl " in names
    port = int((home / "sample_portal_port").read_text())

    demo.send_signal(signal.SIGTERM)
    assert demo.wait(timeout=90) != 0
    gone, alive = psutil.wait_procs(children, timeout=10)
    assert not alive, [p.cmdline() for p in alive]
    assert not _processes_using(home)
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", port), timeout=2).close()
