"""`govreports reprocess` and `govreports retry-failed`: re-run the pipeline on archived raw pages.

Nothing is re-crawled: every fetched page's bytes are in the archive, keyed by content hash. Pages go
through the queue to real workers like fresh ones; ids are deterministic, so reprocessing replaces
documents instead of duplicating them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import click
import redis

from cli.common import load_settings, print_json, service_errors
from govreports.archive import Archive
from govreports.models import RawPage
from govreports.settings import Settings
from runtime.queue_watch import DEAD_LETTER_KEY, read_state
from runtime.services import exit_cleanly_on_sigterm, redis_service
from runtime.task_sender import PageSender
from runtime.worker_processes import WorkerProcesses


def _stderr():  # type: ignore[no-untyped-def]
    from rich.console import Console

    return Console(stderr=True)  # progress on stderr keeps --json output parseable


def enqueue_and_process(settings: Settings, pages: Iterable[RawPage], total: int, wait: bool) -> dict[str, int]:
    from rich.progress import track

    from cli.progress import drain_with_progress

    with redis_service(settings) as redis_url:
        client = redis.Redis.from_url(redis_url)
        before = read_state(client)
        sender = PageSender(redis_url)
        sent = 0
        try:
            for page in track(pages, total=total, description="queueing pages", console=_stderr()):
                sender.send(page)
                sent += 1
        finally:
            sender.close()
        processed = 0
        if wait and sent:
            with WorkerProcesses(settings, redis_url) as workers:
                drain_with_progress(client, workers, before.processed, sent)
            processed = read_state(client).processed - before.processed
        client.close()
    return {"queued": sent, "processed": processed}


def dead_letter_pages(settings: Settings) -> list[RawPage]:
    """Parked messages (pages the store could not record); removed only after they are re-queued."""
    with redis_service(settings) as redis_url:
        client = redis.Redis.from_url(redis_url)
        raw = client.lrange(DEAD_LETTER_KEY, 0, -1)
        client.close()
    return [RawPage.from_message(json.loads(item)["message"]) for item in raw]


@click.command()
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Start workers and wait until every queued page is processed.")
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
@service_errors
def reprocess(wait: bool, as_json: bool) -> None:
    """Re-run the pipeline on every archived page (after an extractor upgrade, say)."""
    settings = load_settings()
    exit_cleanly_on_sigterm()
    archive = Archive(settings.archive_dir)
    result = enqueue_and_process(settings, iter(archive), len(archive), wait)
    print_json(result) if as_json else click.echo(f"queued {result['queued']} pages, processed {result['processed']}")


@click.command("retry-failed")
@click.option("--wait/--no-wait", default=True, show_default=True,
              help="Start workers and wait until every queued page is processed.")
@click.option("--json", "as_json", is_flag=True, help="Print counts as JSON.")
@service_errors
def retry_failed(wait: bool, as_json: bool) -> None:
    """Queue every failed page again: dead-lettered messages and the archived bytes of failed pages."""
    from search.factory import open_store

    settings = load_settings()
    exit_cleanly_on_sigterm()
    store = open_store(settings)
    try:
        store.setup()
        failures = store.failures(limit=1_000_000)
    finally:
        store.close()
    archive = Archive(settings.archive_dir)
    parked = dead_letter_pages(settings)
    pages, missing = list(parked), 0
    for failure in failures:
        try:
            pages.append(archive.get(failure.content_hash))
        except (KeyError, FileNotFoundError):
            missing += 1  # fetched before archiving existed, or archive pruned: needs a re-crawl
    result = enqueue_and_process(settings, pages, len(pages), wait)
    if parked:
        with redis_service(settings) as redis_url:
            client = redis.Redis.from_url(redis_url)
            client.ltrim(DEAD_LETTER_KEY, len(parked), -1)  # entries parked meanwhile stay
            client.close()
    result["dead_letter_requeued"] = len(parked)
    result["not_in_archive"] = missing
    print_json(result) if as_json else click.echo(
        f"queued {result['queued']} failed pages, processed {result['processed']}, {missing} not in the archive")
