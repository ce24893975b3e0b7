"""Chinese word segmentation with jieba: one tokenizer per process, domain vocabulary loaded once.

jieba's dictionary takes about a second to load, so workers build one `Segmenter` in the parent before
forking (children share it copy-on-write) and never call `jieba.enable_parallel` (it forks its own pool,
which breaks inside Celery's). jieba writes a dictionary cache, so it gets a writable directory.

A document is segmented once: tokens, keywords and tracked-phrase counts all read the same token list
(keywords score tokens by TF-IDF with jieba's IDF table, skipping numbers and generic report words).
A tracked phrase counts where it stands as a word of its own: "化债" in "推进化债" counts, the same
characters in "优化债务" do not; inside a longer domain term ("碳达峰碳中和") it counts.
"""

from __future__ import annotations

import bisect
import logging
import re
from pathlib import Path

import jieba
import jieba.analyse

from pipeline.vocabulary import keyword_stopwords, load_vocabulary, tracked_phrases

_WORDLIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
_NOT_KEYWORD = re.compile(r"\d|^[\W_]+$")
jieba.setLogLevel(logging.WARNING)  # its start-up chatter would drown worker logs
_segmenters: dict[str, "Segmenter"] = {}
# High frequency so domain terms win over jieba's general-language splits.
_TERM_FREQ = 200_000

Token = tuple[str, int, int]  # word, start, end


class Segmenter:
    def __init__(self, cache_dir: str | Path | None = None) -> None:
        self.tokenizer = jieba.Tokenizer()
        if cache_dir is not None:
            Path(cache_dir).mkdir(parents=True, exist_ok=True)
            self.tokenizer.tmp_dir = str(cache_dir)
        self.tokenizer.initialize()
        self._vocabulary = frozenset(load_vocabulary())
        for term in self._vocabulary:
            self.tokenizer.add_word(term, freq=_TERM_FREQ)
        idf = jieba.analyse.TFIDF()  # only its IDF table is used; it never segments
        self._idf: dict[str, float] = idf.idf_freq
        self._median_idf: float = idf.median_idf
        self._stopwords = keyword_stopwords() | {word.lower() for word in idf.stop_words}
        self._phrases = tracked_phrases()
        self._last: tuple[str, list[Token]] = ("", [])

    def tokens(self, text: str) -> list[Token]:
        """(word, start, end) for every token; the last text's tokens are kept, since the document
        builder asks for tokens, keywords and phrase counts of the same text in a row."""
        if text != self._last[0]:
            self._last = (text, list(self.tokenizer.tokenize(text)))
        return self._last[1]

    def cut(self, text: str) -> list[str]:
        return [word for word, _, _ in self.tokens(text) if _WORDLIKE.search(word)]

    def keywords(self, text: str, k: int = 20) -> list[str]:
        """The k words with the highest TF-IDF, numbers and generic report words left out."""
        counts: dict[str, int] = {}
        for word, _, _ in self.tokens(text):
            if len(word) >= 2 and not _NOT_KEYWORD.search(word) and word.lower() not in self._stopwords:
                counts[word] = counts.get(word, 0) + 1
        scores = {word: n * self._idf.get(word, self._median_idf) for word, n in counts.items()}
        return sorted(scores, key=lambda word: (-scores[word], word))[:k]

    def phrase_counts(self, text: str) -> dict[str, int]:
        tokens = self.tokens(text)
        starts = [start for _, start, _ in tokens]
        counts: dict[str, int] = {}
        for phrase in self._phrases:
            position = text.find(phrase)
            while position >= 0:
                end = position + len(phrase)
                if self._word_edge(tokens, starts, position) and self._word_edge(tokens, starts, end):
                    counts[phrase] = counts.get(phrase, 0) + 1
                position = text.find(phrase, end)
        return counts

    def _word_edge(self, tokens: list[Token], starts: list[int], offset: int) -> bool:
        """True at a token boundary, or inside a token that is itself a domain term (the phrase is part of
        a longer term, e.g. 碳达峰 in 碳达峰碳中和); False inside an ordinary word (化债 in 优化|债务)."""
        index = bisect.bisect_right(starts, offset) - 1
        if index < 0 or starts[index] == offset:
            return True
        word, _, end = tokens[index]
        return end == offset or word in self._vocabulary


def get_segmenter(cache_dir: str | Path | None = None) -> Segmenter:
    """The process's segmenter (built on first use)."""
    key = str(cache_dir)
    if key not in _segmenters:
        _segmenters[key] = Segmenter(cache_dir)
    return _segmenters[key]
