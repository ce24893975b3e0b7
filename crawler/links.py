"""Generic link heuristics for government-portal style sites: which links on a list page are more pages
of the same list (pagination) and which are the articles it lists (detail pages).

Pure functions over URLs and markup, no Scrapy; a registry entry's CSS selectors (`detail_links`,
`pagination_links`) narrow where links are taken from, and these rules remain the classification.
Portal conventions they encode:

* list pages are `index.html`, `index_1.html`, `index_2.html` … (TRS), `list_2.html`, `default_3.htm`, or
  one path with `?page=2` / `pageNo=` / `curPage=` …; pagination stays in the list's directory;
* TRS sites often draw the pager with `createPageHTML(total, current, "index", "html")` in a script,
  so those pages are generated from the call;
* detail pages carry an id or a date in the URL (`t20240227_12873451.html`, `art/2024/2/27/art_1_2.html`,
  `info/1043/24567.htm`, `content_123.html`, `?id=42`) or at least a title-length anchor text;
* navigation, breadcrumbs, footers and share bars are template chrome: their links are not followed;
* each list entry's date (in its row: `<li><a>…</a><span>2024-02-27</span></li>`) is kept with the link,
  so a changed entry (re-dated or re-titled) signals a changed report;
* list pages are numbered (`index_3.html`, `list_3.html`, `?page=3`): walking a list goes to the next
  number only (`next_page`), since lists run newest first and the walk stops where nothing is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qsl, urldefrag, urlencode, urljoin, urlsplit, urlunsplit

from lxml import etree
from lxml import html as lxml_html


class LinkKind(Enum):
    PAGINATION = "pagination"
    DETAIL = "detail"
    IGNORE = "ignore"


@dataclass(frozen=True)
class Link:
    url: str
    text: str = ""
    date: str = ""  # a date written in the link's list row, if any


_LIST_FILE = re.compile(r"^(?:index|list|default|more|column)(?:[_-]\d+)?\.(?:s?html?|jsp|aspx?|php)$", re.I)
_PAGE_PARAMS = {"page", "pageno", "page_no", "pageindex", "pagenum", "p", "pn", "curpage", "currentpage", "pagecount",
                "start", "offset"}
_PAGER_TEXT = re.compile(r"^(?:\d{1,4}|下一?页|上一?页|首页|尾页|末页|前一?页|后一?页|next|prev(?:ious)?|last|first|[<>«»]+)$",
                         re.I)
_ASSET = re.compile(r"\.(?:css|js|json|xml|rss|jpe?g|png|gif|bmp|webp|svg|ico|mp[34]|avi|flv|swf|woff2?|ttf|eot"
                    r"|zip|rar|7z|gz|exe|apk)$", re.I)
_ATTACHMENT = re.compile(r"\.(?:pdf|docx?|wps|xlsx?|txt)$", re.I)
_PAGE_EXT = re.compile(r"(?:\.(?:s?html?|jsp|aspx?|php|jhtml)|/[^./]*)$", re.I)
# An id or date in the URL: t20240227_1234.html, /202402/, /2024-02/, /art/2024/, content_123, 24567.htm, ?id=9
_ARTICLE_URL = re.compile(
    r"(?:/t\d{8}_\d+|/(?:19|20)\d{2}[-_/]?[01]\d(?:[-_/]?[0-3]\d)?/|/art/\d{4}/|/(?:content|article|detail|info|"
    r"show|view|news)[_/-]?\d+|/\d{3,}\.\w+$|[?&](?:id|aid|articleid|docid|contentid|infoid)=\d+)",
    re.I,
)
# Anchor text at least this long (after trimming) reads as an article title rather than a menu item.
_MIN_TITLE_CHARS = 8
_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#")
# class/id tokens of template chrome whose links lead elsewhere (menus, other columns, partner sites).
_CHROME_HINT = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|header|footer|foot|breadcrumbs?|crumbs?|position|location|dqwz|weizhi|share|"
    r"bdshare\w*|friendlinks?|yqlj|toolbar|topbar|banner|sidebar|copyright|related|xglj)(?:$|[\s_\d-])",
    re.I,
)
_CHROME_TAGS = ("nav", "header", "footer", "aside", "script", "style", "noscript", "template")
_ROW_TAGS = ("li", "tr", "dd", "dt", "p")
_ROW_DATE = re.compile(r"(?:19|20)\d{2}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}|(?:19|20)\d{2}[-./]\d{1,2}(?![\d])")
_PAGE_SUFFIX = re.compile(r"[_-](\d+)\.\w+$")
_CREATE_PAGE = re.compile(r"createPageHTML\(\s*['\"]?(\d+)['\"]?\s*,\s*['\"]?(\d+)['\"]?\s*,\s*['\"](\w+)['\"]\s*,"
                          r"\s*['\"](\w+)['\"]")


def site_of(url: str) -> str:
    """Host (without a leading www.) and port: links between www.x and x stay on one site."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    host = host[4:] if host.startswith("www.") else host
    return f"{host}:{parts.port}" if parts.port else host


def _directory(path: str) -> str:
    return path[: path.rfind("/") + 1] if "/" in path else "/"


def _filename(path: str) -> str:
    return path[path.rfind("/") + 1:]


def _query_without_paging(query: str) -> list[tuple[str, str]]:
    return sorted((k, v) for k, v in parse_qsl(query, keep_blank_values=True) if k.lower() not in _PAGE_PARAMS)


def list_page_key(url: str) -> str:
    """One key per list page: `dir/`, `dir/index.html` and `dir/default.htm` are the same first page."""
    parts = urlsplit(url)
    path = parts.path or "/"
    name = _filename(path)
    if re.fullmatch(r"(?:index|default)\.\w+", name, re.I):
        path = _directory(path)
    return urlunsplit((parts.scheme, parts.netloc.lower(), path, urlencode(sorted(parse_qsl(parts.query))), ""))


def is_pagination(list_url: str, link: Link) -> bool:
    """Another page of the list at `list_url`: same site and directory, list-like name or page parameter."""
    here, there = urlsplit(list_url), urlsplit(link.url)
    if site_of(list_url) != site_of(link.url) or _directory(here.path or "/") != _directory(there.path or "/"):
        return False
    if _query_without_paging(here.query) != _query_without_paging(there.query):
        return False
    name_here, name_there = _filename(here.path), _filename(there.path)
    listish = name_there == "" or bool(_LIST_FILE.match(name_there)) or name_there == name_here
    pager_text = bool(_PAGER_TEXT.match(link.text.strip()))
    if not (listish or (pager_text and not _ARTICLE_URL.search(link.url))):
        return False
    return list_page_key(link.url) != list_page_key(list_url)


def _looks_like_listing(url: str) -> bool:
    path = urlsplit(url).path or "/"
    name = _filename(path)
    return name == "" or bool(_LIST_FILE.match(name))


def classify(list_url: str, link: Link) -> LinkKind:
    """What a link found on the list page at `list_url` is to the crawler."""
    parts = urlsplit(link.url)
    if parts.scheme not in ("http", "https") or site_of(link.url) != site_of(list_url):
        return LinkKind.IGNORE
    if _ASSET.search(parts.path):
        return LinkKind.IGNORE
    if is_pagination(list_url, link):
        return LinkKind.PAGINATION
    if _ATTACHMENT.search(parts.path):
        return LinkKind.DETAIL  # reports are often PDF/Word attachments; the workers decide what they can read
    if _looks_like_listing(link.url) and not _ARTICLE_URL.search(link.url):
        return LinkKind.IGNORE  # another column's list page or a site section
    if not _PAGE_EXT.search(parts.path):
        return LinkKind.IGNORE
    if _ARTICLE_URL.search(link.url) or len(link.text.strip()) >= _MIN_TITLE_CHARS:
        return LinkKind.DETAIL
    return LinkKind.IGNORE


def same_site_page(list_url: str, link: Link) -> bool:
    """An http(s) page or file of the list's own site (not an image/script asset): what a registry
    `detail_links` selector may pick, whatever its URL looks like."""
    parts = urlsplit(link.url)
    return (parts.scheme in ("http", "https") and site_of(link.url) == site_of(list_url)
            and not _ASSET.search(parts.path))


def is_attachment(url: str) -> bool:
    """A PDF/Word/WPS/spreadsheet/text file rather than a page."""
    return bool(_ATTACHMENT.search(urlsplit(url).path))


def page_number(url: str) -> int:
    """Position of a list page in its list: `index.html` / `dir/` 0, `index_3.html` 3, `?page=3` 3."""
    parts = urlsplit(url)
    for key, value in parse_qsl(parts.query):
        if key.lower() in _PAGE_PARAMS and value.isdigit():
            return int(value)
    match = _PAGE_SUFFIX.search(_filename(parts.path or "/"))
    return int(match.group(1)) if match and _LIST_FILE.match(_filename(parts.path)) else 0


def next_page(list_url: str, pages: list[Link]) -> list[Link]:
    """The following page of the list among its pagination links: the lowest number above this page's.
    When no number tells (pager links by text only), a 下一页/next link, else every pagination link."""
    here = page_number(list_url)
    later = [(page_number(link.url), link) for link in pages if page_number(link.url) > here]
    if later:
        lowest = min(number for number, _ in later)
        return [link for number, link in later if number == lowest][:1]
    nexts = [link for link in pages if re.fullmatch(r"下一?页|后一?页|next|[>»]+", link.text.strip(), re.I)]
    if nexts:
        return nexts[:1]
    return [] if any(page_number(link.url) for link in pages) else pages


def drop_chrome(root: etree._Element) -> None:
    """Remove template chrome (navigation, headers, footers, share bars, related links) in place."""
    for element in list(root.iter(*_CHROME_TAGS)):
        if element.getparent() is not None:
            element.drop_tree()
    for element in list(root.iter()):
        if not isinstance(element.tag, str) or element.getparent() is None or element.tag in ("html", "body"):
            continue
        if _CHROME_HINT.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            element.drop_tree()


def _clean_text(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _row_date(anchor: etree._Element) -> str:
    node, steps = anchor.getparent(), 0
    while node is not None and steps < 3:
        if node.tag in _ROW_TAGS:
            match = _ROW_DATE.search(node.text_content())
            return re.sub(r"\s+", "", match.group(0)) if match else ""
        node, steps = node.getparent(), steps + 1
    sibling = anchor.getnext()
    match = _ROW_DATE.search(sibling.text_content()) if sibling is not None else None
    return re.sub(r"\s+", "", match.group(0)) if match else ""


def _anchors(root: etree._Element, selector: str | None) -> list[etree._Element]:
    if not selector:
        return list(root.iter("a"))
    found: list[etree._Element] = []
    for element in root.cssselect(selector):
        found.extend([element] if element.tag == "a" else element.iter("a"))
    return found


def extract_links(markup: str, page_url: str, selector: str | None = None) -> list[Link]:
    """Links of the page's content area in document order (chrome removed), absolute and without fragment.

    The longer of anchor text and `title` attribute is kept: lists cut long titles with "…" and carry the
    full one in `title`. Pager pages drawn by a `createPageHTML(...)` script are added as links. With a CSS
    `selector`, only anchors inside (or being) the selected elements count, chrome included.
    """
    try:
        root = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        return []
    base = page_url
    base_el = root.find(".//base[@href]")
    if base_el is not None:
        base = urljoin(page_url, base_el.get("href", "").strip())
    script_pages = _script_pager_links(markup, page_url) if not selector else []
    if not selector:
        drop_chrome(root)
    found: dict[str, Link] = {}
    for anchor in _anchors(root, selector):
        href = (anchor.get("href") or "").strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        url = urldefrag(urljoin(base, href))[0]
        text = max(_clean_text(anchor.text_content()), _clean_text(anchor.get("title") or ""), key=len)
        if url not in found or len(text) > len(found[url].text):
            found[url] = Link(url, text, _row_date(anchor))
    for link in script_pages:
        found.setdefault(link.url, link)
    return list(found.values())


def _script_pager_links(markup: str, page_url: str) -> list[Link]:
    """TRS pager: createPageHTML(count, current, "index", "html") → index.html, index_1.html … index_{count-1}."""
    match = _CREATE_PAGE.search(markup)
    if not match:
        return []
    count, stem, ext = min(int(match.group(1)), 1000), match.group(3), match.group(4)
    names = [f"{stem}.{ext}"] + [f"{stem}_{i}.{ext}" for i in range(1, count)]
    return [Link(urljoin(page_url, name), "") for name in names]
