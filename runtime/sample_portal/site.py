"""Build the sample portal once, in memory: URL path (with query) → `Page` (bytes, content type, ETag).

Built from the seed files at first use (never written to disk, so no generated copy of the seed text is
committed). Pages of the GBK site are encoded as GBK and declared gb2312 in both `<meta charset>` and
the Content-Type header, as such portals do; characters outside GBK would become numeric references.
"""

from __future__ import annotations

import hashlib
import posixpath
from dataclasses import dataclass
from functools import lru_cache
from html import escape

from runtime.sample_portal import seeds, style_aggregator, style_district, style_vsb
from runtime.sample_portal.catalogue import (
    AGGREGATOR,
    BISHAN,
    COLUMNS,
    GAOPING,
    ROBOTS_TXT,
    SITES,
    YUBEI,
    Column,
    Item,
    list_page_paths,
)
from runtime.sample_portal.chrome import SiteInfo
from runtime.sample_portal.style_district import DistrictVariant, ListEntry

VARIANTS = {
    BISHAN.key: DistrictVariant(),
    YUBEI.key: DistrictVariant(crumb_label="您的位置：", font_label="字体：", show_date=False, script_pager=False),
}
# Every page claims the same modification time: the portal's content does not change between runs.
LAST_MODIFIED = "Mon, 07 Jul 2025 08:00:00 GMT"


@dataclass(frozen=True)
class Page:
    body: bytes
    content_type: str

    @property
    def etag(self) -> str:
        return '"' + hashlib.sha1(self.body).hexdigest()[:16] + '"'


def _html(site: SiteInfo, markup: str) -> Page:
    return Page(markup.encode(site.encoding, errors="xmlcharrefreplace"), f"text/html; charset={site.charset_label}")


def _href(list_path: str, target: str, site: SiteInfo) -> str:
    """How each CMS writes its list links: TRS relative `./…`, VSB `../../info/…`, the aggregator absolute."""
    if site is AGGREGATOR:
        return target
    relative = posixpath.relpath(target, posixpath.dirname(list_path.split("?")[0]) or "/")
    return relative if relative.startswith("..") else f"./{relative}"


def _seed_body(item: Item) -> tuple[str, list[str]]:
    article = {"seed:001": seeds.bishan_report, "seed:003": seeds.gaoping_report,
               "seed:004": seeds.yubei_plan_notice}[item.content]()
    return article.title, list(article.paragraphs)


def _detail(column: Column, item: Item) -> str:
    site = column.site
    if item.content in ("seed:000", "seed:002"):
        page = seeds.aggregator_page(item.content.split(":")[1])
        return style_aggregator.topic_page(site, column.name, column.path, item.title, page)
    if item.news_item is not None:
        title, body, image = item.news_item.title, list(item.news_item.paragraphs), item.news_item.image
    else:
        (title, body), image = _seed_body(item), ""
    if site is GAOPING:
        return style_vsb.detail_page(site, column.name, column.path, title, item.date, body, item.path)
    if site is AGGREGATOR:
        return style_aggregator.article_page(site, column.name, column.path, title, item.date, body)
    crumbs = list(column.crumbs) + ([("工作报告", column.path)] if site is BISHAN else [])
    return style_district.detail_page(site, VARIANTS[site.key], column.name, crumbs, title, item.date, body,
                                      item.path, image=image)


def _list(column: Column, paths: list[str], index: int) -> str:
    site, items = column.site, column.pages[index]
    entries = [ListEntry(item.title, item.date, _href(paths[index], item.path, site)) for item in items]
    if site is GAOPING:
        return style_vsb.list_page(site, column.name, column.path, list(column.tree), entries, paths, index)
    if site is AGGREGATOR:
        return style_aggregator.list_page(site, column.name, column.path, entries, [i.summary for i in items],
                                          paths, index)
    return style_district.list_page(site, VARIANTS[site.key], column.name, list(column.crumbs), list(column.tree),
                                    entries, paths, index)


def _directory_page() -> Page:
    rows = "".join(f'<li><a href="{escape(c.path)}">{escape(c.site.name)} · {escape(c.name)}</a></li>' for c in COLUMNS)
    markup = (f'<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>govreports sample portal</title>'
              f"</head><body><h1>govreports sample portal</h1><p>Offline copies of government-portal styles built "
              f"from the seed pages.</p><ul>{rows}</ul></body></html>")
    return Page(markup.encode("utf-8"), "text/html; charset=utf-8")


@lru_cache(maxsize=1)
def build_site() -> dict[str, Page]:
    pages: dict[str, Page] = {"/": _directory_page(),
                              "/robots.txt": Page(ROBOTS_TXT.encode("ascii"), "text/plain; charset=utf-8")}
    for column in COLUMNS:
        paths = list_page_paths(column)
        for index, path in enumerate(paths):
            pages[path] = _html(column.site, _list(column, paths, index))
        for items in column.pages:
            for item in items:
                pages[item.path] = _html(column.site, _detail(column, item))
    for site in SITES:
        links = [(c.name, c.path) for c in COLUMNS if c.site is site]
        home = _html(site, style_district.home_page(site, links))
        for path in (site.url("index.html"), site.url(""), site.nav[0][1]):
            pages.setdefault(path, home)
    return pages


def start_paths() -> list[str]:
    """The column list pages a crawl of the portal starts from."""
    return [column.path for column in COLUMNS]


def report_paths() -> dict[str, str]:
    """Detail page of each seed: {"001": "/bishan/…html", …}."""
    return {item.content.split(":")[1]: item.path for column in COLUMNS for items in column.pages for item in items
            if item.content.startswith("seed:")}
