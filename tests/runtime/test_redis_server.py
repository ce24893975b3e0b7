"""The embedded redis-server: starts, is shared, persists through a restart, leaves no orphan."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
import redis

from runtime.redis_server import EmbeddedRedis
from runtime.services import celery_broker_url

pytestmark = pytest.mark.integration


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a zombie still answers kill(0); check its state
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def test_start_share_and_stop(tmp_path: Path) -> None:
    owner = EmbeddedRedis(tmp_path / "redis").start()
    try:
        assert owner.owned and owner.is_alive()
        joiner = EmbeddedRedis(tmp_path / "redis").start()
        assert not joiner.owned  # second process joins the live server instead of starting another
        joiner.stop()  # a joiner never stops the owner's server
        assert owner.is_alive()
        pid = owner.process.pid  # type: ignore[union-attr]
    finally:
        owner.stop()
    assert not owner.socket_path.exists()
    assert not _pid_alive(pid)


def test_queue_survives_restart(tmp_path: Path) -> None:
    with EmbeddedRedis(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url)
        client.rpush("govreports", "page-1", "page-2")
        client.close()
    with EmbeddedRedis(tmp_path / "redis") as server:
        client = redis.Redis.from_url(server.url)
        assert client.lrange("govreports", 0, -1) == [b"page-1", b"page-2"]
        client.close()


def test_sigkilled_owner_leaves_no_orphan(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys, time
        from runtime.redis_server import EmbeddedRedis
        server = EmbeddedRedis({str(tmp_path / 'redis')!r}).start()
        print(server.process.pid, flush=True)
        time.sleep(60)
        """
    )
    owner = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    redis_pid = int(owner.stdout.readline())  # type: ignore[union-attr]
    owner.send_signal(signal.SIGKILL)
    owner.wait()
    deadline = time.monotonic() + 10
    while _pid_alive(redis_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _pid_alive(redis_pid)


def test_broker_url_dialect() -> None:
    assert celery_broker_url("unix:///tmp/x/redis.sock") == "redis+socket:///tmp/x/redis.sock"
    assert celery_broker_url("redis://h:6379/0") == "redis://h:6379/0"
