"""What the sample portal contains: four sites, one column (list with pagination) each, and their items.

| site (prefix)        | style                 | column list (start URL)         | pagination                    |
|----------------------|-----------------------|---------------------------------|-------------------------------|
| 璧山区 (/bishan/)     | district, UTF-8       | /bishan/zwgk/zfgzbg/            | TRS script, index_1.html …    |
| 渝北区 (/yubei/)      | district, UTF-8       | /yubei/zwgk/qtgw/               | links, index_1.html           |
| 高坪区 (/gaoping/)    | VSB tables, GBK       | /gaoping/xxgk/zfgzbg/           | links, ?page=2                |
| 产业园区网 (/cyyq/)   | aggregator, UTF-8     | /cyyq/zfgzbg/                   | links, list_2.html            |

Reports: seed 001 (璧山), seed 004 (渝北 plan notice), seed 003 (高坪, the GBK site), seeds 000 and 002
(aggregator topic pages, ten reports each). The other items are the short pages of `news.py`. List dates
of the seed items are the seeds' own dates (渝北: the notice's damaged 2020711 read as 2020-07-11).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from runtime.sample_portal import news
from runtime.sample_portal.chrome import SiteInfo

BISHAN = SiteInfo(
    key="bishan", name="重庆市璧山区人民政府", office="重庆市璧山区人民政府办公室", site_code="5001200000",
    icp="渝ICP备00000001号-1", police="渝公网安备 50012002000001号",
    nav=(("首页", "/bishan/index.html"), ("政务公开", "/bishan/zwgk/"), ("政务服务", "/bishan/zwfw/"),
         ("互动交流", "/bishan/hdjl/"), ("走进璧山", "/bishan/zjbs/")),
)
YUBEI = SiteInfo(
    key="yubei", name="重庆市渝北区人民政府", office="重庆市渝北区人民政府办公室", site_code="5001120000",
    icp="渝ICP备00000002号", police="渝公网安备 50011202000002号",
    nav=(("首页", "/yubei/index.html"), ("政务公开", "/yubei/zwgk/"), ("政务服务", "/yubei/zwfw/"),
         ("政民互动", "/yubei/zmhd/")),
)
GAOPING = SiteInfo(
    key="gaoping", name="南充市高坪区人民政府", office="南充市高坪区人民政府办公室", site_code="5113030000",
    icp="蜀ICP备00000003号", police="川公网安备 51130302000003号",
    nav=(("网站首页", "/gaoping/index.htm"), ("信息公开", "/gaoping/xxgk/"), ("政务服务", "/gaoping/zwfw/"),
         ("互动交流", "/gaoping/hdjl/")),
    encoding="gbk", charset_label="gb2312",
)
AGGREGATOR = SiteInfo(
    key="cyyq", name="产业园区网", office="产业园区网", site_code="-", icp="京ICP备00000004号",
    nav=(("首页", "/cyyq/"), ("园区大全", "/cyyq/yuanqu/"), ("招商资讯", "/cyyq/zixun/"),
         ("政府工作报告", "/cyyq/zfgzbg/"), ("厂房仓库", "/cyyq/changfang/")),
)
SITES = (BISHAN, YUBEI, GAOPING, AGGREGATOR)


@dataclass(frozen=True)
class Item:
    """One list entry and its detail page. `content` names what the detail page shows."""

    title: str
    date: str
    path: str
    content: str  # "seed:001" … or "news"
    news_item: news.NewsItem | None = None
    summary: str = ""


def _news(item: news.NewsItem, path: str) -> Item:
    return Item(item.title, item.date, path, "news", news_item=item)


@dataclass(frozen=True)
class Column:
    site: SiteInfo
    name: str
    path: str  # the column directory, also the start URL
    pages: tuple[tuple[Item, ...], ...]  # items per list page, newest first
    crumbs: tuple[tuple[str, str], ...] = field(default=())
    tree: tuple[tuple[str, str], ...] = field(default=())  # sibling columns in the left column tree


BISHAN_REPORTS = Column(
    BISHAN, "政府工作报告", "/bishan/zwgk/zfgzbg/",
    pages=(
        (_news(news.BISHAN_CALL_FOR_SUGGESTIONS, "/bishan/zwgk/zfgzbg/202412/t20241202_13701822.html"),
         _news(news.BISHAN_INFOGRAPHIC, "/bishan/zwgk/zfgzbg/202402/t20240228_12874102.html"),
         Item("重庆市璧山区政府工作报告(2024年)", "2024-02-27", "/bishan/zwgk/zfgzbg/202402/t20240227_12873451.html",
              "seed:001")),
        (_news(news.BISHAN_DRAFTING_VISIT, "/bishan/zwgk/zfgzbg/202312/t20231208_12611930.html"),),
        (_news(news.BISHAN_EXECUTIVE_MEETING, "/bishan/zwgk/zfgzbg/202311/t20231115_12520087.html"),),
    ),
    crumbs=(("首页", "/bishan/index.html"), ("政务公开", "/bishan/zwgk/"), ("政府工作报告", "/bishan/zwgk/zfgzbg/")),
    tree=(("政府信息公开指南", "/bishan/zwgk/xxgkzn/"), ("政府信息公开年度报告", "/bishan/zwgk/ndbg/index.html"),
          ("政府工作报告", "/bishan/zwgk/zfgzbg/"), ("规划计划", "/bishan/zwgk/ghjh/")),
)
YUBEI_NOTICES = Column(
    YUBEI, "其他公文", "/yubei/zwgk/qtgw/",
    pages=(
        (Item("重庆市渝北区人民政府办公室关于印发渝北区2020年经济社会发展计划的通知", "2020-07-11",
              "/yubei/zwgk/qtgw/202007/t20200711_7701234.html", "seed:004"),
         _news(news.YUBEI_SAFETY_MONTH, "/yubei/zwgk/qtgw/202006/t20200601_7512210.html")),
        (_news(news.YUBEI_FLOOD_NOTICE, "/yubei/zwgk/qtgw/202005/t20200520_7460013.html"),),
    ),
    crumbs=(("首页", "/yubei/index.html"), ("政务公开", "/yubei/zwgk/"), ("其他公文", "/yubei/zwgk/qtgw/")),
    tree=(("区政府文件", "/yubei/zwgk/qzfwj/"), ("区政府办公室文件", "/yubei/zwgk/qzfbgswj/"),
          ("其他公文", "/yubei/zwgk/qtgw/")),
)
GAOPING_REPORTS = Column(
    GAOPING, "政府工作报告", "/gaoping/xxgk/zfgzbg/",
    pages=(
        (_news(news.GAOPING_QUARTER_MEETING, "/gaoping/info/1043/25102.htm"),
         Item("2025年亚洲通工作报告", "2025-02-19", "/gaoping/info/1043/24567.htm", "seed:003")),
        (_news(news.GAOPING_PROJECT_CALL, "/gaoping/info/1043/24133.htm"),),
    ),
    tree=(("政策文件", "/gaoping/xxgk/zcwj/"), ("政府工作报告", "/gaoping/xxgk/zfgzbg/"), ("人事信息", "/gaoping/xxgk/rsxx/")),
)
AGGREGATOR_REPORTS = Column(
    AGGREGATOR, "政府工作报告", "/cyyq/zfgzbg/",
    pages=(
        (Item("2021年重庆区县政府工作报告汇总(渝北、巫山、合川等)", "2025-07-08", "/cyyq/zt/5120.html", "seed:000",
              summary="汇总2021年重庆市渝北区、巫山县、合川区、垫江县、云阳县等十个区县政府工作报告全文。"),
         _news(news.AGGREGATOR_LAND_POLICY, "/cyyq/zixun/5402.html"),
         _news(news.AGGREGATOR_MEMBERS_ONLY, "/cyyq/member/5099.html")),
        (Item("2022年各地政府工作报告汇总(咸阳、东丽、天门等)", "2025-07-02", "/cyyq/zt/5331.html", "seed:002",
              summary="汇总咸阳、东丽、天门、蓟州、青海、郴州、河北、厦门、襄阳、辽宁2022年政府工作报告全文。"),
         _news(news.AGGREGATOR_PLANT_LISTINGS, "/cyyq/zixun/5388.html")),
    ),
)
COLUMNS = (BISHAN_REPORTS, YUBEI_NOTICES, GAOPING_REPORTS, AGGREGATOR_REPORTS)

ROBOTS_TXT = """User-agent: *
Disallow: /bishan/search/
Disallow: /gaoping/system/
Disallow: /cyyq/member/
"""


def list_page_paths(column: Column) -> list[str]:
    """URLs of the column's list pages in each site's own pagination scheme."""
    count = len(column.pages)
    if column.site is GAOPING:
        return [column.path] + [f"{column.path}?page={i}" for i in range(2, count + 1)]
    if column.site is AGGREGATOR:
        return [column.path] + [f"{column.path}list_{i}.html" for i in range(2, count + 1)]
    return [f"{column.path}index.html"] + [f"{column.path}index_{i}.html" for i in range(1, count)]
