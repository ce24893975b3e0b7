"""Industrial-park aggregator style (产业园区网, UTF-8): topic pages that carry ten full reports at once.

The list pages link topic pages; a topic page is seed 000 or 002 as the user scraped it: for each entry
a (tagged) title, the whole report run together in one block, the posting date; then the site's own
text (投稿 button, 共 53 页, hotline, the submission rules) as it follows the entries on the real page.
Entry titles are not links: the text is on the topic page itself.
"""

from __future__ import annotations

import re

from runtime.sample_portal.chrome import SiteInfo, e, head, pager_links
from runtime.sample_portal.seeds import AggregatorPage
from runtime.sample_portal.style_district import ListEntry

_LIST_ITEM = re.compile(r"^(?:[•\-]\s+)")


def _top(site: SiteInfo) -> str:
    links = "".join(f'<a href="{e(href)}">{e(text)}</a>' for text, href in site.nav)
    return (f'<div class="head-wrap"><div class="logo"><a href="{site.url("")}">{e(site.name)}</a></div>'
            f'<div class="login"><a href="{site.url("member/login.html")}">登录</a> | '
            f'<a href="{site.url("member/reg.html")}">注册</a></div></div><div class="menu">{links}</div>')


def _crumbs(site: SiteInfo, trail: list[tuple[str, str]]) -> str:
    links = " &gt; ".join(f'<a href="{e(href)}">{e(text)}</a>' for text, href in trail)
    return f'<div class="crumbs">当前位置：<a href="{site.url("")}">首页</a> &gt; {links}</div>'


def _sidebar(site: SiteInfo) -> str:
    return (f'<div class="sidebar"><h4>热门园区</h4><ul><li><a href="{site.url("yuanqu/3301.html")}">'
            f'重庆璧山高新技术产业开发区</a></li><li><a href="{site.url("yuanqu/3302.html")}">四川南充经济开发区</a>'
            f"</li></ul><h4>投资咨询热线</h4><p>400-162-2002</p></div>")


def _footer(site: SiteInfo) -> str:
    return (f'<div class="foot"><p>{e(site.name)} 版权所有</p><p>{e(site.icp)} {e(site.police)}</p>'
            f"<p>网站标识码：{e(site.site_code)}</p></div>")


def list_page(site: SiteInfo, column: str, column_url: str, entries: list[ListEntry], summaries: list[str],
              page_urls: list[str], current: int) -> str:
    rows = "\n".join(
        f'<li><div class="info"><h3><a href="{e(x.href)}" target="_blank">{e(x.title)}</a></h3>'
        f'<p class="desc">{e(summary)}</p><span class="time">{e(x.date)}</span></div></li>'
        for x, summary in zip(entries, summaries, strict=True)
    )
    return (head(column, site) + "<body>\n" + _top(site) + '<div class="wrap">' + _crumbs(site, [(column, column_url)])
            + f'<div class="news-list"><ul>\n{rows}\n</ul>' + pager_links(page_urls, current) + "</div>"
            + _sidebar(site) + "</div>\n" + _footer(site) + "\n</body>\n</html>\n")


def _tail(lines: tuple[str, ...]) -> str:
    """The site text after the entries, in its order: list items as <li>, the rest as paragraphs."""
    out = []
    for line in lines:
        if _LIST_ITEM.match(line):
            out.append(f"<li>{e(_LIST_ITEM.sub('', line))}</li>")
        else:
            out.append(f"<p>{e(line)}</p>")
    return f'<div class="site-extra">{"".join(out)}</div>'


def article_page(site: SiteInfo, column: str, column_url: str, title: str, date: str, body: list[str]) -> str:
    text = "".join(f"<p>{e(line)}</p>" for line in body)
    return (head(title, site) + "<body>\n" + _top(site) + '<div class="wrap">'
            + _crumbs(site, [(column, column_url), (title, "javascript:;")])
            + f'<div class="article"><h1>{e(title)}</h1><div class="meta">发布时间：{e(date)}</div>'
            + f'<div class="content">{text}</div></div>' + _sidebar(site) + "</div>\n" + _footer(site)
            + "\n</body>\n</html>\n")


def topic_page(site: SiteInfo, column: str, column_url: str, title: str, page: AggregatorPage) -> str:
    entries = []
    for entry in page.entries:
        tag = f'<span class="tag">{e(entry.tag)}</span>' if entry.tag else ""
        text = "".join(f'<div class="txt">{e(p)}</div>' for p in entry.paragraphs)
        entries.append(f'<li><h3>{tag}<a href="javascript:;">{e(entry.title)}</a></h3>{text}'
                       f'<div class="time">{e(entry.date)}</div></li>')
    joined = "\n".join(entries)
    return (head(title, site) + "<body>\n" + _top(site) + '<div class="wrap">'
            + _crumbs(site, [(column, column_url), (title, "javascript:;")])
            + f'<div class="tag-news"><ul class="list">\n{joined}\n</ul></div>' + _tail(page.tail)
            + _sidebar(site) + "</div>\n" + _footer(site) + "\n</body>\n</html>\n")
