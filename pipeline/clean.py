"""Page text → clean lines: markup, site chrome, metadata lines and footnote markers removed.

Works on HTML (block elements become line breaks, script/style/nav/header/footer dropped) and on plain
text scraped earlier. What counts as chrome is a list of line patterns seen across Chinese government
portals and aggregators (breadcrumbs, "扫一扫在手机打开当前页", print/close/font-size bars, share buttons,
footers with 网站标识码/ICP/主办单位, related links, pagination), not a per-site template, so unseen portals
are cleaned too. Text is NFKC-normalised (full-width digits, letters, punctuation and spaces become ASCII)
so every later step sees one form whether the page was GBK HTML or a normalised text copy; circled
numbers are exempt because NFKC would turn list markers like ② into plain digits.

Bare date lines ("2025-07-08") are kept: on aggregator pages they close each report and `split` reads
them. Labelled date lines ("发布时间：2024-02-27") give `published_date` and are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.html_text import html_to_text

# Patterns are matched against short lines only (see `is_chrome`), so report sentences that merely
# mention 打印 or 联系我们 survive.
CHROME_PATTERNS = [re.compile(p, re.I) for p in (
    r"^(您|你)(当前|现在)?的?(位置|所在位置)",
    r"^(当前位置|所在位置)",
    r"^首页\s*[>›»/]",
    r"扫一扫",
    r"^\[?【?\s*(打印|关闭|收藏|返回顶部|打印本页|关闭窗口|打印文章|返回)\s*[】\]]?(\s|$)",
    r"^[【\[]?\s*(字号|字体)[:：]?\s*[大中小\s\[\]【】|]*$",
    r"^(分享到|分享[:：])",
    r"^(微信|微博|QQ空间|QQ好友|新浪微博)(\s|$)",
    r"(版权所有|copyright|©|ICP备|ICP证|网站标识码|公网安备|主办单位|承办单位|主管单位|技术支持|网站地图|联系我们"
    r"|建议使用.{0,20}浏览器|最佳分辨率)",
    r"^(上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关新闻|推荐阅读|热点推荐|责任编辑|编辑[:：]|来源[:：]"
    r"|浏览次数|阅读次数|点击数|访问量)",
    r"(点我投稿|投稿提示|立即获取)",
    r"^共\s*\d+\s*(页|条)",
    r"^(首页|上一页|下一页|尾页|末页)(\s|$)",
    r"^(电话|热线|咨询热线)?[:：]?\s*(\d{3,4}-\d{3,4}-\d{4}|\d{3,4}-\d{7,8})$",  # hotline banners
    r"^[|｜>•·\-\s]*$",
)]
_CHROME_MAX_CHARS = 80
# Words injected by aggregators/scrapers in place of real words (never a region or an organisation):
# a data list, extended as they are found.
INJECTED_TOKENS = ("亚洲通",)
_DATE_LABEL_LINE = re.compile(r"^(发布时间|发布日期|日期|时间|发文日期|成文日期|更新时间|印发日期)\s*[:：]")
_DATE = re.compile(r"(?:发布|日期|时间|发文日期|成文日期)[^0-9]{0,6}((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]"
                   r"\s*(\d{1,2})")
# Footnote markers like 〔1〕 [2]: three digits at most, so document numbers such as 〔2020〕 survive.
_BRACKET_FOOTNOTE = re.compile(r"〔\d{1,3}〕|\[\d{1,3}\]|[¹²³⁴-⁹⁰]+")
# A circled number is a footnote when it trails a word and is followed by punctuation or the line end;
# at the start of a clause ("。②加强…") it is list numbering and stays.
_CIRCLED_FOOTNOTE = re.compile(r"(?<=[\u4e00-\u9fff”」)）])[\u2460-\u2473\u2776-\u277f]+(?=[,，.。;；:：、!！?？)）]|$)")
_NFKC_EXEMPT = re.compile(r"[^\u2460-\u24ff\u2776-\u2793]+")
_SPACES = re.compile(r"[ \t\u3000\xa0\u2002\u2003\u200b\ufeff]+")
_BULLET = re.compile(r"^[•·▪●◆■□\-–—*]\s+")
# Run-together paragraphs: a section heading glued to the previous sentence starts a new line.
_HEADING_BREAK = re.compile(
    r"(?<=[。!?;！？；])\s*(?=(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十]{1,3}[)）]|第[一二三四五六七八九十]{1,3}部分"
    r"|各位代表[,，:：!！]|(?:附[:：]?)?(?:名词解释|名词注释|注释)[:：]?\s*1[.、．]))"
    # "…重点抓好以下六个方面工作:(一)…": a colon introducing a numbered sub-section.
    r"|(?<=[:：])\s*(?=[(（][一二三四五六七八九十]{1,3}[)）])"
)


@dataclass
class CleanPage:
    """A page reduced to content lines; `stats` counts what cleaning removed or repaired."""

    title: str
    lines: list[str]
    published_date: str | None = None
    stats: dict[str, int] = field(default_factory=dict)


def normalise(line: str) -> str:
    """NFKC except circled numbers; whitespace runs collapsed."""
    line = _NFKC_EXEMPT.sub(lambda m: unicodedata.normalize("NFKC", m.group()), line)
    return _SPACES.sub(" ", line).strip()


def is_chrome(line: str) -> bool:
    return len(line) < _CHROME_MAX_CHARS and any(p.search(line) for p in CHROME_PATTERNS)


def strip_injected(line: str, stats: dict[str, int]) -> str:
    for token in INJECTED_TOKENS:
        if token in line:
            stats["injected_removed"] = stats.get("injected_removed", 0) + line.count(token)
            line = line.replace(token, "")
    return line


def strip_footnotes(line: str, stats: dict[str, int]) -> str:
    line, bracketed = _BRACKET_FOOTNOTE.subn("", line)
    line, circled = _CIRCLED_FOOTNOTE.subn("", line)
    stats["footnotes_removed"] = stats.get("footnotes_removed", 0) + bracketed + circled
    return line


def labelled_date(line: str) -> str | None:
    found = _DATE.search(line)
    if not found:
        return None
    year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def clean_page(text: str, is_html: bool) -> CleanPage:
    stats: dict[str, int] = {"chrome_lines_removed": 0, "footnotes_removed": 0, "paragraphs_repaired": 0}
    title = ""
    raw_lines = text.splitlines()
    published: str | None = None
    if is_html:
        markup = html_to_text(text)
        title, raw_lines = markup.title, markup.lines
        published = labelled_date(f"发布日期 {normalise(markup.published)}")
    lines: list[str] = []
    for raw in raw_lines:
        line = _BULLET.sub("", normalise(strip_footnotes(strip_injected(raw, stats), stats)))
        if not line:
            continue
        if len(line) < _CHROME_MAX_CHARS and (published is None or _DATE_LABEL_LINE.match(line)):
            date = labelled_date(line)
            published = published or date
            if date and _DATE_LABEL_LINE.match(line):
                stats["chrome_lines_removed"] += 1  # metadata, not report text
                continue
        if is_chrome(line):
            stats["chrome_lines_removed"] += 1
            continue
        parts = [part.strip() for part in _HEADING_BREAK.split(line) if part.strip()]
        stats["paragraphs_repaired"] += len(parts) - 1
        lines.extend(parts)
    return CleanPage(title=normalise(strip_injected(title, {})), lines=lines, published_date=published, stats=stats)
