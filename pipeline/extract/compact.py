"""Spaces inside Chinese words removed before reading, with a map back to the original offsets.

PDF and OCR copies put spaces between characters ("地区生产 总值增长 7 %", "政 府 工 作"). Names are matched on a
compact view without spaces between two CJK characters; `positions[i]` is the offset in the original text
of compact character i (and `positions[len(compact)]` the original length), so every fragment still
points at the original text.
"""

from __future__ import annotations

import re

_INNER_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \t\u3000\xa0]+(?=[\u3400-\u9fff])")


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text without spaces between CJK characters, and compact → original offsets."""
    if not _INNER_SPACE.search(text):
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    positions: list[int] = []
    cursor = 0
    for gap in _INNER_SPACE.finditer(text):
        pieces.append(text[cursor : gap.start()])
        positions.extend(range(cursor, gap.start()))
        cursor = gap.end()
    pieces.append(text[cursor:])
    positions.extend(range(cursor, len(text)))
    positions.append(len(text))
    return "".join(pieces), positions
