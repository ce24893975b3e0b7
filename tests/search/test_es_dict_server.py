"""The IK remote dictionary server: HEAD/GET, ETag and Last-Modified, 304s, reload on file change."""

from __future__ import annotations

import os
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from email.utils import formatdate
from pathlib import Path

import pytest

from pipeline.vocabulary import export_ik_dictionary, load_vocabulary
from search.es_dict_server import DICTIONARY_PATH, Snapshot, make_server, not_modified


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    path = tmp_path / "govreports.dic"
    export_ik_dictionary(path)
    os.utime(path, (1_700_000_000, 1_700_000_000))
    server = make_server(path, "127.0.0.1", 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", path
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _request(url: str, method: str = "GET", **headers: str) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def test_get_serves_the_vocabulary_with_validators(served: tuple[str, Path]) -> None:
    base, _ = served
    status, headers, body = _request(base + DICTIONARY_PATH)
    assert status == 200 and headers["Content-Type"].startswith("text/plain; charset=utf-8")
    assert body.decode("utf-8").splitlines() == load_vocabulary()
    assert headers["ETag"].startswith('"') and headers["Last-Modified"] == formatdate(1_700_000_000, usegmt=True)


def test_head_has_the_same_validators_and_no_body(served: tuple[str, Path]) -> None:
    base, _ = served
    _, get_headers, _ = _request(base + DICTIONARY_PATH)
    status, headers, body = _request(base + DICTIONARY_PATH, method="HEAD")
    assert status == 200 and body == b""
    assert (headers["ETag"], headers["Last-Modified"]) == (get_headers["ETag"], get_headers["Last-Modified"])


def test_conditional_requests_get_304_until_the_file_changes(served: tuple[str, Path]) -> None:
    base, path = served
    _, headers, _ = _request(base + DICTIONARY_PATH)
    assert _request(base + DICTIONARY_PATH, **{"If-None-Match": headers["ETag"]})[0] == 304
    assert _request(base + DICTIONARY_PATH, method="HEAD", **{"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    path.write_text(path.read_text(encoding="utf-8") + "新词汇测试\n", encoding="utf-8")
    os.utime(path, (1_700_000_100, 1_700_000_100))
    status, changed, body = _request(base + DICTIONARY_PATH, **{"If-None-Match": headers["ETag"]})
    assert status == 200 and changed["ETag"] != headers["ETag"]
    assert body.decode("utf-8").splitlines()[-1] == "新词汇测试"


def test_health_and_unknown_paths(served: tuple[str, Path]) -> None:
    base, _ = served
    assert _request(base + "/healthz")[0] == 200
    status, _, body = _request(base + "/other.dic")
    assert status == 404 and DICTIONARY_PATH.encode() in body


def test_if_none_match_wins_over_if_modified_since() -> None:
    snapshot = Snapshot(body=b"x\n", etag='"abc"', last_modified=formatdate(100, usegmt=True), mtime=100)
    late = formatdate(200, usegmt=True)
    assert not not_modified({"if-none-match": '"other"', "if-modified-since": late}, snapshot)
    assert not_modified({"if-none-match": 'W/"abc"'}, snapshot)
    assert not_modified({"if-modified-since": late}, snapshot)
    assert not not_modified({"if-modified-since": formatdate(50, usegmt=True)}, snapshot)
    assert not not_modified({"if-modified-since": "yesterday"}, snapshot)
