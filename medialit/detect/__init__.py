"""The detectors: loaded language, statistics and their sourcing, and opinion in news."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

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
    with _cycle_collector_paused():
        doc = parse(text)
        loaded = find_loaded(doc)
        return SpanSet(
            loaded=tuple(loaded),
            statistics=tuple(find_statistics(doc)),
            sentences=tuple(label_sentences(doc, loaded)),
        )


@contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector (:mod:`gc`) for one analysis, then restore it as it was.

    An analysis builds many small objects that hold no reference cycles (tokens, spans, tuples), and
    reference counting frees them as usual. Left running, the cycle collector walks every live object
    at each full collection; with a long text's millions of tokens alive those walks grow with the
    text, and 10 MB took about 12x as long as 1 MB (cProfile put the extra time in whichever small
    function was running when a collection began). The Python documentation allows this for code
    that is sure it creates no cycles: https://docs.python.org/3/library/gc.html#gc.disable
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
