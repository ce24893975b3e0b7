"""bench.report and bench.__main__: the JSON document's keys, the table, figure selection and file names."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest
from rich.console import Console

from bench.__main__ import OUTPUT_DIR, figure_key, output_path, selected
from bench.machine import machine_info
from bench.report import FIGURE_KEYS, build_table, document, number, spread, write_json
from bench.stats import Figure, Goal, Line

ISSUE_KEYS = {"pipeline_vs_jieba", "worker_vs_inprocess", "crawl_vs_scrapy", "end_to_end_vs_slowest",
              "dedup_bytes_per_url", "query_p95_ms", "worker_rss_mb"}


def figure(key: str, runs: list[float]) -> Figure:
    goal = Goal(">=", 0.8)
    return Figure(key=key, label=key, unit="ratio", runs=runs, goal=goal,
                  lines=[Line("measure", "pages/s", [8.0, 9.0], "base", [10.0, 10.0], runs, goal)])


def test_the_json_keys_are_the_issues() -> None:
    assert set(FIGURE_KEYS) == ISSUE_KEYS


def test_document_has_every_key_as_a_number_or_null() -> None:
    figures = {"crawl_vs_scrapy": figure("crawl_vs_scrapy", [0.8, 0.9]), "query_p95_ms": figure("query_p95_ms", [3.0])}
    body = document(figures, {"dedup_bytes_per_url": "RuntimeError: boom"}, {"python": "3.11"}, {"quick": True})
    assert ISSUE_KEYS <= set(body)
    assert body["crawl_vs_scrapy"] == pytest.approx(0.85) and body["query_p95_ms"] == 3.0
    assert all(body[key] is None for key in ISSUE_KEYS - set(figures))
    assert body["met"] == {"crawl_vs_scrapy": True, "query_p95_ms": True}
    assert body["figures"]["crawl_vs_scrapy"]["lines"]["measure"]["baseline"]["median"] == 10.0
    assert body["errors"] == {"dedup_bytes_per_url": "RuntimeError: boom"}
    assert body["machine"] == {"python": "3.11"} and body["run"] == {"quick": True}
    json.dumps(body)  # serialisable as is


def test_write_json_replaces_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "var" / "bench" / "latest.json"
    write_json(target, {"a": 1, "中文": "值"})
    write_json(target, {"a": 2})
    assert json.loads(target.read_text(encoding="utf-8")) == {"a": 2}
    assert [p.name for p in target.parent.iterdir()] == ["latest.json"]


def test_numbers_and_spreads_read_well() -> None:
    assert [number(v) for v in (123456.7, 1234.5, 98.76, 0.834, 0.0412, None)] == \
        ["123,457", "1,234", "98.8", "0.83", "0.041", "—"]
    assert spread([0.7, 0.9, 0.8]) == "0.80 (0.70–0.90)"
    assert spread([14.8], "B/URL") == "14.8 B/URL"
    assert spread([]) == "—"


def test_the_table_shows_every_line_and_failures() -> None:
    figures = {"crawl_vs_scrapy": figure("crawl_vs_scrapy", [0.5, 0.6])}
    console = Console(width=200, record=True)
    console.print(build_table(figures, {"query_p95_ms": "TimeoutError: x"}, "t"))
    text = console.export_text()
    assert "crawl_vs_scrapy" in text and "base: 10.0 pages/s" in text and "0.55 (0.50–0.60)" in text
    assert "≥ 0.8" in text and "no" in text and "query_p95_ms" in text and "TimeoutError" in text


def test_figure_names_and_dependencies() -> None:
    assert figure_key("crawl") == "crawl_vs_scrapy" and figure_key("end-to-end") == "end_to_end_vs_slowest"
    assert figure_key("query_p95_ms") == "query_p95_ms"
    with pytest.raises(argparse.ArgumentTypeError):
        figure_key("speed")
    assert selected([]) == list(FIGURE_KEYS)
    assert selected(["end_to_end_vs_slowest"]) == ["worker_vs_inprocess", "crawl_vs_scrapy", "end_to_end_vs_slowest"]
    assert selected(["worker_rss_mb", "pipeline_vs_jieba"]) == ["pipeline_vs_jieba", "worker_rss_mb"]


def test_quick_and_partial_runs_never_overwrite_the_full_figures() -> None:
    assert output_path(False, []) == OUTPUT_DIR / "latest.json"
    assert output_path(True, []) == OUTPUT_DIR / "latest-quick.json"
    assert output_path(False, ["query_p95_ms"]) == OUTPUT_DIR / "only-query_p95_ms.json"
    assert OUTPUT_DIR.parts[-2:] == ("var", "bench")


def test_machine_info_names_cores_python_and_versions() -> None:
    info = machine_info("6.2.14")
    assert info["cores_logical"] >= 1 and info["python"].startswith("3.")
    assert info["packages"]["scrapy"] and info["packages"]["jieba"] and info["redis_server"] == "6.2.14"
