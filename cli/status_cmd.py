"""`govreports status`: queue lengths, page and document counts, and the latest failures."""

from __future__ import annotations

from typing import Any

import click
import redis

from cli.common import load_settings, print_json, service_errors
from govreports.settings import Settings
from runtime.queue_watch import read_state
from runtime.services import exit_cleanly_on_sigterm, redis_service


def collect_status(settings: Settings, failures: int) -> dict[str, Any]:
    from search.factory import open_store

    store = open_store(settings)
    try:
        store.setup()
        counts = store.counts()
        failed = [f.to_dict() for f in store.failures(limit=failures)]
    finally:
        store.close()
    with redis_service(settings) as redis_url:
        client = redis.Redis.from_url(redis_url)
        try:
            queue = read_state(client).to_dict()
        finally:
            client.close()
    processed = counts.get("pages_stored", 0) + counts.get("pages_skipped", 0) + counts.get("pages_failed", 0)
    return {
        "documents": counts.get("documents", 0),
        "indicators": counts.get("indicators", 0),
        # Pages the crawler handed to the workers, ever (a Redis counter, kept in the AOF).
        "pages_fetched": queue["fetched"],
        "pages_stored": counts.get("pages_stored", 0),
        "pages_skipped": counts.get("pages_skipped", 0),
        "pages_failed": counts.get("pages_failed", 0),
        "pages_processed": processed,
        "pages_processed_events": queue["processed"],
        "queue": {"queued": queue["queued"], "in_flight": queue["in_flight"], "dead_letter": queue["dead_letter"]},
        "store": str(settings.sqlite_path) if not settings.uses_elasticsearch else settings.elasticsearch_url,
        "failures": failed,
    }


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--failures", "failure_count", type=click.IntRange(0, 10_000), default=10, show_default=True,
              help="How many recent failures to list.")
@service_errors
def status(as_json: bool, failure_count: int) -> None:
    """Show queue lengths, counts of pages/documents/indicators and recent failures."""
    settings = load_settings()
    exit_cleanly_on_sigterm()
    data = collect_status(settings, failure_count)
    if as_json:
        print_json(data)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="govreports status", show_header=False)
    for key in ("documents", "indicators", "pages_fetched", "pages_stored", "pages_skipped", "pages_failed"):
        table.add_row(key, str(data[key]))
    queue = data["queue"]
    table.add_row("queued / in flight / dead letter", f"{queue['queued']} / {queue['in_flight']} / {queue['dead_letter']}")
    table.add_row("store", data["store"])
    console = Console()
    console.print(table)
    if data["failures"]:
        failed = Table(title="recent failures")
        for column in ("url", "step", "reason", "processed_at"):
            failed.add_column(column)
        for row in data["failures"]:
            failed.add_row(row["url"], row["step"], row["reason"] + (f" ({row['error']})" if row["error"] else ""),
                           row["processed_at"])
        console.print(failed)
