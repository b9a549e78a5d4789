"""Tests for medialit.detect.statistics.phrase_trees: cue patterns as trees match what the cue alternations match."""

from __future__ import annotations

import random
import re

import pytest

import medialit
from medialit.detect.statistics import phrase_trees
from medialit.detect.statistics.cues import _alternation, _lexicon

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
    written = phrase_trees._branching(["a few", "a lot of", "few", "fewer"])
    assert written == r"(?:a\s{1,3}(?:few|lot\s{1,3}of)|few(?:er)?)"
    pattern = re.compile(rf"\b(?:{written})\b")
    assert [m.group() for m in pattern.finditer("a  few, fewer, a lot of")] == ["a  few", "fewer", "a lot of"]


@pytest.mark.parametrize("name", _PATTERN_NAMES)
def test_tree_patterns_match_what_the_cue_alternations_match(name, texts):
    """Do the tree-shaped cue patterns find the same matches as the lexicon's own, everywhere?"""
    lex = _lexicon()
    original, tree = getattr(lex, name), getattr(phrase_trees._patterns(lex), name)
    assert tree.pattern != original.pattern  # the alternation was found and rewritten
    assert f"(?:{_alternation(sorted(lex.kinds[name]))})" in original.pattern
    for text in texts:
        assert [m.span() for m in tree.finditer(text)] == [m.span() for m in original.finditer(text)]
        if name == "qualifier":  # searched for in the 60 characters before a figure
            for end in range(0, len(text) + 1, 7):
                window = text[max(0, end - 60) : end]
                found, expected = tree.search(window), original.search(window)
                assert (found and found.span()) == (expected and expected.span()), window
