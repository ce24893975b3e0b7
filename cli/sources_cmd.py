"""`govreports sources`: check and list the source registry (`CRAWL_SOURCES` or the bundled file).

`sources check` validates the whole file and prints every problem with its place (exit 1), or a summary
including the entries still marked `verified: false`. `sources list` shows each source with its region,
kind, authority, revisit intervals and, when Redis is reachable, when its lists were last crawled and
when they are next due. Neither command sends a request to any portal.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import load_settings, print_json, service_errors
from govreports.errors import ConfigError


def registry_path(option: str | None) -> Path | None:
    """The registry to read: `--file`, else CRAWL_SOURCES, else None (the bundled file)."""
    if option:
        return Path(option)
    configured = load_settings().crawl_sources
    return Path(configured) if configured else None


def _load(option: str | None):  # type: ignore[no-untyped-def]
    from crawler.registry import BUNDLED_REGISTRY, load_registry

    path = registry_path(option)
    try:
        return path or BUNDLED_REGISTRY, load_registry(path)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


FILE_OPTION = click.option("--file", "file_", metavar="PATH", help="Registry file (default: CRAWL_SOURCES or the "
                                                                     "bundled crawler/data/sources.yaml).")


@click.group()
def sources() -> None:
    """Check and list the source registry (the portals `crawl --once` and `schedule` crawl)."""


@sources.command("check")
@FILE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the result as one JSON object.")
def check(file_: str | None, as_json: bool) -> None:
    """Validate the registry; every problem is listed with its place in the file (exit 1)."""
    path, found = _load(file_)
    unverified = [s.name for s in found if not s.verified]
    summary = {"file": str(path), "ok": True, "sources": len(found),
               "gov_portal": sum(s.kind == "gov_portal" for s in found),
               "aggregator": sum(s.kind == "aggregator" for s in found),
               "groups": sorted({s.group for s in found if s.group}),
               "disabled": [s.name for s in found if not s.enabled], "unverified": unverified}
    if as_json:
        print_json(summary)
        return
    click.echo(f"{path}: OK, {len(found)} sources ({summary['gov_portal']} official portals, "
               f"{summary['aggregator']} aggregators); groups: {', '.join(summary['groups']) or 'none'}")
    if unverified:
        click.echo(f"{len(unverified)} entries are marked verified: false (start URLs written without checking "
                   f"them online): {', '.join(unverified)}")


@sources.command("list")
@FILE_OPTION
@click.option("--json", "as_json", is_flag=True, help="Print the sources as a JSON list.")
@service_errors
def list_sources(file_: str | None, as_json: bool) -> None:
    """Show every source: region, kind, authority, revisit intervals, last crawl and next due time."""
    from crawler.round_state import read_rounds

    _, found = _load(file_)
    rounds = _rounds_if_reachable(read_rounds, [s.name for s in found])
    rows = [{"name": s.name, "group": s.group, "kind": s.kind, "region": s.region.name if s.region else "",
             "code": s.region.code if s.region else "", "authority": s.authority, "revisit_s": s.revisit_s,
             "revisit_in_season_s": s.revisit_in_season_s, "verified": s.verified, "enabled": s.enabled,
             "start_urls": list(s.start_urls), **rounds.get(s.name, {})} for s in found]
    if as_json:
        print_json(rows)
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"sources ({len(rows)})")
    for column in ("name", "kind", "region", "auth", "revisit", "season", "last round", "verified"):
        table.add_column(column, no_wrap=column == "name")
    for row in rows:
        table.add_row(row["name"], row["kind"], row["region"], str(row["authority"]), _hours(row["revisit_s"]),
                      _hours(row["revisit_in_season_s"]), str(row.get("last_finished") or "-"),
                      "yes" if row["verified"] else "no")
    Console().print(table)


def _hours(seconds: int) -> str:
    return f"{seconds / 86400:g}d" if seconds % 86400 == 0 else f"{seconds / 3600:g}h"


def _rounds_if_reachable(read, names: list[str]) -> dict[str, dict[str, object]]:  # type: ignore[no-untyped-def]
    """Round times from Redis when a Redis is configured and reachable; nothing otherwise (no server is
    started just to list a file)."""
    import redis

    from runtime.redis_server import EmbeddedRedis

    settings = load_settings()
    if settings.uses_embedded_redis:
        embedded = EmbeddedRedis(settings.embedded_redis_dir)
        if not embedded.is_alive():
            return {}
        url = embedded.url
    else:
        url = settings.redis_url
    client = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5)
    try:
        return read(client, names)
    except (redis.ConnectionError, redis.TimeoutError, OSError):
        return {}
    finally:
        client.close()
