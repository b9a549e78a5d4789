"""Is progress said in words ("2 of 5 answered, both right") rather than as a percentage?"""

from __future__ import annotations

import pytest

from medialit.display.wording import progress_words, tally


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        ((0, 5, 0, 0), "None of 5 answered yet"),
        ((1, 5, 1, 0), "1 of 5 answered, right"),
        ((2, 5, 2, 0), "2 of 5 answered, both right"),
        ((4, 4, 4, 0), "4 of 4 answered, all right"),
        ((3, 5, 2, 1), "3 of 5 answered: 2 right, 1 partly right"),
        ((4, 5, 2, 1), "4 of 5 answered: 2 right, 1 partly right, 1 not right yet"),
        ((2, 5, 0, 1), "2 of 5 answered: 1 partly right, 1 not right yet"),
        ((2, 5, 0, 2), "2 of 5 answered, both partly right"),
        ((1, 5, 0, 0), "1 of 5 answered, not right yet"),
        ((2, 5, 0, 0), "2 of 5 answered, neither right yet"),
        ((3, 5, 0, 0), "3 of 5 answered, none right yet"),
    ],
)
def test_words(counts, words):
    """Does each mix of results read as a teacher would say it?"""
    assert progress_words(*counts) == words


@pytest.mark.parametrize("counts", [(6, 5, 0, 0), (2, 5, 2, 1), (-1, 5, 0, 0)])
def test_counts_that_do_not_add_up(counts):
    """Are impossible counts refused with a clear error?"""
    with pytest.raises(ValueError, match="do not add up"):
        progress_words(*counts)


def test_tally_by_latest_check():
    """Are entries counted right (correct), partly (a score above 0) or not yet, skipping unscored ones?"""
    entries = [
        {"score": 1.0, "correct": True},
        {"score": 0.5, "correct": False},
        {"score": 0.0, "correct": False},
        {"answer": None},
    ]
    assert tally(entries) == (3, 1, 1)
