"""`govreports coverage` over a real SQLite store and a small registry: found / missing / overdue /
pending per (region, year, type), as CSV, JSON, NDJSON and a table; the Kibana-ready index on a scripted
Elasticsearch node."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from cli.main import cli
from crawler.coverage import CoverageRow, coverage_rows, status_of
from crawler.registry import parse_registry
from govreports.models import PAGE_STORED, Document, PageOutcome, page_id
from govreports.settings import Settings
from search.es_coverage import write_rows
from search.es_fake import FakeCluster
from search.factory import open_store

REGISTRY = {"sources": [
    {"name": "bishan", "kind": "gov_portal", "region": {"name": "璧山区", "code": "500120"},
     "start_urls": ["http://www.bishan.gov.cn/zfgzbg/"], "doc_types": ["work_report", "dev_plan"]},
    {"name": "gd", "kind": "gov_portal", "region": {"name": "广东省", "code": "440000"},
     "start_urls": ["https://www.gd.gov.cn/zwgk/gzbg/"], "covers": [{"name": "深圳市", "code": "440300"}]},
]}


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    registry = tmp_path / "sources.yaml"
    registry.write_text(yaml.safe_dump(REGISTRY, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("CRAWL_SOURCES", str(registry))
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    store = open_store(Settings.from_env({"GOVREPORTS_HOME": str(tmp_path / "home")}))
    store.setup()
    docs = [("500120", "重庆市璧山区", 2024, "work_report"), ("440300", "深圳市", 2023, "work_report"),
            ("", "广东省", 2024, "work_report")]  # the last without a code: matched by region name
    for n, (code, region, year, doc_type) in enumerate(docs):
        url = f"http://x.gov.cn/{n}.html"
        doc = Document(id=f"d{n}", title="报告", text="正文", doc_type=doc_type, region=region,
                       division_code=code or None, report_year=year, source_url=url)
        store.save_page(PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED, document_ids=[doc.id]), [doc])
    store.close()
    return tmp_path


def _csv(args: list[str]) -> list[dict[str, str]]:
    result = CliRunner().invoke(cli, ["coverage", "--format", "csv", *args])
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.output)))


def test_csv_rows_and_statuses(home: Path) -> None:
    rows = _csv(["--from-year", "2023", "--to-year", "2024"])
    found = {(r["region"], r["year"], r["doc_type"]): r["status"] for r in rows}
    assert found == {
        ("重庆市璧山区", "2023", "work_report"): "missing", ("重庆市璧山区", "2024", "work_report"): "found",
        ("重庆市璧山区", "2023", "dev_plan"): "missing", ("重庆市璧山区", "2024", "dev_plan"): "missing",
        ("广东省", "2023", "work_report"): "missing", ("广东省", "2024", "work_report"): "found",
        ("深圳市", "2023", "work_report"): "found", ("深圳市", "2024", "work_report"): "missing",
    }
    shenzhen = next(r for r in rows if r["code"] == "440300")
    assert shenzhen["level"] == "city" and shenzhen["province"] == "广东省" and shenzhen["sources"] == "gd"


def test_status_filter_json_ndjson_output_and_table(home: Path) -> None:
    found = _csv(["--from-year", "2023", "--to-year", "2024", "--status", "found"])
    assert len(found) == 3 and {r["status"] for r in found} == {"found"}
    result = CliRunner().invoke(cli, ["coverage", "--sources", "bishan", "--from-year", "2024", "--to-year", "2024",
                                      "--format", "json"])
    assert [(r["doc_type"], r["documents"]) for r in json.loads(result.output)] == [("dev_plan", 0), ("work_report", 1)]
    out = home / "coverage.ndjson"
    result = CliRunner().invoke(cli, ["coverage", "--format", "ndjson", "--output", str(out), "--from-year", "2024",
                                      "--to-year", "2024"])
    assert result.exit_code == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {tuple(r["sources"]) for r in records} == {("bishan",), ("gd",)}
    table = CliRunner().invoke(cli, ["coverage", "--from-year", "2023", "--to-year", "2024"])
    assert table.exit_code == 0 and "重庆市璧山区" in table.output and "found 3" in table.output


def test_usage_errors(home: Path) -> None:
    for args, message in ((["--from-year", "2025", "--to-year", "2020"], "after --to-year"),
                          (["--sources", "atlantis"], "unknown source"),
                          (["--output", str(home / "x.csv")], "--output needs"),
                          (["--to-elasticsearch"], "needs ELASTICSEARCH_URL")):
        result = CliRunner().invoke(cli, ["coverage", *args])
        assert result.exit_code == 2 and message in result.output, result.output


def test_this_years_status_depends_on_the_congress_season() -> None:
    february, may = datetime(2025, 2, 1, tzinfo=timezone.utc), datetime(2025, 5, 1, tzinfo=timezone.utc)
    assert status_of(0, 2025, february) == "pending" and status_of(0, 2025, may) == "overdue"
    assert status_of(0, 2024, february) == "missing" and status_of(2, 2025, february) == "found"
    (source,), _ = parse_registry(REGISTRY | {"sources": REGISTRY["sources"][:1]})
    rows = coverage_rows([source], [], [2025], datetime(2025, 3, 31, 17, tzinfo=timezone.utc))  # 1 April in China
    assert {row.status for row in rows} == {"overdue"}


def test_coverage_index_is_written_with_ids_and_old_rows_dropped() -> None:
    cluster = (FakeCluster().on("PUT", r"/gr-coverage", {"acknowledged": True})
               .on("POST", r"/gr-coverage/_delete_by_query", {"deleted": 2}))
    row = CoverageRow("重庆市璧山区", "500120", "county", "重庆市", 2024, "work_report", "found", 1, ("bishan",))
    assert write_rows(cluster.client(), "gr", [row], "2025-05-01T00:00:00+00:00", retries=0) == 1
    [create] = cluster.sent("PUT", r"/gr-coverage")
    assert create.body["mappings"]["properties"]["status"] == {"type": "keyword"}
    [bulk] = cluster.sent("PUT", "/_bulk")
    [(op, meta, source)] = bulk.operations
    assert meta["_id"] == "500120-2024-work_report" and source["checked_at"] == "2025-05-01T00:00:00+00:00"
    [delete] = cluster.sent("POST", r"/gr-coverage/_delete_by_query")
    assert delete.body["query"] == {"range": {"checked_at": {"lt": "2025-05-01T00:00:00+00:00"}}}
