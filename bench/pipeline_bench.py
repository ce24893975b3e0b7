"""Figure 1, pipeline throughput: `pipeline.document.build_documents` against plain `jieba.cut`, in chars/s
of report text in one process.

Input: the corpus (≥ 200 distinct reports from the seeds, `bench.corpus`), each rendered as a portal
detail page in one of three templates (TRS district UTF-8, VSB GBK, aggregator), as workers receive
pages. The pipeline side is everything `build_documents` does — decode, HTML to text (boilerplate
removal), clean, split, segment with the domain vocabulary, keywords, phrase counts, metadata and
indicator extraction. The baseline is `jieba.cut` (default dictionary, HMM on) over the report text
alone. Both count the same characters: the report's title and body text.

The corpus is cut into rounds by dealing reports round robin (each round the same mix of templates
and seeds); in each round both sides process the same reports, alternating which goes first.
"""

from __future__ import annotations

import logging
import time

import jieba

from bench.corpus import Report
from bench.lab import Lab
from bench.portal import report_page
from bench.stats import Figure, Goal, Line, paired_ratios, rate
from govreports.errors import StepError
from pipeline.document import build_documents
from pipeline.segment import get_segmenter

GOAL = Goal(">=", 0.6)
URL_BASE = "http://bench.invalid"


def deal(items: list[Report], rounds: int) -> list[list[Report]]:
    """Round-robin split into `rounds` slices of (nearly) equal size and the same mix."""
    if rounds < 1:
        raise ValueError(f"need at least one round, got {rounds}")
    return [items[start::rounds] for start in range(rounds)]


def time_pipeline(reports: list[Report], numbers: list[int]) -> tuple[float, dict[str, int]]:
    """(seconds, counts) for build_documents over the reports' pages; a page that fails is counted."""
    segmenter = get_segmenter()
    pages = [report_page(report, number) for report, number in zip(reports, numbers)]
    counts = {"documents": 0, "indicators": 0, "failed": 0}
    started = time.perf_counter()
    for path, page in pages:
        try:
            documents = build_documents(page.body, URL_BASE + path, segmenter, content_type=page.content_type)
        except StepError:
            counts["failed"] += 1
            continue
        counts["documents"] += len(documents)
        counts["indicators"] += sum(len(doc.indicators) for doc in documents)
    return time.perf_counter() - started, counts


def time_jieba(reports: list[Report]) -> float:
    started = time.perf_counter()
    for report in reports:
        for _ in jieba.cut(report.text):
            pass
    return time.perf_counter() - started


def measure(lab: Lab) -> Figure:
    corpus = lab.corpus
    rounds = lab.size(5, 1)
    cache = lab.settings().jieba_cache_dir
    cache.mkdir(parents=True, exist_ok=True)
    jieba.setLogLevel(logging.WARNING)
    jieba.dt.tmp_dir = str(cache)
    lab.say(f"pipeline: loading jieba and the vocabulary; {len(corpus)} reports, "
            f"{sum(r.chars for r in corpus):,} chars, {rounds} rounds")
    jieba.initialize()
    get_segmenter()
    numbered = {id(report): number for number, report in enumerate(corpus)}
    pipeline_rates: list[float] = []
    jieba_rates: list[float] = []
    totals = {"documents": 0, "indicators": 0, "failed": 0}
    for number, reports in enumerate(deal(corpus, rounds)):
        chars = sum(report.chars for report in reports)
        numbers = [numbered[id(report)] for report in reports]
        if number % 2 == 0:
            pipeline_s, counts = time_pipeline(reports, numbers)
            jieba_s = time_jieba(reports)
        else:
            jieba_s = time_jieba(reports)
            pipeline_s, counts = time_pipeline(reports, numbers)
        for key, value in counts.items():
            totals[key] += value
        pipeline_rates.append(rate(chars, pipeline_s))
        jieba_rates.append(rate(chars, jieba_s))
        lab.say(f"  round {number + 1}/{rounds}: {len(reports)} reports, pipeline {pipeline_rates[-1]:,.0f} chars/s, "
                f"jieba.cut {jieba_rates[-1]:,.0f} chars/s")
    ratios = paired_ratios(pipeline_rates, jieba_rates)
    return Figure(
        key="pipeline_vs_jieba", label="pipeline / jieba.cut", unit="ratio", runs=ratios, goal=GOAL,
        lines=[Line("pipeline, chars/s per process", "chars/s", pipeline_rates, "jieba.cut", jieba_rates, ratios,
                    GOAL)],
        inputs={"reports": len(corpus), "chars": sum(r.chars for r in corpus), "rounds": rounds,
                "page_bytes": sum(len(report_page(r, i)[1].body) for i, r in enumerate(corpus)), **totals},
        extra={"pipeline_chars_per_s": pipeline_rates, "jieba_chars_per_s": jieba_rates},
        notes=["pipeline: build_documents on the report's HTML page (decode → HTML text → clean → split → "
               "segment → keywords/phrases → metadata → indicators)", "jieba.cut: default dictionary, HMM on, "
               "over the report text; both rates count the report text's characters"],
    )
