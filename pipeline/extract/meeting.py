"""The report's header: meeting line, delivery date, speaker and the government named there.

A report opens with a header before "各位代表": the meeting line ("2021年3月10日在重庆市渝北区第十八届人民代表大会
第五次会议上", sometimes after "——" or in brackets, sometimes with the date after it), and the speaker line
("重庆市渝北区人民政府区长 谭 庆", "咸阳市代市长 冷劲松", "代区长张建宇", or only "吴巨培"). Aggregators
glue all of it into one line with the first paragraph, so the header is cut at "各位代表", not at a line
end. Lost digits ("——202423日") leave the date partial; it is never completed by guessing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.divisions import find_mentions
from pipeline.extract.numbers import PartialDate, find_dates, to_halfwidth

_GREETING = re.compile(r"各位代表|各位委员|同志们")
_HEADER_MAX = 400  # a header longer than this means "各位代表" belongs to the body, not the header
_WINDOW = 1200  # a meeting line further into the text than this is a quotation, not the header
_SHORT_LINE = 40  # speaker and date lines are short; a longer line is body text
# Where a glued header ends when there is no greeting: the first words of the body.
_BODY_START = re.compile(r"现在[,，]|我代表|受.{0,12}委托")
_NUM = r"[一二三四五六七八九十百零〇○\d]{1,4}"
MEETING_RE = re.compile(
    rf"(?:第\s*)?(?P<term>{_NUM})\s*届\s*(?:人民代表大会|人大)\s*(?P<committee>常务委员会|常委会)?\s*(?:第\s*)?"
    rf"(?P<session>{_NUM})\s*次\s*(?P<plenary>全体)?\s*会议"
)
# "计划已经区十八届人民代表大会第四次会议审议通过": where a plan published in a notice names its session.
_APPROVED_AT = re.compile(rf"经(?:过)?[^。；;]{{0,20}}?(?P<meeting>{MEETING_RE.pattern})[^。；;]{{0,12}}?(?:审议)?(?:通过|批准)")
_OFFICE = r"区长|市长|省长|县长|州长|盟长|旗长|专员|主席|主任|院长|检察长|局长|厅长"
# "代市长", "自治区人民政府代主席", "副市长"; longest alternatives first so 代区长 is not read as 区长.
SPEAKER_RE = re.compile(
    rf"(?P<org>[\u4e00-\u9fff]{{0,24}}?)(?P<title>(?:代理|代|副)?(?:{_OFFICE}))[\s;；:：,，、]*"
    rf"(?P<name>[\u4e00-\u9fff·•](?:[\u4e00-\u9fff·•]|[ \t](?=[\u4e00-\u9fff·•])){{1,14}})"
)
# A department heading a plan report's byline: 发展和改革委员会, 发展改革委, 发改委, 计划委员会, 统计局.
_DEPARTMENT = re.compile(r"[\u4e00-\u9fff]{1,12}(?:委员会|委|局|厅|办公室)$")
# Only 主任 keeps its department: every body (人大常委会, 政协, 委员会) has 主任s, while 局长 and 厅长 already
# say "head of a government department" and are written alone ("XX县发展计划局局长 张三" → 局长).
_DEPARTMENT_HEADS = ("主任",)
# Level words left in front of an organisation once its place name is gone ("市发改委", "地区行署").
_LEVEL_WORD = re.compile(r"^(?:自治区|自治州|自治县|地区|[省市区县州盟旗])(?=[\u4e00-\u9fff])(?!场)")  # not 市场监管局
_SESSION_FILE = re.compile(MEETING_RE.pattern + r"\s*(?:文件|材料|资料)")
_SESSION_FILE_CHARS = 300
# News: "<office><name>(代表…)(向大会)作(了)…工作报告".
_STORY_SPEAKER = re.compile(
    r"(?P<title>(?:代理|代)?(?:省长|市长|区长|县长|州长|盟长|旗长|专员|主席))(?P<name>[\u4e00-\u9fff·]{2,6}?)"
    r"(?:代表[^。，,；;]{0,20}?)?(?:向大会|在会上)?(?:作|做)(?:了)?[^。，,；;]{0,12}?工作报告")
_STORY_CHARS = 3000
_MAX_LONE_NAME_CHARS = 6
_ISSUER = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,24}?)(?:人民)?政府(?:办公室|办公厅)?关于(?:印发|下达)")
_WHITESPACE = re.compile(r"\s+")
# A portal's posting date left in the header is not the delivery date.
_POSTED = re.compile(r"发布|时间|日期|更新|来源|浏览")
_REPRESENT = re.compile(r"我代表(?P<org>[\u4e00-\u9fff]{1,24}?)(?:(?:人民)?政府|行政公署|行署)")
# Words of the opening sentence that follow an office word ("提请市人大常委会主任会议审议") are no names.
_NOT_NAME = re.compile(r"政府|人民|代表|会议|报告|工作|大会|委员|常委|主任|市长|县长|区长|省长|同志|全体|现在|我们|发改|审议|提请"
                       r"|[市县区省委局厅办]$")
_SEPARATORS = re.compile(r"[\s;；:：,，、—\-()（）\[\]【】<>《》“”\"']+")


@dataclass
class Header:
    """What the header says; fields are None when not written."""

    meeting_name: str | None = None
    place: str = ""  # the region part of the meeting line: "重庆市渝北区", "东丽区", "市"
    date: PartialDate | None = None
    speaker: str | None = None
    speaker_title: str | None = None
    speaker_org: str = ""  # the government named in the speaker line, "人民政府" removed
    represented: str = ""  # "我代表X人民政府": X


def header_text(text: str) -> str:
    """The header: up to "各位代表" when it comes early, else the short lines around an early meeting line."""
    head = to_halfwidth(text[:_WINDOW])
    greeting = _GREETING.search(head)
    if greeting and greeting.start() <= _HEADER_MAX:
        return head[: greeting.start()]
    meeting = MEETING_RE.search(head)
    if not meeting:
        return ""
    lines = head.splitlines()
    index = head.count("\n", 0, meeting.start())
    keep = [lines[index]]
    if index > 0 and len(lines[index - 1]) <= _SHORT_LINE:
        keep.insert(0, lines[index - 1])
    for line in lines[index + 1: index + 3]:
        if len(line) > _SHORT_LINE:
            break
        keep.append(line)
    block = "\n".join(keep)
    in_block = MEETING_RE.search(block)
    body_start = _BODY_START.search(block, in_block.end()) if in_block else None
    return block[: body_start.start()] if body_start else block


def read_header(text: str) -> Header:
    """Meeting, date, speaker and the governments the header and opening sentence name."""
    block = header_text(text)
    header = Header()
    header.represented = _represented(text)
    if not block:
        return header
    meeting = MEETING_RE.search(block)
    if meeting is None and MEETING_RE.search(_WHITESPACE.sub("", block)):
        # A meeting line wrapped mid-word ("第十八届人民\n代表大会…"): read the header without line breaks.
        block = _WHITESPACE.sub("", block)
        meeting = MEETING_RE.search(block)
    rest = block
    if meeting:
        header.meeting_name = meeting_name(meeting)
        header.place = _place_before(block, meeting.start())
        # "…会议上北京市发展和改革委员会主任": the meeting line's closing 上 is no part of the byline.
        rest = block[: _meeting_line_start(block, meeting.start())] + "\n" + re.sub(r"^上(?!海市)", "", block[meeting.end():])
    dates = [d for d, match in find_dates(block) if not _POSTED.search(block[max(0, match.start() - 8):match.start()])]
    full = [d for d in dates if d.day is not None]
    header.date = full[0] if full else (dates[0] if dates else None)
    _read_speaker(header, rest, after_meeting=block[meeting.end():] if meeting else "")
    return header


def meeting_name(match: re.Match[str]) -> str:
    """The session in one written form: "十八届人大五次会议" → "第十八届人民代表大会第五次会议"."""
    committee = "常务委员会" if match.group("committee") else ""
    plenary = "全体" if match.group("plenary") else ""
    return f"第{match.group('term')}届人民代表大会{committee}第{match.group('session')}次{plenary}会议"


def approval_meeting(text: str) -> str | None:
    """The session that approved a document published later ("已经…第四次会议审议通过"), if named."""
    found = _APPROVED_AT.search(to_halfwidth(text))
    if not found:
        return None
    return meeting_name(MEETING_RE.search(found.group("meeting")))  # type: ignore[arg-type]


def issuer_phrase(text: str) -> str:
    """The government issuing a notice that carries the document: "重庆市渝北区人民政府办公室关于印发…" → "重庆市渝北区"."""
    found = _ISSUER.search(to_halfwidth(text))
    return found.group("org") if found else ""


def session_file_place(context: str) -> str:
    """The place in a session-document header printed above the title: "宁陕县第十八届人民代表大会第三次会议文件"
    → "宁陕县" (PDF copies of the papers handed to the deputies)."""
    tail = to_halfwidth(context[-_SESSION_FILE_CHARS:])
    found = None
    for found in _SESSION_FILE.finditer(tail):
        pass
    return _place_before(tail, found.start()) if found else ""


def story_speaker(text: str) -> tuple[str | None, str | None]:
    """(speaker, title) of "市长李明远作政府工作报告" / "代县长张三代表县人民政府向大会作工作报告" in a news
    story about a report; (None, None) when the story does not say who delivered it."""
    found = _STORY_SPEAKER.search(to_halfwidth(text[:_STORY_CHARS]))
    if not found:
        return None, None
    name = _clean_name(found.group("name"))
    return (name, found.group("title")) if name else (None, None)


def _meeting_line_start(block: str, meeting_start: int) -> int:
    """Where the meeting line begins: its "在", or the date before it."""
    before = block[:meeting_start]
    at = before.rfind("在")
    start = at if at >= 0 and meeting_start - at <= 32 else meeting_start
    line_start = before.rfind("\n", 0, start) + 1
    prefix = before[line_start:start]
    dates = find_dates(prefix)
    if dates:  # "2021年3月10日在…": the date belongs to the meeting line
        return line_start + dates[0][1].start()
    return start


def _place_before(block: str, meeting_start: int) -> str:
    before = block[max(0, meeting_start - 32): meeting_start]
    at = before.rfind("在")
    if at >= 0:
        before = before[at + 1:]
    else:  # no "在": the place starts after the last date or separator
        before = re.split(r"日|[\s;；:：,，、—()（）]", before)[-1]
    return re.sub(r"[^\u4e00-\u9fff]", "", before)


def _represented(text: str) -> str:
    found = _REPRESENT.search(to_halfwidth(text[:1500]))
    return found.group("org") if found else ""


def _read_speaker(header: Header, rest: str, after_meeting: str) -> None:
    for match in SPEAKER_RE.finditer(rest):
        name = _clean_name(match.group("name"), alone=rest[match.end():match.end() + 1] in ("", "\n"))
        if name is None:
            continue
        org = match.group("org")
        org = org[org.rfind("报告") + 2:] if "报告" in org else org  # a glued title line before the org
        header.speaker = name
        header.speaker_org = org.replace("人民政府", "").replace("政府", "")
        header.speaker_title = _title_as_written(match.group("title"), org)
        return
    # No title: a bare name between the meeting line and the greeting ("…会议上吴巨培各位代表").
    after = re.sub(r"^\s*上?(?:的?报告)?", "", after_meeting)
    for piece in _SEPARATORS.split(after):
        if not piece:
            continue
        if not re.search(r"\d|年|月|日", piece):
            header.speaker = _clean_name(piece)
        break


def _title_as_written(title: str, org: str) -> str:
    """The office as the byline writes it, minus the region's name and the government's organ name:
    "重庆市渝北区人民政府区长" → 区长, "北京市发展和改革委员会主任" → 发展和改革委员会主任 (a plan's speaker
    heads a department, kept because 主任 alone says nothing; 局长 and 厅长 stand alone),
    "阿克苏地区行政公署专员" → 行署专员 and a
    bare 专员 too (专员 alone is any commissioner), 自治区人民政府主席 → 自治区主席 (主席 alone would be the
    政协's). The acting mark stays where it is written: 代市长, 自治区代主席, 行署代专员."""
    unit = _without_region(org)
    if "主席" in title and "自治区" in org and "自治区" not in title:
        return "自治区" + title  # 自治区人民政府主席 → 自治区主席, 代主席 → 自治区代主席
    if title.endswith("专员"):
        return "行署" + title
    department = _DEPARTMENT.search(unit)
    if department and title.endswith(_DEPARTMENT_HEADS):
        return department.group() + title
    return title


def _without_region(org: str) -> str:
    """The part of a byline's organisation after the place names: "北京市发展和改革委员会" → "发展和改革委员会"."""
    org = org.replace("人民政府", "").replace("政府", "")
    while True:
        org = _LEVEL_WORD.sub("", org)
        mentions = find_mentions(org)
        if not mentions or mentions[0].start != 0:
            return org
        org = org[mentions[0].end:]


def _clean_name(raw: str, alone: bool = False) -> str | None:
    """The speaker's name, or None when `raw` is no name. Han names have two to four characters; Mongolian,
    Tibetan and Uyghur names are often printed without the dot and run to six ("那仁满都拉"), accepted when
    the name ends its byline line (`alone`), where nothing else can have been glued on."""
    name = re.sub(r"\s+", "", raw).replace("•", "·")
    name = _GREETING.split(name)[0]
    name = re.split(r"[一二][〇○零]", name)[0]  # a Chinese-numeral date glued after the name
    if _NOT_NAME.search(name):
        return None
    plain = name.replace("·", "")
    if "·" in name:
        return name if 3 <= len(plain) <= 16 else None
    return name if 2 <= len(name) <= (_MAX_LONE_NAME_CHARS if alone else 4) else None
