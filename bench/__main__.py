"""`python -m bench` (what `make bench` runs): measure the seven figures, print one table, write the JSON.

Figures run in a fixed order in one process, each against its baseline in the same invocation; the
end-to-end figure needs the crawl and worker figures first (asking for it alone runs them too). A figure
that fails is reported as failed (table, JSON `errors`, exit status 1) and the others still run.
Progress goes to stderr, the table (or with `--json` the JSON document) to stdout. Full runs write
`var/bench/latest.json` in the repository; `--quick` and `--only` runs write their own file beside it
so they never overwrite a full run's figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

from rich.console import Console

from bench import crawl_bench, dedup_bench, end_to_end, memory_bench, pipeline_bench, query_bench, worker_bench
from bench.http_server import PortalServer, serve
from bench.lab import Lab
from bench.machine import REPO, describe, machine_info
from bench.report import FIGURE_KEYS, document, print_report, write_json
from bench.stats import Figure

OUTPUT_DIR = REPO / "var" / "bench"
# Short names accepted by --only, besides the JSON keys themselves.
ALIASES = {"pipeline": "pipeline_vs_jieba", "workers": "worker_vs_inprocess", "crawl": "crawl_vs_scrapy",
           "end_to_end": "end_to_end_vs_slowest", "dedup": "dedup_bytes_per_url", "query": "query_p95_ms",
           "memory": "worker_rss_mb"}
DEPENDENCIES = {"end_to_end_vs_slowest": ("worker_vs_inprocess", "crawl_vs_scrapy")}
NEEDS_PORTAL_SERVER = {"crawl_vs_scrapy", "end_to_end_vs_slowest"}
Runner = Callable[[Lab, "PortalServer | None"], Figure]
RUNNERS: dict[str, Runner] = {
    "pipeline_vs_jieba": lambda lab, _: pipeline_bench.measure(lab),
    "worker_vs_inprocess": lambda lab, _: worker_bench.measure(lab),
    "crawl_vs_scrapy": lambda lab, server: crawl_bench.measure(lab, _needed(server)),
    "end_to_end_vs_slowest": lambda lab, server: end_to_end.measure(lab, _needed(server)),
    "dedup_bytes_per_url": lambda lab, _: dedup_bench.measure(lab),
    "query_p95_ms": lambda lab, _: query_bench.measure(lab),
    "worker_rss_mb": lambda lab, _: memory_bench.measure(lab),
}


def _needed(server: PortalServer | None) -> PortalServer:
    if server is None:
        raise RuntimeError("this figure needs the portal server")
    return server


def figure_key(name: str) -> str:
    key = ALIASES.get(name.replace("-", "_"), name)
    if key not in FIGURE_KEYS:
        choices = ", ".join(sorted(ALIASES) + list(FIGURE_KEYS))
        raise argparse.ArgumentTypeError(f"unknown figure {name!r}; choose from {choices}")
    return key


def selected(only: Sequence[str]) -> list[str]:
    """The figures to run, dependencies included, in the table's order."""
    wanted = set(only or FIGURE_KEYS)
    for key in list(wanted):
        wanted.update(DEPENDENCIES.get(key, ()))
    # Dependencies must run before their dependants: the crawl figure before end to end.
    order = ["pipeline_vs_jieba", "worker_vs_inprocess", "crawl_vs_scrapy", "end_to_end_vs_slowest",
             "dedup_bytes_per_url", "query_p95_ms", "worker_rss_mb"]
    return [key for key in order if key in wanted]


def output_path(quick: bool, only: Sequence[str]) -> Path:
    name = "latest" if not only else "only-" + "-".join(sorted(set(only)))
    return OUTPUT_DIR / f"{name}{'-quick' if quick else ''}.json"


def run_figures(lab: Lab, keys: Sequence[str]) -> dict[str, str]:
    """Measure each figure into `lab.results`; returns {key: error} for those that failed."""
    errors: dict[str, str] = {}
    with ExitStack() as stack:
        server: PortalServer | None = None
        for key in keys:
            failed_first = [dep for dep in DEPENDENCIES.get(key, ()) if dep in errors]
            if failed_first:
                errors[key] = f"not measured: {', '.join(failed_first)} failed"
                continue
            lab.say(f"== {key}")
            started = time.monotonic()
            try:
                if key in NEEDS_PORTAL_SERVER and server is None:
                    portal = lab.portal
                    server = stack.enter_context(serve(portal.pages, crawl_bench.page_classifier(portal)))
                    lab.say(f"portal server on {server.base_url}: {len(portal.detail_paths):,} detail pages, "
                            f"{len(portal.list_paths):,} list pages")
                lab.results[key] = RUNNERS[key](lab, server)
            except Exception as error:  # one broken figure must not hide the others
                errors[key] = f"{type(error).__name__}: {error}"
                lab.say(f"{key} FAILED:\n{traceback.format_exc()}")
            lab.say(f"== {key} done in {time.monotonic() - started:.1f} s")
        if server is not None:
            lab.say("stopping the portal server")
    return errors


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0],
                                     epilog="Figures: " + ", ".join(f"{alias} ({key})" for alias, key in ALIASES.items()))
    parser.add_argument("--quick", action="store_true",
                        help="tiny sizes and one round each (a smoke run; its figures are not comparable)")
    parser.add_argument("--only", action="append", type=figure_key, default=[], metavar="FIGURE",
                        help="run only this figure (repeatable); end_to_end also runs workers and crawl")
    parser.add_argument("--json", action="store_true", help="print the JSON document instead of the table")
    parser.add_argument("--out", type=Path, default=None,
                        help="where to write the JSON (default var/bench/latest.json; quick/only runs get their "
                             "own name)")
    parser.add_argument("--keep", action="store_true", help="keep the temporary data directory (logs, store)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    keys = selected(args.only)
    out = args.out or output_path(args.quick, args.only)
    started_at = datetime.now(timezone.utc)
    started = time.monotonic()
    lab = Lab(quick=args.quick, keep=args.keep)
    lab.say(f"bench{' --quick' if args.quick else ''}: {', '.join(keys)}; data in {lab.home}")
    try:
        errors = run_figures(lab, keys)
        redis_version = str(lab.redis.info("server").get("redis_version")) if lab.has_redis else None
    finally:
        lab.close()
    if args.keep:
        print(f"kept {lab.home}", file=sys.stderr)
    wall_s = time.monotonic() - started
    machine = machine_info(redis_version)
    run = {"started": started_at.isoformat(timespec="seconds"), "wall_s": round(wall_s, 1), "quick": args.quick,
           "figures": keys, "command": " ".join(["python -m bench", *(argv if argv is not None else sys.argv[1:])])}
    body = document(lab.results, errors, machine, run)
    write_json(out, body)
    if args.json:
        print(json.dumps(body, ensure_ascii=False, indent=2, default=str))
    else:
        title = (f"govreports bench{' (QUICK: smoke sizes, not comparable)' if args.quick else ''}: "
                 f"medians of runs (min–max), wall {wall_s / 60:.1f} min")
        # Piped output (make bench | tee) would otherwise wrap the table at 80 columns.
        console = Console(width=None if sys.stdout.isatty() else 160)
        print_report(console, lab.results, errors, describe(machine), title)
    print(f"wrote {out}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
