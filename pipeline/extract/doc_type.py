"""What kind of document a report is: work_report, dev_plan, plan_outline, stat_bulletin or other.

The title decides when it names the kind; otherwise the header and first paragraph do ("我代表区人民政府，
向大会报告工作" is a work report). Reports of other bodies (人大常委会, 法院, 检察院, 政协) share the words
"工作报告" and are `other`: they are not the government's report. So are news pages about a report
(`is_news_story`).
"""

from __future__ import annotations

import re

WORK_REPORT, DEV_PLAN, PLAN_OUTLINE, STAT_BULLETIN, OTHER = (
    "work_report", "dev_plan", "plan_outline", "stat_bulletin", "other")

OTHER_BODY = re.compile(r"人大常委会|人民代表大会常务委员会|常委会|人民法院|法院|人民检察院|检察院|政协|政治协商会议")
_BULLETIN = re.compile(r"统计公报")
_OUTLINE = re.compile(r"(?:五年|[十一二三四五六七八九]{2,3}五)\s*规划.{0,24}?纲要|规划纲要|第.{1,3}个五年规划")
_PLAN = re.compile(r"年度计划|计划执行情况|计划草案|(?:国民经济和|经济)?社会发展(?:年度)?计划|发展计划")
_WORK = re.compile(r"工作报告")
_GOVERNMENT_TITLE = re.compile(r"政府|行政公署|行署")
# A header/opening that reports on the government's work ("我代表市人民政府，向大会报告工作").
# A 地区's government is its 行政公署 (行署); a 盟's too.
_OPENING_WORK = re.compile(r"我代表.{0,24}?(?:(?:人民)?政府|行政公署|行署|公署)[,，]?\s*向大会(?:作|做)?(?:政府)?(?:工作)?报告"
                           r"(?:政府)?工作")
# "受市人民政府委托，向大会报告…计划" and the usual "受市人民政府委托，现将…计划执行情况…提请…审议".
_OPENING_PLAN = re.compile(r"(?:受.{0,20}?委托|我代表.{0,20}?)[,，]?\s*向大会报告.{0,40}?计划"
                           r"|受[^。]{0,20}?政府委托[,，]?\s*现将[^。]{0,60}?计划")
# "我代表市人大常委会" — but not "我代表市政府向大会报告工作，…并请市政协委员提出意见".
_OPENING_OTHER = re.compile(r"我代表(?:(?!政府)[^,，。;；]){0,16}?(?:人大常委会|人民代表大会常务委员会|常务委员会|人民法院|人民检察院"
                            r"|法院|检察院|政协)")


# News about a report: "市六届人大五次会议开幕 李明远作政府工作报告", readings of it (解读, 图解), datelines
# and reporters' bylines. A news page is `other` unless it carries the report itself (see is_news_story).
_NEWS_TITLE = re.compile(r"开幕|闭幕|召开|举行|隆重|胜利|(?:作|做)(?:了)?[^，,。]{0,10}?工作报告|解读|图解|一图读懂|划重点|热词|金句"
                         r"|速览|看点|亮点|要点(?!摘要)|新闻发布会|记者会|答记者问|直播|实录|现场")
_NEWS_OPENING = re.compile(r"本报讯|本报记者|本台讯|本网讯|[\u4e00-\u9fff]{2,8}网讯|新华社[^。]{0,16}电|中新[网社][^。]{0,16}电"
                           r"|[(（【\[]\s*(?:记者|通讯员|融媒体记者)|^\s*(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}|据[^。]{0,16}报道"
                           r"|\d{1,2}月\d{1,2}日[上下]午[,，]?[^。]{0,40}?(?:开幕|召开|举行|闭幕)", re.M)
# (Not 来源: bulletins close with "资料来源:".)
_NEWS_CLOSING = re.compile(r"(?:记者|编辑|责任编辑|审核|校对|通讯员)\s*[:：|丨]")
_NEWS_OPENING_CHARS = 300
_NEWS_CLOSING_CHARS = 200
# The report itself: addressed to the deputies, in the government's first person, or longer than any story.
_REPORT_OPENING = re.compile(r"各位代表|我代表.{0,24}?(?:政府|行政公署|行署)|受.{0,20}?委托")
_REPORT_OPENING_CHARS = 1500
_MIN_FULL_REPORT_CHARS = 15_000


def is_news_story(title: str, text: str) -> bool:
    """A news page about a report (a story, a reading, a session's opening), not the report: a news title
    or a dateline/reporter byline, and no report opening (各位代表, 我代表…政府) in a text of story length.
    Reports that mention 记者 in their prose are unaffected: only datelines and bylines count."""
    if len(text) >= _MIN_FULL_REPORT_CHARS or _REPORT_OPENING.search(text[:_REPORT_OPENING_CHARS]):
        return False
    if _BULLETIN.search(title) or _OUTLINE.search(title) or _PLAN.search(title):
        return False  # the title names the document itself
    return bool(_NEWS_TITLE.search(title) or _NEWS_OPENING.search(text[:_NEWS_OPENING_CHARS])
                or _NEWS_CLOSING.search(text[-_NEWS_CLOSING_CHARS:]))


def classify(title: str, text: str) -> str:
    opening = text[:800]
    if OTHER_BODY.search(title) or is_news_story(title, text):
        return OTHER
    if not _GOVERNMENT_TITLE.search(title) and _OPENING_OTHER.search(opening):
        return OTHER
    if _BULLETIN.search(title):
        return STAT_BULLETIN
    if _OUTLINE.search(title):
        return PLAN_OUTLINE
    if _PLAN.search(title):
        return DEV_PLAN
    if _WORK.search(title) or _OPENING_WORK.search(opening):
        return WORK_REPORT
    if _OPENING_PLAN.search(opening):
        return DEV_PLAN
    if _BULLETIN.search(opening[:200]):
        return STAT_BULLETIN
    return OTHER
