"""`govreports extract` on local files: JSON lines in input order, errors per file, exit codes, table."""

from __future__ import annotations

import io
import subprocess
import sys
import json
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

import pipeline.segment
from cli.main import cli

REPORT = (
    "2023年1月12日在南充市高坪区第七届人民代表大会第三次会议上\n高坪区人民政府区长 张 三\n各位代表：\n"
    "现在，我代表区人民政府，向大会报告工作，请予审议，并请各位政协委员和其他列席人员提出意见。\n"
    "一、2022年工作回顾\n"
    + "过去一年，我们坚持稳中求进工作总基调，统筹推进疫情防控和经济社会发展，经济运行总体平稳。" * 8 + "\n"
    "全年地区生产总值完成520亿元、增长4.5%。\n"
    "二、2023年工作安排\n"
    "今年经济社会发展的主要预期目标是：地区生产总值增长6.5%以上，社会消费品零售总额增长7%左右，"
    "城镇调查失业率控制在5.5%以内。\n"
    + "我们将坚定信心、真抓实干，奋力完成全年目标任务。" * 8 + "\n"
)


def html_page(title: str, body: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in body.splitlines())
    return f"<html><head><title>{title}</title></head><body><h1>{title}</h1>{paragraphs}</body></html>"


def docx_bytes(title: str, body: str) -> bytes:
    document = docx.Document()
    for line in [title, *body.splitlines()]:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    # One home for the module's tests, so the process keeps one segmenter across them.
    path = Path(tmp_path_factory.getbasetemp()) / "extract-home"
    monkeypatch.setenv("GOVREPORTS_HOME", str(path))
    return path


@pytest.fixture
def pages(tmp_path: Path) -> dict[str, Path]:
    files = {
        "report.html": html_page("2023年高坪区政府工作报告", REPORT).encode("utf-8"),
        "report.txt": ("2023年高坪区政府工作报告\n" + REPORT).encode("gbk"),
        "report.docx": docx_bytes("2023年高坪区政府工作报告", REPORT),
        "broken.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 4,
        "notes.xls": b"not a page",
    }
    paths = {}
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
        paths[name] = tmp_path / name
    return paths


def json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_json_one_line_per_file_in_input_order(home: Path, pages: dict[str, Path]) -> None:
    order = ["report.txt", "broken.pdf", "report.html", "notes.xls", "report.docx"]
    result = CliRunner().invoke(cli, ["extract", "--json", *[str(pages[n]) for n in order]])
    assert result.exit_code == 0, result.output
    records = json_lines(result.output)
    assert [Path(r["path"]).name for r in records] == order
    by_name = {Path(r["path"]).name: r for r in records}
    assert "corrupt PDF" in by_name["broken.pdf"]["error"] and by_name["broken.pdf"]["documents"] == []
    assert "unsupported file type" in by_name["notes.xls"]["error"]
    for name in ("report.txt", "report.html", "report.docx"):
        record = by_name[name]
        assert record["error"] is None
        (document,) = record["documents"]
        assert "tokens" not in document
        assert document["title"] == "2023年高坪区政府工作报告"
        assert (document["region"], document["report_year"], document["speaker"]) == ("南充市高坪区", 2023, "张三")
        assert document["meeting_date"] == "2023-01-12"
        assert any(i["indicator"] == "gdp_growth" and i["kind"] == "target" for i in document["indicators"])


def test_every_file_failing_exits_1(home: Path, pages: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", str(pages["broken.pdf"]), str(pages["notes.xls"])])
    assert result.exit_code == 1
    assert all(r["error"] for r in json_lines(result.output))


def test_directory_is_walked_for_supported_files(home: Path, pages: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", str(pages["report.html"].parent)])
    names = [Path(r["path"]).name for r in json_lines(result.output)]
    assert names == sorted(["broken.pdf", "report.docx", "report.html", "report.txt"])  # .xls not walked


def test_table_output(home: Path, pages: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["extract", str(pages["report.html"]), str(pages["broken.pdf"])],
                                env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "南充市高坪区" in result.output and "6.5%以上" in result.output
    assert "corrupt PDF" in result.output
    assert "2 files, 1 documents, 1 failed" in result.output


def test_one_segmenter_for_the_whole_run(tmp_path: Path, pages: dict[str, Path],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVREPORTS_HOME", str(tmp_path / "fresh-home"))  # a cache key never loaded before
    built: list[object] = []

    class CountingSegmenter(pipeline.segment.Segmenter):
        def __init__(self, *args: object, **kwargs: object) -> None:
            built.append(self)
            super().__init__(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(pipeline.segment, "Segmenter", CountingSegmenter)
    files = []
    for n, name in enumerate(["report.html", "report.txt", "report.docx"] * 2):
        copy = tmp_path / f"{n}-{name}"
        copy.write_bytes(pages[name].read_bytes())
        files.append(str(copy))
    result = CliRunner().invoke(cli, ["extract", "--json", *files])
    assert result.exit_code == 0, result.output
    assert len(json_lines(result.output)) == 6
    assert len(built) == 1


def test_a_file_named_twice_is_read_once(home: Path, pages: dict[str, Path]) -> None:
    result = CliRunner().invoke(cli, ["extract", "--json", str(pages["report.txt"]), str(pages["report.txt"])])
    assert len(json_lines(result.output)) == 1


def test_no_supported_files(home: Path, tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = CliRunner().invoke(cli, ["extract", str(empty)])
    assert result.exit_code == 1 and "no .html" in result.output


def test_help_documents_exit_status() -> None:
    result = CliRunner().invoke(cli, ["extract", "--help"])
    assert result.exit_code == 0 and "every file failed" in result.output


def test_extract_imports_no_services() -> None:
    code = ("import sys, cli.extract_cmd, cli.file_input; "
            "print(sorted(m for m in ('redis', 'celery', 'scrapy', 'elasticsearch', 'kombu') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[2])
    assert out.stdout.strip() == "[]"
