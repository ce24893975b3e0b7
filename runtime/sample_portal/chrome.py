"""Template pieces every sample portal shares: site identity, escaping, paragraphs, footers, link groups.

Government portals carry the same chrome from site to site (breadcrumb 您当前的位置, font size 字号 大 中 小,
扫一扫在手机打开当前页, share bars, 相关链接 groups, a footer with 主办单位, 网站标识码 and ICP备案号);
the style modules arrange these pieces differently, with the class names and table layouts real CMSs
use, so the crawler's link heuristics and the pipeline's chrome removal meet realistic markup.
Identifiers in footers are sample values.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape

# Link groups under each article (the text of seed 001 ends with these five names).
RELATED_GROUPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("国务院部门网站", (("外交部", "https://www.mfa.gov.cn/"), ("国家发展和改革委员会", "https://www.ndrc.gov.cn/"))),
    ("地方政府网站", (("北京市人民政府", "https://www.beijing.gov.cn/"), ("四川省人民政府", "https://www.sc.gov.cn/"))),
    ("市政府部门网站", (("市发展改革委", "https://fzggw.cq.gov.cn/"), ("市统计局", "https://tjj.cq.gov.cn/"))),
    ("区(县)政府网站", (("渝中区", "https://www.cqyz.gov.cn/"), ("渝北区", "https://www.ybq.gov.cn/"))),
    ("其他网站", (("中国政府网", "https://www.gov.cn/"),)),
)


@dataclass(frozen=True)
class SiteInfo:
    key: str  # URL prefix: /<key>/
    name: str  # 重庆市璧山区人民政府
    office: str  # 主办单位
    site_code: str  # 网站标识码
    icp: str
    police: str = ""
    nav: tuple[tuple[str, str], ...] = field(default=())
    encoding: str = "utf-8"
    charset_label: str = "utf-8"  # what the page declares (header and <meta>)

    def url(self, path: str) -> str:
        return f"/{self.key}/{path.lstrip('/')}"


def e(text: str) -> str:
    return escape(text, quote=True)


def paragraphs(lines: Iterable[str], style: str = "text-indent:2em;") -> str:
    return "\n".join(f'<p style="{style}">{e(line)}</p>' for line in lines)


def head(title: str, site: SiteInfo, extra_meta: str = "") -> str:
    return (f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="{site.charset_label}">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f'<meta name="SiteName" content="{e(site.name)}">\n{extra_meta}'
            f"<title>{e(title)}_{e(site.name)}</title>\n"
            f'<link rel="stylesheet" href="{site.url("css/style.css")}">\n</head>\n')


def article_meta(title: str, date: str, column: str) -> str:
    """The site-standard meta tags of a government portal article page."""
    return (f'<meta name="ArticleTitle" content="{e(title)}">\n<meta name="PubDate" content="{e(date)}">\n'
            f'<meta name="ColumnName" content="{e(column)}">\n<meta name="ContentSource" content="">\n')


def nav_menu(site: SiteInfo) -> str:
    items = "".join(f'<li><a href="{e(href)}">{e(text)}</a></li>' for text, href in site.nav)
    return f'<div class="nav"><ul class="menu">{items}</ul></div>'


def breadcrumb(label: str, crumbs: Iterable[tuple[str, str]], css: str = "position") -> str:
    links = " &gt; ".join(f'<a href="{e(href)}">{e(text)}</a>' for text, href in crumbs)
    return f'<div class="{css}">{e(label)} {links}</div>'


def font_size_bar(label: str = "字号：") -> str:
    return (f'<span class="fontsize">{e(label)}<a href="javascript:doZoom(18)">大</a> '
            '<a href="javascript:doZoom(16)">中</a> <a href="javascript:doZoom(14)">小</a></span>')


def share_bar() -> str:
    return ('<div class="bdsharebuttonbox share">分享到：<a class="bds_weixin" href="#">微信</a>'
            '<a class="bds_tsina" href="#">微博</a><a class="bds_qzone" href="#">QQ空间</a></div>')


def qr_block(page_path: str) -> str:
    # Class "ewm" (二维码) as real templates name it: not a class the usual chrome filters know.
    return (f'<div class="ewm"><img src="/static/qrcode.png" data-url="{e(page_path)}" alt="">'
            "<p>扫一扫在手机打开当前页</p></div>")


def print_close() -> str:
    return '<span class="tools">【<a href="javascript:window.print()">打印</a>】【<a href="javascript:window.close()">关闭</a>】</span>'


def related_links() -> str:
    groups = []
    for name, links in RELATED_GROUPS:
        options = "".join(f'<option value="{e(url)}">{e(text)}</option>' for text, url in links)
        groups.append(f'<select onchange="window.open(this.value)"><option>{e(name)}</option>{options}</select>')
    return f'<div class="friendlink"><span>相关链接：</span>{"".join(groups)}</div>'


def footer(site: SiteInfo) -> str:
    police = f"<span>{e(site.police)}</span>" if site.police else ""
    return (f'<div class="footer"><p><a href="{site.url("wzdt.html")}">网站地图</a> | '
            f'<a href="{site.url("lxwm.html")}">联系我们</a> | <a href="{site.url("smsm.html")}">隐私声明</a></p>'
            f"<p>主办单位：{e(site.office)}</p>"
            f"<p>网站标识码：{e(site.site_code)} <span>{e(site.icp)}</span> {police}</p></div>")


def pager_links(pages: list[str], current: int, total_label: bool = True) -> str:
    """首页 上一页 1 2 … 下一页 尾页 with real links (`pages[i]` is the URL of page i+1)."""
    parts = [f'<a href="{e(pages[0])}">首页</a>']
    if current > 0:
        parts.append(f'<a href="{e(pages[current - 1])}">上一页</a>')
    for index, url in enumerate(pages):
        parts.append(f"<span class=\"cur\">{index + 1}</span>" if index == current
                     else f'<a href="{e(url)}">{index + 1}</a>')
    if current < len(pages) - 1:
        parts.append(f'<a href="{e(pages[current + 1])}">下一页</a>')
    parts.append(f'<a href="{e(pages[-1])}">尾页</a>')
    count = f"<span>共{len(pages)}页</span>" if total_label else ""
    return f'<div class="page">{count}{" ".join(parts)}</div>'
