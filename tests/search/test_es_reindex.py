"""Reindex: new versions filled from the current index or the archive, one atomic alias swap, pruning."""

from __future__ import annotations

import pytest

from govreports.models import PAGE_STORED, Document, PageOutcome, RawPage, document_id, page_id
from search.es_fake import FakeCluster, Request
from search.es_reindex import reindex


def _cluster(existing: int = 1) -> tuple[FakeCluster, dict[str, int]]:
    live = {"version": existing}

    def versions(request: Request) -> dict[str, dict[str, object]]:
        base = request.path.strip("/")[:-1]  # "gr-reports-v"
        created = [int(r.path.rsplit("-v", 1)[1]) for r in cluster.sent("PUT", r"/gr-\w+-v\d+")
                   if r.path.strip("/").startswith(base)]
        return {f"{base}{v}": {} for v in range(1, existing + 1)} | {f"{base}{v}": {} for v in created}

    def alias(request: Request) -> dict[str, dict[str, object]]:
        return {f"{request.path.split('/')[-1]}-v{live['version']}": {}}

    def swap(request: Request) -> dict[str, bool]:
        live["version"] = existing + 1
        return {"acknowledged": True}

    cluster = (FakeCluster()
               .on("POST", "/_analyze", {"tokens": [{"token": "x"}]})
               .on("PUT", r"/_index_template/.+", {"acknowledged": True})
               .on("GET", r"/gr-\w+-v\*", versions)
               .on("PUT", r"/gr-\w+-v\d+", {"acknowledged": True})
               .on("POST", "/_reindex", {"task": "node:7"})
               .on("GET", "/_tasks/node:7", {"completed": False, "task": {"status": {"total": 4, "created": 2}}},
                   {"completed": True, "response": {"total": 4, "failures": []}})
               .on("POST", r"/.+/_refresh", {})
               .on("GET", r"/_alias/.+", alias)
               .on("POST", "/_aliases", swap)
               .on("DELETE", r"/gr-\w+-v\d+", {"acknowledged": True}))
    return cluster, live


def test_from_current_copies_every_kind_then_swaps_all_aliases_in_one_request() -> None:
    cluster, _ = _cluster(existing=2)
    seen: list[tuple[str, int, int]] = []
    report = reindex(cluster.client(), "gr", "current", keep=1, progress=lambda *a: seen.append(a),
                     sleep=lambda _: None)
    assert report.built == {"reports": "gr-reports-v3", "indicators": "gr-indicators-v3", "pages": "gr-pages-v3"}
    copies = cluster.sent("POST", "/_reindex")
    assert [(r.body["source"]["index"], r.body["dest"]["index"]) for r in copies] == [
        ("gr-reports", "gr-reports-v3"), ("gr-indicators", "gr-indicators-v3"), ("gr-pages", "gr-pages-v3")]
    [swap] = cluster.sent("POST", "/_aliases")
    assert {"remove": {"index": "gr-reports-v2", "alias": "gr-reports"}} in swap.body["actions"]
    assert {"add": {"index": "gr-reports-v3", "alias": "gr-reports", "is_write_index": True}} in swap.body["actions"]
    assert len(swap.body["actions"]) == 6
    # the swap comes after every copy finished; readers never see a half-built index
    order = [r.path for r in cluster.requests]
    assert order.index("/_aliases") > max(i for i, p in enumerate(order) if p.startswith("/_tasks"))
    assert report.deleted == ["gr-reports-v1", "gr-indicators-v1", "gr-pages-v1"]  # keep v2, the previous one
    assert ("copy reports", 2, 4) in seen and report.documents["reports"] == 4


def test_failed_copy_stops_before_the_swap() -> None:
    cluster, _ = _cluster()
    cluster.on("GET", "/_tasks/node:7", {"completed": True, "response": {"total": 4, "failures": [{"cause": "x"}]}})
    with pytest.raises(Exception, match="reindex of reports"):
        reindex(cluster.client(), "gr", "current", sleep=lambda _: None)
    assert cluster.sent("POST", "/_aliases") == []


def test_from_archive_reprocesses_pages_into_the_new_versions() -> None:
    cluster, _ = _cluster()
    url = "http://portal.test/a.html"
    page = RawPage(url=url, body=b"<html>report</html>")

    def process(raw: RawPage) -> tuple[PageOutcome, list[Document]]:
        doc = Document(id=document_id(raw.url, 0), title="报告", text="正文", indicators=[
            {"indicator": "gdp_growth", "kind": "target", "year": 2025, "value": 6.0}])
        return PageOutcome(page_id=page_id(raw.url), url=raw.url, state=PAGE_STORED, document_ids=[doc.id]), [doc]

    report = reindex(cluster.client(), "gr", "archive", keep=5, pages=[page], total_pages=1, process=process,
                     sleep=lambda _: None)
    assert [r.body["source"]["index"] for r in cluster.sent("POST", "/_reindex")] == ["gr-pages"]
    [bulk] = cluster.sent("PUT", "/_bulk")
    assert [meta["_index"] for _, meta, _ in bulk.operations] == ["gr-reports-v2", "gr-indicators-v2", "gr-pages-v2"]
    assert report.documents == {"pages": 4, "reports": 1, "indicators": 1}
    assert report.deleted == [] and report.pages_failed_to_index == 0


def test_unknown_source_is_rejected() -> None:
    cluster, _ = _cluster()
    with pytest.raises(ValueError, match="unknown reindex source"):
        reindex(cluster.client(), "gr", "backup")
