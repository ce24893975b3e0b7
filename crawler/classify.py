"""What a fetched response is, for counting per source and for deciding what to do with it.

Pure function of status, content type, URL and body; no Scrapy. Classes:

| class | meaning | the crawler then |
|---|---|---|
| `report` | long prose that reads as a work report / plan | sends it to the workers |
| `article` | another content page (news, notice, short text) | sends it (the workers decide) |
| `list` | a page of titled, dated links | sends it (a detail link that was a sub-list) |
| `attachment_only` | little text of its own, links to PDF/DOC/DOCX/WPS files | sends it, follows the files |
| `attachment` | the file itself | sends it (the workers read PDF/DOCX) |
| `blocked` | an access-control or challenge page (WAF, captcha, rate limit, 401/403/429/451) | counts it, retries later |
| `script_shell` | an HTML shell whose content only JavaScript would render | counts it, retries later |
| `not_found` | 404/410, or a 200 page saying the page does not exist | sends it (recorded as failed) |
| `server_error` | 5xx after retries | counts it as failed, retries later |

Detection and reporting only: the crawler never tries to get past a challenge.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from crawler.links import drop_chrome, is_attachment

REPORT, ARTICLE, LIST, ATTACHMENT_ONLY, ATTACHMENT = "report", "article", "list", "attachment_only", "attachment"
BLOCKED, SCRIPT_SHELL, NOT_FOUND, SERVER_ERROR = "blocked", "script_shell", "not_found", "server_error"
CLASSES = (REPORT, ARTICLE, LIST, ATTACHMENT_ONLY, ATTACHMENT, BLOCKED, SCRIPT_SHELL, NOT_FOUND, SERVER_ERROR)
# Classes whose page is not handed to the workers: nothing in it to read now, so it is fetched again later.
RETRY_LATER = frozenset({BLOCKED, SCRIPT_SHELL, SERVER_ERROR})

_BINARY_TYPES = ("application/pdf", "msword", "officedocument", "application/vnd.ms-", "wps", "octet-stream",
                 "application/zip", "application/x-zip")
# Markers of challenge / WAF / rate-limit pages met on Chinese government sites and CDNs (Cloudflare,
# 知道创宇/加速乐 __jsl_clearance, 瑞数 $_ts, 安全狗, 云锁, 360 网站卫士, 创宇盾, WZWS) and their wording.
_CHALLENGE = re.compile(
    r"cf-browser-verification|cf_chl_|challenge-platform|Just a moment\.\.\.|Attention Required! \| Cloudflare"
    r"|__jsl_clearance|\$_ts\s*=|_\$[a-zA-Z]{2}\(|safedog|yunsuo_session|wzws_cid|WZWS|webscan\.360|创宇盾"
    r"|安全验证|滑动验证|人机验证|请完成验证|访问验证|验证码后继续|访问过于频繁|访问频率过高|请求过于频繁|访问受限"
    r"|您的访问被拒绝|访问被拦截|已被网站管理员设置拦截|网站防火墙|安全狗|云锁|Access Denied|Request blocked",
    re.I,
)
_SOFT_404 = re.compile(r"404|页面不存在|页面未找到|找不到(?:该|您要访问的)?页面|已被删除|不存在或已|Not Found", re.I)
_REPORT_WORDS = re.compile(r"政府工作报告|工作报告|国民经济和社会发展\S{0,12}计划|计划执行情况|规划纲要|各位代表|统计公报")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"(?:19|20)\d{2}[-./年]\d{1,2}[-./月]\d{1,2}")
# Thresholds in CJK characters of page text outside links and chrome.
_REPORT_MIN_CHARS = 3000
_SHELL_MAX_CHARS = 40
_SOFT_404_MAX_CHARS = 300
_ATTACHMENT_ONLY_MAX_CHARS = 400
_LIST_MIN_LINKS = 8


def is_binary(url: str, content_type: str) -> bool:
    ctype = content_type.lower()
    return any(marker in ctype for marker in _BINARY_TYPES) or (is_attachment(url) and "html" not in ctype)


def classify_response(status: int, content_type: str, url: str, body: bytes) -> str:
    """The class of a response (see the module table). 304s never get here."""
    if status in (404, 410):
        return NOT_FOUND
    if status in (401, 403, 407, 429, 451):
        return BLOCKED
    if is_binary(url, content_type):
        return ATTACHMENT
    text = _decode(body[:400_000], content_type)
    if status >= 500:
        return BLOCKED if _CHALLENGE.search(text) else SERVER_ERROR
    return classify_html(text)


def _decode(body: bytes, content_type: str) -> str:
    """The page's text with the pipeline's own encoding rules (GBK portals declaring gb2312 …)."""
    from govreports.errors import StepError
    from pipeline.decode import decode_page

    try:
        return decode_page(body, content_type=content_type)
    except StepError:
        return body.decode("utf-8", errors="ignore")


def classify_html(markup: str) -> str:
    try:
        root = lxml_html.fromstring(markup) if markup.strip() else None
    except (etree.ParserError, ValueError):
        root = None
    if root is None:
        return SCRIPT_SHELL if "<script" in markup.lower() else ARTICLE
    scripts = root.xpath("//script")
    for element in root.xpath("//script|//style|//noscript|//template"):
        if element.getparent() is not None:
            element.drop_tree()
    whole = root.text_content()
    if _CHALLENGE.search(markup) and len(_CJK.findall(whole)) < 2000:
        return BLOCKED
    full_chars = len(_CJK.findall(whole))
    if full_chars <= _SHELL_MAX_CHARS and scripts:
        return SCRIPT_SHELL
    title = (root.findtext(".//title") or "").strip()
    if full_chars <= _SOFT_404_MAX_CHARS and (_SOFT_404.search(title) or _SOFT_404.search(whole[:2000])):
        return NOT_FOUND
    drop_chrome(root)
    anchors = list(root.iter("a"))
    link_text = sum(len(_CJK.findall(a.text_content())) for a in anchors)
    prose = max(0, len(_CJK.findall(root.text_content())) - link_text)
    if prose >= _REPORT_MIN_CHARS and _REPORT_WORDS.search(root.text_content()):
        return REPORT
    attachments = [a for a in anchors if is_attachment(a.get("href") or "")]
    if attachments and prose < _ATTACHMENT_ONLY_MAX_CHARS:
        return ATTACHMENT_ONLY
    titled = [a for a in anchors if len(a.text_content().strip()) >= 8]
    if len(titled) >= _LIST_MIN_LINKS and len(_DATE.findall(root.text_content())) >= _LIST_MIN_LINKS // 2 \
            and prose < link_text:
        return LIST
    return ARTICLE
