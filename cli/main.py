"""Entry point of the `govreports` command: a click group whose subcommands load lazily.

Lazy loading keeps `govreports --help` and `govreports extract` from importing Scrapy, Celery or
Elasticsearch; each subcommand lives in its own module under `cli/`.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

# command name -> "module:attribute" of a click.Command
COMMANDS: dict[str, str] = {
    "demo": "cli.demo_cmd:demo",
    "crawl": "cli.crawl_cmd:crawl",
    "worker": "cli.worker_cmd:worker",
    "reprocess": "cli.reprocess_cmd:reprocess",
    "retry-failed": "cli.reprocess_cmd:retry_failed",
    "status": "cli.status_cmd:status",
    "query": "cli.query_cmd:query",
    "extract": "cli.extract_cmd:extract",
    "eval": "cli.eval_cmd:eval_command",
    "serve-portal": "cli.portal_cmd:serve_portal",
    "sources": "cli.sources_cmd:sources",
    "coverage": "cli.coverage_cmd:coverage",
    "schedule": "cli.schedule_cmd:schedule",
    "es": "cli.es_cmd:es",
    "kibana": "cli.es_cmd:kibana",
    "dict": "cli.dict_cmd:dict_group",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMANDS if self._available(name))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name == module_name:  # command not built yet in this checkout
                return None
            raise
        return getattr(module, attr)

    @staticmethod
    def _available(name: str) -> bool:
        module_name = COMMANDS[name].split(":")[0]
        return importlib.util.find_spec(module_name) is not None


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="govreports")
def cli() -> None:
    """Crawl, clean, extract and query Chinese local government work reports.

    Runs on one machine by default (embedded redis-server and SQLite); set REDIS_URL and
    ELASTICSEARCH_URL to use real services.
    """


def main() -> None:
    cli(prog_name="govreports")


if __name__ == "__main__":
    main()
