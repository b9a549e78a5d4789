"""Tests for medialit.evaluate: the yardstick for the detectors."""

from __future__ import annotations

import dataclasses

import pytest

import medialit
from medialit.evaluate import Score, evaluate, score_loaded, score_sentences, score_statistics
from medialit.schema import LoadedSpan, SentenceSpan, SpanSet, StatisticSpan


def _loaded(start, end, category="labeling", acceptable=False):
    return LoadedSpan(start, end, "x" * (end - start), category, "writer", "a reason here", None, acceptable)


def test_score_arithmetic():
    """Are precision, recall and F1 computed from the counts, with zero where undefined?"""
    s = Score(tp=3, fp=1, fn=2)
    assert (s.precision, s.recall) == (0.75, 0.6)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.6 / 1.35)
    assert Score().f1 == 0.0


def test_the_key_scores_perfectly_against_itself():
    """Does every article's key score 1.0 on every detector against itself?"""
    for info in medialit.articles():
        key = medialit.annotations(info.id)
        result = evaluate(key, key)
        assert result.scores["loaded"]["all"].f1 == 1.0
        assert result.scores["statistics"]["all"].f1 == 1.0
        assert result.scores["sentences"]["all"].f1 == 1.0
        assert result.sourcing_correct == result.sourcing_total


def test_overlap_counts_and_acceptable_items_are_never_missed():
    """Does an overlapping span count as found, a missed acceptable item cost nothing, and a stray span count as false?"""
    key = SpanSet(loaded=(_loaded(0, 5), _loaded(10, 15), _loaded(20, 25, acceptable=True)))
    predicted = [_loaded(3, 8), _loaded(30, 35)]
    score = score_loaded(predicted, key)["all"]
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)


def test_categories_are_scored_separately():
    """Does a span found with the wrong category count against that category?"""
    key = SpanSet(loaded=(_loaded(0, 5, "labeling"),))
    scores = score_loaded([_loaded(0, 5, "exaggeration")], key)
    assert scores["all"].tp == 1
    assert scores["labeling"].fn == 1 and scores["exaggeration"].fp == 1


def test_statistics_match_on_span_then_sourcing():
    """Is a statistic found on its span, and its sourcing right when the key accepts it?"""
    stat = StatisticSpan(0, 3, "271", "none", None, "no source given", "who counted", None, False, ("vague",))
    key = SpanSet(statistics=(stat,))
    span, correct, total = score_statistics([dataclasses.replace(stat, sourcing="vague")], key)
    assert (span.tp, correct, total) == (1, 1, 1)
    span, correct, total = score_statistics([dataclasses.replace(stat, sourcing="anonymous")], key)
    assert (correct, total) == (0, 1)


def test_sentence_labels_use_also_acceptable():
    """Is a label the key also accepts counted right, and another one wrong for both labels?"""
    key = SpanSet(sentences=(SentenceSpan(0, 5, "xxxxx", "writer-opinion", None, ("quoted-opinion",)),))
    right = score_sentences([SentenceSpan(0, 5, "xxxxx", "quoted-opinion")], key)
    assert right["all"].tp == 1 and right["opinion"].tp == 1
    wrong = score_sentences([SentenceSpan(0, 5, "xxxxx", "attributed-fact")], key)
    assert wrong["all"].tp == 0 and wrong["writer-opinion"].fn == 1 and wrong["attributed-fact"].fp == 1
    assert wrong["opinion"].fn == 1


def test_word_by_word_scoring():
    """Is one word inside a long phrase counted as one word found, not as the whole phrase?"""
    from medialit.evaluate import score_loaded_words

    text = "the tragic loss of innocent lives was reported"
    key = SpanSet(loaded=(_loaded(4, 33),))  # "tragic loss of innocent lives": 5 words
    score = score_loaded_words([_loaded(4, 10)], key, text)  # "tragic" only
    assert (score.tp, score.fp, score.fn) == (1, 0, 4)
    debatable = SpanSet(loaded=(_loaded(4, 33, acceptable=True),))
    assert score_loaded_words([], debatable, text).fn == 0
