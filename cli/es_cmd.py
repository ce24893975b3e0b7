"""`govreports es` (setup, status, reindex) and `govreports kibana import`.

All of them need ELASTICSEARCH_URL; Kibana needs KIBANA_URL (or --url). Elasticsearch is imported only
when one of these commands runs.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cli.common import fail, load_settings, print_json, service_errors
from govreports.settings import Settings

DEFAULT_NDJSON = Path("kibana") / "govreports.ndjson"


def _client(settings: Settings) -> Any:
    if not settings.uses_elasticsearch:
        fail("ELASTICSEARCH_URL is not set; these commands manage an Elasticsearch cluster", code=2)
    from search.es_client import client_from_settings

    return client_from_settings(settings)


def _warn(message: str) -> None:
    click.secho(f"WARNING: {message}", fg="yellow", bold=True, err=True)


@click.group()
def es() -> None:
    """Elasticsearch: index templates, aliases, analyzer status, zero-downtime reindex."""


@es.command()
@click.option("--kibana-password", envvar="KIBANA_SYSTEM_PASSWORD", metavar="PASSWORD",
              help="Also set the built-in kibana_system user's password (env KIBANA_SYSTEM_PASSWORD; "
                   "docker-compose does this so Kibana can log in).")
@click.option("--json", "as_json", is_flag=True, help="Print the setup report as JSON.")
@service_errors
def setup(kibana_password: str | None, as_json: bool) -> None:
    """Create/update the index templates and the first index versions behind aliases (idempotent).

    Detects the IK plugin; without it, search falls back to the jieba-token field (and smartcn when
    installed), which this command says loudly.
    """
    from search.es_client import call_with_backoff
    from search.es_setup import set_builtin_password, setup_cluster

    settings = load_settings()
    client = _client(settings)
    try:
        report = call_with_backoff("setup", lambda: setup_cluster(client, settings.elasticsearch_index_prefix),
                                   settings.elasticsearch_max_retries)
        if kibana_password:
            set_builtin_password(client, "kibana_system", kibana_password)
    finally:
        client.close()
    for warning in report.warnings:
        _warn(warning)
    if as_json:
        print_json(report.to_dict())
        return
    server = report.server
    click.echo(f"Elasticsearch {server['server_version']} (cluster {server['cluster_name']}), "
               f"client {server['client_version']}")
    click.echo(f"analysis: {report.analysis}" + (" (ik_max_word / ik_smart)" if report.analysis == "ik" else ""))
    if report.dictionary_active is not None:
        click.echo(f"domain dictionary in IK: {'yes' if report.dictionary_active else 'NO'}")
    click.echo(f"templates: {', '.join(report.templates)}")
    for alias, indices in report.aliases.items():
        click.echo(f"alias {alias} -> {', '.join(indices) or '(none)'}")
    if report.created:
        click.echo(f"created: {', '.join(report.created)}")


@es.command()
@click.option("--json", "as_json", is_flag=True, help="Print the status as JSON.")
@service_errors
def status(as_json: bool) -> None:
    """Server version, analysis mode (IK or fallback) and the index behind each alias."""
    from search.es_client import call_with_backoff
    from search.es_setup import cluster_status

    settings = load_settings()
    client = _client(settings)
    try:
        data = call_with_backoff("status", lambda: cluster_status(client, settings.elasticsearch_index_prefix),
                                 settings.elasticsearch_max_retries)
    finally:
        client.close()
    if data["warning"]:
        _warn(data["warning"])
    if as_json:
        print_json(data)
        return
    click.echo(f"Elasticsearch {data['server']['server_version']}, analysis: {data['analysis']}")
    for kind, info in data["indices"].items():
        click.echo(f"{info['alias']}: {', '.join(info['indices']) or '(missing: run govreports es setup)'}"
                   f" documents={info['documents']} analysis={info['analysis']}")


@es.command()
@click.option("--from", "source", type=click.Choice(["current", "archive"]), required=True,
              help="current: copy the live indices (new mapping/analyzer); archive: re-run the pipeline on "
                   "every archived raw page (new extractor).")
@click.option("--keep", type=click.IntRange(0, 100), default=1, show_default=True,
              help="Previous index versions to keep for rollback.")
@click.option("--json", "as_json", is_flag=True, help="Print the reindex report as JSON.")
@service_errors
def reindex(source: str, keep: int, as_json: bool) -> None:
    """Build new index versions and swap the aliases atomically (searches keep working throughout)."""
    from rich.progress import Progress

    from search.es_reindex import reindex as run_reindex

    settings = load_settings()
    client = _client(settings)
    options: dict[str, Any] = {}
    if source == "archive":
        from govreports.archive import Archive
        from pipeline.segment import get_segmenter
        from workers.processing import process_raw_page

        archive = Archive(settings.archive_dir)
        segmenter = get_segmenter(cache_dir=settings.jieba_cache_dir)
        options = {"pages": iter(archive), "total_pages": len(archive),
                   "process": lambda page: process_raw_page(page, segmenter)}
    tasks: dict[str, Any] = {}
    try:
        with Progress(transient=True) as bar:
            def progress(what: str, done: int, total: int) -> None:
                if what not in tasks:
                    tasks[what] = bar.add_task(what, total=total or None)
                bar.update(tasks[what], completed=done, total=total or None)

            report = run_reindex(client, settings.elasticsearch_index_prefix, source, keep=keep,
                                 retries=settings.elasticsearch_max_retries, progress=progress, **options)
    finally:
        client.close()
    if report.pages_failed_to_index:
        _warn(f"{report.pages_failed_to_index} page(s) had items Elasticsearch rejected; they are recorded as "
              "failures in the page log (govreports status)")
    if as_json:
        print_json(report.to_dict())
        return
    for kind, index in report.built.items():
        click.echo(f"{kind}: {', '.join(report.replaced.get(kind, [])) or '(none)'} -> {index}")
    click.echo(f"documents: {report.documents}")
    if report.deleted:
        click.echo(f"deleted old versions: {', '.join(report.deleted)}")


@click.group()
def kibana() -> None:
    """Kibana: import the govreports data views, saved searches and dashboard."""


@kibana.command(name="import")
@click.option("--file", "path", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DEFAULT_NDJSON,
              show_default=True, help="Saved-objects NDJSON to import.")
@click.option("--url", help="Kibana URL (default: KIBANA_URL).")
@click.option("--wait", "wait_s", type=click.IntRange(0, 3600), default=0, show_default=True,
              help="Seconds to wait for Kibana to become available first.")
@click.option("--json", "as_json", is_flag=True, help="Print Kibana's answer as JSON.")
@service_errors
def import_command(path: Path, url: str | None, wait_s: int, as_json: bool) -> None:
    """Post the saved objects to /api/saved_objects/_import?overwrite=true (idempotent)."""
    from search.es_kibana import import_objects, retarget, wait_until_available

    settings = load_settings()
    target = url or settings.kibana_url
    if not target:
        fail("no Kibana URL: set KIBANA_URL or pass --url", code=2)
    user, password = settings.elasticsearch_username, settings.elasticsearch_password
    if wait_s:
        wait_until_available(target, user, password, wait_s)
    ndjson = retarget(path.read_text(encoding="utf-8"), settings.elasticsearch_index_prefix)
    answer = import_objects(target, ndjson, user, password)
    if as_json:
        print_json(answer)
    else:
        click.echo(f"imported {answer.get('successCount', 0)} saved object(s) into {target}")
