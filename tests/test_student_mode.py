"""Does every lesson, served as `python -m medialit present` serves it, show a student designed output only:
no Python repr, no error, every cell run, and no "Your turn" exercise?"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from medialit.lessons import TEACHER_PREFIX
from medialit.present import STUDENT_MODE_HIDDEN_TAGS

from . import student_mode
from .conftest import ROOT
from .test_browser import _not_available, chromium, page  # noqa: F401  (fixtures pytest finds by name)

#: Every lesson a student can open in student mode (teachers' notebooks are hidden from it).
LESSONS = sorted(
    p.stem for p in (ROOT / "solutions").glob("*.ipynb") if not p.stem.startswith(TEACHER_PREFIX)
)


def _cells(lesson: str, folder: str = "lessons") -> list[dict[str, Any]]:
    return json.loads((ROOT / folder / f"{lesson}.ipynb").read_text(encoding="utf-8"))["cells"]


def _hidden(cell: dict[str, Any]) -> bool:
    return bool(set(cell.get("metadata", {}).get("tags", [])) & set(STUDENT_MODE_HIDDEN_TAGS))


# --- no browser needed ---------------------------------------------------------------------------------------


def _text(cell: dict[str, Any]) -> str:
    return "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_your_turn_cell_is_tagged(lesson: str) -> None:
    """Does every "Your turn" exercise (its introduction and its code cell) carry the `your-turn` tag, so
    student mode hides it, and is every tagged code cell an exercise?"""
    untagged, stray = [], []
    for number, cell in enumerate(_cells(lesson, "solutions"), start=1):
        text = _text(cell).lstrip()
        exercise = (
            text.startswith("# Your turn")
            if cell["cell_type"] == "code"
            else text.startswith(("**Your turn**", "Your turn"))
        )
        if exercise and not _hidden(cell):
            untagged.append(f"cell {number}: {text[:60]!r}")
        if _hidden(cell) and cell["cell_type"] == "code" and "Your turn" not in text:
            stray.append(f"cell {number}: {text[:60]!r}")
    assert not untagged, "these cells need the `your-turn` tag:\n" + "\n".join(untagged)
    assert not stray, (
        "these tagged code cells are not exercises (student mode would not run them):\n" + "\n".join(stray)
    )


def test_find_reprs_finds_the_issues_examples() -> None:
    """Are the reprs named in issue 12 found, and designed text left alone?"""
    for shown in (
        "{'ice-officer-interview': FreqDist({'illegal': 3})}",
        "Counter({'quoted': 27, 'writer': 19})",
        "(Attributed(value='John Romero', source='stated'), Attributed(value='ICE', source='inferred'))",
        "<medialit.widgets.QuizWidget object at 0x7f>",
        "[('illegals', 3), ('migrants', 2)]",
        "dict_items([('a', 1)])",
        "<Figure size 640x480 with 1 Axes>",
        "Ellipsis",
    ):
        assert student_mode.find_reprs(shown), shown
    for designed in (
        "Who is quoted: 27 sentences. The writer: 19.",
        "The word ‘illegals’ (3 times) is the writer's choice.",
        "Label (choose one): attributed fact",
        "None of the three reports names him.",
    ):
        assert not student_mode.find_reprs(designed), designed


# --- in Chromium ----------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def present(tmp_path_factory: pytest.TempPathFactory) -> Iterator[student_mode.StudentMode]:
    """`python -m medialit present` over the kit's lessons/, for the whole module."""
    if not student_mode.CHROMIUM.exists():
        _not_available(f"{student_mode.CHROMIUM} is missing (apt-get install chromium)")
    try:
        server = student_mode.start(tmp_path_factory.mktemp("student-mode"))
    except RuntimeError as exc:
        pytest.fail(str(exc), pytrace=False)
    try:
        yield server
    finally:
        student_mode.stop(server)


@pytest.mark.browser
@pytest.mark.parametrize("lesson", LESSONS)
def test_student_mode_shows_no_repr_and_no_error(
    present: student_mode.StudentMode,
    page: Any,  # noqa: F811
    lesson: str,
) -> None:
    """In Voilà, once every widget is drawn: does every cell run (those tagged `your-turn` left out), and does
    no output show a Python repr (FreqDist(, Counter(, {', [(, Attributed(, <medialit. …), an error, a
    warning, or long lines of monospace text?"""
    student_mode.open_lesson(page, present, lesson)
    shown = [c for c in _cells(lesson) if not _hidden(c)]
    assert student_mode.cells_shown(page) == len(shown), (
        f"Voilà stopped after cell {student_mode.cells_shown(page)} of {len(shown)}:\n{present.log_tail()}"
    )
    found = student_mode.problems(page)
    assert not found, f"{lesson} in student mode shows:\n" + "\n".join(found[:30])
    assert not page.outside, f"Voilà fetched from outside 127.0.0.1: {page.outside[:5]}"
