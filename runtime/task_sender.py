"""Send pages to the workers by task *name*: producers (crawler, reprocess) never import worker code."""

from __future__ import annotations

from celery import Celery

from govreports.defaults import CELERY_QUEUE, TASK_PROCESS_PAGE
from govreports.models import RawPage
from runtime.services import celery_broker_url


class PageSender:
    def __init__(self, redis_url: str) -> None:
        self.app = Celery("govreports-producer", broker=celery_broker_url(redis_url))
        self.app.conf.update(task_serializer="json", accept_content=["json"], broker_connection_retry_on_startup=True)

    def send(self, page: RawPage) -> None:
        self.app.send_task(TASK_PROCESS_PAGE, args=[page.to_message()], queue=CELERY_QUEUE)

    def close(self) -> None:
        self.app.close()
