"""HTML → visible text lines, plus what the markup itself says about title and publication date.

Chinese government portals follow the site-standard meta tags (ArticleTitle, PubDate), wrap the
article in templates whose navigation, share bars and footers are plain <div class="nav|share|footer">,
and often serve broken markup. Title and date are read before chrome is dropped, because templates put
the <h1> and the 发布时间 line inside <header>-like blocks.

This module gives the rule-based reading of a page (every block except tag- and class-named chrome);
`boilerplate.py` cross-checks it with density-based extractors. Markup libxml2 cannot hold (nesting
deeper than its limit, which silently truncates the tree) is read by a linear tag stripper instead.
"""

from __future__ import annotations

import html
import itertools
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

# <form> itself is kept: ASP.NET and VSB (博达) templates wrap the whole article in one; its controls go.
_DROP_TAGS = ("script", "style", "noscript", "iframe", "select", "button", "textarea", "nav", "header", "footer",
              "object", "embed", "svg", "template", "aside")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "ul", "ol", "dd", "dt", "blockquote", "pre", "td", "hr", "main", "center", "dl", "th", "caption"}
# class/id tokens of template chrome; "head"/"top" are left out because they often wrap the <h1>.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumb|crumbs?|bread|share|bdshare\w*|toolbar|sidebar|"
    r"friendlink|links|position|location|weizhi|dqwz|print|copyright|banner)(?:$|[\s_\d-])",
    re.I,
)
# A block that holds this share of the page text is content, whatever its class says.
_MAX_CHROME_SHARE = 0.3
_LIST_TAGS = ("ul", "ol", "dl", "table")  # lxml's HTML parser lower-cases tag names
_MIN_LIST_LINKS = 5
_LINK_LIST_SHARE = 0.6
_SAMPLE_ROWS = 200
_SENTENCE_CHARS = 60
_META_TITLE = ("articletitle", "og:title", "title")
_META_DATE = ("pubdate", "publishdate", "article:published_time", "firstpublishedtime", "createdate", "date")
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]{0,500}\?>")
_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")
# Linear fallback: bounded tag bodies so a "<" without ">" cannot make the scan quadratic.
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]{0,15})?[^<>]{0,4000}>")
_TITLE_TAG = re.compile(r"<title[^<>]{0,200}>([^<]{0,500})</title", re.I)
_INVISIBLE_BLOCKS = ("script", "style", "noscript", "template", "title")
_INVISIBLE_OPEN = re.compile(r"<(script|style|noscript|template|title)\b|<!--", re.I)
_INVISIBLE_CLOSE = {tag: re.compile(rf"</{tag}[^<>]{{0,100}}>", re.I) for tag in _INVISIBLE_BLOCKS} | {
    "--": re.compile("-->")}


@dataclass
class HtmlText:
    title: str = ""
    published: str = ""  # raw meta value; the caller parses it like any labelled date
    lines: list[str] = field(default_factory=list)
    chrome_chars: int = 0  # visible characters dropped with tag- or class-named chrome blocks
    parsed: bool = True  # False when the markup was read by the linear tag stripper


def parse_markup(markup: str) -> etree._Element | None:
    """The lxml tree, or None when libxml2 cannot hold the page (no content, or it hit a resource limit
    such as nesting depth and stopped reading: the rest of the page would be lost without an error)."""
    parser = lxml_html.HTMLParser(huge_tree=True)
    # lxml keeps control characters from the source but refuses them in any text set later; they are
    # never visible, so they go before parsing.
    markup = _CONTROL_CHARS.sub("", _XML_DECLARATION.sub("", markup, count=1))
    try:
        root = lxml_html.fromstring(markup, parser=parser)
    except (etree.ParserError, ValueError):
        return None
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        return None
    return root


def tree_depth(root: etree._Element) -> int:
    """Deepest element nesting, in one linear walk."""
    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def element_lines(element: etree._Element) -> list[str]:
    """Visible text of `element`, one line per block element. Mutates the subtree (inserts breaks)."""
    # iter(*tags) filters in C: only block elements get a Python proxy (a page can have millions).
    for el in element.iter(*_BLOCK_TAGS):
        el.tail = "\n" + (el.tail or "")
        if el.tag.lower() != "br":
            el.text = "\n" + (el.text or "")
    return element.text_content().splitlines()


def _meta(root: etree._Element, names: tuple[str, ...]) -> str:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        if key in names and (el.get("content") or "").strip():
            found.setdefault(key, el.get("content", "").strip())
    return next((found[name] for name in names if name in found), "")


def _drop_chrome(root: etree._Element) -> int:
    """Drop chrome blocks (tag-named, class/id-named, link lists); returns how many visible characters
    went with them."""
    for el in list(root.iter(*_DROP_TAGS[:4])):  # never visible: not counted as chrome
        if el.getparent() is not None:
            el.drop_tree()
    before = len(root.text_content())
    for el in list(root.iter(*_DROP_TAGS[4:])):
        if el.getparent() is not None:
            el.drop_tree()
    total = before or 1
    # Only elements that carry a class or id can be class-named chrome; XPath finds them in C.
    for el in root.xpath("//*[@class or @id]"):
        if el.getparent() is None or not _CHROME_CLASS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            continue
        if len(el.text_content()) < _MAX_CHROME_SHARE * total:
            el.drop_tree()
    # Lists and tables, and blocks holding at least a list's worth of links (div menus); XPath filters in C.
    containers = list(root.iter(*_LIST_TAGS)) + root.xpath(f"//div[count(.//a) >= {_MIN_LIST_LINKS}]")
    for el in containers:
        if el.getparent() is not None and _is_link_list(el):
            el.drop_tree()
    return before - len(root.text_content())


def _link_share(el: etree._Element) -> float:
    link_chars = sum(len(text.strip()) for text in el.xpath("descendant::text()[ancestor::a]"))
    return link_chars / max(el.xpath("string-length(normalize-space(.))"), 1)


def _is_link_list(el: etree._Element) -> bool:
    """A list or table whose text is nearly all link text: navigation, related articles, other reports.
    No share guard here: a report is never mostly links, however much of the page a link list fills.
    Judged on its first rows (a list can hold a million links; its first rows show what it is)."""
    if el.xpath("count(.//a)") < _MIN_LIST_LINKS:
        return False
    # A sentence outside any link means report text (old portals lay out whole pages in tables): keep.
    if el.xpath(f"count(.//text()[not(ancestor::a)][string-length(normalize-space(.)) > {_SENTENCE_CHARS}])"):
        return False
    rows = list(itertools.islice(el.iter("li", "tr", "dt", "dd") if el.tag != "div" else el, _SAMPLE_ROWS))
    if not rows:
        return _link_share(el) >= _LINK_LIST_SHARE
    return sum(_link_share(row) for row in rows) / len(rows) >= _LINK_LIST_SHARE


def _without_invisible_blocks(markup: str) -> str:
    """Remove <script>…</script>-like blocks, the <title> (read separately) and comments; each search
    resumes where the last ended, so the scan is linear however many (or unclosed) blocks there are."""
    pieces: list[str] = []
    position = 0
    while True:
        opener = _INVISIBLE_OPEN.search(markup, position)
        if opener is None:
            pieces.append(markup[position:])
            return "".join(pieces)
        pieces.append(markup[position:opener.start()])
        kind = (opener.group(1) or "--").lower()
        closer = _INVISIBLE_CLOSE[kind].search(markup, opener.end())
        if closer is None and kind == "title":
            position = opener.end()  # a broken <title> hides nothing after it
        elif closer is None:
            return "".join(pieces)  # an unclosed script or comment runs to the end of the page
        else:
            position = closer.end()


def strip_markup(markup: str) -> HtmlText:
    """Text of markup lxml cannot hold: block tags become line breaks, other tags vanish."""
    title = _TITLE_TAG.search(markup[:100_000])
    visible = _without_invisible_blocks(markup)

    def replace(tag: re.Match[str]) -> str:
        name = (tag.group(2) or "").lower()
        return "\n" if name in _BLOCK_TAGS else ""

    text = html.unescape(_TAG.sub(replace, visible))
    page_title = _SITE_SUFFIX.split(html.unescape(title.group(1)).strip())[0] if title else ""
    return HtmlText(title=page_title, lines=text.splitlines(), parsed=False)


def html_to_text(markup: str) -> HtmlText:
    """Visible text, one line per block element; title = ArticleTitle meta, else <h1>, else <title>."""
    root = parse_markup(markup)
    if root is None:
        return strip_markup(markup)
    result = HtmlText(published=_meta(root, _META_DATE))
    heading = root.find(".//h1")
    title_el = root.find(".//title")
    if heading is not None and heading.text_content().strip():
        result.title = heading.text_content().strip()
    elif title_el is not None and title_el.text_content().strip():
        result.title = _SITE_SUFFIX.split(title_el.text_content().strip())[0]
    result.title = _meta(root, _META_TITLE[:2]) or result.title
    result.chrome_chars = _drop_chrome(root)
    body = root.find(".//body")
    result.lines = element_lines(body if body is not None else root)
    return result
