"""The detectors: loaded language, statistics and their sourcing, and opinion in news."""

from __future__ import annotations

from ..schema import SpanSet
from .loaded import find_loaded
from .opinion import label_sentences
from .parsed import ParsedText, parse
from .statistics import find_statistics

__all__ = ["ParsedText", "analyze", "find_loaded", "find_statistics", "label_sentences", "parse"]


def analyze(text: str) -> SpanSet:
    """Run all three detectors over ``text``: a report in the answer key's shape, with offsets into ``text``.

    The text is parsed once (:func:`medialit.detect.parsed.parse`) and every detector reads that parse.
    """
    if not text.strip():
        return SpanSet()
    doc = parse(text)
    loaded = find_loaded(doc)
    return SpanSet(
        loaded=tuple(loaded),
        statistics=tuple(find_statistics(doc)),
        sentences=tuple(label_sentences(doc, loaded)),
    )
