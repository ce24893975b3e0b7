"""Query DSL for the store's searches and aggregations, and the parsing of their responses.

Pure functions from `SearchQuery`/`AggQuery` to request bodies and from response bodies to `SearchHit`/
`AggRow`, so every body is unit-tested without a server. Field names only come from the validated
whitelists in `search.store`, never from user text (a tracked phrase is a value, except in the
`phrase_counts.<phrase>` metric, which is checked first).

Semantics match the SQLite store: filters are exact (a list means any of; None means missing),
every whitespace-separated search term must match (as a phrase of its jieba tokens, or through the
IK-analysed text), results without a text query are listed newest first, aggregation metrics run over
`value_mid`, and groups come back ordered by their keys with missing values first.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from search.store import AggQuery, AggRow, SearchHit, SearchQuery, validate_agg

Tokenizer = Callable[[str], Sequence[str]]
COMPOSITE_PAGE = 1000
SNIPPET_CHARS = 120
_INT_FIELDS = {"report_year", "year"}
_BOOL_FIELDS = {"strive"}
_HIT_FIELDS = ["id", "title", "region", "province", "report_year", "doc_type"]


def _term_filter(name: str, wanted: Any) -> dict[str, Any]:
    values = list(wanted) if isinstance(wanted, (list, tuple, set)) else [wanted]
    present = [v for v in values if v is not None]
    clauses: list[dict[str, Any]] = []
    if present:
        clauses.append({"terms": {name: present}})
    if len(present) < len(values):  # None asks for documents without the field
        clauses.append({"bool": {"must_not": [{"exists": {"field": name}}]}})
    if not clauses:
        return {"match_none": {}}  # an empty any-of list matches nothing, as SQL `IN ()` would
    return clauses[0] if len(clauses) == 1 else {"bool": {"should": clauses, "minimum_should_match": 1}}


def filter_clauses(filters: dict[str, Any]) -> list[dict[str, Any]]:
    return [_term_filter(name, filters[name]) for name in sorted(filters)]


def _term_clause(term: str, tokenize: Tokenizer) -> dict[str, Any] | None:
    tokens = [tok for tok in tokenize(term) if tok.strip()]
    if not tokens:
        return None
    # The jieba tokens are indexed space-joined under a whitespace analyzer, so the phrase of the query
    # term's tokens is exactly what the SQLite store's FTS5 phrase matches. The IK-analysed text also
    # counts (all of its ik_smart terms must occur): it finds words jieba split differently.
    return {
        "bool": {
            "should": [
                {"match_phrase": {"tokens": {"query": " ".join(tokens), "boost": 2.0}}},
                {"match": {"text": {"query": term, "operator": "and"}}},
                {"match": {"title": {"query": term, "operator": "and"}}},
            ],
            "minimum_should_match": 1,
        }
    }


def search_body(query: SearchQuery, tokenize: Tokenizer | None) -> dict[str, Any] | None:
    """Body of `POST <reports>/_search`; None when the text has no searchable token (no hits)."""
    text = query.text.strip()
    filters = filter_clauses(dict(query.filters))
    body: dict[str, Any] = {"size": query.size, "_source": _HIT_FIELDS, "track_total_hits": False}
    if text:
        if tokenize is None:
            raise ValueError("full-text search needs a query tokenizer (open the store with one)")
        must = [clause for term in text.split() if (clause := _term_clause(term, tokenize))]
        if not must:
            return None
        body["query"] = {"bool": {"must": must, "filter": filters}}
        body["highlight"] = {
            # Plain fragments (no tags): the snippet is shown in a terminal and compared with the SQLite
            # store's; docs/elasticsearch.md shows the tagged variant for Kibana/curl users.
            "pre_tags": [""], "post_tags": [""],
            "fields": {"text": {"fragment_size": SNIPPET_CHARS, "number_of_fragments": 1,
                                "no_match_size": SNIPPET_CHARS}},
        }
    else:
        body["query"] = {"bool": {"filter": filters}}
        # Newest first, then by place; `id` (a keyword copy of _id) makes the order total.
        body["sort"] = [{"report_year": "desc"}, {"province": "asc"}, {"region": "asc"}, {"id": "asc"}]
    return body


def parse_search(response: dict[str, Any]) -> list[SearchHit]:
    hits = []
    for hit in response.get("hits", {}).get("hits", []):
        source = hit.get("_source", {})
        fragments = hit.get("highlight", {}).get("text", [])
        hits.append(SearchHit(
            id=source.get("id") or hit["_id"], title=source.get("title") or "", score=float(hit.get("_score") or 0.0),
            region=source.get("region"), province=source.get("province"), report_year=source.get("report_year"),
            doc_type=source.get("doc_type"), snippet=" ".join(fragments[0].split()) if fragments else "",
        ))
    return hits


def _measure(query: AggQuery) -> str | None:
    if query.target == "indicators":
        return "value_mid"
    if query.phrase and "." not in query.phrase and query.phrase.strip():
        return f"phrase_counts.{query.phrase}"  # metrics over the number of mentions, as the SQLite store
    return None


def _metric_aggs(query: AggQuery) -> dict[str, Any]:
    field = _measure(query)
    if field is None:
        return {}
    return {m: {m: {"field": field}} for m in ("avg", "min", "max") if m in query.metrics}


def agg_filters(query: AggQuery) -> list[dict[str, Any]]:
    clauses = filter_clauses(dict(query.filters))
    if query.target == "reports" and query.phrase:
        clauses.append({"term": {"phrases": query.phrase}})
    return clauses


def aggregate_body(query: AggQuery, after: dict[str, Any] | None = None) -> dict[str, Any]:
    """Body of `POST <indicators|reports>/_search` for one page of groups (composite aggregation)."""
    validate_agg(query)
    body: dict[str, Any] = {"size": 0, "query": {"bool": {"filter": agg_filters(query)}}}
    metrics = _metric_aggs(query)
    if not query.group_by:
        body["track_total_hits"] = True
        body["aggs"] = metrics
        return body
    composite: dict[str, Any] = {
        "size": COMPOSITE_PAGE,
        "sources": [{name: {"terms": {"field": name, "missing_bucket": True, "order": "asc"}}}
                    for name in query.group_by],
    }
    if after:
        composite["after"] = after
    body["aggs"] = {"groups": {"composite": composite, **({"aggs": metrics} if metrics else {})}}
    return body


def _key_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in _BOOL_FIELDS:
        return value in (True, 1, "true")  # composite keys of boolean fields may come back as 1/0
    if name in _INT_FIELDS:
        return int(value)
    return value


def _row(key: dict[str, Any], count: int, aggs: dict[str, Any]) -> AggRow:
    metrics = {m: aggs[m].get("value") for m in ("avg", "min", "max") if m in aggs}
    return AggRow(key=key, count=count, **metrics)


def parse_aggregate(response: dict[str, Any], query: AggQuery) -> tuple[list[AggRow], dict[str, Any] | None]:
    """Rows of one response page, and the `after` key of the next page (None when this was the last)."""
    aggs = response.get("aggregations", {})
    if not query.group_by:
        total = response.get("hits", {}).get("total", {})
        count = int(total.get("value", 0) if isinstance(total, dict) else total)
        return ([_row({}, count, aggs)] if count else []), None
    groups = aggs.get("groups", {})
    rows = [
        _row({name: _key_value(name, bucket["key"].get(name)) for name in query.group_by},
             int(bucket["doc_count"]), bucket)
        for bucket in groups.get("buckets", [])
        if bucket.get("doc_count")
    ]
    # A page shorter than requested is the last one; otherwise ask again after its last key.
    after = groups.get("after_key") if len(groups.get("buckets", [])) >= COMPOSITE_PAGE else None
    return rows, after
