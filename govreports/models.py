"""Plain data models passed between processes (as JSON) and between pipeline steps.

`RawPage` is the crawler → worker message; `Document` and `Indicator` are what the pipeline produces and
the stores index. Everything converts to and from JSON-compatible dicts; nothing here does I/O.
"""

from __future__ import annotations

import base64
import hashlib
import zlib
from dataclasses import asdict, dataclass, field, fields
from typing import Any


def sha1_hex(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def content_hash(body: bytes) -> str:
    """Key of a raw page in the archive: sha256 of its bytes."""
    return hashlib.sha256(body).hexdigest()


def page_id(url: str) -> str:
    """Deterministic id of a fetched URL (one row in the page log)."""
    return sha1_hex(url)


def document_id(canonical_url: str, position: int) -> str:
    """Deterministic id of the `position`-th document carried by a page: re-processing never duplicates."""
    return sha1_hex(f"{canonical_url}#{position}")[:24]


@dataclass
class RawPage:
    """One fetched page, as the crawler sends it to the workers (JSON, by task name)."""

    url: str
    body: bytes
    status: int = 200
    final_url: str = ""
    content_type: str = ""
    declared_encoding: str = ""
    fetched_at: str = ""
    source: str = ""
    referer: str = ""
    etag: str = ""
    last_modified: str = ""
    # The source's authority from the registry (official portal 100 > aggregator 10; 0 unknown): which
    # copy of a report found on several sites becomes the canonical document (search.mirrors).
    authority: int = 0

    @property
    def content_hash(self) -> str:
        return content_hash(self.body)

    @property
    def canonical_url(self) -> str:
        return self.final_url or self.url

    def to_message(self) -> dict[str, Any]:
        data = asdict(self)
        # zlib + base64 keeps binary pages JSON-safe and small on the broker.
        data["body"] = base64.b64encode(zlib.compress(self.body, 6)).decode("ascii")
        data["content_hash"] = self.content_hash
        return data

    @classmethod
    def from_message(cls, data: dict[str, Any]) -> "RawPage":
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["body"] = zlib.decompress(base64.b64decode(data["body"]))
        return cls(**values)


@dataclass
class Indicator:
    """One quantitative target or realised figure found in a report."""

    indicator: str
    kind: str  # "target" | "actual"
    year: int | None
    value: float | None
    low: float | None = None
    high: float | None = None
    unit: str = ""
    modifier: str = "point"  # point | around | at_least | above | at_most | range
    strive: bool = False
    scope: str = ""
    text: str = ""
    start: int = -1
    end: int = -1

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Document:
    """One report (or other document) extracted from a page, with its structured facts."""

    id: str
    title: str
    text: str
    doc_type: str = "other"
    region: str | None = None
    province: str | None = None
    admin_level: str | None = None
    division_code: str | None = None
    report_year: int | None = None
    meeting_date: str | None = None
    meeting_name: str | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    published_date: str | None = None
    indicators: list[dict[str, Any]] = field(default_factory=list)
    glossary: list[dict[str, str]] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    phrase_counts: dict[str, int] = field(default_factory=dict)
    tokens: str = ""
    quality: dict[str, Any] = field(default_factory=dict)
    source_url: str = ""
    content_hash: str = ""
    position: int = 0
    extractor_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Document":
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})


# Outcome states of a fetched page: fetched = stored + skipped + failed.
PAGE_STORED = "stored"
PAGE_SKIPPED = "skipped"
PAGE_FAILED = "failed"


@dataclass
class PageOutcome:
    """What became of one fetched page: exactly one of stored / skipped / failed."""

    page_id: str
    url: str
    state: str
    content_hash: str = ""
    reason: str = ""
    step: str = ""
    error: str = ""
    document_ids: list[str] = field(default_factory=list)
    fetched_at: str = ""
    processed_at: str = ""
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
