"""Start and stop real Celery worker processes for commands that run the whole pipeline (demo, reprocess).

Each is `celery -A workers.celery_app worker` in its own process group, tied to its parent with
PR_SET_PDEATHSIG; stopping sends SIGTERM (Celery's warm shutdown: running tasks finish and are acked)
and escalates to SIGKILL only after a grace period, so Ctrl-C never leaves a worker behind.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from govreports.defaults import CELERY_QUEUE
from govreports.settings import Settings
from runtime.redis_server import _die_with_parent

STOP_GRACE_S = 60.0


def worker_environment(settings: Settings, redis_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["REDIS_URL"] = redis_url
    env["GOVREPORTS_HOME"] = str(settings.home)
    return env


def worker_command(concurrency: int, loglevel: str, name: str) -> list[str]:
    return [
        sys.executable, "-m", "celery", "-A", "workers.celery_app", "worker",
        "-Q", CELERY_QUEUE,
        "--concurrency", str(concurrency),
        "--loglevel", loglevel,
        "--hostname", f"{name}@%h",
        # Single-machine runs need no cluster chatter; it only slows start-up.
        "--without-gossip", "--without-mingle", "--without-heartbeat",
    ]


class WorkerProcesses:
    """`count` worker processes, each with `concurrency` pool children; logs go to <home>/logs/."""

    def __init__(self, settings: Settings, redis_url: str, count: int = 1, concurrency: int | None = None) -> None:
        self.settings = settings
        self.redis_url = redis_url
        self.count = count
        self.concurrency = concurrency or settings.worker_concurrency
        self.processes: list[subprocess.Popen[bytes]] = []
        self.log_dir = settings.home / "logs"

    def start(self) -> "WorkerProcesses":
        self.log_dir.mkdir(parents=True, exist_ok=True)
        env = worker_environment(self.settings, self.redis_url)
        for index in range(self.count):
            log_path = self.log_dir / f"worker-{index}.log"
            with open(log_path, "ab") as log:
                self.processes.append(
                    subprocess.Popen(
                        worker_command(self.concurrency, self.settings.log_level, f"govreports-{os.getpid()}-{index}"),
                        env=env,
                        stdin=subprocess.DEVNULL,
                        stdout=log,
                        stderr=subprocess.STDOUT,
                        preexec_fn=_die_with_parent,
                    )
                )
        return self

    def check_alive(self) -> None:
        """Raise if a worker died, pointing at its log: waiting for a drain would otherwise hang."""
        for index, process in enumerate(self.processes):
            if process.poll() is not None:
                log = self.log_dir / f"worker-{index}.log"
                raise RuntimeError(f"Celery worker {index} exited with {process.returncode}; see {log}")

    @property
    def log_paths(self) -> list[Path]:
        return [self.log_dir / f"worker-{i}.log" for i in range(len(self.processes))]

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=STOP_GRACE_S)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)  # the pool children share its process group
                process.wait(timeout=10)
        self.processes = []

    def __enter__(self) -> "WorkerProcesses":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
