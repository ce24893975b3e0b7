"""`govreports demo`: the whole pipeline on one machine against the bundled sample portal.

Embedded redis-server → sample portal on 127.0.0.1 → real Celery worker processes → a real Scrapy crawl
(its own process, as `govreports crawl`) → wait for the queue to drain → summary from the store, and the
accounting identity fetched = stored + skipped + failed (+ parked), whose gap is an error (exit 1).
Running it again crawls only list pages (detail pages are remembered in Redis) and adds nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from typing import Any

import click
import redis

from cli.common import load_settings, print_json, service_errors
from govreports.settings import Settings
from runtime.queue_watch import OUTCOMES, QueueState, read_state, wait_for_drain
from runtime.services import exit_cleanly_on_sigterm, redis_service
from runtime.worker_processes import WorkerProcesses, worker_environment
from govreports.redaction import redact_url

DRAIN_TIMEOUT_S = 900.0
PORTAL_HOST = "127.0.0.1"
PORT_FILE = "sample_portal_port"


def portal_port(settings: Settings) -> int:
    """The port earlier demos of this data directory served the portal on (0 the first time).

    Page and document ids derive from URLs, and the Redis dupefilter remembers URLs: a second demo must
    serve the portal at the same address, or it would fetch everything again under new URLs.
    """
    try:
        return int((settings.home / PORT_FILE).read_text().strip())
    except (OSError, ValueError):
        return 0


@contextmanager
def demo_portal(settings: Settings) -> Iterator[str]:
    from runtime.sample_portal import serve_portal

    port = portal_port(settings)
    with ExitStack() as stack:
        try:
            base_url = stack.enter_context(serve_portal(port=port, host=PORTAL_HOST))
        except OSError as exc:
            raise click.ClickException(
                f"cannot serve the sample portal on {PORTAL_HOST}:{port}, where earlier demos in {settings.home} "
                f"served it ({exc.strerror or exc}); free the port or use another GOVREPORTS_HOME") from None
        settings.home.mkdir(parents=True, exist_ok=True)
        (settings.home / PORT_FILE).write_text(base_url.rsplit(":", 1)[1] + "\n")
        yield base_url


def crawl_and_drain(settings: Settings, redis_url: str, client: redis.Redis, workers: WorkerProcesses,
                    start_urls: list[str], before: QueueState) -> dict[str, Any]:
    """Crawl in a child process while workers process what it sends; then wait until the queue drains."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from crawler.child import CrawlFailed, run_crawl_child

    log_path = settings.home / "logs" / "crawl.log"
    # stderr: keeps `--json` output on stdout parseable
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  console=Console(stderr=True)) as progress:
        crawling = progress.add_task("crawl: detail pages sent", total=None)
        processing = progress.add_task("workers: pages processed", total=0)

        def tick() -> None:
            state = read_state(client)
            sent = state.fetched - before.fetched
            progress.update(crawling, completed=sent)
            progress.update(processing, total=sent, completed=min(state.processed - before.processed, sent))
            workers.check_alive()

        try:
            report = run_crawl_child(start_urls, worker_environment(settings, redis_url), log_path,
                                     allow_hosts=[PORTAL_HOST], on_tick=tick)
        except CrawlFailed as exc:
            raise click.ClickException(str(exc)) from None
        sent = read_state(client).fetched - before.fetched
        progress.update(crawling, total=sent, completed=sent)
        progress.update(processing, total=sent)
        wait_for_drain(client, before.processed, sent, DRAIN_TIMEOUT_S,
                       on_progress=lambda done: progress.update(processing, completed=min(done, sent)),
                       check_workers=workers.check_alive)
    return report


def reconcile(before: QueueState, after: QueueState) -> dict[str, Any]:
    """The accounting identity, for all runs and for this run (outcome events, runtime.queue_watch)."""
    this_run = {name: after.outcomes[name] - before.outcomes[name] for name in OUTCOMES}
    fetched_run = after.fetched - before.fetched
    gap_run = fetched_run - sum(this_run.values())
    return {"fetched": after.fetched, **after.outcomes, "gap": after.gap,
            "this_run": {"fetched": fetched_run, **this_run, "gap": gap_run},
            "ok": after.gap == 0 and gap_run == 0}


def summarise(settings: Settings) -> dict[str, Any]:
    from search.factory import open_store
    from search.store import AggQuery, SearchQuery

    store = open_store(settings)
    try:
        store.setup()
        counts = store.counts()
        documents = store.search(SearchQuery(text="", size=10_000))
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
    crawl, counts = run["crawl"], summary["counts"]
    totals = Table(title="this run", show_header=False)
    for key, value in (("list pages crawled", crawl.get("list_pages")),
                       ("detail pages sent (new)", crawl.get("detail_pages_sent")),
                       ("detail pages already seen (skipped by the crawler)", crawl.get("duplicates_filtered")),
                       ("forbidden by robots.txt / refused / crawl errors",
                        f"{crawl.get('robots_forbidden')} / {crawl.get('refused')} / {crawl.get('errors')}"),
                       ("pages in the store: stored / skipped / failed",
                        f"{counts.get('pages_stored', 0)} / {counts.get('pages_skipped', 0)} / "
                        f"{counts.get('pages_failed', 0)}"),
                       ("documents (reports) / indicators", f"{counts.get('documents', 0)} / {counts.get('indicators', 0)}"),
                       ("wall time", f"{run['wall_time_s']:.1f} s")):
        totals.add_row(key, str(value))
    console.print(totals)
    acc = run["reconciliation"]
    line = (f"fetched {acc['fetched']} = stored {acc['stored']} + skipped {acc['skipped']} + failed {acc['failed']}"
            f" + parked {acc['parked']}  (this run: {acc['this_run']['fetched']} = {acc['this_run']['stored']} + "
            f"{acc['this_run']['skipped']} + {acc['this_run']['failed']} + {acc['this_run']['parked']})")
    console.print(f"[green]accounting ok:[/] {line}" if acc["ok"] else
                  f"[red]error: accounting gap {acc['gap']} (this run {acc['this_run']['gap']}):[/] {line}")


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print the summary as one JSON object.")
@click.option("--workers", "worker_count", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Celery worker processes to start (each with WORKER_CONCURRENCY pool processes).")
@service_errors
def demo(as_json: bool, worker_count: int) -> None:
    """Crawl the bundled sample portal through Redis and Celery into the store, then summarise.

    A second run fetches no detail page already seen and adds nothing. Exits 1 when a fetched page is
    not accounted for (fetched != stored + skipped + failed + parked).
    """
    from runtime.sample_portal import start_urls

    settings = load_settings()
    exit_cleanly_on_sigterm()
    started = time.monotonic()
    say = (lambda msg: click.echo(msg, err=True)) if as_json else click.echo
    with redis_service(settings) as redis_url, demo_portal(settings) as base_url:
        say(f"redis: {redact_url(redis_url)}\nsample portal: {base_url}/\ndata: {settings.home}")
        client = redis.Redis.from_url(redis_url)
        try:
            with WorkerProcesses(settings, redis_url, count=worker_count) as workers:
                say(f"workers: {worker_count} × {settings.worker_concurrency} (logs in {workers.log_dir}); "
                    f"crawl delay {settings.crawl_download_delay:g} s per request (CRAWL_DOWNLOAD_DELAY)")
                before = read_state(client)
                crawl = crawl_and_drain(settings, redis_url, client, workers, start_urls(base_url), before)
                after = read_state(client)
        finally:
            client.close()
    summary = summarise(settings)
    run = {"pages_sent": after.fetched - before.fetched, "pages_processed": after.processed - before.processed,
           "wall_time_s": round(time.monotonic() - started, 2), "crawl": crawl,
           "reconciliation": reconcile(before, after)}
    if as_json:
        print_json({**summary, "run": run})
    else:
        print_summary(summary, run)
    if not run["reconciliation"]["ok"]:
        raise click.ClickException(f"{run['reconciliation']['gap']} fetched page(s) not accounted for; "
                                   "see `govreports status`")
