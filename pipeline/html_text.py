"""HTML → visible text lines, plus what the markup itself says about title and publication date.

Chinese government portals follow the site-standard meta tags (ArticleTitle, PubDate), wrap the
article in templates whose navigation, share bars and footers are plain <div class="nav|share|footer">,
and often serve broken markup. Title and date are read before chrome is dropped, because templates put
the <h1> and the 发布时间 line inside <header>-like blocks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

_DROP_TAGS = ("script", "style", "noscript", "iframe", "form", "select", "button", "nav", "header", "footer",
              "object", "embed", "svg", "template", "aside")
_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section", "article",
               "ul", "ol", "dd", "dt", "blockquote", "pre", "td", "hr"}
# class/id tokens of template chrome; "head"/"top" are left out because they often wrap the <h1>.
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|footer|foot|breadcrumb|crumbs?|bread|share|bdshare\w*|toolbar|sidebar|"
    r"friendlink|links|position|location|weizhi|dqwz|print|copyright|banner)(?:$|[\s_\d-])",
    re.I,
)
# A block that holds this share of the page text is content, whatever its class says.
_MAX_CHROME_SHARE = 0.3
_META_TITLE = ("articletitle", "og:title", "title")
_META_DATE = ("pubdate", "publishdate", "article:published_time", "firstpublishedtime", "createdate", "date")
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_TAG = re.compile(r"<[^>]+>")
_SITE_SUFFIX = re.compile(r"\s*[_|｜]\s*|\s+[-–—]\s+")


@dataclass
class HtmlText:
    title: str = ""
    published: str = ""  # raw meta value; the caller parses it like any labelled date
    lines: list[str] = field(default_factory=list)


def _meta(root: etree._Element, names: tuple[str, ...]) -> str:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or "").strip().lower()
        if key in names and (el.get("content") or "").strip():
            found.setdefault(key, el.get("content", "").strip())
    return next((found[name] for name in names if name in found), "")


def _drop_chrome(root: etree._Element) -> None:
    for tag in _DROP_TAGS:
        for el in list(root.iter(tag)):
            if el.getparent() is not None:
                el.drop_tree()
    total = len(root.text_content()) or 1
    for el in list(root.iter()):
        if not isinstance(el.tag, str) or el.getparent() is None:
            continue
        hint = f"{el.get('class') or ''} {el.get('id') or ''}"
        if _CHROME_CLASS.search(hint) and len(el.text_content()) < _MAX_CHROME_SHARE * total:
            el.drop_tree()


def html_to_text(markup: str) -> HtmlText:
    """Visible text, one line per block element; title = ArticleTitle meta, else <h1>, else <title>."""
    markup = _XML_DECLARATION.sub("", markup)
    try:
        root = lxml_html.fromstring(markup)
    except (etree.ParserError, ValueError):
        # Markup lxml cannot parse at all: strip tags, keep the text.
        return HtmlText(lines=_TAG.sub("\n", markup).splitlines())
    result = HtmlText(published=_meta(root, _META_DATE))
    heading = root.find(".//h1")
    title_el = root.find(".//title")
    if heading is not None and heading.text_content().strip():
        result.title = heading.text_content().strip()
    elif title_el is not None and title_el.text_content().strip():
        result.title = _SITE_SUFFIX.split(title_el.text_content().strip())[0]
    result.title = _meta(root, _META_TITLE[:2]) or result.title
    _drop_chrome(root)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
            if el.tag.lower() != "br":
                el.text = "\n" + (el.text or "")
    body = root.find(".//body")
    result.lines = (body if body is not None else root).text_content().splitlines()
    return result
