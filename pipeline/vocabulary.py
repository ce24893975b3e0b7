"""The one domain vocabulary: loaded by jieba in the workers and exported as the IK extension dictionary.

`pipeline/data/vocabulary.txt` is the single source; tracked phrases (marked "* ") are also counted per
report so "which counties mention 新质生产力, by year" is an aggregation, not a full-text scan.
`data/keyword_stopwords.txt` lists the generic report words that are never a report's keyword.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.txt"
KEYWORD_STOPWORDS_FILE = Path(__file__).resolve().parent / "data" / "keyword_stopwords.txt"


def _lines(path: Path) -> list[str]:
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.strip().startswith("#")]


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, bool], ...]:
    entries: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for line in _lines(VOCABULARY_FILE):
        tracked = line.startswith("* ")
        term = line[2:].strip() if tracked else line
        if term not in seen:
            seen.add(term)
            entries.append((term, tracked))
    return tuple(entries)


def load_vocabulary() -> list[str]:
    return [term for term, _ in _entries()]


def tracked_phrases() -> list[str]:
    return [term for term, tracked in _entries() if tracked]


@lru_cache(maxsize=1)
def keyword_stopwords() -> frozenset[str]:
    """Words too common in reports to be a report's keyword (generic verbs, units, "全区")."""
    return frozenset(_lines(KEYWORD_STOPWORDS_FILE))


def export_ik_dictionary(path: Path) -> int:
    """Write the IK analyzer's extension dictionary (UTF-8, one term per line); returns the term count."""
    terms = load_vocabulary()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    return len(terms)
