"""make-lesson: a teacher's key becomes quizzes.yaml and a lesson notebook in the kit's style, both checked."""

from __future__ import annotations

import html
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_text_atomically
from ..datafiles import schema_errors
from ..errors import AuthoringError
from ..lessons import render
from ..quiz import reload_quizzes
from ..quiz.loader import read_teacher_quizzes
from ..teacher_lessons import KEY_FILE, QUIZ_FILE, TeacherLesson, read_lesson_folder
from .quizplan import plan_quizzes

__all__ = ["LessonFiles", "lesson_notebook", "make_lesson", "quiz_document", "write_notebook"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~>$])")  # "$" would start maths in Jupyter
_SECTIONS = {
    "highlight": (
        "## 1. Loaded words",
        "Loaded words make you feel something about the people or events before you have the facts. "
        "Read each part of the article, then click every loaded word or phrase.",
    ),
    "label-sentences": (
        "## 2. News or opinion?",
        "A news sentence says who stands behind it. An opinion judges. Label each sentence.",
    ),
    "source-the-number": (
        "## 3. Who says so?",
        "Every number is a claim that someone has to stand behind. For each one, find who.",
    ),
    "rewrite": (
        "## 4. Say it plainly",
        "Now write like a careful reporter: keep the facts, drop the loaded words.",
    ),
    "choice": (
        "## 5. Name the technique",
        "One question for each technique your teacher found in this article.",
    ),
}


@dataclass(frozen=True)
class LessonFiles:
    """What make-lesson wrote: the folder, its quizzes.yaml and the notebook, and how many quizzes."""

    folder: Path
    quizzes: Path
    notebook: Path
    count: int


def _md(text: str) -> str:
    """Text from a record (a title, a name) made safe for a Markdown cell: HTML escaped, Markdown marks too."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(" ".join(str(text).split()), quote=False))


def quiz_document(lesson: TeacherLesson) -> dict[str, Any]:
    """The quizzes.yaml content for a lesson, planned from its key (see :func:`plan_quizzes`)."""
    specs = plan_quizzes(lesson.id, lesson.lesson, lesson.text, lesson.key)
    if not specs:
        raise AuthoringError(
            "The key has nothing to quiz: mark at least one loaded phrase, number or sentence label first."
        )
    return {"lesson": lesson.lesson, "quizzes": specs}


def _cell(kind: str, source: str, n: int, lesson_id: str) -> dict[str, Any]:
    cell: dict[str, Any] = {
        "cell_type": kind,
        "id": f"t-{n:02d}",
        "metadata": {},
        "source": source.splitlines(True),
    }
    if kind == "code":
        cell.update(execution_count=None, outputs=[])
    return cell


def _provenance(record: dict[str, Any]) -> str:
    source = record["source"]
    where = source["url"] or source["name"]
    status = (
        "reviewed by the teacher"
        if record["status"] == "reviewed"
        else "a draft: not every mark was reviewed"
    )
    return (
        f"**Chosen and marked by:** {_md(record['annotator'])}, {_md(record['date'])}. "
        f"**Source:** {_md(where)}. **Answer key:** {status}."
    )


def lesson_notebook(record: dict[str, Any], quizzes: list[dict[str, Any]]) -> dict[str, Any]:
    """The lesson notebook (nbformat 4.5 JSON, no outputs) for a teacher lesson's record and quiz specs.

    Cells hold the kit's own words, the record's fields escaped for Markdown, and calls with ids only (ids
    match ``^[a-z0-9-]+$`` and lesson names ``^T-[A-Za-z0-9-]+$``, checked by the schemas), so nothing from
    a bundle is ever run as code.
    """
    lesson_id, lesson = record["id"], record["lesson"]
    for value, pattern in [(lesson_id, r"[a-z0-9-]+"), (lesson, r"T-[A-Za-z0-9-]+")] + [
        (q["id"], r"[a-z0-9-]+") for q in quizzes
    ]:
        if not re.fullmatch(pattern, value):
            raise AuthoringError(f"{value!r} is not a valid id")
    kinds = [q["kind"] for q in quizzes]
    objectives = ["- find the loaded words in a news article, and say what each one does;"]
    if "label-sentences" in kinds or any(q.get("ask") == "label" for q in quizzes):
        objectives.append("- tell a sentence of news from a sentence of opinion;")
    if "source-the-number" in kinds or any(q.get("ask") == "sourcing" for q in quizzes):
        objectives.append("- ask “who says so?” about every number;")
    if "rewrite" in kinds:
        objectives.append("- rewrite a loaded sentence in plain, fair words.")
    cells = [
        (
            "markdown",
            f"# {_md(record['title'])}\n\n"
            "Your teacher chose this article and made the answer key: the kit checks your answers against it. "
            f"**Time:** about {10 + 4 * len(quizzes)} minutes.\n\n**By the end you can:**\n"
            + "\n".join(objectives),
        ),
        ("markdown", "Run the next cell first. It loads the kit's tools."),
        ("code", "from medialit import widgets"),
        ("markdown", "## The article\n\n" + _provenance(record) + "\n\nRead it once, all the way through."),
        ("code", f'widgets.show_article("{lesson_id}")'),
    ]
    section = None
    for quiz in quizzes:
        if quiz["kind"] != section:
            section = quiz["kind"]
            title, intro = _SECTIONS.get(section, ("## More questions", "Answer each question."))
            cells.append(("markdown", f"{title}\n\n{intro}"))
        cells.append(("code", f'widgets.show("{quiz["id"]}")'))
    prompt = (
        "Which word or number in this article would you most like to check, and how? "
        "Would a writer on the other side have chosen different words?"
    )
    cells += [
        (
            "markdown",
            "## Reflection\n\nWrite a few lines, then press Save. Your teacher sees them in your results file.",
        ),
        ("code", f'widgets.show_response("t-{lesson_id}-reflection", "{prompt}", lesson="{lesson}")'),
        (
            "markdown",
            "## Hand in\n\nPress the button to save your results file, and give it to your teacher.",
        ),
        ("code", f'widgets.show_export(lesson="{lesson}")'),
        (
            "markdown",
            "## What you can now do\n\n"
            + "\n".join("- " + o[2].upper() + o[3:].rstrip(";.") + "." for o in objectives)
            + "\n\nTry it on the next article you read.",
        ),
    ]
    return {
        "cells": [_cell(kind, source, n, lesson_id) for n, (kind, source) in enumerate(cells)],
        "metadata": {
            "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
            "language_info": {"name": "python"},
            "medialit": {"teacher_lesson": lesson_id},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }


def write_notebook(lesson: TeacherLesson) -> Path:
    """(Re)write the folder's notebook, ``<lesson>.ipynb``, from its record and checked quizzes.yaml."""
    quizzes = read_teacher_quizzes(lesson.folder)  # checks quizzes.yaml against the schema and the key
    specs = [q.spec for q in quizzes]
    path = lesson.folder / f"{lesson.lesson}.ipynb"
    write_text_atomically(path, render(lesson_notebook(lesson.record, specs)))
    return path


def _folder(path: str | os.PathLike[str]) -> Path:
    path = Path(path)
    if path.is_file() and path.name == KEY_FILE:
        return path.parent
    if path.is_dir():
        return path
    raise AuthoringError(f"{path}: give a teacher-lesson folder, or the {KEY_FILE} inside one")


def make_lesson(key: str | os.PathLike[str]) -> LessonFiles:
    """Write quizzes.yaml and the lesson notebook for the teacher lesson whose key is ``key`` (or its folder).

    Both are checked: the quizzes against quiz.schema.json and the key (each solution earns full marks), the
    notebook's calls against the quizzes. Raises AuthoringError naming the problem; the quizzes.yaml is
    written only once it is valid.
    """
    lesson = read_lesson_folder(_folder(key))
    document = quiz_document(lesson)
    if problems := schema_errors(document, "quiz.schema.json"):
        raise AuthoringError("The generated quizzes do not fit the schema: " + "; ".join(problems[:3]))
    text = (
        f"# Quizzes for the teacher's lesson {lesson.lesson}, made by python -m medialit make-lesson.\n"
        f"# Answers come from {KEY_FILE} beside this file, never from here.\n"
        + yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=110)
    )
    write_text_atomically(lesson.folder / QUIZ_FILE, text)
    notebook = write_notebook(lesson)
    reload_quizzes()
    return LessonFiles(lesson.folder, lesson.folder / QUIZ_FILE, notebook, len(document["quizzes"]))
