"""`govreports query search` and `govreports query agg`: full-text search and grouped aggregations.

Both run against whichever store the settings select (SQLite by default, Elasticsearch with
`ELASTICSEARCH_URL`) and give the same answers; `--json` prints machine-readable rows.
"""

from __future__ import annotations

from typing import Any

import click

from cli.common import load_settings, print_json, service_errors
from search.store import INDICATOR_FIELDS, METRICS, REPORT_FIELDS, AggQuery, SearchQuery

_INT_FIELDS = {"report_year", "year"}
_BOOL_FIELDS = {"strive"}


def parse_value(field: str, raw: str) -> Any:
    """Filter values arrive as text; years are integers and strive is a boolean."""
    if field in _INT_FIELDS:
        try:
            return int(raw)
        except ValueError:
            raise click.BadParameter(f"{field} must be an integer year, got {raw!r}") from None
    if field in _BOOL_FIELDS:
        if raw.lower() not in {"true", "false", "1", "0"}:
            raise click.BadParameter(f"{field} must be true or false, got {raw!r}")
        return raw.lower() in {"true", "1"}
    return raw


def parse_filters(pairs: tuple[str, ...], allowed: tuple[str, ...]) -> dict[str, Any]:
    """`field=value` (comma-separated values mean any of) into a filters dict."""
    filters: dict[str, Any] = {}
    for pair in pairs:
        field, sep, raw = pair.partition("=")
        field = field.strip()
        if not sep or not raw:
            raise click.BadParameter(f"expected FIELD=VALUE, got {pair!r}", param_hint="--filter")
        if field not in allowed:
            raise click.BadParameter(f"unknown field {field!r}; known: {', '.join(allowed)}", param_hint="--filter")
        values = [parse_value(field, part.strip()) for part in raw.split(",") if part.strip()]
        filters[field] = values[0] if len(values) == 1 else values
    return filters


def _open_store(with_tokenizer: bool):  # type: ignore[no-untyped-def]
    from search.factory import open_store

    settings = load_settings()
    tokenizer = None
    if with_tokenizer:
        from pipeline.segment import get_segmenter

        tokenizer = get_segmenter(cache_dir=settings.jieba_cache_dir).cut
    store = open_store(settings, query_tokenizer=tokenizer)
    store.setup()
    return store


@click.group()
def query() -> None:
    """Search reports and aggregate indicators in the store."""


@query.command("search")
@click.argument("text", required=False, default="")
@click.option("--year", "years", type=int, multiple=True, help="Report year (repeat for several).")
@click.option("--province", "provinces", multiple=True, help="Province, e.g. 重庆市 (repeatable).")
@click.option("--level", "levels", type=click.Choice(["province", "city", "county"]), multiple=True,
              help="Administrative level (repeatable).")
@click.option("--type", "doc_types", type=click.Choice(["work_report", "dev_plan", "plan_outline",
                                                        "stat_bulletin", "other"]), multiple=True,
              help="Document type (repeatable).")
@click.option("--filter", "extra", multiple=True, metavar="FIELD=VALUE",
              help=f"Any report field: {', '.join(REPORT_FIELDS)}.")
@click.option("--size", type=click.IntRange(1, 10_000), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print hits as JSON.")
@service_errors
def search_command(text: str, years: tuple[int, ...], provinces: tuple[str, ...], levels: tuple[str, ...],
                   doc_types: tuple[str, ...], extra: tuple[str, ...], size: int, as_json: bool) -> None:
    """Full-text search (TEXT segmented like the reports; every word must occur); no TEXT lists reports."""
    filters = parse_filters(extra, REPORT_FIELDS)
    for name, values in (("report_year", years), ("province", provinces), ("admin_level", levels),
                         ("doc_type", doc_types)):
        if values:
            filters[name] = list(values)
    store = _open_store(with_tokenizer=bool(text.strip()))
    try:
        hits = store.search(SearchQuery(text=text, filters=filters, size=size))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        print_json([hit.__dict__ for hit in hits])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(hits)} report(s)" + (f" matching {text}" if text else ""))
    for column in ("year", "region", "type", "title", "snippet"):
        table.add_column(column, overflow="fold")
    for hit in hits:
        table.add_row(str(hit.report_year or "?"), hit.region or "?", hit.doc_type or "", hit.title, hit.snippet)
    Console().print(table)


@query.command("agg")
@click.option("--target", type=click.Choice(["indicators", "reports"]), default="indicators", show_default=True,
              help="Aggregate indicator rows (metrics over the value; ranges count at their midpoint) or reports.")
@click.option("--indicator", help="Indicator id, e.g. gdp_growth (indicators only).")
@click.option("--kind", type=click.Choice(["target", "actual"]), help="Targets or realised figures.")
@click.option("--group-by", "group_by", default="province,report_year", show_default=True,
              help="Comma-separated fields to group by.")
@click.option("--metric", "metrics", multiple=True, type=click.Choice(list(METRICS)),
              help="Metrics to compute (default: all).")
@click.option("--phrase", default="", help="Reports only: keep reports mentioning this tracked phrase.")
@click.option("--include-strive", is_flag=True,
              help="Also count the extra 力争 figures (by default only the base target of each clause).")
@click.option("--filter", "extra", multiple=True, metavar="FIELD=VALUE",
              help="Exact-match filter; comma-separated values mean any of.")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON.")
@service_errors
def agg_command(target: str, indicator: str | None, kind: str | None, group_by: str, metrics: tuple[str, ...],
                phrase: str, include_strive: bool, extra: tuple[str, ...], as_json: bool) -> None:
    """Grouped aggregation, e.g. average GDP growth target by province and year."""
    allowed = INDICATOR_FIELDS if target == "indicators" else REPORT_FIELDS
    filters = parse_filters(extra, allowed)
    if target == "indicators":
        if indicator:
            filters["indicator"] = indicator
        if kind:
            filters["kind"] = kind
        if not include_strive and "strive" not in filters:
            # "增长6%以上、力争7%" yields a base and a strive record; averaging both would count the report twice.
            filters["strive"] = False
    elif indicator or kind:
        raise click.UsageError("--indicator and --kind apply to --target indicators")
    if phrase and target != "reports":
        raise click.UsageError("--phrase applies to --target reports")
    groups = tuple(name.strip() for name in group_by.split(",") if name.strip())
    agg = AggQuery(target=target, group_by=groups, metrics=metrics or METRICS, filters=filters, phrase=phrase)
    store = _open_store(with_tokenizer=False)
    try:
        rows = store.aggregate(agg)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    finally:
        store.close()
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{target}: {', '.join(f'{k}={v}' for k, v in filters.items()) or 'all'}")
    for column in (*groups, *agg.metrics):
        table.add_column(column)
    for row in rows:
        values = row.to_dict()
        cells = [str(values[g]) for g in groups]
        cells += [str(values[m]) if m == "count" else ("-" if values[m] is None else f"{values[m]:.2f}")
                  for m in agg.metrics]
        table.add_row(*cells)
    Console().print(table)
