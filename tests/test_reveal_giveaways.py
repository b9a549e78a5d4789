"""Before anything is checked, does any output in a lesson give away a quiz's answer?

Each lesson is rendered headless (``tests/lesson_render.py``) with every widget in its first state, as Voilà
shows it all at once. For each quiz, the outputs above it, beside it and below it are searched for:

- a line naming one of the quiz's key items (a phrase, number or sentence) together with its answer
  ("writer-opinion | The “Although …” clause", "named-document  11,754 (3%) of 339,478");
- the key's reason for one of its items, or the quiz's explanation;
- for sentence-label quizzes, a chart of the labels of the quiz's article.

Content wrapped in ``reveal_after(quiz_id, ...)`` renders as a waiting line, so it never counts.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from medialit.lessons import student_lessons
from medialit.quiz import Quiz, get_quiz
from medialit.quiz.scoring import about_item

from .conftest import ROOT
from .lesson_render import QuizContext, Shown, quiz_contexts, render

LESSONS = student_lessons(ROOT / "lessons")  # teachers' notebooks (Teacher-*) show no quizzes


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    """Keep the kernels' saved progress out of the user's home folder; charts drawn inline, as in class."""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.delenv("MPLBACKEND", raising=False)


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def _pairs(quiz: Quiz) -> list[tuple[str, set[str]]]:
    """(item text, its accepted answers) for the items the quiz asks about."""
    passage = quiz.passage
    if quiz.kind == "choice":
        item, ask = about_item(quiz), quiz.spec["ask"]
        return [(item.text, {getattr(item, ask), *getattr(item, "also_acceptable", ())})]
    if quiz.kind == "label-sentences":
        return [(s.text, {s.label, *s.also_acceptable}) for s in passage.sentences]
    if quiz.kind == "source-the-number":
        return [(s.text, {s.sourcing, *s.also_acceptable}) for s in passage.statistics]
    if quiz.kind in ("highlight", "multi") and quiz.spec["target"] == "loaded":
        return [(s.text, {s.category}) for s in passage.loaded if not s.acceptable]
    return []


def _reasons(quiz: Quiz) -> list[str]:
    """The key's reasons for the items the quiz asks about, and its explanation (first 50 characters)."""
    if quiz.kind in ("choice", "numeric", "rewrite"):
        items = [about_item(quiz)]
    else:
        items = [*quiz.passage.loaded, *quiz.passage.statistics, *quiz.passage.sentences]
    texts = [getattr(s, "reason", None) or "" for s in items] + [quiz.explanation]
    return [_norm(t)[:50] for t in texts if len(t) >= 25]


def giveaways(quiz: Quiz, outputs: list[Shown]) -> list[str]:
    """What in ``outputs`` gives away ``quiz``'s answer, described for the failure message."""
    found = []
    pairs = [
        (_norm(text)[:40], {_norm(a) for v in values for a in (v, v.replace("-", " "))})
        for text, values in _pairs(quiz)
    ]
    reasons = _reasons(quiz)
    labels_asked = quiz.kind == "label-sentences" or (
        quiz.kind == "choice" and quiz.spec.get("ask") == "label"
    )
    for shown in outputs:
        if shown.image:
            if labels_asked and quiz.passage.article_id in shown.source and "label" in shown.source:
                found.append(f"cell {shown.cell}: a chart of {quiz.passage.article_id}'s sentence labels")
            continue
        for line in shown.text.splitlines():
            line = _norm(line)
            for text, answers in pairs:
                if text and text in line and any(re.search(rf"\b{re.escape(a)}\b", line) for a in answers):
                    found.append(f"cell {shown.cell}: {line[:120]!r}")
        flat = _norm(shown.text)
        found += [f"cell {shown.cell}: the key's reason {r!r}" for r in reasons if r in flat]
    return list(dict.fromkeys(found))


def _context_problems(context: QuizContext) -> list[str]:
    quiz = get_quiz(context.quiz_id)
    return [
        f"{context.quiz_id}: {g}" for g in giveaways(quiz, context.above + context.beside + context.below)
    ]


def _notebook(*sources: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])


def test_the_helper_sees_printed_answers_but_not_revealed_ones(tmp_path):
    """In a real kernel: is a printed key line found, while the same line held by reveal_after is not?"""
    line = "named-document 11,754 (3%) of 339,478"
    path = tmp_path / "probe.ipynb"
    nbformat.write(
        _notebook(
            "from medialit import widgets",
            'widgets.show("l02-oig-sourcing")',
            f'widgets.reveal_after("l02-oig-sourcing", "{line}")',
        ),
        path,
    )
    contexts = quiz_contexts(render(path))
    assert [c.quiz_id for c in contexts] == ["l02-oig-sourcing"]
    assert _context_problems(contexts[0]) == []
    assert any("Answer the quiz above first" in s.text for s in contexts[0].below)

    nbformat.write(
        _notebook("from medialit import widgets", 'widgets.show("l02-oig-sourcing")', f'print("{line}")'),
        path,
    )
    (context,) = quiz_contexts(render(path))
    assert _context_problems(context) == [f"l02-oig-sourcing: cell 2: {line.lower()!r}"]


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_no_answer_shown_before_its_quiz_is_checked(path):
    """Does no output of the lesson show a quiz's answer before that quiz is checked?"""
    problems = [p for context in quiz_contexts(render(path)) for p in _context_problems(context)]
    assert problems == [], "\n".join(problems)
