"""Hostile pages through the pure steps (decode -> clean -> split -> segment).

Every page must end as documents, an empty list (no report: the worker records *skipped*) or a
`StepError` naming its step; never another exception and never a hang. Hang guards are generous
pytest-timeout limits (the worker's soft limit), not timing assertions: catastrophic regex backtracking
on a million-character line would take hours, not seconds. Sizes and times are reported in
docs/cleaning.md, not asserted here.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govreports.errors import StepError
from pipeline.clean import clean_page
from pipeline.decode import decode_page, looks_like_html
from pipeline.segment import Segmenter
from pipeline.split import CleanDoc, split_documents

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
BILISHAN = "001_bcbca230d9bf0c3f.txt"
STEPS = {"decode", "clean", "split"}
HANG_GUARD = pytest.mark.timeout(120)  # the worker's soft limit; a page should need seconds


@pytest.fixture(scope="module")
def segmenter(tmp_path_factory: pytest.TempPathFactory) -> Segmenter:
    return Segmenter(tmp_path_factory.mktemp("jieba"))


def pure_steps(body: bytes, content_type: str = "", segmenter: Segmenter | None = None) -> list[CleanDoc] | StepError:
    """The page's documents, or the StepError that refused it; any other exception fails the test."""
    try:
        text = decode_page(body, content_type=content_type)
        docs = split_documents(clean_page(text, is_html=looks_like_html(text, content_type)))
    except StepError as error:
        assert error.step in STEPS and error.reason, error
        return error
    for doc in docs:
        assert doc.text and doc.content_hash
        if segmenter is not None:
            segmenter.cut(doc.text)
            segmenter.keywords(doc.text)
            segmenter.phrase_counts(doc.text)
    return docs


@pytest.fixture
def report(seed_texts: dict[str, str]) -> list[str]:
    """Seed 001's report lines, title first."""
    lines = [line for line in seed_texts[BILISHAN].splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("重庆市璧山区政府工作报告"))
    end = next(i for i, line in enumerate(lines) if line.startswith("各位代表!风正时济"))
    return [lines[start]] + [line for line in lines[start + 1:end + 1] if not line.startswith("日期")]


def _html(report: list[str], head: str = "", between: str = "") -> str:
    body = "".join(f"<p>{line}</p>" for line in report[1:])
    return f"<html><head>{head}<title>{report[0]}</title></head><body><h1>{report[0]}</h1>{between}{body}</body></html>"


def _one_report(outcome: list[CleanDoc] | StepError, report: list[str]) -> CleanDoc:
    assert isinstance(outcome, list) and len(outcome) == 1, outcome
    doc = outcome[0]
    assert doc.title == report[0]
    assert doc.text.endswith(report[-1])
    return doc


# --- bodies that are not pages ---------------------------------------------------------------------


@pytest.mark.parametrize(("body", "content_type"), [(b"", "text/html"), (b" \r\n\t ", "text/html"), (b"", "")])
def test_empty_body_is_a_decode_error(body: bytes, content_type: str) -> None:
    outcome = pure_steps(body, content_type)
    assert isinstance(outcome, StepError) and outcome.step == "decode"


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_binary_served_as_html_is_a_decode_error(seed: int) -> None:
    noise = random.Random(seed).randbytes(200_000)
    for body in (noise, b"\x89PNG\r\n\x1a\n" + noise, b"\x1f\x8b\x08" + noise):
        outcome = pure_steps(body, "text/html; charset=utf-8")
        assert isinstance(outcome, StepError) and outcome.step == "decode"


# --- encodings ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("codec", "head", "content_type"),
    [
        ("gb18030", "", ""),  # undeclared GBK
        ("gb18030", '<meta charset="utf-8">', "text/html; charset=utf-8"),  # wrongly declared UTF-8
        ("utf-8", '<meta charset="gb2312">', "text/html; charset=gbk"),  # wrongly declared GBK
        ("utf-16-le", "", "text/html"),  # UTF-16 without BOM
        ("utf-16", '<meta charset="utf-16">', ""),  # UTF-16 with BOM
    ],
)
def test_wrong_or_missing_charset(report: list[str], codec: str, head: str, content_type: str,
                                  segmenter: Segmenter) -> None:
    body = _html(report, head).encode(codec)
    _one_report(pure_steps(body, content_type, segmenter), report)


def test_mixed_encodings_on_one_page(report: list[str]) -> None:
    markup = _html(report).replace("<body>", "<body>\n").replace("</body>", "\n</body>")
    head, article, foot = markup.partition("<body>\n")[0], markup.split("<body>\n")[1].split("\n</body>")[0], "</html>"
    body = (head + "<body>\n<div>首页 > 政务公开</div>\n").encode("utf-8") + article.encode("gbk") + (
        "\n<div>扫一扫在手机打开当前页</div></body>" + foot).encode("utf-8")
    doc = _one_report(pure_steps(body), report)
    assert "扫一扫" not in doc.text


@pytest.mark.parametrize("codec", ["utf-8", "gb18030"])
def test_truncated_multibyte_sequence(report: list[str], codec: str) -> None:
    body = _html(report).encode(codec)
    cut = body[: body.rindex(report[-1][-5:].encode(codec)) + 1]  # inside the last sentence's characters
    outcome = pure_steps(cut, "text/html")
    assert isinstance(outcome, list) and len(outcome) == 1
    assert "\ufffd" not in outcome[0].text
    assert outcome[0].quality["truncation_reasons"]


def test_zero_width_and_control_characters(report: list[str]) -> None:
    junk = "\u200b\u200c\u200d\ufeff\x01\x08\x1f\u2060\u00ad"
    damaged = [line if i == 0 else "".join(ch + junk[j % len(junk)] for j, ch in enumerate(line))
               for i, line in enumerate(report)]
    doc = _one_report(pure_steps("\n".join(damaged).encode("utf-8")), report)
    clean = _one_report(pure_steps("\n".join(report).encode("utf-8")), report)
    assert doc.text == clean.text
    assert doc.quality["invisible_chars_removed"] >= sum(len(line) for line in report[1:])


# --- size and shape --------------------------------------------------------------------------------


@HANG_GUARD
def test_fifty_megabyte_page(report: list[str], segmenter: Segmenter) -> None:
    item = "<li><a href='/art/2024/0227/123456.html'>关于印发某某区2024年重点工作任务分解方案的通知</a><span>2024-02-27</span></li>\n"
    filler = item * (50_000_000 // len(item.encode("utf-8")))
    body = _html(report, between="").replace("</body>", f"<ul class='list'>{filler}</ul></body>").encode("utf-8")
    assert len(body) >= 50_000_000
    doc = _one_report(pure_steps(body, "text/html; charset=utf-8", segmenter), report)
    assert "重点工作任务分解方案" not in doc.text
    assert doc.quality["chrome_chars_removed"] > 10_000_000


@HANG_GUARD
def test_fifty_megabyte_text_page_is_refused_by_clean(report: list[str]) -> None:
    body = ("\n".join(report) + "\n").encode("utf-8") * (50_000_000 // len("\n".join(report).encode("utf-8")) + 1)
    outcome = pure_steps(body, "text/plain; charset=utf-8")
    assert isinstance(outcome, StepError) and outcome.step == "clean"


@HANG_GUARD
def test_deeply_nested_markup(report: list[str]) -> None:
    depth = 10_000
    markup = _html(report, between="<div>" * depth).replace("</body>", "</div>" * depth + "</body>")
    _one_report(pure_steps(markup.encode("utf-8"), "text/html"), report)


@HANG_GUARD
@pytest.mark.parametrize(
    "line",
    [
        "各位代表,现在我代表区人民政府向大会报告工作。" * 45_000,  # prose with sentence ends
        "政府工作报告" * 170_000,  # no punctuation at all
        "a" * 1_000_000,
        "〔" * 500_000 + "[1" * 250_000,  # footnote-like brackets that never close
        "。 " * 500_000,  # sentence ends and spaces
        ":(" * 500_000,  # colon-heading lookalikes
        "亚洲" * 500_000,  # a repeated token everywhere
        "\\r\\n" * 250_000,  # literal escapes
        "&nbsp" * 200_000,  # entity openers that never close
    ],
)
def test_million_character_lines(line: str, report: list[str]) -> None:
    assert len(line) >= 1_000_000
    for body, content_type in ((line.encode("utf-8"), "text/plain"),
                               (_html(report, between=f"<div>{line}</div>").encode("utf-8"), "text/html")):
        outcome = pure_steps(body, content_type)
        assert isinstance(outcome, (list, StepError))


@HANG_GUARD
def test_markup_stripper_million_unclosed_tags() -> None:
    markup = "<html><body>" + "<div" * 250_000 + "<p>正文</p>" + "<!--" * 100_000
    assert isinstance(pure_steps(markup.encode("utf-8"), "text/html"), (list, StepError))


@pytest.mark.parametrize("fixture", ["script_shell.html", "navigation_only.html"])
def test_pages_without_a_report_yield_no_documents(fixture: str) -> None:
    body = (PAGES / fixture).read_bytes()
    assert pure_steps(body, "text/html; charset=utf-8") == []


# --- generated pages -------------------------------------------------------------------------------

_PIECES = st.sampled_from([
    "各位代表", "。", ",", "〔1〕", "[2]", "①", "★", "一、", "(一)", "1.", "第一,", "——", "\u200b", "\x00", "\x07", "\ufffd",
    "<p>", "</p>", "<div class='nav'>", "</div>", "<script>", "</script>", "<!--", "-->", "<", ">", "&nbsp;", "\\r\\n",
    "\n", " ", "\u3000", "政府工作报告", "2024年", "2024-02-27", "发布时间:", "扫一扫", "人民政府", "亚洲通", "增长6.5%", "名词解释",
    "地区生产总值", "渝北府办发〔2020〕21号", "下一页", "阅读全文",
])
_GENERATED = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_GENERATED
@given(st.binary(max_size=4000), st.sampled_from(["", "text/html", "text/html; charset=gbk", "text/plain"]))
def test_arbitrary_bytes(body: bytes, content_type: str) -> None:
    pure_steps(body, content_type)


@_GENERATED
@given(st.lists(_PIECES | st.text(max_size=30), max_size=300), st.sampled_from(["utf-8", "gb18030", "utf-16"]),
       st.sampled_from(["", "text/html", "text/plain"]))
def test_generated_pages_of_report_and_markup_pieces(pieces: list[str], codec: str, content_type: str) -> None:
    body = "".join(pieces).encode(codec, errors="replace")
    pure_steps(body, content_type)


@_GENERATED
@given(st.lists(_PIECES, min_size=1, max_size=40), st.integers(min_value=1, max_value=400))
def test_generated_long_repetitive_lines(pieces: list[str], repeat: int) -> None:
    # Repetition is where backtracking blows up: the same few pieces tens of thousands of times.
    body = ("".join(pieces) * repeat).encode("utf-8")
    pure_steps(body, "text/plain")


@HANG_GUARD
def test_page_of_tens_of_thousands_of_elements(report: list[str]) -> None:
    # Under the extractors' size limit but far over what gne scores in reasonable time.
    menu = "<div class='menu-wrap'>" + "".join(f"<div class='m'><span><a href='/c{i}'>栏目{i}</a></span></div>"
                                               for i in range(10_000)) + "</div>"
    markup = _html(report, between=menu).replace("</body>", menu + "</body>")
    doc = _one_report(pure_steps(markup.encode("utf-8"), "text/html"), report)
    assert "栏目" not in doc.text


@pytest.mark.parametrize("junk", ["a" * 1_000_000, "〔" * 500_000 + "[1" * 250_000, "iVBORw0KGgo" * 100_000])
def test_junk_million_character_line_does_not_cost_the_report(report: list[str], junk: str) -> None:
    body = "\n".join([report[0], junk, *report[1:]]).encode("utf-8")
    doc = _one_report(pure_steps(body, "text/plain"), report)
    assert doc.quality["junk_chars_removed"] >= 0.99 * len(junk)
    assert len(doc.text) < 2 * sum(map(len, report))


@HANG_GUARD
@pytest.mark.parametrize("line", ["增长" * 15, "地区生产总值增长6.5%左右,一般公共预算收入增长", "一、" + "发展" * 14])
def test_many_lines_of_page_width_without_sentence_ends(line: str) -> None:
    # A hard-wrapped page (PDF copy) is joined into paragraphs in one pass, however many lines it has
    # (up to the page text limit of clean: 150,000 lines of 30 characters).
    body = "\n".join([line] * 150_000).encode("utf-8")
    assert isinstance(pure_steps(body, "text/plain"), (list, StepError))


@HANG_GUARD
def test_report_printed_at_page_width_many_times_over(report: list[str]) -> None:
    printed = [paragraph[i:i + 30] for paragraph in report for i in range(0, len(paragraph), 30)]
    body = "\n".join(printed * 20).encode("utf-8")
    outcome = pure_steps(body, "text/plain")
    assert isinstance(outcome, (list, StepError))
    if isinstance(outcome, list):
        assert outcome and outcome[0].quality["wrapped_lines_joined"] > 5_000
