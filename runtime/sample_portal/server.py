"""Serve the sample portal on 127.0.0.1 with a threaded `http.server`: `serve_portal()` and `start_urls()`.

Behaves like a plain web server in front of a CMS: `dir/` serves `dir/index.html`, `dir` without the
slash answers 301 to `dir/`, unknown query parameters are ignored, unknown paths get a 404 page,
responses carry Content-Type (with the page's charset), Content-Length, Last-Modified and an ETag, and a
conditional request gets 304: a matching If-None-Match, or (without one) an If-Modified-Since not older
than Last-Modified, as RFC 9110 orders them. Port 0 picks a free port.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator, Mapping
from email.utils import parsedate_to_datetime
from contextlib import contextmanager
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

from runtime.sample_portal.site import LAST_MODIFIED, Page, build_site, start_paths

HOST = "127.0.0.1"
_NOT_FOUND = Page("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>404 页面不存在</title></head>"
                  "<body><h1>404</h1><p>您访问的页面不存在或已被删除。</p></body></html>".encode("utf-8"),
                  "text/html; charset=utf-8")


def resolve(pages: dict[str, Page], target: str) -> tuple[int, Page | str]:
    """(status, page) for a request target, or (301, location) for a directory without its slash."""
    parts = urlsplit(target)
    path = parts.path or "/"
    candidates = ([f"{path}?{parts.query}"] if parts.query else []) + [path]
    if path.endswith("/"):
        candidates += [f"{path}index.html", f"{path}index.htm"]
    for key in candidates:
        if key in pages:
            return 200, pages[key]
    if not path.endswith("/") and any(key.startswith(path + "/") for key in pages):
        return 301, path + "/" + (f"?{parts.query}" if parts.query else "")
    return 404, _NOT_FOUND


def not_modified(headers: Mapping[str, str], etag: str, last_modified: str) -> bool:
    """Whether a conditional GET may be answered 304 (If-None-Match decides when present)."""
    if headers.get("If-None-Match") is not None:
        return etag in [tag.strip() for tag in headers["If-None-Match"].split(",")] or headers["If-None-Match"] == "*"
    since = headers.get("If-Modified-Since")
    if not since:
        return False
    try:
        return parsedate_to_datetime(since) >= parsedate_to_datetime(last_modified)
    except (TypeError, ValueError):
        return False  # an unparseable date is ignored, as servers do


class PortalHandler(BaseHTTPRequestHandler):
    server_version = "nginx"  # what such portals answer; hides Python's version string
    sys_version = ""
    pages: dict[str, Page] = {}

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def _respond(self, send_body: bool) -> None:
        status, result = resolve(self.pages, self.path)
        if isinstance(result, str):
            self.send_response(status)
            self.send_header("Location", result)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        page = result
        if status == 200 and not_modified(self.headers, page.etag, LAST_MODIFIED):
            self.send_response(HTTPStatus.NOT_MODIFIED)
            self.send_header("ETag", page.etag)
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.end_headers()
            return
        self.send_response(status)
        self.send_header("Content-Type", page.content_type)
        self.send_header("Content-Length", str(len(page.body)))
        if status == 200:
            self.send_header("Last-Modified", LAST_MODIFIED)
            self.send_header("ETag", page.etag)
        self.end_headers()
        if send_body:
            self.wfile.write(page.body)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - signature of the base class
        pass  # quiet: the crawler logs every request it makes


class PortalServer(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never blocks shutdown
    allow_reuse_address = True


def make_server(port: int = 0, host: str = HOST) -> PortalServer:
    handler = type("BoundPortalHandler", (PortalHandler,), {"pages": build_site()})
    return PortalServer((host, port), handler)


def base_url_of(server: PortalServer) -> str:
    host, port = server.server_address[:2]
    return f"http://{host}:{port}"


@contextmanager
def serve_portal(port: int = 0, host: str = HOST) -> Iterator[str]:
    """Serve the portal in a background thread; yields its base URL (`http://127.0.0.1:<port>`)."""
    server = make_server(port, host)
    thread = threading.Thread(target=server.serve_forever, name="sample-portal", daemon=True)
    thread.start()
    try:
        yield base_url_of(server)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def start_urls(base_url: str) -> list[str]:
    """The list pages to start a crawl of the portal from."""
    return [base_url.rstrip("/") + path for path in start_paths()]
