"""Secrets never reach output: redacted URLs and settings reprs."""

from __future__ import annotations

import pytest

from govreports.redaction import redact_url
from govreports.settings import Settings


@pytest.mark.parametrize(("url", "shown"), [
    ("redis://:s3cret@redis:6379/0", "redis://:***@redis:6379/0"),
    ("https://elastic:pa%40ss@es.example:9200", "https://elastic:***@es.example:9200"),
    ("unix:///var/redis.sock", "unix:///var/redis.sock"),
    ("redis://redis:6379/0", "redis://redis:6379/0"),
    ("http://user@host/", "http://user@host/"),
])
def test_password_is_masked_and_nothing_else_changes(url: str, shown: str) -> None:
    assert redact_url(url) == shown


def test_unparseable_url_shows_nothing() -> None:
    assert redact_url("http://[::1:6379/s3cret") == "***"


def test_settings_repr_carries_no_credential() -> None:
    settings = Settings.from_env({"REDIS_URL": "redis://:s3cret@r:6379/0", "ELASTICSEARCH_PASSWORD": "s3cret",
                                  "ELASTICSEARCH_URL": "https://elastic:s3cret@es:9200",
                                  "KIBANA_URL": "http://kibana:s3cret@kb:5601"})
    assert "s3cret" not in repr(settings)
