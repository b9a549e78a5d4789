"""Tests for medialit.detect.tokens: word tokens found from character classes are re's tokens."""

from __future__ import annotations

import re
from itertools import accumulate

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medialit.detect import parse
from medialit.detect.phrases import WordStarts
from medialit.detect.tokens import Tokens, word_characters, word_runs

_TOKEN = re.compile(r"(\w+(?:['\-]\w+)*)")


def _by_regex(text: str) -> tuple[list[int], list[int], list[str]]:
    """The tokens as re's split finds them: the definition Tokens must meet."""
    pieces = _TOKEN.split(text)
    offsets = list(accumulate(map(len, pieces), initial=0))
    return offsets[1:-1:2], offsets[2::2], pieces[1::2]


def _tokens(text: str) -> tuple[list[int], list[int], list[str]]:
    tokens = Tokens(text)
    return tokens.starts, tokens.ends, tokens.words


_ALPHABET = st.sampled_from(
    [
        *"ab zZ09_'-.,;\n\t\u00a0\u2019\u2014\u00e9\u0301\u0130\u00df\u4e2d\u0663\u2026",
        *("\U0001d400", "\U0001f600", "\U00020000", "\ud800", "--", "''", "don't", "so-called"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
@example("")
@example("-")
@example("a-b-c d'e 'f g- -h a--b a-'b")
@example("\U0001d400\U0001d401-\U0001d402 \U0001f600x")
def test_tokens_are_the_regular_expressions_tokens(text: str) -> None:
    """Are the starts, ends and words those of re's \\w+(?:['-]\\w+)* on any text, and the arrays the lists?"""
    assert _tokens(text) == _by_regex(text)
    tokens = Tokens(text)
    assert tokens.start_array.tolist() == tokens.starts and tokens.end_array.tolist() == tokens.ends


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=60).map("".join))
@example("a-b-c d'e 'f g- -h a--b a-'b")
def test_word_runs_are_the_runs_of_word_characters(text: str) -> None:
    """Are the runs found from character classes, and those cut from the tokens, re's \\w+ runs?"""
    runs = WordStarts(text)
    expected = (runs.starts, runs.ends, runs.words)
    assert word_runs(text) == expected
    assert Tokens(text).word_runs(text) == expected


def test_a_parsed_texts_word_starts_are_re_s() -> None:
    """Does ParsedText.word_starts hold the runs WordStarts finds itself, and find the same candidates?"""
    doc = parse("The so-called 'reform' won't pass. Officials, don't-stop-me said: 3,000 x-ray's.")
    built, plain = doc.word_starts, WordStarts(doc.lowered)
    assert (built.starts, built.ends, built.words) == (plain.starts, plain.ends, plain.words)
    firsts = frozenset({"so", "don", "x"})
    assert built.candidates(firsts) == plain.candidates(firsts)


def test_tokens_of_a_sentence() -> None:
    """Are "don't" and "so-called" one token each, with offsets into the text?"""
    tokens = Tokens("they don't like the so-called 'plan' -- 3,000 of them.")
    assert tokens.words == ["they", "don't", "like", "the", "so-called", "plan", "3", "000", "of", "them"]
    assert (tokens.starts[1], tokens.ends[1]) == (5, 10)
    assert tokens.index_at(6) == 2


def test_word_characters_agree_with_re_beyond_the_basic_plane() -> None:
    """Is a character above U+FFFF a word character exactly when re's \\w says so?"""
    sample = [0x10000, 0x1D400, 0x1D7CE, 0x1F600, 0x20000, 0x2A700, 0xE0001, 0x10FFFF]
    found = word_characters(np.array(sample, dtype=np.uint32)).tolist()
    assert found == [re.match(r"\w", chr(c)) is not None for c in sample]
