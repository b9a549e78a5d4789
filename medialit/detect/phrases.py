"""Phrase-list patterns tried only where one of their first words starts, not at every character of a text."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from itertools import accumulate, compress

__all__ = ["PhrasePattern", "WordStarts", "lower_keeping_offsets"]

_RUN = re.compile(r"(\w+)")
_INSIDE_RUN = re.compile(r"\w\w")  # matched at offset - 1: is ``offset`` strictly inside a run?


def lower_keeping_offsets(text: str) -> str:
    """``text`` in lower case, the same length: a character whose lower case is longer ("İ") stays."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


class WordStarts:
    """Every run of word characters (``\\w+``) in a text: where it starts and ends, and its lower case.

    Built once per text; :class:`PhrasePattern` reads it to try its pattern only where a phrase
    can begin. ``text`` must already be in lower case (:func:`lower_keeping_offsets`).
    """

    __slots__ = ("_candidates", "ends", "lowered", "starts", "words")

    def __init__(self, lowered: str) -> None:
        self.lowered = lowered
        pieces = _RUN.split(lowered)  # gap, run, gap, run, ..., gap
        offsets = list(accumulate(map(len, pieces), initial=0))
        self.starts: list[int] = offsets[1:-1:2]
        self.ends: list[int] = offsets[2::2]
        self.words: list[str] = pieces[1::2]
        self._candidates: dict[frozenset[str], list[int]] = {}

    def candidates(self, firsts: frozenset[str]) -> list[int]:
        """Starts of the runs that are one of ``firsts``, in order (worked out once per set)."""
        found = self._candidates.get(firsts)
        if found is None:
            found = self._candidates[firsts] = list(
                compress(self.starts, map(firsts.__contains__, self.words))
            )
        return found

    def run_at(self, offset: int) -> tuple[int, int] | None:
        """(start, end) of the run holding ``offset`` strictly inside it (not at its start), or None."""
        i = bisect_right(self.starts, offset) - 1
        if i >= 0 and self.starts[i] < offset < self.ends[i]:
            return self.starts[i], self.ends[i]
        return None


class PhrasePattern:
    """A compiled pattern for a list of literal phrases, matched with the speed of a word look-up.

    The pattern must begin each match at the start of one of the phrases, and each phrase must begin
    with a word character (``\\b`` or ``(?<![\\w])`` before the phrases). Then a match can only
    start where a run of word characters starts whose lower case is the first run of some phrase
    ("a lot of" -> "a", "so-called" -> "so"), so only those places are tried: the matches are the
    same as the pattern's own ``finditer``, found without visiting every character. When a phrase
    does not begin with a word character, every place is tried, as ``finditer`` does.
    """

    __slots__ = ("firsts", "pattern")

    def __init__(self, pattern: re.Pattern[str], phrases: Iterable[str]) -> None:
        self.pattern = pattern
        firsts = set()
        for phrase in phrases:
            run = re.match(r"\w+", phrase.lower())
            if run is None:
                firsts = None
                break
            firsts.add(run.group())
        self.firsts = frozenset(firsts) if firsts is not None else None

    def _starts(self, words: WordStarts, pos: int, endpos: int, cut: bool) -> list[int]:
        """Where a match may start in ``pos..endpos``, in order; with ``cut``, ``pos`` starts a string."""
        firsts = self.firsts
        assert firsts is not None
        found = words.candidates(firsts)
        starts = found[bisect_left(found, pos) : bisect_left(found, endpos)]
        lowered = words.lowered
        # A run cut by ``endpos`` ends there, so only its shortened form can be a first word.
        # (Mostly ``endpos`` falls between runs: one character test rules that out.)
        tail = words.run_at(endpos) if endpos > 0 and _INSIDE_RUN.match(lowered, endpos - 1) else None
        if tail is not None and tail[0] >= pos:
            if starts and starts[-1] == tail[0]:
                starts.pop()
            if lowered[tail[0] : endpos] in firsts:
                starts.append(tail[0])
        # A run cut by the start of a slice begins a word there.
        head = words.run_at(pos) if cut and pos > 0 and _INSIDE_RUN.match(lowered, pos - 1) else None
        if head is not None and lowered[pos : min(head[1], endpos)] in firsts:
            starts.insert(0, pos)
        return starts

    def finditer(
        self, text: str, words: WordStarts, pos: int = 0, endpos: int | None = None
    ) -> Iterator[re.Match[str]]:
        """The same matches as ``self.pattern.finditer(text, pos, endpos)``; ``words`` is built over ``text``."""
        endpos = len(text) if endpos is None else min(endpos, len(text))
        if self.firsts is None:
            yield from self.pattern.finditer(text, pos, endpos)
            return
        reach = pos
        for start in self._starts(words, pos, endpos, cut=False):
            if start < reach:
                continue
            match = self.pattern.match(text, start, endpos)
            if match and match.end() > match.start():
                yield match
                reach = match.end()

    def finditer_slice(self, piece: str, words: WordStarts, offset: int) -> Iterator[re.Match[str]]:
        """The same matches as ``self.pattern.finditer(piece)``, where ``piece`` is the slice of the text
        ``words`` was built over that starts at ``offset``; match offsets are into ``piece``."""
        if self.firsts is None:
            yield from self.pattern.finditer(piece)
            return
        reach = 0
        for start in self._starts(words, offset, offset + len(piece), cut=True):
            if start - offset < reach:
                continue
            match = self.pattern.match(piece, start - offset)
            if match and match.end() > match.start():
                yield match
                reach = match.end()
