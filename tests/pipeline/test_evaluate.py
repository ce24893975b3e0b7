"""Scoring logic of `govreports eval` on small synthetic label/document pairs, failures included."""

from __future__ import annotations

import json
from typing import Any

import pytest

from govreports.errors import ConfigError
from pipeline.evaluate import Label, match_documents, normalise_title, parse_labels, score_report, summarise

META = {"doc_type": "work_report", "region": "重庆市渝北区", "province": "重庆市", "admin_level": "county",
        "division_code": "500112", "report_year": 2021, "meeting_date": "2021-03-10",
        "meeting_name": "第十八届人民代表大会第五次会议", "speaker": "谭庆", "speaker_title": "区长"}


def record(indicator: str, kind: str, year: int, value: float | None, modifier: str = "point", **extra: Any) -> dict[str, Any]:
    return {"indicator": indicator, "kind": kind, "year": year, "value": value, "low": extra.get("low"),
            "high": extra.get("high"), "unit": "%", "modifier": modifier, "strive": extra.get("strive", False),
            "scope": extra.get("scope", "")}


GDP_TARGET = record("gdp_growth", "target", 2021, 6.0, "at_least")
GDP_STRIVE = record("gdp_growth", "target", 2021, 7.0, strive=True)
PREV_LEVEL = record("gdp", "actual", 2020, 2010.2)
PREV_GROWTH = record("gdp_growth", "actual", 2020, 5.0)
RETAIL = record("retail_sales_growth", "target", 2021, 8.0, "around")
INCOME_URBAN = record("disposable_income_growth", "target", 2021, 6.5, scope="urban")


def label(indicators: list[dict[str, Any]], position: int = 0, title: str = "2021年渝北区政府工作报告",
          **meta: Any) -> Label:
    return Label(source="page.txt", position=position, title=title, metadata={**META, **meta},
                 indicators=indicators, origin=f"page.jsonl:{position + 1}")


def doc(indicators: list[dict[str, Any]], position: int = 0, title: str = "2021年渝北区政府工作报告",
        **meta: Any) -> dict[str, Any]:
    return {**META, **meta, "title": title, "position": position, "indicators": indicators,
            "quality": {"flags": []}}


def checks(score: Any) -> dict[str, bool]:
    return {name: right for name, right, _, _ in score.checks}


def test_perfect_report() -> None:
    labelled = [GDP_TARGET, GDP_STRIVE, PREV_LEVEL, PREV_GROWTH, RETAIL, INCOME_URBAN]
    score = score_report(label(labelled), doc(labelled))
    assert all(checks(score).values())
    assert score.recall == (3, 3)  # strive GDP record, retail, income; the GDP target is scored apart
    assert score.precision == (6, 6)


def test_metadata_fields_are_exact() -> None:
    score = score_report(label([]), doc([], speaker="谭 庆", report_year=2020, meeting_date=None))
    got = checks(score)
    assert not got["speaker"] and not got["report_year"] and not got["meeting_date"]
    assert got["region"] and got["doc_type"]


def test_none_label_requires_none() -> None:
    score = score_report(label([], meeting_date=None), doc([], meeting_date="2021-03-10"))
    assert checks(score)["meeting_date"] is False
    score = score_report(label([], meeting_date=None), doc([], meeting_date=None))
    assert checks(score)["meeting_date"] is True


def test_gdp_target_needs_value_and_modifier() -> None:
    wrong_modifier = dict(GDP_TARGET, modifier="around")
    assert checks(score_report(label([GDP_TARGET]), doc([wrong_modifier])))["gdp_target"] is False
    wrong_value = dict(GDP_TARGET, value=6.5)
    assert checks(score_report(label([GDP_TARGET]), doc([wrong_value])))["gdp_target"] is False
    within = dict(GDP_TARGET, value=6.0 + 1e-9)
    assert checks(score_report(label([GDP_TARGET]), doc([within])))["gdp_target"] is True


def test_gdp_target_base_record_not_the_strive_one() -> None:
    # Only the 力争 record extracted: the base target (6%以上) was missed.
    assert checks(score_report(label([GDP_TARGET, GDP_STRIVE]), doc([GDP_STRIVE])))["gdp_target"] is False
    # Extracted in the other order: still the base record is compared.
    assert checks(score_report(label([GDP_TARGET, GDP_STRIVE]), doc([GDP_STRIVE, GDP_TARGET])))["gdp_target"]


def test_gdp_target_for_the_wrong_year_is_wrong() -> None:
    last_year = dict(GDP_TARGET, year=2020)
    assert checks(score_report(label([GDP_TARGET]), doc([last_year])))["gdp_target"] is False


def test_report_without_gdp_target() -> None:
    assert checks(score_report(label([RETAIL]), doc([RETAIL])))["gdp_target"] is True
    assert checks(score_report(label([RETAIL]), doc([RETAIL, GDP_TARGET])))["gdp_target"] is False


def test_range_target() -> None:
    ranged = record("gdp_growth", "target", 2021, None, "range", low=5.5, high=6.0)
    assert checks(score_report(label([ranged]), doc([dict(ranged)])))["gdp_target"] is True
    other_range = dict(ranged, high=6.5)
    assert checks(score_report(label([ranged]), doc([other_range])))["gdp_target"] is False


def test_previous_year_gdp() -> None:
    got = checks(score_report(label([PREV_LEVEL, PREV_GROWTH]), doc([PREV_LEVEL])))
    assert got["prev_gdp_level"] is True and got["prev_gdp_growth"] is False
    # Labelled as not stated: extracting one is wrong.
    got = checks(score_report(label([]), doc([PREV_GROWTH])))
    assert got["prev_gdp_growth"] is False and got["prev_gdp_level"] is True


def test_recall_matches_scope_and_each_record_once() -> None:
    rural = dict(INCOME_URBAN, scope="rural")
    score = score_report(label([INCOME_URBAN, rural]), doc([INCOME_URBAN]))
    assert score.recall == (1, 2)
    assert score.missed_targets == [rural]
    twice = score_report(label([RETAIL, dict(RETAIL)]), doc([RETAIL]))
    assert twice.recall == (1, 2)


def test_precision_counts_only_labelled_ids() -> None:
    unlabelled_id = record("cpi_growth", "target", 2021, 3.0, "around")
    wrong_retail = dict(RETAIL, value=9.0)
    score = score_report(label([RETAIL]), doc([RETAIL, wrong_retail, unlabelled_id]))
    assert score.precision == (1, 2)
    assert score.extra_records == [wrong_retail]


def test_unmatched_label_is_wrong_everywhere() -> None:
    score = score_report(label([GDP_TARGET]), None)
    assert not any(checks(score).values())
    none_labelled = score_report(label([], meeting_date=None), None)
    assert not any(checks(none_labelled).values())


def test_matching_by_title_then_position() -> None:
    labels = [label([], 0, "2021年渝北区政府工作报告"), label([], 1, "2021年巫山县政府工作报告"),
              label([], 2, "2021年合川区政府工作报告")]
    docs = [doc([], 0, "• 【巫山县招商】2021年巫山县政府工作报告"), doc([], 1, "2021年渝北区政府工作报告"),
            doc([], 2, "201年合川区政府工作报告")]
    pairs = match_documents(labels, docs)
    assert [d["position"] if d else None for _, d in pairs] == [1, 0, 2]


def test_missing_document_leaves_label_unmatched() -> None:
    pairs = match_documents([label([], 0), label([], 1, "其他报告")], [doc([], 0)])
    assert pairs[1][1] is None


def test_normalise_title() -> None:
    assert normalise_title("• 【忠县招商】2021年 忠县政府工作报告") == normalise_title("2021年忠县政府工作报告")
    assert normalise_title("重庆市璧山区政府工作报告（２０２４年）") == normalise_title("重庆市璧山区政府工作报告(2024年)")


def test_summary_rates() -> None:
    good = score_report(label([GDP_TARGET]), doc([GDP_TARGET]))
    bad = score_report(label([GDP_TARGET], 1), doc([], 1, speaker="某某"))
    summary = summarise([good, bad], verbose=True)
    assert summary["metadata"]["speaker"] == {"correct": 1, "total": 2, "accuracy": 0.5}
    assert summary["metadata_overall"]["correct"] == 19 and summary["metadata_overall"]["total"] == 20
    assert summary["metadata_all_fields"]["correct"] == 1
    assert summary["gdp_target"]["accuracy"] == 0.5
    wrong = {(m["check"], m["got"]) for m in summary["mismatches"]}
    assert ("speaker", "某某") in wrong and ("gdp_target", None) in wrong
    assert "mismatches" not in summarise([good])


def test_flags_are_scored_when_labelled() -> None:
    labelled = label([])
    labelled.flags = ["title_year_mismatch"]
    document = doc([])
    assert checks(score_report(labelled, document))["flag:title_year_mismatch"] is False
    document["quality"]["flags"] = ["title_year_mismatch"]
    assert checks(score_report(labelled, document))["flag:title_year_mismatch"] is True


def test_parse_labels_and_errors() -> None:
    line = json.dumps({"source": "x.txt", "position": 0, "title": "t", "metadata": META, "indicators": []})
    parsed = parse_labels(line + "\n\n" + line, "a.jsonl")
    assert [p.origin for p in parsed] == ["a.jsonl:1", "a.jsonl:3"]
    with pytest.raises(ConfigError, match="a.jsonl:2: not JSON"):
        parse_labels(line + "\n{broken", "a.jsonl")
    with pytest.raises(ConfigError, match="missing metadata"):
        parse_labels(json.dumps({"source": "x", "position": 0, "indicators": []}), "a.jsonl")
