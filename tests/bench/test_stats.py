"""bench.stats: medians with min/max, paired ratios, percentiles, goals and what a figure reports."""

from __future__ import annotations

import pytest

from bench.stats import Figure, Goal, Line, paired_ratios, percentile, rate, summary


def test_summary_of_odd_and_even_runs() -> None:
    assert summary([3.0, 1.0, 2.0]) == {"median": 2.0, "min": 1.0, "max": 3.0, "runs": [3.0, 1.0, 2.0]}
    even = summary([4, 1, 3, 2])
    assert (even["median"], even["min"], even["max"]) == (2.5, 1.0, 4.0)


def test_summary_of_nothing_is_none_not_zero() -> None:
    assert summary([]) == {"median": None, "min": None, "max": None, "runs": []}


def test_paired_ratios_are_per_run_and_skip_zero_baselines() -> None:
    assert paired_ratios([10, 30, 5], [20, 30, 0]) == [0.5, 1.0]
    with pytest.raises(ValueError, match="differ in number"):
        paired_ratios([1, 2], [1])


def test_percentile_interpolates_between_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0, 50.0]
    assert percentile(values, 50) == 30.0
    assert percentile(values, 95) == pytest.approx(48.0)
    assert percentile(values, 0) == 10.0 and percentile(values, 100) == 50.0
    assert percentile([7.0], 95) == 7.0
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile(values, 101)


def test_rate_refuses_a_zero_duration() -> None:
    assert rate(300, 1.5) == 200
    with pytest.raises(ValueError):
        rate(1, 0)


def test_goals_compare_either_way() -> None:
    assert Goal(">=", 0.6).met(0.6) is True and Goal(">=", 0.6).met(0.59) is False
    assert Goal("<=", 20).met(14.8) is True and Goal("<=", 20).met(20.1) is False
    assert Goal(">=", 1).met(None) is None
    assert str(Goal("<=", 20)) == "≤ 20"
    with pytest.raises(ValueError):
        Goal("==", 1)


def test_a_line_checks_its_goal_on_the_ratio_unless_told_otherwise() -> None:
    goal = Goal(">=", 0.8)
    line = Line("crawl", "pages/s", [80, 90, 100], "scrapy", [100, 100, 100], [0.8, 0.9, 1.0], goal)
    assert line.checked_value == 0.9 and line.met is True
    dedup = Line("dedup", "B/URL", [15.0], "SET", [90.0], [15 / 90], Goal("<=", 20), goal_on_value=True)
    assert dedup.checked_value == 15.0 and dedup.met is True
    entry = line.to_dict()
    assert entry["median"] == 90 and entry["baseline"]["median"] == 100 and entry["ratio"]["min"] == 0.8
    assert entry["goal"] == "≥ 0.8" and entry["met"] is True


def test_a_figure_reports_its_median_and_verdict() -> None:
    figure = Figure(key="x_vs_y", label="x / y", unit="ratio", runs=[0.5, 0.7, 0.9], goal=Goal(">=", 0.6),
                    extra={"raw": [1, 2]})
    body = figure.to_dict()
    assert figure.median == 0.7 and figure.met is True
    assert body["median"] == 0.7 and body["min"] == 0.5 and body["max"] == 0.9 and body["raw"] == [1, 2]
    assert body["goal"] == {"op": ">=", "threshold": 0.6}
    assert Figure(key="k", label="k", unit="ms", runs=[]).met is None
