"""Assemble `Document`s from one raw page: decode -> clean -> split -> segment -> extract.

This is the only place the pure steps are chained; workers, `govreports extract` and the benchmark all
call `build_documents`, so they cannot drift apart.
"""

from __future__ import annotations

from typing import Any

from govreports.defaults import EXTRACTOR_VERSION
from govreports.models import Document, document_id
from pipeline.clean import clean_page
from pipeline.decode import decode_page, looks_like_html
from pipeline.extract import extract_indicators, extract_metadata
from pipeline.segment import Segmenter
from pipeline.split import split_documents


def build_documents(
    body: bytes,
    url: str,
    segmenter: Segmenter,
    content_type: str = "",
    declared_encoding: str = "",
) -> list[Document]:
    """Every document a page carries, fully extracted. Raises `StepError` naming the failing step."""
    text = decode_page(body, content_type=content_type, declared_encoding=declared_encoding)
    page = clean_page(text, is_html=looks_like_html(text, content_type))
    documents: list[Document] = []
    for position, part in enumerate(split_documents(page)):
        context = preamble(page.lines, part.text) if position == 0 else ""
        meta = extract_metadata(part.title, part.text, published_date=part.published_date, context=context)
        if "other_body_report" in part.quality.get("flags", []):  # split saw another body's report
            meta["doc_type"] = "other"
        # News stories and pages without a report quote a few figures second-hand; counting them would put
        # the same target twice (or a misread one) into aggregations, so only reports carry indicators.
        indicators = [] if meta.get("doc_type") == "other" else extract_indicators(
            part.text, report_year=_indicator_year(meta), region=meta.get("region"))
        tokens = segmenter.cut(part.text)
        documents.append(
            Document(
                id=document_id(url, position),
                title=part.title,
                text=part.text,
                indicators=[ind.to_dict() for ind in indicators],
                glossary=part.glossary,
                keywords=segmenter.keywords(part.text),
                phrase_counts=segmenter.phrase_counts(part.text),
                tokens=" ".join(tokens),
                quality=merge_quality(part.quality, meta.pop("quality", {})),
                source_url=url,
                content_hash=part.content_hash,
                position=position,
                published_date=part.published_date,
                extractor_version=EXTRACTOR_VERSION,
                **meta,
            )
        )
    return documents


def preamble(lines: list[str], text: str) -> str:
    """Page lines before a document's first line: the notice that publishes a plan, or site chrome.

    Only the first document gets one; later documents on aggregator pages are preceded by other reports.
    """
    first = text.split("\n", 1)[0]
    for index, line in enumerate(lines):
        if line == first or (first and line.endswith(first)):
            return "\n".join(lines[:index])
    return ""


def merge_quality(split_quality: dict[str, Any], meta_quality: dict[str, Any]) -> dict[str, Any]:
    """One quality dict: every step's counters, and the union of every step's flags (order kept)."""
    merged = {**split_quality, **{k: v for k, v in meta_quality.items() if k != "flags"}}
    flags = list(split_quality.get("flags", [])) + list(meta_quality.get("flags", []))
    if split_quality.get("injected_removed"):
        # Counted per page by cleaning; on an aggregator page every entry carries the page's flag.
        flags.append("injected_tokens")
    merged["flags"] = list(dict.fromkeys(flags))
    return merged


def _indicator_year(meta: dict[str, Any]) -> int | None:
    """The year targets are set for. A statistical bulletin reports on its year, so its figures are that
    year's actuals: the indicator step reads actuals as report_year - 1, hence the shift."""
    year = meta.get("report_year")
    if year is not None and meta.get("doc_type") == "stat_bulletin":
        return int(year) + 1
    return year
