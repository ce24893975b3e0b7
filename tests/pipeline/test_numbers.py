"""Years, small numbers and dates in the forms reports (and OCR) write them."""

from __future__ import annotations

import pytest

from pipeline.extract.numbers import PartialDate, chinese_int, find_dates, parse_year, years_in


@pytest.mark.parametrize(("token", "value"), [
    ("9", 9), ("十", 10), ("十二", 12), ("二十", 20), ("二十一", 21), ("三十一", 31), ("２３", 23),
    ("二〇一九", 2019), ("二○二四", 2024), ("二零零八", 2008), ("二O一九", 2019),
    ("十二三", None), ("", None), ("年", None),
])
def test_chinese_int(token: str, value: int | None) -> None:
    assert chinese_int(token) == value


@pytest.mark.parametrize(("text", "dates"), [
    ("2021年3月10日在重庆市", [PartialDate(2021, 3, 10)]),
    ("二〇一九年一月九日在厦门市", [PartialDate(2019, 1, 9)]),
    ("二○二四年一月二十三日", [PartialDate(2024, 1, 23)]),
    ("２０２３年１月１２日", [PartialDate(2023, 1, 12)]),
    ("2024 年 1 月 23 日", [PartialDate(2024, 1, 23)]),
    ("2019年l月9日", [PartialDate(2019, 1, 9)]),  # OCR: l for 1
    ("2019年1l月3O日", [PartialDate(2019, 11, 30)]),  # OCR: l for 1, O for 0
    ("——2024年1月 日在", [PartialDate(2024, 1)]),  # blank day of a draft
    ("——202423日在", []),  # lost digits: nothing guessed
    ("2019年13月9日", []),  # no such month
    ("2019年是关键之年", []),  # a year alone is not a date
])
def test_find_dates(text: str, dates: list[PartialDate]) -> None:
    assert [date for date, _ in find_dates(text)] == dates


def test_partial_date_iso_only_when_complete() -> None:
    assert PartialDate(2021, 12, 12).iso == "2021-12-12"
    assert PartialDate(2024, 1).iso is None and PartialDate(2024).iso is None


def test_years() -> None:
    assert years_in("关于2019年计划执行情况与二〇二〇年计划草案的报告") == [2019, 2020]
    assert parse_year("1850") is None and parse_year("2008") == 2008
