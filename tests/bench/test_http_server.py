"""bench.http_server: the loopback portal server answers from memory over kept-alive connections and logs
each request's kind with the first and last times (the crawl figures' clock)."""

from __future__ import annotations

import http.client

from bench.http_server import ServerLog, resolve, response_head, serve
from bench.portal import PortalPage

PAGES = {"/a/index.html": PortalPage("<p>列表</p>".encode(), "text/html; charset=utf-8"),
         "/a/1.html": PortalPage(b"<p>detail</p>", "text/html; charset=gb2312")}


def kind_of(path: str, status: int) -> str:
    return "error" if status != 200 else ("list" if path.endswith("/") else "detail")


def test_resolve_serves_directory_index_and_ignores_queries() -> None:
    assert resolve(PAGES, "/a/")[1] is PAGES["/a/index.html"]
    assert resolve(PAGES, "/a/1.html?x=1") == (200, PAGES["/a/1.html"])
    assert resolve(PAGES, "/missing")[0] == 404


def test_response_head_declares_length_type_and_connection() -> None:
    head = response_head(200, PAGES["/a/1.html"], keep_alive=True).decode("latin-1")
    assert head.startswith("HTTP/1.1 200 OK\r\n") and head.endswith("\r\n\r\n")
    assert "Content-Length: 13\r\n" in head and "charset=gb2312" in head and "Connection: keep-alive" in head


def test_server_log_window_spans_first_start_to_last_finish() -> None:
    log = ServerLog()
    assert log.window_s == 0.0
    log.record("detail", 10.0, 10.5)
    log.record("list", 9.0, 9.2)
    log.record("detail", 11.0, 12.0)
    assert log.counts == {"detail": 2, "list": 1} and log.window_s == 3.0


def test_served_pages_over_one_kept_alive_connection() -> None:
    with serve(PAGES, kind_of) as server:
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=5)
        bodies = []
        for target in ("/a/", "/a/1.html", "/nope.html"):
            connection.request("GET", target)
            response = connection.getresponse()
            bodies.append((response.status, response.read()))
        connection.close()
        log = server.reset()
    assert bodies[0] == (200, "<p>列表</p>".encode()) and bodies[1] == (200, b"<p>detail</p>")
    assert bodies[2][0] == 404
    assert log.counts == {"list": 1, "detail": 1, "error": 1} and log.window_s > 0
