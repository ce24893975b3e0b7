"""clean_page on the real seeds and on an HTML page built from seed text with portal chrome."""

from __future__ import annotations

import json

import pytest

from pipeline.characters import normalise
from pipeline.clean import clean_page, page_title

BILISHAN = "001_bcbca230d9bf0c3f.txt"
GAOPING = "003_0e148f91ba2d8798.txt"
YUBEI_PLAN = "004_ca4af411ed0e9611.txt"
AGG_2021 = "000_1942fa47ad5fe32d.txt"


def _joined(lines: list[str]) -> str:
    return "\n".join(lines)


def test_portal_chrome_is_removed(seed_texts: dict[str, str]) -> None:
    page = clean_page(seed_texts[BILISHAN], is_html=False)
    text = _joined(page.lines)
    assert "扫一扫" not in text
    assert "您当前的位置" not in text
    assert not any(line.startswith("日期") for line in page.lines)
    assert page.published_date == "2024-02-27"
    assert page.stats["chrome_lines_removed"] >= 3
    # Report text survives, including numbered headings and the lost-digit date line (for metadata).
    assert "一、2023年工作回顾" in page.lines
    assert any(line.startswith("——202423日在重庆市璧山区") for line in page.lines)


def test_breadcrumb_and_font_bar_removed(seed_texts: dict[str, str]) -> None:
    page = clean_page(seed_texts[YUBEI_PLAN], is_html=False)
    assert not any("您的位置" in line or line.startswith("字体") for line in page.lines)
    # 〔2020〕-style document numbers are not footnotes.
    assert any(line.startswith("渝北府办发〔2020") for line in page.lines)


def test_footnote_markers_removed_but_list_numbering_kept(seed_texts: dict[str, str]) -> None:
    raw = seed_texts[GAOPING]
    assert "〔15〕" in raw
    page = clean_page(raw, is_html=False)
    text = _joined(page.lines)
    assert "〔" not in text
    assert page.stats["footnotes_removed"] == raw.count("〔") - 0
    assert "深入践行“人城产”理念,进一步强化园区承载能力" in text
    assert any(line.startswith("(一)坚定不移抓产业、兴实体") for line in page.lines)


def test_injected_token_removed(seed_texts: dict[str, str]) -> None:
    page = clean_page(seed_texts[GAOPING], is_html=False)
    assert "亚洲通" not in _joined(page.lines)
    assert page.stats["injected_removed"] == seed_texts[GAOPING].count("亚洲通")


def test_run_together_report_is_split_at_section_headings(seed_texts: dict[str, str]) -> None:
    page = clean_page(seed_texts[AGG_2021], is_html=False)
    assert page.stats["paragraphs_repaired"] > 50
    # The 渝北 report's second part runs on after "…意见。 一、"; it must start its own line now.
    assert any(line.startswith("一、“十三五”时期及2020年工作回顾") for line in page.lines)
    assert any(line.startswith("(八)着力保持社会安定有序") for line in page.lines)
    # Aggregator posting dates stay as lines: split needs them to close each entry.
    assert page.lines.count("2025-07-08") == 10
    assert "点我投稿" not in _joined(page.lines)
    assert "400-162-2002" not in page.lines


def test_circled_numbers_footnote_versus_list() -> None:
    page = clean_page("推进“放管服”改革①,取得成效。②加强基层治理。", is_html=False)
    assert page.lines == ["推进“放管服”改革,取得成效。②加强基层治理。"]


def test_full_width_text_is_normalised() -> None:
    page = clean_page("（一）地区生产总值增长６．５％，达到１２３４亿元。", is_html=False)
    assert page.lines == ["(一)地区生产总值增长6.5%,达到1234亿元。"]


def test_html_page_with_chrome(seed_texts: dict[str, str]) -> None:
    paragraphs = [line for line in seed_texts[BILISHAN].splitlines() if len(line) > 300][:3]
    markup = (
        "<html><head><title>重庆市璧山区政府工作报告(2024年)_重庆市璧山区人民政府</title>"
        "<script>var x = '扫一扫';</script><style>p{color:red}</style></head><body>"
        "<header><a href='/'>首页</a> 网站导航</header>"
        "<nav>政务公开 | 政府信息公开</nav>"
        "<div class='crumb'>您当前的位置：首页 &gt; 政务公开 &gt; 政府工作报告</div>"
        "<h1>重庆市璧山区政府工作报告（2024年）</h1>"
        "<div class='info'>发布时间：2024年02月27日　来源：区政府办</div>"
        "<div class='bar'>【字体：大 中 小】</div>"
        + "".join(f"<p>　　{p}</p>" for p in paragraphs)
        + "<div>扫一扫在手机打开当前页</div><div>【打印】 【关闭】</div>"
        "<footer>版权所有：重庆市璧山区人民政府 网站标识码：5001200001 渝ICP备05003300号</footer>"
        "</body></html>"
    )
    page = clean_page(markup, is_html=True)
    assert page.title == "重庆市璧山区政府工作报告(2024年)"
    assert page.published_date == "2024-02-27"
    assert page.lines[1:] == paragraphs
    text = _joined(page.lines)
    for chrome in ("扫一扫", "您当前的位置", "打印", "网站标识码", "字体", "var x", "color:red", "网站导航"):
        assert chrome not in text, chrome


# --- character repair, literal escapes, paragraphs, footnotes -----------------------------------------


def test_zero_width_and_control_characters_are_removed_not_spaced() -> None:
    page = clean_page("各位代表:\n人民\u200b政府\u200d工作\x07报告\ufeff,\u00ad增长\x1b6.5%。", is_html=False)
    assert page.lines == ["各位代表:", "人民政府工作报告,增长6.5%。"]
    assert page.stats["invisible_chars_removed"] == 6


def test_decoding_replacement_marks_are_removed_and_counted() -> None:
    page = clean_page("地区生产总值增长6.5%\ufffd。", is_html=False)
    assert page.lines == ["地区生产总值增长6.5%。"]
    assert page.stats["replacement_chars"] == 1


def test_literal_crlf_escapes_become_line_breaks() -> None:
    page = clean_page(r"各位代表:\r\n\r\n现在,我代表区人民政府向大会报告工作。\n一、2023年工作回顾", is_html=False)
    assert page.lines == ["各位代表:", "现在,我代表区人民政府向大会报告工作。", "一、2023年工作回顾"]


def test_literal_entities_in_text_copies_are_resolved() -> None:
    page = clean_page("&nbsp;&nbsp;&ldquo;十四五&rdquo;规划&#8220;开局&#8221;之年", is_html=False)
    assert page.lines == ["“十四五”规划“开局”之年"]


@pytest.mark.parametrize(
    ("run_together", "expected"),
    [
        ("全面完成目标任务。1.加快产业发展。推进项目建设。2.强化创新驱动。",
         ["全面完成目标任务。", "1.加快产业发展。推进项目建设。", "2.强化创新驱动。"]),
        ("坚持以下原则。第一,坚持稳中求进。第二,坚持改革创新。",
         ["坚持以下原则。", "第一,坚持稳中求进。", "第二,坚持改革创新。"]),
        ("较好完成全年目标任务。——承压前行、克难奋进。——产业为本、工业当家。",
         ["较好完成全年目标任务。", "——承压前行、克难奋进。", "——产业为本、工业当家。"]),
        # A decimal after a sentence end is not a heading; 1.5 stays whole.
        ("全年完成投资。1.5亿元用于民生项目建设,惠及群众。", ["全年完成投资。1.5亿元用于民生项目建设,惠及群众。"]),
    ],
)
def test_run_together_paragraphs_rebuilt_at_headings(run_together: str, expected: list[str]) -> None:
    assert clean_page(run_together, is_html=False).lines == expected


def test_paragraph_longer_than_any_report_paragraph_is_cut_at_sentence_ends() -> None:
    from pipeline.paragraphs import MAX_PARAGRAPH_CHARS

    sentence = "全区地区生产总值增长百分之六左右,一般公共预算收入稳步增长,城乡居民收入与经济增长基本同步。"
    line = sentence * 400
    page = clean_page(line, is_html=False)
    assert "".join(page.lines) == line
    assert all(len(part) <= MAX_PARAGRAPH_CHARS for part in page.lines)
    assert all(part.endswith("。") for part in page.lines)


@pytest.mark.parametrize(
    ("marked", "clean"),
    [
        ("全面实施“1336”战略部署［1］,全力以赴拼经济。", "全面实施“1336”战略部署,全力以赴拼经济。"),
        ("培育“专精特新”★企业20家。", "培育“专精特新”企业20家。"),
        ("推进“两重”[3]“两新”[4]工作。", "推进“两重”“两新”工作。"),
        ("落实“放管服”改革²。", "落实“放管服”改革。"),
    ],
)
def test_footnote_marker_forms(marked: str, clean: str) -> None:
    page = clean_page(marked, is_html=False)
    assert page.lines == [clean]
    assert page.stats["footnotes_removed"] >= 1


def test_document_numbers_are_not_footnotes() -> None:
    page = clean_page("渝北府办发〔2020〕21号 国发〔2024〕7号 川府发[2023]12号", is_html=False)
    assert page.lines == ["渝北府办发〔2020〕21号 国发〔2024〕7号 川府发[2023]12号"]
    assert page.stats["footnotes_removed"] == 0


@pytest.mark.parametrize(
    "chrome",
    ["您当前的位置:首页 > 政务公开 > 政府工作报告", "扫一扫在手机打开当前页", "【字号:大 中 小】", "分享到:微信 微博",
     "版权所有:某某县人民政府办公室", "上一篇:关于召开全县安全生产工作会议的通知", "共 53 页", "有想补充的信息?点我投稿"],
)
def test_text_copy_chrome_lines(chrome: str) -> None:
    page = clean_page(f"{chrome}\n各位代表:现在,我代表县人民政府向大会报告工作,请予审议。", is_html=False)
    assert page.lines == ["各位代表:现在,我代表县人民政府向大会报告工作,请予审议。"]
    assert page.stats["chrome_chars_removed"] == len(normalise(chrome))


# --- leftover chrome of text copies, titles, JSON-wrapped articles --------------------------------------

_OPENING = "各位代表:现在,我代表县人民政府向大会报告工作,请予审议。"


@pytest.mark.parametrize("chrome", [
    "【字号:大 中 小】【打印本页】【关闭窗口】",
    "[ 字体:大 中 小 ] [ 打印 ] [ 关闭 ]",
    "收藏 | 纠错 | 分享",
    "作者:管理员 点击数:2036 更新时间:2013-02-19",
    "信息来源:县发展和改革局 发布时间:2017-01-11",
    "文章来源:本站原创 浏览次数:312",
    "阅读(921)",
    "2014-03-02 浏览量:1,208",
    "撰稿:李某 审核:王某",
])
def test_info_bars_and_toolbars_are_chrome(chrome: str) -> None:
    page = clean_page(f"{chrome}\n{_OPENING}", is_html=False)
    assert page.lines == [_OPENING]


@pytest.mark.parametrize("report_line", [
    "建立健全容错纠错机制", "小结", "(二)加快建设现代化产业体系", "全年接待游客访问1200万人次,增长8%。",
])
def test_report_lines_resembling_toolbar_words_stay(report_line: str) -> None:
    assert clean_page(f"{_OPENING}\n{report_line}", is_html=False).lines == [_OPENING, report_line]


@pytest.mark.parametrize(("title", "cleaned"), [
    ("首页 > 政务公开 > 政府工作报告 > 2016年汉阴县政府工作报告", "2016年汉阴县政府工作报告"),
    ("当前位置:网站首页 » 规划计划 » 2012年宁陕县人民政府工作报告", "2012年宁陕县人民政府工作报告"),
    ("【字体:大 中 小】", ""),
    ("2019年石泉县政府工作报告", "2019年石泉县政府工作报告"),
])
def test_page_titles_lose_breadcrumbs_and_toolbars(title: str, cleaned: str) -> None:
    assert page_title(title) == cleaned


def test_breadcrumb_line_keeps_the_report_title_it_ends_with() -> None:
    page = clean_page(f"您现在的位置:首页 > 规划计划 > 2018年紫阳县政府工作报告\n{_OPENING}", is_html=False)
    assert page.lines == ["2018年紫阳县政府工作报告", _OPENING]
    # A section name at the end of the trail is no title.
    page = clean_page(f"您现在的位置:首页 > 政务公开 > 政府工作报告\n{_OPENING}", is_html=False)
    assert page.lines == [_OPENING]


_ARTICLE = ("各位代表:\n现在,我代表市人民政府,向大会报告工作,请予审议,并请市政协委员和其他列席人员提出意见。\n"
            "一、2019年工作回顾\n过去一年,全市地区生产总值增长6.8%。")


@pytest.mark.parametrize("wrap", [
    lambda article: json.dumps({"title": "2020年商洛市政府工作报告", "content": article}, ensure_ascii=False),
    lambda article: json.dumps({"code": 200, "msg": "ok", "data": {"info": {
        "Title": "2020年商洛市政府工作报告", "Content": article, "Summary": "政府工作报告"}},
        "related": [{"title": "其他", "content": "短"}]}),
    lambda article: "jQuery1830({});".format(json.dumps({"docTitle": "2020年商洛市政府工作报告", "txt": article})),
    lambda article: json.dumps({"title": "2020年商洛市政府工作报告",
                                "contentHtml": "".join(f"<p>{line}</p>" for line in article.split("\n"))}),
])
def test_article_served_as_json_is_read_from_its_content(wrap) -> None:  # type: ignore[no-untyped-def]
    for is_html in (False, True):
        page = clean_page(wrap(_ARTICLE), is_html=is_html)
        assert page.title == "2020年商洛市政府工作报告"
        assert page.lines == _ARTICLE.split("\n")
        assert page.stats["json_unwrapped"] == 1


def test_text_that_only_looks_like_json_is_read_as_text() -> None:
    page = clean_page('{"title": 1, "content": "短"}\n' + _OPENING, is_html=False)
    assert page.lines[-1] == _OPENING and "json_unwrapped" not in page.stats


@pytest.mark.parametrize("line", [
    "2016年镇安县政府工作报告 2016-01-20 来源:镇安县人民政府 浏览次数:388 收藏 | 纠错",
    "2016年镇安县政府工作报告 发布时间:2016年1月20日 【字体:大 中 小】",
    "2016年镇安县政府工作报告 作者:县政府办 阅读(77)",
])
def test_title_run_into_the_info_bar_keeps_the_title(line: str) -> None:
    page = clean_page(f"{line}\n{_OPENING}", is_html=False)
    assert page.lines == ["2016年镇安县政府工作报告", _OPENING]


def test_letter_spaced_heading_and_greeting_are_squeezed() -> None:
    from pipeline.split import split_documents
    body = "去年全市地区生产总值完成812.6亿元,增长7.9%;今年主要预期目标是地区生产总值增长7%左右。" * 12
    page = clean_page("\n".join(["工 作 报 告", "——1998年2月16日在邵武市第十一届人民代表大会第二次会议上",
                                 "市长  何建新", "各　位　代　表：", body]), is_html=False)
    assert page.lines[0] == "工作报告"
    assert "各位代表:" in page.lines
    docs = split_documents(page)
    assert [doc.title for doc in docs] == ["工作报告"]


@pytest.mark.parametrize("line", ["县长 张 伟", "市长  王 建 国", "【字号: 大 中 小】", "2 0 2 3 年"])
def test_short_spaced_runs_and_wide_gaps_are_kept(line: str) -> None:
    from pipeline.characters import squeeze_spaced_cjk
    assert squeeze_spaced_cjk(line) == line


def test_spaced_squeeze_is_linear_on_a_huge_spaced_line() -> None:
    from pipeline.characters import squeeze_spaced_cjk
    line = "增 长 " * 200_000 + "x"
    assert squeeze_spaced_cjk(line) == "增长" * 200_000 + " x"
