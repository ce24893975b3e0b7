"""The benchmark corpus: the seed reports repeated and perturbed into as many reports as a figure needs.

The five seed pages carry 23 reports (three portal articles, twenty aggregator entries). Variant 0 of
each is the seed text as scraped; every later variant shifts its years, jitters its decimal figures and
drops a tenth of its body paragraphs, so no two reports of the corpus are the same text (a pipeline
cache or the segmenter's last-text memo cannot make repeats free) while the language, the damage and
the length distribution stay the seeds' own. Everything here is deterministic (seeded `random.Random`)
and pure: reports are plain text, `bench.portal` turns them into HTML pages.
"""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from functools import lru_cache

from runtime.sample_portal import seeds

_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?=\s*年)")
_DECIMAL = re.compile(r"(?<![\d.])(\d{1,6})\.(\d{1,3})(?![\d.])")
_SENTENCE_END = re.compile(r"(?<=[。！？；])")
# The first paragraphs hold title, meeting line and salutation: kept by every variant.
KEPT_OPENING = 3
DROP_FRACTION = 0.1
NUMBER_JITTER = 0.1


@dataclass(frozen=True)
class Report:
    title: str
    paragraphs: tuple[str, ...]
    date: str  # yyyy-mm-dd, what a list page shows next to the title
    origin: str  # which seed report and variant, e.g. "002#3/v2"

    @property
    def text(self) -> str:
        """The report as one text: what `jieba.cut` gets and what the chars/s figures count."""
        return "\n".join((self.title, *self.paragraphs))

    @property
    def chars(self) -> int:
        return len(self.text)


@lru_cache(maxsize=1)
def seed_reports() -> tuple[Report, ...]:
    """The 23 reports of the seed pages, unperturbed."""
    found: list[Report] = []
    for prefix, article, date in (("001", seeds.bishan_report(), "2024-02-27"),
                                  ("003", seeds.gaoping_report(), "2025-02-19"),
                                  ("004", seeds.yubei_plan_notice(), "2020-07-11")):
        found.append(Report(article.title, article.paragraphs, date, prefix))
    for prefix in ("000", "002"):
        for index, entry in enumerate(seeds.aggregator_page(prefix).entries):
            found.append(Report(entry.title, entry.paragraphs, entry.date or "2022-03-01", f"{prefix}#{index}"))
    return tuple(found)


def shift_years(text: str, offset: int) -> str:
    """Every four-digit year written before 年 moved by `offset` (2021年 → 2023年 for offset 2)."""
    if offset == 0:
        return text
    return _YEAR.sub(lambda m: str(int(m.group(1)) + offset), text)


def jitter_decimals(text: str, rng: random.Random, spread: float = NUMBER_JITTER) -> str:
    """Each decimal figure (6.5, 2009.5) scaled by a random factor within ±spread, decimals kept."""
    def scaled(match: re.Match[str]) -> str:
        decimals = len(match.group(2))
        value = float(match.group(0)) * (1 + rng.uniform(-spread, spread))
        return f"{value:.{decimals}f}"

    return _DECIMAL.sub(scaled, text)


def drop_paragraphs(paragraphs: tuple[str, ...], rng: random.Random, fraction: float = DROP_FRACTION,
                    keep_opening: int = KEPT_OPENING) -> tuple[str, ...]:
    """Remove `fraction` of the paragraphs after the opening ones (at least one when there are any)."""
    head, body = paragraphs[:keep_opening], list(paragraphs[keep_opening:])
    if not body:
        return paragraphs
    drop = set(rng.sample(range(len(body)), max(1, round(len(body) * fraction)))) if len(body) > 1 else set()
    return head + tuple(p for i, p in enumerate(body) if i not in drop)


def drop_sentences(paragraph: str, rng: random.Random, fraction: float = DROP_FRACTION,
                   keep_opening: int = KEPT_OPENING) -> str:
    """The same removal for a report written as one run-together line (the aggregator entries)."""
    pieces = sentences(paragraph)
    if len(pieces) <= keep_opening + 1:
        return paragraph
    body = pieces[keep_opening:]
    drop = set(rng.sample(range(len(body)), max(1, round(len(body) * fraction))))
    return "".join(pieces[:keep_opening] + [p for i, p in enumerate(body) if i not in drop])


def _shift_date(date: str, offset: int) -> str:
    year, _, rest = date.partition("-")
    return f"{int(year) + offset}-{rest}" if year.isdigit() and rest else date


def variant(report: Report, number: int) -> Report:
    """Variant `number` of a report: 0 is the report itself; others are perturbed copies."""
    if number == 0:
        return report
    rng = random.Random(f"{report.origin}/{number}")
    offset = (number % 5) - 2 or 3  # -2 … +3, never 0: the variant is another year's report
    if len(report.paragraphs) > KEPT_OPENING:
        kept = drop_paragraphs(report.paragraphs, rng)
    else:
        kept = tuple(drop_sentences(p, rng) for p in report.paragraphs)
    paragraphs = tuple(jitter_decimals(shift_years(p, offset), rng) for p in kept)
    return Report(shift_years(report.title, offset), paragraphs, _shift_date(report.date, offset),
                  f"{report.origin}/v{number}")


def build_corpus(count: int, base: tuple[Report, ...] | None = None) -> list[Report]:
    """`count` distinct reports: each seed report in turn, then their variants 1, 2 … (round robin)."""
    if count < 0:
        raise ValueError(f"corpus size must be >= 0, got {count}")
    base = seed_reports() if base is None else base
    if not base:
        raise ValueError("no seed reports to build a corpus from")
    rounds = math.ceil(count / len(base))
    return [variant(report, number) for number in range(rounds) for report in base][:count]


def sentences(text: str) -> list[str]:
    """The text cut after each sentence end (。！？；), line breaks dropped; empty pieces removed."""
    return [piece for piece in _SENTENCE_END.split(text.replace("\n", "")) if piece.strip()]


def excerpt(report: Report, rng: random.Random, target_chars: int, paragraph_chars: int = 300) -> Report:
    """A short report: the opening (title, meeting line, salutation) plus a run of whole sentences from a
    random place in the body, about `target_chars` long, regrouped into paragraphs of ~`paragraph_chars`.

    Aggregator entries keep a whole report on one line, so the cut is by sentence, not by paragraph.
    """
    if len(report.paragraphs) > KEPT_OPENING:
        opening, body = list(report.paragraphs[:2]), sentences("".join(report.paragraphs[2:]))
    else:
        pieces = sentences("".join(report.paragraphs))
        opening, body = pieces[:2], pieces[2:]
    budget = max(0, target_chars - sum(map(len, opening)) - len(report.title))
    start = rng.randrange(len(body)) if body else 0
    chosen: list[str] = []
    for sentence in body[start:] + body[:start]:
        if sum(map(len, chosen)) >= budget:
            break
        chosen.append(sentence)
    grouped: list[str] = []
    for sentence in chosen:
        if grouped and len(grouped[-1]) < paragraph_chars:
            grouped[-1] += sentence
        else:
            grouped.append(sentence)
    return Report(report.title, tuple(opening + grouped), report.date, f"{report.origin}/excerpt")
