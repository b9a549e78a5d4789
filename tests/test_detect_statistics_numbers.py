"""Tests for medialit.detect.statistics.numbers: the quicker ways of finding figures find what the plain ones did."""

from __future__ import annotations

import random
import re

import pytest

import medialit
from medialit.detect import parse
from medialit.detect.statistics import numbers
from medialit.detect.statistics.cues import _DIGIT_ATOM, _PRECEDING_WORD, _alternation, _lexicon

from .conftest import CORPUS_IDS, SEED_IDS

_PATTERN_NAMES = ("quantity", "quantifier", "idiom", "qualifier")


def _texts() -> list[str]:
    """The kit's articles and passages, and made-up lines of cue phrases run together in odd ways."""
    texts = [medialit.load(doc_id).text for doc_id in SEED_IDS + CORPUS_IDS]
    lex = _lexicon()
    phrases = sorted(p for name in _PATTERN_NAMES for p in lex.kinds[name])
    pieces = [*phrases, "x", "5", "12,000", "the", "(", "-", "people", "someone", "Majority", "mostly"]
    gaps = [" ", "  ", "    ", "\n", " \n", "", "-", ", "]
    rng = random.Random(14)
    for _ in range(3000):
        words = [rng.choice(pieces) for _ in range(rng.randint(1, 8))]
        words = [w.upper() if rng.random() < 0.2 else w.title() if rng.random() < 0.2 else w for w in words]
        texts.append("".join(w + rng.choice(gaps) for w in words))
    return texts


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return _texts()


def test_branching_writes_the_alternation_as_a_tree():
    """Do phrases that share their beginnings share one branch, longer ones tried first?"""
    written = numbers._branching(["a few", "a lot of", "few", "fewer"])
    assert written == r"(?:a\s{1,3}(?:few|lot\s{1,3}of)|few(?:er)?)"
    pattern = re.compile(rf"\b(?:{written})\b")
    assert [m.group() for m in pattern.finditer("a  few, fewer, a lot of")] == ["a  few", "fewer", "a lot of"]


@pytest.mark.parametrize("name", _PATTERN_NAMES)
def test_tree_patterns_match_what_the_cue_alternations_match(name, texts):
    """Do the tree-shaped cue patterns find the same matches as the lexicon's own, everywhere?"""
    lex = _lexicon()
    original, tree = getattr(lex, name), getattr(numbers._patterns(lex), name)
    assert tree.pattern != original.pattern  # the alternation was found and rewritten
    assert f"(?:{_alternation(sorted(lex.kinds[name]))})" in original.pattern
    for text in texts:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in original.finditer(text)]
        if name == "qualifier":  # searched for in the 60 characters before a figure
            for end in range(0, len(text) + 1, 7):
                window = text[max(0, end - 60) : end]
                found, expected = tree.search(window), original.search(window)
                assert (found and found.span()) == (expected and expected.span()), window


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
