"""Shared helpers for the indicator tests: run the extractor and check one record completely."""

from __future__ import annotations

from govreports.models import Indicator
from pipeline.extract.indicators import extract_indicators

# Target statements as reports of different decades and levels open them.
INTROS = {
    "province": "今年全省经济社会发展的主要预期目标是：",
    "city": "综合考虑各方面因素，今年全市经济社会发展的主要预期目标是：",
    "county": "今年全县经济社会发展的主要目标是：",
    "district": "今年，全区经济社会发展的主要预期目标建议为：",
    "plain": "今年主要预期目标是:",
}


def records(text: str, year: int | None, indicator: str | None = None, kind: str | None = None) -> list[Indicator]:
    found = extract_indicators(text, year)
    for item in found:
        assert text[item.start : item.end] == item.text, "offsets must point at the quoted fragment"
    return [i for i in found if (indicator is None or i.indicator == indicator) and (kind is None or i.kind == kind)]


def one(text: str, year: int | None, indicator: str, kind: str = "target", strive: bool | None = None) -> Indicator:
    found = [i for i in records(text, year, indicator, kind) if strive is None or i.strive == strive]
    assert found, f"no {indicator}/{kind} in {text!r}: {extract_indicators(text, year)}"
    return found[0]


def figure(item: Indicator) -> tuple:
    """The comparable part of a record: value, low, high, unit, modifier, kind, year, strive, scope."""
    return (item.value, item.low, item.high, item.unit, item.modifier, item.kind, item.year, item.strive, item.scope)
