"""Rebuild paragraphs that copies ran together, and split text copies' literal line-break escapes.

Aggregators store a whole report as one line; some text copies keep "\\r\\n" as four literal characters.
A new paragraph starts where a section heading follows a sentence end (一、 （一） 1. 第一, 第X部分, ——,
各位代表, the glossary heading) or a colon introducing "(一)". A paragraph still longer than any real one
is cut at sentence ends: downstream steps work per line, and a million-character line must not reach
them whole; thousands of characters with neither a sentence end nor mostly Chinese text are junk (data
URIs, repeated symbols) and are dropped, counted. Every pattern is a fixed-width lookbehind plus a short
lookahead, so scanning is linear.
"""

from __future__ import annotations

import re

_LITERAL_BREAK = re.compile(r"(?:\\r\\n|\\n|\\r)+")
_HEADING_BREAK = re.compile(
    r"(?<=[。!?;！？；])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分"
    r"|第[一二三四五六七八九十]{1,2}[,，、]|\d{1,2}[.、．](?![\d.．])|——(?!—)"
    r"|各位代表[,，:：!！]|(?:附[:：]?)?(?:名词解释|名词注释|注释)[:：]?\s*1[.、．]))"
    # "…重点抓好以下六个方面工作:(一)…": a colon introducing a numbered sub-section.
    r"|(?<=[:：])\s*(?=[(（][一二三四五六七八九十]{1,3}[)）])"
)
# Real report paragraphs stay well below this; a longer one is cut at its last sentence end before it.
MAX_PARAGRAPH_CHARS = 3000
_MIN_CUT = 1000
_SENTENCE_END = re.compile(r"[。!?！？;；][”’」)）]*")
_BREAK_MARK = re.compile(r"[。!?;！？；:：]")
_NOT_HAN = re.compile(r"[^\u4e00-\u9fff]+")
_MIN_HAN_SHARE = 0.3


def restore_literal_breaks(text: str) -> str:
    """Text copies that kept "\\r\\n" escapes as characters get their line breaks back."""
    return _LITERAL_BREAK.sub("\n", text) if "\\" in text else text


def _cut_long(paragraph: str) -> list[tuple[str, bool]]:
    """(piece, cut at a sentence end) pieces of at most MAX_PARAGRAPH_CHARS."""
    # An index walks the text: slicing off the rest each time would copy a 50 MB line thousands of times.
    pieces: list[tuple[str, bool]] = []
    start = 0
    while len(paragraph) - start > MAX_PARAGRAPH_CHARS:
        window = paragraph[start + _MIN_CUT:start + MAX_PARAGRAPH_CHARS]
        ends = [found.end() for found in _SENTENCE_END.finditer(window)]
        cut = _MIN_CUT + ends[-1] if ends else MAX_PARAGRAPH_CHARS
        pieces.append((paragraph[start:start + cut].strip(), bool(ends)))
        start += cut
    pieces.append((paragraph[start:].strip(), True))
    return [(piece, at_sentence) for piece, at_sentence in pieces if piece]


def _is_junk(piece: str) -> bool:
    """A hard-cut piece (thousands of characters without a sentence end) that is not even mostly Chinese:
    encoded data, repeated symbols, markup debris. Chinese text without punctuation is kept."""
    return len(_NOT_HAN.sub("", piece)) < _MIN_HAN_SHARE * len(piece)


def rebuild_paragraphs(line: str, stats: dict[str, int] | None = None) -> list[str]:
    """The paragraphs a (possibly run-together) line holds. Junk pieces of giant lines are dropped and
    counted in stats["junk_chars_removed"]."""
    if len(line) <= MAX_PARAGRAPH_CHARS and (len(line) < 8 or not _BREAK_MARK.search(line)):
        return [line]  # no sentence end or colon: nothing to break at
    parts = [line]
    if _BREAK_MARK.search(line):
        parts = [part.strip() for part in _HEADING_BREAK.split(line) if part.strip()]
    paragraphs: list[str] = []
    for part in parts:
        if len(part) <= MAX_PARAGRAPH_CHARS:
            paragraphs.append(part)
            continue
        for piece, at_sentence in _cut_long(part):
            if at_sentence or not _is_junk(piece):
                paragraphs.append(piece)
            elif stats is not None:
                stats["junk_chars_removed"] = stats.get("junk_chars_removed", 0) + len(piece)
    return paragraphs
