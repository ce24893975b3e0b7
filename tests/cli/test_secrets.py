"""A Redis URL with a password that cannot be reached: every service command fails with one clear line
and the password appears nowhere in its output."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SECRET = "s3cret-Pa55"


@pytest.mark.parametrize("command", [["status"], ["status", "--json"], ["crawl", "--once", "--sources", "sample"],
                                     ["retry-failed"]])
def test_unreachable_redis_is_one_line_without_the_password(tmp_path: Path, command: list[str]) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("REDIS_", "ELASTICSEARCH_", "GOVREPORTS_"))}
    env.update(REDIS_URL=f"redis://:{SECRET}@127.0.0.1:1/0", GOVREPORTS_HOME=str(tmp_path))
    result = subprocess.run([sys.executable, "-m", "cli.main", *command], cwd=REPO, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert SECRET not in output
    assert "Traceback" not in output, output[-2000:]
    assert "error:" in result.stderr
