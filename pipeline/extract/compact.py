"""Spaces inside Chinese words removed before reading, with a map back to the original offsets.

PDF and OCR copies put spaces between characters ("地区生产 总值增长 7 %", "政 府 工 作"). Names are matched on a
compact view without spaces between two CJK characters; `positions[i]` is the offset in the original text
of compact character i (and `positions[len(compact)]` the original length), so every fragment still
points at the original text.

A modifier split by a hard line break or by spaces ("增长8.5%左\n右", "8.5%\n左右", "4.2% 以 内") is joined
too, line breaks included: the modifier belongs to the figure before it, and a line break there would
otherwise end the sentence before the modifier. Only these few fixed words are joined across lines; other
line breaks still end a sentence (headings are lines of their own).

A hard wrap (PDF/OCR copy, a page break with its page number line "- 3 -") that falls inside the text of
one sentence is joined only when the line before does not end a sentence and the break visibly cuts a
unit of reading: an indicator name or growth verb runs across it ("全社会固定\n资产投资", "居民消\n- 3 -\n费价格",
"增\n长"), a number or its unit is cut ("6.\n52%", "2303.8亿\n元"), or a verb is cut from its figure
("增长\n8%"). Headings stay lines of their own: a heading line followed by a body line forms no name.
"""

from __future__ import annotations

import re

from pipeline.extract.indicator_names import find_mentions

_SPACE = r"[ \t\u3000\xa0]"
_GAPS = re.compile(
    rf"(?<=[\u3400-\u9fff]){_SPACE}+(?=[\u3400-\u9fff])"  # between two CJK characters, on one line
    r"|(?<=左)\s+(?=右)|(?<=以)\s+(?=[上内下])"  # inside a modifier word (左 and 以 never end a sentence)
    r"|(?<=[\d%])\s+(?=左\s*右|以\s*[上内下]|上\s*下)"  # between a figure and its modifier
)


# A line break (with the spaces around it, and a page-number line) after a line that does not end a sentence.
_BREAK = re.compile(rf"(?<=[^\s。！？!?；;:：]){_SPACE}*\n(?:{_SPACE}*[-—–]?{_SPACE}*\d{{1,3}}{_SPACE}*[-—–]?{_SPACE}*\n)?"
                    rf"{_SPACE}*(?=\S)")
_CUT_WORDS = re.compile(r"增长|下降|降低|提高|上涨|控制在|保持在|达到|以内|以上|左右|预期目标|主要目标")
# A number or its unit cut by the break: tail end and head start, each side's pattern.
_CUT_NUMBER = ((re.compile(r"\d\.$"), re.compile(r"\d")), (re.compile(r"\d$"), re.compile(r"%|％|亿元|万元|万人|元")),
               (re.compile(r"\d[亿万]$"), re.compile(r"[元人吨]")))
_VERB_BEFORE_FIGURE = re.compile(r"(?:增长|下降|降低|提高|达到|控制在|保持在|实现|完成)$")
_WINDOW = 12


def _cuts_a_word(text: str, gap: re.Match[str]) -> bool:
    """The line break `gap` falls inside an indicator name, a growth verb, a number or between verb and figure."""
    tail, head = text[max(0, gap.start() - _WINDOW) : gap.start()], text[gap.end() : gap.end() + _WINDOW]
    if head[:1].isdigit() and _VERB_BEFORE_FIGURE.search(tail):
        return True
    if any(before.search(tail) and after.match(head) for before, after in _CUT_NUMBER):
        return True
    joined, cut = tail + head, len(tail)
    spans = [(m.start, m.end) for m in find_mentions(joined)] + [m.span() for m in _CUT_WORDS.finditer(joined)]
    return any(start < cut < end for start, end in spans)


def _gaps(text: str) -> list[tuple[int, int]]:
    spans = [gap.span() for gap in _GAPS.finditer(text)]
    spans += [gap.span() for gap in _BREAK.finditer(text) if _cuts_a_word(text, gap)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def squeeze(text: str) -> tuple[str, list[int]]:
    """The text without spaces between CJK characters or inside modifiers, and compact → original offsets."""
    gaps = _gaps(text)
    if not gaps:
        return text, list(range(len(text) + 1))
    pieces: list[str] = []
    positions: list[int] = []
    cursor = 0
    for start, end in gaps:
        pieces.append(text[cursor:start])
        positions.extend(range(cursor, start))
        cursor = end
    pieces.append(text[cursor:])
    positions.extend(range(cursor, len(text)))
    positions.append(len(text))
    return "".join(pieces), positions
