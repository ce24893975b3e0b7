"""Process edge for `celery -A workers.celery_app worker`: settings from the environment, one app.

`REDIS_URL` must be set here (the `govreports worker` and `demo` commands set it to the embedded
server's socket). jieba is loaded in the parent process before the pool forks.
"""

from __future__ import annotations

import os

from celery.signals import worker_init, worker_process_shutdown

from govreports.errors import ConfigError
from govreports.settings import Settings
from workers.app import create_app
from workers.context import WorkerContext
from workers.tasks import install_context

settings = Settings.from_env(os.environ)
if settings.uses_embedded_redis:
    raise ConfigError("workers.celery_app needs REDIS_URL; use `govreports worker` to start the embedded Redis")

app = create_app(settings, settings.redis_url)
context = WorkerContext(settings, settings.redis_url)
install_context(context)


@worker_init.connect
def _preload(**_: object) -> None:
    context.segmenter  # noqa: B018 - load jieba once, before fork, shared copy-on-write


@worker_process_shutdown.connect
def _close(**_: object) -> None:
    context.close()
