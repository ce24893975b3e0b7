"""Reading the value of one indicator mention inside a sentence: a growth rate, a level or a rate.

A value belongs to a name when it sits in the name's own clause, or in a following clause that opens
with no new subject ("地区生产总值完成238亿元,按可比口径增长6%", "…一季度负增长7.1%…,全年增长3.6%").
A clause that opens with another noun ("…基本同步,外贸出口增长10%") or with 其中 (a sub-item) ends the
reading. Every number also passes `SentenceReader.annual`: quarterly, cumulative, averaged, multi-year,
other-year and (in the review) last year's goal figures are not the annual figure.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

from govreports.models import Indicator
from pipeline.extract.indicator_names import Concept, Mention
from pipeline.extract.time_frames import NOT_ANNUAL, PLAN_PERIOD, forward_frame, years_named
from pipeline.extract.prices import cpi_figure, names_the_rise, price_index
from pipeline.extract.values import VALUE_RE, ParsedValue, negated, parse_value

_FALLING = r"下降|降低|负增长|减少|回落|下滑"
GROWTH_RE = re.compile(rf"(?P<verb>增长率|增长|增速|增幅|提高|上涨|涨幅|增加(?!值)|{_FALLING})"
                       rf"(?P<gap>[^,，。;；:：\d%]{{0,8}}?)(?P<sign>-)?" + VALUE_RE.pattern)
FALLING = re.compile(_FALLING)
# "与上年持平" / "保持上年水平": growth 0.
_FLAT_RE = re.compile(r"(?:与|同|和|比|较)?(?:上年|去年|上一年)?(?P<basic>基本)?(?<!保)持平(?!稳)|保持上年水平")
# "生产总值保持在8%以上", "实现8%左右的增长": a growth rate written without 增长 before it.
_BARE_GROWTH = re.compile(r"(?P<gap>(?:发展速度|增长速度|速度|保持在|保持|稳定在|达到|实现|预期|预计|为|:|\s)*)" + VALUE_RE.pattern
                          + r"(?:的(?:增长|增速|增幅))?")
# A comma between digits followed by exactly three digits is a thousands separator ("27,584亿元").
_CLAUSE_SEP = re.compile(r"(?:(?<!\d)[,，]|[,，](?!\d{3}(?!\d))|[;；])")
_FIGURE = re.compile(r"\d|百分之|持平")
# Revenue (and investment) growth on a comparable basis: "同口径增长", "按同口径计算", "扣除留抵退税因素后增长".
_BASIS_WORDS = r"(?:按|如按|若按)?(?:同口径|(?:扣除|剔除)[^,，;；\d]{1,16}?(?:因素|影响)后?)(?:比较|计算)?"
_SAME_BASIS = re.compile(rf"\s*{_BASIS_WORDS}(?:同比|比上年|较上年)?")
# What a following clause may say before its figure and still be about the same name.
_ATTACHED = re.compile(
    r"(?:同比|比上年|较上年|比去年|较去年|按可比价格?计算|按可比口径(?:计算)?|按可比价|可比|(?:按)?自然口径(?:计算)?|"
    r"全年|今年|实现|完成|达到|实际|"
    r"总量|总额|规模|总值|"
    r"预计|确保|力争|争取|努力|分别|均|也|仍|继续|保持在|保持|稳定在|稳定|稳步|逐季|回升|恢复|在|要|将|增速|增幅|速度|比|"
    r"[一二三四]季度|第[一二三四]季度|上半年|下半年|前三季度|\d{1,2}(?:-\d{1,2})?月份?|计算|的|为|到|增至|增加到|提高到|"
    rf"突破|超过|高于|不低于|控制在|增长|下降|提高|上涨|负|{_BASIS_WORDS}|[、\s()（）]|年)*")
_SUB_ITEM = re.compile(r"^\s*其中")
_THRESHOLD_BEFORE = re.compile(r"跨越$|迈上$|迈过$|站上$|跨上$|跨入$|迈入$")
_THRESHOLD_AFTER = re.compile(r"新?台阶|大关|关口")
_THRESHOLDS = re.compile(r"[、和][\d一二三四五六七八九]|[两三四五]个|级")  # "迈上500亿元、1000亿元两个台阶", "千亿级"
_PARTIAL_YEAR = re.compile(r"季度|半年|前三季|前\d{1,2}个月|\d{1,2}-\d{1,2}月|\d{1,2}月份|截至\d{1,2}月")
_GOAL_IN_CLAUSE = re.compile(r"目标|计划|预期")
_GOAL_AFTER = re.compile(r"[^,，;；]{0,8}?的?(?:预期)?目标")
_COMMA_COLON = re.compile(r"(?:(?<!\d)[,，]|[,，](?!\d{3}(?!\d))|[:：])")
_ANY_STOP = re.compile(r"(?:(?<!\d)[,，]|[,，](?!\d{3}(?!\d))|[:：;；])")
_REALISED = re.compile(r"实际|全年(?:实现|完成)?|完成了?|达到了")
_REVIEW_GOAL = re.compile(r"目标(?:是|为|[:：])|未来|今后|展望")
_SCOPE = re.compile(r"(全省|全市|全区|全县|全州|全盟|全旗|全自治区|全国)")
_LEVEL_UNITS = {"gdp_per_capita": ("元", "美元", "亿元", "亿美元"), "new_urban_jobs": ("万人", "万个"),
                "grain_output": ("万吨",)}
CLAUSE_REACH = 120  # characters after a name searched for its value


@dataclass
class Found:
    """A value read for a name: which id, the parsed value, where the quoted fragment ends."""

    ident: str
    value: ParsedValue
    end: int


class SentenceReader:
    """One sentence being read: its kind/year and how to turn a matched value into an `Indicator`."""

    def __init__(self, sentence: str, original: str, offset: int, kind: str, year: int | None,
                 report_year: int | None, positions: list[int] | None = None) -> None:
        self.sentence, self.original, self.offset = sentence, original, offset
        self.positions = positions  # compact-text offset → original offset (see `compact.squeeze`)
        self.kind, self.year, self.report_year = kind, year, report_year
        # Separator positions, so the clause around any position is found by bisection.
        self._commas = [m.start() for m in _COMMA_COLON.finditer(sentence)]
        self._all_stops = [m.start() for m in _ANY_STOP.finditer(sentence)]

    # -- where a name's value may be -------------------------------------------------------------
    def attached_clauses(self, start: int, end: int) -> list[tuple[int, int]]:
        """Clauses from `start` (just after a name) to `end` that still speak about that name."""
        spans: list[tuple[int, int]] = []
        cursor, quiet = start, 0
        for sep in [*_CLAUSE_SEP.finditer(self.sentence, start, end), None]:
            stop = sep.start() if sep else end
            text = self.sentence[cursor:stop]
            if spans:
                figure = _FIGURE.search(text)
                if _SUB_ITEM.match(text) or (figure and not attached_prefix(text[: figure.start()])):
                    break
                quiet = 0 if figure else quiet + 1
                if quiet > 2:
                    break
            spans.append((cursor, stop))
            cursor = sep.end() if sep else end
        return spans

    # -- reading values ---------------------------------------------------------------------------
    def growth(self, concept: Concept, start: int, end: int) -> Found | None:
        clauses = self.attached_clauses(start, end)
        set_aside = False  # a growth figure was seen and set aside (年均, 一季度 …)
        for index, (a, b) in enumerate(clauses):
            if set_aside and _SAME_BASIS.match(self.sentence, a, b):
                return None  # "年均增长2.7%(扣除…因素后,同口径增长8%)": the restatement shares that framing
            set_aside = set_aside or bool(GROWTH_RE.search(self.sentence, a, b))
            flat = _FLAT_RE.search(self.sentence, a, b)
            match, found = GROWTH_RE.search(self.sentence, a, b), None
            while match:
                found = self._growth_value(concept, match)
                if found:
                    break
                match = GROWTH_RE.search(self.sentence, match.end(), b)
            if flat and (not match or flat.start() < match.start()) and self.annual(flat.start()):
                return _flat_figure(concept.growth_id or "", flat)
            if match:
                return self._same_basis(concept, clauses[index + 1 :]) or found
            if index == 0 and not concept.rate:
                bare = _BARE_GROWTH.match(self.sentence, a, b)
                value = parse_value(bare, bare.group("gap")) if bare and bare.group("a") else None
                if value and value.unit == "%" and self.annual(bare.start("a")):
                    return Found(concept.growth_id or "", value, bare.end())
        return None

    def _same_basis(self, concept: Concept, clauses: list[tuple[int, int]]) -> Found | None:
        """"下降2.1%,同口径增长6.3%": the same-basis (comparable) figure that follows wins."""
        for a, b in clauses:
            basis = _SAME_BASIS.match(self.sentence, a, b)
            match = GROWTH_RE.match(self.sentence, basis.end(), b) if basis else None
            if match:
                return self._growth_value(concept, match)
        return None

    def _growth_value(self, concept: Concept, match: re.Match[str]) -> Found | None:
        value = parse_value(match, match.group("verb") + (match.group("gap") or ""))
        if not value or value.unit != "%" or not self.annual(match.start("a")):
            return None
        falling = bool(FALLING.fullmatch(match.group("verb"))) or bool(match.group("sign"))
        if falling and not concept.falls:
            value = negated(value)
        value.start = match.start("pct") if match.group("pct") else match.start("a")
        return Found(concept.growth_id or "", value, match.end())

    def level(self, concept: Concept, start: int, end: int) -> Found | None:
        """A level (亿元, 万人 …) or, for a rate concept, the rate itself."""
        fallback: Found | None = None  # a realised "突破2000亿元" yields to "达到2009.5亿元" nearby
        ident = concept.level_id or ""
        for a, b in self.attached_clauses(start, end):
            if concept.name == "cpi" and not names_the_rise(self.sentence, start):
                flat, first = _FLAT_RE.search(self.sentence, a, b), VALUE_RE.search(self.sentence, a, b)
                if flat and (not first or flat.start() < first.start()) and self.annual(flat.start()):
                    return _flat_figure(ident, flat)  # 居民消费价格与上年持平: prices did not rise
            for match in VALUE_RE.finditer(self.sentence, a, b):
                before = self.sentence[max(a, match.start() - 6) : match.start()]
                value = parse_value(match, before) or (price_index(
                    match, self.sentence[max(0, match.start() - 12) : match.start()]) if concept.name == "cpi" else None)
                if not value:
                    continue
                if concept.rate:
                    if value.unit == "%" and self.annual(match.start()):
                        if concept.name == "cpi":
                            value = cpi_figure(value, self.sentence, match.start(), names_the_rise(self.sentence, start))
                        return Found(ident, value, match.end())
                    continue
                if not unit_fits(ident, value.unit) or re.search(r"从$|由$|(?:增长|下降|增加)[^,，]{0,3}$", before):
                    continue
                if _THRESHOLDS.match(self.sentence, match.end()):
                    continue  # several thresholds or a class of size: no figure of the year
                if _THRESHOLD_BEFORE.search(before) or _THRESHOLD_AFTER.match(self.sentence, match.end()):
                    value.modifier = "above"  # "迈上400亿元台阶": a milestone, kept only without an exact figure
                if not self.annual(match.start()):
                    continue
                if value.modifier != "above" or self.kind == "target":
                    return Found(ident, value, match.end())
                fallback = fallback or Found(ident, value, match.end())
        return fallback

    def annual(self, position: int) -> bool:
        """False when the number's own clause frames it as quarterly, cumulative, multi-year or a goal."""
        clause = self.clause_before(position)
        if NOT_ANNUAL.search(clause) or PLAN_PERIOD.search(clause) or forward_frame(clause, self.report_year):
            return False
        opening = self.clause_before(self._commas[0]) if self._commas and self._commas[0] < position else ""
        if _PARTIAL_YEAR.search(opening) and "全年" not in self.sentence[self._commas[0] : position]:
            return False  # "1-11月，…增长8.5%，…增长9%": the opening period covers the whole sentence
        earlier = self.sentence[max(0, position - 200) : position]
        if self.kind == "actual":
            goal = None
            for goal in _REVIEW_GOAL.finditer(earlier):
                pass
            if goal and _REALISED.search(earlier, goal.end()):
                goal = None  # "…目标为增长8%,实际增长7.2%": the realised figure follows the goal
            if (_GOAL_IN_CLAUSE.search(clause) or _GOAL_AFTER.match(self.sentence, position, position + 16)
                    or goal or forward_frame(earlier, self.report_year)):
                return False  # last year's goal quoted in the review is not a realised figure
        years = years_named(earlier)
        return not (years and self.year and int(years[-1]) not in (self.year, self.report_year))

    def clause_before(self, position: int, semicolons: bool = False) -> str:
        """Text from the last separator (,:, and ; when asked) before `position` up to it."""
        stops = self._all_stops if semicolons else self._commas
        index = bisect_left(stops, position)
        cut = stops[index - 1] + 1 if index else 0
        return self.sentence[max(cut, position - 80) : position]

    def scope(self, mention: Mention) -> str:
        found = _SCOPE.search(self.sentence, max(0, mention.start - 4), mention.end)
        return found.group(1) if found else ""

    # -- building records --------------------------------------------------------------------------
    def make(self, ident: str, value: ParsedValue, scope: str, strive: bool, start: int, end: int) -> Indicator | None:
        if not ident:
            return None
        unit, number, low, high = value.unit, value.value, value.low, value.high
        if ident == "gdp_per_capita" and unit in ("亿元", "亿美元"):  # 8.9万元 per head is 89000元
            unit = unit[1:]
            number, low, high = (round(x * 1e8, 2) if x is not None else None for x in (number, low, high))
        if ident == "new_urban_jobs":
            unit = "万人"  # 新增就业岗位1.2万个 counts jobs
        first, last = self.offset + start, self.offset + end
        if self.positions is not None:
            first, last = self.positions[first], self.positions[last - 1] + 1
        return Indicator(
            indicator=ident, kind=self.kind, year=self.year, value=number, low=low, high=high, unit=unit,
            modifier=value.modifier, strive=strive, scope=scope, text=self.original[first:last], start=first, end=last,
        )


def _flat_figure(ident: str, flat: re.Match[str]) -> Found:
    """"与上年持平": growth 0; "基本持平": about 0."""
    modifier = "around" if flat.group("basic") else "point"
    return Found(ident, ParsedValue(0.0, None, None, "%", modifier, *flat.span()), flat.end())


def attached_prefix(prefix: str) -> bool:
    """The words before a figure say nothing new ("比上年增长", "全年实现", "分别达到"): same subject."""
    # Short prefixes only: the word list overlaps ("稳定在" / "稳定"+"在"), so bound the matching work.
    return len(prefix) <= 24 and bool(_ATTACHED.fullmatch(prefix))


def unit_fits(ident: str, unit: str) -> bool:
    return unit in _LEVEL_UNITS.get(ident, ("亿元", "亿美元"))
