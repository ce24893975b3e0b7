"""The dupefilter every crawl shares: has this request ever been scheduled? (compact, exact, in Redis)

Fingerprints are Scrapy's (SHA1 of method, canonical URL and body) stored in `crawler.fingerprints`'
bucketed layout, ~15 bytes per URL instead of the ~90 of scrapy-redis's SET of hex strings. Filtered
duplicates are counted in the crawl stats; `forget` takes a request out again, used when a page could
not be fetched or handed on, so a later round asks for it again instead of remembering a page that never
arrived. A data directory crawled before this layout (`<key>` a SET of hex fingerprints) is converted
once, on open, so no page is fetched twice because of the change.
"""

from __future__ import annotations

import logging
from typing import Any

import redis
from scrapy import Request

from crawler.fingerprints import CompactSeenSet

logger = logging.getLogger(__name__)

FILTERED_STAT = "dupefilter/filtered"
_MIGRATE_BATCH = 2000


class CompactSeenFilter:
    def __init__(self, client: redis.Redis, key: str, fingerprinter: Any, stats: Any = None) -> None:
        self.client = client
        self.legacy_key = key
        self.seen = CompactSeenSet(client, f"{key}_fp")
        self.fingerprinter = fingerprinter
        self.stats = stats

    def fingerprint(self, request: Request) -> bytes:
        return self.fingerprinter.fingerprint(request)

    def open(self) -> None:
        self._migrate_legacy_set()

    def request_seen(self, request: Request) -> bool:
        """Mark the request as scheduled; True when it already was (then it is dropped)."""
        return not self.seen.add(self.fingerprint(request))

    def contains(self, request: Request) -> bool:
        """Whether the request was ever scheduled, without marking it."""
        return self.seen.contains(self.fingerprint(request))

    def forget(self, request: Request) -> bool:
        """Remove the request's fingerprint; True when it was there."""
        return self.seen.remove(self.fingerprint(request))

    def log(self, request: Request, spider: Any = None) -> None:
        if self.stats is not None:
            self.stats.inc_value(FILTERED_STAT)
        logger.debug("filtered duplicate request %s", request)

    def close(self, reason: str = "") -> None:
        """Nothing to do: the fingerprints are the crawl's memory across runs."""

    def _migrate_legacy_set(self) -> None:
        if self.client.type(self.legacy_key) not in (b"set", "set"):
            return
        moved = 0
        for batch in _batches(self.client.sscan_iter(self.legacy_key, count=_MIGRATE_BATCH)):
            fingerprints = [bytes.fromhex(h.decode() if isinstance(h, bytes) else h) for h in batch]
            self.seen.add_many([fp for fp in fingerprints if len(fp) >= 12])
            moved += len(batch)
        self.client.delete(self.legacy_key)
        logger.info("converted %d fingerprints of %s to the compact layout", moved, self.legacy_key)


def _batches(items: Any) -> Any:
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) >= _MIGRATE_BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
