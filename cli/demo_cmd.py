"""`govreports demo`: the whole pipeline on one machine against the bundled sample portal.

Embedded redis-server → sample portal on 127.0.0.1 → real Celery worker processes → a real Scrapy crawl
(its own process, as `govreports crawl`) → wait for the queue to drain → summary from the store.
Running it again crawls only list pages (detail pages are remembered in Redis) and adds nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from typing import Any

import click
import redis

from cli.common import load_settings, print_json, service_errors
from govreports.settings import Settings
from runtime.queue_watch import read_state, wait_for_drain
from runtime.services import exit_cleanly_on_sigterm, redis_service
from runtime.worker_processes import WorkerProcesses, worker_environment

DRAIN_TIMEOUT_S = 900.0


def run_crawl_process(settings: Settings, redis_url: str, start_urls: list[str]) -> dict[str, Any]:
    """`govreports crawl` in a child process: Scrapy's reactor runs once per process."""
    command = [sys.executable, "-m", "cli.main", "crawl", "--json", "--allow-host", "127.0.0.1"]
    for url in start_urls:
        command += ["--start-url", url]
    result = subprocess.run(command, env=worker_environment(settings, redis_url), stdout=subprocess.PIPE, text=True)
    if result.returncode != 0:
        raise click.ClickException(f"crawl failed with exit code {result.returncode}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:
        return {}


def drain(client: redis.Redis, workers: WorkerProcesses, processed_before: int, expected: int) -> None:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    # stderr: keeps `--json` output on stdout parseable
    with Progress(TextColumn("processing pages"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True)) as progress:
        task = progress.add_task("pages", total=max(expected, 1) if expected else 0)
        wait_for_drain(
            client, processed_before, expected, DRAIN_TIMEOUT_S,
            on_progress=lambda done: progress.update(task, completed=min(done, expected)),
            check_workers=workers.check_alive,
        )


def summarise(settings: Settings) -> dict[str, Any]:
    from search.factory import open_store
    from search.store import AggQuery, SearchQuery

    store = open_store(settings)
    try:
        store.setup()
        counts = store.counts()
        documents = store.search(SearchQuery(text="", size=1000))
        gdp = store.aggregate(AggQuery(
            target="indicators", group_by=("province", "report_year"), metrics=("count", "avg", "min", "max"),
            filters={"indicator": "gdp_growth", "kind": "target"},
        ))
        phrase = store.aggregate(AggQuery(target="reports", group_by=("report_year",), metrics=("count",),
                                          phrase="新质生产力"))
    finally:
        store.close()
    return {
        "counts": counts,
        "documents": [{"title": d.title, "region": d.region, "report_year": d.report_year, "doc_type": d.doc_type}
                      for d in documents],
        "gdp_growth_target_by_province_year": [row.to_dict() for row in gdp],
        "reports_mentioning_新质生产力_by_year": [row.to_dict() for row in phrase],
    }


def print_summary(summary: dict[str, Any], run: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    docs = Table(title=f"documents in the store ({len(summary['documents'])})")
    for column in ("title", "type", "region", "year"):
        docs.add_column(column)
    for d in sorted(summary["documents"], key=lambda d: (d["region"] or "", d["report_year"] or 0)):
        docs.add_row(d["title"][:40], d["doc_type"] or "", d["region"] or "?", str(d["report_year"] or "?"))
    console.print(docs)
    agg = Table(title="example aggregation: GDP growth target (%) by province and year")
    for column in ("province", "year", "reports", "avg", "min", "max"):
        agg.add_column(column)
    for row in summary["gdp_growth_target_by_province_year"]:
        agg.add_row(str(row["province"]), str(row["report_year"]), str(row["count"]),
                    *(f"{row[m]:.2f}" if row[m] is not None else "-" for m in ("avg", "min", "max")))
    console.print(agg)
    phrase = ", ".join(f"{r['report_year']}: {r['count']}" for r in summary["reports_mentioning_新质生产力_by_year"])
    console.print(f"reports mentioning 新质生产力 by year: {phrase or 'none'}")
    totals = Table(title="this run", show_header=False)
    counts = summary["counts"]
    for key, value in (("detail pages sent this run", run["pages_sent"]),
                       ("pages processed this run", run["pages_processed"]),
                       ("pages stored / skipped / failed (all runs)",
                        f"{counts.get('pages_stored', 0)} / {counts.get('pages_skipped', 0)} / "
                        f"{counts.get('pages_failed', 0)}"),
                       ("documents (reports)", counts.get("documents", 0)),
                       ("indicators", counts.get("indicators", 0)),
                       ("wall time", f"{run['wall_time_s']:.1f} s")):
        totals.add_row(key, str(value))
    console.print(totals)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--workers", "worker_count", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Celery worker processes to start (each with WORKER_CONCURRENCY pool processes).")
@service_errors
def demo(as_json: bool, worker_count: int) -> None:
    """Crawl the bundled sample portal through Redis and Celery into the store, then summarise."""
    from runtime.sample_portal import serve_portal, start_urls

    settings = load_settings()
    exit_cleanly_on_sigterm()
    started = time.monotonic()
    say = (lambda msg: click.echo(msg, err=True)) if as_json else click.echo
    with redis_service(settings) as redis_url, serve_portal() as base_url:
        say(f"redis: {redis_url}\nsample portal: {base_url}\ndata: {settings.home}")
        client = redis.Redis.from_url(redis_url)
        with WorkerProcesses(settings, redis_url, count=worker_count) as workers:
            before = read_state(client)
            say(f"workers: {worker_count} × {settings.worker_concurrency} (logs in {workers.log_dir})")
            crawl_stats = run_crawl_process(settings, redis_url, start_urls(base_url))
            sent = read_state(client).fetched - before.fetched
            say(f"crawl: {sent} new detail pages sent to the workers")
            drain(client, workers, before.processed, sent)
            after = read_state(client)
        client.close()
    summary = summarise(settings)
    run = {"pages_sent": sent, "pages_processed": after.processed - before.processed,
           "wall_time_s": time.monotonic() - started, "crawl": crawl_stats}
    if as_json:
        print_json({**summary, "run": run})
    else:
        print_summary(summary, run)
