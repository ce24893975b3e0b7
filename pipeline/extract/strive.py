"""Which figures are stretch goals (strive = True): 力争 / 争取 / 奋斗目标 and "力争更好结果".

Four written forms, each a separate rule:
- a second figure after the base one: "增长6%以上、力争7%" → the base record plus a strive record
  (`STRIVE_NUMBER`);
- a strive word governing the name's own clause: "力争地区生产总值增长7%", "生产总值力争增长7%";
- a strive word heading the whole sentence before any figure, e.g. "努力实现区委确定的奋斗目标:地区生产
  总值增长6.5%,一般公共预算收入增长6%…" or "力争高新技术企业…分别达到490家、2250家,研发投入占比达到3%":
  every figure of the sentence is a stretch goal, up to a later 确保 clause (`sentence_strive_span`);
- a numberless "力争更好结果" / "努力争取更好结果" right after the figure sets strive on that record.
确保 (make sure) and 努力 alone are not strive words.
"""

from __future__ import annotations

import re

from pipeline.extract.values import VALUE_RE

# 争取 alone also means "obtain" (争取上级资金20亿元): only 争取实现/达到/增长… is a strive word.
_STRIVE = r"力争|奋斗目标|争取(?=实现|达到|完成|突破|增长|超过|更好|更高|更快)"
STRIVE_WORD = re.compile(_STRIVE)
# After a base figure, 努力实现/冲刺 a second figure is a stretch goal too ("增长6.5%左右,努力实现7%").
STRIVE_NUMBER = re.compile(r"(?:力争|争取|努力实现|努力达到|奋力实现|冲刺)[^,，。;；\d%]{0,10}?" + VALUE_RE.pattern)
STRIVE_AFTER = re.compile(r"力争更好|争取更好|更好结果|力争更高|力争更快|更高目标")
# A plain target statement after a strive word ends its reach ("…力争走在前列,主要预期目标是:…").
_PLAIN_ANCHOR = re.compile(r"(?<!奋斗)(?:主要预期目标|预期目标|主要目标|目标)(?:是|为|[:：])")
_FIRST_FIGURE = re.compile(r"\d|百分之")
_ENSURE = re.compile(r"确保|保证|守住|控制在")


def sentence_strive_span(sentence: str, first_name: int) -> tuple[int, int] | None:
    """The stretch of `sentence` governed by a strive word that heads it (before its first figure and name)."""
    figure = _FIRST_FIGURE.search(sentence)
    head = sentence[: min(figure.start() if figure else len(sentence), first_name)]
    words = list(STRIVE_WORD.finditer(head))
    if not words:
        return None
    start = words[-1].start()
    anchors = [a for a in _PLAIN_ANCHOR.finditer(head) if a.start() > start]
    if anchors:
        return None
    stop = _ENSURE.search(sentence, words[-1].end())
    return start, stop.start() if stop else len(sentence)

