"""Structured facts from clean report text: metadata (region, level, year, meeting, speaker) and indicators."""

from pipeline.extract.indicators import extract_indicators
from pipeline.extract.metadata import extract_metadata

__all__ = ["extract_indicators", "extract_metadata"]
