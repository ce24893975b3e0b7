"""Spaces inside Chinese words removed before reading, with a map back to the original offsets.

PDF and OCR copies put spaces between characters ("地区生产 总值增长 7 %", "政 府 工 作"). Names are matched on a
compact view without spaces between two CJK characters; `positions[i]` is the offset in the original text
of compact character i (and `positions[len(compact)]` the original length), so every fragment still
points at the original text.

A modifier split by a hard line break or by spaces ("增长8.5%左\n右", "8.5%\n左右", "4.2% 以 内") is joined
too, line breaks included: the modifier belongs to the figure before it, and a line break there would
otherwise end the sentence before the modifier. Only these few fixed words are joined across lines; other
line breaks still end a sentence (headings are lines of their own).
"""

from __future__ import annotations

import re

_SPACE = r"[ \t\u3000\xa0]"
_GAPS = re.compile(
    rf"(?<=[\u3400-\u9fff]){_SPACE}+(?=[\u3400-\u9fff])"  # between two CJK characters, on one line
    r"|(?<=左)\s+(?=右)|(?<=以)\s+(?=[上内下])"  # inside a modifier word (左 and 以 never end a sentence)
    r"|(?<=[\d%])\s+(?=左\s*右|以\s*[上内下]|上\s*下)"  # between a figure and its modifier
)


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text without spaces between CJK characters or inside modifiers, and compact → original offsets."""
    if not _GAPS.search(text):
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    positions: list[int] = []
    cursor = 0
    for gap in _GAPS.finditer(text):
        pieces.append(text[cursor : gap.start()])
        positions.extend(range(cursor, gap.start()))
        cursor = gap.end()
    pieces.append(text[cursor:])
    positions.extend(range(cursor, len(text)))
    positions.append(len(text))
    return "".join(pieces), positions
