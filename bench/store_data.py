"""Synthetic but realistic store contents for the query-latency figure: reports with indicators.

Running the pipeline over thousands of reports would take most of the benchmark's budget, and query
latency depends on the rows, not on how they were made. So documents are generated: regions drawn
from the real division table (provinces, cities and counties in their real proportions), report years
2000–2026, doc types mostly work reports, and per report a fixed number of indicator records drawn
from the indicators the extractor knows, with targets and realised figures, every modifier (ranges
with low/high), 力争 records and plausible values; tracked-phrase counts on a share of the reports.
Deterministic for a given seed; pure (no store here).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from govreports.models import PAGE_STORED, Document, Indicator, PageOutcome, document_id, page_id
from pipeline.extract.divisions import Division, load_divisions

# (indicator id, unit, typical value, spread)
INDICATORS: tuple[tuple[str, str, float, float], ...] = (
    ("gdp_growth", "%", 6.0, 2.0), ("gdp", "亿元", 3000.0, 2500.0),
    ("general_budget_revenue_growth", "%", 5.0, 3.0), ("fixed_asset_investment_growth", "%", 8.0, 4.0),
    ("retail_sales_growth", "%", 7.0, 3.0), ("industrial_value_added_growth", "%", 7.0, 3.0),
    ("urban_unemployment_rate", "%", 5.0, 0.8), ("cpi_growth", "%", 3.0, 0.5),
    ("disposable_income_growth", "%", 6.5, 1.5), ("trade_growth", "%", 5.0, 6.0),
    ("new_urban_jobs", "万人", 10.0, 8.0), ("grain_output", "万吨", 300.0, 250.0),
    ("energy_intensity_reduction", "%", 3.0, 1.0), ("rd_spending_ratio", "%", 2.2, 0.8),
)
MODIFIERS = ("point", "around", "at_least", "above", "at_most", "range")
DOC_TYPES = ("work_report",) * 7 + ("dev_plan", "dev_plan", "plan_outline")
PHRASES = ("新质生产力", "高质量发展", "乡村振兴", "化债", "碳达峰")
PHRASE_SHARE = 0.4


@dataclass(frozen=True)
class StoreShape:
    documents: int
    indicators_per_document: int
    documents_per_page: int = 1  # aggregator pages carry several reports: fewer, larger transactions

    @property
    def indicators(self) -> int:
        return self.documents * self.indicators_per_document


@lru_cache(maxsize=1)
def divisions() -> tuple[Division, ...]:
    return tuple(load_divisions())


def indicator(rng: random.Random, year: int) -> Indicator:
    name, unit, typical, spread = rng.choice(INDICATORS)
    kind = "target" if rng.random() < 0.6 else "actual"
    modifier = rng.choice(MODIFIERS)
    value = round(typical + rng.uniform(-spread, spread), 1)
    low = high = None
    if modifier == "range":
        low, high, value = value, round(value + rng.choice((0.5, 1.0)), 1), None
    return Indicator(indicator=name, kind=kind, year=year if kind == "target" else year - 1, value=value, low=low,
                     high=high, unit=unit, modifier=modifier, strive=kind == "target" and rng.random() < 0.1,
                     text=f"{name} {value if value is not None else f'{low}-{high}'}{unit}")


def document(rng: random.Random, number: int, per_document: int) -> Document:
    place = rng.choice(divisions())
    year = rng.randint(2000, 2026)
    url = f"https://bench.invalid/{place.code}/{year}/{number}.html"
    phrases = {phrase: rng.randint(1, 6) for phrase in PHRASES if rng.random() < PHRASE_SHARE}
    title = f"{year}年{place.region}政府工作报告"
    return Document(
        id=document_id(url, 0), title=title, text=title + "。" + "推动高质量发展。" * 20,
        doc_type=rng.choice(DOC_TYPES), region=place.region, province=place.province, admin_level=place.level,
        division_code=place.code, report_year=year, indicators=[indicator(rng, year).to_dict() for _ in range(per_document)],
        phrase_counts=phrases, tokens=" ".join([title] + ["推动", "高质量", "发展"] * 20), source_url=url,
    )


def pages(shape: StoreShape, seed: int = 11) -> Iterator[tuple[PageOutcome, list[Document]]]:
    """(outcome, documents) per page, as a worker would save them; every page but maybe the last carries
    `documents_per_page` documents."""
    rng = random.Random(seed)
    docs = [document(rng, number, shape.indicators_per_document) for number in range(shape.documents)]
    step = max(1, shape.documents_per_page)
    for start in range(0, len(docs), step):
        group = docs[start:start + step]
        url = group[0].source_url
        yield (PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED, document_ids=[d.id for d in group],
                           source="bench"), group)
