"""Tests for medialit.detect.phrases: phrase-list patterns tried only where a phrase can begin."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from medialit.detect.phrases import PhrasePattern, WordStarts, lower_keeping_offsets
from medialit.detect.statistics.cues import _any_of

PHRASES = ["a lot of", "lots of", "many", "so-called", "the vast majority", "dozens", "one's own", "a few"]
PATTERN = re.compile(rf"\b{_any_of(PHRASES)}(?![\w-])", re.IGNORECASE)
PIECES = ["a", "A", "lot", "of", "Lots", "many", "Germany", "so-called", "so", "the", "vast", "Majority", "one's",
          "own", "few", "dozens", " ", "  ", "-", ".", "\n", "x", "İ", "_"]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


def _spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_finditer_finds_what_the_pattern_finds(text: str, pos: int, length: int) -> None:
    """Over any stretch of a text, are the matches exactly the pattern's own?"""
    words = WordStarts(lower_keeping_offsets(text))
    phrases = PhrasePattern(PATTERN, PHRASES)
    endpos = min(len(text), pos + length)
    pos = min(pos, endpos)
    assert _spans(phrases.finditer(text, words, pos, endpos)) == _spans(PATTERN.finditer(text, pos, endpos))


@settings(max_examples=300, deadline=None)
@given(texts, st.integers(0, 40), st.integers(0, 40))
def test_finditer_slice_finds_what_the_pattern_finds_in_the_slice(text: str, start: int, length: int) -> None:
    """In a slice that may cut words in two, are the matches exactly the pattern's own on that slice?"""
    words = WordStarts(lower_keeping_offsets(text))
    phrases = PhrasePattern(PATTERN, PHRASES)
    start = min(start, len(text))
    piece = text[start : start + length]
    assert _spans(phrases.finditer_slice(piece, words, start)) == _spans(PATTERN.finditer(piece))


def test_a_phrase_without_a_word_first_is_tried_everywhere() -> None:
    """Does a phrase that opens with a mark fall back to the pattern's own search?"""
    pattern = re.compile(r"(?:\(c\)|copyright)", re.IGNORECASE)
    phrases = PhrasePattern(pattern, ["(c)", "copyright"])
    text = "Text (C) 2020 and Copyright 2021"
    assert phrases.firsts is None
    assert _spans(phrases.finditer(text, WordStarts(text.lower()))) == [(5, 8), (18, 27)]


def test_word_starts_are_runs_of_word_characters() -> None:
    """Are runs found with their offsets and lower case, hyphens and apostrophes between them?"""
    words = WordStarts("so-called one's 143")
    assert list(zip(words.starts, words.ends, words.words, strict=True)) == [
        (0, 2, "so"), (3, 9, "called"), (10, 13, "one"), (14, 15, "s"), (16, 19, "143")
    ]  # fmt: skip


def test_number_words_are_found_where_the_pattern_finds_them() -> None:
    """Does the statistics detector's number-word pattern, tried only at its first words, find every match?"""
    from medialit.detect.statistics.cues import _WORD_ATOM, _WORD_ATOM_AT

    text = (
        "Two-thirds said so; a dozen, half a million and several hundred came. Tens of thousands, "
        "ninety-nine or Twice as many? A few thousand, a half, one billion, triple. Someone often "
        "quadrupled its dozens of millions. Germany's anyone atone"
    )
    words = WordStarts(lower_keeping_offsets(text))
    assert _spans(_WORD_ATOM_AT.finditer(text, words)) == _spans(_WORD_ATOM.finditer(text))
    assert len(_spans(_WORD_ATOM.finditer(text))) >= 12
