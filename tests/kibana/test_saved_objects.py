"""kibana/govreports.ndjson: parses, is up to date, references resolve, every field exists in the mappings."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from search.es_kibana_objects import saved_objects, to_ndjson
from search.es_mappings import KINDS, mapped_fields

NDJSON = Path(__file__).resolve().parents[2] / "kibana" / "govreports.ndjson"
REQUIRED_CHARTS = {"govreports-vis-gdp-targets", "govreports-vis-target-vs-actual", "govreports-vis-modifier-mix",
                   "govreports-vis-phrase-trends", "govreports-vis-coverage", "govreports-vis-crawl-states"}


def _objects() -> list[dict[str, Any]]:
    return [json.loads(line) for line in NDJSON.read_text(encoding="utf-8").splitlines()]


def _kind_of(obj: dict[str, Any], by_id: dict[str, dict[str, Any]]) -> str:
    [ref] = [r for r in obj["references"] if r["type"] == "index-pattern"]
    return by_id[ref["id"]]["attributes"]["title"].removeprefix("govreports-")


def _fields_used(obj: dict[str, Any]) -> set[str]:
    attributes = obj["attributes"]
    used = set(attributes.get("columns", [])) | {s[0] for s in attributes.get("sort", [])}
    if "visState" in attributes:
        for agg in json.loads(attributes["visState"])["aggs"]:
            if "field" in agg["params"]:
                used.add(agg["params"]["field"])
    source = json.loads(attributes["kibanaSavedObjectMeta"]["searchSourceJSON"])
    used |= set(re.findall(r"([\w.]+)\s*:", source.get("query", {}).get("query", "")))
    return used


def test_every_line_parses_and_the_file_is_generated_from_code() -> None:
    assert NDJSON.read_text(encoding="utf-8") == to_ndjson(saved_objects()), (
        "kibana/govreports.ndjson is stale: python -m search.es_kibana_objects > kibana/govreports.ndjson")
    for obj in _objects():
        assert {"type", "id", "attributes", "references"} <= set(obj)


def test_ids_are_unique_and_every_reference_resolves() -> None:
    objects = _objects()
    ids = [(o["type"], o["id"]) for o in objects]
    assert len(ids) == len(set(ids))
    for obj in objects:
        for ref in obj["references"]:
            assert (ref["type"], ref["id"]) in ids, (obj["id"], ref)
        source = json.loads(obj["attributes"]["kibanaSavedObjectMeta"]["searchSourceJSON"]) \
            if "kibanaSavedObjectMeta" in obj["attributes"] else {}
        if "indexRefName" in source:
            assert source["indexRefName"] in {r["name"] for r in obj["references"]}
    [dashboard] = [o for o in objects if o["type"] == "dashboard"]
    names = {r["name"] for r in dashboard["references"]}
    assert {p["panelRefName"] for p in json.loads(dashboard["attributes"]["panelsJSON"])} == names


def test_data_views_cover_the_three_aliases() -> None:
    views = {o["attributes"]["title"]: o for o in _objects() if o["type"] == "index-pattern"}
    assert set(views) == {f"govreports-{kind}" for kind in KINDS}
    time_field = views["govreports-pages"]["attributes"]["timeFieldName"]
    assert mapped_fields("pages")[time_field] == "date"


def test_every_field_a_search_or_chart_uses_exists_in_its_mapping() -> None:
    objects = _objects()
    by_id = {o["id"]: o for o in objects if o["type"] == "index-pattern"}
    checked = 0
    for obj in objects:
        if obj["type"] not in ("search", "visualization"):
            continue
        fields = mapped_fields(_kind_of(obj, by_id))
        for name in _fields_used(obj):
            assert name in fields, f"{obj['id']} uses {name!r}, not in the {_kind_of(obj, by_id)} mapping"
            checked += 1
    assert checked > 30


def test_aggregated_fields_are_aggregatable() -> None:
    objects = _objects()
    by_id = {o["id"]: o for o in objects if o["type"] == "index-pattern"}
    for obj in objects:
        if obj["type"] != "visualization":
            continue
        fields = mapped_fields(_kind_of(obj, by_id))
        for agg in json.loads(obj["attributes"]["visState"])["aggs"]:
            if "field" in agg["params"]:
                assert fields[agg["params"]["field"]] != "text", (obj["id"], agg)


def test_dashboard_has_the_views_the_issue_asks_for() -> None:
    [dashboard] = [o for o in _objects() if o["type"] == "dashboard"]
    assert REQUIRED_CHARTS <= {r["id"] for r in dashboard["references"]}
    cells = [p["gridData"] for p in json.loads(dashboard["attributes"]["panelsJSON"])]
    for a in cells:  # no two panels overlap on the 48-column grid
        assert a["x"] + a["w"] <= 48
        for b in cells:
            if a is not b:
                assert (a["x"] + a["w"] <= b["x"] or b["x"] + b["w"] <= a["x"] or
                        a["y"] + a["h"] <= b["y"] or b["y"] + b["h"] <= a["y"])
