"""`govreports eval`: score the extractor against hand labels (tests/fixtures/labels/*.jsonl).

Each label line names its page (`source`, relative to the label file); every page is run through
`build_documents` once, its documents matched to the page's labels, and the scores of
`pipeline.evaluate` printed as a table or, with `--json`, one JSON object.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import click

from cli.common import fail, load_settings, print_json
from govreports.errors import ConfigError, GovReportsError
from pipeline.evaluate import Label, ReportScore, match_documents, parse_labels, score_report, summarise


def load_label_files(paths: tuple[Path, ...]) -> list[tuple[Path, Label]]:
    """(label file, label) pairs; a directory means every *.jsonl in it."""
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    if not files:
        raise ConfigError("no label files (*.jsonl) under the given paths")
    labels: list[tuple[Path, Label]] = []
    for file in files:
        labels.extend((file, label) for label in parse_labels(file.read_text(encoding="utf-8"), file.name))
    return labels


def evaluate_labels(labels: list[tuple[Path, Label]]) -> tuple[list[ReportScore], dict[str, str]]:
    """Scores of every label, and the pages that could not be processed (path -> error)."""
    from rich.console import Console
    from rich.progress import Progress

    from cli.file_input import documents_from_file
    from pipeline.segment import get_segmenter

    pages: dict[Path, list[Label]] = defaultdict(list)
    for file, label in labels:
        pages[(file.parent / label.source).resolve()].append(label)
    segmenter = get_segmenter(cache_dir=load_settings().jieba_cache_dir)
    scores: list[ReportScore] = []
    errors: dict[str, str] = {}
    with Progress(console=Console(stderr=True), transient=True, disable=len(pages) <= 3) as progress:
        task = progress.add_task("evaluating", total=len(pages))
        for source, page_labels in pages.items():
            page_labels.sort(key=lambda label: label.position)
            try:
                content_type = page_labels[0].content_type
                documents = [d.to_dict() for d in documents_from_file(source, segmenter, content_type)]
            except (OSError, GovReportsError) as exc:
                errors[str(source)] = str(exc)
                documents = []
            for label, document in match_documents(page_labels, documents):
                scores.append(score_report(label, document))
            progress.advance(task)
    return scores, errors


def _percent(rate: dict[str, Any]) -> str:
    if rate["accuracy"] is None:
        return "n/a"
    return f"{100 * rate['accuracy']:.1f}% ({rate['correct']}/{rate['total']})"


def _print_summary(summary: dict[str, Any], errors: dict[str, str]) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    console = Console()
    table = Table(title=f"{summary['matched']}/{summary['reports']} labelled reports matched")
    table.add_column("score")
    table.add_column("accuracy", justify="right")
    for name, rate in summary["metadata"].items():
        table.add_row(name, _percent(rate))
    table.add_row("[bold]metadata overall[/bold]", _percent(summary["metadata_overall"]))
    table.add_row("reports with every field right", _percent(summary["metadata_all_fields"]))
    for name in ("gdp_target", "prev_gdp_level", "prev_gdp_growth", "other_target_recall", "indicator_precision"):
        table.add_row(name.replace("_", " "), _percent(summary[name]))
    for flag, rate in summary["flags"].items():
        table.add_row(f"flag {flag}", _percent(rate))
    console.print(table)
    for source, error in errors.items():
        console.print(f"[red]error[/red] {source}: {error}")
    for item in summary.get("mismatches", []):
        line = Text(f"{item['label']} {item['title']}: ")
        line.append(item["check"], style="bold")
        line.append(f" expected {item['expected']!r}, got {item['got']!r}")
        console.print(line, highlight=False)


@click.command("eval")
@click.argument("labels", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as one JSON object.")
@click.option("--verbose", "-v", is_flag=True, help="List every mismatch (field, expected, got).")
def eval_command(labels: tuple[Path, ...], as_json: bool, verbose: bool) -> None:
    """Score extraction against hand-label files (JSONL; a directory means all *.jsonl in it).

    Prints per-field metadata accuracy, metadata overall, GDP target, previous-year GDP level and
    growth, other-target recall and indicator precision. Exit status 1 on unreadable label files.
    """
    try:
        loaded = load_label_files(labels)
    except (ConfigError, OSError, UnicodeDecodeError) as exc:
        fail(f"labels: {exc}")
    scores, errors = evaluate_labels(loaded)
    summary = summarise(scores, verbose=verbose)
    if as_json:
        print_json({**summary, "errors": errors})
    else:
        _print_summary(summary, errors)
