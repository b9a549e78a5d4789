"""The writer's own words: a document with quotations masked, and the attribution rules' tokens of each sentence.

The attribution rules (:mod:`.attribution`, :mod:`.sources`) read a sentence as a list of tokens of
``cues._TOKEN``: runs of "~" (masked quotations), abbreviations ("U.S."), figures, words, and single
marks. Matching that pattern token by token costs one string and one match per token; on a long
document that was most of the time the rules took. No token holds white space and the pattern
looks neither ahead nor behind, so a run of characters between white space ("said," or "U.S.-based")
always splits into the same tokens, wherever it stands. :class:`MaskedText` therefore finds those
runs once per document (their edges with numpy, their strings with one ``str.split``), splits each
distinct run once, and hands each sentence its tokens and their lower-case forms by concatenation.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from itertools import accumulate

import numpy as np

from .cues import _QUOTE_CHARS, _TOKEN_SPLIT, _Lexicon

__all__ = ["MaskedText", "low", "mask", "tokens"]

Token = tuple[int, int, str]  # (start, end, words): offsets into the sentence
_BMP = 0x10000


def mask(norm: str, regions: list[tuple[int, int]], lex: _Lexicon) -> str:
    """``norm`` with quoted words replaced by '~' (same length), keeping the quote marks.

    A quotation that opens with an attribution verb ("the OIG “determined ICE released ...")
    keeps that first word, because it is the writer's verb for the speaker.
    """
    pieces: list[str] = []
    last = 0
    verbs = lex.kinds.get("verb", frozenset())
    for a, b in regions:
        if a < last or b <= a:
            continue
        pieces.append(norm[last:a])
        if norm[a] in _QUOTE_CHARS and b - a >= 2:
            inner_start, inner_end = a + 1, b - 1 if norm[b - 1] in _QUOTE_CHARS else b
            match = re.match(r"[a-z]{2,20}\b", norm[inner_start : min(inner_end, inner_start + 24)])
            keep = match.end() if match and match.group() in verbs else 0
            pieces.append(norm[a : inner_start + keep])
            pieces.append("~" * (inner_end - inner_start - keep))
            pieces.append(norm[inner_end:b])
        else:
            pieces.append("~" * (b - a))
        last = b
    pieces.append(norm[last:])
    return "".join(pieces)


def tokens(s: str) -> list[Token]:
    """(start, end, words) of each token of ``s``. Only white space lies between tokens (any other
    character is a token of its own), so splitting on them and adding up the lengths gives the offsets."""
    pieces = _TOKEN_SPLIT.split(s)  # gap, token, gap, token, ..., gap
    offsets = list(accumulate(map(len, pieces), initial=0))
    return list(zip(offsets[1:-1:2], offsets[2::2], pieces[1::2], strict=True))


@lru_cache(maxsize=65536)
def low(word: str) -> str:
    """A token in lower case, without a possessive ending ("Agency's" -> "agency")."""
    lowered = word.lower()
    for ending in ("'s", "'"):
        if lowered.endswith(ending) and len(lowered) > len(ending) + 1:
            return lowered[: -len(ending)]
    return lowered


@lru_cache(maxsize=1)
def _bmp_space_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane: is it white space (``str.isspace``, ``re``'s ``\\s``)?"""
    table = np.zeros(_BMP, dtype=np.bool_)
    for match in re.finditer(r"\s", "".join(map(chr, range(_BMP)))):
        table[match.start()] = True
    return table  # no character beyond the plane is white space


# A run of characters this long is split on its own, not kept for the next sentence that holds it.
_LONG_RUN = 200
_RUN_CACHE_SIZE = 50_000
# Each distinct run, split into ((start, end, token, lower-case token), ...), shared by all documents.
_RUN_TOKENS: dict[str, tuple[tuple[int, int, str, str], ...]] = {}


class MaskedText:
    """A document's masked text (:func:`mask`) with its runs of non-space characters, for :meth:`sentence_tokens`."""

    __slots__ = ("_ends", "_runs", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        space = np.take(_bmp_space_table(), np.minimum(codes, _BMP - 1))
        edges = np.diff((~space).view(np.int8), prepend=np.int8(0), append=np.int8(0))
        self._starts: list[int] = np.flatnonzero(edges == 1).tolist()
        self._ends: list[int] = np.flatnonzero(edges == -1).tolist()
        self._runs: list[str] = text.split()
        if len(self._runs) != len(self._starts):  # not expected: str.split and re's \s agree on white space
            self._starts, self._ends, self._runs = [-1], [-1], []

    def sentence_tokens(self, start: int, end: int) -> tuple[list[Token], list[str]]:
        """The tokens of ``text[start:end]`` (offsets from ``start``) and their :func:`low` forms:
        the same as :func:`tokens` of that slice."""
        starts, ends = self._starts, self._ends
        a = bisect_left(starts, start)
        b = bisect_left(starts, end)
        if (a and ends[a - 1] > start) or (b > a and ends[b - 1] > end) or not self._runs:
            toks = tokens(self.text[start:end])  # a run is cut by the sentence's edge
            return toks, [low(t[2]) for t in toks]
        split, runs = _RUN_TOKENS, self._runs
        toks: list[Token] = []
        lows: list[str] = []
        for k in range(a, b):
            run = runs[k]
            pieces = split.get(run)
            if pieces is None:
                pieces = tuple((x, y, word, low(word)) for x, y, word in tokens(run))
                if len(run) <= _LONG_RUN:
                    if len(split) >= _RUN_CACHE_SIZE:
                        split.clear()
                    split[run] = pieces
            offset = starts[k] - start
            for x, y, word, lowered in pieces:
                toks.append((offset + x, offset + y, word))
                lows.append(lowered)
        return toks, lows
