"""Clean lines → the documents a page carries: one per report, glossary separated.

Aggregator pages concatenate many reports, each under a short title line ("2022年咸阳市政府工作报告",
"• 【忠县招商】2021年忠县政府工作报告"); portals carry one. A title line is a short line naming a work
report or a development plan; the text up to the next title line is that report. Segments too short to
be a report (index entries, teasers) are dropped, and a segment repeating an earlier one (pages that
print a notice twice) is kept once. A page with no report at all yields no documents, which the worker
records as *skipped*.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from pipeline.clean import CleanPage

# A report needs at least this much body text; list-page teasers are far shorter.
MIN_REPORT_CHARS = 600
_TITLE_WORDS = re.compile(r"(政府)?工作报告|发展计划|计划执行情况|计划草案|国民经济和社会发展")
_NOT_TITLE = re.compile(r"[。；;！!]$|^关于印发|的通知$|审议|^《")
_TITLE_NOISE = re.compile(r"^[•·\-\s]+|【[^】]{0,12}】")
_BARE_DATE = re.compile(r"^((?:19|20)\d{2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")
_GLOSSARY_HEAD = re.compile(r"^(附[:：]?)?\s*(名词解释|注释|名词注释|词语解释)[:：]?$")
_GLOSSARY_ITEM = re.compile(r"^(\d{1,3})[.、．]\s*(.{1,40}?)[:：](.+)$")
_SENTENCE_END = re.compile(r"[。！？!?；;”」）)]$")


@dataclass
class CleanDoc:
    title: str
    text: str
    published_date: str | None = None
    glossary: list[dict[str, str]] = field(default_factory=list)
    quality: dict[str, object] = field(default_factory=dict)
    content_hash: str = ""


def is_title_line(line: str) -> bool:
    return len(line) <= 64 and bool(_TITLE_WORDS.search(line)) and not _NOT_TITLE.search(line)


def clean_title(line: str) -> str:
    return _TITLE_NOISE.sub("", line).strip()


def split_glossary(lines: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    for index, line in enumerate(lines):
        if _GLOSSARY_HEAD.match(line):
            glossary = []
            for item in lines[index + 1:]:
                found = _GLOSSARY_ITEM.match(item)
                if found:
                    glossary.append({"term": found.group(2).strip(), "definition": found.group(3).strip()})
                elif glossary:  # a continuation line of the previous definition
                    glossary[-1]["definition"] += item
            return lines[:index], glossary
    return lines, []


def trim_trailing_links(lines: list[str]) -> list[str]:
    """Drop the run of short, sentence-less lines after a report's last paragraph (related links)."""
    end = len(lines)
    while end > 0 and len(lines[end - 1]) < 30 and not _SENTENCE_END.search(lines[end - 1]):
        end -= 1
    return lines[:end]


def _date_line(lines: list[str]) -> tuple[list[str], str | None]:
    kept, date = [], None
    for line in lines:
        found = _BARE_DATE.match(line)
        if found:
            date = date or f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
            continue
        kept.append(line)
    return kept, date


def _make_doc(title: str, lines: list[str], page: CleanPage) -> CleanDoc | None:
    lines, date = _date_line(lines)
    lines, glossary = split_glossary(lines)
    lines = trim_trailing_links(lines)
    text = "\n".join(lines)
    if len(text) < MIN_REPORT_CHARS:
        return None
    quality: dict[str, object] = {
        "chars": len(text),
        "paragraphs": len(lines),
        "glossary_terms": len(glossary),
        **page.stats,
    }
    return CleanDoc(
        title=clean_title(title),
        text=text,
        published_date=date or page.published_date,
        glossary=glossary,
        quality=quality,
        content_hash=hashlib.sha1(text.encode("utf-8")).hexdigest(),
    )


def split_documents(page: CleanPage) -> list[CleanDoc]:
    lines = page.lines
    starts = [i for i, line in enumerate(lines) if is_title_line(line)]
    segments: list[tuple[str, list[str]]] = []
    if not starts:
        segments.append((page.title, lines))
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        segments.append((lines[start], lines[start + 1:end]))
    docs: list[CleanDoc] = []
    seen: set[str] = set()
    for title, body in segments:
        doc = _make_doc(title, body, page)
        if doc is None:
            continue
        fingerprint = re.sub(r"\W", "", doc.text)[:300]
        if fingerprint in seen:
            continue
        seen.add(fingerprint)
        docs.append(doc)
    if len(docs) == 1 and page.title and not _TITLE_WORDS.search(docs[0].title) and _TITLE_WORDS.search(page.title):
        docs[0].title = clean_title(page.title)
    return docs
