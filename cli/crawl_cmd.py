"""`govreports crawl`: one crawl round into the workers' queue, over registry sources or given list pages.

`crawl --once [--sources NAME ...]` crawls the registry's due sources (or the named ones, due or not; a
group name selects its members); sources of the bundled sample portal are served on loopback by this
command itself. `crawl --start-url URL ...` crawls ad-hoc list pages. Either way the process edge is
here: settings from the environment, Redis is `REDIS_URL` or the embedded server (started, or joined
when `demo`/`worker` already runs it), and the round's counts end the output: with `--once` always a
final JSON stats line on stdout (a table on stderr before it), otherwise a table, or JSON with `--json`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import ExitStack
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any

import click

from cli.common import load_settings, service_errors
from govreports.errors import ConfigError

if TYPE_CHECKING:
    from crawler.run import CrawlReport
    from crawler.sources import Source
    from govreports.settings import Settings

_TABLE = (("pages_fetched", "pages fetched (with a body)"), ("not_modified", "not modified (304)"),
          ("list_pages", "list pages asked for"), ("unchanged_lists", "  of which unchanged (same entries)"),
          ("new_reports", "new pages sent to the workers"), ("changed_reports", "changed pages sent again"),
          ("duplicates", "already fetched (skipped)"), ("blocked", "blocked / challenge pages"),
          ("failed", "failed (retried later)"), ("refused", "refused (private/loopback address)"),
          ("robots_forbidden", "forbidden by robots.txt"), ("retries_planned", "planned for another attempt"),
          ("finish_reason", "finish reason"), ("elapsed_s", "seconds"))


def _print_table(report: dict[str, Any], stderr: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="crawl round", show_header=False)
    for key, label in _TABLE:
        table.add_row(label, str(report[key]))
    if report["classes"]:
        table.add_row("responses by class", ", ".join(f"{k} {v}" for k, v in report["classes"].items()))
    Console(stderr=stderr).print(table)


def _crawl_with_progress(crawl: Callable[[Callable[[CrawlReport], None] | None], CrawlReport]) -> CrawlReport:
    """A live progress line on a terminal (logs scroll above it); plain logs otherwise."""
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return crawl(None)
    # Started before Scrapy installs its log handler, so the handler writes through rich's stderr proxy.
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(), console=console) as bar:
        task = bar.add_task("crawling", total=None)

        def show(report: CrawlReport) -> None:
            bar.update(task, description=(
                f"fetched {report.pages_fetched} · 304 {report.not_modified} · new {report.new_reports} · "
                f"changed {report.changed_reports} · blocked {report.blocked} · failed {report.failed}"))

        return crawl(show)


def _registry_sources(settings: Settings, file_: str | None, names: tuple[str, ...]) -> tuple[list[Source], list[Source]]:
    """(selected, all) registry sources; named ones are selected whether due or not (due is decided
    later, against Redis, when no name is given)."""
    from crawler.registry import load_registry, select

    all_sources = load_registry(file_ or settings.crawl_sources or None)
    return (select(all_sources, names) if names else all_sources), all_sources


def _due(sources: list[Source], redis_url: str) -> list[Source]:
    import redis

    from crawler.round_state import due_sources, read_rounds

    client = redis.Redis.from_url(redis_url, socket_timeout=10)
    try:
        rounds = read_rounds(client, [s.name for s in sources])
    finally:
        client.close()
    return due_sources(sources, rounds, datetime.now(timezone.utc))


@click.command()
@click.option("--once", is_flag=True, help="One round over the registry's due sources (or those --sources names).")
@click.option("--sources", "names", multiple=True, metavar="NAME",
              help="With --once: crawl these sources or groups (repeatable), due or not; `sample` is the bundled "
                   "sample portal, served on loopback by this command.")
@click.option("--sources-file", "file_", metavar="PATH", help="Registry file (default: CRAWL_SOURCES or the bundled one).")
@click.option("--start-url", "start_urls", multiple=True, metavar="URL",
              help="Instead of --once: a list page to start from (repeatable); its pagination and new detail "
                   "pages are followed.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Host allowed although it resolves to a private/loopback address (repeatable; adds to "
                   "CRAWL_ALLOWED_PRIVATE_HOSTS).")
@click.option("--json", "as_json", is_flag=True, help="Print the counts as one JSON line on stdout (always so with --once).")
@service_errors
def crawl(once: bool, names: tuple[str, ...], file_: str | None, start_urls: tuple[str, ...],
          allow_hosts: tuple[str, ...], as_json: bool) -> None:
    """Crawl once: list pages are revisited conditionally (304s), only new or changed pages are fetched
    and handed to the workers; everything is remembered in Redis across rounds.
    """
    from crawler.registry import needs_sample_portal, with_base_url
    from crawler.sources import normalise_host, sources_from_start_urls

    settings = load_settings()
    if once == bool(start_urls):
        raise click.UsageError("give either --once (registry sources) or --start-url (ad-hoc list pages)")
    if names and not once:
        raise click.UsageError("--sources selects registry sources: use it with --once")
    try:
        hosts = [normalise_host(h) for h in allow_hosts]
        if once:
            sources, known = _registry_sources(settings, file_, names)
        else:
            sources, known = sources_from_start_urls(list(start_urls)), []
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None

    from crawler.run import CrawlReport, run_crawl
    from runtime.services import redis_service

    # No SIGTERM handler of ours: Scrapy's own turns SIGTERM/SIGINT into a graceful stop, after which the
    # `with` below stops an embedded redis-server (and a sample portal) this process started.
    with ExitStack() as stack:
        redis_url = stack.enter_context(redis_service(settings))
        if once and not names:
            sources = _due(sources, redis_url)
        if needs_sample_portal(sources):
            from cli.demo_cmd import demo_portal

            base_url = stack.enter_context(demo_portal(settings))
            sources = [with_base_url(source, base_url) for source in sources]
            known = [with_base_url(source, base_url) for source in known]
        if not sources:
            report = CrawlReport(finish_reason="finished")
            click.echo("no source is due; nothing crawled (name sources with --sources to crawl them now)", err=True)
        else:
            report = _crawl_with_progress(lambda progress: run_crawl(settings, redis_url, sources, hosts, progress,
                                                                     known_sources=known))
    data = report.stats_line()
    if once or as_json:
        if once:
            _print_table(data, stderr=True)
        click.echo(json.dumps(data, ensure_ascii=False, separators=(",", ":")))
    else:
        _print_table(data, stderr=False)
    if report.problem:
        raise click.ClickException(report.problem)
