"""`govreports crawl`: one Scrapy crawl of the given list pages into the workers' queue.

The process edge of the crawler: settings come from the environment here, Redis is the configured
`REDIS_URL` or the embedded server (started, or joined when `demo`/`worker` already runs it), and the
crawl's counts are printed at the end (`--json`: one object on stdout; logs and progress stay on stderr).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from cli.common import load_settings, print_json, service_errors
from govreports.errors import ConfigError

if TYPE_CHECKING:
    from crawler.run import CrawlReport


def _print_report(report: dict[str, object]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title="crawl", show_header=False)
    for key, label in (("list_pages", "list pages fetched"), ("detail_links", "detail links found"),
                       ("detail_pages_sent", "detail pages sent to the workers"),
                       ("detail_pages_sent_with_http_error", "  of which HTTP errors (recorded as failed)"),
                       ("duplicates_filtered", "already-seen pages skipped (duplicates)"),
                       ("refused", "refused (private/loopback address)"),
                       ("robots_forbidden", "forbidden by robots.txt"), ("errors", "errors"),
                       ("finish_reason", "finish reason"), ("elapsed_s", "seconds")):
        table.add_row(label, str(report[key]))
    Console().print(table)


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
                f"lists {report.list_pages} · sent {report.detail_pages_sent} · seen before "
                f"{report.duplicates_filtered} · refused {report.refused} · errors {report.errors}"))

        return crawl(show)


@click.command()
@click.option("--start-url", "start_urls", multiple=True, required=True, metavar="URL",
              help="A list page to start from (repeatable). Its pagination and detail pages are followed.")
@click.option("--allow-host", "allow_hosts", multiple=True, metavar="HOST",
              help="Host allowed although it resolves to a private/loopback address (repeatable; adds to "
                   "CRAWL_ALLOWED_PRIVATE_HOSTS).")
@click.option("--json", "as_json", is_flag=True, help="Print the crawl's counts as one JSON object on stdout.")
@service_errors
def crawl(start_urls: tuple[str, ...], allow_hosts: tuple[str, ...], as_json: bool) -> None:
    """Crawl list pages and their detail pages once; new detail pages go to the workers.

    List pages are fetched on every crawl; detail pages only once (remembered in Redis across crawls).
    """
    from crawler.sources import normalise_host, sources_from_start_urls

    settings = load_settings()
    try:
        sources = sources_from_start_urls(list(start_urls))
        hosts = [normalise_host(h) for h in allow_hosts]
    except ConfigError as exc:
        raise click.BadParameter(str(exc)) from None

    from crawler.run import run_crawl
    from runtime.services import redis_service

    # No SIGTERM handler of ours: Scrapy's own turns SIGTERM/SIGINT into a graceful stop, after which the
    # `with` below stops an embedded redis-server this process started.
    with redis_service(settings) as redis_url:
        report = _crawl_with_progress(lambda on_progress: run_crawl(settings, redis_url, sources, hosts, on_progress))
    data = report.to_dict()
    if as_json:
        print_json(data)
    else:
        _print_report(data)
    if report.problem:
        raise click.ClickException(report.problem)
