"""Tests for medialit.detect.statistics.masked: a sentence's tokens, strung together from its runs, are its own."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from medialit.detect.statistics.masked import low, sentence_tokens, tokens

_ALPHABET = st.sampled_from(
    [
        *"ab Zz09_'-.,;$%~()\n\t\u00a0\u2028\u3000\x1c\x85\u200b\u00e9\u0130\u00df\u4e2d\u0663\u2026",
        *("\U0001d400", "\U0001f600", "\ud800", "U.S.", "said,", "5said", "1,200", "~~~", "Agency's"),
        "x" * 70,
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_ALPHABET, max_size=40).map("".join), st.data())
@example("Officials said, 1,200 U.S.-based", None)
def test_sentence_tokens_are_the_tokens_of_the_slice(text: str, data) -> None:
    """Are the tokens of any stretch of a text, strung together from its runs, those of the whole stretch?"""
    if data is None:
        bounds = [(0, len(text)), (3, 16), (10, 14)]
    else:
        start = data.draw(st.integers(0, len(text)))
        bounds = [(start, data.draw(st.integers(start, len(text)))), (0, len(text))]
    for start, end in bounds:
        expected = tokens(text[start:end])
        assert sentence_tokens(text[start:end]) == (expected, [low(t[2]) for t in expected])


def test_low_drops_a_possessive_ending() -> None:
    """Is "Agency's" read as "agency", while a bare "'s" stays?"""
    assert [low(w) for w in ("Agency's", "officials'", "'s", "US")] == ["agency", "officials", "'s", "us"]
