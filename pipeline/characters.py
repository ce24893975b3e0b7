"""Character-level repair of page text: one form for every later step, whatever the source.

* NFKC (full-width digits, letters, punctuation and spaces become ASCII), except circled numbers,
  which NFKC would turn into plain digits although they are list markers (②) or footnotes (①);
* zero-width and bidi marks removed (they sit inside words: "人民\u200b政府" must stay one word) and
  control characters removed; replacement characters left by decoding are removed and counted;
* HTML entities that text copies carry literally (&nbsp; &ldquo; &#8220;) resolved;
* letter-spaced words squeezed: OCR and typeset copies space out headings and greetings ("政 府 工 作 报
  告", "各 位 代 表:"); a run of four or more single Chinese characters, each one space apart, loses those
  spaces. Wider gaps (two spaces or more: a title column before a name) and shorter runs ("县长 张 伟")
  are left for the extractors;
* footnote markers removed: 〔1〕 [1] ［1］ superscripts, ★/☆ after a word, and circled numbers that trail a
  word. At most three digits, so document numbers such as 渝北府办发〔2020〕21号 survive; a circled number
  at the start of a clause ("。②加强…") is list numbering and stays.
"""

from __future__ import annotations

import html
import re
import unicodedata

_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00ad\u180e"
                        r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_REPLACEMENT = "\ufffd"
_ENTITY = re.compile(r"&(?:nbsp|ensp|emsp|thinsp|amp|lt|gt|quot|apos|ldquo|rdquo|lsquo|rsquo|hellip|mdash|ndash"
                     r"|middot|bull|times|#\d{2,7}|#[xX][0-9a-fA-F]{2,6});")
# (marker pattern, characters one of which must occur for it to match): the cheap `in` test skips a
# regex pass over the whole page when a kind of marker is absent, as it usually is.
_FOOTNOTES = (
    (re.compile(r"〔\d{1,3}〕"), "〔"),
    (re.compile(r"\[\d{1,3}\]"), "["),
    (re.compile(r"［[0-9０-９]{1,3}］"), "［"),
    (re.compile(r"[¹²³⁴-⁹⁰]+"), "¹²³⁴⁵⁶⁷⁸⁹⁰"),
    (re.compile(r"(?<=[\u4e00-\u9fff”」)）])[★☆]+"), "★☆"),
)
_CIRCLED = re.compile(r"[\u2460-\u2473\u2776-\u277f]")
_CIRCLED_FOOTNOTE = re.compile(r"(?<=[\u4e00-\u9fff”」)）])[\u2460-\u2473\u2776-\u277f]+(?=[,，.。;；:：、!！?？)）]|$)", re.M)
_NFKC_EXEMPT = re.compile(r"[^\u2460-\u24ff\u2776-\u2793]+")
_SPACES = re.compile(r"[ \t\u3000\xa0\u2000-\u200a\u202f\u205f]+")


def remove_invisible(line: str, stats: dict[str, int]) -> str:
    """Zero-width, bidi and control characters out; decoding's replacement marks out and counted."""
    if _REPLACEMENT in line:
        stats["replacement_chars"] = stats.get("replacement_chars", 0) + line.count(_REPLACEMENT)
        line = line.replace(_REPLACEMENT, "")
    line, removed = _INVISIBLE.subn("", line)
    if removed:
        stats["invisible_chars_removed"] = stats.get("invisible_chars_removed", 0) + removed
    return line


def resolve_entities(line: str) -> str:
    return _ENTITY.sub(lambda found: html.unescape(found.group()), line) if "&" in line else line


def strip_footnotes(text: str, stats: dict[str, int]) -> str:
    removed = 0
    for pattern, marks in _FOOTNOTES:
        if any(mark in text for mark in marks):
            text, found = pattern.subn("", text)
            removed += found
    if _CIRCLED.search(text):
        text, found = _CIRCLED_FOOTNOTE.subn("", text)
        removed += found
    stats["footnotes_removed"] = stats.get("footnotes_removed", 0) + removed
    return text


def _nfkc(text: str) -> str:
    if text.isascii():
        return text
    return _NFKC_EXEMPT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), text)


def normalise(line: str) -> str:
    """NFKC except circled numbers; whitespace runs collapsed."""
    return _SPACES.sub(" ", _nfkc(line)).strip()


# Four or more lone CJK characters one space apart (NFKC has turned ideographic spaces into ASCII ones).
# Each match attempt reads at most the run in front of it and runs do not overlap: linear in the text.
_SPACED_CJK = re.compile(r"(?<!\S)[\u3400-\u9fff](?: [\u3400-\u9fff]){3,}")


def squeeze_spaced_cjk(text: str) -> str:
    """Remove the single spaces inside letter-spaced runs of Chinese characters ("各 位 代 表" → "各位代表")."""
    if " " not in text:
        return text
    return _SPACED_CJK.sub(lambda run: run.group().replace(" ", ""), text)


def repair_text(text: str, stats: dict[str, int]) -> list[str]:
    """All character-level repairs of a page's text, then its lines, stripped. The order matters:
    invisible marks first (they split footnote markers and words), footnotes before NFKC (which would
    merge ［1］ into ordinary brackets). Each repair is one regex pass over the whole text: per-line calls
    would cost seconds on a page of a million lines."""
    repaired = squeeze_spaced_cjk(_nfkc(strip_footnotes(resolve_entities(remove_invisible(text, stats)), stats)))
    return [line.strip() for line in _SPACES.sub(" ", repaired).split("\n")]


def repair_line(line: str, stats: dict[str, int]) -> str:
    """`repair_text` for one line (titles)."""
    return " ".join(repair_text(line, stats)).strip()
