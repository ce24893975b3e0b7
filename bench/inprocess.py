"""The worker figure's baselines: the task's work done without Redis or Celery, in one process or several.

`process_raw_page` (the pipeline) then `search.mirrors.save_resolving_copies` (near-duplicate resolution
and `save_page`), exactly what `workers.tasks.process_page` does between receiving and acknowledging a
message, into a SQLite store of the same kind holding the same warm-up pages as the workers' store.

The parallel variant forks `n` processes from this one (jieba already loaded, as a Celery worker's
children inherit it), each with its own store connection and a round-robin share of the pages, and
times them from a common start signal to the last one's exit. It shows what `n` processes can do on
this machine at all, so the workers' shortfall can be split into "the machine does not scale" and
"Redis + Celery cost".
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Sequence
from pathlib import Path

from govreports.models import RawPage
from pipeline.segment import Segmenter
from search.mirrors import save_resolving_copies
from search.sqlite_store import SQLiteStore
from workers.processing import process_raw_page

START_TIMEOUT_S = 60.0
RUN_TIMEOUT_S = 900.0


def fresh_store(path: Path, warm_up: Sequence[RawPage], segmenter: Segmenter) -> None:
    """An empty store at `path` holding only the warm-up pages (as the workers' store does)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    store = SQLiteStore(path)
    try:
        store.setup()
        for page in warm_up:
            save_resolving_copies(store, page, *process_raw_page(page, segmenter))
    finally:
        store.close()


def process_pages(store: SQLiteStore, pages: Sequence[RawPage], segmenter: Segmenter) -> int:
    """The task's work for each page; returns the documents produced."""
    documents = 0
    for page in pages:
        outcome, docs = process_raw_page(page, segmenter)
        save_resolving_copies(store, page, outcome, docs)
        documents += len(docs)
    return documents


def single_rate(path: Path, pages: Sequence[RawPage], segmenter: Segmenter) -> tuple[float, int]:
    """(pages/s, documents) in this process."""
    store = SQLiteStore(path)
    try:
        started = time.perf_counter()
        documents = process_pages(store, pages, segmenter)
        seconds = time.perf_counter() - started
    finally:
        store.close()
    return len(pages) / seconds, documents


def _child(path: Path, pages: Sequence[RawPage], segmenter: Segmenter, ready: "multiprocessing.synchronize.Event",
           go: "multiprocessing.synchronize.Event") -> None:
    store = SQLiteStore(path)  # opened after the fork: SQLite handles must not cross one
    try:
        ready.set()
        if not go.wait(START_TIMEOUT_S):
            os._exit(3)
        process_pages(store, pages, segmenter)
    finally:
        store.close()


def parallel_rate(path: Path, pages: Sequence[RawPage], segmenter: Segmenter, processes: int) -> float:
    """pages/s of `processes` forked processes sharing the pages round robin and one store."""
    context = multiprocessing.get_context("fork")
    go = context.Event()
    readies = [context.Event() for _ in range(processes)]
    children = [context.Process(target=_child, args=(path, list(pages[i::processes]), segmenter, readies[i], go),
                                name=f"bench-inprocess-{i}", daemon=True) for i in range(processes)]
    for child in children:
        child.start()
    try:
        if not all(ready.wait(START_TIMEOUT_S) for ready in readies):
            raise RuntimeError("an in-process baseline child did not start")
        started = time.perf_counter()
        go.set()
        deadline = time.monotonic() + RUN_TIMEOUT_S
        for child in children:
            child.join(max(0.0, deadline - time.monotonic()))
        seconds = time.perf_counter() - started
    finally:
        for child in children:
            if child.is_alive():
                child.kill()
                child.join(5)
    failed = [child.exitcode for child in children if child.exitcode != 0]
    if failed:
        raise RuntimeError(f"in-process baseline children exited with {failed}")
    return len(pages) / seconds
