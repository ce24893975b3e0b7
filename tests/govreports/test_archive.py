"""The raw-page archive: round trips, content addressing, history per URL, iteration."""

from __future__ import annotations

from pathlib import Path

import pytest

from govreports.archive import Archive
from govreports.models import RawPage


def _page(url: str, body: bytes, fetched_at: str = "2025-01-01T00:00:00+00:00") -> RawPage:
    return RawPage(url=url, body=body, content_type="text/html; charset=gbk", fetched_at=fetched_at, source="test")


def test_put_get_round_trip_keeps_bytes_and_metadata(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    body = "二〇二五年政府工作报告".encode("gbk") + bytes(range(256))
    digest = archive.put(_page("http://a.test/1.html", body))
    page = archive.get(digest)
    assert page.body == body
    assert (page.url, page.content_type, page.source) == ("http://a.test/1.html", "text/html; charset=gbk", "test")
    assert archive.has(digest)


def test_missing_hash_is_a_key_error(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        Archive(tmp_path).get("0" * 64)


def test_same_bytes_at_two_urls_are_stored_once_but_listed_twice(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.put(_page("http://a.test/1.html", b"same"))
    archive.put(_page("http://mirror.test/x.html", b"same"))
    assert len(list((tmp_path / "bodies").glob("*/*.gz"))) == 1
    assert len(archive) == 2
    assert sorted(p.url for p in archive) == ["http://a.test/1.html", "http://mirror.test/x.html"]


def test_history_records_each_new_version_of_a_url(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    url = "http://a.test/report.html"
    first = archive.put(_page(url, b"v1", "2025-01-01T00:00:00+00:00"))
    archive.put(_page(url, b"v1", "2025-01-02T00:00:00+00:00"))  # unchanged: no new history entry
    second = archive.put(_page(url, b"v2, corrected", "2025-01-03T00:00:00+00:00"))
    assert [h["content_hash"] for h in archive.history(url)] == [first, second]
    assert [p.body for p in archive] == [b"v2, corrected"]  # iteration gives the latest fetch
    assert archive.get(first).body == b"v1"  # older versions stay retrievable


def test_empty_archive(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "nothing-yet")
    assert len(archive) == 0 and list(archive) == [] and archive.history("http://x") == []
