"""A scripted stand-in for an Elasticsearch server, for unit tests without one.

The real `elasticsearch.Elasticsearch` client is used unchanged; only its HTTP node is replaced (the
transport's documented `node_class` hook), so tests see exactly the requests the client would send and
the client parses responses exactly as it would from a server. Nothing here emulates search: a test
scripts the answers it needs and asserts on `cluster.requests`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node._base import NodeApiResponse  # the (meta, body) pair nodes return
from elasticsearch import Elasticsearch

Answer = Any  # dict body (200) | (status, body) | Exception to raise | callable(Request) -> Answer


@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    body: Any  # parsed JSON, a list of parsed lines for NDJSON, or None

    @property
    def operations(self) -> list[tuple[str, dict[str, Any], dict[str, Any] | None]]:
        """A bulk body as (op, metadata, source-or-None) triples."""
        lines, out, i = self.body or [], [], 0
        while i < len(lines):
            op, meta = next(iter(lines[i].items()))
            has_source = op != "delete"
            out.append((op, meta, lines[i + 1] if has_source else None))
            i += 2 if has_source else 1
        return out


def bulk_all_ok(request: Request) -> tuple[int, dict[str, Any]]:
    """Default `_bulk` answer: every item succeeds."""
    items = [{op: {"_index": meta.get("_index"), "_id": meta.get("_id"), "status": 200 if op == "delete" else 201,
                   "result": "deleted" if op == "delete" else "created"}}
             for op, meta, _ in request.operations]
    return 200, {"took": 1, "errors": False, "items": items}


def error_body(status: int, kind: str, reason: str = "") -> tuple[int, dict[str, Any]]:
    return status, {"error": {"type": kind, "reason": reason or kind, "root_cause": [{"type": kind, "reason": reason or kind}]},
                    "status": status}


@dataclass
class FakeCluster:
    routes: list[tuple[str, re.Pattern[str], list[Answer]]] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)

    def on(self, method: str, path_regex: str, *answers: Answer) -> "FakeCluster":
        """Answer `method path` (regex, fully matched) with `answers` in turn; the last one repeats.

        Later registrations win over earlier ones for the same request.
        """
        self.routes.insert(0, (method.upper(), re.compile(path_regex), list(answers)))
        return self

    def client(self, **options: Any) -> Elasticsearch:
        node_class = type("FakeNode", (_FakeNode,), {"cluster": self})
        return Elasticsearch("http://es.test:9200", node_class=node_class, max_retries=0, **options)

    def sent(self, method: str, path_regex: str) -> list[Request]:
        pattern = re.compile(path_regex)
        return [r for r in self.requests if r.method == method.upper() and pattern.fullmatch(r.path)]

    def answer(self, request: Request) -> tuple[int, Any]:
        self.requests.append(request)
        for method, pattern, answers in self.routes:
            if method == request.method and pattern.fullmatch(request.path):
                answer = answers.pop(0) if len(answers) > 1 else answers[0]
                break
        else:
            if request.method in ("PUT", "POST") and request.path == "/_bulk":
                answer = bulk_all_ok
            else:
                answer = error_body(404, "fake_route_missing", f"no scripted answer for {request.method} {request.path}")
        if callable(answer) and not isinstance(answer, BaseException):
            answer = answer(request)
        if isinstance(answer, BaseException):
            raise answer
        return answer if isinstance(answer, tuple) else (200, answer)


def _parse(body: bytes | None) -> Any:
    if not body:
        return None
    text = body.decode("utf-8")
    try:
        return json.loads(text)
    except ValueError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


class _FakeNode(BaseNode):
    cluster: FakeCluster

    def perform_request(self, method: str, target: str, body: bytes | None = None,
                        headers: HttpHeaders | None = None, request_timeout: Any = None) -> NodeApiResponse:
        parts = urlsplit(target)
        request = Request(method.upper(), unquote(parts.path), dict(parse_qsl(parts.query)), _parse(body))
        status, payload = self.cluster.answer(request)
        raw = b"" if payload is None else json.dumps(payload).encode()
        meta = ApiResponseMeta(
            status=status, http_version="1.1", duration=0.0, node=self.config,
            headers=HttpHeaders({"x-elastic-product": "Elasticsearch", "content-type": "application/json"}),
        )
        return NodeApiResponse(meta, raw)

    def close(self) -> None:
        pass

