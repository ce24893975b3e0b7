"""What the lines of a report look like: titles, openings, sentence ends, closings.

Shared by boilerplate (keep the region that holds the report's opening), split (title lines start a
report; titles glued to the opening or broken over two lines are repaired here first) and completeness
(a report that stops mid-sentence or lacks its closing).
"""

from __future__ import annotations

import re

TITLE_WORDS = re.compile(r"(政府)?工作报告|发展计划|计划执行情况|计划草案|国民经济和社会发展|统计公报")
_TITLE_GATE = re.compile("报告|计划|国民经济|公报")  # cheap test before TITLE_WORDS (run on every line)
# Also not titles: the opening sentence of a plan report wrapped at the page width ("受市人民政府委托,现将
# …计划草案提请…"), the byline of the official who delivers it ("XX县发展计划局局长 张三") and table
# captions ("2019年国民经济和社会发展主要指标").
_NOT_TITLE = re.compile(r"[。；;！!:：,，]$|^关于印发|的通知$|审议|委托|现将|提请|^《|名词解释|注释|附件|解读|图解"
                        r"|(?:长|主任|主席)\s+[\u4e00-\u9fff·]{2,5}$|指标表?$|一览表$"
                        r"|^([一二三四五六七八九十]{1,3}[、.]|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.、]|第[一二三四五六七八九十]+)")
_MAX_TITLE_CHARS = 64
# "2025年2月19日在XX区第七届人民代表大会第五次会议上", "各位代表:", "现在,我代表区人民政府…"
_OPENING = re.compile(r"^[—\-\s]*(?:(?:19|20|二〇|二零)\S{0,12}在.{0,60}(?:人民代表大会|人代会).{0,30}会议上"
                      r"|各位代表|现在[,，]?\s*我代表)")
# A line that ends a sentence or a quoted/bracketed clause (kept at a report's end; links are not).
SENTENCE_END = re.compile(r"[。！？!?；;…”’」』)）]$")


def is_title_line(line: str) -> bool:
    if len(line) > _MAX_TITLE_CHARS or not _TITLE_GATE.search(line):
        return False
    return bool(TITLE_WORDS.search(line)) and not _NOT_TITLE.search(line)


# A report title at the start of a longer line, followed by what opens the report: "——", the meeting
# date (followed by 在, or in brackets; a posting date is not an opening), the meeting ("在…人民代表大会"), the greeting, or a space before any of these or the byline. Aggregators
# print "2018年XX地区行政公署工作报告——2018年1月10日在…会议上 XX地区行署专员 张三 各位代表:…" as one line.
_FUSED_TITLE = re.compile(
    r"(?P<title>[^\s。；;！!？?，,:：]{2,60}?(?:工作报告|的报告|统计公报|计划草案|发展计划))"
    r"(?=\s*(?:——|—|--|[(（](?:19|20)\d{2}\s*年\s*\d{1,2}\s*月|(?:19|20)\d{2}\s*年[\d\s月日]{2,8}在|[(（]?[一二][〇○零O0][^。]{0,12}在"
    r"|在[^。]{0,30}(?:人民代表大会|人大)"
    r"|各位代表)|\s+[\u4e00-\u9fff])"
)


def fused_title_end(line: str) -> int:
    """Where a report title glued to the front of a longer line ends (0: no such title)."""
    if not _TITLE_GATE.search(line[:_MAX_TITLE_CHARS]):
        return 0
    found = _FUSED_TITLE.match(line[:_MAX_TITLE_CHARS + 40])
    if not found or not is_title_line(found.group("title")):
        return 0
    return found.end()


def is_report_opening(line: str) -> bool:
    """A report's meeting line ("——2019年1月8日在XX县…会议上") or its first address to the deputies."""
    return bool(_OPENING.match(line[:200]))


def is_opening_line(line: str) -> bool:
    """A report's title, its meeting line or its first address to the deputies."""
    return is_title_line(line) or is_report_opening(line)


def unglue_titles(lines: list[str]) -> list[str]:
    """Lines with a report title glued to the front of the report's opening ("2018年XX地区行政公署工作报告——
    2018年1月10日在…") become two lines, so the title starts its report. Right after a title line the
    glued title is that report's title again (whole or shortened): left for split's `_drop_repeated_title`."""
    result: list[str] = []
    for line in lines:
        end = fused_title_end(line)
        if end and not (result and is_title_line(result[-1])):
            result.extend((line[:end], line[end:].strip()))
        else:
            result.append(line)
    return result


def join_broken_titles(lines: list[str]) -> list[str]:
    """A "关于…的报告" title printed over two lines ("关于XX市2018年国民经济和社会发展计划执行情况" /
    "及2019年计划草案的报告", as PDF copies set it) becomes one line, so it starts one report, not two."""
    result: list[str] = []
    for line in lines:
        previous = result[-1] if result else ""
        if (previous.startswith("关于") and not previous.endswith("报告") and len(previous) <= _MAX_TITLE_CHARS
                and line.endswith("报告") and len(line) <= _MAX_TITLE_CHARS and is_title_line(previous + line)):
            result[-1] = previous + line
        else:
            result.append(line)
    return result
