"""Search and aggregation bodies, and how responses become SearchHit / AggRow."""

from __future__ import annotations

import pytest

from search.es_mappings import mapped_fields
from search.es_queries import COMPOSITE_PAGE, aggregate_body, filter_clauses, parse_aggregate, parse_search, search_body
from search.store import AggQuery, SearchQuery


def fake_cut(text: str) -> list[str]:
    """Two-character chunks: stands in for jieba so the body is predictable."""
    return [text[i:i + 2] for i in range(0, len(text), 2)]


def test_filters_are_exact_any_of_and_none_means_missing() -> None:
    clauses = filter_clauses({"province": "重庆市", "report_year": [2023, 2025], "division_code": None,
                              "region": ["南充市", None]})
    assert clauses == [
        {"bool": {"must_not": [{"exists": {"field": "division_code"}}]}},
        {"terms": {"province": ["重庆市"]}},
        {"bool": {"should": [{"terms": {"region": ["南充市"]}},
                             {"bool": {"must_not": [{"exists": {"field": "region"}}]}}], "minimum_should_match": 1}},
        {"terms": {"report_year": [2023, 2025]}},
    ]
    assert filter_clauses({"province": []}) == [{"match_none": {}}]


def test_every_term_must_match_as_a_token_phrase_or_through_ik() -> None:
    body = search_body(SearchQuery(text="新质生产力 乡村振兴", filters={"province": "重庆市"}, size=5), fake_cut)
    assert body is not None and body["size"] == 5
    must = body["query"]["bool"]["must"]
    assert len(must) == 2
    first = must[0]["bool"]
    assert first["minimum_should_match"] == 1
    assert first["should"][0] == {"match_phrase": {"tokens": {"query": "新质 生产 力", "boost": 2.0}}}
    assert first["should"][1] == {"match": {"text": {"query": "新质生产力", "operator": "and"}}}
    assert body["query"]["bool"]["filter"] == [{"terms": {"province": ["重庆市"]}}]
    assert body["highlight"]["fields"]["text"]["number_of_fragments"] == 1
    assert "sort" not in body  # ranked by score


def test_listing_without_text_is_newest_first() -> None:
    body = search_body(SearchQuery(filters={"report_year": 2025}), None)
    assert body is not None
    assert body["sort"][0] == {"report_year": "desc"} and "highlight" not in body


def test_text_without_tokens_finds_nothing_and_missing_tokenizer_is_an_error() -> None:
    assert search_body(SearchQuery(text="   。 "), lambda t: [tok for tok in t if tok.strip() and tok != "。"]) is None
    with pytest.raises(ValueError, match="tokenizer"):
        search_body(SearchQuery(text="新质生产力"), None)


def test_search_body_fields_exist_in_the_reports_mapping() -> None:
    fields = mapped_fields("reports")
    body = search_body(SearchQuery(text="新质生产力"), fake_cut)
    assert body is not None
    for name in body["_source"]:
        assert name in fields
    assert {"tokens", "text", "title"} <= set(fields)


def test_parse_search_takes_plain_highlight_as_snippet() -> None:
    response = {"hits": {"hits": [
        {"_id": "a", "_score": 3.5, "_source": {"id": "a", "title": "T", "region": "南充市", "province": "四川省",
                                                 "report_year": 2025, "doc_type": "work_report"},
         "highlight": {"text": ["培育新质生产力。\n新质生产力是"]}},
        {"_id": "b", "_score": None, "_source": {"id": "b", "title": "U"}},
    ]}}
    first, second = parse_search(response)
    assert (first.id, first.score, first.region, first.report_year) == ("a", 3.5, "南充市", 2025)
    assert first.snippet == "培育新质生产力。 新质生产力是"
    assert (second.score, second.snippet, second.province) == (0.0, "", None)


def test_indicator_aggregation_groups_with_missing_buckets_and_metrics_over_value_mid() -> None:
    query = AggQuery(target="indicators", group_by=("province", "report_year"), metrics=("count", "avg", "max"),
                     filters={"indicator": "gdp_growth", "strive": False})
    body = aggregate_body(query)
    composite = body["aggs"]["groups"]["composite"]
    assert [list(s) for s in composite["sources"]] == [["province"], ["report_year"]]
    assert all(next(iter(s.values()))["terms"]["missing_bucket"] for s in composite["sources"])
    assert body["aggs"]["groups"]["aggs"] == {"avg": {"avg": {"field": "value_mid"}}, "max": {"max": {"field": "value_mid"}}}
    assert body["query"]["bool"]["filter"] == [{"terms": {"indicator": ["gdp_growth"]}}, {"terms": {"strive": [False]}}]
    assert body["size"] == 0 and "after" not in composite
    assert aggregate_body(query, after={"province": "四川省", "report_year": 2025})["aggs"]["groups"]["composite"][
        "after"] == {"province": "四川省", "report_year": 2025}


def test_reports_aggregation_by_phrase_filters_mentions_and_counts_them() -> None:
    body = aggregate_body(AggQuery(target="reports", group_by=("report_year",), phrase="新质生产力"))
    assert {"term": {"phrases": "新质生产力"}} in body["query"]["bool"]["filter"]
    assert body["aggs"]["groups"]["aggs"]["avg"] == {"avg": {"field": "phrase_counts.新质生产力"}}
    plain = aggregate_body(AggQuery(target="reports", group_by=("province",)))
    assert "aggs" not in plain["aggs"]["groups"]  # no measure for plain report counts


def test_invalid_aggregation_is_rejected_before_any_body() -> None:
    with pytest.raises(ValueError):
        aggregate_body(AggQuery(target="reports", group_by=("indicator",)))


def test_parse_aggregate_types_keys_skips_empty_and_pages() -> None:
    query = AggQuery(target="indicators", group_by=("province", "report_year", "strive"))
    bucket = {"key": {"province": "重庆市", "report_year": 2025.0, "strive": 1}, "doc_count": 2,
              "avg": {"value": 6.0}, "min": {"value": 5.5}, "max": {"value": 6.5}}
    missing = {"key": {"province": None, "report_year": None, "strive": "false"}, "doc_count": 1,
               "avg": {"value": None}, "min": {"value": None}, "max": {"value": None}}
    rows, after = parse_aggregate({"aggregations": {"groups": {"buckets": [missing, bucket], "after_key": {"x": 1}}}},
                                  query)
    assert after is None  # fewer buckets than a page: done
    assert [r.to_dict() for r in rows] == [
        {"province": None, "report_year": None, "strive": False, "count": 1, "avg": None, "min": None, "max": None},
        {"province": "重庆市", "report_year": 2025, "strive": True, "count": 2, "avg": 6.0, "min": 5.5, "max": 6.5},
    ]
    full = {"aggregations": {"groups": {"buckets": [bucket] * COMPOSITE_PAGE, "after_key": {"province": "z"}}}}
    assert parse_aggregate(full, query)[1] == {"province": "z"}


def test_ungrouped_aggregation_counts_total_hits() -> None:
    query = AggQuery(target="indicators", group_by=(), metrics=("count", "min"))
    body = aggregate_body(query)
    assert body["track_total_hits"] is True and body["aggs"] == {"min": {"min": {"field": "value_mid"}}}
    rows, _ = parse_aggregate({"hits": {"total": {"value": 4}}, "aggregations": {"min": {"value": 4.1}}}, query)
    assert [r.to_dict() for r in rows] == [{"count": 4, "avg": None, "min": 4.1, "max": None}]
    assert parse_aggregate({"hits": {"total": {"value": 0}}, "aggregations": {}}, query)[0] == []
