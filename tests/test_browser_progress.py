"""Is nothing lost when a student has two Voilà tabs open: a name saved in one, quizzes checked in the other?"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest

from medialit.progress import ProgressStore, export_results
from medialit.quiz import get_quiz
from medialit.widgets import _readable

from . import test_browser
from .test_browser import (
    CHOICE,
    FEEDBACK,
    HIGHLIGHT,
    RENDER,
    Server,
    _answer_quizzes,
    _assert_no_widget_errors,
    _check_and_time,
    _environment,
    _expected,
    _free_port,
    _start,
    _stop,
)

chromium = test_browser.chromium  # the shared fixtures: Debian's Chromium, and a fresh page in a new context
page = test_browser.page

pytestmark = pytest.mark.browser

NAME = "Ana Lopez"
#: Checked in the second tab: the highlight and choice quizzes test_browser.py drives, and three more choices.
MORE_CHOICES = ("l01-illegals-category", "l01-newcomers-category", "l01-headline-speaker")
QUIZZES = (HIGHLIGHT, CHOICE, *MORE_CHOICES)


def _notebook(path: Path, cells: list[str]) -> None:
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [
        nbformat.v4.new_code_cell("from medialit import widgets"),
        *map(nbformat.v4.new_code_cell, cells),
    ]
    nbformat.write(nb, path)


@pytest.fixture
def two_lessons(tmp_path: Path) -> Iterator[Server]:
    """Student mode (`serve`) over two small notebooks: a name box, and five lesson-01 quizzes."""
    folder = tmp_path / "lessons"
    folder.mkdir()
    _notebook(folder / "00-Name.ipynb", ["widgets.show_learner()"])
    _notebook(folder / "01-Quizzes.ipynb", [f'widgets.show("{quiz}")' for quiz in QUIZZES])
    port = _free_port()
    code = f"from medialit.present import serve; serve(None, {port}, False, folder={str(folder)!r})"
    env = _environment(tmp_path)
    env["MEDIALIT_PROGRESS"] = str(tmp_path / "progress.sqlite3")
    server = _start([sys.executable, "-c", code], port, tmp_path, env, cwd=tmp_path)
    server.progress = Path(env["MEDIALIT_PROGRESS"])
    try:
        yield server
    finally:
        _stop(server)


def _answer_choice(tab: Any, quiz_id: str) -> None:
    """Pick the key's option in one choice quiz, press Check, and wait for full marks."""
    quiz = tab.locator(f".quiz-{quiz_id}")
    quiz.scroll_into_view_if_needed()
    label = _readable(get_quiz(quiz_id).solution())
    quiz.locator(".medialit-choice label").filter(has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")).click()
    text, _ = _check_and_time(tab, quiz, "Full marks")
    assert "Full marks" in text, text


def test_name_in_one_tab_and_quizzes_in_another_are_all_exported(two_lessons: Server, page: Any) -> None:
    """Two tabs open at once; quizzes checked in one before and after the name is saved in the other:
    does the export hold the name and every answer?"""
    name_tab, quiz_tab = page, page.context.new_page()
    name_tab.goto(two_lessons.address("/voila/render/00-Name.ipynb"), wait_until="domcontentloaded")
    quiz_tab.goto(two_lessons.address("/voila/render/01-Quizzes.ipynb"), wait_until="domcontentloaded")
    name_tab.locator(".medialit-learner input").wait_for(state="visible", timeout=RENDER)
    for quiz in QUIZZES:
        quiz_tab.locator(f".quiz-{quiz}").wait_for(state="visible", timeout=RENDER)
    _assert_no_widget_errors(quiz_tab)

    _answer_quizzes(quiz_tab, _expected(), "Voilà, second tab")  # both kernels are running by now
    name_tab.locator(".medialit-learner input").fill(NAME)
    name_tab.locator(".medialit-learner button", has_text="Save name").click()
    name_tab.locator(".medialit-learner", has_text=f"Saved. Hello, {NAME}!").wait_for(timeout=FEEDBACK)
    for quiz in MORE_CHOICES:
        _answer_choice(quiz_tab, quiz)

    store = ProgressStore(two_lessons.progress)
    export = export_results(store)
    assert export["learner"] == NAME
    assert sorted(result["quiz"] for result in export["results"]) == sorted(QUIZZES)
    assert all(result["correct"] and result["score"] == 1.0 for result in export["results"])
    assert sorted(store.answer(HIGHLIGHT)) == _expected()["indices"]
    for quiz in (CHOICE, *MORE_CHOICES):
        assert store.answer(quiz) == get_quiz(quiz).solution()
