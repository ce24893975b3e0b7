"""`govreports sources check|list`: the bundled registry passes, a broken file fails with every problem
listed (exit 1), CRAWL_SOURCES selects the file, and no service is started to list a file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.fixture(autouse=True)
def _isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("CRAWL_SOURCES", raising=False)


def test_check_bundled_registry() -> None:
    result = CliRunner().invoke(cli, ["sources", "check", "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["ok"] and summary["sources"] >= 35 and "sample" in summary["groups"]
    assert "guangdong" in summary["unverified"] and "sample-bishan" not in summary["unverified"]
    text = CliRunner().invoke(cli, ["sources", "check"])
    assert text.exit_code == 0 and "OK" in text.output and "verified: false" in text.output


def test_check_broken_file_lists_every_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "mine.yaml"
    broken.write_text(
        "sources:\n"
        "  - name: a\n    kind: portal\n    region: {name: 广东省, code: \"440000\"}\n    start_urls: [https://a.gov.cn/]\n"
        "  - name: b\n    region: {name: 火星省, code: \"990000\"}\n    start_urls: [a.gov.cn/list/]\n",
        encoding="utf-8")
    monkeypatch.setenv("CRAWL_SOURCES", str(broken))
    result = CliRunner().invoke(cli, ["sources", "check"])
    assert result.exit_code == 1
    assert "3 problem(s)" in result.output and str(broken) in result.output
    for place in ("sources[0] (a).kind", "sources[1] (b).region.code", "sources[1] (b).start_urls[0]"):
        assert place in result.output
    assert "Traceback" not in result.output


def test_file_option_and_missing_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "check", "--file", str(tmp_path / "none.yaml")])
    assert result.exit_code == 1 and "cannot read" in result.output


def test_list_without_redis_starts_nothing(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["sources", "list", "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    row = next(r for r in rows if r["name"] == "sample-gaoping")
    assert row["code"] == "511303" and row["region"] == "南充市高坪区" and "last_finished" not in row
    assert not (tmp_path / "home" / "redis").exists()
    table = CliRunner().invoke(cli, ["sources", "list"])
    assert table.exit_code == 0 and "sample-gaoping" in table.output
