"""Generated portals for the benchmark: corpus reports as government-portal pages, in memory.

Pages use the sample portal's templates (`runtime.sample_portal.style_*`), so the crawler's link rules
and the pipeline's chrome removal meet the same markup as in the demo: TRS-style district columns
(UTF-8) and VSB table-layout columns (GBK, declared gb2312), each a list paginated as `index.html`,
`index_1.html` … with `per_list` entries, every entry a detail page carrying one report.

`build_portal` makes the crawl/end-to-end site: thousands of detail pages, each a report *excerpt*
(opening lines plus a run of sentences, `excerpt_chars` long) — a full report costs the pipeline
0.2–3 s, so thousands of full reports would not fit the benchmark's time budget on two cores.
`report_page` renders one full report as a detail page (the pipeline figure's input).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from bench.corpus import Report, excerpt
from bench.regions import somewhere_else
from runtime.sample_portal import style_aggregator, style_district, style_vsb
from runtime.sample_portal.chrome import SiteInfo
from runtime.sample_portal.style_district import DistrictVariant, ListEntry

STYLES = ("district", "vsb", "aggregator")
COLUMN_NAME = "政府工作报告"
ROBOTS_TXT = b"User-agent: *\nDisallow: /search/\n"


@dataclass(frozen=True)
class PortalPage:
    body: bytes
    content_type: str


@dataclass
class Portal:
    pages: dict[str, PortalPage] = field(default_factory=dict)  # path → page
    start_paths: list[str] = field(default_factory=list)
    list_paths: list[str] = field(default_factory=list)
    detail_paths: list[str] = field(default_factory=list)
    detail_reports: dict[str, Report] = field(default_factory=dict)  # detail path → what it shows

    @property
    def detail_bytes(self) -> int:
        return sum(len(self.pages[path].body) for path in self.detail_paths)

    @property
    def detail_chars(self) -> int:
        return sum(report.chars for report in self.detail_reports.values())


def site_for(index: int, style: str) -> SiteInfo:
    key = f"s{index:02d}"
    gbk = style == "vsb"
    return SiteInfo(
        key=key, name=f"样例{index:02d}区人民政府", office=f"样例{index:02d}区人民政府办公室",
        site_code=f"50{index:08d}", icp=f"渝ICP备{index:08d}号",
        nav=(("首页", f"/{key}/index.html"), ("政务公开", f"/{key}/zwgk/"), ("政务服务", f"/{key}/zwfw/")),
        encoding="gbk" if gbk else "utf-8", charset_label="gb2312" if gbk else "utf-8",
    )


def _encode(site: SiteInfo, markup: str) -> PortalPage:
    return PortalPage(markup.encode(site.encoding, errors="xmlcharrefreplace"),
                      f"text/html; charset={site.charset_label}")


def detail_markup(style: str, site: SiteInfo, column_path: str, report: Report, path: str) -> str:
    body = list(report.paragraphs)
    if style == "vsb":
        return style_vsb.detail_page(site, COLUMN_NAME, column_path, report.title, report.date, body, path)
    if style == "aggregator":
        return style_aggregator.article_page(site, COLUMN_NAME, column_path, report.title, report.date, body)
    crumbs = [("首页", site.url("index.html")), ("政务公开", site.url("zwgk/")), (COLUMN_NAME, column_path)]
    return style_district.detail_page(site, DistrictVariant(), COLUMN_NAME, crumbs, report.title, report.date,
                                      body, path)


def report_page(report: Report, number: int) -> tuple[str, PortalPage]:
    """(URL path, page) of one full report; the template rotates through the three styles by `number`."""
    style = STYLES[number % len(STYLES)]
    site = site_for(number % 100, style)
    column_path = site.url("zwgk/zfgzbg/")
    path = detail_path(column_path, report, number)
    return path, _encode(site, detail_markup(style, site, column_path, report, path))


def detail_path(column_path: str, report: Report, number: int) -> str:
    year, month, day = (report.date.split("-") + ["01", "01"])[:3]
    return f"{column_path}{year}{month}/t{year}{month}{day}_{100000 + number}.html"


def list_paths(column_path: str, count: int) -> list[str]:
    return [f"{column_path}index.html"] + [f"{column_path}index_{i}.html" for i in range(1, count)]


def _list_markup(style: str, site: SiteInfo, column_path: str, entries: list[ListEntry], paths: list[str],
                 index: int) -> str:
    tree = [(COLUMN_NAME, column_path), ("规划计划", site.url("zwgk/ghjh/"))]
    if style == "vsb":
        return style_vsb.list_page(site, COLUMN_NAME, column_path, tree, entries, paths, index)
    variant = DistrictVariant(script_pager=index % 2 == 0)  # both pager kinds the crawler knows
    crumbs = [("首页", site.url("index.html")), (COLUMN_NAME, column_path)]
    return style_district.list_page(site, variant, COLUMN_NAME, crumbs, tree, entries, paths, index)


def extra_detail_pages(reports: list[Report], count: int, seed: int = 99,
                       excerpt_chars: tuple[int, int] = (1000, 2500)) -> list[tuple[str, PortalPage]]:
    """`count` detail pages like the portal's but on a site of their own and from other excerpts: warm-up
    work for workers that must not touch the pages being measured (same URL or same text would make the
    measured page a revisit or a copy)."""
    rng = random.Random(seed)
    site = site_for(99, "district")
    column_path = site.url("warm/")
    found: list[tuple[str, PortalPage]] = []
    for number in range(count):
        report = somewhere_else(excerpt(reports[rng.randrange(len(reports))], rng, rng.randint(*excerpt_chars)), rng)
        path = detail_path(column_path, report, number)
        found.append((path, _encode(site, detail_markup("district", site, column_path, report, path))))
    return found


def build_portal(reports: list[Report], detail_count: int, columns: int = 10, per_list: int = 20,
                 excerpt_chars: tuple[int, int] = (1000, 2500), seed: int = 7) -> Portal:
    """A portal of `detail_count` detail pages spread over `columns` list columns (one start URL each).

    Column k uses the district style (even k) or the GBK VSB style (odd k); detail page i shows an
    excerpt of `reports[i % len(reports)]`, its length drawn uniformly from `excerpt_chars`, moved to a
    random division like its seed's (`bench.regions`: realistic few copies per region and year).
    """
    if detail_count < columns or columns < 1 or per_list < 1:
        raise ValueError(f"need detail_count >= columns >= 1 and per_list >= 1 (got {detail_count}, {columns}, "
                         f"{per_list})")
    if not reports:
        raise ValueError("no reports to build portal pages from")
    rng = random.Random(seed)
    portal = Portal(pages={"/robots.txt": PortalPage(ROBOTS_TXT, "text/plain; charset=utf-8")})
    number = 0
    for column in range(columns):
        style = "vsb" if column % 2 else "district"
        site = site_for(column, style)
        column_path = site.url("zwgk/zfgzbg/")
        share = detail_count // columns + (1 if column < detail_count % columns else 0)
        paths = list_paths(column_path, -(-share // per_list))
        entries: list[ListEntry] = []
        for _ in range(share):
            report = somewhere_else(excerpt(reports[number % len(reports)], rng, rng.randint(*excerpt_chars)), rng)
            path = detail_path(column_path, report, number)
            portal.pages[path] = _encode(site, detail_markup(style, site, column_path, report, path))
            portal.detail_paths.append(path)
            portal.detail_reports[path] = report
            entries.append(ListEntry(report.title, report.date, "./" + path[len(column_path):]))
            number += 1
        for index, list_path in enumerate(paths):
            chunk = entries[index * per_list:(index + 1) * per_list]
            portal.pages[list_path] = _encode(site, _list_markup(style, site, column_path, chunk, paths, index))
        portal.list_paths.extend(paths)
        portal.start_paths.append(column_path)
    return portal
