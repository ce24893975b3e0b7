"""Thin Celery tasks: decode the JSON message, run the pure pipeline, save, count.

`process_page` is registered under the name in `govreports.defaults.TASK_PROCESS_PAGE`; the crawler and
`govreports reprocess` send to that name and never import this module.

Two guards keep every page accounted for:
- a page whose processing kills its worker (hard time limit, OOM, segfault) would be redelivered forever
  under `acks_late`; deliveries are counted in Redis and the third one records a failure instead. A hard
  time limit is made a redelivery too (`acks_on_timeout=False`): Celery would otherwise acknowledge the
  killed task and the page would vanish from the accounting;
- when the store stays unavailable past the retries, the message is parked on a dead-letter list in Redis
  (the store cannot record it) and `govreports retry-failed` re-queues it.
"""

from __future__ import annotations

import json
import random
from typing import Any

from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from govreports.defaults import REDIS_KEY_PREFIX, TASK_PROCESS_PAGE
from govreports.errors import StoreUnavailable
from govreports.models import PAGE_FAILED, PageOutcome, RawPage, page_id
from runtime.queue_watch import DEAD_LETTER_KEY
from search.mirrors import save_resolving_copies
from workers.processing import process_raw_page

MAX_DELIVERIES = 3
DELIVERY_KEY_TTL_S = 7 * 24 * 3600

_context: Any = None  # the WorkerContext of this process, installed by workers.celery_app


def install_context(context: Any) -> None:
    global _context
    _context = context


def retry_delay(retries: int, base: float = 2.0, cap: float = 120.0) -> float:
    """Exponential backoff with full jitter, so retrying workers do not stampede a recovering store."""
    return random.uniform(0, min(cap, base * 2**retries))


def _delivery_key(message: dict[str, Any], attempt: int) -> str:
    # One counter per retry attempt: a retry is a new message whose own crashes must be counted too.
    url = message.get("final_url") or message.get("url", "")
    return f"{REDIS_KEY_PREFIX}:deliveries:{page_id(url)}:{message.get('content_hash', '')[:16]}:{attempt}"


def _killed_too_often(page: RawPage, deliveries: int) -> PageOutcome:
    return PageOutcome(
        page_id=page_id(page.canonical_url), url=page.canonical_url, state=PAGE_FAILED,
        content_hash=page.content_hash, step="worker",
        reason=f"worker died {deliveries - 1} times on this page (hard time limit, memory or crash)",
        fetched_at=page.fetched_at, source=page.source,
    )


def register_tasks(app: Celery) -> None:
    max_retries = app.conf.get("govreports_max_retries", 5)

    @app.task(name=TASK_PROCESS_PAGE, bind=True, acks_late=True, acks_on_timeout=False, max_retries=max_retries)
    def process_page(self: Task, message: dict[str, Any]) -> str:
        if _context is None:
            raise RuntimeError("worker context not installed; start workers via workers.celery_app")
        page = RawPage.from_message(message)
        key = _delivery_key(message, self.request.retries)
        deliveries = int(_context.redis.incr(key))
        _context.redis.expire(key, DELIVERY_KEY_TTL_S)
        if deliveries > MAX_DELIVERIES - 1:
            outcome, documents = _killed_too_often(page, deliveries), []
        else:
            outcome, documents = process_raw_page(page, _context.segmenter, timeout_errors=(SoftTimeLimitExceeded,))
        try:
            # one canonical document per report: copies on other sites are kept as its history
            save_resolving_copies(_context.store, page, outcome, documents)
        except StoreUnavailable as exc:
            if self.request.retries >= max_retries:
                _context.redis.rpush(DEAD_LETTER_KEY, json.dumps({"reason": str(exc), "message": message}))
                _context.redis.delete(key)
                _context.count_outcome("parked")
                return "parked"
            raise self.retry(exc=exc, countdown=retry_delay(self.request.retries)) from exc
        _context.redis.delete(key)
        _context.count_outcome(outcome.state)
        return outcome.state
