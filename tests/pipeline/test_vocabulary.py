"""The domain vocabulary file: size, form, tracked phrases, keyword stop words and the IK export."""

from __future__ import annotations

import re
from pathlib import Path

from pipeline.vocabulary import (
    VOCABULARY_FILE,
    export_ik_dictionary,
    keyword_stopwords,
    load_vocabulary,
    tracked_phrases,
)

# Terms the users query for by name (issues and README examples).
REQUIRED = ("成渝地区双城经济圈", "新质生产力", "一般公共预算收入", "规上工业增加值", "城镇调查失业率", "地区生产总值",
            "社会消费品零售总额", "固定资产投资", "居民人均可支配收入", "高质量发展", "乡村振兴", "人民政府", "国务院")


def _raw_terms() -> list[str]:
    lines = [line.strip() for line in VOCABULARY_FILE.read_text(encoding="utf-8").splitlines()]
    return [line.removeprefix("* ") for line in lines if line and not line.startswith("#")]


def test_vocabulary_has_at_least_500_distinct_terms() -> None:
    terms = load_vocabulary()
    assert len(terms) >= 500
    assert len(set(terms)) == len(terms)


def test_file_lists_each_term_once() -> None:
    # A repeated line would silently drop its "* " mark (the first occurrence wins).
    raw = _raw_terms()
    assert sorted({t for t in raw if raw.count(t) > 1}) == []


def test_terms_are_well_formed() -> None:
    for term in load_vocabulary():
        assert 2 <= len(term) <= 24, term
        assert not re.search(r"\s|[,，。;；、]", term), term
        assert re.search(r"[\u4e00-\u9fff]|^[A-Z0-9.]+$", term), term


def test_required_terms_present_and_tracked_phrases_are_terms() -> None:
    terms = set(load_vocabulary())
    assert set(REQUIRED) <= terms
    tracked = tracked_phrases()
    assert len(tracked) >= 60
    assert set(tracked) <= terms
    assert "新质生产力" in tracked and "成渝地区双城经济圈" in tracked


def test_keyword_stopwords_are_generic_not_tracked() -> None:
    stop = keyword_stopwords()
    assert {"推进", "建设", "亿元", "全区"} <= stop
    assert not stop & set(tracked_phrases())


def test_ik_export_one_term_per_line_utf8(tmp_path: Path) -> None:
    path = tmp_path / "ik" / "govreports.dic"
    count = export_ik_dictionary(path)
    lines = path.read_bytes().decode("utf-8").splitlines()
    assert count == len(lines) == len(load_vocabulary())
    assert lines == load_vocabulary()
    assert not any(line.startswith("* ") or line.startswith("#") for line in lines)
