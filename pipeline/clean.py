"""Page text → clean lines: markup, site chrome, metadata lines, spam tokens and footnote markers removed.

Works on HTML (rule-based reading cross-checked by density extractors, see `boilerplate.py`) and on
plain text scraped earlier. What counts as chrome is a list of line patterns seen across Chinese
government portals and aggregators (breadcrumbs, "扫一扫在手机打开当前页", print/close/font-size bars,
share buttons, footers with 网站标识码/ICP/主办单位, related links, pagination), not a per-site template,
so unseen portals are cleaned too. Character repair (NFKC, invisible characters, entities, footnotes) is
in `characters.py`, paragraph rebuilding in `paragraphs.py`, spam tokens in `injected.py`, copying sites'
domains and "本文来自…网" lines in `site_spam.py`.

Bare date lines ("2025-07-08") are kept: on aggregator pages they close each report and `split` reads
them. Labelled date lines ("发布时间：2024-02-27") give `published_date` and are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from govreports.errors import StepError
from pipeline.boilerplate import choose_content, extractor_candidates
from pipeline.characters import normalise, repair_line, repair_text
from pipeline.completeness import is_more_link
from pipeline.hard_wraps import join_hard_wraps
from pipeline.html_text import html_to_text
from pipeline.injected import detect_injected, remove_tokens
from pipeline.json_page import unwrap_json
from pipeline.paragraphs import rebuild_paragraphs, restore_literal_breaks
from pipeline.report_lines import TITLE_WORDS, is_title_line
from pipeline.site_spam import remove_site_spam

# Patterns are matched against short lines only (see `is_chrome`), so report sentences that merely
# mention 打印 or 联系我们 survive. Each list is one compiled alternation: a single match/search per short
# line (a page can have a million lines), anchored patterns tried at the line start only.
_TOOLBAR_ITEMS = ("字体|字号|默认|[大中小]|打印本页|打印此页|打印|关闭窗口|关闭本页|关闭|加入收藏|收藏本页|收藏|我要纠错|纠错|分享到|分享"
                  "|返回顶部|返回首页|返回列表|返回|保存本页|保存|放大|缩小|视力保护色|语音播报|朗读|推荐给朋友|转发|复制链接")
_TOOL_SEPARATORS = r"[\s【】\[\]|｜/·:：()（）]"
CHROME_AT_START = (
    r"(您|你)(当前|现在)?的?(位置|所在位置)",
    r"(当前位置|所在位置)",
    r"首页\s*[>›»/]",
    r"\[?【?\s*(打印|关闭|收藏|返回顶部|打印本页|关闭窗口|打印文章|返回)\s*[】\]]?(\s|$)",
    r"[【\[]?\s*(字号|字体)[:：]?\s*[大中小\s\[\]【】|]*$",
    r"(分享到|分享[:：])",
    r"(微信|微博|QQ空间|QQ好友|新浪微博)(\s|$)",
    # Editor credits often come bracketed: "(编辑:张三 责任编辑:李四)".
    r"[(（\[【]?\s*(上一篇|下一篇|上一条|下一条|相关链接|相关文章|相关阅读|相关新闻|推荐阅读|热点推荐|责任编辑|编辑[:：]|来源[:：]"
    r"|浏览次数|阅读次数|点击数|访问量)",
    # Article info bars: "作者:admin 点击数:1234", "信息来源:县政府办 发布时间:…", "撰稿:… 审核:…".
    r"(作者|发布者|发布人|发布机构|信息来源|文章来源|稿件来源|稿源|供稿|录入|撰稿|审核|校对|摄影)\s*[:：]",
    # A line made only of toolbar items: "【字体:大 中 小】【打印】【关闭】", "收藏 | 纠错 | 分享".
    rf"(?:{_TOOL_SEPARATORS}*(?:{_TOOLBAR_ITEMS}){_TOOL_SEPARATORS}*)+$",
    # View counters anywhere in a short line: "阅读(1580)", "浏览量:2,315", "点击:88".
    r".{0,60}?(?:阅读|浏览|点击)(?:次数|量|数)?\s*[:：(（]\s*\d",
    r"共\s*\d+\s*(页|条)",
    r"(首页|上一页|下一页|尾页|末页)(\s|$)",
    r"(电话|热线|咨询热线)?[:：]?\s*(\d{3,4}-\d{3,4}-\d{4}|\d{3,4}-\d{7,8})$",  # hotline banners
    r"[|｜>•·\-\s]*$",
)
CHROME_ANYWHERE = (
    r"扫一扫",
    r"版权所有|[Cc]opyright|COPYRIGHT|©|ICP备|ICP证|网站标识码|公网安备|主办单位|承办单位|主管单位|技术支持|网站地图"
    r"|联系我们|浏览器|最佳分辨率",
    r"点我投稿|投稿提示|立即获取",
)
_CHROME_START = re.compile("|".join(f"(?:{p})" for p in CHROME_AT_START), re.I)
# Literals only and case-sensitive: re.I makes this search several times slower. A search for their first
# characters gates it (a character class scans several times faster than an alternation).
_CHROME_ANYWHERE = re.compile("|".join(CHROME_ANYWHERE))
_CHROME_ANYWHERE_GATE = re.compile("[扫版Cc©I网公主承技联浏最点投立]")
_CHROME_MAX_CHARS = 80
# Visible text (after markup and chrome blocks are gone) beyond this is no report page: the largest
# aggregator pages carry ten reports in under a million characters. Refusing keeps a page to seconds.
MAX_PAGE_TEXT_CHARS = 5_000_000
_DATE_LABEL_LINE = re.compile(r"^(发布时间|发布日期|日期|时间|发文日期|成文日期|更新时间|印发日期)\s*[:：]")
_DATE = re.compile(r"(?:发布|日期|时间|发文日期|成文日期)[^0-9]{0,6}((?:19|20)\d{2})\s*[-/年.]\s*(\d{1,2})\s*[-/月.]"
                   r"\s*(\d{1,2})")
_CRUMB_START = re.compile(r"^\s*(?:(?:您|你)?(?:当前|现在)?的?(?:所在)?位置|当前位置)\s*[:：]?\s*|^\s*(?=(?:网站)?首页\s*[>›»])")
_CRUMB_SEPARATOR = re.compile(r"\s*(?:>>|->|[>›»→])\s*")
_TITLE_THEN_INFO = re.compile(r"^(?P<title>\S.{3,62}?)\s+(?:(?:19|20)\d{2}\s*[-年/.]\s*\d{1,2}\s*[-月/.]\s*\d{1,2}日?\s*)?"
                              r"(?:信息来源|文章来源|来源|发布时间|发布日期|作者|浏览次数|点击数|阅读|字号|字体)\s*[:：(（]")
_YEAR = re.compile(r"(?:19|20)\d{2}\s*年")
_BULLET_CHARS = "•·▪●◆■□-–—*"
_BULLET = re.compile(r"^[•·▪●◆■□\-–—*]\s+")
_DATE_WORDS = re.compile(r"发布|日期|时间")  # cheap gate before the full date pattern


@dataclass
class CleanPage:
    """A page reduced to content lines; `stats` counts what cleaning removed or repaired."""

    title: str
    lines: list[str]
    published_date: str | None = None
    stats: dict[str, int] = field(default_factory=dict)
    injected_tokens: list[str] = field(default_factory=list)
    content_source: str = "text"  # "text", "rules", "gne", "readability" or "markup_stripped"


def is_chrome(line: str) -> bool:
    if len(line) >= _CHROME_MAX_CHARS:
        return False
    if _CHROME_START.match(line):
        return True
    return bool(_CHROME_ANYWHERE_GATE.search(line) and _CHROME_ANYWHERE.search(line))


def page_title(title: str) -> str:
    """A page title without breadcrumbs ("首页 > 政务公开 > 政府工作报告 > 2015年…" → its last report-like
    crumb) and empty when it is only toolbar or site chrome ("【字体:大 中 小】")."""
    if _CRUMB_START.match(title) or len(_CRUMB_SEPARATOR.findall(title)) >= 2:
        crumbs = [crumb.strip() for crumb in _CRUMB_SEPARATOR.split(_CRUMB_START.sub("", title)) if crumb.strip()]
        titled = [crumb for crumb in crumbs if TITLE_WORDS.search(crumb)]
        title = (titled or crumbs or [""])[-1]
    return "" if is_chrome(title) and not TITLE_WORDS.search(title) else title


def _crumb_title(line: str) -> str | None:
    """The report title a breadcrumb line ends with ("当前位置:首页 > 规划计划 > 2019年XX县政府工作报告"), if any:
    some templates print the title nowhere else. Section names (no year) are not titles."""
    if not (_CRUMB_START.match(line) or _CRUMB_SEPARATOR.search(line)):
        return None
    last = _CRUMB_SEPARATOR.split(line)[-1].strip()
    return last if _YEAR.search(last) and is_title_line(last) else None


def labelled_date(line: str) -> str | None:
    found = _DATE.search(line[:200])
    if not found:
        return None
    year, month, day = int(found.group(1)), int(found.group(2)), int(found.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _html_lines(markup: str, stats: dict[str, int]) -> tuple[str, list[str], str | None, str]:
    """(title, content lines, published date, content source) of an HTML page."""
    reading = html_to_text(markup)
    stats["chrome_chars_removed"] += reading.chrome_chars
    published = labelled_date(f"发布日期 {normalise(reading.published)}")
    if not reading.parsed:
        return reading.title, reading.lines, published, "markup_stripped"
    if published is None:
        # The 发布时间 line often sits in the header block an extractor trims: read it first.
        published = next((date for line in reading.lines if len(line.strip()) < _CHROME_MAX_CHARS
                          and _DATE_LABEL_LINE.match(normalise(line)) and (date := labelled_date(normalise(line)))),
                         None)
    choice = choose_content(reading.lines, extractor_candidates(markup))
    stats["chrome_chars_removed"] += choice.trimmed_chars
    following = [line for line in reading.lines[choice.end:choice.end + 20] if line.strip()][:2]
    if any(is_more_link(line) for line in following):
        stats["more_link_after_content"] = 1  # an excerpt: split flags its report as truncated
    return reading.title, choice.lines, published, choice.source


def clean_page(text: str, is_html: bool) -> CleanPage:
    stats: dict[str, int] = {"chrome_lines_removed": 0, "chrome_chars_removed": 0, "footnotes_removed": 0,
                             "paragraphs_repaired": 0, "injected_removed": 0}
    title, published, source = "", None, "text"
    article = unwrap_json(text) if text[:1] in "{[" or text.lstrip()[:1] in "{[" or "(" in text[:80] else None
    if article is not None:  # an article served as JSON: read its content, markup or text
        text, is_html = article.content, article.is_markup
        stats["json_unwrapped"] = 1
    if is_html:
        title, raw_lines, published, source = _html_lines(text, stats)
        size = sum(map(len, raw_lines))
    else:
        size = len(text)
    if size > MAX_PAGE_TEXT_CHARS:
        raise StepError("clean", f"{size:,} characters of page text (markup and chrome removed) is more than any "
                                 f"report page carries (limit {MAX_PAGE_TEXT_CHARS:,})")
    if not is_html:
        raw_lines = text.splitlines()
    # Lines joined once so every character repair is one pass over the page (see characters.py).
    repaired = repair_text(restore_literal_breaks("\n".join(raw_lines)), stats)
    if article is not None and article.title:
        title = article.title
    title = page_title(normalise(repair_line(title, {})))
    # Site advertisements first (domains, "本文来自…网"), so the token detector sees the report's own words.
    title, repaired, spam = remove_site_spam(title, repaired)
    stats["injected_removed"] += spam.removed
    title = title.strip(" _|-")
    scan = detect_injected(title, repaired)
    if scan.tokens:
        title, _ = remove_tokens(title, scan.tokens)
    lines: list[str] = []
    for line in repaired:
        if scan.tokens:
            line, removed = remove_tokens(line, scan.tokens)
            stats["injected_removed"] += removed
        if not line:
            continue
        if line[0] in _BULLET_CHARS:
            line = _BULLET.sub("", line)
        if len(line) < _CHROME_MAX_CHARS:
            if (published is None or _DATE_LABEL_LINE.match(line)) and _DATE_WORDS.search(line):
                date = labelled_date(line)
                published = published or date
                if date and _DATE_LABEL_LINE.match(line):
                    stats["chrome_lines_removed"] += 1  # metadata, not report text
                    continue
            info = _TITLE_THEN_INFO.match(line)
            if info and is_title_line(info.group("title")):
                # "XX县2017年政府工作报告 2017-01-18 来源:县政府网 收藏 | 纠错": the heading ran into the info bar.
                stats["chrome_chars_removed"] += len(line) - info.end("title")
                line = info.group("title")
            if is_chrome(line):
                crumb = _crumb_title(line)
                if crumb is not None:  # keep the breadcrumb's last item, a report title
                    stats["chrome_chars_removed"] += len(line) - len(crumb)
                    lines.append(crumb)
                    continue
                stats["chrome_lines_removed"] += 1
                stats["chrome_chars_removed"] += len(line)
                if "下一页" in line:  # pagination: a report on this page continues elsewhere (split flags it)
                    stats["next_page_links"] = stats.get("next_page_links", 0) + 1
                continue
        parts = rebuild_paragraphs(line, stats)
        stats["paragraphs_repaired"] += len(parts) - 1
        lines.extend(parts)
    lines = join_hard_wraps(lines, stats)  # PDF/OCR copies: lines broken at the page width
    return CleanPage(title=title.strip(), lines=lines, published_date=published, stats=stats,
                     injected_tokens=scan.tokens + spam.tokens, content_source=source)
