"""Is a report complete? Reasons it looks truncated, from the text alone (no per-site knowledge).

* ends_mid_sentence: the last paragraph stops without a sentence end (teasers, cut copies), or with an
  ellipsis;
* more_link: a "更多 / 全文 / 阅读全文" link follows the text: the page shows an excerpt;
* next_page: the page has a "下一页" link: the report continues on another page;
* no_closing: a work report that opens by addressing the deputies (各位代表) always closes by addressing
  them again ("各位代表！…让我们…"); one whose last part has neither stops before its closing.
"""

from __future__ import annotations

import re

_SENTENCE_END = re.compile(r"[。！？!?][”’」』)）]*$")
_ELLIPSIS_END = re.compile(r"(…|\.{3}|。{3})[”’」』)）]*$")
_MORE_LINK = re.compile(r"[\[【(（<]?\s*(更多|全文|阅读全文|查看全文|展开全文|余下全文|点击查看|查看更多|阅读原文|详情)\s*"
                        r"[\]】)）>»›]*\s*$")
_OPENING_CHARS = 1500
_CLOSING_CHARS = 2000
_CLOSING_CUES = re.compile(r"让我们|各位代表|同志们")


def is_more_link(line: str) -> bool:
    """A "更多 / 全文 / 阅读全文" link line."""
    return bool(_MORE_LINK.match(line.strip()[:30]))


def truncation_reasons(lines: list[str], after: list[str], work_report: bool, next_page: bool,
                       more_link_after: bool = False) -> list[str]:
    """Why `lines` (a report's body) looks cut short. `after` are the lines dropped right after it;
    `more_link_after` says a read-more link followed the content block cleaning kept (HTML pages)."""
    reasons: list[str] = []
    last = lines[-1] if lines else ""
    if not _SENTENCE_END.search(last) or _ELLIPSIS_END.search(last):
        reasons.append("ends_mid_sentence")
    if more_link_after or _MORE_LINK.search(last[-20:]) or (after and is_more_link(after[0])):
        reasons.append("more_link")
    if next_page:
        reasons.append("next_page")
    if work_report and lines:
        text = "\n".join(lines)
        if "各位代表" in text[:_OPENING_CHARS] and not _CLOSING_CUES.search(text[-_CLOSING_CHARS:]):
            reasons.append("no_closing")
    return reasons
