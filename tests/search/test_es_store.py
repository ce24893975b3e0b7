"""ElasticsearchStore against a scripted node: the requests it sends and how it reads the answers."""

from __future__ import annotations

import pytest
from elasticsearch import ConnectionError as ESConnectionError

from govreports.errors import StoreUnavailable
from govreports.models import PAGE_FAILED, PAGE_STORED, Document, Indicator, PageOutcome, document_id, page_id
from search.es_documents import indicator_id
from search.es_fake import FakeCluster, Request, error_body
from search.es_store import ElasticsearchStore
from search.store import AggQuery, SearchQuery

URL = "http://portal.test/a.html"
PAGES_DOC = r"/gr-pages/_doc/.+"


def _store(cluster: FakeCluster, **options: object) -> ElasticsearchStore:
    return ElasticsearchStore(cluster.client(), "gr", query_tokenizer=lambda t: list(t), retries=2,
                              sleep=lambda _: None, **options)  # type: ignore[arg-type]


def _docs(n: int) -> list[Document]:
    ind = Indicator(indicator="gdp_growth", kind="target", year=2025, value=6.0, modifier="around").to_dict()
    return [Document(id=document_id(URL, i), title=f"报告{i}", text="正文", report_year=2025, indicators=[ind])
            for i in range(n)]


def _outcome(docs: list[Document]) -> PageOutcome:
    return PageOutcome(page_id=page_id(URL), url=URL, state=PAGE_STORED, document_ids=[d.id for d in docs])


def test_setup_does_nothing_when_every_alias_exists() -> None:
    cluster = FakeCluster().on("GET", r"/_alias/gr-.*", lambda r: {r.path.split("/")[-1] + "-v1": {"aliases": {}}})
    _store(cluster).setup()
    assert [r.method for r in cluster.requests] == ["GET", "GET", "GET"]


def test_save_page_reads_the_previous_record_in_real_time_and_sends_one_bulk() -> None:
    cluster = FakeCluster().on("GET", PAGES_DOC, error_body(404, "not_found"))
    docs = _docs(2)
    _store(cluster, refresh="wait_for").save_page(_outcome(docs), docs)
    [get] = cluster.sent("GET", PAGES_DOC)
    assert get.params.get("_source_includes") == "document_ids,indicator_ids"
    [bulk] = cluster.sent("PUT", "/_bulk")
    assert bulk.params["refresh"] == "wait_for"
    ops = [(op, meta["_index"], meta["_id"]) for op, meta, _ in bulk.operations]
    assert ops == [("index", "gr-reports", docs[0].id), ("index", "gr-indicators", indicator_id(docs[0].id, 0)),
                   ("index", "gr-reports", docs[1].id), ("index", "gr-indicators", indicator_id(docs[1].id, 0)),
                   ("index", "gr-pages", page_id(URL))]


def test_resave_with_fewer_documents_deletes_the_rest() -> None:
    before = _docs(2)
    previous = {"_id": page_id(URL), "found": True, "_source": {
        "document_ids": [d.id for d in before], "indicator_ids": [indicator_id(d.id, 0) for d in before]}}
    cluster = FakeCluster().on("GET", PAGES_DOC, previous)
    _store(cluster).save_page(_outcome(before[:1]), before[:1])
    deletes = [(meta["_index"], meta["_id"]) for op, meta, _ in cluster.sent("PUT", "/_bulk")[0].operations
               if op == "delete"]
    assert deletes == [("gr-reports", before[1].id), ("gr-indicators", indicator_id(before[1].id, 0))]


def _reject_reports(request: Request) -> tuple[int, dict[str, object]]:
    items = []
    for op, meta, _ in request.operations:
        bad = meta["_index"] == "gr-reports"
        items.append({op: {"_index": meta["_index"], "_id": meta["_id"], "status": 400 if bad else 201,
                           **({"error": {"type": "document_parsing_exception", "reason": "failed to parse [report_year]"}}
                              if bad else {})}})
    return 200, {"errors": True, "items": items}


def test_rejected_items_turn_the_page_into_a_recorded_failure() -> None:
    cluster = FakeCluster().on("GET", PAGES_DOC, error_body(404, "not_found")).on("PUT", "/_bulk", _reject_reports)
    docs = _docs(1)
    _store(cluster).save_page(_outcome(docs), docs)
    first, second = cluster.sent("PUT", "/_bulk")
    [(op, meta, source)] = second.operations
    assert (op, meta["_index"], meta["_id"]) == ("index", "gr-pages", page_id(URL))
    assert source is not None and (source["state"], source["step"]) == (PAGE_FAILED, "index")
    assert "document_parsing_exception" in source["reason"] and docs[0].id in source["reason"]
    assert source["document_ids"] == [docs[0].id]  # a later re-save deletes the half-written page


def test_items_refused_with_429_are_retried_then_the_store_is_unavailable() -> None:
    def busy(request: Request) -> tuple[int, dict[str, object]]:
        items = [{op: {"_index": meta["_index"], "_id": meta["_id"], "status": 429,
                       "error": {"type": "es_rejected_execution_exception", "reason": "queue full"}}}
                 for op, meta, _ in request.operations]
        return 200, {"errors": True, "items": items}

    cluster = FakeCluster().on("GET", PAGES_DOC, error_body(404, "not_found")).on("PUT", "/_bulk", busy)
    store = ElasticsearchStore(cluster.client(), "gr", retries=2, sleep=lambda _: None, bulk_backoff_s=0.0)
    docs = _docs(1)
    with pytest.raises(StoreUnavailable, match="HTTP 429"):
        store.save_page(_outcome(docs), docs)
    assert len(cluster.sent("PUT", "/_bulk")) == 3  # first try + 2 retries of the refused items


def test_connection_refused_raises_store_unavailable_after_retries() -> None:
    cluster = FakeCluster().on("GET", PAGES_DOC, ESConnectionError("connection refused"))
    with pytest.raises(StoreUnavailable, match="ConnectionError"):
        _store(cluster).save_page(_outcome([]), [])
    assert len(cluster.sent("GET", PAGES_DOC)) == 3
    assert cluster.sent("PUT", "/_bulk") == []  # nothing written


def test_get_document_round_trips_and_missing_is_none() -> None:
    doc = _docs(1)[0]
    cluster = FakeCluster().on("GET", r"/gr-reports/_doc/.+", lambda r: (
        {"_source": {**doc.to_dict(), "phrases": [], "page_id": "x"}} if r.path.endswith(doc.id)
        else error_body(404, "not_found")))
    store = _store(cluster)
    assert store.get_document(doc.id) == doc
    assert store.get_document("nope") is None


def test_search_without_tokens_sends_nothing() -> None:
    cluster = FakeCluster()
    store = ElasticsearchStore(cluster.client(), "gr", query_tokenizer=lambda t: [], sleep=lambda _: None)
    assert store.search(SearchQuery(text="。")) == []
    assert cluster.requests == []


def test_aggregate_follows_composite_pages_until_a_short_one() -> None:
    import search.es_queries as es_queries

    def bucket(province: str) -> dict[str, object]:
        return {"key": {"province": province}, "doc_count": 1, "avg": {"value": 6.0}}

    pages = [{"aggregations": {"groups": {"buckets": [bucket("a"), bucket("b")], "after_key": {"province": "b"}}}},
             {"aggregations": {"groups": {"buckets": [bucket("c")], "after_key": {"province": "c"}}}}]
    cluster = FakeCluster().on("POST", "/gr-indicators/_search", *pages)
    original, es_queries.COMPOSITE_PAGE = es_queries.COMPOSITE_PAGE, 2
    try:
        rows = _store(cluster).aggregate(AggQuery(group_by=("province",), metrics=("avg",)))
    finally:
        es_queries.COMPOSITE_PAGE = original
    assert [r.key["province"] for r in rows] == ["a", "b", "c"]
    second = cluster.sent("POST", "/gr-indicators/_search")[1]
    assert second.body["aggs"]["groups"]["composite"]["after"] == {"province": "b"}


def test_counts_and_failures() -> None:
    cluster = (FakeCluster()
               .on("POST", "/gr-reports/_count", {"count": 3}).on("POST", "/gr-indicators/_count", {"count": 5})
               .on("POST", "/gr-pages/_search", lambda r: {"aggregations": {"states": {"buckets": [
                   {"key": "stored", "doc_count": 2}, {"key": "failed", "doc_count": 1}]}}} if r.body.get("aggs") else
                   {"hits": {"hits": [{"_source": {"page_id": "p", "url": "http://x.test/", "state": "failed",
                                                   "step": "decode", "reason": "binary", "document_ids": [],
                                                   "processed_at": None, "fetched_at": None}}]}}))
    store = _store(cluster)
    assert store.counts() == {"documents": 3, "indicators": 5, "pages_stored": 2, "pages_skipped": 0,
                              "pages_failed": 1}
    [failure] = store.failures(limit=7)
    assert (failure.url, failure.step, failure.reason, failure.processed_at) == ("http://x.test/", "decode", "binary", "")
    body = cluster.sent("POST", "/gr-pages/_search")[-1].body
    assert body["size"] == 7 and body["query"]["bool"]["filter"] == [{"term": {"state": "failed"}}]


def test_whole_bulk_answered_503_is_retried_then_unavailable() -> None:
    cluster = (FakeCluster().on("GET", PAGES_DOC, error_body(404, "not_found"))
               .on("PUT", "/_bulk", error_body(503, "cluster_block_exception", "no master")))
    store = ElasticsearchStore(cluster.client(), "gr", retries=1, sleep=lambda _: None, bulk_backoff_s=0.0)
    with pytest.raises(StoreUnavailable, match="HTTP 503"):
        store.save_page(_outcome(_docs(1)), _docs(1))
    # streaming_bulk retries the refused items once per attempt; call_with_backoff does not re-send
    # a batch whose items were answered (only a refused connection re-sends everything)
    assert len(cluster.sent("PUT", "/_bulk")) == 2
