"""`kibana import`: multipart upload with kbn-xsrf and overwrite, error reporting, prefix rewrite.

A loopback HTTP server stands in for Kibana and records what it receives.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from govreports.errors import GovReportsError, StoreUnavailable
from search.es_kibana import import_objects, retarget, wait_until_available

NDJSON = (Path(__file__).resolve().parents[2] / "kibana" / "govreports.ndjson").read_text(encoding="utf-8")


@pytest.fixture
def kibana() -> Iterator[tuple[str, list[dict[str, Any]], dict[str, Any]]]:
    received: list[dict[str, Any]] = []
    script: dict[str, Any] = {"status": 200, "answer": {"success": True, "successCount": 15}, "api_status": [200]}

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"path": self.path, "body": body,
                             "headers": {k.lower(): v for k, v in self.headers.items()}})
            self._send(script["status"], script["answer"])

        def do_GET(self) -> None:  # noqa: N802
            codes = script["api_status"]
            self._send(codes.pop(0) if len(codes) > 1 else codes[0], {})

        def _send(self, status: int, payload: dict[str, Any]) -> None:
            raw = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(raw)))
            self.end_headers()
            self.wfile.write(raw)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", received, script
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_import_posts_the_file_with_xsrf_overwrite_and_auth(kibana: tuple[str, list[dict[str, Any]], dict[str, Any]]) -> None:
    url, received, _ = kibana
    answer = import_objects(url, NDJSON, "elastic", "pw")
    assert answer["successCount"] == 15
    [request] = received
    assert request["path"] == "/api/saved_objects/_import?overwrite=true"
    assert request["headers"]["kbn-xsrf"] == "true"
    assert request["headers"]["authorization"].startswith("Basic ")
    assert request["headers"]["content-type"].startswith("multipart/form-data; boundary=")
    assert b'name="file"; filename="govreports.ndjson"' in request["body"]
    assert NDJSON.encode("utf-8") in request["body"]


def test_rejected_objects_are_reported(kibana: tuple[str, list[dict[str, Any]], dict[str, Any]]) -> None:
    url, _, script = kibana
    script["answer"] = {"success": False, "errors": [{"type": "visualization", "id": "x",
                                                      "error": {"type": "missing_references"}}]}
    with pytest.raises(GovReportsError, match="rejected 1 saved object.*missing_references"):
        import_objects(url, NDJSON)
    script.update(status=403, answer={"message": "forbidden"})
    with pytest.raises(GovReportsError, match="HTTP 403 forbidden"):
        import_objects(url, NDJSON)


def test_wait_polls_status_until_available(kibana: tuple[str, list[dict[str, Any]], dict[str, Any]]) -> None:
    url, _, script = kibana
    script["api_status"] = [503, 503, 200]
    slept: list[float] = []
    wait_until_available(url, "", "", wait_s=60, sleep=slept.append)
    assert len(slept) == 2


def test_unreachable_kibana_is_unavailable() -> None:
    with pytest.raises(StoreUnavailable, match="unreachable"):
        import_objects("http://127.0.0.1:9", NDJSON)


def test_retarget_rewrites_only_data_view_titles() -> None:
    rewritten = [json.loads(line) for line in retarget(NDJSON, "prod").splitlines()]
    titles = {o["attributes"]["title"] for o in rewritten if o["type"] == "index-pattern"}
    assert titles == {"prod-reports", "prod-indicators", "prod-pages"}
    assert [o["id"] for o in rewritten] == [json.loads(line)["id"] for line in NDJSON.splitlines()]
    assert retarget(NDJSON, "govreports") == NDJSON
