"""Per-URL revisit state in Redis: last fetch, validators, content hash, class, list-entry signature and
next due time — and the per-source schedule of URLs to try again.

State is what makes revisits cheap: a list page is asked for with `If-None-Match` / `If-Modified-Since`
(a 304 costs no body), and a 200 whose entries hash the same as last time is "unchanged" (portals often
embed visit counters or the time, so the raw bytes would always differ). A detail page is fetched again
only when its list entry (title, date) changed; its own content hash then tells whether the report did.

Keys: hash `govreports:crawl:url_state`, field = first 12 bytes of sha1(URL), value = compact JSON;
sorted sets `govreports:crawl:retry:<source>` of URLs to try again (member = JSON {url, role, sig},
score = epoch due). About 200 bytes per URL: this is the crawl's memory of what it saw, kept apart from
the compact seen-set (`crawler.fingerprints`) that only answers "ever scheduled?".
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

import redis

from govreports.defaults import REDIS_KEY_PREFIX

STATE_KEY = f"{REDIS_KEY_PREFIX}:crawl:url_state"
RETRY_PREFIX = f"{REDIS_KEY_PREFIX}:crawl:retry:"
# Retries back off 10 min, 20 min, 40 min … up to a week: a blocked or broken page is asked for again,
# never hammered and never given up on silently.
RETRY_BASE_S = 600
RETRY_MAX_S = 7 * 86_400


@dataclass
class UrlState:
    url: str
    role: str = ""  # list | detail | attachment
    source: str = ""
    fetched_at: float = 0.0  # epoch seconds of the last response (304 included)
    status: int = 0
    etag: str = ""
    last_modified: str = ""
    content_hash: str = ""  # detail: sha256 prefix of the body; list: hash of its entries and pager
    klass: str = ""  # crawler.classify class of the last full response
    entry_sig: str = ""  # detail: signature of its list entry (title + date) when last fetched
    failures: int = 0  # consecutive failed / blocked fetches
    next_due: float = 0.0  # epoch seconds of the next retry (0: none planned)

    def conditional_headers(self) -> dict[str, str]:
        headers = {}
        if self.etag:
            headers["If-None-Match"] = self.etag
        if self.last_modified:
            headers["If-Modified-Since"] = self.last_modified
        return headers

    def to_json(self) -> str:
        data = {key: value for key, value in asdict(self).items() if value not in ("", 0, 0.0)}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, raw: bytes | str) -> "UrlState":
        data = json.loads(raw)
        known = {f.name for f in fields(cls)}
        return cls(**{key: value for key, value in data.items() if key in known})


def url_key(url: str) -> bytes:
    return hashlib.sha1(url.encode("utf-8")).digest()[:12]


def retry_delay(failures: int) -> float:
    return float(min(RETRY_MAX_S, RETRY_BASE_S * 2 ** max(0, failures - 1)))


def entry_signature(text: str, date: str) -> str:
    """A list entry's identity as readers see it: a re-titled or re-dated entry signals an edited report."""
    return hashlib.sha1(f"{' '.join(text.split())}|{date}".encode()).hexdigest()[:12]


class UrlStates:
    """Read and write `UrlState`s and the retry schedule (one Redis client, synchronous calls)."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def get(self, url: str) -> UrlState | None:
        raw = self.client.hget(STATE_KEY, url_key(url))
        return UrlState.from_json(raw) if raw else None

    def get_many(self, urls: Iterable[str]) -> dict[str, UrlState]:
        urls = list(dict.fromkeys(urls))
        if not urls:
            return {}
        values = self.client.hmget(STATE_KEY, [url_key(url) for url in urls])
        return {url: UrlState.from_json(raw) for url, raw in zip(urls, values) if raw}

    def put(self, state: UrlState) -> None:
        self.client.hset(STATE_KEY, url_key(state.url), state.to_json())

    def schedule_retry(self, source: str, url: str, role: str, failures: int, sig: str = "") -> float:
        """Plan another attempt after the backoff for `failures`; returns the due time."""
        due = time.time() + retry_delay(failures)
        member = json.dumps({"url": url, "role": role, "sig": sig}, separators=(",", ":"), sort_keys=True)
        self.client.zadd(RETRY_PREFIX + source, {member: due})
        return due

    def due_retries(self, source: str, now: float | None = None) -> list[tuple[str, dict[str, Any]]]:
        """(member, {url, role, sig}) of the retries of `source` due now; they stay planned until
        `retry_taken` (called once the request is in the durable queue)."""
        members = self.client.zrangebyscore(RETRY_PREFIX + source, "-inf", now or time.time())
        return [(member.decode() if isinstance(member, bytes) else member, json.loads(member)) for member in members]

    def retry_taken(self, source: str, member: str) -> None:
        self.client.zrem(RETRY_PREFIX + source, member)

    def retry_count(self, source: str) -> int:
        return int(self.client.zcard(RETRY_PREFIX + source))
