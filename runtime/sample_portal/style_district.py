"""Chongqing district-portal style (TRS-like CMS, UTF-8): 璧山区 and 渝北区 in the sample portal.

List pages: left column tree, `<ul class="list">` of title + date, pager either drawn by the TRS script
`createPageHTML(n, i, "index", "html")` (no <a> links at all) or as plain 首页/上一页/1/2/下一页 links.
Detail pages: breadcrumb 您当前的位置 (or 您的位置), <h1>, info line with 日期 and 字号 大 中 小 (or a bare
字体 bar), `TRS_Editor` body, share bar, 扫一扫在手机打开当前页, 相关链接 groups, footer.
"""

from __future__ import annotations

from dataclasses import dataclass

from runtime.sample_portal.chrome import (
    SiteInfo,
    article_meta,
    breadcrumb,
    e,
    font_size_bar,
    footer,
    head,
    nav_menu,
    pager_links,
    paragraphs,
    print_close,
    qr_block,
    related_links,
    share_bar,
)


@dataclass(frozen=True)
class DistrictVariant:
    crumb_label: str = "您当前的位置："
    font_label: str = "字号："
    show_date: bool = True
    script_pager: bool = True  # TRS createPageHTML() instead of <a> pager links


@dataclass(frozen=True)
class ListEntry:
    title: str
    date: str
    href: str  # as written in the list (relative like the CMS writes it)


def _top(site: SiteInfo) -> str:
    return (f'<div class="top-bar"><span>欢迎访问{e(site.name)}网站</span> '
            f'<a href="{site.url("wza/index.html")}">无障碍</a> <a href="{site.url("zzms/index.html")}">长者模式</a></div>'
            f'<div class="header"><div class="logo"><a href="{site.url("index.html")}"><img src="{site.url("images/logo.png")}"'
            f' alt="{e(site.name)}"></a></div><form class="search-box" action="{site.url("search/")}">'
            f'<input name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>'
            + nav_menu(site))


def _column_tree(site: SiteInfo, columns: list[tuple[str, str]], current: str) -> str:
    items = "".join(
        f'<li class="{"on" if name == current else ""}"><a href="{e(href)}">{e(name)}</a></li>' for name, href in columns
    )
    return f'<div class="column-left"><div class="column-name">政务公开</div><ul class="sub-column">{items}</ul></div>'


def list_page(site: SiteInfo, variant: DistrictVariant, column: str, crumbs: list[tuple[str, str]],
              columns: list[tuple[str, str]], entries: list[ListEntry], page_urls: list[str], current: int) -> str:
    rows = "\n".join(
        f'<li><a href="{e(x.href)}" title="{e(x.title)}" target="_blank">{e(x.title)}</a><span class="date">{e(x.date)}</span></li>'
        for x in entries
    )
    if variant.script_pager:
        pager = (f'<div class="page"><script>createPageHTML({len(page_urls)}, {current}, "index", "html");</script></div>')
    else:
        pager = pager_links(page_urls, current)
    return (head(column, site) + "<body>\n" + _top(site)
            + '<div class="container">' + breadcrumb(variant.crumb_label, crumbs)
            + _column_tree(site, columns, column)
            + f'<div class="column-right"><div class="list-title"><span>{e(column)}</span></div>'
            + f'<ul class="list">\n{rows}\n</ul>{pager}</div></div>\n'
            + related_links() + footer(site) + "\n</body>\n</html>\n")


def detail_page(site: SiteInfo, variant: DistrictVariant, column: str, crumbs: list[tuple[str, str]], title: str,
                date: str, body: list[str], page_path: str, image: str = "") -> str:
    info = []
    if variant.show_date:
        info.append(f"<span>日期：{e(date)}</span> <span>来源：{e(site.office)}</span>")
    info.append(font_size_bar(variant.font_label))
    if variant.show_date:
        info.append(print_close())
    picture = f'<p style="text-align:center"><img src="{e(image)}" alt="{e(title)}"></p>' if image else ""
    return (head(title, site, article_meta(title, date, column)) + "<body>\n" + _top(site)
            + '<div class="container">' + breadcrumb(variant.crumb_label, crumbs)
            + f'<div class="article"><h1 class="article-title">{e(title)}</h1>'
            + f'<div class="article-info">{" ".join(info)}</div>'
            + f'<div class="TRS_Editor" id="zoom">\n{picture}{paragraphs(body)}\n</div>'
            + share_bar() + qr_block(page_path) + "</div></div>\n"
            + related_links() + footer(site) + "\n</body>\n</html>\n")


def home_page(site: SiteInfo, links: list[tuple[str, str]]) -> str:
    items = "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for text, href in links)
    return (head("首页", site) + "<body>\n" + _top(site) + f'<div class="container"><ul class="home-columns">{items}</ul>'
            + "</div>\n" + related_links() + footer(site) + "\n</body>\n</html>\n")
