"""Every command answers --help; unknown commands and options are clear usage errors (exit 2)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from cli.main import COMMANDS, cli

AVAILABLE = [name for name in COMMANDS if cli.get_command(None, name) is not None]  # type: ignore[arg-type]


def test_core_commands_are_built() -> None:
    assert {"demo", "crawl", "worker", "status", "query", "reprocess", "retry-failed", "extract"} <= set(AVAILABLE)


@pytest.mark.parametrize("name", AVAILABLE)
def test_help(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_unknown_command() -> None:
    result = CliRunner().invoke(cli, ["no-such-command"])
    assert result.exit_code == 2 and "No such command" in result.output


@pytest.mark.parametrize("name", ["status", "demo", "worker"])
def test_unknown_option(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--no-such-option"])
    assert result.exit_code == 2 and "No such option" in result.output


def test_bad_setting_is_a_usage_error(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path))
    monkeypatch.setenv("WORKER_CONCURRENCY", "many")
    result = CliRunner().invoke(cli, ["status"])
    assert result.exit_code == 2 and "WORKER_CONCURRENCY" in result.output
