"""bench.corpus: the seed reports repeated and perturbed into a corpus of distinct reports."""

from __future__ import annotations

import random
import re

import pytest

from bench.corpus import (
    KEPT_OPENING,
    Report,
    build_corpus,
    drop_paragraphs,
    excerpt,
    jitter_decimals,
    seed_reports,
    shift_years,
    variant,
)


def test_the_seeds_give_twenty_three_reports() -> None:
    reports = seed_reports()
    assert len(reports) == 23
    assert all(report.title and report.chars > 5000 for report in reports)


@pytest.mark.parametrize("count", [0, 1, 23, 24, 207])
def test_corpus_has_the_size_asked_and_no_two_reports_alike(count: int) -> None:
    corpus = build_corpus(count)
    assert len(corpus) == count
    assert len({report.text for report in corpus}) == count


def test_corpus_starts_with_the_seeds_and_is_deterministic() -> None:
    corpus = build_corpus(50)
    assert corpus[:23] == list(seed_reports())
    assert build_corpus(50) == corpus
    with pytest.raises(ValueError):
        build_corpus(-1)


def test_shift_years_moves_only_years_written_before_nian() -> None:
    text = "2024年GDP增长6%，2023年完成，电话2024，第2024号"
    assert shift_years(text, 2) == "2026年GDP增长6%，2025年完成，电话2024，第2024号"
    assert shift_years(text, 0) == text


def test_jitter_keeps_decimals_within_the_spread() -> None:
    text = "增长6.5%左右，总量2009.53亿元，整数12不变"
    jittered = jitter_decimals(text, random.Random(1), spread=0.1)
    originals = [float(x) for x in re.findall(r"\d+\.\d+", text)]
    changed = [(x, len(x.split(".")[1])) for x in re.findall(r"\d+\.\d+", jittered)]
    assert [places for _, places in changed] == [1, 2]
    for original, (new, _) in zip(originals, changed):
        assert abs(float(new) - original) <= original * 0.1 + 0.05
    assert "整数12不变" in jittered


def test_drop_paragraphs_keeps_the_opening_and_drops_a_tenth() -> None:
    paragraphs = tuple(f"段落{i}。" for i in range(KEPT_OPENING + 40))
    kept = drop_paragraphs(paragraphs, random.Random(3))
    assert kept[:KEPT_OPENING] == paragraphs[:KEPT_OPENING]
    assert len(kept) == len(paragraphs) - 4
    assert set(kept) <= set(paragraphs)


def test_a_variant_is_another_years_report_with_less_text() -> None:
    seed = seed_reports()[0]
    assert variant(seed, 0) is seed
    other = variant(seed, 1)  # offset (1 % 5) - 2 = -1
    seed_years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", seed.title)]
    other_years = [int(y) for y in re.findall(r"((?:19|20)\d{2})年", other.title)]
    assert other_years == [year - 1 for year in seed_years]
    assert other.chars < seed.chars and other.origin.endswith("/v1")
    assert other.date.startswith(str(int(seed.date[:4]) - 1))


def test_an_excerpt_keeps_the_opening_and_is_about_the_length_asked() -> None:
    report = seed_reports()[0]
    short = excerpt(report, random.Random(5), target_chars=1500)
    assert short.title == report.title
    assert short.paragraphs[:2] == report.paragraphs[:2]
    assert 1200 <= short.chars <= 2500


def test_an_excerpt_of_a_one_line_aggregator_entry_is_cut_by_sentence() -> None:
    line = "。".join(f"第{i}句话说的是发展" for i in range(200)) + "。"
    report = Report("标题", (line,), "2022-03-01", "test")
    short = excerpt(report, random.Random(2), target_chars=600, paragraph_chars=200)
    assert 500 <= short.chars <= 900
    assert all(len(p) < 400 for p in short.paragraphs)
