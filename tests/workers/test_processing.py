"""The worker's decision table on real pages: stored / skipped / failed, never an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreports.models import PAGE_FAILED, PAGE_SKIPPED, PAGE_STORED, RawPage, page_id
from pipeline.segment import get_segmenter
from workers.processing import process_raw_page

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return get_segmenter(cache_dir=tmp_path_factory.mktemp("jieba"))


def _page(body: bytes, url: str = "http://portal.test/a.html", **kw: object) -> RawPage:
    return RawPage(url=url, body=body, **kw)  # type: ignore[arg-type]


def test_report_page_is_stored_with_documents(segmenter) -> None:  # type: ignore[no-untyped-def]
    body = next(SEEDS.glob("001_*.txt")).read_bytes()
    outcome, documents = process_raw_page(_page(body, content_type="text/plain; charset=utf-8"), segmenter)
    assert outcome.state == PAGE_STORED
    assert outcome.page_id == page_id("http://portal.test/a.html")
    assert outcome.document_ids == [d.id for d in documents] and len(documents) == 1
    assert documents[0].tokens and documents[0].report_year == 2024


def test_same_page_gives_same_ids(segmenter) -> None:  # type: ignore[no-untyped-def]
    body = next(SEEDS.glob("002_*.txt")).read_bytes()
    first = process_raw_page(_page(body), segmenter)[0].document_ids
    again = process_raw_page(_page(body), segmenter)[0].document_ids
    assert first == again and len(set(first)) == len(first) >= 5


def test_page_without_report_is_skipped(segmenter) -> None:  # type: ignore[no-untyped-def]
    html = "<html><body><div>您当前的位置：首页 > 政务公开</div><ul><li><a href='/a'>通知</a></li></ul></body></html>"
    outcome, documents = process_raw_page(_page(html.encode(), content_type="text/html"), segmenter)
    assert outcome.state == PAGE_SKIPPED and outcome.reason and documents == []


@pytest.mark.parametrize(
    "body, content_type",
    [(b"", "text/html"), (b"%PDF-1.7\n\x00\x01binary", "text/html"), (b"\x00\x01\x02\x03" * 100, "")],
)
def test_undecodable_page_is_a_recorded_failure(segmenter, body: bytes, content_type: str) -> None:  # type: ignore[no-untyped-def]
    outcome, documents = process_raw_page(_page(body, content_type=content_type), segmenter)
    assert outcome.state == PAGE_FAILED
    assert outcome.step == "decode" and outcome.reason
    assert documents == []


def test_http_error_is_a_failure_of_the_fetch_step(segmenter) -> None:  # type: ignore[no-untyped-def]
    outcome, _ = process_raw_page(_page(b"<html>not found</html>", status=404), segmenter)
    assert (outcome.state, outcome.step, outcome.reason) == (PAGE_FAILED, "fetch", "HTTP 404")


def test_pipeline_bug_becomes_a_failure_not_a_crash(segmenter, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import workers.processing as processing

    def explode(*args: object, **kwargs: object) -> list[object]:
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(processing, "build_documents", explode)
    outcome, documents = process_raw_page(_page(b"<html>x</html>"), segmenter)
    assert outcome.state == PAGE_FAILED and outcome.step == "pipeline"
    assert "ZeroDivisionError: boom" in outcome.error
