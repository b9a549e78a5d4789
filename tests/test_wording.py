"""Tests for medialit.wording: counts agree with their nouns, vocabulary reads as words, quotes nest."""

from __future__ import annotations

import pytest

from medialit.schema import LOADED_CATEGORIES, SENTENCE_LABELS, SOURCING
from medialit.wording import count, in_words, quoted, readable


@pytest.mark.parametrize(("n", "expected"), [(0, "0 numbers"), (1, "1 number"), (2, "2 numbers")])
def test_count_agrees_with_its_noun(n, expected):
    """Is it "1 number" but "0 numbers" and "2 numbers"?"""
    assert count(n, "number", "numbers") == expected


def test_every_vocabulary_value_reads_without_hyphens():
    """Does every category, sourcing and sentence label read as plain words, and other text stay as it is?"""
    for value in (*LOADED_CATEGORIES, *SOURCING, *SENTENCE_LABELS):
        assert "-" not in readable(value), value
    assert readable("well-known") == "well-known"


def test_vocabulary_in_running_text_reads_as_the_options_do():
    """Does a reason saying "writer-opinion" read "writer opinion", leaving other hyphenated words alone?"""
    text = "It is the mayor's own reading, so writer-opinion earns credit; attributed-fact too. A well-known non-writer-opinion."
    assert in_words(text) == (
        "It is the mayor's own reading, so writer opinion earns credit; attributed fact too. "
        "A well-known non-writer-opinion."
    )


def test_a_quotation_ending_in_a_quotation_has_no_doubled_marks():
    """Is “…“a high flight risk.”” shown as “…‘a high flight risk.’” instead?"""
    shown = quoted("called him “a high flight risk.”")
    assert shown == "“called him ‘a high flight risk.’”"
    assert "””" not in shown and "““" not in shown
