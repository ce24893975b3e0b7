"""A fast loopback HTTP/1.1 server for the generated portal, and the clock both crawlers are timed by.

`http.server` answers a few hundred requests a second and would be the bottleneck of any crawl on this
machine, hiding the crawler's own costs; this asyncio server keeps connections alive (Scrapy pools
them) and answers from memory. It runs on its own event loop in a background thread of the benchmark
process, which only waits meanwhile, and records when the first request arrived and the last response
was written, per kind of page: a crawl's window is measured on the server side, identically for the
project crawler and the Scrapy baseline, and excludes process start-up and Scrapy's idle-close delay.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from bench.portal import PortalPage

HOST = "127.0.0.1"
_NOT_FOUND = PortalPage(b"<html><body><h1>404</h1></body></html>", "text/html; charset=utf-8")
_MAX_HEADER_BYTES = 64 * 1024


@dataclass
class ServerLog:
    """Requests served since the last `reset`, by kind, with the first and last times (monotonic)."""

    counts: dict[str, int] = field(default_factory=dict)
    first: float | None = None
    last: float | None = None

    def record(self, kind: str, started: float, finished: float) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1
        self.first = started if self.first is None else min(self.first, started)
        self.last = finished if self.last is None else max(self.last, finished)

    @property
    def window_s(self) -> float:
        return 0.0 if self.first is None or self.last is None else self.last - self.first


def resolve(pages: Mapping[str, PortalPage], target: str) -> tuple[int, PortalPage]:
    """(status, page) for a request target: `dir/` serves `dir/index.html`; the query string is ignored."""
    path = target.split("?", 1)[0] or "/"
    page = pages.get(path) or (pages.get(path + "index.html") if path.endswith("/") else None)
    return (200, page) if page is not None else (404, _NOT_FOUND)


def response_head(status: int, page: PortalPage, keep_alive: bool) -> bytes:
    reason = "OK" if status == 200 else "Not Found"
    return (f"HTTP/1.1 {status} {reason}\r\nServer: nginx\r\nContent-Type: {page.content_type}\r\n"
            f"Content-Length: {len(page.body)}\r\nConnection: {'keep-alive' if keep_alive else 'close'}\r\n\r\n"
            ).encode("latin-1")


class PortalServer:
    def __init__(self, pages: Mapping[str, PortalPage], classify: Callable[[str, int], str]) -> None:
        """`classify(path, status)` names the kind of page a request was for ("detail", "list" …)."""
        self.pages = pages
        self.classify = classify
        self.log = ServerLog()
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.base_events.Server | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, name="bench-portal", daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.port}"

    def reset(self) -> ServerLog:
        """Start a new log; returns the previous one."""
        previous, self.log = self.log, ServerLog()
        return previous

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                started = time.monotonic()
                if len(head) > _MAX_HEADER_BYTES:
                    break
                lines = head.decode("latin-1").split("\r\n")
                method, target, version = (lines[0].split(" ") + ["", ""])[:3]
                headers = {k.strip().lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
                keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
                status, page = resolve(self.pages, target)
                writer.write(response_head(status, page, keep_alive))
                if method != "HEAD":
                    writer.write(page.body)
                await writer.drain()
                self.log.record(self.classify(target.split("?", 1)[0], status), started, time.monotonic())
                if not keep_alive:
                    break
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass  # the client closed the connection (normal at the end of a crawl)
        finally:
            writer.close()

    def start(self) -> "PortalServer":
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(
            asyncio.start_server(self._serve, HOST, 0, limit=_MAX_HEADER_BYTES, backlog=256), self._loop)
        self._server = future.result(timeout=10)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            asyncio.run_coroutine_threadsafe(self._server.wait_closed(), self._loop).result(timeout=10)
            self._server = None
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()


@contextmanager
def serve(pages: Mapping[str, PortalPage], classify: Callable[[str, int], str]) -> Iterator[PortalServer]:
    server = PortalServer(pages, classify).start()
    try:
        yield server
    finally:
        server.stop()
