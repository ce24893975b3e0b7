"""Metadata accuracy on the hand-labelled seed pages (tests/fixtures/labels), as `govreports eval` measures it.

Thresholds sit a little below what the extractor reached when this test was written (100 % on every
metadata field, 23 reports), so one regression on one report fails a field, while the overall goal of
the issue (metadata ≥ 97 % exact) is asserted as such.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from cli.eval_cmd import evaluate_labels, load_label_files
from pipeline.evaluate import summarise
from pipeline.extract.metadata import METADATA_FIELDS

LABELS_DIR = Path(__file__).resolve().parent.parent / "fixtures" / "labels"
OVERALL_MIN = 0.97
FIELD_MIN = 0.95  # 22 of 23 reports right still passes; two wrong in one field fails


@pytest.fixture(scope="module")
def summary(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("GOVREPORTS_HOME", str(tmp_path_factory.mktemp("seed-accuracy")))
        scores, errors = evaluate_labels(load_label_files((LABELS_DIR,)))
    assert errors == {}
    return summarise(scores, verbose=True)


def test_every_labelled_report_is_found(summary: dict[str, Any]) -> None:
    assert summary["reports"] >= 23
    assert summary["matched"] == summary["reports"]


def test_metadata_overall(summary: dict[str, Any]) -> None:
    wrong = [m for m in summary["mismatches"] if m["check"] in METADATA_FIELDS]
    assert summary["metadata_overall"]["accuracy"] >= OVERALL_MIN, wrong


@pytest.mark.parametrize("field", METADATA_FIELDS)
def test_metadata_field(summary: dict[str, Any], field: str) -> None:
    wrong = [m for m in summary["mismatches"] if m["check"] == field]
    assert summary["metadata"][field]["accuracy"] >= FIELD_MIN, wrong


def test_labelled_quality_flags_are_raised(summary: dict[str, Any]) -> None:
    assert summary["flags"]["title_year_mismatch"]["accuracy"] == 1.0
