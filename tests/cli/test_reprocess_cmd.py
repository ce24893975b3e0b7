"""`govreports reprocess`: archived pages go through real workers again; running it twice adds nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govreports.archive import Archive
from govreports.models import RawPage
from govreports.settings import Settings
from search.factory import open_store

pytestmark = pytest.mark.integration

SEEDS = Path(__file__).resolve().parents[2] / "runtime" / "sample_portal" / "seeds"


def _reprocess(env: dict[str, str]) -> dict[str, int]:
    result = subprocess.run([sys.executable, "-m", "cli.main", "reprocess", "--json"], env=env,
                            capture_output=True, text=True, timeout=240, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_reprocess_archive_twice_is_idempotent(tmp_path: Path) -> None:
    env = {**os.environ, "GOVREPORTS_HOME": str(tmp_path)}
    env.pop("REDIS_URL", None)
    env.pop("ELASTICSEARCH_URL", None)
    settings = Settings.from_env(env)
    archive = Archive(settings.archive_dir)
    for name in ("001_*.txt", "004_*.txt"):
        path = next(SEEDS.glob(name))
        archive.put(RawPage(url=f"http://portal.test/{path.stem}.html", body=path.read_bytes(),
                            content_type="text/plain; charset=utf-8"))
    first = _reprocess(env)
    assert first == {"queued": 2, "processed": 2}
    store = open_store(settings)
    counts = store.counts()
    store.close()
    assert (counts["pages_stored"], counts["documents"]) == (2, 2)
    assert _reprocess(env) == {"queued": 2, "processed": 2}
    store = open_store(settings)
    again = store.counts()
    store.close()
    assert again == counts
