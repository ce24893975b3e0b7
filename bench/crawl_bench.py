"""Figure 3, crawl throughput: the project's crawler against plain Scrapy on the same loopback portal.

Project side: `govreports crawl` exactly as users run it, as a child process (`crawler.child`): the
leased Redis queue and compact seen-set in the embedded Redis (scrapy-redis codec and keys), the JSON
request codec, every downloader middleware (private-address guard, robots.txt with Crawl-delay, the
shared host slots across processes), response classification, URL state, and the item pipeline that
archives every detail page to disk and sends it to Celery (zlib + base64 message on the Redis broker,
counted). Politeness delays are off (no download delay, no AutoThrottle); the shared host slots still
cap 8 concurrent requests per host, as Scrapy's per-domain limit does on the baseline side. No workers
run meanwhile: the queue just fills.
Baseline: `bench.scrapy_baseline`, a plain spider with the project's link rules under Scrapy's default
scheduler and dupefilter, nothing added.

Both are timed by the portal server (first request → last response) and must fetch the same pages.
Rounds alternate which side goes first, so a drift of the machine's load hits both sides alike.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bench.http_server import PortalServer, ServerLog
from bench.lab import Lab
from bench.portal import Portal
from bench.stats import Figure, Goal, Line, paired_ratios, rate
from crawler.child import run_crawl_child
from runtime.redis_server import _die_with_parent

REPO = Path(__file__).resolve().parent.parent
GOAL = Goal(">=", 0.8)
BASELINE_TIMEOUT_S = 600


def children_cpu_s() -> float:
    """CPU seconds (user + system) of all waited-for child processes so far: a crawl child's own CPU is
    the difference around it, which says whether a slow crawl was busy or waiting."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


@dataclass
class CrawlRun:
    side: str
    log: ServerLog
    report: dict[str, object]
    cpu_s: float = 0.0

    @property
    def details(self) -> int:
        return self.log.counts.get("detail", 0)

    @property
    def pages_per_s(self) -> float:
        return rate(self.details, self.log.window_s)


def page_classifier(portal: Portal):  # type: ignore[no-untyped-def]
    details, lists = set(portal.detail_paths), set(portal.list_paths) | set(portal.start_paths)

    def classify(path: str, status: int) -> str:
        if status != 200:
            return "error"
        if path in details:
            return "detail"
        if path in lists:
            return "list"
        return "robots" if path == "/robots.txt" else "other"

    return classify


def start_urls(server: PortalServer, portal: Portal) -> list[str]:
    return [server.base_url + path for path in portal.start_paths]


def project_crawl(lab: Lab, server: PortalServer, portal: Portal, label: str) -> CrawlRun:
    """`govreports crawl` of the portal into the lab's Redis (the caller decides whether workers run)."""
    server.reset()
    cpu_before = children_cpu_s()
    with lab.child_environment(REDIS_URL=lab.redis_url):
        report = run_crawl_child(start_urls(server, portal), dict(os.environ), lab.home / "logs" / f"{label}.log",
                                 allow_hosts=["127.0.0.1"])
    return CrawlRun("project", server.reset(), report, children_cpu_s() - cpu_before)


def baseline_crawl(lab: Lab, server: PortalServer, portal: Portal, label: str) -> CrawlRun:
    settings = lab.settings()
    log_path = lab.home / "logs" / f"{label}.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "bench.scrapy_baseline", "--concurrency", str(settings.crawl_concurrency_per_host),
               "--user-agent", settings.crawl_user_agent, "--obey-robots", str(int(settings.crawl_obey_robots)),
               "--log-level", settings.log_level, *start_urls(server, portal)]
    server.reset()
    cpu_before = children_cpu_s()
    with open(log_path, "ab") as log:
        child = subprocess.Popen(command, cwd=REPO, env=lab.environ, stdin=subprocess.DEVNULL,
                                 stdout=subprocess.PIPE, stderr=log, preexec_fn=_die_with_parent)
        try:
            out, _ = child.communicate(timeout=BASELINE_TIMEOUT_S)
        finally:
            if child.poll() is None:
                child.kill()
                child.wait(timeout=10)
    if child.returncode != 0:
        raise RuntimeError(f"Scrapy baseline crawl exited with {child.returncode}; see {log_path}")
    return CrawlRun("baseline", server.reset(), json.loads(out), children_cpu_s() - cpu_before)


def cpu_ms(run: CrawlRun) -> float:
    return 1000 * run.cpu_s / max(1, run.details)


def check_complete(run: CrawlRun, portal: Portal) -> None:
    """A crawl that missed pages would look fast: both sides must fetch every detail page."""
    if run.details != len(portal.detail_paths) or run.log.counts.get("error", 0):
        raise RuntimeError(f"{run.side} crawl fetched {run.details} of {len(portal.detail_paths)} detail pages "
                           f"({run.log.counts})")


def measure(lab: Lab, server: PortalServer) -> Figure:
    portal = lab.portal
    rounds = lab.size(2, 1)
    project: list[CrawlRun] = []
    baseline: list[CrawlRun] = []
    for number in range(rounds):
        order = ("baseline", "project") if number % 2 == 0 else ("project", "baseline")
        for side in order:
            lab.fresh_redis()  # empty frontier and dupefilter: every round crawls everything
            lab.say(f"crawl round {number + 1}/{rounds}: {side} ({len(portal.detail_paths)} detail pages)")
            if side == "project":
                run = project_crawl(lab, server, portal, f"crawl-project-{number}")
                project.append(run)
            else:
                run = baseline_crawl(lab, server, portal, f"crawl-baseline-{number}")
                baseline.append(run)
            check_complete(run, portal)
            lab.say(f"  {run.details} detail pages in {run.log.window_s:.1f} s = {run.pages_per_s:.0f} pages/s; "
                    f"crawler CPU {run.cpu_s:.1f} s ({cpu_ms(run):.1f} ms/page)")
    lab.fresh_redis()
    project_rates = [run.pages_per_s for run in project]
    baseline_rates = [run.pages_per_s for run in baseline]
    ratios = paired_ratios(project_rates, baseline_rates)
    return Figure(
        key="crawl_vs_scrapy", label="crawl: project / plain Scrapy", unit="ratio", runs=ratios, goal=GOAL,
        lines=[Line("crawl, detail pages/s", "pages/s", project_rates, "plain Scrapy", baseline_rates, ratios, GOAL),
               Line("  crawler CPU per detail page", "ms", [cpu_ms(run) for run in project], "plain Scrapy",
                    [cpu_ms(run) for run in baseline])],
        inputs={
            "detail_pages": len(portal.detail_paths), "list_pages": len(portal.list_paths),
            "detail_page_bytes_mean": round(portal.detail_bytes / len(portal.detail_paths)),
            "concurrency_per_host": lab.settings().crawl_concurrency_per_host,
            "rounds": [{"side": r.side, "window_s": round(r.log.window_s, 3), "requests": r.log.counts,
                        "pages_per_s": round(r.pages_per_s, 1), "crawler_cpu_s": round(r.cpu_s, 1)}
                       for pair in zip(baseline, project) for r in pair],
            "project_reports": [r.report for r in project],
        },
        extra={"project_pages_per_s": project_rates, "baseline_pages_per_s": baseline_rates},
        notes=["project: govreports crawl with scrapy-redis scheduler/dupefilter, JSON queue codec, address guard, "
               "archive to disk and send to Celery for every detail page; politeness off, no workers running",
               "baseline: a plain spider with the same link rules (crawler.links) under Scrapy's default scheduler, "
               "nothing added",
               "timed by the portal server from first request to last response"],
    )
