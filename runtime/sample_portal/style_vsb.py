"""Sichuan county-portal style (VSB-like CMS, table layout, served as GBK declaring gb2312): 高坪区.

List pages: table rows `<a class="c1043">` + `<span class="timestyle1043">`, pager 首页/上页/1/2/下页/尾页 on one
path with `?page=N`; detail pages at `info/<column>/<id>.htm`: title in a `<div class="titlestyle1043">` (no
<h1>), 发布时间 line with 【字号 大 中 小】【打印】【关闭】, body in `#vsb_content`, 扫一扫在手机打开当前页, footer
table with 版权所有 / 网站标识码 / ICP.
"""

from __future__ import annotations

from runtime.sample_portal.chrome import (
    SiteInfo,
    article_meta,
    e,
    font_size_bar,
    head,
    paragraphs,
    print_close,
    qr_block,
    share_bar,
)
from runtime.sample_portal.style_district import ListEntry


def _top(site: SiteInfo) -> str:
    cells = "".join(f'<td><a href="{e(href)}">{e(text)}</a></td>' for text, href in site.nav)
    return (f'<table width="1000" align="center" class="top"><tr><td><img src="{site.url("images/banner.jpg")}" '
            f'alt="{e(site.name)}"></td></tr></table>'
            f'<table width="1000" align="center" class="navbar"><tr>{cells}</tr></table>')


def _position(site: SiteInfo, column: str, column_url: str) -> str:
    return (f'<table class="dqwz" width="100%"><tr><td>当前位置：<a href="{site.url("index.htm")}">首页</a>&gt;&gt;'
            f'<a href="{site.url("xxgk/")}">信息公开</a>&gt;&gt;<a href="{e(column_url)}">{e(column)}</a></td></tr></table>')


def _left(columns: list[tuple[str, str]]) -> str:
    rows = "".join(f'<tr><td class="lm"><a href="{e(href)}">{e(name)}</a></td></tr>' for name, href in columns)
    return f'<td width="240" valign="top" class="left-tree"><table width="100%">{rows}</table></td>'


def _footer(site: SiteInfo) -> str:
    return (f'<table width="1000" align="center" class="bottom"><tr><td>版权所有：{e(site.name)} '
            f"承办：{e(site.office)}<br>网站标识码：{e(site.site_code)} {e(site.icp)} {e(site.police)}</td></tr></table>")


def _pager(page_urls: list[str], current: int) -> str:
    parts = [f"共{len(page_urls)}页 {current + 1}/{len(page_urls)}", f'<a href="{e(page_urls[0])}">首页</a>']
    if current > 0:
        parts.append(f'<a href="{e(page_urls[current - 1])}">上页</a>')
    parts += [f'<a href="{e(url)}">{i + 1}</a>' if i != current else f"<b>{i + 1}</b>" for i, url in enumerate(page_urls)]
    if current < len(page_urls) - 1:
        parts.append(f'<a href="{e(page_urls[current + 1])}">下页</a>')
    parts.append(f'<a href="{e(page_urls[-1])}">尾页</a>')
    return f'<div class="pb_sys_common">{" ".join(parts)}</div>'


def list_page(site: SiteInfo, column: str, column_url: str, columns: list[tuple[str, str]], entries: list[ListEntry],
              page_urls: list[str], current: int) -> str:
    rows = "\n".join(
        f'<tr height="30"><td><img src="{site.url("images/dot.gif")}"> <a href="{e(x.href)}" class="c1043" '
        f'title="{e(x.title)}">{e(x.title)}</a></td><td width="100"><span class="timestyle1043">{e(x.date)}</span></td></tr>'
        for x in entries
    )
    return (head(column, site) + "<body>\n" + _top(site)
            + '<table width="1000" align="center" class="main"><tr>' + _left(columns)
            + '<td valign="top">' + _position(site, column, column_url)
            + f'<table width="100%" class="winstyle1043">\n{rows}\n</table>' + _pager(page_urls, current)
            + "</td></tr></table>\n" + _footer(site) + "\n</body>\n</html>\n")


def detail_page(site: SiteInfo, column: str, column_url: str, title: str, date: str, body: list[str],
                page_path: str) -> str:
    return (head(title, site, article_meta(title, date, column)) + "<body>\n" + _top(site)
            + '<table width="1000" align="center" class="main"><tr><td valign="top">'
            + _position(site, column, column_url)
            + '<form name="_newscontent_fromname">'
            + f'<div align="center" class="titlestyle1043">{e(title)}</div>'
            + f'<div align="center" class="info"><span class="timestyle1043">发布时间：{e(date)}</span> '
            + f'<span class="authorstyle1043">来源：{e(site.office)}</span> 【{font_size_bar("字号 ")}】{print_close()}</div>'
            + f'<div id="vsb_content"><div class="v_news_content">\n{paragraphs(body)}\n</div></div></form>'
            + qr_block(page_path) + share_bar() + "</td></tr></table>\n" + _footer(site) + "\n</body>\n</html>\n")
