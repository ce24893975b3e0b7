"""Near-duplicate reports: the same report on a portal and on aggregators, or an earlier/shorter/corrected
version of it — how alike two texts are, and which copy should be the canonical one.

Pure functions over cleaned document text. Texts are compared on their characters only (CJK, letters,
digits: punctuation, spaces, line breaks and full/half-width differences removed), as overlapping
5-character shingles hashed to 32 bits:

* resemblance = |A ∩ B| / |A ∪ B| (Jaccard): two copies of one report;
* containment = |A ∩ B| / |A| : A is (almost) inside B — an excerpt, or an earlier version that B extends.

Candidates are few (same region and year), so sets are compared exactly; `simhash` gives a 64-bit
fingerprint for screening many texts at once (Hamming distance ≤ 3 for copies).

Which copy wins (`preferred`): a complete one over a truncated one; then the higher source authority
(official portal over aggregator); then the clearly longer one (a fuller or extended version); then the
later fetch (a corrected version); then the smaller id, so the choice is stable.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from dataclasses import dataclass
from urllib.parse import urlsplit

SHINGLE = 5
# Thresholds: copies of one report share almost all shingles; an extended or corrected version contains
# almost all of the earlier one. Different reports of one region (other years) stay far below both.
MIN_RESEMBLANCE = 0.8
MIN_CONTAINMENT = 0.9
# Lengths within this ratio are "the same length" (a corrected version, not a longer one).
SAME_LENGTH = 0.02
_KEEP = re.compile(r"[\u4e00-\u9fff\u3400-\u4dbfA-Za-z0-9]+")
MIRROR, SUPERSEDED, EARLIER_FETCH = "mirror", "superseded", "earlier_fetch"


def normalise(text: str) -> str:
    return "".join(_KEEP.findall(unicodedata.normalize("NFKC", text))).lower()


def shingles(text: str, size: int = SHINGLE) -> frozenset[int]:
    chars = normalise(text)
    if len(chars) <= size:
        return frozenset({zlib.crc32(chars.encode("utf-8"))}) if chars else frozenset()
    return frozenset(zlib.crc32(chars[i:i + size].encode("utf-8")) for i in range(len(chars) - size + 1))


def simhash(text: str) -> int:
    """64-bit SimHash of the text's shingles (copies differ in a few bits, other texts in ~32)."""
    weights = [0] * 64
    for value in shingles(text):
        spread = (value * 0x9E3779B97F4A7C15) & 0xFFFFFFFFFFFFFFFF  # 32-bit shingle → 64 well-mixed bits
        for bit in range(64):
            weights[bit] += 1 if spread >> bit & 1 else -1
    return sum(1 << bit for bit, weight in enumerate(weights) if weight > 0)


def hamming(a: int, b: int) -> int:
    return (a ^ b).bit_count()


@dataclass(frozen=True)
class Comparison:
    resemblance: float
    a_in_b: float  # share of A's shingles found in B
    b_in_a: float

    @property
    def near_duplicate(self) -> bool:
        return self.resemblance >= MIN_RESEMBLANCE or max(self.a_in_b, self.b_in_a) >= MIN_CONTAINMENT

    @property
    def similarity(self) -> float:
        return max(self.resemblance, self.a_in_b, self.b_in_a)


def compare(a: str | frozenset[int], b: str | frozenset[int]) -> Comparison:
    set_a = shingles(a) if isinstance(a, str) else a
    set_b = shingles(b) if isinstance(b, str) else b
    if not set_a or not set_b:
        return Comparison(0.0, 0.0, 0.0)
    common = len(set_a & set_b)
    return Comparison(common / len(set_a | set_b), common / len(set_a), common / len(set_b))


@dataclass(frozen=True)
class Copy:
    """One copy of a report, as far as choosing the canonical one needs."""

    doc_id: str
    url: str
    length: int
    authority: int = 0
    fetched_at: str = ""
    truncated: bool = False


def preferred(a: Copy, b: Copy) -> Copy:
    """The copy that should be the canonical document (see the module docstring for the order)."""
    if a.truncated != b.truncated:
        return b if a.truncated else a
    if a.authority != b.authority:
        return a if a.authority > b.authority else b
    longer, shorter = (a, b) if a.length >= b.length else (b, a)
    if longer.length - shorter.length > SAME_LENGTH * max(1, longer.length):
        return longer
    if a.fetched_at != b.fetched_at and a.fetched_at and b.fetched_at:
        return a if a.fetched_at > b.fetched_at else b
    return a if a.doc_id <= b.doc_id else b


def relation(loser: Copy, winner: Copy) -> str:
    """`superseded` when the losing copy is on the winner's own site (an earlier version), else `mirror`."""
    def site(url: str) -> str:
        host = (urlsplit(url).hostname or "").lower()
        return host[4:] if host.startswith("www.") else host

    return SUPERSEDED if site(loser.url) == site(winner.url) else MIRROR
