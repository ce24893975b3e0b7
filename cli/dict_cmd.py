"""`govreports dict`: export the domain vocabulary as the IK extension dictionary, and serve it over HTTP.

`dict serve` is what IK's `remote_ext_dict` points at (docker-compose wires it); re-running `dict export`
onto the served file makes every Elasticsearch node reload the words within about a minute.
"""

from __future__ import annotations

from pathlib import Path

import click

from cli.common import load_settings, print_json
from govreports.defaults import IK_DICT_PORT


def _default_path() -> Path:
    return load_settings().home / "ik" / "govreports.dic"


@click.group(name="dict")
def dict_group() -> None:
    """The IK extension dictionary (the domain vocabulary shared with jieba)."""


@dict_group.command()
@click.argument("path", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the path and term count as JSON.")
def export(path: Path | None, as_json: bool) -> None:
    """Write the dictionary (UTF-8, one term per line) to PATH (default: <GOVREPORTS_HOME>/ik/govreports.dic)."""
    from pipeline.vocabulary import export_ik_dictionary

    target = path or _default_path()
    count = export_ik_dictionary(target)
    if as_json:
        print_json({"path": str(target), "terms": count})
    else:
        click.echo(f"wrote {count} terms to {target}")


@dict_group.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (0.0.0.0 in containers).")
@click.option("--port", type=click.IntRange(0, 65535), default=IK_DICT_PORT, show_default=True,
              help="Port to listen on (0: any free port).")
@click.option("--file", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="Serve this file as is (re-read when it changes). Default: export the vocabulary first to "
                   "<GOVREPORTS_HOME>/ik/govreports.dic and serve that.")
def serve(host: str, port: int, path: Path | None) -> None:
    """Serve the dictionary for IK's remote_ext_dict (ETag/Last-Modified, 304 on conditional requests)."""
    from pipeline.vocabulary import export_ik_dictionary
    from runtime.services import exit_cleanly_on_sigterm
    from search.es_dict_server import DICTIONARY_PATH, make_server

    if path is None:
        path = _default_path()
        export_ik_dictionary(path)
    elif not path.is_file():
        raise click.UsageError(f"--file {path}: no such file (write one with `govreports dict export {path}`)")
    exit_cleanly_on_sigterm()
    server = make_server(path, host, port)
    bound_host, bound_port = server.server_address[:2]
    click.echo(f"serving {path} at http://{bound_host}:{bound_port}{DICTIONARY_PATH} (Ctrl-C to stop)", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
