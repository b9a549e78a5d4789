"""Word tokens of a text with their offsets, found by classifying all of its characters at once (numpy).

A token is what ``re`` finds with ``\\w+(?:['\\-]\\w+)*``: word characters, joined by single inner
apostrophes or hyphens ("don't", "so-called"). Matching that pattern creates one string and one
match per token and gap, which is most of the time a parse takes on a long text; here each
character's class is looked up in a table built from ``re``'s own ``\\w``, the token edges are
where the class changes, and the token strings come from one ``str.split``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

import numpy as np

from ..text import TextSpan

__all__ = ["Tokens", "word_characters", "word_runs"]

_WORD = re.compile(r"\w")
_BMP = 0x10000
_APOSTROPHE, _HYPHEN, _SPACE = ord("'"), ord("-"), ord(" ")


@lru_cache(maxsize=1)
def _bmp_word_table() -> np.ndarray:
    """For each character of the Basic Multilingual Plane: does ``re``'s ``\\w`` match it?"""
    plane = "".join(map(chr, range(_BMP)))
    table = np.zeros(_BMP, dtype=np.bool_)
    for run in re.finditer(r"\w+", plane):
        table[run.start() : run.end()] = True
    return table


def _code_points(text: str) -> np.ndarray:
    """The characters of ``text`` as code points (a lone surrogate as its own)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)


def word_characters(codes: np.ndarray) -> np.ndarray:
    """Which of the code points ``codes`` are word characters (``re``'s ``\\w``)."""
    table = _bmp_word_table()
    if not codes.size or codes.max() < _BMP:
        return np.take(table, codes)
    wide = codes >= _BMP
    found = np.take(table, np.where(wide, 0, codes))
    for i in np.flatnonzero(wide).tolist():
        found[i] = _WORD.match(chr(codes[i])) is not None
    return found


def _runs(codes: np.ndarray, inside: np.ndarray) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(starts, ends, strings) of the runs of characters marked ``inside``; the offsets as numpy arrays."""
    edges = np.diff(inside.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    starts = np.flatnonzero(edges == 1)
    ends = np.flatnonzero(edges == -1)
    # Every character outside a run made a space (modulo 2**32: the code point where ``inside``, else
    # a space): splitting on white space leaves the runs.
    spaced = (codes - np.uint32(_SPACE)) * inside + np.uint32(_SPACE)
    return starts, ends, spaced.tobytes().decode("utf-32-le", "surrogatepass").split()


def word_runs(text: str) -> tuple[list[int], list[int], list[str]]:
    """(starts, ends, strings) of the runs of word characters in ``text``: what ``re`` finds with ``\\w+``."""
    codes = _code_points(text)
    starts, ends, words = _runs(codes, word_characters(codes))
    return starts.tolist(), ends.tolist(), words


class Tokens:
    """Word tokens of a lower-cased text (:attr:`ParsedText.lowered`), as parallel lists, with look-ups by offset.

    A token is letters, digits and underscores, joined by inner apostrophes or hyphens ("don't",
    "so-called"): the unit the lexicons are written in. ``starts``/``ends`` are offsets into the
    text, ``words`` the tokens themselves; ``start_array``/``end_array`` hold the same offsets as numpy
    arrays, for look-ups over many tokens at once.
    """

    __slots__ = ("_joins", "end_array", "ends", "start_array", "starts", "words")

    def __init__(self, lowered: str) -> None:
        codes = _code_points(lowered)
        in_token = word_characters(codes)
        self._joins: list[int] = []
        if len(codes) > 2:
            # An apostrophe or hyphen with a word character on each side joins them into one token.
            joiner = (codes[1:-1] == _APOSTROPHE) | (codes[1:-1] == _HYPHEN)
            joiner &= in_token[:-2] & in_token[2:]
            self._joins = (np.flatnonzero(joiner) + 1).tolist()
            in_token[1:-1] |= joiner
        self.start_array, self.end_array, self.words = _runs(codes, in_token)
        self.starts: list[int] = self.start_array.tolist()
        self.ends: list[int] = self.end_array.tolist()

    def word_runs(self, lowered: str) -> tuple[list[int], list[int], list[str]]:
        """(starts, ends, strings) of the runs of word characters (``re``'s ``\\w+``) in ``lowered``, the
        text the tokens were found in: the tokens, cut at their inner apostrophes and hyphens."""
        starts, ends, words = self.starts, self.ends, self.words
        if not self._joins:
            return starts[:], ends[:], words[:]
        run_starts: list[int] = []
        run_ends: list[int] = []
        run_words: list[str] = []
        copied = 0  # tokens before this one are copied
        joins, i = self._joins, 0
        while i < len(joins):
            k = bisect_right(starts, joins[i], copied) - 1  # the token holding this join
            run_starts += starts[copied:k]
            run_ends += ends[copied:k]
            run_words += words[copied:k]
            piece, end = starts[k], ends[k]
            while i < len(joins) and joins[i] < end:
                run_starts.append(piece)
                run_ends.append(joins[i])
                run_words.append(lowered[piece : joins[i]])
                piece = joins[i] + 1
                i += 1
            run_starts.append(piece)
            run_ends.append(end)
            run_words.append(lowered[piece:end])
            copied = k + 1
        return run_starts + starts[copied:], run_ends + ends[copied:], run_words + words[copied:]

    def __len__(self) -> int:
        return len(self.words)

    def index_at(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect_left(self.starts, offset)

    def spans(self, text: str) -> list[TextSpan]:
        """The tokens as :class:`TextSpan` over ``text`` (the original, not the lower-cased copy)."""
        return [TextSpan(a, b, text[a:b]) for a, b in zip(self.starts, self.ends, strict=True)]
