"""Tests for medialit.detect.tokens: word tokens found from character classes are re's tokens."""

from __future__ import annotations

import re
from itertools import accumulate

import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medialit.detect.tokens import Tokens, word_characters

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
    """Are the starts, ends and words those of re's \\w+(?:['-]\\w+)* on any text?"""
    assert _tokens(text) == _by_regex(text)


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
