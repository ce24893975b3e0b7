"""`govreports serve-portal`: serve the bundled sample portal until Ctrl-C (or SIGTERM)."""

from __future__ import annotations

import time
from contextlib import ExitStack

import click

from cli.common import print_json


@click.command("serve-portal")
@click.option("--port", type=click.IntRange(0, 65535), default=0, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("--json", "as_json", is_flag=True, help="Print the base URL and start URLs as one JSON object.")
def serve_portal(port: int, as_json: bool) -> None:
    """Serve the sample portal (the seed pages as an offline website) on 127.0.0.1.

    Crawl it from another terminal with the printed command; the portal is on a loopback address, so the
    crawl needs --allow-host 127.0.0.1.
    """
    from runtime.sample_portal import serve_portal as serve, start_urls
    from runtime.services import exit_cleanly_on_sigterm

    exit_cleanly_on_sigterm()  # SIGTERM unwinds like Ctrl-C: the server is shut down by the `with`
    with ExitStack() as stack:
        try:
            base_url = stack.enter_context(serve(port=port))
        except OSError as exc:
            raise click.ClickException(f"cannot serve on 127.0.0.1:{port}: {exc.strerror or exc}") from None
        urls = start_urls(base_url)
        if as_json:
            print_json({"base_url": base_url, "start_urls": urls})
        else:
            args = " ".join(f"--start-url {url}" for url in urls)
            click.echo(f"sample portal: {base_url}/\ncrawl it with:\n  govreports crawl --allow-host 127.0.0.1 {args}\n"
                       "Ctrl-C stops the server.")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
