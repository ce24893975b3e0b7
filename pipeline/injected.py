"""Spam tokens injected into copied pages: find them by how they break the text, remove and record them.

Scraped copies of reports sometimes carry a short brand-like token (2–4 CJK characters) that a spam
injector has repeated across the page: inside words ("人民XX政府", "国XX务院"), in place of words, and in
the title where the region's name belongs ("2025年XX工作报告"). A real repeated term never does that.
A candidate token (not a domain term, not a place name, not part of one) is judged by:

* bridging: removing it rejoins a domain term or place name of three or more characters around it
  ("人民" + XX + "政府"); most of its occurrences bridge, inside at least two different words. (Two-character words and page bigrams are no
  evidence: Chinese bigrams are so dense that 工业|企业 "bridges" 工业 around 业企.)
* slots: it fills the title's region slot ("2025年XX工作报告") or the speaker's "我代表XX向大会"
  where a government's name belongs;
* doubling: it occurs twice in a row ("XXXX"), which no term does in report prose.

Mostly-bridging tokens are injected; otherwise a slot plus a second signal is needed. `KNOWN_TOKENS` is
a seed list of tokens already seen, always removed. Detection reads at most `SAMPLE_CHARS` of the page
with C-level counting, so it costs a fraction of a second even on aggregator pages.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from pipeline.places import place_names
from pipeline.vocabulary import load_vocabulary

KNOWN_TOKENS = ("亚洲通",)
SAMPLE_CHARS = 300_000
MIN_OCCURRENCES = 3
_MIN_BRIDGED = 2
_BRIDGED_SHARE = 0.5
# A modifier inside one compound (绿色[低碳循环]发展, 产业[链供应]链) bridges every time; spam breaks
# different words.
_MIN_BROKEN_WORDS = 2
_MIN_BRIDGED_WORD = 3  # two-character words rejoin by chance all the time (工业|企业 → 工业)
_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
_DOUBLED = re.compile(r"([\u4e00-\u9fff]{2,4})\1")
_YEAR = r"(?:19|20)\d{2}年度?"
_REPORT_NAME = r"(?:人民)?(?:政府)?(?:工作报告|国民经济|经济社会发展|经济和社会发展|发展计划)"
_TITLE_SLOTS = (re.compile(rf"{_YEAR}([\u4e00-\u9fff]{{2,8}}?){_REPORT_NAME}"),
                re.compile(rf"^([\u4e00-\u9fff]{{2,8}}?){_YEAR}{_REPORT_NAME}"))
_SPEAKER_SLOT = re.compile(r"我代表([\u4e00-\u9fff]{2,8}?)[,，、]?向(?:大会|全会|各位)")
# Slot fillers that are legitimate: regions and governing bodies.
_LEGIT_SLOT = re.compile(r"[省市县区旗州盟镇乡]$|政府|委员会|管委会|人民|办事处|公署|本届|全")
_PLACE_SUFFIX = set("省市县区州旗盟镇乡村")


@dataclass
class InjectedScan:
    tokens: list[str] = field(default_factory=list)
    signals: dict[str, list[str]] = field(default_factory=dict)  # token -> why (for the docs and tests)


def _substrings(words: list[str]) -> set[str]:
    return {word[i:j] for word in words for i in range(len(word)) for j in range(i + 2, min(len(word), i + 8) + 1)}


@lru_cache(maxsize=1)
def _protected() -> frozenset[str]:
    """Domain terms, place names and every piece of them: a token that is part of one is no spam."""
    return frozenset(_substrings(load_vocabulary() + place_names()))


@lru_cache(maxsize=1)
def _junctions() -> dict[str, tuple[tuple[str, int], ...]]:
    """Every place a lexicon word (3+ characters) can be cut in two, indexed by the two characters that
    meet at the cut: "人民政府" gives "民政" -> ("人民政府", 2)."""
    index: dict[str, list[tuple[str, int]]] = {}
    for word in load_vocabulary() + place_names():
        if len(word) >= _MIN_BRIDGED_WORD and _CJK.match(word):
            for cut in range(1, len(word)):
                index.setdefault(word[cut - 1:cut + 1], []).append((word, cut))
    return {pair: tuple(words) for pair, words in index.items()}


def _bridged_counts(sample: str) -> tuple[Counter[str], dict[str, set[str]]]:
    """For every gap of 2–4 CJK characters whose removal rejoins a lexicon word ("人民" + gap + "政府"):
    how often each gap text bridges, and which words it broke. Gaps are found at C speed by the two
    characters around them, then checked in full."""
    junctions = _junctions()
    bridged: Counter[str] = Counter()
    broken: dict[str, set[str]] = {}
    for width in (2, 3, 4):
        pairs = map(operator.add, sample[:-width - 1], sample[width + 1:])
        for left in itertools.compress(range(len(sample) - width - 1), map(junctions.__contains__, pairs)):
            start, end = left + 1, left + 1 + width
            gap = sample[start:end]
            if not _CJK.match(gap):
                continue
            for word, cut in junctions[sample[left] + sample[end]]:
                if sample.startswith(word[:cut], start - cut) and sample.startswith(word[cut:], end):
                    bridged[gap] += 1
                    broken.setdefault(gap, set()).add(word)
                    break
    return bridged, broken


def _slot_fillers(title: str, lines: list[str]) -> dict[str, str]:
    fillers: dict[str, str] = {}
    for text in [title, *lines[:50]]:
        for pattern in _TITLE_SLOTS:
            found = pattern.search(text[:200])
            if found and not _LEGIT_SLOT.search(found.group(1)):
                fillers.setdefault(found.group(1), "title_slot")
    for line in lines[:200]:
        found = _SPEAKER_SLOT.search(line[:2000])
        if found and not _LEGIT_SLOT.search(found.group(1)):
            fillers[found.group(1)] = "speaker_slot" if found.group(1) not in fillers else "title_and_speaker_slot"
    return fillers


def _is_place_like(token: str, sample: str) -> bool:
    """A town or village missing from the division list: mostly followed by 镇/乡/村/街道…"""
    after = [sample[m.end():m.end() + 1] for m in re.finditer(re.escape(token), sample)]
    return sum(1 for ch in after if ch in _PLACE_SUFFIX or ch == "街") > len(after) / 2


def detect_injected(title: str, lines: list[str]) -> InjectedScan:
    """Tokens to remove from this page, known ones included, with the signals that convicted each."""
    sample = "\n".join(itertools.chain([title], lines))[:SAMPLE_CHARS]
    scan = InjectedScan()
    for token in KNOWN_TOKENS:
        if token in sample:
            scan.tokens.append(token)
            scan.signals[token] = ["known"]
    protected = _protected()
    bridged, broken = _bridged_counts(sample)
    slots = _slot_fillers(title, lines)
    doubled = {found.group(1) for found in _DOUBLED.finditer(sample)}
    candidates = {token for token, n in bridged.items() if n >= _MIN_BRIDGED} | set(slots) | doubled
    for token in sorted(candidates, key=len, reverse=True):
        if token in scan.tokens or token in protected or not 2 <= len(token) <= 4 or not _CJK.match(token):
            continue
        if any(token in found for found in scan.tokens):
            continue  # a piece of a token already convicted
        count = sample.count(token)
        if count < MIN_OCCURRENCES or _is_place_like(token, sample):
            continue
        signals = []
        if (bridged[token] >= _BRIDGED_SHARE * count and bridged[token] >= _MIN_BRIDGED
                and len(broken[token]) >= _MIN_BROKEN_WORDS):
            signals.append("bridging")
        elif bridged[token] >= 1:
            signals.append("some_bridging")
        if token in slots:
            signals.extend(slots[token].replace("title_and_speaker_slot", "title_slot speaker_slot").split())
        if token in doubled:
            signals.append("doubled")
        # Without mostly-bridging occurrences a slot is required: doubling and a chance bridge alone
        # happen to real phrases ("共建共建").
        if "bridging" in signals or (token in slots and len(signals) >= 2):
            scan.tokens.append(token)
            scan.signals[token] = signals
    return scan


def remove_tokens(text: str, tokens: list[str]) -> tuple[str, int]:
    """`text` without the tokens (longest first, so a token inside another goes with it); the count."""
    removed = 0
    for token in sorted(tokens, key=len, reverse=True):
        if token in text:
            removed += text.count(token)
            text = text.replace(token, "")
    return text, removed
