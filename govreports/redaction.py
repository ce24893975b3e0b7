"""Credentials never reach output: URLs are shown with their password replaced.

REDIS_URL (`redis://:secret@host:6379/0`), ELASTICSEARCH_URL and KIBANA_URL may carry credentials; every
place that prints, logs or raises with such a URL passes it through `redact_url` first.
"""

from __future__ import annotations

from urllib.parse import urlsplit, urlunsplit

MASK = "***"


def redact_url(url: str) -> str:
    """`url` with the password of its user-info part (if any) replaced by ***; other parts unchanged."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return MASK  # unparseable: show nothing rather than risk the secret
    if parts.password is None:
        return url
    user = parts.username or ""
    host = parts.netloc.rsplit("@", 1)[1]
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))
