"""`govreports coverage`: which reports the store has for the registry's regions, year by year.

For every region a registry source covers (and each document type it publishes), every year in the range
is `found`, `missing`, `overdue` (this year's congress season is over and nothing came) or `pending`
(the season is still on) — `crawler.coverage`. Output: a table (default), `--format csv|json|ndjson`
(NDJSON: one document per line, loadable by Kibana's file upload), optionally into `--output PATH`, and
`--to-elasticsearch`: the Kibana-ready index `<prefix>-coverage` (needs ELASTICSEARCH_URL).
"""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import click

from cli.common import load_settings, service_errors
from govreports.errors import ConfigError

_MARK = {"found": "✓", "missing": "✗", "overdue": "!", "pending": "…"}
FIELDS = ("region", "code", "level", "province", "year", "doc_type", "status", "documents", "sources")


def _store_counts(settings: Any) -> list[dict[str, Any]]:
    from search.factory import open_store
    from search.store import AggQuery

    store = open_store(settings)
    try:
        store.setup()
        rows = store.aggregate(AggQuery(target="reports", group_by=("division_code", "region", "report_year", "doc_type"),
                                        metrics=("count",)))
    finally:
        store.close()
    return [{**row.key, "count": row.count} for row in rows]


def _render(rows: list[Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps([row.to_dict() for row in rows], ensure_ascii=False, indent=2) + "\n"
    if fmt == "ndjson":
        return "".join(json.dumps(row.to_dict(), ensure_ascii=False) + "\n" for row in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FIELDS)
    for row in rows:
        data = row.to_dict()
        writer.writerow([",".join(data[f]) if f == "sources" else data[f] for f in FIELDS])
    return out.getvalue()


def _table(rows: list[Any], years: list[int], totals: dict[str, int]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="report coverage (✓ found · ✗ missing · ! overdue · … pending)")
    table.add_column("region", no_wrap=True)
    table.add_column("type", no_wrap=True)
    for year in years:
        table.add_column(str(year), justify="center")
    lines: dict[tuple[str, str], dict[int, str]] = {}
    for row in rows:
        mark = _MARK[row.status] + (str(row.documents) if row.documents > 1 else "")
        lines.setdefault((row.region, row.doc_type), {})[row.year] = mark
    for (region, doc_type), cells in lines.items():
        table.add_row(region, doc_type, *(cells.get(year, "") for year in years))
    console = Console()
    console.print(table)
    console.print(", ".join(f"{status} {count}" for status, count in totals.items()))


@click.command()
@click.option("--sources", "names", multiple=True, metavar="NAME", help="Only the regions of these sources or groups.")
@click.option("--sources-file", "file_", metavar="PATH", help="Registry file (default: CRAWL_SOURCES or the bundled one).")
@click.option("--from-year", type=click.IntRange(2000, 2100), help="First report year (default: four years ago).")
@click.option("--to-year", type=click.IntRange(2000, 2100), help="Last report year (default: this year).")
@click.option("--status", "statuses", multiple=True, type=click.Choice(["found", "missing", "overdue", "pending"]),
              help="Only rows with this status (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "ndjson"]), default="table", show_default=True)
@click.option("--output", type=click.Path(dir_okay=False, writable=True), help="Write csv/json/ndjson here instead of stdout.")
@click.option("--to-elasticsearch", is_flag=True, help="Also (re)write the Kibana-ready index <prefix>-coverage.")
@service_errors
def coverage(names: tuple[str, ...], file_: str | None, from_year: int | None, to_year: int | None,
             statuses: tuple[str, ...], fmt: str, output: str | None, to_elasticsearch: bool) -> None:
    """Show which (region, year) reports are found, missing or overdue, for the registry's regions."""
    from crawler.coverage import coverage_rows, summary
    from crawler.registry import load_registry, select
    from crawler.round_state import is_sample

    settings = load_settings()
    now = datetime.now(timezone.utc)
    last = to_year or now.year
    first = from_year or last - 4
    if first > last:
        raise click.BadParameter(f"--from-year {first} is after --to-year {last}")
    try:
        registry = load_registry(file_ or settings.crawl_sources or None)
        sources = select(registry, names) if names else [s for s in registry if s.enabled and not is_sample(s)]
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None
    if output and fmt == "table":
        raise click.UsageError("--output needs --format csv, json or ndjson")
    years = list(range(first, last + 1))
    rows = coverage_rows(sources, _store_counts(settings), years, now)
    if statuses:
        rows = [row for row in rows if row.status in statuses]
    if to_elasticsearch:
        _to_elasticsearch(settings, rows, now)
    if fmt == "table":
        _table(rows, years, summary(rows))
    elif output:
        Path(output).write_text(_render(rows, fmt), encoding="utf-8")
        click.echo(f"{len(rows)} rows written to {output}", err=True)
    else:
        click.echo(_render(rows, fmt), nl=False)


def _to_elasticsearch(settings: Any, rows: list[Any], now: datetime) -> None:
    from search.es_client import client_from_settings
    from search.es_coverage import coverage_index, write_rows

    if not settings.elasticsearch_url:
        raise click.UsageError("--to-elasticsearch needs ELASTICSEARCH_URL")
    client = client_from_settings(settings)
    try:
        written = write_rows(client, settings.elasticsearch_index_prefix, rows, now.isoformat(timespec="seconds"),
                             retries=settings.elasticsearch_max_retries)
    finally:
        client.close()
    click.echo(f"{written} coverage rows in {coverage_index(settings.elasticsearch_index_prefix)}", err=True)
