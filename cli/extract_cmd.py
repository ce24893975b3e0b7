"""`govreports extract`: run the pipeline on local files and show what it finds, no services needed.

Runs `build_documents` in this process with one jieba segmenter for the whole run. With `--json` each
input file gives one JSON line `{"path", "documents", "error"}`, in input order.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from cli.common import fail, load_settings
from govreports.errors import GovReportsError
from govreports.models import Document

# More files than this get a progress bar (on stderr, so --json output stays clean).
PROGRESS_THRESHOLD = 3
_SUFFIX_WORDS = {"around": "左右", "at_least": "以上", "at_most": "以内"}
_PREFIX_WORDS = {"above": "超过"}


def document_record(document: Document) -> dict[str, Any]:
    """Every Document field except the token string (large, and only the index needs it)."""
    data = document.to_dict()
    data.pop("tokens", None)
    return data


def gdp_target_text(document: Document) -> str:
    """The annual GDP growth target as reports write it: "6%以上", "5.5-6%", "力争7%"."""
    targets = [i for i in document.indicators
               if i.get("indicator") == "gdp_growth" and i.get("kind") == "target"
               and i.get("year") == document.report_year]
    if not targets:
        return ""
    target = sorted(targets, key=lambda i: bool(i.get("strive")))[0]
    if target.get("modifier") == "range":
        text = f"{target.get('low'):g}-{target.get('high'):g}%"
    elif target.get("value") is None:
        return ""
    else:
        modifier = target.get("modifier", "")
        text = _PREFIX_WORDS.get(modifier, "") + f"{target['value']:g}%" + _SUFFIX_WORDS.get(modifier, "")
    return ("力争" if target.get("strive") else "") + text


def _run(files: list[Path], emit: Any) -> int:
    """Extract every file, calling emit(path, documents, error) in input order; returns the failures."""
    from rich.console import Console
    from rich.progress import Progress

    from cli.file_input import documents_from_file
    from pipeline.segment import get_segmenter

    segmenter = get_segmenter(cache_dir=load_settings().jieba_cache_dir)  # loaded once for the whole run
    failures = 0
    with Progress(console=Console(stderr=True), transient=True,
                  disable=len(files) <= PROGRESS_THRESHOLD) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path in files:
            try:
                documents, error = documents_from_file(path, segmenter), None
            except (OSError, GovReportsError) as exc:
                documents, error = [], str(exc)
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch; the error is reported
                documents, error = [], f"internal error: {type(exc).__name__}: {exc}"
            failures += error is not None
            emit(path, documents, error)
            progress.advance(task)
    return failures


def _print_table(rows: list[tuple[Path, list[Document], str | None]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Extracted documents", show_lines=False)
    table.add_column("file", overflow="fold", ratio=1)
    table.add_column("title", overflow="fold", ratio=3)
    for column in ("type", "region", "year", "meeting date", "speaker", "#ind", "GDP target"):
        table.add_column(column, overflow="fold", no_wrap=column in ("year", "meeting date", "#ind"))
    for path, documents, error in rows:
        if error is not None:
            table.add_row(path.name, f"[red]error: {error}[/red]", *[""] * 7)
        elif not documents:
            table.add_row(path.name, "[yellow]no report found[/yellow]", *[""] * 7)
        for n, doc in enumerate(documents):
            speaker = " ".join(part for part in (doc.speaker_title, doc.speaker) if part)
            table.add_row(path.name if n == 0 else "", doc.title, doc.doc_type, doc.region or "",
                          str(doc.report_year or ""), doc.meeting_date or "", speaker, str(len(doc.indicators)),
                          gdp_target_text(doc))
    Console().print(table)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help='One JSON object per input file and line: {"path", "documents", "error"}.')
def extract(paths: tuple[Path, ...], as_json: bool) -> None:
    """Extract reports from local files: .html/.htm/.txt pages, .pdf/.docx attachments.

    PATHS may be files or directories (walked for those suffixes). A file that cannot be read gets an
    error (in its JSON line, or in the table) and the run goes on.

    Exit status: 0 when at least one file was read (even if it held no report), 1 when every file failed.
    """
    from cli.file_input import collect_files

    files = collect_files(paths)
    if not files:
        fail("no .html, .htm, .txt, .pdf or .docx files under the given paths")
    rows: list[tuple[Path, list[Document], str | None]] = []

    def emit(path: Path, documents: list[Document], error: str | None) -> None:
        if as_json:
            record = {"path": str(path), "documents": [document_record(d) for d in documents], "error": error}
            click.echo(json.dumps(record, ensure_ascii=False, default=str))
        else:
            rows.append((path, documents, error))
            if error is not None:
                click.echo(f"error: {path}: {error}", err=True)

    failures = _run(files, emit)
    if not as_json:
        _print_table(rows)
        found = sum(len(documents) for _, documents, _ in rows)
        click.echo(f"{len(files)} files, {found} documents, {failures} failed")
    if failures == len(files):
        sys.exit(1)
