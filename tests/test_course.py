"""The course as a whole (issue 12): nine lessons in order, each fits the period and opens with a warm-up."""

from __future__ import annotations

import re

import pytest

from medialit.pacing import LIMIT_MINUTES, pace_notebook
from medialit.quiz import get_quiz

from .conftest import ROOT

LESSONS = sorted((ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
COURSE = [
    "00-Start-Here",
    "01-Loaded-Words",
    "02-Same-People-Different-Words",
    "03-Who-Says-So",
    "04-Do-The-Numbers-Add-Up",
    "05-News-or-Opinion",
    "06-Lateral-Reading",
    "07-Whole-Article-Audit",
    "08-Your-Own-Article",
]


def test_the_course_is_the_nine_lessons_in_order():
    """Are the lessons exactly 00 to 08, with the agreed names, and the same in solutions/ and lessons/?"""
    assert [p.stem for p in LESSONS] == COURSE
    assert sorted(p.stem for p in (ROOT / "solutions").glob("[0-9][0-9]-*.ipynb")) == COURSE


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_fits_the_period(lesson):
    """Does the pacing model put the lesson (required sections) at 50 minutes or less?"""
    pace = pace_notebook(lesson)
    assert pace.total <= LIMIT_MINUTES, f"{lesson.stem}: {pace.total:.1f} minutes"


@pytest.mark.parametrize("lesson", [p for p in LESSONS if not p.stem.startswith("00-")], ids=lambda p: p.stem)
def test_every_lesson_after_00_opens_with_a_warm_up(lesson):
    """Is the first section after the introduction and "Getting started" a warm-up of 2-3 quick choice quizzes (ids w<NN>-...)
    of this lesson, taking about 3 minutes, before any other quiz?"""
    sections = [
        s for s in pace_notebook(lesson).sections if s.title not in ("Introduction", "Getting started")
    ]
    warm_up = sections[0]
    assert re.search(r"warm-up", warm_up.title, re.I), f"first section is {warm_up.title!r}"
    assert 2 <= len(warm_up.quizzes) <= 3, warm_up.quizzes
    number = lesson.stem[:2]
    for quiz_id in warm_up.quizzes:
        assert quiz_id.startswith(f"w{number}-"), quiz_id
        assert get_quiz(quiz_id).kind in ("choice", "multi"), quiz_id
    assert warm_up.minutes <= 5, f"{warm_up.minutes:.1f} minutes"
