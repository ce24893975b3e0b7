"""Sources and bulk actions of one page: deterministic ids, value_mid, stale ids deleted, record last."""

from __future__ import annotations

from govreports.models import PAGE_STORED, Document, Indicator, PageOutcome, document_id, page_id
from search.es_documents import indicator_id, outcome_from_source, page_actions, page_source, report_source, value_mid

URL = "http://portal.test/list.html"
ALIASES = {"reports": "gr-reports", "indicators": "gr-indicators", "pages": "gr-pages"}


def _doc(position: int, indicators: int) -> Document:
    inds = [Indicator(indicator="gdp_growth", kind="target", year=2025, value=None, low=6.0, high=6.5,
                      modifier="range").to_dict() for _ in range(indicators)]
    return Document(id=document_id(URL, position), title=f"报告{position}", text="正文", region="南充市",
                    province="四川省", admin_level="city", report_year=2025, indicators=inds,
                    phrase_counts={"新质生产力": 2, "乡村振兴": 0}, quality={"title_year_mismatch": True, "ok": False},
                    meeting_date="", published_date="2025-01-12")


def _outcome(docs: list[Document]) -> PageOutcome:
    return PageOutcome(page_id=page_id(URL), url=URL, state=PAGE_STORED, document_ids=[d.id for d in docs],
                       processed_at="2025-03-01T00:00:00+00:00")


def test_value_mid_is_value_or_range_middle() -> None:
    assert value_mid({"value": 6.0, "low": None, "high": None}) == 6.0
    assert value_mid({"value": None, "low": 6.0, "high": 6.5}) == 6.25
    assert value_mid({"value": None, "low": 6.0, "high": None}) is None
    assert value_mid({"value": 0.0}) == 0.0  # zero is a value, not a missing one


def test_report_source_keeps_every_field_and_adds_derived_ones() -> None:
    doc = _doc(0, 1)
    source = report_source(doc, "pid", indexed_at="2025-03-01T00:00:00+00:00")
    assert Document.from_dict(source) == Document.from_dict({**doc.to_dict(), "meeting_date": None})
    assert source["phrases"] == ["新质生产力"]  # zero counts are not mentions
    assert source["quality_flags"] == ["title_year_mismatch"]
    assert source["meeting_date"] is None  # "" would be rejected by a date field
    assert (source["page_id"], source["indicator_count"]) == ("pid", 1)


def test_indicators_carry_their_report_metadata() -> None:
    actions = list(page_actions(_outcome([_doc(0, 2)]), [_doc(0, 2)], ALIASES, previous=None))
    indicators = [a for a in actions if a["_index"] == "gr-indicators"]
    assert [a["_id"] for a in indicators] == [indicator_id(document_id(URL, 0), r) for r in (0, 1)]
    source = indicators[0]["_source"]
    assert (source["province"], source["admin_level"], source["report_year"], source["value_mid"]) == (
        "四川省", "city", 2025, 6.25)
    assert source["document_id"] == document_id(URL, 0) and source["modifier"] == "range"


def test_page_record_is_the_last_action_and_lists_what_was_written() -> None:
    docs = [_doc(0, 1), _doc(1, 2)]
    actions = list(page_actions(_outcome(docs), docs, ALIASES, previous=None))
    record = actions[-1]
    assert (record["_index"], record["_id"]) == ("gr-pages", page_id(URL))
    assert record["_source"]["indicator_ids"] == [a["_id"] for a in actions if a["_index"] == "gr-indicators"]
    assert record["_source"]["document_count"] == 2 and record["_source"]["host"] == "portal.test"
    assert all(a["_op_type"] == "index" for a in actions)


def test_resave_with_fewer_documents_deletes_exactly_the_stale_ids() -> None:
    before = [_doc(0, 1), _doc(1, 2)]
    previous = page_source(_outcome(before), [indicator_id(before[0].id, 0), indicator_id(before[1].id, 0),
                                              indicator_id(before[1].id, 1)])
    after = [_doc(0, 1)]
    actions = list(page_actions(_outcome(after), after, ALIASES, previous))
    deletes = {(a["_index"], a["_id"]) for a in actions if a["_op_type"] == "delete"}
    assert deletes == {("gr-reports", before[1].id), ("gr-indicators", indicator_id(before[1].id, 0)),
                       ("gr-indicators", indicator_id(before[1].id, 1))}


def test_identical_resave_deletes_nothing() -> None:
    docs = [_doc(0, 2)]
    first = list(page_actions(_outcome(docs), docs, ALIASES, previous=None))
    again = list(page_actions(_outcome(docs), docs, ALIASES, previous=first[-1]["_source"]))
    assert [a["_op_type"] for a in again] == ["index"] * len(first)
    assert [a["_id"] for a in again] == [a["_id"] for a in first]


def test_outcome_round_trips_through_the_page_source() -> None:
    outcome = PageOutcome(page_id="p", url="http://x.test/a", state="failed", step="decode", reason="binary",
                          fetched_at="", processed_at="2025-03-02T00:00:00+00:00")
    assert outcome_from_source(page_source(outcome, [])) == outcome
