"""Where a report reviews last year, where it sets multi-year goals and where it sets this year's targets.

A work report (and an annual plan report) first reviews the past year (and, in new-term years, five
years), may then set five-year goals, and then states this year's 主要预期目标. `sentence_kinds` walks
the sentences once and gives each one "actual" (the review, or a plan-part sentence recalling last year:
realised figures for report_year - 1), "target" (this year's plan) or None (multi-year goals).

The walk has three states. It starts in review; the statement of this year's targets (`_ANCHOR`, a
heading such as "二、2020年主要预期目标", or failing those "今年…目标/安排/任务") switches to plan; a
sentence opening with a forward frame ("“十四五”时期", "今后五年", "到2025年" in a 2021 report) enters a
goals block that lasts until the next top-level heading, a sentence opening with 今年/this year, or the
target statement. Reports with no recognisable target statement are judged sentence by sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pipeline.extract.time_frames import forward_frame

_SENTENCE_END = re.compile(r"[。！？!?；;\n]")
_LONG_SENTENCE = 400  # longer "sentences" (run-together copies) are cut at commas into pieces near this size
_COMMA = re.compile(r"[,，]")
_GOAL_WORDS = r"(?:主要预期目标|主要目标|预期目标|发展目标|奋斗目标|主要指标|计划目标|预期性指标|调控目标|约束性指标|主要任务目标)"
_ANCHOR = re.compile(rf"{_GOAL_WORDS}(?:是|为|如下|[:：]|建议|确定为|安排|设定为|拟定为)")
# A short heading naming this year's goals: "二、预期目标", "二、2019年经济社会发展的主要目标和任务".
_HEADING = re.compile(r"[一二三四五六七八九十、()（）\d.\s]{0,6}[^,，。:：]{0,24}?(?:预期目标|主要目标|发展目标|主要指标|计划目标|"
                      r"目标任务)(?:和|与|及)?(?:主要|重点)?(?:任务|工作|措施|举措)?\s*")
_PAST_GOALS = re.compile(r"年初|去年|上年|过去一年|确定的|提出的|下达的|既定|完成了|实现了")
_THIS_YEAR_PLAN = re.compile(r"(?:今年|本年度|明年)(?!以来)[^。;；]{0,30}(?:目标|安排|任务)")
_DONE = re.compile(r"完成|实现了|取得|以来")
_OPENING_NOISE = re.compile(r"^[\s—\-“”\"'（()）]*(?:[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十]{1,2}部分|[(（][一二三四五六七八九十]{1,2}[)）])?[\s“\"'在]*")
_GOAL_BLOCK = re.compile(r"目标|任务|总体要求|蓝图|奋斗")
_TOP_HEADING = re.compile(r"\s*(?:[一二三四五六七八九十]{1,2}、|第[一二三四五六七八九十]{1,2}部分)")


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int


def sentences(text: str) -> list[Sentence]:
    """Sentence spans (end exclusive, without the terminator); enumerations split at ；.

    A run-together copy can hold thousands of characters without a full stop; such a stretch is cut at
    commas so that no later step works on more than a few hundred characters at once.
    """
    spans: list[Sentence] = []
    begin = 0
    for stop in _SENTENCE_END.finditer(text):
        if stop.start() > begin:
            spans.extend(_cut_long(text, begin, stop.start()))
        begin = stop.end()
    if begin < len(text):
        spans.extend(_cut_long(text, begin, len(text)))
    return spans


def _cut_long(text: str, start: int, end: int) -> list[Sentence]:
    pieces: list[Sentence] = []
    while end - start > _LONG_SENTENCE:
        comma = _COMMA.search(text, start + _LONG_SENTENCE // 2, start + _LONG_SENTENCE * 2)
        cut = comma.end() if comma and comma.end() < end else start + _LONG_SENTENCE
        pieces.append(Sentence(start, cut))
        start = cut
    if end > start:
        pieces.append(Sentence(start, end))
    return pieces


def opens_with_goals(sentence: str, report_year: int | None) -> bool:
    """The sentence (or heading) opens with a multi-year frame: "“十四五”时期,…", "二、今后五年…", "到2025年,…".

    Only the opening counts: "2024年是实现“十四五”规划目标任务的关键一年" is about this year.
    """
    opening = _OPENING_NOISE.sub("", sentence[:40], count=1)
    return forward_frame(_first_clause(opening)[:12], report_year)


def _this_year(report_year: int | None) -> str:
    return rf"今年(?!以来)|本年度|明年|{report_year}年" if report_year else r"今年(?!以来)|本年度|明年"


def this_year_clause(sentence: str, report_year: int | None) -> bool:
    """A goals sentence that ends with this year's own figure: "“十一五”期间年均增长9%左右，今年增长10%".
    Its five-year numbers are set aside figure by figure (年均, 期间, 到2010年); the 今年 clause is a target."""
    return bool(re.search(rf"[,，]\s*(?:{_this_year(report_year)})(?!起|开始)[^,，;；。]{{0,20}}?(?:增长|达到|突破|控制在)"
                          r"[^,，;；。]{0,6}?\d", sentence))


def _first_clause(sentence: str) -> str:
    cut = _COMMA.search(sentence)
    return sentence[: cut.start()] if cut else sentence


def is_target_statement(sentence: str, report_year: int | None, loose: bool = False) -> bool:
    """The sentence that introduces this year's targets ("今年…主要预期目标是:", "二、2020年主要目标")."""
    anchor = _ANCHOR.search(sentence) or _HEADING.fullmatch(sentence)
    if not anchor and loose and not _DONE.search(sentence):
        anchor = _THIS_YEAR_PLAN.search(sentence)
        if not anchor and report_year and len(sentence) <= 40:  # a heading: "三、2021年工作安排"
            anchor = re.search(rf"{report_year}年[^,，。]{{0,16}}(?:工作安排|主要任务|工作任务|重点工作|工作建议|目标任务|政府工作)",
                               sentence)
    if not anchor:
        return False
    head = sentence[: anchor.end()]
    clause = re.split(r"[,，:：]", head.rstrip(":："))[-1]
    if forward_frame(clause, report_year) or opens_with_goals(head, report_year):
        return False
    if _PAST_GOALS.search(clause):
        return False  # "年初确定的主要预期目标为…" recalls last year's goals inside the review
    years = [int(y) for y in re.findall(r"((?:19|20)\d\d)\s*年", head)]
    return not (report_year and years and years[-1] != report_year)


def sentence_kinds(text: str, spans: list[Sentence], report_year: int | None) -> list[str | None]:
    """"actual", "target" or None for each sentence span."""
    heads = [text[s.start : s.end] for s in spans]
    blocks = _goal_blocks(heads, report_year)
    anchor = None
    for loose in (False, True):
        anchor = next((i for i, s in enumerate(heads) if not blocks[i] and is_target_statement(s, report_year, loose)),
                      None)
        if anchor is not None:
            break
    if anchor is None:
        return _own_kinds(text, spans, heads, blocks, report_year)
    kinds: list[str | None] = []
    for index, sentence in enumerate(heads):
        if blocks[index] and (index < anchor or _TOP_HEADING.match(heads[index]) or _opened_by_heading(heads, blocks, index, anchor)):
            kinds.append(None)
        elif opens_with_goals(sentence, report_year) and not this_year_clause(sentence, report_year):
            kinds.append(None)
        elif index < anchor:
            kinds.append("actual")
        else:
            kinds.append(_plan_kind(sentence, report_year))
    return kinds


def _opened_by_heading(heads: list[str], blocks: list[bool], index: int, anchor: int) -> bool:
    """After the targets, only a block opened by a top-level heading ("四、“十四五”…") silences sentences."""
    start = index
    while start > anchor and blocks[start - 1]:
        start -= 1
    return bool(_TOP_HEADING.match(heads[start]))


def _goal_blocks(heads: list[str], report_year: int | None) -> list[bool]:
    """Per sentence: inside a block of multi-year goals (opened by a heading or a goal sentence)."""
    this_year = re.compile(_this_year(report_year))
    flags: list[bool] = []
    inside = False
    for sentence in heads:
        first = _first_clause(sentence)[:60]
        heading = bool(_TOP_HEADING.match(sentence))
        forward = opens_with_goals(sentence, report_year) and not this_year.search(first)
        if forward and (heading or _GOAL_BLOCK.search(first)):
            inside = True  # "二、“十四五”时期主要目标任务" opens a block of multi-year goals
        elif inside and (heading or this_year.match(sentence.lstrip())
                         or (this_year.search(first) and is_target_statement(sentence, report_year))):
            inside = False
        flags.append(inside)
    return flags


def _looks_back(sentence: str, report_year: int | None) -> bool:
    last = rf"|(?<![比较同于与和至到]){report_year - 1}年" if report_year else ""
    return bool(re.search(rf"过去一年|一年来|(?<![比较同于与和])去年|上一年|预计全年|今年以来{last}", sentence))


def _looks_ahead(sentence: str, report_year: int | None) -> bool:
    return bool(re.search(rf"{_this_year(report_year)}|(?<!比)(?<!超)预期目标|力争|确保|目标是", sentence))


def _plan_kind(sentence: str, report_year: int | None) -> str | None:
    # A plan-part sentence recalling last year's results ("去年全省生产总值增长11.4%") is a realised figure.
    return "actual" if _looks_back(sentence, report_year) and not _looks_ahead(sentence, report_year) else "target"


def _own_kinds(text: str, spans: list[Sentence], heads: list[str], blocks: list[bool],
               report_year: int | None) -> list[str | None]:
    """No target statement: each sentence by its own words; an item after ；that has no time words of its
    own continues the enumeration it belongs to ("今年…增长8.5%；一般公共预算收入增长6.5%；…")."""
    kinds: list[str | None] = []
    for index, sentence in enumerate(heads):
        if blocks[index]:
            kinds.append(None)
            continue
        kind = _own_kind(sentence, report_year)
        previous_stop = text[spans[index - 1].end : spans[index - 1].end + 1] if index else ""
        if (index and previous_stop in ";；" and kinds[-1] is not None and not _looks_ahead(sentence, report_year)
                and not _looks_back(sentence, report_year)):
            kind = kinds[-1]
        kinds.append(kind)
    return kinds


def _own_kind(sentence: str, report_year: int | None) -> str | None:
    """No recognisable target statement: judge the sentence by its own words, realised by default."""
    if opens_with_goals(sentence, report_year):
        return "target" if this_year_clause(sentence, report_year) else None
    ahead, back = _looks_ahead(sentence, report_year), _looks_back(sentence, report_year)
    return "target" if ahead and not back else "actual"
