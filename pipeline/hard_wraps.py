"""Text copies of PDFs and OCR scans: lines broken at the page width joined back into paragraphs.

A PDF's text layer (and OCR output, and many text copies made from them) ends a line wherever the
printed line ended, mid-sentence and mid-word: "全年地区生产总值增长6.5%左\n右，一般公共预算收入…". Every
later step reads a line as a paragraph, so a target split over two lines is lost. Such a page is
recognised by its shape: many of its lines are about as wide as its widest ordinary lines (the page
width) and end without a sentence end. On such a page a line as wide as the page that does not end with
。！？… continues on the next line (a colon or semicolon ends no paragraph), unless the next line starts
a heading (一、 （一） 1. 第X部分 — except right after a comma: "一季度下降3%,\n二、三季度回升"), the greeting
(各位代表) or the meeting line (——…). Short lines (titles, the speaker's byline, headings, a paragraph's
last line) are never joined to the next one, and a title or meeting line that happens to be as wide as
the page stays on its own. Page numbers ("- 3 -", "第3页") and running headers (a short line repeated on
three or more pages) of such pages are dropped. A paragraph that comes out longer than any real one is
cut at sentence ends (`paragraphs.rebuild_paragraphs`).

Widths count a Chinese character as 1 and an ASCII character as 1/2, as the page prints them. One pass
over the lines; the page width comes from a bounded sample, so a page of a million lines stays linear.
"""

from __future__ import annotations

import itertools
import operator
import re
from collections import Counter
from dataclasses import dataclass

from pipeline.paragraphs import MAX_PARAGRAPH_CHARS, rebuild_paragraphs
from pipeline.report_lines import fused_title_end, is_title_line

# Colons and semicolons end no paragraph: "主要预期目标是:" and "增长9.1%;" go on, and list items they
# introduce start blocks of their own.
_TERMINAL = re.compile(r"[。！？!?…][”’」』)）】〕]*$")
_STARTS_BLOCK = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}[、.．]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、．.](?!\d)"
    r"|第[一二三四五六七八九十\d]{1,3}(?:部分|章|节|篇)|各位代表|——|附件|附[:：]|名词解释|注释[:：]|[\u2460-\u2473])"
)
_PROSE_MARK = re.compile(r"[，,、；;。：:]")
_STANDS_ALONE = re.compile(r"^(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}日?$")
_DATED = re.compile(r"(?:19|20)\d{2}\s*年")
_MID_CLAUSE = re.compile(r"[，,、]$")
_ADDRESS = re.compile(r"各位代表|——")
_MEETING_LINE = re.compile(r"(?:会议|大会)上[)）]?$")
_CLAUSE_MARK = re.compile(r"[，,。；;：:]")
_PAGE_NUMBER = re.compile(r"^(?:[-—–－\s]*\d{1,4}[-—–－\s]*|第\s*\d{1,4}\s*页(?:\s*[,，/]?\s*共\s*\d{1,4}\s*页)?)$")
_ASCII_WORD_END = re.compile(r"[A-Za-z]$")
_ASCII_WORD_START = re.compile(r"^[A-Za-z]")
_SAMPLE_LINES = 20_000
_MIN_LINES = 8
_MIN_WIDTH = 12  # narrower lines say nothing about the page width
_MAX_PAGE_WIDTH = 120  # printed pages hold 20–60 characters a line; wider "lines" are paragraphs
_FULL_SHARE = 0.85  # a line at least this share of the page width is full
_MIN_WRAPPED_SHARE = 0.35  # share of sampled lines that are full and unterminated on a wrapped page
_RUNNING_HEADER_REPEATS = 3
_TITLE_LINES = 5


def width(line: str) -> float:
    """Printed width: Chinese characters 1, ASCII 1/2 (non-ASCII characters are taken as 3 UTF-8 bytes)."""
    ascii_chars = max(0, (3 * len(line) - len(line.encode("utf-8"))) // 2)
    return len(line) - ascii_chars / 2


@dataclass(frozen=True)
class PageWidth:
    """The width of a full line, printed (Chinese 1, ASCII 1/2: PDFs and scans) and in characters (text
    copies re-wrapped at a character count)."""

    printed: float
    chars: int

    def is_full(self, line: str) -> bool:
        return width(line) >= _FULL_SHARE * self.printed or len(line) >= _FULL_SHARE * self.chars

    def full_lines(self, lines: list[str]) -> list[bool]:
        """`is_full` of every line, in one comprehension (a page can have a hundred thousand lines)."""
        printed, chars = _FULL_SHARE * self.printed, _FULL_SHARE * self.chars
        return [size >= chars or size - (3 * size - len(line.encode("utf-8"))) // 2 / 2 >= printed
                for line, size in zip(lines, map(len, lines))]


def page_width(lines: list[str]) -> PageWidth | None:
    """The page width of a hard-wrapped page; None when the page is not one."""
    sample = [line for line in lines[:_SAMPLE_LINES] if len(line) <= 4 * _MAX_PAGE_WIDTH]
    ordinary = [line for line in sample if width(line) >= _MIN_WIDTH]
    if len(ordinary) < _MIN_LINES:
        return None
    widths = sorted(map(width, ordinary))
    lengths = sorted(map(len, ordinary))
    page = PageWidth(widths[int(0.9 * (len(ordinary) - 1))], lengths[int(0.9 * (len(ordinary) - 1))])
    if page.printed > _MAX_PAGE_WIDTH:
        return None
    # Evidence is prose: a printed line of a sentence holds a comma or a stop somewhere; table cells and
    # menu items of the same width do not.
    wrapped = sum(1 for line in sample if page.is_full(line) and not _TERMINAL.search(line)
                  and _PROSE_MARK.search(line))
    if wrapped < _MIN_LINES // 2 or wrapped < _MIN_WRAPPED_SHARE * len(sample):
        return None
    return page


def _continues(line: str, full: bool, following: str, starts_block: bool) -> bool:
    if not full or _TERMINAL.search(line):
        return False
    if _STANDS_ALONE.match(following) or (_DATED.search(following) and is_title_line(following)
                                          and not _CLAUSE_MARK.search(following)):
        return False  # an aggregator's posting date or the next report's title
    if _STARTS_BLOCK.match(following):
        # "一季度负增长10.1%,\n二、三、四季度稳步恢复": after a comma an enumeration is no heading.
        return bool(_MID_CLAUSE.search(line)) and not _ADDRESS.match(following)
    # A title or meeting line standing at the start of a block stays alone even when as wide as the page.
    return not (starts_block and (_MEETING_LINE.search(line)
                                  or (is_title_line(line) and not _CLAUSE_MARK.search(line)
                                      and not fused_title_end(line))))


def _paragraphs(text: str, stats: dict[str, int] | None) -> list[str]:
    # A rebuilt paragraph longer than any real one is cut at sentence ends like any other long line.
    return [text] if len(text) <= MAX_PARAGRAPH_CHARS else rebuild_paragraphs(text, stats)


def join_hard_wraps(lines: list[str], stats: dict[str, int] | None = None) -> list[str]:
    """The lines of a hard-wrapped page joined into paragraphs; other pages unchanged. Counts joins in
    stats["wrapped_lines_joined"] and dropped page furniture in stats["page_furniture_removed"]."""
    page = page_width(lines)
    if page is None:
        return lines
    full = page.full_lines(lines)
    repeats = Counter(itertools.compress(lines, map(operator.not_, full)))
    joined: list[str] = []
    pieces: list[str] = []  # the paragraph being rebuilt
    last_full = False  # whether pieces[-1] is as wide as the page
    joins = dropped = 0
    for index, (line, is_full) in enumerate(zip(lines, full)):
        # Page furniture between two halves of a paragraph; a running header among the page's first lines
        # is the report's own title and stays.
        if _PAGE_NUMBER.match(line) or (repeats[line] >= _RUNNING_HEADER_REPEATS and index >= _TITLE_LINES):
            dropped += 1
            continue
        if pieces and _continues(pieces[-1], last_full, line, len(pieces) == 1):
            if _ASCII_WORD_END.search(pieces[-1]) and _ASCII_WORD_START.match(line):
                line = " " + line  # English words must not fuse; digits (4.0 + 8%) must
            pieces.append(line)
            last_full = is_full
            joins += 1
            continue
        if pieces:
            joined.extend(_paragraphs("".join(pieces), stats))
        pieces, last_full = [line], is_full
    if pieces:
        joined.extend(_paragraphs("".join(pieces), stats))
    if stats is not None:
        stats["wrapped_lines_joined"] = stats.get("wrapped_lines_joined", 0) + joins
        stats["page_furniture_removed"] = stats.get("page_furniture_removed", 0) + dropped
    return joined
