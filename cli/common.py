"""Shared plumbing of the CLI commands: settings at the process edge, errors, JSON and console output."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

import click

from govreports.errors import ConfigError, GovReportsError
from govreports.settings import Settings


def load_settings() -> Settings:
    """Settings from the environment; a bad variable is a usage error, not a traceback."""
    try:
        return Settings.from_env(os.environ)
    except ConfigError as exc:
        raise click.UsageError(f"configuration: {exc}") from None


def print_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def fail(message: str, code: int = 1) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def service_errors(func):  # type: ignore[no-untyped-def]
    """Decorator: report GovReportsError (service down, bad config) and a Redis that cannot be reached as
    one clear line, exit 1. redis-py's messages name host and port, never the password."""
    import functools

    import redis

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except GovReportsError as exc:
            fail(str(exc))
        except (redis.ConnectionError, redis.TimeoutError, redis.AuthenticationError) as exc:
            fail(f"Redis unavailable ({type(exc).__name__}): {exc}; check REDIS_URL or start it")

    return wrapper
