"""Scoring extracted documents against hand labels (tests/fixtures/labels/*.jsonl). Pure: no file I/O.

One label line describes one report on a page. Extracted documents of the same page are matched to
labels by normalised title, else by position; an unmatched label scores wrong on every field. Scores:

- each metadata field, exact (None equals None); metadata overall = all (report, field) pairs;
- GDP target: the labelled annual gdp_growth target (its non-力争 record) against the extracted one, value,
  low, high within 1e-6 and the modifier equal; a report labelled without one is right only if none is
  extracted;
- previous-year GDP level (gdp, actual) and growth (gdp_growth, actual), the same way. "Previous year" is
  the year the report's realised figures describe: report_year - 1 for a work report or plan, but the
  bulletin's own year for a statistical bulletin (a 2023 bulletin has report_year 2023 and reports 2023
  actuals);
- other-target recall: labelled target records other than the GDP target, each matched at most once by
  indicator, kind, year, scope, value/low/high and modifier;
- indicator precision: extracted records whose (indicator, kind) the report's labels cover, and how many
  of them match a labelled record.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from govreports.errors import ConfigError
from pipeline.extract.metadata import METADATA_FIELDS

TOLERANCE = 1e-6
_REQUIRED = ("source", "position", "metadata", "indicators")


@dataclass
class Label:
    """One labelled report: where it is, what it must say."""

    source: str  # the page file, as written in the label (relative to the label file)
    position: int
    title: str
    metadata: dict[str, Any]
    indicators: list[dict[str, Any]]
    content_type: str = ""
    flags: list[str] = field(default_factory=list)
    origin: str = ""  # "file.jsonl:3", for messages


def parse_labels(text: str, origin: str) -> list[Label]:
    """Label lines of one JSONL file; a malformed line is a ConfigError naming file and line."""
    labels: list[Label] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{origin}:{number}"
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not JSON ({exc.msg})") from None
        missing = [key for key in _REQUIRED if key not in data] if isinstance(data, dict) else list(_REQUIRED)
        if missing:
            raise ConfigError(f"{where}: missing {', '.join(missing)}")
        labels.append(Label(
            source=str(data["source"]), position=int(data["position"]), title=str(data.get("title") or ""),
            metadata=dict(data["metadata"]), indicators=list(data["indicators"]),
            content_type=str(data.get("content_type") or ""), flags=list(data.get("flags") or []), origin=where,
        ))
    return labels


def normalise_title(title: str) -> str:
    """Titles compared without width, spacing, punctuation or bracketed site tags (【忠县招商】)."""
    title = unicodedata.normalize("NFKC", title or "")
    title = re.sub(r"【[^】]{0,12}】", "", title)
    return re.sub(r"[\W_]+", "", title)


def match_documents(labels: list[Label], documents: list[dict[str, Any]]) -> list[tuple[Label, dict[str, Any] | None]]:
    """Pair each label of one page with an extracted document: same title first, then same position."""
    free = list(range(len(documents)))
    chosen: dict[int, int] = {}
    for n, label in enumerate(labels):
        key = normalise_title(label.title)
        same = [i for i in free if key and normalise_title(documents[i].get("title", "")) == key]
        if same:
            best = min(same, key=lambda i: abs(documents[i].get("position", i) - label.position))
            chosen[n] = best
            free.remove(best)
    for n, label in enumerate(labels):
        if n in chosen:
            continue
        at = [i for i in free if documents[i].get("position", i) == label.position]
        if at:
            chosen[n] = at[0]
            free.remove(at[0])
    return [(label, documents[chosen[n]] if n in chosen else None) for n, label in enumerate(labels)]


def _close(a: Any, b: Any) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return abs(float(a) - float(b)) <= TOLERANCE


def same_figure(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    return (all(_close(expected.get(k), got.get(k)) for k in ("value", "low", "high"))
            and expected.get("modifier", "point") == got.get("modifier", "point"))


def same_record(expected: dict[str, Any], got: dict[str, Any]) -> bool:
    keys = ("indicator", "kind", "year")
    return (all(expected.get(k) == got.get(k) for k in keys)
            and (expected.get("scope") or "") == (got.get("scope") or "") and same_figure(expected, got))


def _base_record(records: list[dict[str, Any]], indicator: str, kind: str, year: int | None) -> dict[str, Any] | None:
    """The figure a report states for indicator/kind/year: its plain record before any 力争 one."""
    found = [r for r in records if r.get("indicator") == indicator and r.get("kind") == kind and r.get("year") == year]
    found.sort(key=lambda r: bool(r.get("strive")))
    return found[0] if found else None


def realised_year(metadata: dict[str, Any]) -> int | None:
    """The year a report's realised (actual) figures describe: the year before the targets' year, except
    for a statistical bulletin, whose report_year is the year it reports on."""
    year = metadata.get("report_year")
    if not isinstance(year, int):
        return None
    return year if metadata.get("doc_type") == "stat_bulletin" else year - 1


@dataclass
class ReportScore:
    """Scores of one labelled report; each check is (name, right, expected, got)."""

    origin: str
    title: str
    matched: bool
    checks: list[tuple[str, bool, Any, Any]] = field(default_factory=list)
    recall: tuple[int, int] = (0, 0)  # other targets: (found, labelled)
    precision: tuple[int, int] = (0, 0)  # (matching, extracted and covered)
    missed_targets: list[dict[str, Any]] = field(default_factory=list)
    extra_records: list[dict[str, Any]] = field(default_factory=list)


def score_report(label: Label, document: dict[str, Any] | None) -> ReportScore:
    score = ReportScore(origin=label.origin, title=label.title, matched=document is not None)
    doc = document or {}
    for name in METADATA_FIELDS:
        expected, got = label.metadata.get(name), doc.get(name)
        score.checks.append((name, document is not None and expected == got, expected, got))
    extracted = list(doc.get("indicators") or [])
    year = label.metadata.get("report_year")
    prev = realised_year(label.metadata)
    for name, indicator, kind, when in (("gdp_target", "gdp_growth", "target", year),
                                        ("prev_gdp_level", "gdp", "actual", prev),
                                        ("prev_gdp_growth", "gdp_growth", "actual", prev)):
        want = _base_record(label.indicators, indicator, kind, when)
        if want is None:
            # Labelled as absent: right only if nothing of the kind was extracted.
            stray = [r for r in extracted if r.get("indicator") == indicator and r.get("kind") == kind]
            score.checks.append((name, document is not None and not stray, None, stray[0] if stray else None))
        else:
            got_record = _base_record(extracted, indicator, kind, when)
            right = got_record is not None and same_figure(want, got_record)
            score.checks.append((name, right, _figure(want), _figure(got_record)))
    gdp_target = _base_record(label.indicators, "gdp_growth", "target", year)
    others = [r for r in label.indicators if r.get("kind") == "target" and r is not gdp_target]
    unused = list(extracted)
    for record in others:
        hit = next((r for r in unused if same_record(record, r)), None)
        if hit is None:
            score.missed_targets.append(record)
        else:
            unused.remove(hit)
    score.recall = (len(others) - len(score.missed_targets), len(others))
    covered = {(r.get("indicator"), r.get("kind")) for r in label.indicators}
    judged = [r for r in extracted if (r.get("indicator"), r.get("kind")) in covered]
    pool = list(label.indicators)
    good = 0
    for record in judged:
        hit = next((r for r in pool if same_record(r, record)), None)
        if hit is None:
            score.extra_records.append(record)
        else:
            pool.remove(hit)
            good += 1
    score.precision = (good, len(judged))
    flags = set((doc.get("quality") or {}).get("flags") or [])
    for flag in label.flags:
        score.checks.append((f"flag:{flag}", flag in flags, True, flag in flags))
    return score


def _figure(record: dict[str, Any] | None) -> dict[str, Any] | None:
    if record is None:
        return None
    return {k: record.get(k) for k in ("value", "low", "high", "modifier", "strive") if k in record}


def _rate(right: int, total: int) -> dict[str, Any]:
    return {"correct": right, "total": total, "accuracy": round(right / total, 4) if total else None}


def summarise(scores: list[ReportScore], verbose: bool = False) -> dict[str, Any]:
    """Per-field accuracy and indicator scores over all reports; `mismatches` when verbose."""
    by_check: dict[str, list[bool]] = {}
    for score in scores:
        for name, right, _, _ in score.checks:
            by_check.setdefault(name, []).append(right)
    fields = {name: _rate(sum(by_check.get(name, [])), len(by_check.get(name, []))) for name in METADATA_FIELDS}
    meta_checks = [right for name in METADATA_FIELDS for right in by_check.get(name, [])]
    complete = [all(r for n, r, _, _ in s.checks if n in METADATA_FIELDS) for s in scores]
    result: dict[str, Any] = {
        "reports": len(scores),
        "matched": sum(s.matched for s in scores),
        "metadata": fields,
        "metadata_overall": _rate(sum(meta_checks), len(meta_checks)),
        "metadata_all_fields": _rate(sum(complete), len(complete)),
        "gdp_target": _rate(sum(by_check.get("gdp_target", [])), len(by_check.get("gdp_target", []))),
        "prev_gdp_level": _rate(sum(by_check.get("prev_gdp_level", [])), len(by_check.get("prev_gdp_level", []))),
        "prev_gdp_growth": _rate(sum(by_check.get("prev_gdp_growth", [])), len(by_check.get("prev_gdp_growth", []))),
        "other_target_recall": _rate(sum(s.recall[0] for s in scores), sum(s.recall[1] for s in scores)),
        "indicator_precision": _rate(sum(s.precision[0] for s in scores), sum(s.precision[1] for s in scores)),
        "flags": {name[5:]: _rate(sum(v), len(v)) for name, v in sorted(by_check.items()) if name.startswith("flag:")},
    }
    if verbose:
        result["mismatches"] = mismatches(scores)
    return result


def mismatches(scores: list[ReportScore]) -> list[dict[str, Any]]:
    """Every wrong check, missed target and unlabelled-but-covered record, report by report."""
    found: list[dict[str, Any]] = []
    for score in scores:
        where = {"label": score.origin, "title": score.title}
        if not score.matched:
            found.append({**where, "check": "document", "expected": "a document", "got": None})
        for name, right, expected, got in score.checks:
            if not right and score.matched:
                found.append({**where, "check": name, "expected": expected, "got": got})
        for record in score.missed_targets:
            found.append({**where, "check": "target_missed", "expected": _brief(record), "got": None})
        for record in score.extra_records:
            found.append({**where, "check": "record_unmatched", "expected": None, "got": _brief(record)})
    return found


def _brief(record: dict[str, Any]) -> dict[str, Any]:
    keys = ("indicator", "kind", "year", "value", "low", "high", "modifier", "strive", "scope")
    return {k: record.get(k) for k in keys}
