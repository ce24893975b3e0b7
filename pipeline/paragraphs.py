"""Rebuild paragraphs that copies ran together, and split text copies' literal line-break escapes.

Aggregators store a whole report as one line; some text copies keep "\\r\\n" as four literal characters.
A new paragraph starts where a section heading follows a sentence end (一、 （一） 1. 第一, 第X部分, ——,
各位代表, the glossary heading) or a colon introducing "(一)". A paragraph still longer than any real one
is cut at sentence ends: downstream steps work per line, and a million-character line must not reach
them whole. Every pattern is a fixed-width lookbehind plus a short lookahead, so scanning is linear.
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


def restore_literal_breaks(text: str) -> str:
    """Text copies that kept "\\r\\n" escapes as characters get their line breaks back."""
    return _LITERAL_BREAK.sub("\n", text) if "\\" in text else text


def _cut_long(paragraph: str) -> list[str]:
    # An index walks the text: slicing off the rest each time would copy a 50 MB line thousands of times.
    pieces: list[str] = []
    start = 0
    while len(paragraph) - start > MAX_PARAGRAPH_CHARS:
        window = paragraph[start + _MIN_CUT:start + MAX_PARAGRAPH_CHARS]
        ends = [found.end() for found in _SENTENCE_END.finditer(window)]
        cut = _MIN_CUT + ends[-1] if ends else MAX_PARAGRAPH_CHARS  # no sentence end: not prose anyway
        pieces.append(paragraph[start:start + cut].strip())
        start += cut
    pieces.append(paragraph[start:].strip())
    return [piece for piece in pieces if piece]


def rebuild_paragraphs(line: str) -> list[str]:
    """The paragraphs a (possibly run-together) line holds."""
    if len(line) < 8 or not _BREAK_MARK.search(line):  # no sentence end or colon: nothing to break at
        return [line]
    parts = [part.strip() for part in _HEADING_BREAK.split(line) if part.strip()]
    if all(len(part) <= MAX_PARAGRAPH_CHARS for part in parts):
        return parts
    return [piece for part in parts for piece in _cut_long(part)]
