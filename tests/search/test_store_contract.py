"""The store contract: what every backend (SQLite now, Elasticsearch when configured) must answer alike.

Documents here are small but shaped like real extraction output: tokens come from the real jieba
segmenter, indicators carry ranges, modifiers and strive flags.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from govreports.models import PAGE_FAILED, PAGE_SKIPPED, PAGE_STORED, Document, Indicator, PageOutcome, page_id
from search.store import AggQuery, SearchQuery, Store

TEXT_CQ = "各位代表：2025年全区地区生产总值增长6%左右。加快发展新质生产力，推动成渝地区双城经济圈建设。"
TEXT_SC = "各位代表：今年全市地区生产总值增长6%—6.5%。培育新质生产力。新质生产力是高质量发展的要求。"
TEXT_OLD = "各位代表：2023年全区地区生产总值增长5.5%以上，力争6%。加强乡村振兴。"


def _ind(name: str, kind: str, year: int, value: float | None, modifier: str = "point", low: float | None = None,
         high: float | None = None, strive: bool = False) -> dict[str, object]:
    return Indicator(indicator=name, kind=kind, year=year, value=value, low=low, high=high, unit="%",
                     modifier=modifier, strive=strive, text="…", start=0, end=1).to_dict()


def _doc(tokenizer: Callable[[str], list[str]], url: str, position: int, text: str, **meta: object) -> Document:
    from govreports.models import document_id

    return Document(id=document_id(url, position), title=str(meta.pop("title")), text=text,
                    tokens=" ".join(tokenizer(text)), source_url=url, position=position,
                    phrase_counts={"新质生产力": text.count("新质生产力")} if "新质生产力" in text else {},
                    **meta)  # type: ignore[arg-type]


def _stored(url: str, docs: list[Document]) -> PageOutcome:
    return PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED, document_ids=[d.id for d in docs],
                       processed_at="2025-03-01T00:00:00+00:00")


@pytest.fixture
def corpus(store: Store, tokenizer: Callable[[str], list[str]]) -> dict[str, list[Document]]:
    """Two pages: a portal page with one 2025 Chongqing report, an aggregator page with 2025 Sichuan and 2023 Chongqing."""
    portal = "http://portal.test/bishan/2025.html"
    agg = "http://agg.test/list.html"
    one = [_doc(tokenizer, portal, 0, TEXT_CQ, title="2025年璧山区政府工作报告", doc_type="work_report",
                region="重庆市璧山区", province="重庆市", admin_level="county", division_code="500120",
                report_year=2025, indicators=[_ind("gdp_growth", "target", 2025, 6.0, "around")])]
    many = [
        _doc(tokenizer, agg, 0, TEXT_SC, title="2025年南充市政府工作报告", doc_type="work_report", region="南充市",
             province="四川省", admin_level="city", division_code="511300", report_year=2025,
             indicators=[_ind("gdp_growth", "target", 2025, None, "range", 6.0, 6.5)]),
        _doc(tokenizer, agg, 1, TEXT_OLD, title="2023年渝北区政府工作报告", doc_type="work_report",
             region="重庆市渝北区", province="重庆市", admin_level="county", division_code="500112", report_year=2023,
             indicators=[_ind("gdp_growth", "target", 2023, 5.5, "at_least"),
                         _ind("gdp_growth", "target", 2023, 6.0, strive=True),
                         _ind("gdp_growth", "actual", 2022, 4.1)]),
    ]
    store.save_page(_stored(portal, one), one)
    store.save_page(_stored(agg, many), many)
    return {portal: one, agg: many}


def test_get_document_round_trips_fields(store: Store, corpus: dict[str, list[Document]]) -> None:
    original = corpus["http://portal.test/bishan/2025.html"][0]
    found = store.get_document(original.id)
    assert found is not None
    assert (found.title, found.region, found.report_year, found.text) == (
        original.title, original.region, original.report_year, original.text)
    assert found.indicators[0]["modifier"] == "around"
    assert store.get_document("no-such-id") is None


def test_counts_and_idempotent_resave(store: Store, corpus: dict[str, list[Document]]) -> None:
    counts = store.counts()
    assert (counts["documents"], counts["indicators"], counts["pages_stored"]) == (3, 5, 2)
    assert (counts["pages_skipped"], counts["pages_failed"]) == (0, 0)
    for url, docs in corpus.items():
        store.save_page(_stored(url, docs), docs)  # redelivered task: same ids, nothing added
    counts = store.counts()
    assert (counts["documents"], counts["indicators"], counts["pages_stored"]) == (3, 5, 2)


def test_resaving_a_page_with_fewer_documents_removes_the_rest(store: Store, corpus: dict[str, list[Document]]) -> None:
    url = "http://agg.test/list.html"
    first_only = corpus[url][:1]
    store.save_page(_stored(url, first_only), first_only)
    assert store.get_document(corpus[url][1].id) is None
    assert store.counts()["documents"] == 2 and store.counts()["indicators"] == 2


def test_failed_then_fixed_page(store: Store) -> None:
    url = "http://portal.test/broken.html"
    failed = PageOutcome(page_id=page_id(url), url=url, state=PAGE_FAILED, step="decode", reason="binary content",
                         processed_at="2025-03-02T00:00:00+00:00")
    store.save_page(failed, [])
    assert store.counts()["pages_failed"] == 1
    [failure] = store.failures()
    assert (failure.url, failure.step, failure.reason) == (url, "decode", "binary content")
    skipped = PageOutcome(page_id=page_id(url), url=url, state=PAGE_SKIPPED, reason="no report found in page")
    store.save_page(skipped, [])
    assert store.counts()["pages_failed"] == 0 and store.counts()["pages_skipped"] == 1
    assert store.failures() == []


def test_full_text_search_matches_segmented_phrases(store: Store, corpus: dict[str, list[Document]]) -> None:
    hits = store.search(SearchQuery(text="新质生产力"))
    assert {h.region for h in hits} == {"重庆市璧山区", "南充市"}
    assert hits[0].region == "南充市"  # two mentions rank above one
    assert "新质生产力" in hits[0].snippet
    assert [h.region for h in store.search(SearchQuery(text="成渝地区双城经济圈"))] == ["重庆市璧山区"]
    assert store.search(SearchQuery(text="乡村振兴 新质生产力")) == []  # every term must match
    assert store.search(SearchQuery(text="海洋经济")) == []


def test_search_filters_and_listing(store: Store, corpus: dict[str, list[Document]]) -> None:
    hits = store.search(SearchQuery(text="新质生产力", filters={"province": "重庆市"}))
    assert [h.region for h in hits] == ["重庆市璧山区"]
    listed = store.search(SearchQuery(filters={"report_year": [2023, 2025], "province": "重庆市"}, size=10))
    assert [h.report_year for h in listed] == [2025, 2023]  # newest first without a text query
    assert len(store.search(SearchQuery(size=2))) == 2


def test_aggregate_indicators_uses_range_midpoints(store: Store, corpus: dict[str, list[Document]]) -> None:
    rows = store.aggregate(AggQuery(target="indicators", group_by=("province", "report_year"),
                                    filters={"indicator": "gdp_growth", "kind": "target", "strive": False}))
    table = {(r.key["province"], r.key["report_year"]): (r.count, r.avg, r.min, r.max) for r in rows}
    assert table == {("四川省", 2025): (1, 6.25, 6.25, 6.25), ("重庆市", 2023): (1, 5.5, 5.5, 5.5),
                     ("重庆市", 2025): (1, 6.0, 6.0, 6.0)}


def test_aggregate_modifier_mix_and_any_of_filters(store: Store, corpus: dict[str, list[Document]]) -> None:
    rows = store.aggregate(AggQuery(target="indicators", group_by=("modifier",), metrics=("count",),
                                    filters={"kind": "target", "report_year": [2023, 2025]}))
    assert {r.key["modifier"]: r.count for r in rows} == {"around": 1, "range": 1, "at_least": 1, "point": 1}
    strive = store.aggregate(AggQuery(target="indicators", group_by=("strive",), metrics=("count",),
                                      filters={"kind": "target"}))
    assert {r.key["strive"]: r.count for r in strive} == {False: 3, True: 1}


def test_aggregate_reports_by_phrase(store: Store, corpus: dict[str, list[Document]]) -> None:
    rows = store.aggregate(AggQuery(target="reports", group_by=("report_year", "admin_level"), metrics=("count",),
                                    phrase="新质生产力"))
    assert {(r.key["report_year"], r.key["admin_level"]): r.count for r in rows} == {(2025, "city"): 1,
                                                                                   (2025, "county"): 1}
    all_reports = store.aggregate(AggQuery(target="reports", group_by=("province",), metrics=("count",)))
    assert {r.key["province"]: r.count for r in all_reports} == {"重庆市": 2, "四川省": 1}
    assert store.aggregate(AggQuery(target="reports", group_by=("province",), phrase="不存在的词")) == []


@pytest.mark.parametrize("query", [
    AggQuery(target="indicators", group_by=("text",)),
    AggQuery(target="reports", group_by=("indicator",)),
    AggQuery(target="documents"),
    AggQuery(metrics=("median",)),
])
def test_invalid_aggregations_are_rejected(store: Store, query: AggQuery) -> None:
    with pytest.raises(ValueError):
        store.aggregate(query)
