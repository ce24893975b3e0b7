"""`govreports eval` on a small labelled page: JSON scores, mismatches, label-file errors."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from cli.main import cli

REPORT = (
    "2023年高坪区政府工作报告\n"
    "2023年1月12日在南充市高坪区第七届人民代表大会第三次会议上\n高坪区人民政府区长 张 三\n各位代表：\n"
    "现在，我代表区人民政府，向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。\n"
    "一、2022年工作回顾\n"
    + "过去一年，我们坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，经济运行总体平稳。" * 8 + "\n"
    "二、2023年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%以上，社会消费品零售总额增长7%左右。\n"
    + "我们将坚定信心、真抓实干，奋力完成全年目标任务。" * 8 + "\n"
)
METADATA = {"doc_type": "work_report", "region": "南充市高坪区", "province": "四川省", "admin_level": "county",
            "division_code": "511303", "report_year": 2023, "meeting_date": "2023-01-12",
            "meeting_name": "第七届人民代表大会第三次会议", "speaker": "张三", "speaker_title": "区长"}
GDP_TARGET = {"indicator": "gdp_growth", "kind": "target", "year": 2023, "value": 6.5, "low": None, "high": None,
              "unit": "%", "modifier": "at_least", "strive": False, "scope": "", "quote": "地区生产总值增长6.5%以上"}


def write_labels(directory: Path, metadata: dict[str, Any], name: str = "page.jsonl") -> Path:
    page = directory / "pages" / "page.txt"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(REPORT, encoding="utf-8")
    labels = directory / "labels"
    labels.mkdir(exist_ok=True)
    record = {"source": "../pages/page.txt", "content_type": "text/plain; charset=utf-8", "position": 0,
              "title": "2023年高坪区政府工作报告", "metadata": metadata, "indicators": [GDP_TARGET], "flags": []}
    (labels / name).write_text(json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    return labels


@pytest.fixture(autouse=True)
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(Path(tmp_path_factory.getbasetemp()) / "eval-home"))


def run_json(*args: str) -> dict[str, Any]:
    result = CliRunner().invoke(cli, ["eval", "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_correct_labels_score_full(tmp_path: Path) -> None:
    labels = write_labels(tmp_path, METADATA)
    scores = run_json(str(labels))  # a directory: every *.jsonl in it
    assert scores["reports"] == scores["matched"] == 1
    assert scores["metadata_overall"]["accuracy"] == 1.0
    assert scores["gdp_target"]["accuracy"] == 1.0
    assert scores["errors"] == {}
    assert "mismatches" not in scores


def test_wrong_label_shows_as_mismatch(tmp_path: Path) -> None:
    labels = write_labels(tmp_path, {**METADATA, "speaker": "李四", "report_year": 2022})
    scores = run_json("--verbose", str(labels / "page.jsonl"))
    assert scores["metadata"]["speaker"]["accuracy"] == 0.0
    assert scores["metadata_overall"] == {"correct": 8, "total": 10, "accuracy": 0.8}
    wrong = {m["check"]: (m["expected"], m["got"]) for m in scores["mismatches"]}
    assert wrong["speaker"] == ("李四", "张三")
    assert wrong["report_year"] == (2022, 2023)
    # The GDP target is looked up for the labelled report year (2022): none is labelled for it, so the
    # extracted one is a wrong extra.
    assert scores["gdp_target"]["accuracy"] == 0.0


def test_table_output(tmp_path: Path) -> None:
    labels = write_labels(tmp_path, {**METADATA, "speaker": "李四"})
    result = CliRunner().invoke(cli, ["eval", "-v", str(labels)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "metadata overall" in result.output and "90.0% (9/10)" in result.output
    assert "expected '李四', got '张三'" in result.output


def test_missing_source_page_is_reported(tmp_path: Path) -> None:
    labels = write_labels(tmp_path, METADATA)
    (tmp_path / "pages" / "page.txt").unlink()
    scores = run_json(str(labels))
    assert scores["matched"] == 0 and scores["metadata_overall"]["accuracy"] == 0.0
    assert len(scores["errors"]) == 1


def test_broken_label_file(tmp_path: Path) -> None:
    labels = write_labels(tmp_path, METADATA)
    (labels / "bad.jsonl").write_text('{"source": "x"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", str(labels)])
    assert result.exit_code == 1
    assert "bad.jsonl:1: missing" in result.output


def test_directory_without_labels(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(tmp_path)])
    assert result.exit_code == 1 and "no label files" in result.output
