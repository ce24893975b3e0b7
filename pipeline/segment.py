"""Chinese word segmentation with jieba: one tokenizer per process, domain vocabulary loaded once.

jieba's dictionary takes about a second to load, so workers build one `Segmenter` in the parent before
forking (children share it copy-on-write) and never call `jieba.enable_parallel` (it forks its own pool,
which breaks inside Celery's). jieba writes a dictionary cache, so it gets a writable directory.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

import jieba
import jieba.analyse

from pipeline.vocabulary import load_vocabulary, tracked_phrases

_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
jieba.setLogLevel(logging.WARNING)  # its start-up chatter would drown worker logs
_segmenters: dict[str, "Segmenter"] = {}


class Segmenter:
    def __init__(self, cache_dir: str | Path | None = None) -> None:
        self.tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self.tokenizer.tmp_dir = str(cache_dir)
        self.tokenizer.initialize()
        for term in load_vocabulary():
            # High frequency so domain terms win over jieba's general-language splits.
            self.tokenizer.add_word(term, freq=200_000)
        self._tfidf = jieba.analyse.TFIDF()
        self._tfidf.tokenizer = self.tokenizer
        self._tfidf.postokenizer = None
        self._phrases = tracked_phrases()

    def cut(self, text: str) -> list[str]:
        return [token for token in self.tokenizer.cut(text) if _WORDLIKE.search(token)]

    def keywords(self, text: str, k: int = 20) -> list[str]:
        return list(self._tfidf.extract_tags(text, topK=k))

    def phrase_counts(self, text: str) -> dict[str, int]:
        counts = Counter({phrase: text.count(phrase) for phrase in self._phrases})
        return {phrase: n for phrase, n in counts.items() if n}


def get_segmenter(cache_dir: str | Path | None = None) -> Segmenter:
    """The process's segmenter (built on first use)."""
    key = str(cache_dir)
    if key not in _segmenters:
        _segmenters[key] = Segmenter(cache_dir)
    return _segmenters[key]
