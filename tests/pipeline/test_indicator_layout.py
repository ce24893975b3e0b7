"""Targets whose modifier is split from the figure by PDF line breaks or OCR spacing."""

from __future__ import annotations

import pytest

from pipeline.extract.compact import squeeze
from tests.pipeline.indicator_cases import INTROS, one, records


@pytest.mark.parametrize(("fragment", "value", "modifier"), [
    ("全省生产总值增长9%左\n右", 9.0, "around"),
    ("全省生产总值增长9%\n左右", 9.0, "around"),
    ("全省生产总值增长9 %\r\n左 右", 9.0, "around"),
    ("全省生产总值增长 9.5 % 左 右", 9.5, "around"),
    ("全省生产总值增长9.5%以\n上", 9.5, "at_least"),
    ("全省生产总值增长9.5%\n以上", 9.5, "at_least"),
])
def test_gdp_target_keeps_a_modifier_split_by_layout(fragment: str, value: float, modifier: str) -> None:
    text = INTROS["province"] + fragment + "；全省固定资产投资增长15%；城镇登记失业率控制在4.6%以\n内。"
    gdp = one(text, 2012, "gdp_growth")
    assert (gdp.value, gdp.modifier) == (value, modifier)
    assert text[gdp.start : gdp.end] == gdp.text and gdp.text.startswith("全省生产总值")
    # The line break did not end the sentence: the targets after it are still read.
    assert one(text, 2012, "fixed_asset_investment_growth").value == 15.0
    jobless = one(text, 2012, "urban_unemployment_rate")
    assert (jobless.value, jobless.modifier) == (4.6, "at_most")


def test_other_line_breaks_still_end_a_sentence() -> None:
    text = "二、2016年主要预期目标\n地区生产总值增长7%左右"
    compact, positions = squeeze(text)
    assert compact == text and positions[-1] == len(text)
    found = records(text, 2016, "gdp_growth")
    assert [(i.value, i.modifier, i.kind) for i in found] == [(7.0, "around", "target")]


def test_squeeze_maps_back_to_the_original_offsets() -> None:
    text = "增长6.5%\n左 右，"
    compact, positions = squeeze(text)
    assert compact == "增长6.5%左右，"
    assert [text[p] for p in positions[:-1]] == list(compact)
