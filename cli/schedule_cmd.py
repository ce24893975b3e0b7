"""`govreports schedule`: continuous crawling — Celery beat sends a crawl round every half hour in the
congress season (January–March), every three hours otherwise; each round crawls the registry's due sources.

Runs `celery -A crawler.beat_app worker -B` (beat plus a one-slot worker on its own queue) as a child
process tied to this one, with the embedded Redis when `REDIS_URL` is unset. The Docker Compose `beat`
service runs this command. Ctrl-C / SIGTERM stop the child (a running round's crawl is stopped too).
"""

from __future__ import annotations

import os
import subprocess
import sys

import click

from cli.common import load_settings, service_errors
from govreports.redaction import redact_url


@click.command()
@click.option("--every", type=click.FloatRange(min=1.0), metavar="SECONDS",
              help="A round every SECONDS instead of the congress-season calendar.")
@click.option("--now", "run_now", is_flag=True, help="Run one round right away, then follow the schedule.")
@service_errors
def schedule(every: float | None, run_now: bool) -> None:
    """Crawl continuously: rounds over the due registry sources, denser in the congress season."""
    from crawler.beat import CRAWL_QUEUE, EVERY_ENV, TASK_CRAWL_ROUND, create_app
    from runtime.redis_server import _die_with_parent
    from runtime.services import exit_cleanly_on_sigterm, redis_service
    from runtime.worker_processes import worker_environment

    settings = load_settings()
    exit_cleanly_on_sigterm()
    with redis_service(settings) as redis_url:
        env = worker_environment(settings, redis_url)
        env[EVERY_ENV] = str(every) if every else ""
        state_dir = settings.home / "schedule"
        state_dir.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, "-m", "celery", "-A", "crawler.beat_app", "worker", "-B", "-Q", CRAWL_QUEUE,
                   "--concurrency", "1", "--loglevel", settings.log_level,
                   "--hostname", f"govreports-schedule-{os.getpid()}@%h",
                   "--schedule", str(state_dir / "celerybeat-schedule"),
                   "--without-gossip", "--without-mingle", "--without-heartbeat"]
        if run_now:
            producer = create_app(redis_url)
            producer.send_task(TASK_CRAWL_ROUND, queue=CRAWL_QUEUE)
            producer.close()
        plan = f"every {every:g} s" if every else "every 30 min in January–March, every 3 h otherwise (China time)"
        click.echo(f"scheduling crawl rounds {plan}; redis {redact_url(redis_url)}; Ctrl-C stops", err=True)
        process = subprocess.Popen(command, env=env, preexec_fn=_die_with_parent)
        try:
            sys.exit(process.wait())
        except (KeyboardInterrupt, SystemExit):
            process.terminate()
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            raise
