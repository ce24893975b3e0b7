"""HTTP server for IK's `remote_ext_dict`: the domain vocabulary as a hot-reloadable extension dictionary.

IK polls the configured URL about once a minute with a HEAD request and re-downloads (GET) the word list
when `Last-Modified` or `ETag` changes. This server answers both from one file (written by
`govreports dict export`), re-reading it whenever its mtime changes, so re-exporting the vocabulary
reaches every Elasticsearch node without a restart. Conditional requests get 304 Not Modified.
"""

from __future__ import annotations

import hashlib
import os
import threading
from dataclasses import dataclass
from email.utils import formatdate, parsedate_to_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

DICTIONARY_PATH = "/govreports.dic"
HEALTH_PATH = "/healthz"


@dataclass(frozen=True)
class Snapshot:
    body: bytes
    etag: str
    last_modified: str  # RFC 7231 date, whole seconds
    mtime: int


class DictionaryFile:
    """The served file, re-read when its modification time changes."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        mtime = int(os.stat(self.path).st_mtime)
        with self._lock:
            if self._snapshot is None or self._snapshot.mtime != mtime:
                body = self.path.read_bytes()
                self._snapshot = Snapshot(
                    body=body,
                    etag='"' + hashlib.sha1(body).hexdigest() + '"',
                    last_modified=formatdate(mtime, usegmt=True),
                    mtime=mtime,
                )
            return self._snapshot


def not_modified(headers: dict[str, str], snapshot: Snapshot) -> bool:
    """RFC 7232: If-None-Match wins over If-Modified-Since when both are sent."""
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = {tag.strip() for tag in if_none_match.split(",")}
        return "*" in tags or snapshot.etag in tags or f"W/{snapshot.etag}" in tags
    since = headers.get("if-modified-since")
    if since:
        try:
            return snapshot.mtime <= int(parsedate_to_datetime(since).timestamp())
        except (TypeError, ValueError):
            return False  # an unparseable date is ignored, as the RFC says
    return False


def make_handler(source: DictionaryFile) -> type[BaseHTTPRequestHandler]:
    class DictionaryHandler(BaseHTTPRequestHandler):
        server_version = "govreports-dict/1"

        def _answer(self, send_body: bool) -> None:
            if self.path.split("?", 1)[0] == HEALTH_PATH:
                self._plain(200, b"ok\n", send_body)
                return
            if self.path.split("?", 1)[0] != DICTIONARY_PATH:
                self._plain(404, f"not found; the dictionary is at {DICTIONARY_PATH}\n".encode(), send_body)
                return
            try:
                snapshot = source.snapshot()
            except OSError as exc:
                self._plain(503, f"dictionary file unreadable: {exc}\n".encode(), send_body)
                return
            headers = {name.lower(): value for name, value in self.headers.items()}
            status = 304 if not_modified(headers, snapshot) else 200
            self.send_response(status)
            self.send_header("ETag", snapshot.etag)
            self.send_header("Last-Modified", snapshot.last_modified)
            self.send_header("Cache-Control", "no-cache")
            if status == 200:
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                self.send_header("Content-Length", str(len(snapshot.body)))
            self.end_headers()
            if status == 200 and send_body:
                self.wfile.write(snapshot.body)

        def _plain(self, status: int, body: bytes, send_body: bool) -> None:
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if send_body:
                self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            self._answer(send_body=True)

        def do_HEAD(self) -> None:  # noqa: N802
            self._answer(send_body=False)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet by default
            pass

    return DictionaryHandler


def make_server(path: Path, host: str, port: int) -> ThreadingHTTPServer:
    """A server for `path` (not yet serving: call `serve_forever`); port 0 picks a free port."""
    server = ThreadingHTTPServer((host, port), make_handler(DictionaryFile(path)))
    server.daemon_threads = True
    return server
