"""A page that hangs where the soft time limit cannot reach it (signals blocked, as in a long C call) is
killed by the hard limit, redelivered, and after the third delivery recorded as a failure; the worker
keeps serving the other pages.

The hang is injected by a tiny Celery app module written into tmp_path that wraps the real task's
pipeline call; production code has no hook for it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis

from govreports.models import RawPage
from govreports.settings import Settings
from runtime.queue_watch import read_state, wait_for_drain
from runtime.redis_server import EmbeddedRedis
from runtime.task_sender import PageSender
from runtime.worker_processes import worker_command, worker_environment
from search.factory import open_store

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "runtime" / "sample_portal" / "seeds"

HANGING_APP = '''
import signal, time
import workers.tasks as tasks
from workers.celery_app import app  # noqa: F401  (the real app, tasks and context)

_real = tasks.process_raw_page

def _hanging(page, *args, **kwargs):
    if "hang" in page.url:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR1})  # the soft limit never arrives
        time.sleep(120)
    return _real(page, *args, **kwargs)

tasks.process_raw_page = _hanging
'''


def test_hard_time_limit_becomes_a_recorded_failure(tmp_path: Path) -> None:
    env = {"GOVREPORTS_HOME": str(tmp_path / "home"), "TASK_SOFT_TIME_LIMIT": "1", "TASK_TIME_LIMIT": "2"}
    settings = Settings.from_env(env)
    (tmp_path / "hanging_app.py").write_text(HANGING_APP, encoding="utf-8")
    small = next(SEEDS.glob("001_*.txt")).read_bytes()
    with EmbeddedRedis(settings.embedded_redis_dir) as server:
        client = redis.Redis.from_url(server.url)
        before = read_state(client)
        sender = PageSender(server.url)
        sender.send(RawPage(url="http://portal.test/hang.html", body=small, content_type="text/plain"))
        sender.send(RawPage(url="http://portal.test/small.html", body=small, content_type="text/plain"))
        sender.close()
        worker_env = {k: v for k, v in worker_environment(settings, server.url).items()
                      if not k.startswith(("ELASTICSEARCH_", "TASK_"))}
        worker_env.update(env, PYTHONPATH=os.pathsep.join([str(tmp_path), str(REPO)]))
        command = worker_command(1, "INFO", "hang-test")
        command[command.index("workers.celery_app")] = "hanging_app"
        with open(tmp_path / "worker.log", "wb") as log:
            worker = subprocess.Popen(command, cwd=REPO, env=worker_env, stdout=log, stderr=subprocess.STDOUT)
        try:
            wait_for_drain(client, before.processed, 2, timeout_s=90)
            after = read_state(client)
        finally:
            worker.terminate()
            worker.wait(timeout=60)
            client.close()
    store = open_store(settings)
    counts, failures = store.counts(), store.failures()
    store.close()
    log_text = (tmp_path / "worker.log").read_text(errors="replace")
    assert log_text.count("Hard time limit (2") == 2, log_text[-3000:]  # two kills, then the guard
    assert counts["pages_stored"] == 1 and counts["pages_failed"] == 1
    assert failures[0].url == "http://portal.test/hang.html" and failures[0].step == "worker"
    assert after.processed - before.processed == 2
