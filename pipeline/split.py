"""Clean lines → the documents a page carries: one per report, glossary separated.

Aggregator pages concatenate many reports, each under a short title line ("2022年咸阳市政府工作报告",
"• 【忠县招商】2021年忠县政府工作报告") and usually closed by a bare posting-date line; portals carry one.
A title line is a short line naming a work report or a development plan that is not a numbered section
heading; the text up to the next title line (on aggregator pages: up to the entry's date line) is that
report. Segments too short to be a report (index entries, teasers, related links) are dropped, and a
segment repeating an earlier one (pages that print a notice twice) is kept once. A segment opening with
the meeting line or greeting is a report at half the usual length (abridged aggregator copies). A page
with no report whose text is about one (news of the session, 一图读懂) is one document (`about_report`).

Non-report pages: a page with no segment long enough to be a report (list/index pages carrying only
links) yields an empty list. A segment longer than any report (`MAX_REPORT_CHARS`: a million-character
line, a page of junk text) raises `StepError("split", …)` rather than feed minutes of work downstream. That is the chosen signal: `build_documents` returns no documents and the
worker records the page as *skipped*, not failed.

Each document's `quality` carries chars, paragraphs, glossary_terms, the page's cleaning counts
(chrome_lines_removed, chrome_chars_removed, footnotes_removed, paragraphs_repaired, injected_removed,
…), content_source (how the page's content was chosen: text, rules, gne, readability, markup_stripped),
injected_tokens (spam tokens removed from the page), truncation_reasons (see `completeness.py`) and
`flags`: aggregator_entry, title_repeated_in_text (an aggregator glued the title onto the text;
removed), title_from_page (no title line; the HTML title was used), title_from_text (no title line nor
page title: a bracketed or colon-ended title among the first lines), untitled, title_year_damaged (a year
in the title has lost digits, e.g. "201年"), other_body_report (人大常委会/法院/检察院/政协 report, not the
government's), glossary, injected_tokens, truncated, about_report (a short page about a report, not the
report: see `_page_about_a_report`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from govreports.errors import StepError
from pipeline.clean import CleanPage
from pipeline.completeness import truncation_reasons
from pipeline.report_lines import (SENTENCE_END, TITLE_WORDS, fused_title_end, is_report_opening, is_title_line,
                                   join_broken_titles, unglue_titles)

# A report needs at least this much body text; list-page teasers are far shorter.
MIN_REPORT_CHARS = 600
# A title line directly followed by the report's meeting line or greeting is the report itself, even
# when an aggregator printed an abridged copy; teasers under a title are cut within a line or two.
MIN_OPENED_REPORT_CHARS = 300
# A page with no report that is prose about one (see `_page_about_a_report`) needs this much text.
MIN_ABOUT_REPORT_CHARS = 200
_MIN_ABOUT_REPORT_SENTENCES = 2
_SESSION = re.compile(r"(?:人民代表大会|人大)[^。\n]{0,20}?会议")
_REPORT_NAMED = re.compile(r"工作报告|计划执行情况|计划草案")
# The longest real reports (plan execution reports with tables) stay far below this; a longer segment is
# not one report, and segmenting/extracting it would take minutes, so the page is refused.
MAX_REPORT_CHARS = 500_000
# Trailing lines up to this length without a sentence end are links/signatures, not report text.
_MAX_LINK_CHARS = 64
_TITLE_NOISE = re.compile(r"^[•·\-\s]+|【[^】]{0,12}】")
_BARE_DATE = re.compile(r"^((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
# The heading may carry the first item on the same line when paragraphs ran together.
_GLOSSARY_HEAD = re.compile(r"^[【\[(]?(附[件]?\d?[:：]?)?\s*(名词解释|注释|名词注释|名词注解|词语解释)[】\])]?[:：]?\s*"
                            r"(?=$|\d{1,3}[.、．]|[\u2460-\u2473])")
# Numbers are optional: cleaning strips 〔1〕-style markers, which some reports use to number the glossary.
_GLOSSARY_ITEM = re.compile(r"^(?:\d{1,3}[.、．]\s*|[\u2460-\u2473]\s*)?([^。;；!！?？:：]{1,40}?)[:：](.+)$")
_GLOSSARY_ITEM_BREAK = re.compile(r"(?<=[。;；!！])\s*(?=\d{1,3}[.、．](?!\d)|[\u2460-\u2473])")
# Reports of other bodies share the "工作报告" wording; they are kept but flagged for the worker/metadata.
_OTHER_BODY = re.compile(r"人大常委会|人民法院|人民检察院|法院|检察院|政协|常务委员会")
_DAMAGED_YEAR = re.compile(r"(?<!\d)(\d{1,3}|\d{5,})年")
_WORK_REPORT = re.compile(r"工作报告")
_TITLE_WRAPPING = re.compile(r"^[《〈\[【]\s*|\s*[》〉\]】]?\s*[:：]?$")
_OPENING_TITLE_LINES = 5


@dataclass
class CleanDoc:
    title: str
    text: str
    published_date: str | None = None
    glossary: list[dict[str, str]] = field(default_factory=list)
    quality: dict[str, object] = field(default_factory=dict)
    content_hash: str = ""


def clean_title(line: str) -> str:
    return _TITLE_NOISE.sub("", line).strip()


def split_glossary(lines: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """Body lines before the glossary heading, and the glossary as {"term", "definition"} items."""
    for index, line in enumerate(lines):
        head = _GLOSSARY_HEAD.match(line)
        if not head:
            continue
        rest = [line[head.end():]] + lines[index + 1:]
        items = [part.strip() for chunk in rest for part in _GLOSSARY_ITEM_BREAK.split(chunk) if part.strip()]
        glossary: list[dict[str, str]] = []
        for item in items:
            found = _GLOSSARY_ITEM.match(item)
            if found:
                glossary.append({"term": found.group(1).strip(), "definition": found.group(2).strip()})
            elif glossary:  # a continuation line of the previous definition
                glossary[-1]["definition"] += item
        return lines[:index], glossary
    return lines, []


def trim_trailing_links(lines: list[str]) -> tuple[list[str], list[str]]:
    """Split off the run of short, sentence-less lines after a report's last paragraph (related links,
    signatures): (body, trimmed)."""
    end = len(lines)
    while end > 0 and len(lines[end - 1]) <= _MAX_LINK_CHARS and not SENTENCE_END.search(lines[end - 1]):
        end -= 1
    return lines[:end], lines[end:]


def _bare_date(line: str) -> str | None:
    found = _BARE_DATE.match(line)
    if not found:
        return None
    return f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"


def _until_date_line(lines: list[str]) -> tuple[list[str], str | None]:
    """An aggregator entry ends at its posting-date line; what follows is site chrome."""
    for index, line in enumerate(lines):
        date = _bare_date(line)
        if date:
            return lines[:index], date
    return lines, None


def _drop_repeated_title(title: str, lines: list[str], flags: list[str]) -> list[str]:
    # Aggregators glue the title onto the first paragraph ("2022年咸阳市政府工作报告2022年3月28日在…").
    if title and lines and lines[0].startswith(title) and len(lines[0]) > len(title):
        flags.append("title_repeated_in_text")
        return [lines[0][len(title):].strip()] + lines[1:]
    return lines


def _minimum_chars(body: list[str]) -> int:
    return MIN_OPENED_REPORT_CHARS if body and is_report_opening(body[0]) else MIN_REPORT_CHARS


def content_hash(text: str) -> str:
    """sha1 of the text with all whitespace removed, so re-wrapped copies of one report hash equal."""
    return hashlib.sha1(re.sub(r"\s+", "", text).encode("utf-8")).hexdigest()


def _make_doc(title: str, lines: list[str], page: CleanPage, aggregator: bool,
              minimum: int | None = None) -> CleanDoc | None:
    flags: list[str] = []
    date = None
    if aggregator:
        flags.append("aggregator_entry")
        lines, date = _until_date_line(lines)
    else:
        lines = [line for line in lines if not _bare_date(line)]
    title = clean_title(title)
    lines = _drop_repeated_title(title, lines, flags)
    lines, glossary = split_glossary(lines)
    lines, trimmed = trim_trailing_links(lines)
    text = "\n".join(lines)
    if len(text) < (minimum or _minimum_chars(lines)):
        return None
    if len(text) > MAX_REPORT_CHARS:
        raise StepError("split", f"a segment of {len(text):,} characters under {title[:40]!r} is longer than any "
                                 f"report (limit {MAX_REPORT_CHARS:,}): not a report page")
    if glossary:
        flags.append("glossary")
    if _DAMAGED_YEAR.search(title):
        flags.append("title_year_damaged")
    if _OTHER_BODY.search(title):
        flags.append("other_body_report")
    if page.injected_tokens:
        flags.append("injected_tokens")
    truncated = truncation_reasons(lines, trimmed, work_report=bool(_WORK_REPORT.search(title)),
                                   next_page=not aggregator and page.stats.get("next_page_links", 0) > 0,
                                   more_link_after=not aggregator and page.stats.get("more_link_after_content", 0) > 0)
    if truncated:
        flags.append("truncated")
    quality: dict[str, object] = {
        **page.stats,
        "chars": len(text),
        "paragraphs": len(lines),
        "glossary_terms": len(glossary),
        "content_source": page.content_source,
        "injected_tokens": list(page.injected_tokens),
        "truncation_reasons": truncated,
        "flags": flags,
    }
    return CleanDoc(
        title=title,
        text=text,
        published_date=date or page.published_date,
        glossary=glossary,
        quality=quality,
        content_hash=content_hash(text),
    )


def split_documents(page: CleanPage) -> list[CleanDoc]:
    lines = unglue_titles(join_broken_titles(page.lines))
    # A title glued to the opening right under the report's title line repeats it: no new report.
    starts = [i for i, line in enumerate(lines) if is_title_line(line)
              and not (i and fused_title_end(line) and is_title_line(lines[i - 1]))]
    segments: list[tuple[str, list[str]]] = []
    if not starts:
        segments.append((page.title, lines))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        segments.append((lines[start], lines[start + 1:end]))
    long_segments = sum(1 for _, body in segments if sum(map(len, body)) >= _minimum_chars(body))
    aggregator = long_segments >= 2
    docs: list[CleanDoc] = []
    seen: set[str] = set()
    for title, body in segments:
        doc = _make_doc(title, body, page, aggregator)
        if doc is None:
            continue
        fingerprint = re.sub(r"\W", "", doc.text[:2000])[:300]
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        docs.append(doc)
    if not docs:
        docs = _page_about_a_report(segments, page)
    if len(docs) == 1:
        _prefer_page_title(docs[0], page)
    return docs


def _page_about_a_report(segments: list[tuple[str, list[str]]], page: CleanPage) -> list[CleanDoc]:
    """A short page about a report (a news story on the session, a 一图读懂 interpretation page) as one
    document flagged `about_report`: users search for it, metadata call it `other`, and `other`
    documents carry no indicators. Only when its longest segment is prose naming both a people's congress
    session and a report: navigation pages and script shells have no such sentences."""
    title, body = max(segments, key=lambda segment: sum(map(len, segment[1])), default=("", []))
    text = "\n".join(body)
    if (len(text) < MIN_ABOUT_REPORT_CHARS or text.count("。") < _MIN_ABOUT_REPORT_SENTENCES
            or not (_SESSION.search(text) and _REPORT_NAMED.search(title + text))):
        return []
    doc = _make_doc(title, body, page, aggregator=False, minimum=MIN_ABOUT_REPORT_CHARS)
    if doc is None:
        return []
    flags = doc.quality["flags"]
    assert isinstance(flags, list)
    flags.append("about_report")
    return [doc]


def _prefer_page_title(doc: CleanDoc, page: CleanPage) -> None:
    flags = doc.quality["flags"]
    assert isinstance(flags, list)
    if page.title and not TITLE_WORDS.search(doc.title) and TITLE_WORDS.search(page.title):
        doc.title = clean_title(page.title)
        flags.append("title_from_page")
    if not doc.title:
        derived = _title_in_opening(doc.text)
        if derived:
            doc.title = derived
            flags.append("title_from_text")
        else:
            flags.append("untitled")


def _title_in_opening(text: str) -> str:
    """A report title among the first lines in a form title lines are not recognised by ("《2019年XX县政府
    工作报告》", "XX县人民政府工作报告:"), for documents that have no title otherwise."""
    for line in text.split("\n", _OPENING_TITLE_LINES)[:_OPENING_TITLE_LINES]:
        candidate = clean_title(_TITLE_WRAPPING.sub("", line.strip()))
        if is_title_line(candidate):
            return candidate
    return ""
