"""Run `govreports crawl` as a child process (Scrapy's reactor runs once per process).

Used by `demo` and the tests. The child gets its own process group and dies with its parent
(PR_SET_PDEATHSIG), so Ctrl-C on the parent never leaves a crawler behind: the parent forwards SIGTERM
(Scrapy's graceful stop) and escalates to SIGKILL after a grace period. Its logs go to a file; its
stdout carries the crawl report as JSON.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

from runtime.redis_server import _die_with_parent

STOP_GRACE_S = 20.0
POLL_S = 0.25


class CrawlFailed(RuntimeError):
    """The crawl child exited non-zero or printed no report; the message quotes the end of its log."""


def crawl_command(start_urls: Sequence[str], allow_hosts: Sequence[str] = ()) -> list[str]:
    command = [sys.executable, "-m", "cli.main", "crawl", "--json"]
    for host in allow_hosts:
        command += ["--allow-host", host]
    for url in start_urls:
        command += ["--start-url", url]
    return command


def _log_tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


def run_crawl_child(
    start_urls: Sequence[str],
    env: Mapping[str, str],
    log_path: Path,
    allow_hosts: Sequence[str] = (),
    on_tick: Callable[[], None] = lambda: None,
) -> dict[str, Any]:
    """Crawl in a child process; calls `on_tick` while it runs; returns the child's JSON report."""
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        child = subprocess.Popen(crawl_command(start_urls, allow_hosts), env=dict(env), stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=log, preexec_fn=_die_with_parent)
        try:
            while child.poll() is None:
                on_tick()
                time.sleep(POLL_S)
            on_tick()
            out = child.stdout.read() if child.stdout is not None else b""
        finally:
            _stop(child)
    if child.returncode != 0:
        raise CrawlFailed(f"crawl exited with {child.returncode}; end of {log_path}:\n{_log_tail(log_path)}")
    try:
        return json.loads(out)
    except json.JSONDecodeError:
        raise CrawlFailed(f"crawl printed no JSON report; end of {log_path}:\n{_log_tail(log_path)}") from None


def _stop(child: subprocess.Popen[bytes]) -> None:
    if child.poll() is None:
        child.terminate()  # Scrapy stops gracefully on SIGTERM and closes its Redis state
        try:
            child.wait(timeout=STOP_GRACE_S)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait(timeout=5)
    if child.stdout is not None:
        child.stdout.close()
