"""Page text → clean lines: markup, site chrome, footnote markers and injected spam removed.

Works on HTML (block elements become line breaks) and on plain text scraped earlier. What counts as
chrome is a list of line patterns seen across Chinese government portals and aggregators (breadcrumbs,
"扫一扫在手机打开当前页", print/close/font-size bars, footers with 网站标识码/ICP, contribution prompts),
not a per-site template, so unseen portals are cleaned too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import html as lxml_html

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "button", "nav", "header", "footer",
              "object", "embed", "svg", "template")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "ul", "ol", "dd", "dt", "blockquote", "pre", "td", "hr"}

CHROME_PATTERNS = [re.compile(p) for p in (
    r"^(您|你)(当前|现在)?的?(位置|所在位置)",
    r"^当前位置",
    r"扫一扫.{0,10}(手机|移动端)",
    r"^【?\s*(打印|关闭|收藏|返回顶部|打印本页|关闭窗口)",
    r"^字号[:：]?\s*[大中小\s\[\]【】]+$",
    r"^分享到",
    r"(版权所有|Copyright|©|ICP备|网站标识码|公网安备|主办单位|承办单位|技术支持|网站地图|联系我们|建议使用.{0,20}浏览器)",
    r"^(上一篇|下一篇|相关链接|相关文章|相关阅读|热点推荐|责任编辑|来源[:：]|浏览次数|阅读次数|点击数)",
    r"(点我投稿|投稿提示|立即获取|招商中心|企业入驻|获取.{0,8}资料)",
    r"^共\s*\d+\s*页",
    r"^(首页|上一页|下一页|尾页|末页)(\s|$)",
    r"^[|｜>\s]*$",
)]
# Footnote markers like 〔1〕 [2] ①: two digits at most, so document numbers such as 〔2020〕 survive.
_FOOTNOTE = re.compile(r"〔\d{1,2}〕|\[\d{1,2}\]|(?<=[\u4e00-\u9fff）)”。，、；])[①-⑳]")
_SPACES = re.compile(r"[ \t\u3000\xa0\u2002\u2003\u200b]+")
_HEADING_BREAK = re.compile(
    r"(?<=[。！？；!?])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|各位代表))"
)
_DATE = re.compile(r"(?:发布|日期|时间|发文日期|成文日期)[^0-9]{0,6}((?:19|20)\d{2})[-/年.](\d{1,2})[-/月.](\d{1,2})")
# Words injected by aggregators/scrapers in place of real words; a data list, extended as they are found.
INJECTED_TOKENS = ("亚洲通",)


@dataclass
class CleanPage:
    title: str
    lines: list[str]
    published_date: str | None = None
    stats: dict[str, int] = field(default_factory=dict)


def html_to_lines(markup: str) -> tuple[str, list[str]]:
    """Visible text of an HTML page, one line per block element, and its <title>/<h1>."""
    root = lxml_html.fromstring(markup)
    title = ""
    title_el = root.find(".//title")
    if title_el is not None and title_el.text_content():
        title = title_el.text_content().strip()
    for tag in _DROP_TAGS:
        for el in root.iter(tag):
            el.drop_tree() if el.getparent() is not None else None
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    heading = root.find(".//h1")
    if heading is not None and heading.text_content().strip():
        title = heading.text_content().strip()
    body = root.find(".//body")
    text = (body if body is not None else root).text_content()
    return title, text.splitlines()


def is_chrome(line: str) -> bool:
    return len(line) < 80 and any(p.search(line) for p in CHROME_PATTERNS)


def clean_text_line(line: str, stats: dict[str, int]) -> str:
    for token in INJECTED_TOKENS:
        if token in line:
            stats["injected_removed"] = stats.get("injected_removed", 0) + line.count(token)
            line = line.replace(token, "")
    line, footnotes = _FOOTNOTE.subn("", line)
    stats["footnotes_removed"] = stats.get("footnotes_removed", 0) + footnotes
    line = _SPACES.sub(" ", line).strip()
    return line


def clean_page(text: str, is_html: bool) -> CleanPage:
    stats: dict[str, int] = {"chrome_lines_removed": 0}
    title = ""
    raw_lines = text.splitlines()
    if is_html:
        title, raw_lines = html_to_lines(text)
    lines: list[str] = []
    published: str | None = None
    for raw in raw_lines:
        line = clean_text_line(raw, stats)
        if not line:
            continue
        if published is None and len(line) < 60:
            found = _DATE.search(line)
            if found:
                published = f"{found.group(1)}-{int(found.group(2)):02d}-{int(found.group(3)):02d}"
        if is_chrome(line):
            stats["chrome_lines_removed"] += 1
            continue
        # Run-together paragraphs: break before section headings glued to the previous sentence.
        lines.extend(part.strip() for part in _HEADING_BREAK.split(line) if part.strip())
    return CleanPage(title=clean_text_line(title, {}), lines=lines, published_date=published, stats=stats)
