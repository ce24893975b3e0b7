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
    outcomes = queue["outcomes"]
    return {
        "documents": counts.get("documents", 0),
        "indicators": counts.get("indicators", 0),
        # Pages the crawler handed to the workers, ever (a Redis counter, kept in the AOF).
        "pages_fetched": queue["fetched"],
        "pages_stored": counts.get("pages_stored", 0),
        "pages_skipped": counts.get("pages_skipped", 0),
        "pages_failed": counts.get("pages_failed", 0),
        # Event accounting (runtime.queue_watch): every page handed to the workers ends in exactly one outcome.
        "accounting": {
            "fetched": queue["fetched"], **outcomes, "queued": queue["queued"], "in_flight": queue["in_flight"],
            "gap": queue["gap"], "ok": queue["gap"] == 0 or not (queue["queued"] == 0 and queue["in_flight"] == 0),
        },
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
        if not data["accounting"]["ok"]:
            raise SystemExit(3)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="govreports status", show_header=False)
    for key in ("documents", "indicators", "pages_fetched", "pages_stored", "pages_skipped", "pages_failed"):
        table.add_row(key, str(data[key]))
    queue = data["queue"]
    table.add_row("queued / in flight / dead letter", f"{queue['queued']} / {queue['in_flight']} / {queue['dead_letter']}")
    acc = data["accounting"]
    table.add_row("accounting (events)", f"fetched {acc['fetched']} = stored {acc['stored']} + skipped {acc['skipped']} "
                  f"+ failed {acc['failed']} + parked {acc['parked']} + queued {acc['queued']} "
                  f"+ in flight {acc['in_flight']}" + ("" if acc["gap"] == 0 else f"  (gap {acc['gap']})"))
    table.add_row("store", data["store"])
    console = Console()
    console.print(table)
    if not acc["ok"]:
        console.print(f"[red]error: {acc['gap']} page(s) fetched but never accounted for (lost between crawler "
                      "and store); see the worker logs[/red]")
    if data["failures"]:
        failed = Table(title="recent failures")
        for column in ("url", "step", "reason", "processed_at"):
            failed.add_column(column)
        for row in data["failures"]:
            failed.add_row(row["url"], row["step"], row["reason"] + (f" ({row['error']})" if row["error"] else ""),
                           row["processed_at"])
        console.print(failed)
    if not acc["ok"]:
        raise SystemExit(3)
