"""Build the student lessons from the solution notebooks: strip solution regions and outputs."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .atomic import write_text_atomically
from .errors import MedialitError

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
PLACEHOLDER = "# Your turn: write your code here."
#: Notebooks whose names start with this are teachers' tools (Teacher-Make-A-Lesson), not student lessons:
#: they are built and copied like lessons, but the lesson-only rules (pacing, warm-ups, quizzes, giveaways)
#: and the student app's list of lessons leave them out.
TEACHER_PREFIX = "Teacher-"
_SOLUTION_LINE = re.compile(r"^(?P<indent>\s*)(?P<code>.*?)\s*# SOLUTION\s*$")
_ASSIGNMENT = re.compile(r"^(?P<target>[A-Za-z_][\w.\[\]'\", ]*?)\s*=(?!=)")


class LessonBuildError(MedialitError):
    """A solution notebook whose markers cannot be stripped (for example, unpaired)."""


def strip_solutions(source: str, where: str = "cell") -> str:
    """Replace ``# BEGIN SOLUTION``/``# END SOLUTION`` regions and ``# SOLUTION`` lines.

    A region becomes one placeholder comment at the region's indentation. A
    line ``x = 42  # SOLUTION`` becomes ``x = ...``; any other ``# SOLUTION``
    line becomes the placeholder comment. The result always runs without error.
    """
    out: list[str] = []
    opened_at: int | None = None
    for number, line in enumerate(source.split("\n"), start=1):
        marker = line.strip()
        if marker == BEGIN:
            if opened_at is not None:
                raise LessonBuildError(
                    f"{where}, line {number}: {BEGIN} inside the region opened on line {opened_at}"
                )
            opened_at = number
            out.append(line[: len(line) - len(line.lstrip())] + PLACEHOLDER)
        elif marker == END:
            if opened_at is None:
                raise LessonBuildError(f"{where}, line {number}: {END} without a {BEGIN} before it")
            opened_at = None
        elif opened_at is None:
            out.append(_strip_solution_line(line))
    if opened_at is not None:
        raise LessonBuildError(f"{where}, line {opened_at}: {BEGIN} is never closed by {END}")
    return "\n".join(out)


def _strip_solution_line(line: str) -> str:
    match = _SOLUTION_LINE.match(line)
    if not match:
        return line
    assignment = _ASSIGNMENT.match(match["code"])
    if assignment:
        return f"{match['indent']}{assignment['target'].strip()} = ..."
    return match["indent"] + PLACEHOLDER


def is_teacher_notebook(path: str | Path) -> bool:
    """Is the notebook at ``path`` a teacher's tool rather than a student lesson (its name starts "Teacher-")?"""
    return Path(path).name.startswith(TEACHER_PREFIX)


def student_lessons(folder: Path) -> list[Path]:
    """The student lessons in ``folder`` (``*.ipynb`` except teachers' notebooks and hidden files), sorted."""
    return sorted(
        p for p in folder.glob("*.ipynb") if not is_teacher_notebook(p) and not p.name.startswith(".")
    )


def student_notebook(notebook: dict[str, Any], where: str = "notebook") -> dict[str, Any]:
    """The student version of a solution notebook: solutions stripped, outputs cleared."""
    cells = []
    for index, cell in enumerate(notebook.get("cells", [])):
        cell = dict(cell)
        if cell.get("cell_type") == "code":
            source = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            cell["source"] = strip_solutions(source, f"{where}, cell {index}")
            cell["outputs"] = []
            cell["execution_count"] = None
        cells.append(cell)
    return {**notebook, "cells": cells}


def render(notebook: dict[str, Any]) -> str:
    """A notebook as the JSON text the generator writes (stable, so --check can compare)."""
    return json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def build_lessons(solutions: Path, lessons: Path, *, check: bool = False) -> list[str]:
    """Write ``lessons/`` from ``solutions/``; with ``check``, write nothing.

    Returns the problems found: with ``check``, each lesson that is missing,
    stale or has no solution; without it, only lessons with no solution.
    """
    problems: list[str] = []
    wanted = {}
    for source in sorted(solutions.glob("*.ipynb")):
        notebook = json.loads(source.read_text(encoding="utf-8"))
        wanted[source.name] = render(student_notebook(notebook, where=str(source)))
    for name, text in wanted.items():
        target = lessons / name
        current = target.read_text(encoding="utf-8") if target.exists() else None
        if current == text:
            continue
        if check:
            problems.append(f"{target} is {'missing' if current is None else 'stale'}")
        else:
            write_text_atomically(target, text)
    for orphan in sorted(set(p.name for p in lessons.glob("*.ipynb")) - set(wanted)):
        problems.append(f"{lessons / orphan} has no source in {solutions}")
    return problems
