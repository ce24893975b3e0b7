"""Boilerplate removal for HTML: density-based extractors cross-checked against the rule-based reading.

The rule-based reading (`html_text.html_to_text`) keeps every block except tag- and class-named chrome,
so it never loses report text but keeps unknown templates' sidebars, related-news lists and link
blocks. Two density extractors, gne 0.4.3 (text/tag density, works with lxml 6) and readability-lxml
0.9, each name a content block. Neither is trusted alone: a block is mapped back onto the rule lines and
becomes a region [first matched line, last matched line]; the region is widened to the report's title or
meeting line just above it, and it is accepted only if almost no report-like prose lies outside it (an
extractor that picked one of several content blocks, or a teaser, is rejected). Keeping the whole region
rather than the extractor's own text means paragraphs it skipped inside the article (tables, odd markup)
are kept. Of the accepted regions the tightest wins; with none accepted the rule reading stands.

Extractors run only on pages they can handle quickly and safely (size, element count and nesting
bounded: gne's cost grows with the square of the element count and it recurses per level); any
exception inside them only removes that candidate.
"""

from __future__ import annotations

import copy
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass

from gne import pre_parse
from gne.extractor import ContentExtractor
from readability import Document as ReadabilityDocument

from pipeline.html_text import element_lines, parse_markup, tree_depth
from pipeline.report_lines import is_opening_line

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)  # it logs every failure loudly

MAX_EXTRACTOR_CHARS = 3_000_000
MAX_EXTRACTOR_DEPTH = 200
# gne's scoring grows with the square of the element count (about 0.4 s at 3,000 elements, 4 s at
# 18,000); readability's about linearly. Portal article pages have 1,000–5,000 elements.
MAX_GNE_ELEMENTS = 6_000
MAX_READABILITY_ELEMENTS = 20_000
# Lines shorter than this are too generic ("一、", "首页") to anchor a region.
_ANCHOR_MIN_CHARS = 10
# How far above a region its opening (title, meeting line, 各位代表) may sit.
_OPENING_LOOKBACK = 30
# Report-like prose outside a region: at most this share of the prose inside, and no single long line.
_MAX_OUTSIDE_SHARE = 0.02
_MAX_OUTSIDE_LINE = 200
_PROSE_MIN_CHARS = 40
_SENTENCE_MARK = re.compile(r"[。；;，,]")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_SITE_WORDS = re.compile(r"版权|网站|浏览器|ICP|备案|免责|声明|投稿|地址|电话|邮编|联系|主办|承办|技术支持|隐私|登录|注册|"
                         r"转载|来源|编辑")


@dataclass
class ContentChoice:
    lines: list[str]
    source: str  # "rules", "gne" or "readability"
    trimmed_chars: int  # characters of rule lines left outside the chosen region
    end: int  # index in the rule lines just past the region


def _gne_lines(root: object) -> list[str]:
    tree = pre_parse(copy.deepcopy(root))
    ranked = ContentExtractor().extract(tree)
    return element_lines(ranked[0][1]["node"]) if ranked else []


def _readability_lines(markup: str) -> list[str]:
    summary = ReadabilityDocument(markup).summary(html_partial=True)
    root = parse_markup(summary)
    return element_lines(root) if root is not None else []


def extractor_candidates(markup: str) -> dict[str, list[str]]:
    """Each extractor's content lines; extractors that fail or are skipped are absent."""
    if len(markup) > MAX_EXTRACTOR_CHARS:
        return {}
    root = parse_markup(markup)
    if root is None or root.find(".//body") is None or tree_depth(root) > MAX_EXTRACTOR_DEPTH:
        return {}
    elements = int(root.xpath("count(//*)"))
    runners: dict[str, Callable[[], list[str]]] = {}
    if elements <= MAX_GNE_ELEMENTS:
        runners["gne"] = lambda: _gne_lines(root)
    if elements <= MAX_READABILITY_ELEMENTS:
        runners["readability"] = lambda: _readability_lines(markup)
    candidates: dict[str, list[str]] = {}
    for name, run in runners.items():
        try:
            lines = run()
        except Exception:  # noqa: BLE001 - third-party heuristics; the rule reading is always there
            continue
        if lines:
            candidates[name] = lines
    return candidates


def _key(line: str) -> str:
    return "".join(line.split())


def is_report_prose(line: str) -> bool:
    """A line that reads like report text rather than site furniture."""
    text = line.strip()
    if len(text) < _PROSE_MIN_CHARS or not _SENTENCE_MARK.search(text) or _SITE_WORDS.search(text):
        return False
    return len(_CJK.findall(text)) >= 0.5 * len(text)


def _region(keys: list[str], lines: list[str]) -> tuple[int, int] | None:
    wanted = {key for key in map(_key, lines) if len(key) >= _ANCHOR_MIN_CHARS}
    matched = [i for i, key in enumerate(keys) if len(key) >= _ANCHOR_MIN_CHARS and key in wanted]
    if not matched:
        return None
    low, high = matched[0], matched[-1]
    for index in range(low - 1, max(-1, low - 1 - _OPENING_LOOKBACK), -1):
        if is_opening_line(keys[index]):
            low = index
    return low, high


def _acceptable(rule_lines: list[str], low: int, high: int) -> bool:
    inside = sum(len(line) for line in rule_lines[low:high + 1] if is_report_prose(line))
    outside_lines = [line for line in rule_lines[:low] + rule_lines[high + 1:] if is_report_prose(line)]
    outside = sum(len(line.strip()) for line in outside_lines)
    if inside == 0 or outside > _MAX_OUTSIDE_SHARE * inside:
        return False
    return all(len(line.strip()) < _MAX_OUTSIDE_LINE for line in outside_lines)


def choose_content(rule_lines: list[str], candidates: dict[str, list[str]]) -> ContentChoice:
    """The tightest extractor region that keeps all report prose, else the rule lines unchanged."""
    keys = [_key(line) for line in rule_lines]
    best: tuple[int, str, int, int] | None = None
    for name, lines in candidates.items():
        region = _region(keys, lines)
        if region is None or not _acceptable(rule_lines, *region):
            continue
        span = region[1] - region[0]
        if best is None or span < best[0]:
            best = (span, name, *region)
    if best is None:
        return ContentChoice(lines=rule_lines, source="rules", trimmed_chars=0, end=len(rule_lines))
    _, name, low, high = best
    trimmed = sum(len(key) for key in keys[:low] + keys[high + 1:])
    return ContentChoice(lines=rule_lines[low:high + 1], source=name, trimmed_chars=trimmed, end=high + 1)
