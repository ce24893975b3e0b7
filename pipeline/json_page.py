"""Articles served inside JSON: {"title": "…", "content": "<p>…</p>"} instead of a page.

Newer portals (and the APIs behind their single-page front ends) answer an article URL with JSON, often
nested ({"code": 0, "data": {"article": {…}}}), sometimes as JSONP (callback({...});). Crawls store that
body as it came, and reading it as text would keep quotes, keys and "\\n" escapes. The article is the
object holding the longest string under a content-like key; its title is that object's title-like key.
The content may itself be markup, which the caller then reads as HTML.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

_CONTENT_KEYS = ("content", "body", "text", "article", "articlecontent", "contenthtml", "htmlcontent", "html",
                 "detail", "context", "txt", "zw", "maintext", "content_html", "article_content")
_TITLE_KEYS = ("title", "articletitle", "headline", "name", "subject", "doctitle", "bt", "article_title")
_JSONP = re.compile(r"^\s*[A-Za-z_$][\w$.]{0,80}\s*\((?P<body>[\s\S]*)\)\s*;?\s*$")
_MAX_DEPTH = 20
_MIN_CONTENT_CHARS = 50  # a shorter string is a summary or a label, not an article
_MARKUP = re.compile(r"<(?:p|div|br|span|table|h[1-6]|section|article)\b", re.I)


@dataclass(frozen=True)
class JsonArticle:
    title: str
    content: str
    is_markup: bool


def _parse(text: str) -> object | None:
    start = text.lstrip()[:1]
    if start not in "{[":
        jsonp = _JSONP.match(text)
        if not jsonp:
            return None
        text = jsonp.group("body")
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        return None


def _articles(value: object, depth: int = 0) -> list[tuple[str, str]]:
    """(title, content) of every object with a content-like string, searched to a bounded depth."""
    if depth > _MAX_DEPTH:
        return []
    found: list[tuple[str, str]] = []
    if isinstance(value, dict):
        keys = {str(key).lower(): item for key, item in value.items()}
        content = next((keys[key] for key in _CONTENT_KEYS if isinstance(keys.get(key), str)), None)
        if content and len(content) >= _MIN_CONTENT_CHARS:
            title = next((keys[key] for key in _TITLE_KEYS if isinstance(keys.get(key), str)), "")
            found.append((title, content))
        children = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return []
    for child in children:
        if isinstance(child, (dict, list)):
            found.extend(_articles(child, depth + 1))
    return found


def unwrap_json(text: str) -> JsonArticle | None:
    """The article a JSON (or JSONP) body carries; None for anything else."""
    stripped = text.lstrip()
    if not stripped or (stripped[0] not in "{[" and "(" not in stripped[:80]):
        return None
    parsed = _parse(stripped)
    if parsed is None:
        return None
    articles = _articles(parsed)
    if not articles:
        return None
    title, content = max(articles, key=lambda article: len(article[1]))
    return JsonArticle(title=title.strip(), content=content, is_markup=bool(_MARKUP.search(content[:5000])))
