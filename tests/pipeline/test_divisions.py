"""The division table and finding its names: every division is reachable by its qualified name."""

from __future__ import annotations

import pytest

from pipeline.extract.divisions import DIVISIONS_FILE, all_divisions, find_mentions
from pipeline.extract.regions import resolve_region


def test_table_is_whole_and_placeholders_are_not_places() -> None:
    rows = [line for line in DIVISIONS_FILE.read_text(encoding="utf-8").splitlines() if not line.startswith("#")]
    assert len(rows) == 3511  # plus the header comment line: 3,512 lines
    names = {d.name for d in all_divisions()}
    assert not names & {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
    assert {d.level for d in all_divisions()} == {"province", "city", "county"}


@pytest.mark.parametrize(("code", "region"), [
    ("500120", "重庆市璧山区"), ("500233", "重庆市忠县"), ("120110", "天津市东丽区"), ("511303", "南充市高坪区"),
    ("610400", "咸阳市"), ("429006", "天门市"), ("630000", "青海省"), ("450000", "广西壮族自治区"),
    ("469005", "文昌市"), ("320583", "苏州市昆山市"),
])
def test_region_rule(code: str, region: str) -> None:
    (division,) = [d for d in all_divisions() if d.code == code]
    assert division.region == region


def test_short_and_renamed_mentions() -> None:
    (short,) = find_mentions("恩施州")
    assert short.exact and short.divisions[0].name == "恩施土家族苗族自治州"
    (bare,) = find_mentions("渝北")
    assert not bare.exact and bare.divisions[0].code == "500112"
    (renamed,) = find_mentions("梁平区")
    assert renamed.renamed and renamed.written == "梁平区" and renamed.divisions[0].name == "梁平县"
    assert [m.written for m in find_mentions("重庆市渝北区")] == ["重庆市", "渝北区"]


def test_every_division_resolves_from_its_qualified_name() -> None:
    wrong = []
    for division in all_divisions():
        found = resolve_region([division.region])
        if (found.region, found.division_code, found.province) != (division.region, division.code, division.province):
            wrong.append((division.region, found))
    assert wrong == []


def test_a_bare_repeated_name_is_never_resolved_wrong() -> None:
    for division in all_divisions():
        found = resolve_region([division.name])
        assert found.region in (None, division.region), division
