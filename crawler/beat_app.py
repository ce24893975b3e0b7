"""Process edge for `celery -A crawler.beat_app worker -B` (started by `govreports schedule`): settings
from the environment, one scheduling app (`crawler.beat`). `REDIS_URL` must be set (the command sets it to
the embedded server's socket); `SCHEDULE_EVERY_S` replaces the calendar by a fixed interval."""

from __future__ import annotations

import os

from crawler.beat import EVERY_ENV, create_app
from govreports.errors import ConfigError
from govreports.settings import Settings

settings = Settings.from_env(os.environ)
if settings.uses_embedded_redis:
    raise ConfigError("crawler.beat_app needs REDIS_URL; start the scheduler with `govreports schedule`")
app = create_app(settings.redis_url, float(os.environ.get(EVERY_ENV) or 0) or None)
