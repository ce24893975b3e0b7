"""Same report, many sites, through the store: one canonical document, the other copies as its history.

On a real SQLite store: an aggregator copy stored first is replaced by the official copy, a later
aggregator copy is only recorded, a longer version on the official site supersedes the first, a changed
refetch keeps its earlier content hash, another year's report stays separate. The Elasticsearch side is
checked on a scripted node (the requests it sends), like the other ES store tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govreports.models import PAGE_SKIPPED, PAGE_STORED, Document, PageOutcome, RawPage, document_id, page_id
from search.es_fake import FakeCluster, error_body
from search.es_store import ElasticsearchStore
from search.mirrors import default_authority, save_resolving_copies
from search.sqlite_store import SQLiteStore
from search.store import AggQuery, SearchQuery, VersionRecord

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"
TEXT = "\n".join(line for line in next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8").splitlines()[2:]
                 if line.strip())
OFFICIAL = "http://www.bishan.gov.cn/zwgk/zfgzbg/t20240227_1.html"
AGGREGATOR = "http://www.cyyq.net/zt/5120.html"


def _save(store: SQLiteStore, url: str, text: str, authority: int, fetched_at: str, year: int = 2024,
          title: str = "重庆市璧山区政府工作报告") -> PageOutcome:
    doc = Document(id=document_id(url, 0), title=title, text=text, doc_type="work_report", region="重庆市璧山区",
                   province="重庆市", admin_level="county", division_code="500120", report_year=year,
                   source_url=url, content_hash=str(hash(text)), quality={"flags": []})
    page = RawPage(url=url, body=text.encode(), fetched_at=fetched_at, source="s", authority=authority)
    outcome = PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED, document_ids=[doc.id])
    save_resolving_copies(store, page, outcome, [doc])
    return outcome


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    opened = SQLiteStore(tmp_path / "store.sqlite3")
    opened.setup()
    yield opened
    opened.close()


def _ids(store: SQLiteStore) -> list[str]:
    return sorted(hit.id for hit in store.search(SearchQuery(size=100)))


def test_one_canonical_document_with_its_history(store: SQLiteStore) -> None:
    official_id, aggregator_id = document_id(OFFICIAL, 0), document_id(AGGREGATOR, 0)
    first = _save(store, AGGREGATOR, "【璧山招商】" + TEXT + "\n更多报告请关注本站", 10, "2024-02-20T00:00:00")
    assert first.state == PAGE_STORED and _ids(store) == [aggregator_id]

    second = _save(store, OFFICIAL, TEXT, 100, "2024-02-27T00:00:00")  # the official copy wins
    assert second.state == PAGE_STORED and _ids(store) == [official_id]
    (mirror,) = store.document_versions(official_id)
    assert (mirror.doc_id, mirror.relation, mirror.url, mirror.authority) == (aggregator_id, "mirror", AGGREGATOR, 10)
    assert mirror.similarity > 0.9 and mirror.fetched_at == "2024-02-20T00:00:00"
    page = next(p for p in store.conn.execute("SELECT page_id, document_ids FROM pages") if p[0] == page_id(AGGREGATOR))
    assert page[1] == "[]"  # the aggregator page no longer lists the retired document

    other_aggregator = "http://news.example.com/2024/bishan.html"
    third = _save(store, other_aggregator, TEXT.replace("。", "，"), 10, "2024-03-01T00:00:00")
    assert third.state == PAGE_SKIPPED and official_id in third.reason and third.document_ids == []
    assert _ids(store) == [official_id]

    longer = "http://www.bishan.gov.cn/zwgk/zfgzbg/t20240301_2.html"
    _save(store, longer, TEXT + "\n附：2024年区政府重点工作任务分解表\n" + "一、稳增长。" * 400, 100, "2024-03-02T00:00:00")
    longer_id = document_id(longer, 0)
    assert _ids(store) == [longer_id]
    history = {(v.doc_id, v.relation) for v in store.document_versions(longer_id)}
    assert history == {(official_id, "superseded"), (aggregator_id, "mirror"),
                       (document_id(other_aggregator, 0), "mirror")}
    assert store.document_versions(official_id) == []  # its history moved with it

    rows = store.aggregate(AggQuery(target="reports", group_by=("region", "report_year"), metrics=("count",)))
    assert [(r.key["region"], r.count) for r in rows] == [("重庆市璧山区", 1)]


def test_changed_refetch_keeps_the_earlier_hash_and_other_years_stay(store: SQLiteStore) -> None:
    _save(store, OFFICIAL, TEXT, 100, "2024-02-27T00:00:00")
    _save(store, OFFICIAL, TEXT.replace("2024", "２０２４", 1) + "\n（更正）", 100, "2024-02-28T00:00:00")
    (earlier,) = store.document_versions(document_id(OFFICIAL, 0))
    assert earlier.relation == "earlier_fetch" and earlier.content_hash == str(hash(TEXT))
    next_year = "http://www.bishan.gov.cn/zwgk/zfgzbg/t20250115_3.html"
    _save(store, next_year, TEXT.replace("2024", "2025"), 100, "2025-01-15T00:00:00", year=2025)
    assert len(_ids(store)) == 2  # another year is another report, however alike the wording


def test_pages_without_a_source_are_stored_as_given_and_host_authority(store: SQLiteStore) -> None:
    for n in range(2):  # injected pages (tools, tests): no provenance, no resolution
        url = f"http://portal.test/copy-{n}.html"
        doc = Document(id=document_id(url, 0), title="t", text=TEXT, doc_type="work_report", region="重庆市璧山区",
                       division_code="500120", report_year=2024, source_url=url)
        outcome = PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED, document_ids=[doc.id])
        save_resolving_copies(store, RawPage(url=url, body=b""), outcome, [doc])
    assert len(_ids(store)) == 2
    assert default_authority("http://www.cq.gov.cn/a.html") == 100 and default_authority(AGGREGATOR) == 10


def _es(cluster: FakeCluster) -> ElasticsearchStore:
    return ElasticsearchStore(cluster.client(), "gr", retries=1, sleep=lambda _: None)


def test_es_records_versions_in_one_history_record() -> None:
    existing = {"_id": "versions-a", "found": True, "_source": {"versions": [
        VersionRecord("a", "b", "mirror", AGGREGATOR, "h1").to_dict()]}}
    cluster = FakeCluster().on("GET", r"/gr-pages/_doc/versions-a", existing)
    _es(cluster).record_versions([VersionRecord("a", "b", "mirror", AGGREGATOR, "h1"),  # already there
                                  VersionRecord("a", "c", "superseded", OFFICIAL, "h2")])
    [bulk] = cluster.sent("PUT", "/_bulk")
    [(op, meta, source)] = bulk.operations
    assert (op, meta["_index"], meta["_id"]) == ("index", "gr-pages", "versions-a")
    assert [(v["doc_id"], v["relation"]) for v in source["versions"]] == [("b", "mirror"), ("c", "superseded")]
    assert "state" not in source  # never counted as a page


def test_es_retire_deletes_the_report_and_moves_its_history() -> None:
    cluster = (FakeCluster()
               .on("GET", r"/gr-reports/_doc/old", {"_id": "old", "found": True,
                                                    "_source": {"page_id": "p1", "indicator_count": 2}})
               .on("GET", r"/gr-pages/_doc/p1", {"_id": "p1", "found": True, "_source": {
                   "page_id": "p1", "state": "stored", "document_ids": ["old", "keep"],
                   "indicator_ids": ["old-0000", "old-0001", "keep-0000"]}})
               .on("GET", r"/gr-pages/_doc/versions-old", {"_id": "versions-old", "found": True, "_source": {
                   "versions": [VersionRecord("old", "x", "mirror", AGGREGATOR, "h9").to_dict()]}})
               .on("GET", r"/gr-pages/_doc/versions-new", error_body(404, "not_found")))
    _es(cluster).retire_document("old", "new")
    [bulk] = cluster.sent("PUT", "/_bulk")
    ops = [(op, meta["_index"], meta["_id"]) for op, meta, _ in bulk.operations]
    assert ops == [("delete", "gr-reports", "old"), ("delete", "gr-indicators", "old-0000"),
                   ("delete", "gr-indicators", "old-0001"), ("index", "gr-pages", "p1"),
                   ("index", "gr-pages", "versions-new"), ("delete", "gr-pages", "versions-old")]
    page = bulk.operations[3][2]
    assert page["document_ids"] == ["keep"] and page["indicator_ids"] == ["keep-0000"] and page["state"] == "stored"
    moved = bulk.operations[4][2]["versions"]
    assert [(v["canonical_id"], v["doc_id"]) for v in moved] == [("new", "x")]
