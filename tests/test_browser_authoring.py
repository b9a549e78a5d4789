"""From a team-written article to a lesson a student answers, in a real Chromium: JupyterLab, then Voilà.

In JupyterLab the teacher's notebook (Teacher-Make-A-Lesson) loads the article, three of the machine's marks are
reviewed, one missed phrase is added by choosing its words, the key is saved and the lesson made. The lesson
is then opened in the student app (`python -m medialit present T-…`, Voilà), a quiz is answered, and the
answer is found in the progress store. Screenshots of each step are saved for the teacher guide (see test_browser.screenshot_path).
"""

from __future__ import annotations

import re
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medialit.progress import ProgressStore
from medialit.quiz.loader import read_teacher_quizzes
from medialit.widgets import _readable

from .conftest import ROOT
from .test_browser import (  # noqa: F401  (chromium is a fixture)
    FEEDBACK,
    RENDER,
    Server,
    _assert_no_widget_errors,
    _check_and_time,
    _environment,
    _free_port,
    _kernel_idle,
    _lab_settings,
    _run_all,
    _start,
    _stop,
    chromium,
    lab_command,
    screenshot_path,
)
from .test_browser import page as page  # the fixture, re-exported for this module
from .test_browser_a11y import _assert_focus_ring, _report_axe

pytestmark = pytest.mark.browser

NOTEBOOK = "Teacher-Make-A-Lesson.ipynb"
ARTICLE = (
    ROOT / "tests" / "fixtures" / "authoring" / "county-jail-agreement.txt"
)  # team-written teaching text
MISSED = ("reckless", "gamble")  # a phrase the detectors do not mark
LESSON_ID = "county-jail-vote"
LESSON = "T-County-Jail-Vote"
ANNOTATOR = "Ms Example"


@pytest.fixture
def kit(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    """A teacher's working folder holding the authoring notebook, and empty teacher-lessons and progress."""
    work = tmp_path / "my-work"
    work.mkdir()
    shutil.copyfile(ROOT / "lessons" / NOTEBOOK, work / NOTEBOOK)
    env = _environment(tmp_path)
    env["MEDIALIT_TEACHER_LESSONS"] = str(tmp_path / "teacher-lessons")
    monkeypatch.setenv("MEDIALIT_TEACHER_LESSONS", env["MEDIALIT_TEACHER_LESSONS"])
    return {"work": work, "env": env, "lessons": tmp_path / "teacher-lessons", "tmp": tmp_path}


@pytest.fixture
def lab(kit: dict[str, Any]) -> Iterator[Server]:
    """JupyterLab over the working folder, no token, no network calls."""
    tmp, port = kit["tmp"], _free_port()
    command = lab_command(port, kit["work"], tmp / "checkpoints")
    env = {**kit["env"], "JUPYTERLAB_SETTINGS_DIR": str(_lab_settings(tmp))}
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp / "lab-workspaces")
    lab_dir = tmp / "lab"
    lab_dir.mkdir()
    server = _start(command, port, lab_dir, env, cwd=kit["work"])
    try:
        yield server
    finally:
        _stop(server)


def _student_app(kit: dict[str, Any]) -> Server:
    """The kit's student app (Voilà, with a token) on the teacher's new lesson."""
    port = _free_port()
    command = [sys.executable, "-m", "medialit", "present", LESSON, "--no-browser", "--port", str(port)]
    folder = kit["tmp"] / "voila"
    folder.mkdir()
    return _start(command, port, folder, kit["env"], cwd=kit["tmp"])


def _shot(locator: Any, name: str) -> Path:
    """:func:`~tests.test_browser.screenshot_path` of ``name``: one part of the page, for the teacher guide."""
    locator.scroll_into_view_if_needed()
    path = screenshot_path(name)
    locator.screenshot(path=str(path))
    return path


def _button(box: Any, text: str) -> Any:
    return box.locator("button", has_text=re.compile(rf"^\s*{re.escape(text)}\s*$"))


def _progress(review: Any, done: int) -> None:
    """Wait for the progress line to say ``done`` marks are reviewed."""
    line = review.locator(".medialit-review-decide p[role=status]")
    line.filter(has_text=re.compile(rf"^\s*{done} of \d+ marks reviewed")).wait_for(timeout=FEEDBACK)


def _review_in_jupyterlab(page: Any, lab: Server) -> None:
    """Load the article, review three marks, add the missed phrase, save the key and make the lesson."""
    page.goto(f"{lab.url}/lab/tree/{NOTEBOOK}", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=RENDER)
    _kernel_idle(page)
    _run_all(page, "Run", "Run All Cells")
    review = page.locator(".medialit-review")
    review.wait_for(state="visible", timeout=RENDER)
    _kernel_idle(page)
    _assert_no_widget_errors(page)

    review.locator("textarea").first.fill(ARTICLE.read_text(encoding="utf-8"))
    _button(review, "Find the marks").click()
    _progress(review, 0)
    review.locator("textarea").first.focus()
    page.keyboard.press("Tab")  # from the article box to the next control, by keyboard: its focus ring shows
    _assert_focus_ring(page)
    _report_axe(page, f"JupyterLab {NOTEBOOK}, the review widget")
    decide = review.locator(".medialit-review-decide")
    _button(decide, "Accept").click()  # the headline
    _progress(review, 1)
    _button(decide, "Accept").click()
    _progress(review, 2)
    assert "3 to 2" in decide.locator(".medialit-review-card").inner_text()
    _button(decide, "Reject").click()  # a vote count, not a figure to check
    _progress(review, 3)
    decide.locator(".widget-html", has_text="rejected. Saved.").wait_for(timeout=FEEDBACK)
    print(f"\n[browser] screenshot: {_shot(decide, 'authoring-review.png')}")

    add = review.locator(".medialit-review-add")
    words = add.locator(".medialit-word-button")
    for word in MISSED:
        button = words.filter(has_text=re.compile(rf"^\s*{word}\s*$")).first
        button.click()
        page.wait_for_function(
            "(el) => el.getAttribute('aria-pressed') === 'true'", arg=button.element_handle()
        )
    print(f"[browser] screenshot: {_shot(add, 'authoring-add-mark.png')}")
    _button(add, "Add this mark").click()
    add.locator(".widget-html", has_text=f"Added “{' '.join(MISSED)}”").wait_for(timeout=FEEDBACK)

    save = review.locator(".medialit-review-save")
    save.locator(".widget-text", has_text="Lesson id:").locator("input").fill(LESSON_ID)
    save.locator(".widget-text", has_text="Reviewed by:").locator("input").fill(ANNOTATOR)
    save.locator(".widget-checkbox input").check()  # not every mark is reviewed: save a draft on purpose
    _button(save, "Save key").click()
    save.locator(".widget-html", has_text="Saved the key").wait_for(timeout=FEEDBACK)
    _button(save, "Make lesson").click()
    save.locator(".widget-html", has_text="The lesson is ready").wait_for(timeout=RENDER)
    assert f"present {LESSON}" in save.inner_text()
    print(f"[browser] screenshot: {_shot(save, 'authoring-save.png')}")
    _assert_no_widget_errors(page)


def test_make_a_lesson_in_jupyterlab_and_answer_it_in_voila(
    kit: dict[str, Any], lab: Server, page: Any
) -> None:
    """Review three marks, add a missed phrase, save, make the lesson; then does a student's answer in Voilà
    reach the progress store, with the teacher's added phrase in the key?"""
    try:
        _review_in_jupyterlab(page, lab)
    except Exception as exc:
        shot = lab.log.with_name("failure.png")
        page.screenshot(path=str(shot), full_page=True)
        print(
            page.locator(".medialit-review").evaluate(
                "e => [...e.querySelectorAll('[class*=medialit-review]')].map(x => x.className + ' | ' + x.innerText.slice(0, 80))"
            )
        )
        pytest.fail(
            f"{type(exc).__name__} in JupyterLab; screenshot {shot}\n{exc}\n{lab.log_tail()}", pytrace=False
        )
    folder = kit["lessons"] / LESSON_ID
    key = (folder / "key.json").read_text(encoding="utf-8")
    assert " ".join(MISSED) in key, "the added phrase is in the saved key"
    quiz = next(q for q in read_teacher_quizzes(folder) if q.kind == "choice")

    voila = _student_app(kit)
    try:
        student = page.context.new_page()
        student.goto(voila.address("/"), wait_until="domcontentloaded")
        box = student.locator(f".quiz-{quiz.id}")
        box.wait_for(state="visible", timeout=RENDER)
        _assert_no_widget_errors(student)
        box.scroll_into_view_if_needed()
        label = _readable(quiz.solution())
        box.locator(".medialit-choice label").filter(
            has_text=re.compile(rf"^\s*{re.escape(label)}\s*$")
        ).click()
        text, _ = _check_and_time(student, box, "Full marks")
        assert "Full marks" in text, text
        print(f"[browser] screenshot: {_shot(box, 'authoring-lesson-voila.png')}")
    finally:
        _stop(voila)
    entry = ProgressStore(voila.progress).snapshot()["answers"][quiz.id]
    assert entry["answer"] == quiz.solution() and entry["correct"]
    if page.outside:
        print(f"[browser] JupyterLab fetched from outside 127.0.0.1: {page.outside[:5]}")
