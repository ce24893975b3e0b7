"""The benchmark's output: one rich table on stdout and the JSON document written to `var/bench/`.

The JSON keeps the seven headline figures as plain numbers at the top level (the median over runs,
`null` when a figure was not measured or failed), so `jq .query_p95_ms var/bench/latest.json` works,
and everything behind them — every run, min/max, baselines, inputs, notes, errors — under `figures`,
with the machine under `machine`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from bench.stats import Figure, Line, summary

# The keys of latest.json, in the order the issue lists them (and the table prints them).
FIGURE_KEYS = ("pipeline_vs_jieba", "worker_vs_inprocess", "crawl_vs_scrapy", "end_to_end_vs_slowest",
               "dedup_bytes_per_url", "query_p95_ms", "worker_rss_mb")


def number(value: float | None) -> str:
    """Compact, fixed-ish precision: 123,456 · 1,234 · 98.7 · 0.83 · 0.041."""
    if value is None:
        return "—"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:,.0f}"
    if magnitude >= 100:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def spread(values: list[float], unit: str = "") -> str:
    """"median unit (min–max)" over runs; the range is left out for a single run."""
    stats = summary(values)
    if stats["median"] is None:
        return "—"
    text = f"{number(stats['median'])}{' ' + unit if unit and unit != 'ratio' else ''}"
    if len(values) > 1:
        text += f" ({number(stats['min'])}–{number(stats['max'])})"
    return text


def verdict(met: bool | None) -> str:
    return {True: "[green]yes[/green]", False: "[red]no[/red]", None: ""}[met]


def line_cells(line: Line) -> list[str]:
    baseline = f"{line.baseline_label}: {spread(line.baseline_runs, line.unit)}" if line.baseline_label else ""
    ratio = spread(line.ratio_runs) if line.ratio_runs else ""
    return [line.label, spread(line.runs, line.unit), baseline, ratio, str(line.goal or ""), verdict(line.met)]


def build_table(figures: Mapping[str, Figure], errors: Mapping[str, str], title: str) -> Table:
    table = Table(title=title, title_justify="left", show_lines=False)
    for header, justify in (("figure", "left"), ("measure", "left"), ("value (min–max)", "right"),
                            ("baseline", "left"), ("ratio", "right"), ("goal", "center"), ("met?", "center")):
        table.add_column(header, justify=justify)  # type: ignore[arg-type]
    for key in FIGURE_KEYS:
        if key in errors:
            table.add_row(key, "[red]failed[/red]", "", errors[key][:120], "", "", verdict(False), end_section=True)
            continue
        figure = figures.get(key)
        if figure is None:
            continue
        for index, line in enumerate(figure.lines):
            table.add_row(key if index == 0 else "", *line_cells(line), end_section=index == len(figure.lines) - 1)
    return table


def headline(figure: Figure | None) -> float | None:
    if figure is None or figure.median is None:
        return None
    return round(figure.median, 4)


def document(figures: Mapping[str, Figure], errors: Mapping[str, str], machine: Mapping[str, Any],
             run: Mapping[str, Any]) -> dict[str, Any]:
    """The JSON written to var/bench/: headline numbers, then details, machine and run."""
    body: dict[str, Any] = {key: headline(figures.get(key)) for key in FIGURE_KEYS}
    body["met"] = {key: figures[key].met for key in FIGURE_KEYS if key in figures}
    body["figures"] = {key: figures[key].to_dict() for key in FIGURE_KEYS if key in figures}
    body["errors"] = dict(errors)
    body["machine"] = dict(machine)
    body["run"] = dict(run)
    return body


def write_json(path: Path, body: Mapping[str, Any]) -> None:
    """Written next to the target then renamed, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(json.dumps(body, ensure_ascii=False, indent=2, default=str) + "\n", encoding="utf-8")
    partial.replace(path)


def print_report(console: Console, figures: Mapping[str, Figure], errors: Mapping[str, str], machine_text: str,
                 title: str) -> None:
    console.print(machine_text, highlight=False)
    console.print(build_table(figures, errors, title))
    for key in FIGURE_KEYS:
        figure = figures.get(key)
        for note in figure.notes if figure is not None else []:
            console.print(f"[dim]{key}: {note}[/dim]", highlight=False)
