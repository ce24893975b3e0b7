"""The source registry: the bundled file is valid, every kind of mistake is reported with its place,
selection by name or group, the sample placeholder, due sources and the congress season."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import pytest
import yaml

from crawler.registry import (
    BUNDLED_REGISTRY,
    load_registry,
    needs_sample_portal,
    parse_registry,
    select,
    with_base_url,
)
from crawler.round_state import due_sources, in_congress_season, revisit_interval
from govreports.errors import ConfigError


def _entry(**overrides: Any) -> dict[str, Any]:
    entry = {"name": "gd", "kind": "gov_portal", "region": {"name": "广东省", "code": "440000"},
             "start_urls": ["https://www.gd.gov.cn/zwgk/gzbg/"]}
    entry.update(overrides)
    return {key: value for key, value in entry.items() if value is not None}


def _problems(*entries: dict[str, Any], **top: Any) -> list[str]:
    return parse_registry({"version": 1, "sources": list(entries), **top})[1]


def test_bundled_registry_is_valid_and_covers_every_province() -> None:
    sources = load_registry()
    provinces = {s.region.code for s in sources if s.region and s.region.code.endswith("0000")}
    assert len(provinces) == 31  # every province-level division has an official portal entry
    assert all(s.kind in ("gov_portal", "aggregator") for s in sources)
    real = [s for s in sources if s.group != "sample"]
    assert real and all(not s.verified for s in real)  # written offline: honestly marked unverified
    assert {s.name for s in select(sources, ["sample"])} == {"sample-bishan", "sample-yubei", "sample-gaoping",
                                                             "sample-cyyq"}
    assert next(s for s in sources if s.name == "sample-cyyq").authority < next(
        s for s in sources if s.name == "sample-bishan").authority


def test_valid_entry_gets_defaults() -> None:
    (source,), problems = parse_registry({"sources": [_entry()], "defaults": {"revisit": "2d"}})
    assert problems == []
    assert source.region is not None and (source.region.name, source.region.code) == ("广东省", "440000")
    assert source.revisit_s == 2 * 86400 and source.revisit_in_season_s == 6 * 3600
    assert source.authority == 100 and source.doc_types == ("work_report",)


def test_county_region_name_is_qualified() -> None:
    (source,), _ = parse_registry({"sources": [_entry(region={"name": "璧山区", "code": "500120"})]})
    assert source.region is not None and source.region.name == "重庆市璧山区"


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (_entry(name="Bad Name"), "name: 'Bad Name' is not a valid name"),
        (_entry(kind="portal"), "kind: 'portal' is not one of gov_portal, aggregator"),
        (_entry(region=None), "region: an official portal needs the region"),
        (_entry(region={"name": "广东省", "code": "999999"}), "region.code: 999999 is not in pipeline/data/divisions.tsv"),
        (_entry(region={"name": "广东省", "code": "44000"}), "not a 6-digit division code"),
        (_entry(region={"name": "广西省", "code": "440000"}), "region.name: '广西省' does not match division 440000"),
        (_entry(start_urls=[]), "start_urls: give at least one start URL"),
        (_entry(start_urls=["ftp://x.gov.cn/"]), "start_urls[0]: 'ftp://x.gov.cn/': only http"),
        (_entry(revisit="daily"), "revisit: 'daily' is not a duration"),
        (_entry(revisit="1m"), "revisit: '1m' is outside"),
        (_entry(revisit="6h", revisit_in_season="1d"), "revisit_in_season: must not be longer than revisit"),
        (_entry(authority="high"), "authority: 'high' must be an integer"),
        (_entry(selectors={"detail_links": "ul > > a"}), "selectors.detail_links: 'ul > > a' is not a valid CSS"),
        (_entry(selectors={"details": "a"}), "selectors.details: unknown selector"),
        (_entry(start_url="https://x.gov.cn/"), "unknown key 'start_url'"),
        (_entry(enabled="yes"), "enabled: must be true or false"),
        (_entry(doc_types=["report"]), "doc_types: must be a list of"),
        (_entry(start_urls=["{sample_portal}/a/"]), "allow_private: a {sample_portal} source is served on loopback"),
    ],
)
def test_each_mistake_is_reported_with_its_place(entry: dict[str, Any], message: str) -> None:
    problems = _problems(entry)
    assert any(message in line and line.startswith("sources[0]") for line in problems), problems


def test_problems_across_entries_are_all_listed() -> None:
    other_url = ["https://www.gd.gov.cn/zwgk/jhgh/"]
    problems = _problems(_entry(), _entry(kind="x"), _entry(name="gd2"), _entry(start_urls=other_url), version=2)
    assert "version: unsupported version 2" in problems[0]
    assert any(line.startswith("sources[1] (gd).kind: ") for line in problems)
    assert any("belongs to both 'gd' and 'gd2'" in line for line in problems)
    assert any("name 'gd' is used twice" in line for line in problems)


def test_aggregator_needs_no_region() -> None:
    (source,), problems = parse_registry({"sources": [_entry(kind="aggregator", region=None)]})
    assert problems == [] and source.region is None and source.authority == 10


def test_load_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "sources.yaml"
    bad.write_text("sources: [\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="not valid YAML"):
        load_registry(bad)
    with pytest.raises(ConfigError, match="cannot read"):
        load_registry(tmp_path / "missing.yaml")
    bad.write_text(yaml.safe_dump({"sources": [_entry(kind="x"), _entry(name="b", revisit="x")]}), encoding="utf-8")
    with pytest.raises(ConfigError, match=r"2 problem\(s\)") as info:
        load_registry(bad)
    assert str(bad) in str(info.value)


def test_select_by_name_and_group_and_unknown_names() -> None:
    sources = load_registry(BUNDLED_REGISTRY)
    assert [s.name for s in select(sources, ["guangdong"])] == ["guangdong"]
    with pytest.raises(ConfigError, match="unknown source"):
        select(sources, ["guangdong", "atlantis"])


def test_sample_placeholder_is_substituted() -> None:
    sample = select(load_registry(), ["sample-bishan"])
    assert needs_sample_portal(sample)
    served = with_base_url(sample[0], "http://127.0.0.1:5555/")
    assert served.start_urls == ("http://127.0.0.1:5555/bishan/zwgk/zfgzbg/",) and not needs_sample_portal([served])


def test_congress_season_and_due_sources() -> None:
    (source,), _ = parse_registry({"sources": [_entry(revisit="1d", revisit_in_season="4h")]})
    february = datetime(2025, 2, 10, 12, tzinfo=timezone.utc)
    july = datetime(2025, 7, 10, 12, tzinfo=timezone.utc)
    assert in_congress_season(february) and not in_congress_season(july)
    # 31 March 20:00 UTC is already 1 April in China
    assert not in_congress_season(datetime(2025, 3, 31, 20, tzinfo=timezone.utc))
    assert revisit_interval(source, february) == 4 * 3600 and revisit_interval(source, july) == 86400
    five_hours_ago = {"gd": {"finished": february.timestamp() - 5 * 3600}}
    assert due_sources([source], five_hours_ago, february) == [source]  # in season: due after 4 h
    assert due_sources([source], {"gd": {"finished": july.timestamp() - 5 * 3600}}, july) == []
    assert due_sources([source], {}, july) == [source]  # never crawled
    sample = select(load_registry(), ["sample"])
    assert due_sources(sample, {}, july) == []  # the sample portal is crawled only when named
