"""split_documents on the real seeds: aggregator pages, a portal report, a glossary, a plan notice."""

from __future__ import annotations

import re

import pytest

from pipeline.clean import CleanPage, clean_page
from pipeline.split import content_hash, split_documents, unglue_titles

AGG_2021 = "000_1942fa47ad5fe32d.txt"
BILISHAN = "001_bcbca230d9bf0c3f.txt"
AGG_2022 = "002_88e7c62cb5127eba.txt"
GAOPING = "003_0e148f91ba2d8798.txt"
YUBEI_PLAN = "004_ca4af411ed0e9611.txt"


def _split(text: str):
    return split_documents(clean_page(text, is_html=False))


def _entry_titles(raw: str) -> list[str]:
    """Titles as the aggregator lists them, read independently of the splitter."""
    titles = []
    for line in raw.splitlines():
        line = re.sub(r"^[\s•\-]*(【[^】]*】)?", "", line).strip()
        if 0 < len(line) < 40 and "工作报告" in line:
            titles.append(line)
    return titles


@pytest.mark.parametrize("seed", [AGG_2021, AGG_2022])
def test_aggregator_page_becomes_ten_reports(seed_texts: dict[str, str], seed: str) -> None:
    docs = _split(seed_texts[seed])
    expected = _entry_titles(seed_texts[seed])
    assert len(expected) == 10
    assert [d.title for d in docs] == expected
    assert len({d.content_hash for d in docs}) == 10
    for doc in docs:
        assert doc.text.count("各位代表") >= 1, doc.title
        assert len(doc.text) > 10_000, doc.title
        assert "aggregator_entry" in doc.quality["flags"]
        assert re.fullmatch(r"2025-07-0\d", doc.published_date or "")


def test_aggregator_entries_do_not_swallow_site_chrome(seed_texts: dict[str, str]) -> None:
    docs = _split(seed_texts[AGG_2021])
    last = docs[-1]
    assert last.title == "2021年南岸区政府工作报告"
    assert "产业园区网" not in last.text
    assert "投稿" not in last.text
    assert last.text.rstrip().endswith("以优异成绩向建党100周年献礼。")
    # Each entry holds its own report, not its neighbour's.
    assert docs[0].text.startswith("2021年3月10日在重庆市渝北区")
    assert "巫山" not in docs[0].text[:500]


def test_aggregator_title_glued_to_text_is_removed(seed_texts: dict[str, str]) -> None:
    docs = {d.title: d for d in _split(seed_texts[AGG_2022])}
    xianyang = docs["2022年咸阳市政府工作报告"]
    assert xianyang.text.startswith("2022年3月28日在咸阳市第九届人民代表大会")
    assert "title_repeated_in_text" in xianyang.quality["flags"]
    # 厦门 is filed as 2022 but carries the 2019 text: split must not "fix" that, metadata flags it.
    assert docs["2022年厦门市政府工作报告"].text.startswith("二〇一九年一月九日")


def test_damaged_title_year_is_flagged(seed_texts: dict[str, str]) -> None:
    docs = {d.title: d for d in _split(seed_texts[AGG_2021])}
    assert "title_year_damaged" in docs["201年合川区政府工作报告"].quality["flags"]
    assert "title_year_damaged" not in docs["2021年忠县政府工作报告"].quality["flags"]


def test_portal_report_is_one_document(seed_texts: dict[str, str]) -> None:
    docs = _split(seed_texts[BILISHAN])
    assert len(docs) == 1
    doc = docs[0]
    assert doc.title == "重庆市璧山区政府工作报告(2024年)"
    assert doc.published_date == "2024-02-27"
    assert doc.text.startswith("——202423日在重庆市璧山区第十八届人民代表大会第四次会议上")
    assert doc.text.endswith("奋力谱写中国式现代化璧山新篇章!")
    for chrome in ("扫一扫", "国务院部门网站", "区(县)政府网站", "您当前的位置"):
        assert chrome not in doc.text
    assert doc.quality["paragraphs"] == len(doc.text.splitlines())
    assert doc.quality["chars"] == len(doc.text)


def test_glossary_is_separated_from_body(seed_texts: dict[str, str]) -> None:
    raw = seed_texts[GAOPING]
    docs = _split(raw)
    assert len(docs) == 1
    doc = docs[0]
    numbered = re.findall(r"^\d+\.", raw, flags=re.M)
    assert len(doc.glossary) == len(numbered) == 37
    terms = [item["term"] for item in doc.glossary]
    assert terms[1] == "智改数转"
    assert doc.glossary[1]["definition"] == "智能化改造和数字化转型。"
    assert "枫桥经验" in terms and "五种不良作风" in terms
    assert "名词解释" not in doc.text
    assert "智能化改造和数字化转型" not in doc.text
    assert "〔" not in doc.text and "亚洲通" not in doc.text
    assert doc.quality["footnotes_removed"] == 37
    assert "glossary" in doc.quality["flags"]


def test_plan_inside_notice_is_one_document_titled_by_the_plan(seed_texts: dict[str, str]) -> None:
    docs = _split(seed_texts[YUBEI_PLAN])
    assert len(docs) == 1
    assert docs[0].title == "渝北区2020年经济社会发展计划"
    assert "二、预期目标" in docs[0].text.splitlines()
    assert "三、重点任务和措施" in docs[0].text.splitlines()


def test_numbered_plan_heading_is_not_a_report_title() -> None:
    body = "全年地区生产总值增长6%左右,城乡居民收入稳步增长。" * 40
    page = CleanPage(
        title="",
        lines=["关于2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
               "一、2023年国民经济和社会发展计划执行情况", body,
               "二、2024年国民经济和社会发展计划草案", body],
    )
    docs = split_documents(page)
    assert len(docs) == 1
    assert docs[0].text.count("计划草案") == 1


def test_list_page_of_links_yields_no_documents() -> None:
    links = [f"{year}年{region}政府工作报告" for year in (2022, 2023, 2024) for region in ("南岸区", "渝中区", "巫山县")]
    page = clean_page("\n".join(["您当前的位置: 首页 > 政府工作报告", *links, "共 5 页", "下一页"]), is_html=False)
    assert split_documents(page) == []


def test_content_hash_ignores_rewrapping() -> None:
    assert content_hash("各位代表:\n现在, 我代表") == content_hash("各位代表:现在,我代表")
    assert content_hash("增长6%") != content_hash("增长7%")


def test_glossary_found_when_paragraphs_ran_together(seed_texts: dict[str, str]) -> None:
    # Aggregator copies lose line breaks: the whole report, glossary included, on one line.
    lines = seed_texts[GAOPING].splitlines()
    docs = _split(lines[0] + "\n" + "".join(lines[1:]))
    assert len(docs) == 1
    assert len(docs[0].glossary) == 37
    assert docs[0].glossary[-1]["term"] == "五种不良作风"
    assert "名词解释" not in docs[0].text
    assert any(line.startswith("(一)综合施策稳增长") for line in docs[0].text.splitlines())


def test_other_bodies_reports_are_flagged(seed_texts: dict[str, str]) -> None:
    raw = seed_texts[AGG_2022].replace("2022年东丽区政府工作报告\n", "2022年东丽区人民法院工作报告\n", 1)
    docs = {d.title: d for d in _split(raw)}
    assert len(docs) == 10
    assert "other_body_report" in docs["2022年东丽区人民法院工作报告"].quality["flags"]
    assert "other_body_report" not in docs["2022年咸阳市政府工作报告"].quality["flags"]


# --- truncated reports -----------------------------------------------------------------------------


def test_complete_seed_reports_are_not_truncated(seed_texts: dict[str, str]) -> None:
    docs = [doc for text in seed_texts.values() for doc in _split(text)]
    assert len(docs) == 23
    for doc in docs:
        assert "truncated" not in doc.quality["flags"], (doc.title, doc.quality["truncation_reasons"])
        assert doc.quality["truncation_reasons"] == []


def _bilishan_until(seed_texts: dict[str, str], fraction: float) -> str:
    raw = seed_texts[BILISHAN]
    end = raw.index("扫一扫在手机打开当前页")
    return raw[: int(end * fraction)]


def test_report_cut_mid_sentence_is_truncated(seed_texts: dict[str, str]) -> None:
    cut = _bilishan_until(seed_texts, 0.6)
    inside = cut.rindex("。", 0, cut.rindex("。\n"))  # a sentence end inside a paragraph
    cut = cut[: inside + 6]  # a few characters into the next sentence
    docs = _split(cut)
    assert len(docs) == 1
    assert "truncated" in docs[0].quality["flags"]
    assert "ends_mid_sentence" in docs[0].quality["truncation_reasons"]


def test_report_cut_at_a_sentence_end_lacks_its_closing(seed_texts: dict[str, str]) -> None:
    cut = _bilishan_until(seed_texts, 0.6)
    cut = cut[: cut.rindex("。") + 1]
    docs = _split(cut)
    assert docs[0].quality["truncation_reasons"] == ["no_closing"]
    assert "truncated" in docs[0].quality["flags"]


def test_excerpt_with_a_read_more_link_is_truncated(seed_texts: dict[str, str]) -> None:
    from pathlib import Path

    template = (Path(__file__).resolve().parent.parent / "fixtures" / "pages" / "teaser_excerpt_template.html")
    lines = [line for line in seed_texts[YUBEI_PLAN].splitlines() if len(line) > 200][:2]
    excerpt = [lines[0], lines[1][:150] + "……"]
    markup = template.read_text("utf-8").replace("{{TITLE}}", "渝北区2020年经济社会发展计划").replace(
        "{{PARAGRAPHS}}", "".join(f"<p>{p}</p>" for p in excerpt))
    docs = split_documents(clean_page(markup, is_html=True))
    assert len(docs) == 1
    assert set(docs[0].quality["truncation_reasons"]) == {"ends_mid_sentence", "more_link"}


def test_paginated_report_is_truncated(seed_texts: dict[str, str]) -> None:
    raw = seed_texts[YUBEI_PLAN] + "\n共 3 页\n首页\n上一页\n下一页\n尾页\n"
    docs = _split(raw)
    assert len(docs) == 1
    assert "next_page" in docs[0].quality["truncation_reasons"]


# --- titles glued to the report's opening (aggregator copies) -------------------------------------------

_PROSE = "全年新增城镇就业1.2万人,城乡居民收入稳步增长,生态环境持续改善,社会大局和谐稳定。" * 30


@pytest.mark.parametrize(("glued", "title", "rest_start"), [
    ("2017年塔城地区行政公署工作报告——2017年1月5日在塔城地区第八届人民代表大会第二次会议上 塔城地区行署专员 赵六 各位代表:",
     "2017年塔城地区行政公署工作报告", "——2017年1月5日在塔城地区"),
    ("阿拉善盟2012年政府工作报告 2012年2月20日在阿拉善盟第七届人民代表大会第三次会议上 盟长 钱七 各位代表:",
     "阿拉善盟2012年政府工作报告", "2012年2月20日在阿拉善盟"),
    ("关于甘孜州2020年国民经济和社会发展计划执行情况及2021年计划草案的报告(2021年1月28日在州十二届人大六次会议上)",
     "关于甘孜州2020年国民经济和社会发展计划执行情况及2021年计划草案的报告", "(2021年1月28日在州十二届"),
    ("2009年迪庆藏族自治州人民政府工作报告 各位代表:现在,我代表州人民政府,向大会报告工作,请予审议。",
     "2009年迪庆藏族自治州人民政府工作报告", "各位代表:现在"),
])
def test_title_glued_to_the_opening_starts_the_report(glued: str, title: str, rest_start: str) -> None:
    docs = split_documents(CleanPage(title="", lines=["您现在浏览的是:资料库", glued, _PROSE]))
    assert [doc.title for doc in docs] == [title]
    assert docs[0].text.startswith(rest_start)
    assert "untitled" not in docs[0].quality["flags"]


@pytest.mark.parametrize("line", [
    "政府工作报告起草过程中,我们广泛征求各方面意见,共收到建议三百余条,大部分已经吸收并作了修改完善。" * 2,
    "今年是实施规划的关键一年,我们要按照县委的部署和县人民代表大会的要求,扎实做好各项工作,向全县人民交出满意答卷。" * 2,
])
def test_prose_that_starts_with_report_words_is_not_a_glued_title(line: str) -> None:
    assert unglue_titles([line]) == [line]


@pytest.mark.parametrize("first_line", ["《2013年平利县人民政府工作报告》", "镇坪县2015年政府工作报告:"])
def test_untitled_document_takes_a_bracketed_or_colon_title_from_its_opening(first_line: str) -> None:
    docs = split_documents(CleanPage(title="", lines=[first_line, "各位代表:", _PROSE]))
    assert docs[0].title == first_line.strip("《》:")
    assert "title_from_text" in docs[0].quality["flags"] and "untitled" not in docs[0].quality["flags"]
    docs = split_documents(CleanPage(title="", lines=["各位代表:", _PROSE]))
    assert docs[0].title == "" and "untitled" in docs[0].quality["flags"]


@pytest.mark.parametrize("line", [
    "2016年柞水县政府工作报告 2016年01月22日 浏览:88",  # a posting date, not the meeting date
    "柞水县政府工作报告(2016年)",
    "2016年柞水县政府工作报告(全文)",
])
def test_title_lines_with_dates_or_notes_are_not_glued_titles(line: str) -> None:
    assert unglue_titles([line]) == [line]


def _abridged(region: str, day: int, speaker: str) -> list[str]:
    """An aggregator's abridged copy of a county report: title, meeting line, two short sections."""
    return [
        f"{region}2016年政府工作报告",
        f"——2016年2月{day}日在{region}第十六届人民代表大会第一次会议上 县长 {speaker} 各位代表:现在,我代表县人民政府向大会报告工作,请予审议。",
        "一、2015年工作回顾 过去一年,全县生产总值98.4亿元,增长8.7%;一般公共预算收入5.1亿元,增长9.2%;"
        "固定资产投资增长15.3%;社会消费品零售总额增长12.1%;城乡居民收入稳步提高,民生事业全面进步。",
        "二、2016年主要目标 全县经济社会发展的主要预期目标是:生产总值增长8%左右;一般公共预算收入增长8%;"
        "固定资产投资增长14%;社会消费品零售总额增长11.5%;城镇新增就业4500人;居民收入增长与经济增长同步。",
        "各位代表,……让我们团结一心,为全面建成小康社会而努力奋斗!",
    ]


def test_abridged_reports_on_one_page_are_each_a_document() -> None:
    first, second = _abridged("宁远县", 20, "刘明华"), _abridged("蓝山县", 23, "陈国栋")
    page = clean_page("\n".join(["湘南在线 - 县区 - 两县2016年政府工作报告全文", *first, *second,
                                 "(编辑:赵一 责任编辑:钱二)"]), is_html=False)
    docs = split_documents(page)
    assert [doc.title for doc in docs] == [first[0], second[0]]
    assert all(len(doc.text) < 600 for doc in docs)  # below the plain minimum: the meeting line vouches
    assert docs[1].text.endswith("努力奋斗!")
    assert "truncated" not in docs[1].quality["flags"]


def test_title_and_teaser_without_a_meeting_line_stay_below_the_minimum() -> None:
    teaser = "全县生产总值增长8%左右,一般公共预算收入增长8%,民生事业全面进步。" * 8
    page = clean_page("\n".join(["2016年宁远县政府工作报告", teaser, "2016年蓝山县政府工作报告", teaser]), is_html=False)
    assert split_documents(page) == []


def _plan_page(title_lines: list[str], byline: str) -> CleanPage:
    body = ("2020年,全市地区生产总值完成1650.2亿元,增长4.1%;一般公共预算收入102.3亿元,增长3.5%。"
            "2021年主要预期目标:地区生产总值增长7.5%左右,固定资产投资增长9%。") * 8
    return CleanPage(title="", lines=[*title_lines, "——2021年1月20日在德阳市第九届人民代表大会第五次会议上",
                                      byline, "各位代表:",
                                      "受市人民政府委托,现将德阳市2020年国民经济和社会发展",
                                      "计划执行情况及2021年计划草案提请市九届人大五次会议审议,请予审议。",
                                      body, "2021年全市国民经济和社会发展主要指标", "地区生产总值增长 7.5%左右",
                                      "各位代表,让我们齐心协力,确保完成全年计划。"])


def test_plan_title_printed_over_two_lines_starts_one_report() -> None:
    page = _plan_page(["关于德阳市2020年国民经济和社会发展计划执行情况", "及2021年计划草案的报告"], "德阳市发展和改革委员会")
    docs = split_documents(page)
    assert [doc.title for doc in docs] == ["关于德阳市2020年国民经济和社会发展计划执行情况及2021年计划草案的报告"]
    assert docs[0].text.endswith("确保完成全年计划。")  # the table caption is no new report


def test_plan_bylines_and_wrapped_opening_are_not_titles() -> None:
    title = "关于德阳市2020年国民经济和社会发展计划执行情况及2021年计划草案的报告"
    docs = split_documents(_plan_page([title], "德阳市发展计划局局长 王子明"))
    assert [doc.title for doc in docs] == [title]
    assert docs[0].text.startswith("——2021年1月20日")


def test_short_news_story_about_a_session_is_one_document() -> None:
    story = ["区五届人大三次会议开幕 张海鹰作政府工作报告",
             "本报讯 2024年1月16日上午,江宁区第五届人民代表大会第三次会议在区行政中心开幕。应到代表300名,实到288名。",
             "区长张海鹰代表区人民政府作政府工作报告。报告回顾了2023年工作,全区地区生产总值增长6.1%。",
             "报告提出,2024年全区地区生产总值增长6%左右,一般公共预算收入增长5%。会议还审查了计划和预算报告。",
             "报告指出,今年要重点抓好科技创新、产业升级、城乡融合和民生保障等八个方面工作,加快建设现代化强区。"
             "与会代表认真听取报告,认为报告实事求是、目标明确、措施有力。"]
    docs = split_documents(clean_page("\n".join(story), is_html=False))
    assert [doc.title for doc in docs] == [story[0]]
    assert "about_report" in docs[0].quality["flags"]


@pytest.mark.parametrize("lines", [
    # links to reports, no prose
    [f"{year}年{region}政府工作报告" for year in (2019, 2020) for region in ("江宁区", "浦口区", "六合区")],
    # prose about a session that names no report
    ["区五届人大三次会议闭幕", "2024年1月19日,江宁区第五届人民代表大会第三次会议闭幕。会议选举产生了新一届领导班子。"
     "会议表决通过了各项决议,圆满完成各项议程。代表们表示将认真履职。" * 2],
    # prose naming a report but no session
    ["政府工作报告解读", "今年的政府工作报告提出了一系列新举措。专家认为,这些举措务实可行。市民普遍表示期待。" * 3],
])
def test_short_pages_that_are_not_about_a_reports_delivery_yield_nothing(lines: list[str]) -> None:
    assert split_documents(clean_page("\n".join(lines), is_html=False)) == []
