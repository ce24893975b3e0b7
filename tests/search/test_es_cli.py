"""`govreports es|kibana|dict`: usage errors, output against a scripted cluster, the dictionary server process."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from pipeline.vocabulary import load_vocabulary
from search.es_fake import FakeCluster, Request, error_body

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path / "home"))
    for name in ("ELASTICSEARCH_URL", "KIBANA_URL", "ELASTICSEARCH_INDEX_PREFIX"):
        monkeypatch.delenv(name, raising=False)
    return tmp_path


@pytest.mark.parametrize("args", [["es", "setup", "--help"], ["es", "status", "--help"], ["es", "reindex", "--help"],
                                  ["kibana", "import", "--help"], ["dict", "export", "--help"],
                                  ["dict", "serve", "--help"]])
def test_help(args: list[str]) -> None:
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and "Usage:" in result.output


def test_es_commands_need_elasticsearch_url(env: Path) -> None:
    result = CliRunner().invoke(cli, ["es", "setup"])
    assert result.exit_code == 2 and "ELASTICSEARCH_URL is not set" in result.output


def test_reindex_source_is_required_and_checked(env: Path) -> None:
    result = CliRunner().invoke(cli, ["es", "reindex", "--from", "backup"])
    assert result.exit_code == 2 and "'current'" in result.output


def test_kibana_import_needs_a_url_and_reports_an_unreachable_one(env: Path) -> None:
    result = CliRunner().invoke(cli, ["kibana", "import", "--file", str(REPO / "kibana" / "govreports.ndjson")])
    assert result.exit_code == 2 and "KIBANA_URL" in result.output
    result = CliRunner().invoke(cli, ["kibana", "import", "--file", str(REPO / "kibana" / "govreports.ndjson"),
                                      "--url", "http://127.0.0.1:9"])
    assert result.exit_code == 1 and "unreachable" in result.output


def _cluster_without_ik() -> FakeCluster:
    def alias(request: Request) -> object:
        return {request.path.split("/")[-1] + "-v1": {}}

    return (FakeCluster()
            .on("GET", "/", {"cluster_name": "c", "version": {"number": "8.19.6"}})
            .on("POST", "/_analyze", error_body(400, "illegal_argument_exception", "failed to find global analyzer"))
            .on("PUT", r"/_index_template/.+", {"acknowledged": True})
            .on("GET", r"/_alias/.+", alias)
            .on("GET", r"/[^/]+/_mapping", {"x": {"mappings": {"_meta": {"analysis": "cjk"}}}})
            .on("POST", r"/[^/]+/_count", {"count": 0}))


def test_setup_without_ik_says_so_loudly(env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import search.es_client

    cluster = _cluster_without_ik()
    monkeypatch.setenv("ELASTICSEARCH_URL", "http://es.test:9200")
    monkeypatch.setattr(search.es_client, "client_from_settings", lambda settings: cluster.client())
    result = CliRunner().invoke(cli, ["es", "setup", "--json"])
    assert result.exit_code == 0, result.output
    assert "WARNING: the analysis-ik plugin is not installed" in result.stderr
    report = json.loads(result.stdout)
    assert report["analysis"] == "cjk" and report["aliases"]["govreports-reports"] == ["govreports-reports-v1"]
    status = CliRunner().invoke(cli, ["es", "status"])
    assert status.exit_code == 0 and "analysis: cjk" in status.stdout and "WARNING" in status.stderr


def test_dict_export_writes_the_vocabulary(env: Path) -> None:
    target = env / "out" / "ext.dic"
    result = CliRunner().invoke(cli, ["dict", "export", str(target), "--json"])
    assert result.exit_code == 0
    assert json.loads(result.output) == {"path": str(target), "terms": len(load_vocabulary())}
    assert target.read_text(encoding="utf-8").splitlines() == load_vocabulary()


def test_dict_serve_refuses_a_missing_file(env: Path) -> None:
    result = CliRunner().invoke(cli, ["dict", "serve", "--file", str(env / "missing.dic")])
    assert result.exit_code == 2 and "govreports dict export" in result.output


@pytest.mark.integration
def test_dict_serve_process_serves_and_stops_on_sigterm(env: Path) -> None:
    process = subprocess.Popen([sys.executable, "-m", "cli.main", "dict", "serve", "--port", "0"], cwd=REPO,
                               env={**os.environ}, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        url = re.search(r"http://\S+", line)
        assert url, line
        with urllib.request.urlopen(url.group(0), timeout=10) as response:
            assert response.read().decode("utf-8").splitlines() == load_vocabulary()
            assert response.headers["ETag"]
    finally:
        process.send_signal(signal.SIGTERM)
        # 128+SIGTERM is the project's clean exit on SIGTERM (stack unwound); -15 would mean killed outright
        assert process.wait(timeout=20) == 128 + signal.SIGTERM
