"""The second blind held-out set (tests/fixtures/heldout2) is well-formed.

Every label names a page that exists and decodes, every quote occurs in that page's text, every field is
in its allowed set and the years agree with each other. No accuracy thresholds: the set measures the
extractor (`govreports eval tests/fixtures/heldout2/labels`), it does not gate it. The page text is decoded
here independently of `pipeline.decode`, so a fixture that only the pipeline could read would fail.
"""

from __future__ import annotations

import codecs
import html
import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from pipeline.evaluate import parse_labels

SET_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "heldout2"
LABEL_FILES = sorted((SET_DIR / "labels").glob("*.jsonl"))

METADATA_FIELDS = ("doc_type", "region", "province", "admin_level", "division_code", "report_year",
                   "meeting_date", "meeting_name", "speaker", "speaker_title")
DOC_TYPES = {"work_report", "dev_plan", "plan_outline", "stat_bulletin", "other"}
ADMIN_LEVELS = {"province", "city", "county"}
FLAGS = {"title_year_mismatch", "injected_tokens", "truncated"}
MODIFIERS = {"point", "around", "at_least", "above", "at_most", "range"}
UNITS = {"gdp": "亿元", "general_budget_revenue": "亿元", "retail_sales": "亿元", "gdp_per_capita": "元",
         "new_urban_jobs": "万人"}
PERCENT_IDS = {"gdp_growth", "general_budget_revenue_growth", "fixed_asset_investment_growth",
               "retail_sales_growth", "industrial_value_added_growth", "urban_unemployment_rate",
               "disposable_income_growth", "cpi_growth", "trade_growth", "rd_spending_ratio",
               "energy_intensity_reduction"}
SCOPES = {"urban_unemployment_rate": {"surveyed", "registered"}, "disposable_income_growth": {"urban", "rural", "all"}}
RECORD_KEYS = {"indicator", "kind", "year", "value", "low", "high", "unit", "modifier", "strive", "scope", "quote"}


def _load_records() -> list[tuple[str, dict[str, Any]]]:
    records = []
    for file in LABEL_FILES:
        for number, line in enumerate(file.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                records.append((f"{file.name}:{number}", json.loads(line)))
    return records


RECORDS = _load_records()


def page_text(path: Path, content_type: str) -> str:
    """The page as readable text: charset from the Content-Type, else a BOM, else <meta>, else UTF-8."""
    raw = path.read_bytes()
    declared = re.search(r"charset=([\w-]+)", content_type, re.I)
    meta = re.search(rb"charset=[\"']?([\w-]+)", raw[:4096], re.I)
    if declared:
        encoding = declared.group(1)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encoding = "utf-16"
    elif meta:
        encoding = meta.group(1).decode("ascii")
    else:
        encoding = "utf-8-sig"
    if encoding.lower() in {"gb2312", "gbk"}:
        encoding = "gb18030"  # what browsers do with these labels
    text = raw.decode(encoding)  # strict: a mislabelled fixture fails here
    if content_type.startswith("text/html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", text))
    return text


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_every_page_has_labels_and_the_scorer_reads_every_file() -> None:
    pages = {p.name for p in (SET_DIR / "pages").iterdir()}
    named = {Path(record["source"]).name for _, record in RECORDS}
    assert len(LABEL_FILES) >= 30
    assert pages == named
    for file in LABEL_FILES:
        lines = [line for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
        assert len(parse_labels(file.read_text(encoding="utf-8"), file.name)) == len(lines)


@pytest.mark.parametrize("file", LABEL_FILES, ids=lambda f: f.stem)
def test_positions_follow_page_order(file: Path) -> None:
    records = [json.loads(line) for line in file.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert [r["position"] for r in records] == list(range(len(records)))
    assert len({r["source"] for r in records}) == 1
    text = _squeeze(page_text(file.parent / records[0]["source"], records[0]["content_type"]))
    at = 0
    for record in records:  # each title found after the previous one
        at = text.find(_squeeze(record["title"]), at)
        assert at >= 0, f"{file.name}: title {record['title']!r} not after the previous report's"
        at += 1


@pytest.mark.parametrize(("origin", "record"), RECORDS, ids=[origin for origin, _ in RECORDS])
def test_label_record(origin: str, record: dict[str, Any]) -> None:
    assert {"source", "content_type", "position", "title", "metadata", "indicators", "flags", "notes"} <= set(record)
    page = SET_DIR / "labels" / record["source"]
    assert page.is_file(), f"{origin}: no page {record['source']}"
    assert record["content_type"].split(";")[0] in {"text/html", "text/plain"}
    text = page_text(page, record["content_type"])
    assert _squeeze(record["title"]) in _squeeze(text)
    assert set(record["flags"]) <= FLAGS
    _check_metadata(record["metadata"])
    meta = record["metadata"]
    for item in record["indicators"]:
        _check_indicator(item, meta)
        assert item["quote"] and item["quote"] in text, f"{origin}: quote not on page: {item['quote']!r}"
    targets = [i for i in record["indicators"] if i["kind"] == "target" and i["indicator"] != "gdp_growth"]
    if meta["doc_type"] in {"work_report", "dev_plan"} and "truncated" not in record["flags"]:
        assert len(targets) >= 4, f"{origin}: fewer than four non-GDP targets"
    if meta["doc_type"] == "other":
        assert record["indicators"] == []  # non-report pages carry no labelled figures (see README)


def _check_metadata(meta: dict[str, Any]) -> None:
    assert tuple(meta) == METADATA_FIELDS
    assert meta["doc_type"] in DOC_TYPES
    assert meta["admin_level"] in ADMIN_LEVELS
    assert isinstance(meta["report_year"], int) and 2000 <= meta["report_year"] <= 2026
    for name in ("region", "province"):
        assert isinstance(meta[name], str) and meta[name]
    code = meta["division_code"]
    assert code is None or re.fullmatch(r"\d{6}", code)
    if code is not None:
        expected_level = "province" if code.endswith("0000") else "city" if code.endswith("00") else "county"
        assert meta["admin_level"] == expected_level
    if meta["admin_level"] == "province":
        assert meta["region"] == meta["province"]
    for name in ("meeting_name", "speaker", "speaker_title"):
        assert meta[name] is None or (isinstance(meta[name], str) and meta[name] and " " not in meta[name])
    if meta["meeting_date"] is not None:
        held = date.fromisoformat(meta["meeting_date"])
        # A session in November/December sets the next year's targets.
        assert meta["report_year"] == (held.year + 1 if held.month >= 11 else held.year)


def _check_indicator(item: dict[str, Any], meta: dict[str, Any]) -> None:
    assert set(item) == RECORD_KEYS
    name = item["indicator"]
    assert name in UNITS or name in PERCENT_IDS
    assert item["unit"] == UNITS.get(name, "%")
    assert item["kind"] in {"target", "actual"}
    year = meta["report_year"]
    if item["kind"] == "target":
        assert item["year"] == year
    else:
        assert item["year"] == (year if meta["doc_type"] == "stat_bulletin" else year - 1)
    assert item["modifier"] in MODIFIERS
    if item["modifier"] == "range":
        assert item["value"] is None and item["low"] < item["high"]
    else:
        assert isinstance(item["value"], (int, float)) and item["low"] is None and item["high"] is None
    assert isinstance(item["strive"], bool)
    assert item["scope"] in SCOPES.get(name, {""})
