"""The canonical indicator table: which written names mean which indicator, and how its value is read.

Each `Concept` has aliases (regex fragments, matched longest-first at the earliest position, so
"人均地区生产总值" and "单位地区生产总值能耗" win over "地区生产总值"), the id used for a level figure
(亿元, 万人 ...) and the id used for a growth rate (增长 X%). Aliases whose id is None are "blockers": names
that contain a real indicator name but mean something else (海洋生产总值, 占地区生产总值比重, 第一产业增加值).
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Concept:
    name: str
    aliases: tuple[str, ...]
    level_id: str | None = None  # id for a level (亿元/万人/万吨/元) or a rate read directly (失业率 5.5%)
    growth_id: str | None = None  # id for 增长/下降 X%
    rate: bool = False  # the value itself is a percentage (失业率, 涨幅, 强度): read the first % value
    falls: bool = False  # the indicator is a reduction: "下降3%" means value 3, not -3


_REGION = r"(?:地区|国内|全市|全省|全区|全县|全州|全盟|全旗|本市|全自治区)?"
CONCEPTS: tuple[Concept, ...] = (
    Concept("blocked", (
        r"海洋生产总值", r"生态系统生产总值", r"[省市区县]?域?生产总值能耗",
        r"占(?:全[省市区县国])?(?:地区|国内)?生产总值(?:的)?(?:比重|比例)?", r"占GDP(?:的)?(?:比重|比例)?",
        r"(?:亿元|万元)(?:地区)?生产总值(?:生产安全)?(?:安全)?事故",
        r"第[一二三]产业增加值", r"[一二三]产(?:业)?增加值", r"(?:服务业|农业|建筑业|金融业|旅游业|制造业|数字经济|"
        r"高新技术产业|战略性新兴产业|文化产业|民营经济|工业总产值|工业产值)(?:增加值)?",
        r"(?:对|拉动)(?:地区生产总值|GDP|经济)增长(?:的)?(?:贡献率?|[\d.]+个百分点)", r"经济增长(?:的)?贡献率?",
        r"进出口(?:总额)?占", r"(?:实际)?(?:利用|使用|到位)外资", r"进出口企业", r"(?:新区|园区|开发区|片区|高新区|经开区|亩均|地均|县域)(?:地区)?生产总值", r"人均(?:社会)?消费品零售", r"税收收入", r"农民人均纯收入(?=.{0,2}[万元])",
    )),
    Concept("energy", (
        r"单位(?:地区|国内)?生产总值(?:能耗|能源消耗)(?:强度)?", r"万元(?:地区|国内)?生产总值(?:能耗|能源消耗)",
        r"单位GDP能耗", r"万元GDP能耗", r"能耗强度", r"单位(?:地区)?生产总值能耗",
    ), growth_id="energy_intensity_reduction", falls=True),
    Concept("rd", (
        r"(?:全社会)?(?:R&D|研发|研究与试验发展)(?:经费)?(?:支出|投入)?(?:强度|占(?:地区|国内)?生产总值(?:的)?比重|"
        r"占GDP(?:的)?比重)",
    ), level_id="rd_spending_ratio", rate=True),
    Concept("gdp_per_capita", (rf"人均{_REGION}生产总值", r"人均GDP"), level_id="gdp_per_capita",
            growth_id="gdp_per_capita_growth"),
    Concept("gdp", (rf"{_REGION}生产总值(?:\(GDP\)|（GDP）)?", r"GDP", r"经济总量",
                    r"(?<![域营字色态济])(?:全[省市区县州]|地区)?经济(?=增长|增速)"),
            level_id="gdp", growth_id="gdp_growth"),
    Concept("revenue", (
        r"(?:地方|区级|县级|市级|本级)?(?:财政)?一般(?:公共)?预算收入", r"地方财政一般预算收入",
        r"(?:地方)?一般公共预算(?:财政)?收入",
    ), level_id="general_budget_revenue", growth_id="general_budget_revenue_growth"),
    Concept("fai", (r"(?:全社会|城镇|全区|全市|全县|全省)?固定资产投资(?:总额|额)?",),
            level_id="fixed_asset_investment", growth_id="fixed_asset_investment_growth"),
    Concept("retail", (r"社会消费品零售(?:总)?额", r"社零总额"), level_id="retail_sales",
            growth_id="retail_sales_growth"),
    Concept("industry", (r"(?:规模以上|规上|规模)工业增加值", r"(?<![一二三第])工业增加值"),
            growth_id="industrial_value_added_growth"),
    Concept("unemployment", (r"城镇(?:调查|登记)失业率", r"(?:调查|登记)失业率"), level_id="urban_unemployment_rate",
            rate=True),
    Concept("cpi", (r"居民消费价格(?:总水平)?(?:涨幅|指数|总指数)?", r"CPI", r"物价(?:总水平)?涨幅"), level_id="cpi_growth",
            rate=True),
    Concept("income", (
        r"(?:城乡|城镇和农村|城镇、农村|城镇|农村|全体|全市|全省|全区|全县)?(?:常住)?居民(?:家庭)?人均可支配收入",
        r"(?:城乡|城镇和农村|城镇、农村|城镇|农村|全体)(?:常住)?(?:居民)?人均可支配收入", r"农民人均(?:可支配|纯)收入", r"城镇居民人均(?:可支配)?收入",
    ), growth_id="disposable_income_growth"),
    Concept("trade", (r"(?:外贸|对外贸易|货物)?进出口(?:总额|总值)?", r"外贸(?=总额|总值|增长)"), level_id="trade",
            growth_id="trade_growth"),
    Concept("jobs", (r"城镇新增就业(?:人数)?", r"新增城镇就业(?:人数)?"), level_id="new_urban_jobs"),
    Concept("grain", (r"粮食(?:总)?产量", r"粮食(?:播种)?总产"), level_id="grain_output"),
)

_ALIASES: list[tuple[str, Concept]] = sorted(
    ((alias, concept) for concept in CONCEPTS for alias in concept.aliases), key=lambda item: -len(item[0])
)
# Python's alternation takes the first alternative that matches at a position; listing blockers and longer
# aliases first makes "人均地区生产总值" a per-capita mention and "海洋生产总值" a blocker.
_ORDERED = [a for a in _ALIASES if a[1].name == "blocked"] + [a for a in _ALIASES if a[1].name != "blocked"]
MENTION_RE = re.compile("|".join(f"(?P<c{i}>{alias})" for i, (alias, _) in enumerate(_ORDERED)))


def concept_of(match: re.Match[str]) -> Concept:
    """The concept behind a `MENTION_RE` match."""
    return _ORDERED[int(match.lastgroup[1:])][1]  # type: ignore[index]


def income_scopes(mention: str) -> list[str]:
    """Scopes a disposable-income mention covers: 城乡 → urban and rural (read with 分别)."""
    if re.search(r"城乡|城镇和农村|城镇、农村", mention):
        return ["urban", "rural"]
    if "城镇" in mention:
        return ["urban"]
    if "农村" in mention or "农民" in mention:
        return ["rural"]
    return ["all"]
