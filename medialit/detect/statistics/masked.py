"""The writer's own words: a document with quotations masked, and the attribution rules' tokens of each sentence.

The attribution rules (:mod:`.attribution`, :mod:`.sources`) read a sentence as a list of tokens of
``cues._TOKEN``: runs of "~" (masked quotations), abbreviations ("U.S."), figures, words, and single
marks. Matching that pattern token by token costs one string and one match per token; on a long
document that was most of the time the rules took. No token holds white space and the pattern
looks neither ahead nor behind, so a run of characters between white space ("said," or "U.S.-based")
always splits into the same tokens, wherever it stands. :func:`sentence_tokens` therefore splits a
sentence into those runs with ``str.split``, splits each distinct run once (kept for every document),
and strings the runs' tokens together.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from .cues import _QUOTE_CHARS, _TOKEN_SPLIT, _Lexicon

__all__ = ["low", "mask", "sentence_tokens", "tokens"]

Token = tuple[int, int, str]  # (start, end, words): offsets into the sentence


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


# A run of characters this long is split on its own, not kept for the next sentence that holds it.
_LONG_RUN = 200
_RUN_CACHE_SIZE = 50_000
# Each distinct run, split into ((start, end, token, lower-case token), ...), shared by all documents.
_RUN_TOKENS: dict[str, tuple[tuple[int, int, str, str], ...]] = {}


def sentence_tokens(sentence: str) -> tuple[list[Token], list[str]]:
    """The tokens of ``sentence`` and their :func:`low` forms: the same as :func:`tokens`, built from the
    sentence's runs of non-space characters, each split once.

    ``str.split`` and the tokens' pattern agree on what white space is (``str.isspace``), so each run
    holds whole tokens. Where one space stands between runs (as mostly it does), each run starts one
    character after the last one ends; otherwise it is looked for.
    """
    runs = sentence.split()
    single_spaces = len(sentence) == sum(map(len, runs)) + len(runs) - 1
    split = _RUN_TOKENS
    toks: list[Token] = []
    lows: list[str] = []
    at = 0
    for run in runs:
        if not single_spaces:
            at = sentence.find(run, at)
        pieces = split.get(run)
        if pieces is None:
            pieces = tuple((x, y, word, low(word)) for x, y, word in tokens(run))
            if len(run) <= _LONG_RUN:
                if len(split) >= _RUN_CACHE_SIZE:
                    split.clear()
                split[run] = pieces
        for x, y, word, lowered in pieces:
            toks.append((at + x, at + y, word))
            lows.append(lowered)
        at += len(run) + 1
    return toks, lows
