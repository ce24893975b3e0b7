"""Report metadata: type, region, level, year, meeting, speaker — and quality flags about them.

`extract_metadata` reads the report's own header and body first and the page title last: aggregator
titles are often wrong (a 2022 title over the 2019 text) or polluted by injected spam tokens, while the
meeting line ("2021年3月10日在重庆市渝北区第十八届人民代表大会第五次会议上") is written by the government.
Every field is None when the text does not give it; nothing is guessed (a date with lost digits gives no
meeting_date, an ambiguous county name gives no region).
"""

from __future__ import annotations

import re
from typing import Any

from pipeline.extract.doc_type import classify, is_news_story
from pipeline.extract.meeting import (approval_meeting, issuer_phrase, read_header, session_file_place,
                                      story_speaker)
from pipeline.extract.numbers import to_halfwidth
from pipeline.extract.regions import resolve_region
from pipeline.extract.report_year import find_report_year
from pipeline.report_lines import fused_title_end, is_title_line

METADATA_FIELDS = ("doc_type", "region", "province", "admin_level", "division_code", "report_year",
                   "meeting_date", "meeting_name", "speaker", "speaker_title")

# The levels a speaker's office implies; used only to choose between same-named divisions.
_LEVELS_OF_OFFICE = {
    "区长": {"county"}, "县长": {"county"}, "旗长": {"county"},
    "市长": {"province", "city", "county"},
    "州长": {"city"}, "盟长": {"city"}, "专员": {"city"},
    "省长": {"province"}, "自治区主席": {"province"},
}
# The office word ending a speaker title: 行署专员 → 专员, 代区长 → 区长, 自治区代主席 → 主席.
_OFFICE_WORD = re.compile(r"(?:区长|县长|旗长|市长|州长|盟长|专员|省长|主席)$")
_CONTEXT_CHARS = 2000  # the notice right before a document; older page text is unrelated
_APPROVAL_CHARS = 300  # "已经…会议审议通过" deeper in a report is about another document
_TITLE_BOILERPLATE = re.compile(r"人民政府|政府|行政公署|行署|工作报告|国民经济|经济社会|经济和社会|年度|统计公报|计划|规划|报告|[(（]")
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")
_TITLE_YEAR = re.compile(r"(?:(?:19|20)\d{2}|[一二][〇○零O0一二三四五六七八九]{3})\s*年(?:度)?")


def extract_metadata(title: str, text: str, published_date: str | None = None, context: str = "") -> dict[str, Any]:
    """Metadata fields (see METADATA_FIELDS) plus "quality": {"flags": [...]} for this step's findings.

    `context` is page text before the document (a notice that publishes a plan: "关于印发…的通知 …已经区十八届
    人民代表大会第四次会议审议通过"); it can name the approving session and the issuing government.
    """
    title = to_halfwidth(title or "").strip()
    text = to_halfwidth(text or "")
    context = to_halfwidth(context or "")[-_CONTEXT_CHARS:]
    doc_type = classify(title, text)
    header = read_header(text)
    if header.meeting_name is None:
        header.meeting_name = approval_meeting(context + "\n" + text[:_APPROVAL_CHARS])
    region = resolve_region(
        [header.place, header.speaker_org, header.represented, title_region_phrase(title), issuer_phrase(context),
         session_file_place(context), opening_region_phrase(text)],
        body=text[:20000],
        levels=_LEVELS_OF_OFFICE.get(office_word(header.speaker_title or "")),
    )
    if header.speaker is None and is_news_story(title, text):
        header.speaker, header.speaker_title = story_speaker(text)  # "市长李明远作政府工作报告"
    speaker_title = header.speaker_title
    if speaker_title in ("主席", "代主席") and doc_type != "other" and (region.region or "").endswith("自治区"):
        speaker_title = "自治区" + speaker_title  # the head of an autonomous region's government
    year = find_report_year(title, text, doc_type, header.date, published_date)
    flags: list[str] = []
    if year.title_year is not None and year.content_year is not None and year.title_year != year.content_year:
        flags.append("title_year_mismatch")
    return {
        "doc_type": doc_type,
        **region.as_dict(),
        "report_year": year.report_year,
        "meeting_date": header.date.iso if header.date else None,
        "meeting_name": header.meeting_name,
        "speaker": header.speaker,
        "speaker_title": speaker_title,
        "quality": {"flags": flags, "report_year_source": year.source},
    }


def opening_region_phrase(text: str) -> str:
    """The place a title-like first line names, for documents whose own title is empty or page chrome:
    "2019年XX县人民政府工作报告(全文)", or a title glued to the meeting line."""
    first = text.lstrip().split("\n", 1)[0]
    end = fused_title_end(first)
    head = first[:end] if end else first
    return title_region_phrase(head) if is_title_line(head) else ""


def office_word(speaker_title: str) -> str:
    """The office a speaker title names, acting marks and departments aside: 行署代专员 → 专员."""
    found = _OFFICE_WORD.search(speaker_title)
    if not found:
        return ""
    return "自治区主席" if found.group() == "主席" and speaker_title.startswith("自治区") else found.group()


def title_region_phrase(title: str) -> str:
    """The place a title names: "2021年渝北区政府工作报告" → "渝北区", "关于南充市2020年…" → "南充市".

    Page titles often append the site ("2023年政府工作报告_咸阳市人民政府"): each part is tried in turn.
    """
    for part in _TITLE_PARTS.split(title):
        phrase = _TITLE_YEAR.sub("", part)
        phrase = re.sub(r"^[\s【\[].{0,12}?[】\]]|^关于", "", phrase).strip()
        cut = _TITLE_BOILERPLATE.search(phrase)
        phrase = phrase[: cut.start()] if cut else phrase
        if phrase:
            return phrase
    return ""
