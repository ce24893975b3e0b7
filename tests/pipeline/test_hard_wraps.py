"""PDF/OCR copies with lines broken at the page width: paragraphs rebuilt, headings and header lines kept.

Pages are made by printing a composed report at a fixed width (Chinese characters 1, ASCII 1/2, as a PDF
lays them out), with page numbers and a running header between pages, and by re-wrapping seed 001.
"""

from __future__ import annotations

import re

import pytest

from pipeline.clean import clean_page
from pipeline.extract import extract_metadata
from pipeline.hard_wraps import join_hard_wraps, page_width, width
from pipeline.split import split_documents

BILISHAN = "001_bcbca230d9bf0c3f.txt"

# A county report as its paragraphs read (invented figures); each string is one paragraph.
REPORT = [
    "2017年汉阴县人民政府工作报告",
    "——2017年1月6日在汉阴县第十八届人民代表大会第一次会议上",
    "县长 刘明",
    "各位代表:",
    "现在,我代表县人民政府,向大会报告工作,请予审议,并请县政协委员和其他列席人员提出意见。",
    "一、2016年工作回顾",
    "过去一年,面对经济下行压力加大的严峻形势,我们坚持稳中求进工作总基调,全县经济社会保持平稳健康发展。全县生产总值完成"
    "82.6亿元,增长9.1%;一般公共预算收入完成3.05亿元,增长8.7%;城镇、农村居民人均可支配收入分别达到24510元和8863元,"
    "分别增长8.2%和9.5%。",
    "(一)产业转型步伐加快。新建现代农业园区12个,富硒产业产值突破60亿元;工业集中区新入驻企业15户,规模以上工业增加值增长"
    "11.2%;全域旅游加快发展,接待游客320万人次。",
    "二、2017年工作安排",
    "今年经济社会发展的主要预期目标是:生产总值增长8.5%左右;一般公共预算收入增长8%;全社会固定资产投资增长15%;城镇居民"
    "人均可支配收入增长8.5%,农村居民人均可支配收入增长9%以上;城镇登记失业率控制在4.5%以内。",
    "1.着力抓好项目建设。全年实施重点项目100个,完成投资150亿元以上,力争引进市外资金80亿元。",
    "各位代表,新的一年,让我们在县委的坚强领导下,凝心聚力,真抓实干,为建设富裕文明和谐美丽新汉阴而努力奋斗!",
]


def printed(paragraphs: list[str], columns: int, per_page: int = 8, header: str = "汉阴县人民政府文件") -> str:
    """The text layer of the paragraphs printed `columns` wide, with a page number and header per page."""
    lines: list[str] = []
    for paragraph in paragraphs:
        current = ""
        for char in paragraph:
            if width(current + char) > columns:
                lines.append(current)
                current = ""
            current += char
        lines.append(current)
    pages: list[str] = []
    for number, start in enumerate(range(0, len(lines), per_page), 1):
        pages += lines[start:start + per_page] + [f"- {number} -", header]
    return "\n".join(pages)


@pytest.mark.parametrize("columns", [22, 28, 35])
def test_printed_report_gets_its_paragraphs_back(columns: int) -> None:
    page = clean_page(printed(REPORT, columns), is_html=False)
    expected = [re.sub(r"\s", "", line) for line in REPORT]
    assert [re.sub(r"\s", "", line) for line in page.lines] == expected
    assert page.stats["wrapped_lines_joined"] >= 10
    assert page.stats["page_furniture_removed"] >= 2


def test_targets_split_over_a_line_break_are_read_again() -> None:
    docs = split_documents(clean_page(printed(REPORT[:7] * 1 + REPORT[6:8] * 3 + REPORT[8:], 26), is_html=False))
    assert len(docs) == 1
    target = next(line for line in docs[0].text.split("\n") if line.startswith("今年经济社会发展"))
    assert "生产总值增长8.5%左右" in target and "控制在4.5%以内" in target
    meta = extract_metadata(docs[0].title, docs[0].text)
    assert (meta["region"], meta["speaker"], meta["meeting_date"]) == ("安康市汉阴县", "刘明", "2017-01-06")


def test_enumeration_after_a_comma_is_no_heading() -> None:
    paragraph = ("全年生产总值一季度下降3.2%,二、三、四季度逐季回升,全年增长2.1%,一般公共预算收入下降5.6%,城乡居民收入"
                 "保持增长。") * 3
    page = clean_page(printed([*REPORT[:6], paragraph, *REPORT[6:]], 24), is_html=False)
    assert paragraph in page.lines


def test_seed_report_rewrapped_reads_as_before(seed_texts: dict[str, str]) -> None:
    original = clean_page(seed_texts[BILISHAN], is_html=False)
    paragraphs = [line.strip() for line in seed_texts[BILISHAN].splitlines() if line.strip()]
    rewrapped = clean_page(printed(paragraphs, 30, per_page=25, header="璧山区人民政府"), is_html=False)
    # The same text; paragraphs may split where a printed line happened to end at a sentence end.
    assert re.sub(r"\s", "", "".join(rewrapped.lines)) == re.sub(r"\s", "", "".join(original.lines))
    assert len(rewrapped.lines) <= 1.2 * len(original.lines)
    docs = split_documents(rewrapped)
    assert [doc.title for doc in docs] == ["重庆市璧山区政府工作报告(2024年)"]


@pytest.mark.parametrize("seed", ["000_1942fa47ad5fe32d.txt", BILISHAN, "002_88e7c62cb5127eba.txt",
                                  "003_0e148f91ba2d8798.txt", "004_ca4af411ed0e9611.txt"])
def test_pages_with_a_paragraph_per_line_are_not_touched(seed_texts: dict[str, str], seed: str) -> None:
    page = clean_page(seed_texts[seed], is_html=False)
    assert page_width(page.lines) is None
    assert "wrapped_lines_joined" not in page.stats


def test_short_header_lines_and_titles_stay_alone() -> None:
    lines = ["2020年石泉县政府工作报告", "——2020年1月9日在石泉县第十八届人民代表大会第四次会议上", "石泉县人民政府县长 王五",
             "各位代表:"] + printed(REPORT[4:], 30).split("\n")
    joined = join_hard_wraps(lines)
    assert joined[:4] == lines[:4]


def test_an_unwrapped_list_of_short_lines_is_left_alone() -> None:
    menu = [f"{year}年{name}政府工作报告" for year in range(2010, 2020) for name in ("汉阴县", "石泉县")]
    assert join_hard_wraps(menu) == menu


def test_table_cells_of_one_width_are_no_wrapped_page() -> None:
    cells = [cell for year in range(2011, 2031) for cell in (f"{year}年全县一般公共预算收入完成额", "亿元", f"{year - 2000}.5")]
    assert page_width(cells) is None
    assert join_hard_wraps(cells) == cells


def test_posting_dates_and_the_next_title_are_not_swallowed_by_a_cut_report() -> None:
    # An aggregator page printed narrow: the first report is cut mid-sentence before its date line.
    first = printed(REPORT[:7], 26, per_page=100, header="").split("\n")[:-2]
    second = printed(REPORT[:1], 26, per_page=100, header="").split("\n")[:-2]
    lines = first[:-1] + ["2019-03-02"] + second + printed(REPORT[1:], 26, per_page=100, header="").split("\n")[:-2]
    joined = join_hard_wraps(lines)
    assert "2019-03-02" in joined and joined.count("2017年汉阴县人民政府工作报告") == 2
