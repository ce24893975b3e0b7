"""Elasticsearch index layout: names, analyzers and the three index templates (reports, indicators, pages).

Pure data, no client: `es_setup` sends these bodies, the tests check them, and the query examples and
Kibana objects are validated against `mapped_fields`.

Layout: each kind lives in versioned indices `<prefix>-<kind>-v<N>` behind the alias `<prefix>-<kind>`;
the template of a kind matches `<prefix>-<kind>-v*`, so `es reindex` creates a new version with the current
mapping and swaps the alias.

Kibana cannot chart `nested` fields, so indicators are their own documents carrying their report's
region/year/level, and tracked-phrase counts are plain integer fields (`phrase_counts.<phrase>`) plus a
keyword list `phrases` of the phrases a report mentions.
"""

from __future__ import annotations

from typing import Any

from pipeline.vocabulary import tracked_phrases

KINDS = ("reports", "indicators", "pages")
SCHEMA_VERSION = 1
TEMPLATE_PRIORITY = 500  # above the built-in templates, whose patterns ours never overlap anyway

# Analysis modes, best first. `es setup` probes the cluster and picks the first one it supports.
ANALYSIS_IK = "ik"  # analysis-ik plugin: ik_max_word when indexing, ik_smart when searching
ANALYSIS_SMARTCN = "smartcn"  # analysis-smartcn plugin
ANALYSIS_CJK = "cjk"  # built in: CJK bigrams; the jieba-token field then carries the search
ANALYSIS_MODES = (ANALYSIS_IK, ANALYSIS_SMARTCN, ANALYSIS_CJK)
# Analyzer names whose presence `es setup` checks with `_analyze`.
PROBE_ANALYZERS = {ANALYSIS_IK: "ik_smart", ANALYSIS_SMARTCN: "smartcn"}

# Custom analyzer for the pre-tokenised jieba field: split on the spaces jieba's tokens are joined with.
TOKENS_ANALYZER = "govreports_tokens"

_KEYWORD = {"type": "keyword", "ignore_above": 1024}
_INT = {"type": "integer"}
_DOUBLE = {"type": "double"}
_BOOL = {"type": "boolean"}
# Dates come from extraction (2025-01-12, sometimes only a year or month) and from fetch times (ISO
# instants); a malformed one must not reject the whole report.
_DATE = {"type": "date", "format": "strict_date_optional_time||yyyy-MM-dd||yyyy-MM||yyyy", "ignore_malformed": True}
_STORED_ONLY = {"type": "object", "enabled": False}  # kept in _source for round trips, never indexed


def alias_name(prefix: str, kind: str) -> str:
    return f"{prefix}-{kind}"


def index_name(prefix: str, kind: str, version: int) -> str:
    return f"{prefix}-{kind}-v{version}"


def index_pattern(prefix: str, kind: str) -> str:
    return f"{prefix}-{kind}-v*"


def template_name(prefix: str, kind: str) -> str:
    return f"{prefix}-{kind}"


def version_of(index: str, prefix: str, kind: str) -> int | None:
    """The N of `<prefix>-<kind>-vN`, or None for an index that is not one of our versions."""
    head = f"{prefix}-{kind}-v"
    tail = index[len(head):] if index.startswith(head) else ""
    return int(tail) if tail.isdigit() else None


def text_field(mode: str) -> dict[str, Any]:
    """A full-text field analysed for Chinese in the given mode."""
    if mode == ANALYSIS_IK:
        return {"type": "text", "analyzer": "ik_max_word", "search_analyzer": "ik_smart"}
    if mode == ANALYSIS_SMARTCN:
        return {"type": "text", "analyzer": "smartcn"}
    if mode == ANALYSIS_CJK:
        return {"type": "text", "analyzer": "cjk"}
    raise ValueError(f"unknown analysis mode {mode!r}; known: {', '.join(ANALYSIS_MODES)}")


def index_settings(shards: int = 1, replicas: int = 0) -> dict[str, Any]:
    # One shard keeps BM25 statistics exact for a corpus of tens of thousands of reports; replicas are
    # for the operator to raise on a multi-node cluster (`PUT <alias>/_settings`).
    return {
        "number_of_shards": shards,
        "number_of_replicas": replicas,
        "analysis": {
            "analyzer": {TOKENS_ANALYZER: {"type": "custom", "tokenizer": "whitespace", "filter": ["lowercase"]}}
        },
    }


def _phrase_counts() -> dict[str, Any]:
    # Explicit fields for today's tracked phrases (Kibana sees them in the data view at once) and a
    # dynamic template so a phrase added to the vocabulary later is an integer too, not a guessed long.
    return {"type": "object", "dynamic": True, "properties": {phrase: dict(_INT) for phrase in tracked_phrases()}}


def _report_metadata() -> dict[str, Any]:
    """Fields a report and each of its indicators share, so indicators aggregate without joins."""
    return {
        "doc_type": _KEYWORD, "region": _KEYWORD, "province": _KEYWORD, "admin_level": _KEYWORD,
        "division_code": _KEYWORD, "report_year": _INT, "page_id": _KEYWORD, "source_url": _KEYWORD,
        "extractor_version": _KEYWORD, "indexed_at": _DATE,
    }


def reports_mapping(mode: str) -> dict[str, Any]:
    text = text_field(mode)
    return {
        "dynamic": False,  # an unexpected field stays in _source but never changes the mapping
        "_meta": {"schema_version": SCHEMA_VERSION, "analysis": mode},
        "dynamic_templates": [
            {"phrase_counts": {"path_match": "phrase_counts.*", "mapping": dict(_INT)}},
        ],
        "properties": {
            "id": _KEYWORD,
            **_report_metadata(),
            "title": {**text, "fields": {"keyword": {"type": "keyword", "ignore_above": 512}}},
            # offsets make the unified highlighter cheap on long reports
            "text": {**text, "index_options": "offsets"},
            "tokens": {"type": "text", "analyzer": TOKENS_ANALYZER},
            "meeting_date": _DATE, "published_date": _DATE,
            "meeting_name": _KEYWORD, "speaker": _KEYWORD, "speaker_title": _KEYWORD,
            "keywords": _KEYWORD,
            "phrase_counts": _phrase_counts(),
            "phrases": _KEYWORD,
            "quality": _STORED_ONLY,
            "quality_flags": _KEYWORD,
            "indicators": _STORED_ONLY,
            "indicator_count": _INT,
            "glossary": _STORED_ONLY,
            "content_hash": _KEYWORD,
            "position": _INT,
        },
    }


def indicators_mapping(mode: str) -> dict[str, Any]:
    return {
        "dynamic": False,
        "_meta": {"schema_version": SCHEMA_VERSION, "analysis": mode},
        "properties": {
            "id": _KEYWORD,
            "document_id": _KEYWORD,
            "title": _KEYWORD,
            **_report_metadata(),
            "indicator": _KEYWORD, "kind": _KEYWORD, "year": _INT,
            "value": _DOUBLE, "low": _DOUBLE, "high": _DOUBLE, "value_mid": _DOUBLE,
            "unit": _KEYWORD, "modifier": _KEYWORD, "strive": _BOOL, "scope": _KEYWORD,
            "text": text_field(mode),  # the source sentence
            "start": _INT, "end": _INT,
        },
    }


def pages_mapping(mode: str) -> dict[str, Any]:
    return {
        "dynamic": False,
        "_meta": {"schema_version": SCHEMA_VERSION, "analysis": mode},
        "properties": {
            "page_id": _KEYWORD, "url": _KEYWORD, "host": _KEYWORD, "source": _KEYWORD,
            "state": _KEYWORD, "step": _KEYWORD, "reason": _KEYWORD,
            "error": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 256}}},
            "content_hash": _KEYWORD,
            "document_ids": _KEYWORD, "document_count": _INT,
            # the ids save_page must delete when the page is re-processed; looked up by page id only
            "indicator_ids": {"type": "keyword", "index": False, "doc_values": False},
            "fetched_at": _DATE, "processed_at": _DATE,
        },
    }


MAPPINGS = {"reports": reports_mapping, "indicators": indicators_mapping, "pages": pages_mapping}


def mapping(kind: str, mode: str) -> dict[str, Any]:
    return MAPPINGS[kind](mode)


def index_template(prefix: str, kind: str, mode: str) -> dict[str, Any]:
    """Body of `PUT _index_template/<prefix>-<kind>`."""
    return {
        "index_patterns": [index_pattern(prefix, kind)],
        "priority": TEMPLATE_PRIORITY,
        "template": {"settings": index_settings(), "mappings": mapping(kind, mode)},
        "_meta": {"managed_by": "govreports", "schema_version": SCHEMA_VERSION, "analysis": mode},
    }


def mapped_fields(kind: str, mode: str = ANALYSIS_IK) -> dict[str, str]:
    """Every searchable or aggregatable field path of a kind (multi-fields included) -> its type."""
    found: dict[str, str] = {}

    def walk(properties: dict[str, Any], prefix: str) -> None:
        for name, spec in properties.items():
            path = f"{prefix}{name}"
            if "properties" in spec:
                walk(spec["properties"], f"{path}.")
                continue
            if spec.get("enabled") is False or spec.get("index") is False:
                continue
            found[path] = spec["type"]
            for sub, sub_spec in spec.get("fields", {}).items():
                found[f"{path}.{sub}"] = sub_spec["type"]

    walk(mapping(kind, mode)["properties"], "")
    return found
