"""`govreports crawl` rejects bad input before it starts any service (usage errors, exit 2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--start-url", "ftp://www.gov.cn/list/"], "only http"),
        (["--start-url", "www.gov.cn/zwgk/"], "only http"),
        (["--start-url", "http://www.gov.cn:70000/"], "bad port"),
        (["--start-url", "http://www.gov.cn/", "--allow-host", "http://127.0.0.1/"], "not a URL"),
        (["--start-url", "http://www.gov.cn/", "--allow-host", "127.0.0.1:8000"], "not a valid host"),
        ([], "give either --once"),
        (["--once", "--start-url", "http://www.gov.cn/"], "give either --once"),
        (["--start-url", "http://www.gov.cn/", "--sources", "guangdong"], "use it with --once"),
        (["--once", "--sources", "atlantis"], "unknown source(s) atlantis"),
        (["--once", "--sources-file", "/nonexistent/sources.yaml"], "cannot read"),
    ],
)
def test_usage_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], message: str) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path))
    monkeypatch.delenv("REDIS_URL", raising=False)
    result = CliRunner().invoke(cli, ["crawl", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
    assert not (tmp_path / "redis").exists()  # nothing was started


def test_unreachable_redis_is_one_clear_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path))
    monkeypatch.setenv("REDIS_URL", f"unix://{tmp_path}/no-such.sock")
    result = CliRunner().invoke(cli, ["crawl", "--start-url", "http://www.gov.cn/zwgk/"])
    assert result.exit_code == 1
    assert "cannot reach Redis" in result.output and "Traceback" not in result.output
