"""Error types shared by every layer; each carries enough context to be recorded as a failure."""

from __future__ import annotations


class GovReportsError(Exception):
    """Base class for errors this project raises on purpose."""


class ConfigError(GovReportsError):
    """A setting or input file is invalid; the message says which and why."""


class StepError(GovReportsError):
    """A pipeline step could not handle a page. `step` names the step (decode, clean, split, extract ...)."""

    def __init__(self, step: str, reason: str) -> None:
        super().__init__(f"{step}: {reason}")
        self.step = step
        self.reason = reason


class StoreUnavailable(GovReportsError):
    """The store refused or timed out; the caller may retry later. Nothing was written."""


class ServiceError(GovReportsError):
    """An embedded service (redis-server, sample portal) could not start or stop."""
