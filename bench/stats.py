"""Statistics and verdicts of the benchmark: medians with min/max over runs, paired ratios, goals.

Every figure is a list of runs. A ratio is taken *per run* between a project measurement and its
baseline measured right next to it (same run, same machine state), and the median of those ratios is
reported: on a noisy machine both sides of a pair slow down together, so the ratio holds where absolute
rates do not. Pure functions and plain data; `bench.report` prints them.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any


def summary(values: Sequence[float]) -> dict[str, Any]:
    """{"median", "min", "max", "runs"}; all None (runs empty) when nothing was measured."""
    runs = [float(v) for v in values]
    if not runs:
        return {"median": None, "min": None, "max": None, "runs": []}
    return {"median": statistics.median(runs), "min": min(runs), "max": max(runs), "runs": runs}


def paired_ratios(project: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """project[i] / baseline[i] for each run; a run whose baseline is zero has no ratio."""
    if len(project) != len(baseline):
        raise ValueError(f"paired runs differ in number: {len(project)} project, {len(baseline)} baseline")
    return [p / b for p, b in zip(project, baseline) if b]


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) with linear interpolation between closest ranks (numpy's default)."""
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def rate(amount: float, seconds: float) -> float:
    """amount per second; a zero or negative duration is an error, not an infinite rate."""
    if seconds <= 0:
        raise ValueError(f"cannot take a rate over {seconds} s")
    return amount / seconds


@dataclass(frozen=True)
class Goal:
    """`value op threshold`, e.g. Goal(">=", 0.6); checked against a figure's median."""

    op: str
    threshold: float

    def __post_init__(self) -> None:
        if self.op not in (">=", "<="):
            raise ValueError(f"goal operator must be >= or <=, got {self.op!r}")

    def met(self, value: float | None) -> bool | None:
        if value is None:
            return None
        return value >= self.threshold if self.op == ">=" else value <= self.threshold

    def __str__(self) -> str:
        return f"{'≥' if self.op == '>=' else '≤'} {self.threshold:g}"


@dataclass
class Line:
    """One row of the printed table: a measured value over runs, optionally its baseline and the per-run
    ratio to it, and the goal it is checked against (on the ratio when there is one, else the value)."""

    label: str
    unit: str
    runs: list[float]
    baseline_label: str = ""
    baseline_runs: list[float] = field(default_factory=list)
    ratio_runs: list[float] = field(default_factory=list)
    goal: Goal | None = None
    goal_on_value: bool = False  # check the goal against the value even when a ratio is shown

    @property
    def checked_value(self) -> float | None:
        on_ratio = bool(self.ratio_runs) and not self.goal_on_value
        return summary(self.ratio_runs if on_ratio else self.runs)["median"]

    @property
    def met(self) -> bool | None:
        return self.goal.met(self.checked_value) if self.goal is not None else None

    def to_dict(self) -> dict[str, Any]:
        entry: dict[str, Any] = {"unit": self.unit, **summary(self.runs)}
        if self.baseline_label:
            entry["baseline"] = {"label": self.baseline_label, **summary(self.baseline_runs)}
        if self.ratio_runs:
            entry["ratio"] = summary(self.ratio_runs)
        if self.goal is not None:
            entry["goal"], entry["met"] = str(self.goal), self.met
        return entry


@dataclass
class Figure:
    """One key of `latest.json`: its runs (the value the goal is about), the lines that explain it, and
    the raw inputs. For the `*_vs_*` keys the value is the per-run ratio project / baseline."""

    key: str
    label: str
    unit: str
    runs: list[float]
    goal: Goal | None = None
    lines: list[Line] = field(default_factory=list)
    inputs: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float | None:
        return summary(self.runs)["median"]

    @property
    def met(self) -> bool | None:
        return self.goal.met(self.median) if self.goal is not None else None

    def to_dict(self) -> dict[str, Any]:
        return {
            **summary(self.runs),
            "label": self.label,
            "unit": self.unit,
            "goal": None if self.goal is None else {"op": self.goal.op, "threshold": self.goal.threshold},
            "met": self.met,
            "lines": {line.label.strip(): line.to_dict() for line in self.lines},
            "inputs": self.inputs,
            "notes": self.notes,
            **self.extra,
        }
