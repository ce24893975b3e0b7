"""Hostile and broken pages through a real Celery worker: each ends in one recorded state (stored, skipped
or failed with its step and reason), the worker survives all of them and the accounting has no gap."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import redis

from govreports.models import RawPage
from govreports.settings import Settings
from runtime.queue_watch import read_state, wait_for_drain
from runtime.redis_server import EmbeddedRedis
from runtime.task_sender import PageSender
from runtime.worker_processes import WorkerProcesses
from search.factory import open_store
from tests.pipeline.test_attachments import build_pdf

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "runtime" / "sample_portal" / "seeds"
PAGES = REPO / "tests" / "fixtures" / "pages"


def _hostile_pages() -> dict[str, tuple[bytes, str]]:
    report = next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8")
    html = f"<html><body><div class='content'>{report.replace(chr(10), '<br>')}</div></body></html>"
    return {
        "empty": (b"", "text/html"),
        "binary": (random.Random(7).randbytes(200_000), "text/html"),
        "scanned-pdf": (build_pdf(["x"], image=True), "application/pdf"),
        "script-shell": ((PAGES / "script_shell.html").read_bytes(), "text/html; charset=utf-8"),
        "navigation-only": ((PAGES / "navigation_only.html").read_bytes(), "text/html; charset=utf-8"),
        "nested-10000": (("<div>" * 10_000 + html + "</div>" * 10_000).encode("utf-8"), "text/html"),
        "gbk-declared-utf8": (html.replace("<html>", "<html><meta charset='utf-8'>").encode("gb18030"),
                              "text/html; charset=utf-8"),
        "control-chars": (html.replace("。", "。\u200b\x07").encode("utf-8"), "text/html"),
        "truncated": (html.encode("utf-8")[:-7], "text/html"),
        "million-char-line": (("报" * 1_000_000 + "\n" + report).encode("utf-8"), "text/plain"),
    }


def test_every_hostile_page_is_accounted_for_and_the_worker_survives(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    settings = Settings.from_env({"GOVREPORTS_HOME": str(tmp_path / "home")})
    pages = _hostile_pages()
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        sender = PageSender(server.url)
        for name, (body, content_type) in pages.items():
            sender.send(RawPage(url=f"http://portal.test/{name}.html", body=body, content_type=content_type))
        sender.close()
        with WorkerProcesses(settings, server.url, count=1, concurrency=2) as workers:
            state = wait_for_drain(client, before.processed, len(pages), timeout_s=240,
                                   check_workers=workers.check_alive)
            workers.check_alive()  # no crash along the way
        client.close()
    assert state.gap == 0 and state.dead_letter == 0
    store = open_store(settings)
    try:
        counts, failures = store.counts(), store.failures()
    finally:
        store.close()
    assert counts["pages_stored"] + counts["pages_skipped"] + counts["pages_failed"] == len(pages)
    failed = {failure.url.rsplit("/", 1)[1][:-5]: failure for failure in failures}
    assert all(failure.step and failure.reason for failure in failures)
    assert "no text layer" in failed["scanned-pdf"].reason
    # the report survives the broken markup, wrong charset, control characters and the junk line
    assert set(failed) == {"empty", "binary", "scanned-pdf"}
    assert (counts["pages_stored"], counts["pages_skipped"]) == (5, 2)  # the two shells hold no report
