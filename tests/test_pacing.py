"""Does the pacing model add up reading, quizzes, written answers and activities per section, as documented?"""

from __future__ import annotations

import json

import pytest

from medialit import cli
from medialit.pacing import (
    CODE_CELL_MINUTES,
    GETTING_STARTED_MINUTES,
    QUIZ_MINUTES,
    RESPONSE_MINUTES,
    WORDS_PER_MINUTE,
    YOUR_TURN_MINUTES,
    PacingError,
    count_words,
    pace_lessons,
    pace_notebook,
    quiz_minutes,
)
from medialit.quiz import get_quiz

from .conftest import ROOT


def _notebook(folder, name, cells):
    path = folder / f"{name}.ipynb"
    body = []
    for kind, source, *meta in cells:
        cell = {"cell_type": kind, "source": source, "metadata": meta[0] if meta else {}}
        if kind == "code":
            cell.update(outputs=[], execution_count=None)
        body.append(cell)
    path.write_text(json.dumps({"cells": body, "metadata": {}, "nbformat": 4, "nbformat_minor": 5}))
    return path


def test_count_words_leaves_out_markup():
    """Are headings' hashes, link targets, HTML tags and code blocks left out of the word count?"""
    assert count_words("## Two words") == 2
    assert count_words("See [the report](https://example.org/a/b) <b>now</b>.") == 4
    assert count_words("Before\n```python\nx = 1\n```\nafter") == 2


def test_quiz_minutes_by_kind():
    """Do label-sentences and source-the-number quizzes count per sentence and per number?"""
    labels = get_quiz("l03-ice-labels")
    assert quiz_minutes(labels.id) == QUIZ_MINUTES["label-sentences"] * len(labels.passage.sentences)
    sourcing = get_quiz("l02-oig-sourcing")
    assert quiz_minutes(sourcing.id) == QUIZ_MINUTES["source-the-number"] * len(sourcing.passage.statistics)
    assert quiz_minutes("l01-flood-category") == QUIZ_MINUTES["choice"]
    with pytest.raises(PacingError, match="l01-nope"):
        quiz_minutes("l01-nope")


def test_sections_add_up(tmp_path):
    """Is each ## section's time its reading, quizzes, written answers, code and declared activities?"""
    words = " ".join(["word"] * 300)
    path = _notebook(
        tmp_path,
        "07-Test",
        [
            ("markdown", "# 07 · Title\nIntro words here."),
            ("markdown", f"## 1 · Reading\n{words}"),
            ("code", 'widgets.show("l01-flood-category")'),
            ("code", 'widgets.show_response("l07-why", "Why?")'),
            ("code", "x = 1  # SOLUTION"),
            ("code", "print(1)"),
            ("markdown", "## 2 · Talk *(optional)*", {"medialit": {"activity_minutes": 5}}),
            ("markdown", "## 3 · Activity", {"medialit": {"activity_minutes": 4}}),
        ],
    )
    pace = pace_notebook(path)
    titles = [s.title for s in pace.sections]
    assert titles == ["Introduction", "1 · Reading", "2 · Talk *(optional)*", "3 · Activity"]
    reading = pace.sections[1]
    assert reading.words == 302 and reading.quizzes == ["l01-flood-category"]
    assert reading.minutes == pytest.approx(
        302 / WORDS_PER_MINUTE
        + QUIZ_MINUTES["choice"]
        + RESPONSE_MINUTES
        + YOUR_TURN_MINUTES
        + CODE_CELL_MINUTES
    )
    assert pace.sections[2].optional and pace.sections[2].minutes == pytest.approx(5 + 3 / WORDS_PER_MINUTE)
    assert pace.optional == pytest.approx(pace.sections[2].minutes)
    assert pace.total == pytest.approx(
        GETTING_STARTED_MINUTES + sum(s.minutes for s in pace.sections if not s.optional)
    )


def test_reveal_after_text_and_articles_are_read(tmp_path):
    """Are words shown by reveal_after and show_article counted as reading?"""
    path = _notebook(
        tmp_path,
        "07-Test",
        [
            ("markdown", "## 1 · A"),
            ("code", 'widgets.reveal_after("l01-flood-category", "one two three four")'),
            ("code", 'widgets.show_article("ice-officer-interview", 0, 0)'),
        ],
    )
    section = pace_notebook(path).sections[-1]
    assert section.words >= 2 + 4 + 5 and section.code_cells == 0


def test_unknown_quiz_names_the_lesson(tmp_path):
    """Does a lesson showing an unknown quiz id get an error naming the file?"""
    path = _notebook(tmp_path, "07-Test", [("code", 'show("l07-missing")')])
    with pytest.raises(PacingError, match=r"07-Test\.ipynb"):
        pace_notebook(path)


def test_check_exits_1_over_the_limit(tmp_path, capsys):
    """Does --check exit 1 and name a lesson over the limit, and 0 when all fit?"""
    _notebook(tmp_path, "07-Long", [("markdown", "## 1\nx", {"medialit": {"activity_minutes": 60}})])
    assert cli.main(["pacing", "--folder", str(tmp_path), "--check"]) == 1
    assert "Over 50 minutes: 07-Long" in capsys.readouterr().out
    assert cli.main(["pacing", "--folder", str(tmp_path)]) == 0
    assert cli.main(["pacing", "--folder", str(tmp_path), "--check", "--limit", "70"]) == 0


def test_every_lesson_today_is_estimated():
    """Does every lesson in lessons/ get a positive estimate with at least one section?"""
    paces = pace_lessons(ROOT / "lessons")
    assert paces and all(p.total > GETTING_STARTED_MINUTES and p.sections for p in paces)
