"""Link heuristics: pagination vs detail vs ignore across the URL conventions of portal CMSs."""

from __future__ import annotations

import pytest

from crawler.links import Link, LinkKind, classify, extract_links, is_pagination, list_page_key

TRS_LIST = "http://www.example.gov.cn/zwgk/zfgzbg/index.html"


@pytest.mark.parametrize(
    ("list_url", "url", "text"),
    [
        (TRS_LIST, "http://www.example.gov.cn/zwgk/zfgzbg/index_1.html", ""),
        ("http://www.example.gov.cn/zwgk/zfgzbg/index_3.html", "http://www.example.gov.cn/zwgk/zfgzbg/index.html", "首页"),
        ("http://www.example.gov.cn/zwgk/zfgzbg/", "http://www.example.gov.cn/zwgk/zfgzbg/index_2.html", "3"),
        ("http://gov.example.cn/col/list.jsp", "http://gov.example.cn/col/list.jsp?page=2", "下一页"),
        ("http://gov.example.cn/col/list.jsp?cid=7", "http://gov.example.cn/col/list.jsp?cid=7&pageNo=3", "3"),
        ("http://gov.example.cn/news/list_1.html", "http://gov.example.cn/news/list_2.html", "2"),
        ("http://gov.example.cn/xxgk/", "http://gov.example.cn/xxgk/?curPage=4", "尾页"),
        ("http://gov.example.cn/xxgk/", "http://example-host.cn/xxgk/2.htm", "下页"),  # other site: never
    ],
)
def test_pagination(list_url: str, url: str, text: str) -> None:
    expected = "example-host" not in url
    assert is_pagination(list_url, Link(url, text)) is expected
    assert (classify(list_url, Link(url, text)) is LinkKind.PAGINATION) is expected


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://www.example.gov.cn/zwgk/zfgzbg/index.html", "首页"),  # the same page
        ("http://www.example.gov.cn/zwgk/zfgzbg/", ""),  # dir/ is index.html
        ("http://www.example.gov.cn/zwgk/ghjh/index_1.html", "2"),  # another column's pager
        ("http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240227_1.html", "2"),  # article, whatever its text
    ],
)
def test_not_pagination(url: str, text: str) -> None:
    assert not is_pagination(TRS_LIST, Link(url, text))


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://www.example.gov.cn/zwgk/zfgzbg/202402/t20240227_12873451.html", "报告"),
        ("http://example.gov.cn/art/2024/2/27/art_1229_3581.html", "关于"),  # www. and bare host: one site
        ("http://www.example.gov.cn/info/1043/24567.htm", ""),
        ("http://www.example.gov.cn/content/content_8823.html", ""),
        ("http://www.example.gov.cn/show.jsp?id=42", ""),
        ("http://www.example.gov.cn/zwgk/2024-02/27/c_1130.shtml", ""),
        ("http://www.example.gov.cn/zwgk/zfgzbg/report.html", "重庆市某区政府工作报告(2024年)"),  # title-length text
        ("http://www.example.gov.cn/upload/2024/report.pdf", "附件"),  # attachments are for the workers to judge
    ],
)
def test_detail(url: str, text: str) -> None:
    assert classify(TRS_LIST, Link(url, text)) is LinkKind.DETAIL


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("http://www.other.gov.cn/art/2024/2/27/art_1_2.html", "另一个网站上的政府工作报告全文"),
        ("http://www.example.gov.cn/zwgk/xxgkzn/", "政府信息公开指南栏目首页"),  # a column, not an article
        ("http://www.example.gov.cn/zwgk/ndbg/index.html", "政府信息公开年度报告栏目"),
        ("http://www.example.gov.cn/images/2024/banner_123.jpg", "图片新闻标题足够长的文字"),
        ("http://www.example.gov.cn/about.html", "关于我们"),  # short menu text, no id
        ("ftp://www.example.gov.cn/pub/2024/1234.html", "文件"),
    ],
)
def test_ignored(url: str, text: str) -> None:
    assert classify(TRS_LIST, Link(url, text)) is LinkKind.IGNORE


def test_list_page_key_treats_index_as_directory() -> None:
    assert list_page_key("http://A.cn/x/") == list_page_key("http://a.cn/x/index.html") == list_page_key(
        "http://a.cn/x/default.htm")
    assert list_page_key("http://a.cn/x/index_1.html") != list_page_key("http://a.cn/x/")
    assert list_page_key("http://a.cn/x/?b=2&a=1") == list_page_key("http://a.cn/x/?a=1&b=2")


PAGE = """<html><head><base href="http://cdn.example.gov.cn/zwgk/"></head><body>
<div class="nav"><a href="/zwfw/">政务服务栏目首页导航链接</a></div>
<div class="position">您当前的位置：<a href="/index.html">首页</a></div>
<header><a href="/hdjl/2024/123.html">页眉里的互动交流文章链接</a></header>
<ul class="list">
  <li><a href="./202402/t20240227_1.html" title="重庆市某区政府工作报告(2024年)">重庆市某区政府工作报告…</a></li>
  <li><a href="./202402/t20240227_1.html#top">重庆市某区</a></li>
  <li><a href="javascript:void(0)">打印</a><a href="mailto:x@example.gov.cn">信箱</a><a href="#">顶部</a></li>
</ul>
<div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>
<div class="footer"><a href="/wzdt.html">网站地图</a></div>
<div class="bdsharebuttonbox share"><a href="http://share.example.com/?u=1">分享</a></div>
</body></html>"""


def test_extract_links_skips_chrome_and_reads_titles() -> None:
    links = extract_links(PAGE, "http://cdn.example.gov.cn/zwgk/index.html")
    urls = [link.url for link in links]
    # <base href> applies, fragments go, duplicates merge keeping the fuller title attribute
    assert urls[0] == "http://cdn.example.gov.cn/zwgk/202402/t20240227_1.html"
    assert links[0].text == "重庆市某区政府工作报告(2024年)"
    assert urls.count(urls[0]) == 1
    # script pager pages appear; nav, breadcrumb, header, footer, share and non-http links do not
    assert "http://cdn.example.gov.cn/zwgk/index_1.html" in urls
    assert "http://cdn.example.gov.cn/zwgk/index_2.html" in urls
    assert not any(part in url for url in urls for part in ("zwfw", "hdjl", "wzdt", "share.example", "mailto", "javascript"))


def test_extract_links_of_unparseable_markup_is_empty() -> None:
    assert extract_links("", "http://a.cn/") == []
