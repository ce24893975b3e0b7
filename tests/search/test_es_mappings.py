"""Index templates: analyzers per mode, fields Kibana can aggregate, names and versions."""

from __future__ import annotations

import pytest

from govreports.models import Document, Indicator, PageOutcome
from pipeline.vocabulary import tracked_phrases
from search.es_mappings import (
    ANALYSIS_CJK,
    ANALYSIS_IK,
    ANALYSIS_SMARTCN,
    KINDS,
    TOKENS_ANALYZER,
    index_name,
    index_template,
    mapped_fields,
    mapping,
    text_field,
    version_of,
)
from search.store import INDICATOR_FIELDS, REPORT_FIELDS

AGGREGATABLE = {"keyword", "integer", "double", "boolean", "date"}


def test_ik_indexes_with_max_word_and_searches_with_smart() -> None:
    props = mapping("reports", ANALYSIS_IK)["properties"]
    assert (props["text"]["analyzer"], props["text"]["search_analyzer"]) == ("ik_max_word", "ik_smart")
    assert props["tokens"]["analyzer"] == TOKENS_ANALYZER
    assert mapping("indicators", ANALYSIS_IK)["properties"]["text"]["analyzer"] == "ik_max_word"


@pytest.mark.parametrize("mode, analyzer", [(ANALYSIS_SMARTCN, "smartcn"), (ANALYSIS_CJK, "cjk")])
def test_fallback_modes_use_no_ik_analyzer(mode: str, analyzer: str) -> None:
    text = str(mapping("reports", mode))
    assert "ik_" not in text
    assert mapping("reports", mode)["properties"]["text"]["analyzer"] == analyzer
    assert mapping("reports", mode)["_meta"]["analysis"] == mode


def test_unknown_mode_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown analysis mode"):
        text_field("jieba")


def test_tokens_analyzer_is_defined_in_the_template_settings() -> None:
    template = index_template("gr", "reports", ANALYSIS_IK)
    analyzer = template["template"]["settings"]["analysis"]["analyzer"][TOKENS_ANALYZER]
    assert analyzer["tokenizer"] == "whitespace"
    assert template["index_patterns"] == ["gr-reports-v*"]


def test_every_filter_and_group_field_is_aggregatable() -> None:
    reports, indicators = mapped_fields("reports"), mapped_fields("indicators")
    for name in REPORT_FIELDS:
        assert reports[name] in AGGREGATABLE, name
    for name in INDICATOR_FIELDS + ("value", "low", "high", "value_mid"):
        assert indicators[name] in AGGREGATABLE, name


def test_indicator_index_is_flat_so_kibana_can_chart_it() -> None:
    assert "nested" not in str(mapping("indicators", ANALYSIS_IK))
    assert "nested" not in str(mapping("reports", ANALYSIS_IK))


def test_tracked_phrases_are_explicit_integer_fields_with_a_dynamic_template_for_new_ones() -> None:
    fields = mapped_fields("reports")
    for phrase in tracked_phrases():
        assert fields[f"phrase_counts.{phrase}"] == "integer"
    assert fields["phrases"] == "keyword"
    [template] = mapping("reports", ANALYSIS_IK)["dynamic_templates"]
    assert template["phrase_counts"]["mapping"]["type"] == "integer"


def test_stored_only_fields_are_not_searchable() -> None:
    fields = mapped_fields("reports")
    assert "indicators" not in fields and "glossary" not in fields and "quality" not in fields
    assert "indicator_ids" not in mapped_fields("pages")
    assert fields["title.keyword"] == "keyword"


def test_every_model_field_has_a_mapping_or_is_stored_only() -> None:
    """A new model field must be mapped on purpose; `dynamic: false` would otherwise hide it from search."""
    reports = mapping("reports", ANALYSIS_IK)["properties"]
    assert set(Document.__dataclass_fields__) <= set(reports)
    indicators = mapping("indicators", ANALYSIS_IK)["properties"]
    assert set(Indicator.__dataclass_fields__) <= set(indicators)
    assert set(PageOutcome.__dataclass_fields__) <= set(mapping("pages", ANALYSIS_IK)["properties"])


def test_page_log_has_what_crawl_health_views_need() -> None:
    fields = mapped_fields("pages")
    for name in ("state", "step", "reason", "url", "host", "source", "fetched_at", "processed_at"):
        assert name in fields
    assert fields["processed_at"] == "date"


def test_versions_round_trip_through_names() -> None:
    for kind in KINDS:
        assert version_of(index_name("gr", kind, 12), "gr", kind) == 12
    assert version_of("gr-reports", "gr", "reports") is None
    assert version_of("gr-reports-vx", "gr", "reports") is None
    assert version_of("gr-indicators-v3", "gr", "reports") is None
