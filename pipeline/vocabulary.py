"""The one domain vocabulary: loaded by jieba in the workers and exported as the IK extension dictionary.

`pipeline/data/vocabulary.txt` is the single source; tracked phrases (marked "* ") are also counted per
report so "which counties mention 新质生产力, by year" is an aggregation, not a full-text scan.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

VOCABULARY_FILE = Path(__file__).resolve().parent / "data" / "vocabulary.txt"


@lru_cache(maxsize=1)
def _entries() -> tuple[tuple[str, bool], ...]:
    entries: list[tuple[str, bool]] = []
    seen: set[str] = set()
    for raw in VOCABULARY_FILE.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
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


def export_ik_dictionary(path: Path) -> int:
    """Write the IK analyzer's extension dictionary (UTF-8, one term per line); returns the term count."""
    terms = load_vocabulary()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(terms) + "\n", encoding="utf-8")
    return len(terms)
