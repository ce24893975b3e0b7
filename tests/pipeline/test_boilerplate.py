"""Density extractors (gne, readability) cross-checked against the rule reading, on portal templates
built around a real report (seed 001) and on hand-made candidate regions."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.boilerplate import choose_content, extractor_candidates, is_report_prose
from pipeline.characters import normalise
from pipeline.clean import clean_page
from pipeline.split import split_documents

PAGES = Path(__file__).resolve().parent.parent / "fixtures" / "pages"
BILISHAN = "001_bcbca230d9bf0c3f.txt"
TITLE = "重庆市璧山区政府工作报告(2024年)"
SIDEBAR_CHROME = ("热点新闻", "县人民医院新院区正式投入使用", "相关文章", "我县召开2024年优化营商环境工作推进会",
                  "网站首页", "政务服务", "一图读懂我县促进民营经济发展若干措施", "欢迎访问")


@pytest.fixture
def report_lines(seed_texts: dict[str, str]) -> list[str]:
    """The report body of seed 001: from its meeting line to its closing paragraph."""
    lines = [line for line in seed_texts[BILISHAN].splitlines() if line.strip()]
    start = next(i for i, line in enumerate(lines) if line.startswith("——2024"))
    end = next(i for i, line in enumerate(lines) if line.startswith("各位代表!风正时济"))
    return lines[start:end + 1]


def _page(paragraphs_html: str) -> str:
    template = (PAGES / "portal_sidebar_template.html").read_text(encoding="utf-8")
    return template.replace("{{TITLE}}", TITLE).replace("{{PARAGRAPHS}}", paragraphs_html)


def _paragraphs(lines: list[str]) -> str:
    return "\n".join(f"<p>\u3000\u3000{line}</p>" for line in lines)


def test_gne_works_with_this_lxml_and_names_the_article(report_lines: list[str]) -> None:
    candidates = extractor_candidates(_page(_paragraphs(report_lines)))
    assert set(candidates) == {"gne", "readability"}
    for name, lines in candidates.items():
        text = "".join(lines)
        assert "热点新闻" not in text, name
        assert report_lines[-1] in normalise(text), name


def test_sidebar_and_related_lists_are_trimmed_without_losing_paragraphs(report_lines: list[str]) -> None:
    page = clean_page(_page(_paragraphs(report_lines)), is_html=True)
    assert page.content_source in {"gne", "readability"}
    text = "\n".join(page.lines)
    for chrome in SIDEBAR_CHROME:
        assert chrome not in text, chrome
    kept = [line for line in page.lines if line in {normalise(r) for r in report_lines}]
    assert kept == [normalise(line) for line in report_lines]  # all of them, in order
    assert page.stats["chrome_chars_removed"] >= sum(len(c) for c in SIDEBAR_CHROME)
    assert page.published_date == "2024-02-27"
    docs = split_documents(page)
    assert [doc.title for doc in docs] == [TITLE]
    assert docs[0].text.endswith("奋力谱写中国式现代化璧山新篇章!")
    assert docs[0].quality["content_source"] == page.content_source


def test_report_split_over_sibling_blocks_is_kept_whole(report_lines: list[str]) -> None:
    half = len(report_lines) // 2
    markup = _page(_paragraphs(report_lines[:half]) + '</div><div class="adbox"><a href="/ad">智慧城市博览会</a>'
                   '</div><div class="art-body">' + _paragraphs(report_lines[half:]))
    page = clean_page(markup, is_html=True)
    assert [line for line in page.lines if line in {normalise(r) for r in report_lines}] == [
        normalise(line) for line in report_lines]


def _rule_lines(report: list[str]) -> list[str]:
    return ["网站首页", "政务公开", TITLE, "发布时间:2024-02-27", *report, "相关文章", "县领导带队督导检查安全生产工作"]


def test_region_is_widened_to_the_title_and_meeting_line(report_lines: list[str]) -> None:
    rules = _rule_lines(report_lines)
    choice = choose_content(rules, {"gne": report_lines[3:]})  # the extractor missed the opening lines
    assert choice.source == "gne"
    assert choice.lines[0] == TITLE
    assert choice.lines[-1] == report_lines[-1]
    assert choice.trimmed_chars == len("网站首页政务公开相关文章县领导带队督导检查安全生产工作")


def test_a_candidate_holding_only_part_of_the_report_is_rejected(report_lines: list[str]) -> None:
    rules = _rule_lines(report_lines)
    half = len(report_lines) // 2
    choice = choose_content(rules, {"gne": report_lines[:half], "readability": report_lines[half:]})
    assert choice.source == "rules"
    assert choice.lines == rules
    assert choice.trimmed_chars == 0


def test_tightest_acceptable_candidate_wins(report_lines: list[str]) -> None:
    rules = _rule_lines(report_lines)
    loose = rules[1:]  # keeps the 政务公开 menu line
    choice = choose_content(rules, {"readability": loose, "gne": report_lines})
    assert choice.source == "gne"
    assert "政务公开" not in choice.lines


def test_no_candidates_means_rules() -> None:
    choice = choose_content(["a", "b"], {})
    assert (choice.source, choice.lines, choice.trimmed_chars) == ("rules", ["a", "b"], 0)


def test_report_prose_versus_site_text() -> None:
    assert is_report_prose("全年地区生产总值增长6%左右,一般公共预算收入增长5%,城镇调查失业率控制在5.5%以内。")
    assert not is_report_prose("县领导带队督导检查安全生产工作")
    assert not is_report_prose("本网站所刊登的各种新闻、信息和各种专题专栏资料,均为某某县人民政府版权所有,未经协议授权禁止下载使用。")


def test_extractors_are_skipped_on_pages_they_cannot_handle_safely() -> None:
    deep = "<html><body>" + "<div>" * 300 + "<p>正文</p>" + "</div>" * 300 + "</body></html>"
    assert extractor_candidates(deep) == {}
    assert extractor_candidates("<html><head><title>t</title></head></html>") == {}
