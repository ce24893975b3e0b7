"""`govreports query`: filters parsed and validated, answers read from the SQLite store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from cli.main import cli
from govreports.models import PAGE_STORED, Document, Indicator, PageOutcome, document_id, page_id
from govreports.settings import Settings
from search.sqlite_store import SQLiteStore


def _gdp(value: float, strive: bool = False) -> dict[str, object]:
    return Indicator(indicator="gdp_growth", kind="target", year=2025, value=value, unit="%",
                     modifier="at_least" if not strive else "point", strive=strive).to_dict()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path))
    monkeypatch.delenv("ELASTICSEARCH_URL", raising=False)
    store = SQLiteStore(Settings.from_env({"GOVREPORTS_HOME": str(tmp_path)}).sqlite_path)
    store.setup()
    rows = [("重庆市", "重庆市璧山区", [_gdp(6.0), _gdp(7.0, strive=True)], "新质生产力 培育"),
            ("重庆市", "重庆市渝北区", [_gdp(5.0)], "乡村 振兴"),
            ("四川省", "南充市", [_gdp(6.5)], "新质生产力")]
    for n, (province, region, indicators, tokens) in enumerate(rows):
        url = f"http://portal.test/{n}.html"
        doc = Document(id=document_id(url, 0), title=f"2025年{region}政府工作报告", text=tokens.replace(" ", ""),
                       tokens=tokens, doc_type="work_report", region=region, province=province,
                       admin_level="county", report_year=2025, indicators=indicators,
                       phrase_counts={"新质生产力": tokens.count("新质生产力")})
        store.save_page(PageOutcome(page_id=page_id(url), url=url, state=PAGE_STORED), [doc])
    store.close()
    return tmp_path


def test_agg_averages_base_targets_by_province(home: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "agg", "--indicator", "gdp_growth", "--kind", "target",
                                      "--group-by", "province", "--json"])
    assert result.exit_code == 0, result.output
    rows = {row["province"]: row for row in json.loads(result.output)}
    assert rows["重庆市"]["count"] == 2 and rows["重庆市"]["avg"] == pytest.approx(5.5)  # the 力争 7% is excluded
    assert rows["四川省"]["avg"] == pytest.approx(6.5)
    with_strive = CliRunner().invoke(cli, ["query", "agg", "--indicator", "gdp_growth", "--group-by", "province",
                                           "--include-strive", "--json"])
    assert {r["province"]: r["count"] for r in json.loads(with_strive.output)}["重庆市"] == 3


def test_agg_reports_by_phrase(home: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "agg", "--target", "reports", "--phrase", "新质生产力",
                                      "--group-by", "report_year,province", "--json"])
    assert result.exit_code == 0, result.output
    assert {(r["province"], r["count"]) for r in json.loads(result.output)} == {("重庆市", 1), ("四川省", 1)}


def test_search_with_filters(home: Path) -> None:
    result = CliRunner().invoke(cli, ["query", "search", "新质生产力", "--province", "重庆市", "--json"])
    assert result.exit_code == 0, result.output
    assert [hit["region"] for hit in json.loads(result.output)] == ["重庆市璧山区"]
    table = CliRunner().invoke(cli, ["query", "search", "--year", "2025"])
    assert table.exit_code == 0 and "南充市" in table.output


@pytest.mark.parametrize("args, message", [
    (["agg", "--group-by", "text"], "cannot group"),
    (["agg", "--filter", "report_year=soon"], "integer"),
    (["agg", "--filter", "nonsense=1"], "unknown field"),
    (["agg", "--filter", "province"], "FIELD=VALUE"),
    (["agg", "--phrase", "新质生产力"], "--target reports"),
    (["agg", "--target", "reports", "--indicator", "gdp"], "--target indicators"),
    (["search", "--level", "village"], "village"),
])
def test_bad_queries_are_usage_errors(home: Path, args: list[str], message: str) -> None:
    result = CliRunner().invoke(cli, ["query", *args])
    assert result.exit_code == 2, result.output
    assert message in result.output
