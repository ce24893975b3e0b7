"""html_to_text and clean_page on portal-template HTML built around real seed paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.clean import clean_page
from pipeline.html_text import html_to_text
from pipeline.split import split_documents

PLAN = "004_ca4af411ed0e9611.txt"


@pytest.fixture
def plan_paragraphs(seed_texts: dict[str, str]) -> list[str]:
    return [line for line in seed_texts[PLAN].splitlines() if len(line) > 1000][:4]


def _template(paragraphs: list[str], declaration: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"{declaration}<html><head><title>渝北区2020年经济社会发展计划-重庆市渝北区人民政府</title>"
        '<meta name="ArticleTitle" content="渝北区2020年经济社会发展计划">'
        '<meta name="PubDate" content="2020-07-14 16:30">'
        "</head><body>"
        '<div class="top-nav"><ul><li>首页</li><li>政务公开</li><li>政府工作报告</li></ul></div>'
        '<div id="dqwz">当前位置：<a>首页</a> &gt; <a>其他公文</a></div>'
        '<div class="article"><div class="article-head"><h1>渝北区2020年经济社会发展计划</h1></div>'
        f'<div class="content">{body}</div>'
        '<div class="bdsharebuttonbox"><a>微信</a><a>微博</a></div></div>'
        '<div id="footer"><p>主办：重庆市渝北区人民政府办公室</p><p>渝公网安备 50011202500000号</p></div>'
        "</body></html>"
    )


def test_template_chrome_dropped_by_class_and_meta_read(plan_paragraphs: list[str]) -> None:
    result = html_to_text(_template(plan_paragraphs))
    lines = [line.strip() for line in result.lines if line.strip()]
    assert result.title == "渝北区2020年经济社会发展计划"
    assert result.published == "2020-07-14 16:30"
    assert lines == ["渝北区2020年经济社会发展计划", *plan_paragraphs]


def test_xml_declared_page_parses(plan_paragraphs: list[str]) -> None:
    markup = _template(plan_paragraphs, declaration='<?xml version="1.0" encoding="gb2312"?>')
    page = clean_page(markup, is_html=True)
    assert page.published_date == "2020-07-14"
    docs = split_documents(page)
    assert [d.title for d in docs] == ["渝北区2020年经济社会发展计划"]
    assert docs[0].text.splitlines() == plan_paragraphs


def test_content_block_is_never_dropped_for_its_class(plan_paragraphs: list[str]) -> None:
    # Some templates wrap the whole article in a block named like chrome ("main-links").
    markup = f"<html><body><div class='main-links'>{''.join(f'<p>{p}</p>' for p in plan_paragraphs)}</div></body></html>"
    lines = [line.strip() for line in html_to_text(markup).lines if line.strip()]
    assert lines == plan_paragraphs


def test_article_wrapped_in_a_form_is_kept_and_its_controls_dropped(plan_paragraphs: list[str]) -> None:
    # VSB (博达) and ASP.NET templates put the whole article inside one <form>.
    body = "".join(f"<p>{p}</p>" for p in plan_paragraphs)
    markup = (f"<html><body><form name='_newscontent_fromname'><div class='v_news_content'>{body}</div>"
              "<select><option>相关链接</option></select><button>提交</button><textarea>留言</textarea></form>"
              "</body></html>")
    lines = [line.strip() for line in html_to_text(markup).lines if line.strip()]
    assert lines == plan_paragraphs


def test_unparseable_markup_falls_back_to_tag_stripping() -> None:
    result = html_to_text("<!-- only a comment -->")
    assert result.title == ""
    assert "".join(result.lines).strip() == ""


def test_markup_nested_beyond_the_parser_limit_keeps_its_text(plan_paragraphs: list[str]) -> None:
    # libxml2 stops at its depth limit without raising: everything after would be silently lost.
    depth = 10_000
    markup = ("<html><head><title>渝北区2020年经济社会发展计划_渝北区人民政府</title><script>var a='<div>';</script>"
              "</head><body>" + "<div>" * depth + f"<p>{plan_paragraphs[0]}</p>" + "</div>" * depth
              + f"<p>{plan_paragraphs[1]}</p><!-- 注释 --></body></html>")
    result = html_to_text(markup)
    assert not result.parsed
    lines = [line.strip() for line in result.lines if line.strip()]
    assert lines == plan_paragraphs[:2]
    assert result.title == "渝北区2020年经济社会发展计划"


def test_script_only_shell_has_no_text() -> None:
    shell = (Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "script_shell.html").read_text("utf-8")
    result = html_to_text(shell)
    assert [line for line in result.lines if line.strip()] == []
    page = clean_page(shell, is_html=True)
    assert split_documents(page) == []


def test_chrome_characters_are_counted(plan_paragraphs: list[str]) -> None:
    result = html_to_text(_template(plan_paragraphs))
    # top-nav, 当前位置 block, share bar and footer: visible text dropped by class/id.
    dropped = "首页政务公开政府工作报告" + "当前位置：首页 > 其他公文" + "微信微博" + "主办：重庆市渝北区人民政府办公室渝公网安备 50011202500000号"
    assert result.chrome_chars == len(dropped)


def test_unclosed_blocks_and_stray_brackets_are_read_linearly() -> None:
    # Many "<" without ">" and an unclosed <script>: the fallback must neither hang nor keep script text.
    from pipeline.html_text import strip_markup

    text = "<p>各位代表:</p>" + "<" * 200_000 + "<p>现在,我代表区人民政府向大会报告工作。</p><script>var x = '隐藏';"
    result = strip_markup(text)
    joined = "".join(result.lines)
    assert "各位代表:" in joined and "现在,我代表区人民政府向大会报告工作。" in joined
    assert "隐藏" not in joined


def test_table_layout_page_keeps_its_report(plan_paragraphs: list[str]) -> None:
    # 2000s portals lay the whole page out in tables, menus included: the link-list rule must not take
    # the table that also holds the report.
    menu = "".join(f"<tr><td><a href='/c{i}'>栏目{i}</a></td></tr>" for i in range(30))
    markup = (f"<html><body><table><tr><td><table>{menu}</table></td><td><table><tr><td>"
              + "<br>".join(plan_paragraphs) + "</td></tr></table></td></tr></table></body></html>")
    lines = [line.strip() for line in html_to_text(markup).lines if line.strip()]
    assert lines[-len(plan_paragraphs):] == plan_paragraphs
    assert not any(line.startswith("栏目") for line in lines)


def test_link_lists_are_dropped_as_chrome(plan_paragraphs: list[str]) -> None:
    related = "".join(f"<li><a href='/a{i}'>关于做好第{i}批重点项目建设工作的通知</a><span>2020-07-0{i % 9 + 1}</span></li>"
                      for i in range(12))
    markup = f"<html><body>{''.join(f'<p>{p}</p>' for p in plan_paragraphs)}<ul>{related}</ul></body></html>"
    result = html_to_text(markup)
    assert [line.strip() for line in result.lines if line.strip()] == plan_paragraphs
    assert result.chrome_chars > 12 * len("关于做好第1批重点项目建设工作的通知")
