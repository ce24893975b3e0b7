"""Read the five seed pages (`seeds/*.txt`, the user's real scraped pages) and take them apart into what
a portal template needs: title, body paragraphs and, for the aggregator pages, the entries and the
site text around them.

The seeds are scraped *text* of whole pages, chrome included (breadcrumb, font-size bar, "扫一扫…",
link groups); that chrome is rebuilt by the templates, so only the article part is taken here. Nothing
is rewritten: OCR/scrape damage (`——202423日`, `〔202021`), the injected token 亚洲通, the title/year
mismatch of the 厦门 entry all stay as the user's pages have them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

SEEDS_DIR = Path(__file__).resolve().parent / "seeds"
QR_LINE = "扫一扫在手机打开当前页"
AGGREGATOR_TAIL = "有想补充的信息?点我投稿"
_DATE_LINE = re.compile(r"^(?:19|20)\d{2}-\d{2}-\d{2}$")
_BULLET = re.compile(r"^[•\-]\s*")
_TAG = re.compile(r"^(【[^】]{1,12}】)")


@dataclass(frozen=True)
class Article:
    title: str
    paragraphs: tuple[str, ...]


@dataclass(frozen=True)
class AggregatorEntry:
    tag: str  # the aggregator's label, e.g. 【渝北区招商】; may be empty
    title: str
    paragraphs: tuple[str, ...]
    date: str


@dataclass(frozen=True)
class AggregatorPage:
    entries: tuple[AggregatorEntry, ...]
    tail: tuple[str, ...] = field(default=())  # the site text after the entries, in order


@lru_cache(maxsize=None)
def seed_lines(prefix: str) -> tuple[str, ...]:
    """Non-empty, stripped lines of the seed whose file name starts with `prefix` (e.g. "001")."""
    matches = sorted(SEEDS_DIR.glob(f"{prefix}_*.txt"))
    if len(matches) != 1:
        raise FileNotFoundError(f"expected one seed {prefix}_*.txt in {SEEDS_DIR}, found {len(matches)}")
    return tuple(line.strip() for line in matches[0].read_text(encoding="utf-8").splitlines() if line.strip())


def _until(lines: tuple[str, ...], marker: str) -> tuple[str, ...]:
    return lines[: lines.index(marker)] if marker in lines else lines


def bishan_report() -> Article:
    """Seed 001: breadcrumb, title, 日期 line, report, then 扫一扫 and the related-link group names."""
    lines = seed_lines("001")
    return Article(title=lines[1], paragraphs=_until(lines, QR_LINE)[3:])


def gaoping_report() -> Article:
    """Seed 003: title, report with glossary, 扫一扫."""
    lines = seed_lines("003")
    return Article(title=lines[0], paragraphs=_until(lines, QR_LINE)[1:])


def yubei_plan_notice() -> Article:
    """Seed 004: breadcrumb, notice title, 字体 bar, then the notice and the plan it publishes."""
    lines = seed_lines("004")
    return Article(title=lines[1], paragraphs=lines[3:])


def aggregator_page(prefix: str) -> AggregatorPage:
    """Seeds 000/002: entries of (bullet) title, text, date line; then the site's own text."""
    lines = seed_lines(prefix)
    body = _until(lines, AGGREGATOR_TAIL)
    entries: list[AggregatorEntry] = []
    current: list[str] = []
    for line in body + ("-",):  # a final bullet closes the last entry
        if _BULLET.match(line):
            if current:
                entries.append(_entry(current))
            current = [_BULLET.sub("", line)] if line != "-" else []  # "-" alone: the title is the next line
        else:
            current.append(line)
    return AggregatorPage(entries=tuple(entries), tail=lines[len(body):])


def _entry(lines: list[str]) -> AggregatorEntry:
    heading, *rest = lines
    date = rest.pop() if rest and _DATE_LINE.match(rest[-1]) else ""
    tag_match = _TAG.match(heading)
    tag = tag_match.group(1) if tag_match else ""
    return AggregatorEntry(tag=tag, title=heading[len(tag):].strip(), paragraphs=tuple(rest), date=date)
