"""search/queries/*.json: valid JSON, only fields the mappings have, the search example matches the store's DSL."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from search.es_mappings import mapped_fields
from search.es_queries import search_body
from search.store import SearchQuery

QUERIES = sorted((Path(__file__).resolve().parents[2] / "search" / "queries").glob("*.json"))
DOCS = (Path(__file__).resolve().parents[2] / "docs" / "elasticsearch.md").read_text(encoding="utf-8")
LEAF_QUERIES = {"term", "terms", "match", "match_phrase", "range", "prefix", "wildcard"}
NOT_FIELDS = {"boost", "_name"}


def fields_in(node: Any) -> set[str]:
    """Every field name a search body refers to (queries, aggregations, highlight, _source, sort)."""
    found: set[str] = set()
    if isinstance(node, dict):
        for key, value in node.items():
            if key in LEAF_QUERIES and isinstance(value, dict) and "field" not in value:  # not a terms agg
                found |= set(value) - NOT_FIELDS
            elif key == "field" and isinstance(value, str):
                found.add(value)
            elif key == "highlight":
                found |= set(value.get("fields", {}))
            elif key == "_source" and isinstance(value, list):
                found |= set(value)
            elif key == "sort":
                found |= {next(iter(s)) if isinstance(s, dict) else s for s in value}
            if key not in ("highlight",):
                found |= fields_in(value)
    elif isinstance(node, list):
        for item in node:
            found |= fields_in(item)
    return found


def test_there_is_an_example_for_each_question() -> None:
    names = {q.stem for q in QUERIES}
    assert names >= {"indicators_gdp_targets_by_province_year", "indicators_target_vs_realised",
                     "reports_phrase_trends_by_year", "reports_coverage_by_level_year", "reports_search_highlight"}


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_is_valid_json_over_mapped_fields(path: Path) -> None:
    body = json.loads(path.read_text(encoding="utf-8"))
    kind = path.stem.split("_", 1)[0]
    fields = mapped_fields(kind)
    used = fields_in(body)
    assert used, "no field found: the walker or the file is wrong"
    unknown = used - set(fields)
    assert not unknown, f"{path.name} uses fields not in the {kind} mapping: {sorted(unknown)}"
    for name in used:
        assert fields[name] != "text" or name in ("text", "title", "tokens"), name


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_example_is_documented_with_a_curl_line(path: Path) -> None:
    assert f"@search/queries/{path.name}" in DOCS


def test_search_example_uses_the_stores_own_clause() -> None:
    example = json.loads((QUERIES[0].parent / "reports_search_highlight.json").read_text(encoding="utf-8"))
    body = search_body(SearchQuery(text="新质生产力"), lambda text: [text])
    assert body is not None
    assert example["query"]["bool"]["must"] == body["query"]["bool"]["must"]


def test_walker_finds_fields_everywhere() -> None:
    body = {"query": {"bool": {"filter": [{"term": {"a": 1}}, {"range": {"b": {"gt": 0}}}]}},
            "aggs": {"x": {"terms": {"field": "c"}, "aggs": {"y": {"avg": {"field": "d"}}}}},
            "highlight": {"fields": {"e": {}}}, "_source": ["f"], "sort": [{"g": "desc"}]}
    assert fields_in(body) == {"a", "b", "c", "d", "e", "f", "g"}
