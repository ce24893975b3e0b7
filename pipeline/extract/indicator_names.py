"""The canonical indicator table: which written names mean which indicator, and how its value is read.

Each `Concept` has aliases (regex fragments), the id used for a level figure (亿元, 万人 ...) or a rate
read directly, and the id used for a growth rate (增长 X%). Names from every decade are listed: 国内生产总值
/ 全市生产总值 / 地区生产总值 / GDP / 经济总量, 地方财政一般预算收入 / 公共财政预算收入 / 一般公共预算收入,
农民人均纯收入 / 农村居民人均可支配收入, 城镇登记失业率 / 城镇调查失业率 …

Aliases of the "blocked" concept are names that contain a real indicator name but mean something else
(海洋生产总值, 占地区生产总值比重, 第一产业增加值, 交通固定资产投资, 电商进出口额, 外贸出口, 财政总收入).
They matter twice: they keep the real name from matching inside them, and they end the previous
indicator's reading segment and fill a slot in "A、B分别增长x%、y%" lists.

`find_mentions` returns, at each position, the longest alias that matches there (a blocker wins a tie),
so "人均地区生产总值" is per-capita GDP and "单位地区生产总值能耗" is the energy indicator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.regex_tools import first_char_guard, first_chars


@dataclass(frozen=True)
class Concept:
    name: str
    aliases: tuple[str, ...]
    level_id: str | None = None  # id for a level (亿元/万人/万吨/元) or a rate read directly (失业率 5.5%)
    growth_id: str | None = None  # id for 增长/下降 X%
    rate: bool = False  # the value itself is a percentage (失业率, 涨幅, 强度): read the first % value
    falls: bool = False  # the indicator is a reduction: "下降3%" means value 3, not -3


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    concept: Concept


_REGION = r"(?:地区|国内|全市|全省|全区|全县|全州|全盟|全旗|本市|本县|本区|全自治区|全地区|全镇)?"
# 经济 alone names GDP only before 增长/增速 and after a region word, a verb or the start of a clause:
# 民营经济增长, 县域经济增长, 数字经济增长 are sectors.
_ECONOMY = (r"(?:(?<![\u4e00-\u9fff])|(?<=全年)|(?<=今年)|(?<=实现)|(?<=确保)|(?<=力争)|(?<=保持)|(?<=预期)|(?<=是)"
            r"|(?<=年)|(?<=的))(?:全[省市区县州盟旗]|我[省市区县州盟旗]|本[市县区]|地区)?(?:国民)?经济(?=增长|增速|发展速度)")
# A bare 新增就业 is the region's own figure only at a clause start or after a verb or region word:
# "旅游业新增就业", "带动新增就业", "产业新增就业" count one sector's jobs.
_REGION_JOBS = ("(?:(?<![\u4e00-\u9fff])|" + "|".join(f"(?<={word})" for word in (
    "全年", "今年", "年内", "实现", "确保", "力争", "争取", "完成", "预计", "累计", "其中", "目标", "是", "为", "年",
    "全省", "全市", "全区", "全县", "全州", "全盟", "全旗", "本市", "本县", "本区")) + ")")
_SECTORS = (r"服务业|农业|建筑业|金融业|旅游业|制造业|数字经济|高新技术产业|高技术产业|战略性新兴产业|文化产业|民营经济|"
            r"非公经济|县域经济|工业总产值|工业产值|工业销售产值|农林牧渔业|农业总产值|第[一二三]产业|[一二三]产")
# Urban residents: 城镇居民, and 城市居民 in older reports.
_TOWN = r"(?:城镇|城市)"
# Rural residents: 农村居民, and in pastoral regions (内蒙古, 新疆, 西藏, 青海 …) 农村牧区 / 农牧区 / 牧区居民.
_COUNTRY = r"(?:农村牧区|农牧区|农村|牧区)"
# R&D spending, with the bracketed glosses reports add: 研究与试验发展(R&D)经费, 研发投入(R&D经费).
_RD = r"(?:全社会)?(?:R&D|研发|研究与试验发展|研究与开发|科技研发)"
_RD_NOTE = r"(?:\((?:R&D|研发)?(?:经费)?(?:投入|支出)?\))?"
_SUB_AREAS = r"新区|园区|开发区|片区|高新区|经开区|亩均|地均|县域|城区|商圈|街区|镇域|乡镇|保税区|自贸区|试验区"

CONCEPTS: tuple[Concept, ...] = (
    Concept("blocked", (
        r"海洋生产总值", r"生态系统生产总值", r"GEP",
        r"占(?:全[省市区县国])?(?:地区|国内)?生产总值(?:的)?(?:比重|比例)?", r"占GDP(?:的)?(?:比重|比例)?",
        r"(?:亿元|万元)(?:地区)?(?:生产总值|GDP)(?:生产安全|安全)?(?:事故)?",
        r"(?:单位|万元|每万元)(?:地区|国内)?(?:生产总值|GDP)(?!(?:综合)?(?:能耗|能源消耗))",
        r"(?:单位|万元|每万元)(?:规模以上)?工业增加值(?:能耗|用水量|水耗|能源消耗)?",
        rf"(?:{_SECTORS})(?:增加值|产值|总产值)?",
        r"(?:对|拉动)(?:地区生产总值|GDP|经济)增长(?:的)?(?:贡献率?|[\d.]+个百分点)", r"经济增长(?:的)?贡献率?",
        r"进出口(?:总额)?占", r"(?:实际)?(?:利用|使用|到位)(?:外资|内资|市外资金)", r"进出口企业", r"外贸实绩企业",
        r"(?:跨境)?电商进出口(?:额|总额)?", r"(?:服务|技术|加工|一般)贸易进出口(?:额|总额)?",
        r"(?:外贸)?出口(?:总额|额|交货值)?", r"(?:外贸)?进口(?:总额|额)?",
        rf"(?:{_SUB_AREAS})(?:地区)?(?:生产总值|GDP)",
        r"人均(?:社会)?消费品零售(?:总)?额", r"限(?:额|上)以上?(?:企业|单位)?(?:社会)?消费品零售(?:总)?额",
        # All industry (规上 plus small firms), a bulletin figure; industrial_value_added_growth is 规上.
        r"全部工业增加值",
        r"税收收入", r"税收", r"财政总收入", r"全口径财政收入", r"(?:一般公共)?预算支出", r"财政支出",
        r"(?:交通|工业|农业|民间|水利|技术改造|技改|制造业|旅游|文化|教育|能源|基础设施|城建|房地产)(?:固定资产)?投资",
        r"房地产开发投资", r"项目投资", r"招商引资",
        rf"{_RD}{_RD_NOTE}(?:经费)?{_RD_NOTE}(?:投入|支出)(?:总量|总额|经费)?",
        r"城乡居民(?:人均可支配)?收入(?:比|差距|倍差)", r"(?:农村劳动力)?(?:新增)?转移就业",
    )),
    Concept("energy", (
        r"(?:单位|万元|每万元)?(?:地区|国内)?(?:生产总值|GDP)(?:综合)?(?:能耗|能源消耗)(?:强度)?(?:降低率)?",
        r"能耗强度", r"能源消耗强度",
    ), growth_id="energy_intensity_reduction", falls=True),
    Concept("rd", (
        rf"{_RD}{_RD_NOTE}(?:经费)?{_RD_NOTE}(?:支出|投入)?(?:经费)?{_RD_NOTE}(?:投入)?(?:强度|占比|(?:占|相当于|与)"
        r"(?:全[省市区县])?(?:本地|地区|国内)?(?:生产总值|GDP)(?:的)?(?:比重|比例|之比|比值)?)",
    ), level_id="rd_spending_ratio", rate=True),
    Concept("gdp_per_capita", (rf"人均{_REGION}生产总值", r"人均GDP"), level_id="gdp_per_capita",
            growth_id="gdp_per_capita_growth"),
    Concept("gdp", (rf"{_REGION}生产总值(?:\(GDP\))?", r"(?:全[省市区县]|地区)?GDP(?:总量)?", r"经济总量", _ECONOMY),
            level_id="gdp", growth_id="gdp_growth"),
    Concept("revenue", (
        r"(?:地方|区级|县级|市级|本级|全市|全县|全区|全省)?(?:财政)?一般(?:公共)?预算(?:财政)?收入",
        r"(?:地方)?公共财政(?:预算)?收入", r"地方(?:级)?财政收入", r"地方财政一般预算收入", r"地方级收入",
    ), level_id="general_budget_revenue", growth_id="general_budget_revenue_growth"),
    Concept("fai", (r"(?:全社会|城镇|全区|全市|全县|全省|500万元以上)?固定资产投资(?:总额|额|规模)?",),
            level_id="fixed_asset_investment", growth_id="fixed_asset_investment_growth"),
    Concept("retail", (r"全?社会消费品零售(?:总)?额", r"社零(?:总)?额", r"消费品零售(?:总)?额"), level_id="retail_sales",
            growth_id="retail_sales_growth"),
    Concept("industry", (r"(?:规模以上|规上|规模)工业增加值", r"(?<![一二三第])工业增加值"),
            growth_id="industrial_value_added_growth"),
    Concept("unemployment", (r"城镇(?:调查|登记)?失业率", r"(?:调查|登记)失业率", r"(?<![\u4e00-\u9fff])失业率"),
            level_id="urban_unemployment_rate", rate=True),
    Concept("cpi", (r"居民消费价格(?:总)?(?:水平|指数)?(?:涨幅|增幅|上涨幅度)?", r"CPI(?:涨幅)?",
                    r"物价(?:总水平)?(?:涨幅|上涨幅度)", r"物价总水平"), level_id="cpi_growth", rate=True),
    Concept("income", (
        rf"(?:城乡|{_TOWN}[和、]{_COUNTRY}|{_COUNTRY}[和、]{_TOWN}|{_TOWN}|{_COUNTRY}|全体|全市|全省|全区|全县)?(?:常住)?居民(?:家庭)?"
        r"人均(?:可支配|纯)?收入",
        rf"(?:城乡|{_TOWN}[和、]{_COUNTRY}|{_COUNTRY}[和、]{_TOWN}|{_TOWN}|{_COUNTRY}|全体)(?:常住)?(?:居民)?人均可支配收入",
        rf"{_TOWN}(?:常住)?居民(?:和|、|与|及){_COUNTRY}(?:常住)?居民(?:家庭)?人均(?:可支配|纯)?收入",
        rf"{_COUNTRY}(?:常住)?居民(?:和|、|与|及){_TOWN}(?:常住)?居民(?:家庭)?人均(?:可支配|纯)?收入",
        r"农(?:牧)?民人均(?:可支配|纯)?收入", rf"{_COUNTRY}(?:常住)?居民人均纯收入", rf"(?:城乡|{_TOWN}|{_COUNTRY})居民收入",
        r"(?<![\u4e00-\u9fff])人均可支配收入",
    ), growth_id="disposable_income_growth"),
    Concept("trade", (r"(?:外贸|对外贸易|货物贸易|货物|外贸货物)?进出口(?:贸易)?(?:总额|总值|额|总量)?",
                      r"外贸(?=总额|总值|增长)"), level_id="trade", growth_id="trade_growth"),
    Concept("jobs", (r"城镇新增就业(?:人数|岗位|人员)?", r"新增城镇就业(?:人数|岗位|人员)?",
                     _REGION_JOBS + r"新增就业(?:人数|岗位)?"), level_id="new_urban_jobs"),
    Concept("grain", (r"粮食(?:总)?产量", r"粮食(?:播种)?总产"), level_id="grain_output"),
)

_ALIASES: list[tuple[re.Pattern[str], Concept]] = [
    (re.compile(alias), concept) for concept in CONCEPTS for alias in concept.aliases
]
# Aliases by first character: at a hit only the aliases that can start with that character are tried.
_BY_FIRST: dict[str, list[tuple[re.Pattern[str], Concept]]] = {}
_OPEN_START: list[tuple[re.Pattern[str], Concept]] = []
for _pattern, _concept in _ALIASES:
    _firsts = first_chars(_pattern.pattern)
    if _firsts is None:
        _OPEN_START.append((_pattern, _concept))
    for _char in _firsts or ():
        _BY_FIRST.setdefault(_char, []).append((_pattern, _concept))
_SOURCES = [alias for concept in CONCEPTS for alias in concept.aliases]
# The lookahead on possible first characters lets the engine skip most positions with one class test
# instead of trying every alias there (run-together copies can be a million characters long).
_ANY = re.compile(first_char_guard(_SOURCES) + "(?:" + "|".join(f"(?:{alias})" for alias in _SOURCES) + ")")


def find_mentions(sentence: str) -> list[Mention]:
    """Indicator names in `sentence`, left to right, each the longest alias at its position."""
    found: list[Mention] = []
    position = 0
    while True:
        hit = _ANY.search(sentence, position)
        if not hit:
            return found
        best: Mention | None = None
        for pattern, concept in _BY_FIRST.get(sentence[hit.start()], []) + _OPEN_START:
            match = pattern.match(sentence, hit.start())
            if not match or match.end() == match.start():
                continue
            longer = best is None or match.end() > best.end
            if longer or (match.end() == best.end and concept.name == "blocked"):
                best = Mention(match.start(), match.end(), match.group(0), concept)
        assert best is not None  # the combined pattern matched here, so one alias does
        found.append(best)
        position = best.end


def income_scopes(mention: str) -> list[str]:
    """Scopes a disposable-income name covers, in the order it names them: 城乡 → urban, rural;
    农村和城镇居民 → rural, urban; 城镇/城市 → urban; 农村/农民 → rural; otherwise all residents."""
    if "城乡" in mention:
        return ["urban", "rural"]
    named = [(m.start(), scope) for scope, word in (("urban", "城镇|城市"), ("rural", "农村|农民|农牧民|牧区"))
             for m in [re.search(word, mention)] if m]
    return [scope for _, scope in sorted(named)] or ["all"]


def collective_income(mention: str) -> bool:
    """城乡居民 names town and country residents together. Its one figure is read as holding for each
    (urban and rural records), except when a 其中 breakdown shows it is the all-residents figure."""
    return "城乡" in mention


def unemployment_scope(mention: str, report_year: int | None) -> str:
    """registered / surveyed; a bare 失业率 is the registered rate before 2018 (surveyed rates came later)."""
    if "调查" in mention:
        return "surveyed"
    if "登记" in mention:
        return "registered"
    return "registered" if report_year is not None and report_year < 2018 else "surveyed"
