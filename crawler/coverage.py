"""Coverage: for every region the registry covers, which (region, year, document type) reports the store
has, which are missing, and which are overdue — pure functions over the registry and store counts.

Status of one (region, year, doc type):

| status | meaning |
|---|---|
| `found` | at least one document of that type, region (division code, else name) and report year |
| `missing` | none, for a year whose congress season is over (any earlier year) |
| `overdue` | none, for the current year, although its congress season (January–March) has passed |
| `pending` | none yet, for the current year while its congress season is still on |

Rows are flat records (region, code, level, province, year, doc type, status, documents, sources), the
shape of a CSV line and of one document in the Kibana-ready coverage index (`coverage_mapping`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from crawler.sources import Region, Source

FOUND, MISSING, OVERDUE, PENDING = "found", "missing", "overdue", "pending"
STATUSES = (FOUND, MISSING, OVERDUE, PENDING)
CHINA = timezone(timedelta(hours=8))
SEASON_END_MONTH = 4  # the season is over on 1 April (China time)


@dataclass(frozen=True)
class CoverageRow:
    region: str
    code: str
    level: str
    province: str
    year: int
    doc_type: str
    status: str
    documents: int
    sources: tuple[str, ...]  # registry sources covering the region

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sources"] = list(self.sources)
        return data


def season_over(year: int, now: datetime) -> bool:
    return now.astimezone(CHINA) >= datetime(year, SEASON_END_MONTH, 1, tzinfo=CHINA)


def status_of(count: int, year: int, now: datetime) -> str:
    if count:
        return FOUND
    if year < now.astimezone(CHINA).year:
        return MISSING
    return OVERDUE if season_over(year, now) else PENDING


def expected(sources: Iterable[Source]) -> dict[tuple[str, str], tuple[Region, set[str]]]:
    """(code, doc type) → (region, names of the sources that should carry it)."""
    wanted: dict[tuple[str, str], tuple[Region, set[str]]] = {}
    for source in sources:
        for region in source.regions:
            for doc_type in source.doc_types:
                entry = wanted.setdefault((region.code, doc_type), (region, set()))
                entry[1].add(source.name)
    return wanted


def coverage_rows(sources: Iterable[Source], counts: Sequence[dict[str, Any]], years: Sequence[int],
                  now: datetime) -> list[CoverageRow]:
    """One row per expected (region, year, doc type). `counts` are report aggregation rows with keys
    division_code, region, report_year, doc_type and count."""
    from pipeline.extract.divisions import all_divisions

    divisions = {d.code: d for d in all_divisions()}
    found: dict[tuple[str, int, str], int] = {}
    for row in counts:
        year, doc_type = row.get("report_year"), row.get("doc_type")
        for key in (row.get("division_code"), row.get("region")):
            if key and year:
                found[(str(key), int(year), str(doc_type))] = found.get((str(key), int(year), str(doc_type)), 0) + \
                    int(row.get("count", 0))
    rows = []
    for (code, doc_type), (region, names) in sorted(expected(sources).items()):
        division = divisions.get(code)
        for year in years:
            count = found.get((code, year, doc_type)) or found.get((region.name, year, doc_type), 0)
            rows.append(CoverageRow(region=region.name, code=code, level=division.level if division else "",
                                    province=division.province if division else "", year=year, doc_type=doc_type,
                                    status=status_of(count, year, now), documents=count,
                                    sources=tuple(sorted(names))))
    return rows


def summary(rows: Sequence[CoverageRow]) -> dict[str, int]:
    totals = {status: 0 for status in STATUSES}
    for row in rows:
        totals[row.status] += 1
    return totals


def coverage_mapping() -> dict[str, Any]:
    """Mapping of the Kibana-ready coverage index (one document per row)."""
    keyword = {"type": "keyword"}
    return {"dynamic": False, "properties": {
        "region": keyword, "code": keyword, "level": keyword, "province": keyword, "year": {"type": "integer"},
        "doc_type": keyword, "status": keyword, "documents": {"type": "integer"}, "sources": keyword,
        "checked_at": {"type": "date"}}}


def row_id(row: CoverageRow) -> str:
    return f"{row.code}-{row.year}-{row.doc_type}"
