"""Thin Celery tasks: decode the JSON message, run the pure pipeline, save, count.

`process_page` is registered under the name in `govreports.defaults.TASK_PROCESS_PAGE`; the crawler and
`govreports reprocess` send to that name and never import this module.
"""

from __future__ import annotations

import random
from typing import Any

from celery import Celery, Task

from govreports.defaults import TASK_PROCESS_PAGE
from govreports.errors import StoreUnavailable
from govreports.models import RawPage
from workers.processing import process_raw_page

_context: Any = None  # the WorkerContext of this process, installed by workers.celery_app


def install_context(context: Any) -> None:
    global _context
    _context = context


def retry_delay(retries: int, base: float = 2.0, cap: float = 120.0) -> float:
    """Exponential backoff with full jitter, so retrying workers do not stampede a recovering store."""
    return random.uniform(0, min(cap, base * 2**retries))


def register_tasks(app: Celery) -> None:
    max_retries = app.conf.get("govreports_max_retries", 5)

    @app.task(name=TASK_PROCESS_PAGE, bind=True, acks_late=True, max_retries=max_retries)
    def process_page(self: Task, message: dict[str, Any]) -> str:
        if _context is None:
            raise RuntimeError("worker context not installed; start workers via workers.celery_app")
        page = RawPage.from_message(message)
        outcome, documents = process_raw_page(page, _context.segmenter)
        try:
            _context.store.save_page(outcome, documents)
        except StoreUnavailable as exc:
            raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
        _context.count_processed()
        return outcome.state
