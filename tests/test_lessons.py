"""Tests for medialit.lessons: lessons/ is generated from solutions/ and kept in sync."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from medialit.lessons import (
    PLACEHOLDER,
    LessonBuildError,
    build_lessons,
    is_teacher_notebook,
    strip_solutions,
    student_lessons,
    student_notebook,
)

from .conftest import ROOT


def test_solution_regions_are_replaced():
    """Are solution regions replaced by one placeholder at their indentation?"""
    source = "def f():\n    # BEGIN SOLUTION\n    return 42\n    # END SOLUTION\nprint('kept')"
    assert strip_solutions(source) == f"def f():\n    {PLACEHOLDER}\nprint('kept')"


def test_solution_lines_keep_their_assignment():
    """Does 'x = 42  # SOLUTION' become 'x = ...', and a bare solution line a placeholder?"""
    assert strip_solutions("answer = 42  # SOLUTION") == "answer = ..."
    assert strip_solutions("    print(answer)  # SOLUTION") == f"    {PLACEHOLDER}"


@pytest.mark.parametrize(
    ("source", "problem"),
    [
        ("# BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n# END SOLUTION", "without a # BEGIN SOLUTION"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside the region opened on line 1"),
    ],
)
def test_unpaired_markers_fail_loudly(source, problem):
    """Does an unpaired marker raise, naming where it is?"""
    with pytest.raises(LessonBuildError, match=problem) as caught:
        strip_solutions(source, where="demo.ipynb, cell 3")
    assert "demo.ipynb, cell 3, line" in str(caught.value)


def test_student_cells_still_run():
    """Does a stripped student cell execute without raising?"""
    code = strip_solutions("answer = 6 * 7  # SOLUTION\n# BEGIN SOLUTION\nprint(answer)\n# END SOLUTION")
    exec(compile(code, "student", "exec"), {})


def test_outputs_are_cleared():
    """Are outputs and execution counts removed from the student version?"""
    nb = {
        "cells": [
            {"cell_type": "code", "source": "1", "outputs": [{"x": 1}], "execution_count": 3, "metadata": {}}
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    cell = student_notebook(nb)["cells"][0]
    assert cell["outputs"] == [] and cell["execution_count"] is None


def test_check_reports_stale_missing_and_orphan_lessons(tmp_path):
    """Does --check find a stale, a missing and an orphan lesson, while building fixes the first two?"""
    solutions, lessons = tmp_path / "solutions", tmp_path / "lessons"
    solutions.mkdir()
    lessons.mkdir()
    nb = {
        "cells": [
            {
                "cell_type": "code",
                "source": "x = 1  # SOLUTION",
                "outputs": [],
                "execution_count": None,
                "metadata": {},
                "id": "a",
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for name in ("01-A.ipynb", "02-B.ipynb"):
        (solutions / name).write_text(json.dumps(nb))
    (lessons / "01-A.ipynb").write_text("{}")
    (lessons / "99-Old.ipynb").write_text("{}")
    problems = build_lessons(solutions, lessons, check=True)
    assert any("01-A.ipynb is stale" in p for p in problems)
    assert any("02-B.ipynb is missing" in p for p in problems)
    assert any("99-Old.ipynb has no source" in p for p in problems)
    assert (lessons / "01-A.ipynb").read_text() == "{}", "--check must not write"
    build_lessons(solutions, lessons)
    assert [p for p in build_lessons(solutions, lessons, check=True) if "99-Old" not in p] == []


def test_lessons_are_in_sync():
    """Is lessons/ exactly what build-lessons makes from solutions/ (the CLI's --check)?"""
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "build-lessons", "--check"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_teacher_notebooks_are_not_student_lessons(tmp_path):
    """Does student_lessons leave out notebooks named "Teacher-…" (and hidden ones), keeping every other?"""
    for name in (
        "00-Start-Here.ipynb",
        "Teacher-Make-A-Lesson.ipynb",
        ".hidden.ipynb",
        "08-Your-Own-Article.ipynb",
    ):
        (tmp_path / name).write_text("{}")
    assert [p.name for p in student_lessons(tmp_path)] == ["00-Start-Here.ipynb", "08-Your-Own-Article.ipynb"]
    assert is_teacher_notebook(tmp_path / "Teacher-Make-A-Lesson.ipynb")
    assert not is_teacher_notebook("lessons/05-News-or-Opinion.ipynb")
