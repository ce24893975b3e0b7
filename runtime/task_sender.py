"""Send pages to the workers by task *name*: producers (crawler, reprocess) never import worker code.

Every page sent is counted in Redis (`FETCHED_COUNTER`), the left side of the accounting identity in
`runtime.queue_watch`; nothing else increments it.
"""

from __future__ import annotations

import redis
from celery import Celery

from govreports.defaults import CELERY_QUEUE, TASK_PROCESS_PAGE
from govreports.models import RawPage
from runtime.queue_watch import FETCHED_COUNTER
from runtime.services import celery_broker_url


class PageSender:
    def __init__(self, redis_url: str) -> None:
        self.app = Celery("govreports-producer", broker=celery_broker_url(redis_url))
        self.app.conf.update(task_serializer="json", accept_content=["json"], broker_connection_retry_on_startup=True)
        self.counter = redis.Redis.from_url(redis_url)

    def send(self, page: RawPage) -> None:
        # Count first: a crash between the two leaves a visible gap rather than an uncounted page.
        self.counter.incr(FETCHED_COUNTER)
        self.app.send_task(TASK_PROCESS_PAGE, args=[page.to_message()], queue=CELERY_QUEUE)

    def close(self) -> None:
        self.app.close()
        self.counter.close()
