"""`govreports status`: counts from the store, event accounting from Redis, a gap is an error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import redis
from click.testing import CliRunner

from cli.main import cli
from govreports.settings import Settings
from runtime.queue_watch import FETCHED_COUNTER, QueueState, outcome_counter
from runtime.redis_server import EmbeddedRedis

pytestmark = pytest.mark.integration  # starts a real redis-server


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path))
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    return tmp_path


def _set_counters(home: Path, fetched: int, **outcomes: int) -> EmbeddedRedis:
    server = EmbeddedRedis(Settings.from_env({"GOVREPORTS_HOME": str(home)}).embedded_redis_dir).start()
    client = redis.Redis.from_url(server.url)
    client.set(FETCHED_COUNTER, fetched)
    for name, value in outcomes.items():
        client.set(outcome_counter(name), value)
    client.close()
    return server


def test_balanced_accounting_is_ok(home: Path) -> None:
    server = _set_counters(home, 5, stored=3, skipped=1, failed=1)
    try:
        result = CliRunner().invoke(cli, ["status", "--json"])
    finally:
        server.stop()
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    expected = {"fetched": 5, "stored": 3, "skipped": 1, "failed": 1, "parked": 0, "gap": 0, "ok": True}
    assert {key: data["accounting"][key] for key in expected} == expected
    for key in ("documents", "indicators", "pages_fetched", "pages_stored", "pages_skipped", "pages_failed"):
        assert key in data


def test_a_lost_page_is_reported_as_an_error(home: Path) -> None:
    server = _set_counters(home, 5, stored=3, skipped=1)
    try:
        as_json = CliRunner().invoke(cli, ["status", "--json"])
        table = CliRunner().invoke(cli, ["status"])
    finally:
        server.stop()
    assert as_json.exit_code == 3 and json.loads(as_json.output)["accounting"]["gap"] == 1
    assert table.exit_code == 3 and "never accounted for" in table.output


def test_gap_counts_pending_pages_as_accounted() -> None:
    state = QueueState(queued=2, unacked=1, fetched=10, outcomes={"stored": 6, "parked": 1})
    assert (state.processed, state.gap, state.idle) == (7, 0, False)
