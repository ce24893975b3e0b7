"""Numbers as written in Chinese reports: digits, Chinese numerals, percent forms, ranges and modifiers.

Owns two things: `normalize_for_numbers` (same-length character repairs so offsets into the cleaned text
stay valid: full-width digits, ％, OCR letters inside numbers) and `VALUE_RE` / `parse_value`, which turn a
fragment such as "6%—6.5%", "百分之六左右", "5.5%以内", "1 0 %" or "3万人以上" into a `ParsedValue`.

Every repetition in these patterns is unambiguous (a digit run can be split only one way), so matching
stays linear on very long lines without punctuation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from pipeline.extract.script_folding import fold_traditional

_FULL_WIDTH = {ord(c): ord("0") + i for i, c in enumerate("０１２３４５６７８９")}
_FULL_WIDTH.update({ord("％"): ord("%"), ord("．"): ord("."), ord("－"): ord("-"), ord("～"): ord("~"),
                    ord("，"): ord(","), ord("："): ord(":"), ord("；"): ord(";"), ord("（"): ord("("),
                    ord("）"): ord(")"), ord("＆"): ord("&")})
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
# A run of digit-like characters that contains a real digit or ends in a percent sign: only inside such a
# run are O/o/l/I taken for OCR-damaged digits ("1O%", "lO.5%"), never in ordinary Latin words.
_OCR_RUN = re.compile(r"(?<![A-Za-z])(?:[0-9OolI.]*[0-9][0-9OolI.]*|[OolI][0-9OolI.]*(?=\s?%))(?![A-Za-z])")

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10000}
_CN = "零〇一二两三四五六七八九十百千点"
# Digits may be split by single spaces (OCR, PDF copies: "1 0 %"); thousands separators "27,584".
NUMBER = rf"(?:\d{{1,3}}(?:,\d{{3}})+(?!\d)(?:\.\d+)?|\d(?: ?\d)*(?: ?\. ?\d+)?|[{_CN}]+)"
# OCR turns a dash into 一 ("6%一6.5%"): read so only right before a digit.
DASH = r"(?:[—–\-~至到]{1,2}|一(?= ?\d))"
UNITS = (r"(?:个百分点|%|万亿元|亿元|万元|亿美元|万美元|美元|元|万人次|万人|人次|人|万个|个|万吨|亿斤|万斤|吨)")
_POST = r"(?P<post>左右|以上|以内|以下|上下|之间)"

# value: optional 百分之, number, optional unit, optional range partner, unit, trailing modifier.
VALUE_RE = re.compile(
    rf"(?P<pct>百分之)?(?P<a>{NUMBER})(?: ?(?P<ua>{UNITS}))?"
    rf"(?: ?{DASH} ?(?:百分之)?(?P<b>{NUMBER}))?"
    rf"(?: ?(?P<unit>{UNITS}))?(?: ?{_POST})?"
)

# Level units are normalised: money to 亿元 (per-capita money to 元), grain to 万吨, people and jobs to 万人.
_SCALE = {
    "万亿元": ("亿元", 10000.0),
    "亿元": ("亿元", 1.0),
    "万元": ("亿元", 0.0001),
    "元": ("元", 1.0),
    "亿美元": ("亿美元", 1.0),
    "万美元": ("亿美元", 0.0001),
    "美元": ("美元", 1.0),
    "万人": ("万人", 1.0),
    "万人次": ("万人次", 1.0),
    "人次": ("万人次", 0.0001),
    "人": ("万人", 0.0001),
    "万个": ("万个", 1.0),
    "个": ("万个", 0.0001),
    "万吨": ("万吨", 1.0),
    "吨": ("万吨", 0.0001),
    "亿斤": ("万吨", 5.0),
    "万斤": ("万吨", 0.0005),
    "%": ("%", 1.0),
    "个百分点": ("个百分点", 1.0),
}


@dataclass
class ParsedValue:
    value: float | None
    low: float | None
    high: float | None
    unit: str
    modifier: str
    start: int
    end: int


def negated(value: ParsedValue) -> ParsedValue:
    """The same figure as a fall ("下降3.3%" -> -3.3); a range keeps low <= high."""
    flip = (lambda x: -x if x else x)  # 0 stays 0, None stays None
    return replace(value, value=flip(value.value), low=flip(value.high), high=flip(value.low))


def shifted(value: ParsedValue, offset: float) -> ParsedValue:
    """The figure minus `offset` (a price index 103% read as a 3% rise)."""
    move = (lambda x: round(x - offset, 6) if x is not None else None)
    return replace(value, value=move(value.value), low=move(value.low), high=move(value.high))


def normalize_for_numbers(text: str) -> str:
    """Same-length repairs so regexes see ASCII digits and punctuation and simplified characters (a
    traditional-script copy reads like the original); offsets into `text` remain valid."""
    text = fold_traditional(text.translate(_FULL_WIDTH))
    return _OCR_RUN.sub(lambda m: m.group(0).translate(_OCR_DIGITS), text)


def parse_cn_number(token: str) -> float | None:
    """六点五 -> 6.5, 十二 -> 12, 一百二十 -> 120, 二〇 -> 20 (digit by digit); None when not a number."""
    if not token or any(ch not in CN_DIGITS and ch not in CN_UNITS and ch != "点" for ch in token):
        return None
    whole, _, frac = token.partition("点")
    if not whole or (frac and any(ch not in CN_DIGITS for ch in frac)) or "点" in frac:
        return None
    if all(ch in CN_DIGITS for ch in whole):
        number = float("".join(str(CN_DIGITS[ch]) for ch in whole))
    else:
        number, section = 0.0, 0
        for ch in whole:
            if ch in CN_DIGITS:
                section = CN_DIGITS[ch]
            else:
                number += (section or 1) * CN_UNITS[ch]
                section = 0
        number += section
    if frac:
        number += float("0." + "".join(str(CN_DIGITS[ch]) for ch in frac))
    return number


def parse_number(token: str) -> float | None:
    token = token.replace(" ", "")
    if token and token[0].isdigit():
        try:
            return float(token.replace(",", ""))
        except ValueError:
            return None
    return parse_cn_number(token)


def parse_value(match: re.Match[str], before: str = "") -> ParsedValue | None:
    """Interpret one `VALUE_RE` match; `before` is the text just ahead of it (for 不低于/超过/控制在)."""
    unit_raw = match.group("unit") or match.group("ua") or ("%" if match.group("pct") else "")
    if not unit_raw:
        return None
    a = parse_number(match.group("a"))
    b = parse_number(match.group("b")) if match.group("b") else None
    if a is None or (match.group("b") and b is None):
        return None
    unit, scale = _SCALE[unit_raw]
    a = round(a * scale, 6)  # 5700人 -> 0.57万人, not 0.5700000000000001
    b = round(b * scale, 6) if b is not None else None
    modifier = _modifier(match.group("post") or "", before)
    if b is not None:
        low, high = min(a, b), max(a, b)
        return ParsedValue(None, low, high, unit, "range", match.start(), match.end())
    return ParsedValue(a, None, None, unit, modifier, match.start(), match.end())


_AT_LEAST = re.compile(r"不低于|不少于|至少|不下于")
_AT_MOST = re.compile(r"不超过|不高于|控制在|低于|少于")
_ABOVE = re.compile(r"超过|高于|突破|超|多于")
_ABOUT = re.compile(r"约|大约|近")


def _modifier(post: str, before: str) -> str:
    if post in ("左右", "上下"):
        return "around"
    if post == "以上":
        return "at_least"
    if post in ("以内", "以下"):
        return "at_most"
    tail = before[-6:]
    if _AT_LEAST.search(tail):
        return "at_least"
    if _AT_MOST.search(tail):
        return "at_most"
    if _ABOVE.search(tail):
        return "above"
    if _ABOUT.search(tail[-2:]):
        return "around"
    return "point"
