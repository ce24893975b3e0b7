"""`govreports es reindex`: build new index versions and swap the aliases in one atomic request.

Two sources:
- "current": Elasticsearch copies each alias's index into a new version server-side (`_reindex`), e.g. to
  pick up a new mapping or analyzer (IK installed after the first setup, a changed IK dictionary).
- "archive": every archived raw page goes through the pure pipeline again (a new extractor) into new
  reports/indicators versions; the page log is first copied from the current index, so fetch failures
  that never reached the archive stay listed, and archived pages overwrite their records.

Readers never see a half-built index: the aliases move only when every new version is complete, in a
single `_aliases` request. Writes that workers make to the old versions while a rebuild runs are not in
the new ones: pause the workers (or run `govreports reprocess` afterwards) for an exact copy.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from elasticsearch import Elasticsearch

from govreports.errors import GovReportsError
from govreports.models import RawPage
from search.es_bulk import run_bulk
from search.es_documents import page_actions
from search.es_mappings import KINDS, alias_name
from search.es_setup import alias_targets, detect_analysis, put_templates, versions

SOURCES = ("current", "archive")
TASK_POLL_S = 2.0
Progress = Callable[[str, int, int], None]  # (what, done, total)
ProcessPage = Callable[[RawPage], tuple[Any, list[Any]]]  # RawPage -> (PageOutcome, [Document])


@dataclass
class ReindexReport:
    source: str
    analysis: str
    built: dict[str, str] = field(default_factory=dict)  # kind -> new index
    replaced: dict[str, list[str]] = field(default_factory=dict)  # kind -> indices the alias left
    deleted: list[str] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)
    pages_failed_to_index: int = 0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def new_versions(client: Elasticsearch, prefix: str, kinds: Iterable[str]) -> dict[str, str]:
    """Create the next version of each kind, not yet behind its alias (the template gives the mapping)."""
    built = {}
    for kind in kinds:
        version = (versions(client, prefix, kind) or [0])[-1] + 1
        name = f"{prefix}-{kind}-v{version}"
        client.indices.create(index=name)
        built[kind] = name
    return built


def swap_actions(client: Elasticsearch, prefix: str, built: dict[str, str]) -> tuple[list[dict[str, Any]], dict[str, list[str]]]:
    """The `_aliases` actions moving each alias to its new index, and the indices each alias leaves."""
    actions: list[dict[str, Any]] = []
    replaced: dict[str, list[str]] = {}
    for kind, index in built.items():
        alias = alias_name(prefix, kind)
        old = alias_targets(client, alias)
        replaced[kind] = old
        actions.extend({"remove": {"index": name, "alias": alias}} for name in old)
        actions.append({"add": {"index": index, "alias": alias, "is_write_index": True}})
    return actions, replaced


def copy_current(client: Elasticsearch, prefix: str, kind: str, dest: str, progress: Progress,
                 sleep: Callable[[float], None]) -> int:
    """Server-side `_reindex` of the alias into `dest`, polled as a task so long copies show progress."""
    task = client.reindex(source={"index": alias_name(prefix, kind)}, dest={"index": dest},
                          wait_for_completion=False, refresh=True).body["task"]
    while True:
        with warnings.catch_warnings():  # the tasks API is "technical preview" but the documented way to poll
            warnings.simplefilter("ignore")
            state = client.tasks.get(task_id=task).body
        status = state.get("task", {}).get("status", {})
        progress(f"copy {kind}", int(status.get("created", 0)) + int(status.get("updated", 0)),
                 int(status.get("total", 0)))
        if state.get("completed"):
            response = state.get("response", {})
            if response.get("failures") or state.get("error"):
                failures = response.get("failures") or [state.get("error")]
                raise GovReportsError(f"reindex of {kind} into {dest} failed: {str(failures[0])[:500]}")
            return int(response.get("total", 0))
        sleep(TASK_POLL_S)


def fill_from_archive(client: Elasticsearch, built: dict[str, str], pages: Iterable[RawPage], total: int,
                      process: ProcessPage, retries: int, progress: Progress) -> tuple[dict[str, int], int]:
    """Run every archived page through the pipeline into the new indices; returns (counts, failed pages)."""
    counts = {"pages": 0, "reports": 0, "indicators": 0}
    failed = 0
    for page in pages:
        outcome, documents = process(page)
        # previous=None: the new indices hold nothing of this page yet, so there is nothing to delete
        actions = list(page_actions(outcome, documents, built, previous=None))
        result = run_bulk(client, actions, retries)
        failed += bool(result.rejected)
        counts["pages"] += 1
        counts["reports"] += len(documents)
        counts["indicators"] += sum(len(doc.indicators) for doc in documents)
        progress("reprocess archive", counts["pages"], total)
    return counts, failed


def reindex(
    client: Elasticsearch,
    prefix: str,
    source: str,
    keep: int = 1,
    pages: Iterable[RawPage] = (),
    total_pages: int = 0,
    process: ProcessPage | None = None,
    retries: int = 3,
    progress: Progress = lambda what, done, total: None,
    sleep: Callable[[float], None] | None = None,
) -> ReindexReport:
    """Build new versions from `source`, swap all aliases atomically, keep `keep` previous versions."""
    import time

    if source not in SOURCES:
        raise ValueError(f"unknown reindex source {source!r}; use one of {', '.join(SOURCES)}")
    report = ReindexReport(source=source, analysis=detect_analysis(client))
    put_templates(client, prefix, report.analysis)  # new versions get today's mapping and analyzer
    report.built = new_versions(client, prefix, KINDS)
    pause = sleep or time.sleep
    kinds_to_copy = KINDS if source == "current" else ("pages",)
    for kind in kinds_to_copy:
        report.documents[kind] = copy_current(client, prefix, kind, report.built[kind], progress, pause)
    if source == "archive":
        if process is None:
            raise ValueError("reindex from the archive needs the pipeline (process)")
        counts, report.pages_failed_to_index = fill_from_archive(
            client, report.built, pages, total_pages, process, retries, progress)
        report.documents.update(reports=counts["reports"], indicators=counts["indicators"])
    client.indices.refresh(index=list(report.built.values()))
    actions, report.replaced = swap_actions(client, prefix, report.built)
    client.indices.update_aliases(actions=actions)  # one request: readers switch all kinds at once
    report.deleted = prune(client, prefix, keep)
    return report


def prune(client: Elasticsearch, prefix: str, keep: int) -> list[str]:
    """Delete versions older than the live one and the `keep` before it."""
    deleted = []
    for kind in KINDS:
        live = alias_targets(client, alias_name(prefix, kind))
        live_versions = [int(name.rsplit("-v", 1)[1]) for name in live]
        newest = max(live_versions, default=0)
        older = [v for v in versions(client, prefix, kind) if v < newest]
        for version in older[: max(0, len(older) - keep)]:
            name = f"{prefix}-{kind}-v{version}"
            client.indices.delete(index=name)
            deleted.append(name)
    return deleted
