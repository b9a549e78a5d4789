"""Tests for medialit.detect.statistics.numbers: the quicker reading of the words around a figure reads what a plain search does."""

from __future__ import annotations

import pytest

import medialit
from medialit.detect import parse
from medialit.detect.statistics import numbers
from medialit.detect.statistics.cues import _DIGIT_ATOM, _PRECEDING_WORD, _lexicon

from .conftest import CORPUS_IDS, SEED_IDS


@pytest.mark.parametrize(
    "before, word",
    [
        ("it rose by ", "by"),
        ("as many as\n", "as"),
        ("the past   \n", "past"),  # three spaces and a line break at the very end
        ("the past    ", ""),  # four spaces
        ("(about ", "about"),
        ("No. ", "no"),
        ("Africa's ", "africa's"),
        ("", ""),
        ("word", ""),
    ],
)
def test_preceding_word(before, word):
    """Is the word before a figure read as a search of the whole stretch before it reads it?"""
    assert numbers._preceding_word(before + "5", len(before), 0) == word


def test_preceding_word_and_qualifiers_agree_with_plain_searches():
    """Before every figure of the kit's texts: is the word before it the one a plain search finds, and
    does knowing that word change where the figure's qualifiers start?"""
    lex = _lexicon()
    for doc_id in SEED_IDS + CORPUS_IDS:
        doc = parse(medialit.load(doc_id).text)
        norm = doc.normalized
        for sentence in doc.sentences:
            for match in _DIGIT_ATOM.finditer(norm, sentence.start, sentence.end):
                start, a0 = match.start(), sentence.start
                window = norm[max(a0, start - 24) : start]
                plain = _PRECEDING_WORD.search(window)
                previous = numbers._preceding_word(norm, start, a0)
                assert previous == (plain.group(1).lower().rstrip(".") if plain else "")
                assert numbers._qualified_start(norm, start, a0, lex, previous) == numbers._qualified_start(
                    norm, start, a0, lex
                )
