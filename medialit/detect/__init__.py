"""The detectors: loaded language, statistics and their sourcing, and opinion in news."""

from __future__ import annotations

from ..schema import SpanSet
from ..text import sentence_spans
from .loaded import find_loaded
from .opinion import label_sentences
from .statistics import find_statistics

__all__ = ["analyze", "find_loaded", "find_statistics", "label_sentences"]


def analyze(text: str) -> SpanSet:
    """Run all three detectors over ``text``: a report in the answer key's shape, with offsets into ``text``."""
    if not text.strip():
        return SpanSet()
    sentences = sentence_spans(text)
    loaded = find_loaded(text, sentences)
    return SpanSet(
        loaded=tuple(loaded),
        statistics=tuple(find_statistics(text, sentences)),
        sentences=tuple(label_sentences(text, loaded, sentences)),
    )
