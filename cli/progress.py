"""Progress display for commands that wait on the workers: a bar on stderr while the queue drains.

stderr keeps `--json` output on stdout parseable.
"""

from __future__ import annotations

import redis

from runtime.queue_watch import wait_for_drain
from runtime.worker_processes import WorkerProcesses

DRAIN_TIMEOUT_S = 1800.0


def drain_with_progress(client: redis.Redis, workers: WorkerProcesses, processed_before: int, expected: int,
                        description: str = "workers: pages processed") -> None:
    """Block until `expected` more pages are accounted for, showing how many are done."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(TextColumn(description), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True)) as progress:
        task = progress.add_task("pages", total=expected)
        wait_for_drain(client, processed_before, expected, DRAIN_TIMEOUT_S,
                       on_progress=lambda done: progress.update(task, completed=min(done, expected)),
                       check_workers=workers.check_alive)
