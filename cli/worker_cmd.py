"""`govreports worker`: run Celery workers in the foreground (starting the embedded Redis if needed)."""

from __future__ import annotations

import os
import subprocess
import sys

import click

from cli.common import load_settings, service_errors
from runtime.services import exit_cleanly_on_sigterm, redis_service
from runtime.worker_processes import worker_command, worker_environment


@click.command()
@click.option("--concurrency", "-c", type=click.IntRange(1, 64), default=None,
              help="Pool processes (default WORKER_CONCURRENCY).")
@click.option("--loglevel", default=None, help="Celery log level (default LOG_LEVEL).")
@service_errors
def worker(concurrency: int | None, loglevel: str | None) -> None:
    """Consume pages from the queue until Ctrl-C.

    Scale out by running more of these (or `docker compose up --scale worker=N`) against one REDIS_URL.
    """
    settings = load_settings()
    exit_cleanly_on_sigterm()
    with redis_service(settings) as redis_url:
        command = worker_command(
            concurrency or settings.worker_concurrency, loglevel or settings.log_level, f"govreports-{os.getpid()}"
        )
        process = subprocess.Popen(command, env=worker_environment(settings, redis_url))
        try:
            sys.exit(process.wait())
        except (KeyboardInterrupt, SystemExit):
            process.terminate()  # warm shutdown: running tasks finish and are acknowledged
            process.wait()
            raise
