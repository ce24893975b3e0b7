"""A fixture portal on loopback that changes between crawl rounds, and records every request it gets.

Two servers (two host:port pairs, so two robots.txt):

* main — site `a` (UTF-8, TRS-like list `index.html`/`index_N.html` of three entries per page, ETag and
  Last-Modified, 304 on either), site `b` (GBK declared gb2312, Last-Modified only);
* slow — site `c`, whose robots.txt asks `Crawl-delay: 1` and disallows `/c/private/`.

Round 1: a lists r5 r4 r3 | r2 r1 jump; r3 is an attachment-only page (its report is a DOCX); `jump`
redirects to 127.0.0.1, which the sources do not allow (they allow `localhost`). b lists b2 b1, c lists c1
and a disallowed page. From round 2: r6 appears on a's first page and pushes r3 to the second; r4 is edited
and re-dated in the list. Nothing else ever changes.
"""

from __future__ import annotations

import hashlib
import io
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import docx

from runtime.sample_portal.server import not_modified

SEED_001 = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ROUND_DATES = {1: "Mon, 06 Jan 2025 08:00:00 GMT", 2: "Mon, 10 Feb 2025 08:00:00 GMT",
               3: "Mon, 17 Mar 2025 08:00:00 GMT"}
PER_PAGE = 3


@dataclass(frozen=True)
class Hit:
    server: str  # "main" | "slow"
    path: str
    conditional: bool
    status: int
    at: float = field(default=0.0, compare=False)  # monotonic receipt time


def _report_docx() -> bytes:
    lines = [line.strip() for line in next(SEED_001.glob("001_*.txt")).read_text(encoding="utf-8").splitlines()]
    document = docx.Document()
    for line in lines[2:200]:  # from the title on, without the portal breadcrumb
        if line:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _html(title: str, body: str, charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html><html><head><meta charset="{charset}"><title>{title}</title></head><body>'
            f'<div class="nav"><a href="/">首页</a></div><div class="article"><h1>{title}</h1>{body}</div></body></html>')


class ChangingPortal:
    def __init__(self) -> None:
        self.round = 1
        self.hits: list[Hit] = []
        self.docx = _report_docx()
        self._lock = threading.Lock()
        self.main = self._server("main")
        self.slow = self._server("slow")

    # ------------------------------------------------------------------ content per round
    def _a_items(self) -> list[tuple[str, str, str, str]]:
        """(id, title, list date, body) newest first."""
        edited = self.round >= 2
        items = [("5", "区政府关于2025年重点民生实事的通知", "2025-01-05", "<p>民生实事共十项。</p>"),
                 ("4", "2025年区政府工作报告解读", "2025-02-10" if edited else "2025-01-04",
                  "<p>解读一：经济增长。</p>" + ("<p>解读二（更正）：就业目标。</p>" if edited else "")),
                 ("3", "2025年区政府工作报告（全文下载）", "2025-01-03",
                  '<p>附件：</p><p><a href="/a/files/r3.docx">2024年璧山区政府工作报告.docx</a></p>'),
                 ("2", "区政府召开第一次全体会议", "2025-01-02", "<p>会议研究部署全年工作。</p>"),
                 ("1", "区政府征集2025年民生实事项目建议", "2025-01-01", "<p>欢迎社会各界提出建议。</p>")]
        if self.round >= 2:
            items.insert(0, ("6", "区政府关于印发2025年国民经济和社会发展计划的通知", "2025-02-06",
                             "<p>现将计划印发给你们，请认真贯彻执行。</p>"))
        return items

    def _a_list(self, index: int) -> str | None:
        entries = [(f"/a/2025/t2025010{i}_{i}.html", title, date) for i, title, date, _ in self._a_items()]
        entries.append(("/a/jump/t20250101_9.html", "跳转到其他网站的链接标题足够长", "2025-01-01"))
        pages = [entries[i:i + PER_PAGE] for i in range(0, len(entries), PER_PAGE)]
        if index >= len(pages):
            return None
        rows = "".join(f'<li><a href="{href}" title="{title}">{title}</a><span>{date}</span></li>'
                       for href, title, date in pages[index])
        names = ["index.html"] + [f"index_{i}.html" for i in range(1, len(pages))]
        pager = "".join(f'<a href="{name}">{n + 1}</a>' for n, name in enumerate(names))
        return _html("政府工作报告", f'<ul class="list">{rows}</ul><div class="page">{pager}</div>')

    def page(self, server: str, path: str) -> tuple[int, dict[str, str], bytes]:
        if server == "slow":
            return self._slow(path)
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nDisallow: /a/admin/\n"
        if path in ("/a/", "/a/index.html") or path.startswith("/a/index_"):
            index = 0 if path in ("/a/", "/a/index.html") else int(path.rsplit("_", 1)[1].split(".")[0])
            markup = self._a_list(index)
            if markup is not None:
                return 200, {"Content-Type": "text/html; charset=utf-8"}, markup.encode()
        for i, title, _, body in self._a_items():
            if path == f"/a/2025/t2025010{i}_{i}.html":
                return 200, {"Content-Type": "text/html; charset=utf-8"}, _html(title, body).encode()
        if path == "/a/files/r3.docx":
            return 200, {"Content-Type": DOCX_TYPE}, self.docx
        if path == "/a/jump/t20250101_9.html":
            return 302, {"Location": f"http://127.0.0.1:{self.main.server_address[1]}/a/secret/t20250101_9.html"}, b""
        if path.startswith("/b/"):
            return self._gbk(path)
        return 404, {"Content-Type": "text/html; charset=utf-8"}, _html("404", "<p>页面不存在</p>").encode()

    def _gbk(self, path: str) -> tuple[int, dict[str, str], bytes]:
        items = {"/b/info/1043/2.htm": "高坪区2025年政府工作报告", "/b/info/1043/1.htm": "高坪区召开经济形势分析会"}
        headers = {"Content-Type": "text/html; charset=gb2312"}
        if path == "/b/":
            rows = "".join(f'<tr><td><a href="{href}">{title}</a></td><td>2025-01-0{n}</td></tr>'
                           for n, (href, title) in enumerate(items.items(), start=1))
            return 200, headers, _html("政府工作报告", f"<table>{rows}</table>", "gb2312").encode("gbk")
        if path in items:
            body = f"<p>{items[path]}：各位代表，现在我代表区人民政府向大会报告工作。</p>"
            return 200, headers, _html(items[path], body, "gb2312").encode("gbk")
        return 404, headers, b"not found"

    def _slow(self, path: str) -> tuple[int, dict[str, str], bytes]:
        headers = {"Content-Type": "text/html; charset=utf-8"}
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\nCrawl-delay: 1\nDisallow: /c/private/\n"
        if path == "/c/":
            rows = ('<li><a href="/c/2025/t20250111_1.html">市政府关于全年主要预期目标的说明</a><span>2025-01-11</span></li>'
                    '<li><a href="/c/private/t20250112_2.html">内部事项通知标题足够长的一条</a><span>2025-01-12</span></li>')
            return 200, headers, _html("计划", f"<ul>{rows}</ul>").encode()
        if path == "/c/2025/t20250111_1.html":
            return 200, headers, _html("说明", "<p>全年经济增长预期目标为5%左右。</p>").encode()
        return 404, headers, b"not found"

    # ------------------------------------------------------------------ serving
    def _server(self, name: str) -> ThreadingHTTPServer:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server naming
                status, headers, body = portal.page(name, self.path)
                conditional = "If-None-Match" in self.headers or "If-Modified-Since" in self.headers
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                last_modified = portal.last_modified(name, self.path, etag)
                validators = {} if name == "main" and self.path.startswith("/b/") else {"ETag": etag}
                if status == 200:
                    validators["Last-Modified"] = last_modified
                    if not_modified(self.headers, validators.get("ETag", ""), last_modified):
                        status, body, headers = 304, b"", {}
                with portal._lock:
                    portal.hits.append(Hit(name, self.path, conditional, status, time.monotonic()))
                self.send_response(status)
                for key, value in {**headers, **(validators if status in (200, 304) else {})}.items():
                    self.send_header(key, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        return ThreadingHTTPServer(("127.0.0.1", 0), Handler)

    def last_modified(self, server: str, path: str, etag: str) -> str:
        """The date of the round in which this content first appeared (unchanged pages keep theirs)."""
        key = (server, path, etag)
        with self._lock:
            self._first_seen = getattr(self, "_first_seen", {})
            return self._first_seen.setdefault(key, ROUND_DATES[self.round])

    def url(self, server: str, path: str) -> str:
        port = (self.main if server == "main" else self.slow).server_address[1]
        return f"http://localhost:{port}{path}"

    def take_hits(self) -> list[Hit]:
        with self._lock:
            hits, self.hits = self.hits, []
        return hits

    def __enter__(self) -> "ChangingPortal":
        for server in (self.main, self.slow):
            threading.Thread(target=server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        for server in (self.main, self.slow):
            server.shutdown()
            server.server_close()
