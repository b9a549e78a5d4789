"""Tests for medialit.balance: sides, quiz techniques and loaded density."""

from __future__ import annotations

from collections import defaultdict

import pytest

from medialit.balance import SIDES, Density, clear_cut_density, is_invented, quiz_techniques, side
from medialit.quiz import get_quiz, load_quizzes


def test_sides_of_known_texts():
    """Is each text given the side its rating or slant says, named the same way for both?"""
    assert side("ice-officer-interview") == "right"  # Breitbart News, inferred
    assert side("cities-ice-cooperation") == "unrated"
    assert side("contrast-enforcement-euphemism") == "right"
    assert side("contrast-oig-release-wire") == "center"
    assert all(side(q.passage.article_id) in SIDES for q in load_quizzes())


def test_invented_means_team_written():
    """Are contrast passages, and only they, counted as invented?"""
    assert is_invented("contrast-crime-right")
    assert not is_invented("oig-release-report")


@pytest.mark.parametrize(
    ("quiz_id", "expected"),
    [
        ("l01-flood-category", {"emotive-metaphor"}),
        ("l02-oig-percent", {"named-document"}),
    ],
)
def test_techniques_of_one_item_questions(quiz_id, expected):
    """Does a question about one key item teach that item's category or sourcing class?"""
    assert quiz_techniques(get_quiz(quiz_id)) == expected


def test_sentence_label_quizzes_teach_opinion_as_news_only_with_writer_opinion():
    """Is 'opinion-as-news' claimed exactly when a labelled sentence may be the writer's opinion?"""
    for quiz in load_quizzes():
        if quiz.kind == "label-sentences":
            has_opinion = any(
                "writer-opinion" in {s.label, *s.also_acceptable} for s in quiz.passage.sentences
            )
            assert ("opinion-as-news" in quiz_techniques(quiz)) == has_opinion


def test_highlight_techniques_are_the_clear_cut_items():
    """Does a highlight question teach the categories of the items a student must find?"""
    quiz = get_quiz("l01-headline-highlight")
    must_find = {s.category for s in quiz.passage.loaded if not s.acceptable}
    assert quiz_techniques(quiz) == must_find


def test_density_is_items_per_100_words():
    """Is density pooled over texts and given per 100 words?"""
    assert Density(3, 150).per_100_words == 2.0
    assert Density(0, 0).per_100_words == 0.0
    one = clear_cut_density(["oig-release-report"])
    two = clear_cut_density(["oig-release-report", "contrast-oig-release-wire"])
    assert two.items == one.items and two.words > one.words


def test_slanted_passages_are_as_loaded_as_real_articles():
    """Is each team-written passage with a slant within ±30% of the real articles' clear-cut loaded density?

    Issue 11: invented passages three times as loaded as the real articles read as caricatures.
    Neutral passages are counter-examples and carry no clear-cut items by design.
    """
    import medialit

    real = clear_cut_density(a.id for a in medialit.articles()).per_100_words
    for info in medialit.contrast_passages():
        if info.slant in ("neutral", "none"):
            assert clear_cut_density([info.id]).items == 0, info.id
            continue
        density = clear_cut_density([info.id]).per_100_words
        assert 0.7 * real <= density <= 1.3 * real, f"{info.id}: {density:.2f} per 100 words, real {real:.2f}"


def test_every_technique_has_a_quiz_on_each_side():
    """Does every technique taught on the five samples' side also have a quiz on the other side, and vice versa?

    Issue 11: each loaded category, sourcing class and opinion presented as news, on material from each side.
    "Each side" is the samples' way (right-rated or unrated) and the other way (left- or center-rated).
    """
    samples_way, other_way = defaultdict(set), defaultdict(set)
    for quiz in load_quizzes():
        bucket = other_way if side(quiz.passage.article_id) in ("left", "center") else samples_way
        for technique in quiz_techniques(quiz):
            bucket[technique].add(quiz.id)
    missing = {t for t in samples_way.keys() | other_way.keys() if not (samples_way[t] and other_way[t])}
    assert not missing, f"techniques quizzed on one side only: {sorted(missing)}"


def test_at_least_40_percent_of_quizzes_do_not_lean_the_samples_way():
    """Are at least 40% of quiz items on left- or center-rated material (issue 11)?"""
    quizzes = load_quizzes()
    other = sum(side(q.passage.article_id) in ("left", "center") for q in quizzes)
    assert other / len(quizzes) >= 0.40, f"{other} of {len(quizzes)}"
