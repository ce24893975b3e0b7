"""The Celery application: broker, serialisation and delivery guarantees, built from `Settings`.

Delivery is at-least-once: `acks_late` + `task_reject_on_worker_lost` put a message back on the queue
when a worker dies mid-task, and prefetch 1 keeps one slow page from holding others hostage. Tasks are
idempotent (deterministic ids), so a redelivery is harmless.
"""

from __future__ import annotations

from celery import Celery

from govreports.defaults import CELERY_QUEUE
from govreports.settings import Settings
from runtime.services import celery_broker_url

# kombu re-delivers an unacknowledged message after this long; it must exceed the hard time limit.
VISIBILITY_MARGIN_S = 600


def create_app(settings: Settings, redis_url: str) -> Celery:
    app = Celery("govreports", broker=celery_broker_url(redis_url))
    app.conf.update(
        task_serializer="json",
        accept_content=["json"],
        result_serializer="json",
        task_ignore_result=True,
        task_default_queue=CELERY_QUEUE,
        task_acks_late=True,
        task_reject_on_worker_lost=True,
        worker_prefetch_multiplier=1,
        task_soft_time_limit=settings.task_soft_time_limit,
        task_time_limit=settings.task_time_limit,
        worker_max_memory_per_child=settings.worker_max_memory_mb * 1024,  # KiB
        worker_concurrency=settings.worker_concurrency,
        worker_hijack_root_logger=False,
        broker_connection_retry_on_startup=True,
        broker_transport_options={"visibility_timeout": settings.task_time_limit + VISIBILITY_MARGIN_S},
        worker_send_task_events=False,
        enable_utc=True,
        govreports_max_retries=settings.task_max_retries,
    )
    from workers.tasks import register_tasks  # late: tasks need the app object

    register_tasks(app)
    return app
