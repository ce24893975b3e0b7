"""Years, small numbers and dates as reports write them: Arabic, full-width or Chinese numerals.

"二〇一九年一月九日", "二○二四年", "２０２４年１月２３日", "2024 年 1 月 23 日" all parse; a date whose
digits were lost ("——202423日") does not, and nothing here guesses the missing part.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# OCR reads 0 as O/o and 1 as l/I inside dates; they count as digits there.
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "o": 0, "0": 0, "l": 1, "I": 1, "一": 1, "二": 2, "两": 2, "三": 3,
             "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_DIGIT.update({str(n): n for n in range(10)})
_CN_ZEROS = "〇○零ＯOo0"

# Full-width digits and spaces to ASCII, one character for one, so match offsets stay valid.
_FULLWIDTH_DIGITS = {0xFF10 + n: ord("0") + n for n in range(10)} | {0x3000: ord(" ")}

# One capturing group: a four-digit year in Arabic or Chinese digits (2019, 二〇一九, 二○一九, OCR's 二0一九).
YEAR_PATTERN = rf"((?:19|20)\d{{2}}|[一二][{_CN_ZEROS}一二三四五六七八九]{{3}})"
_SMALL = r"(?:[\d一二三四五六七八九十]|[lIOo](?=[\dlIOo]*\s*[月日])){1,3}"
# A date with at least year and month; the day may be missing or blank ("2024年1月 日").
DATE_RE = re.compile(rf"{YEAR_PATTERN}\s*年\s*(?:({_SMALL})\s*月\s*(?:({_SMALL})\s*日)?)?")


def to_halfwidth(text: str) -> str:
    """Full-width digits, letters and punctuation to ASCII (NFKC), ideographic spaces to plain spaces."""
    return unicodedata.normalize("NFKC", text)


def chinese_int(token: str) -> int | None:
    """"9" -> 9, "十二" -> 12, "二十一" -> 21, "三十" -> 30, "二〇一九" -> 2019; None when not a number."""
    token = to_halfwidth(token.strip())
    if token.isdigit():
        return int(token)
    if not token or any(ch not in _CN_DIGIT and ch != "十" for ch in token):
        return None
    if "十" in token:
        tens, _, units = token.partition("十")
        if len(tens) > 1 or len(units) > 1:
            return None
        return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)
    value = 0
    for ch in token:
        value = value * 10 + _CN_DIGIT[ch]
    return value


def parse_year(token: str | None) -> int | None:
    if not token:
        return None
    value = chinese_int(token)
    return value if value is not None and 1949 <= value <= 2100 else None


@dataclass(frozen=True)
class PartialDate:
    """A date as far as the text gives it: the year always, month and day only when written."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def iso(self) -> str | None:
        if self.month is None or self.day is None:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def date_from_match(match: re.Match[str]) -> PartialDate | None:
    """A `DATE_RE` match as a PartialDate; impossible months or days drop to the part that is valid."""
    year = parse_year(match.group(1))
    if year is None:
        return None
    month = chinese_int(match.group(2)) if match.group(2) else None
    if month is None or not 1 <= month <= 12:
        return PartialDate(year)
    day = chinese_int(match.group(3)) if match.group(3) else None
    if day is None or not 1 <= day <= 31:
        return PartialDate(year, month)
    return PartialDate(year, month, day)


def find_dates(text: str) -> list[tuple[PartialDate, re.Match[str]]]:
    """Every year-month(-day) date in `text`, in order, with its match (offsets as in `text`)."""
    found = []
    for match in DATE_RE.finditer(text.translate(_FULLWIDTH_DIGITS)):
        date = date_from_match(match)
        if date is not None and date.month is not None:
            found.append((date, match))
    return found


def years_in(text: str) -> list[int]:
    """Every "YYYY年" year in `text` (Arabic or Chinese digits), in order."""
    years = []
    for match in re.finditer(YEAR_PATTERN + r"\s*年", text):
        year = parse_year(match.group(1))
        if year is not None:
            years.append(year)
    return years
