"""Do the notebooks carry no outputs, run headless without error, and give full credit to every quiz?"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from medialit.lessons import is_teacher_notebook, student_lessons
from medialit.quiz import get_quiz, load_quizzes

from .conftest import ROOT

SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
LESSONS = sorted((ROOT / "lessons").glob("*.ipynb"))
STUDENT_SOLUTIONS = student_lessons(ROOT / "solutions")  # teachers' notebooks (Teacher-*) have no quizzes

# Run in the kernel after a solution notebook: answer every quiz it showed through its widgets.
ANSWER_EVERY_QUIZ = """
import json as _json
from medialit import widgets as _widgets
_answers = []
for _shown in _widgets.SHOWN:
    _shown.set_answer(_shown.quiz.solution())
    _shown.check_button.click()
    _answers.append([_shown.quiz.id, _shown.feedback.value])
print(_json.dumps(_answers))
"""


def _execute(path, extra: str | None = None) -> nbformat.NotebookNode:
    notebook = nbformat.read(path, as_version=4)
    if extra:
        notebook.cells.append(nbformat.v4.new_code_cell(extra))
    client = NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    client.execute()
    return notebook


@pytest.fixture(autouse=True)
def _private_progress(tmp_path, monkeypatch):
    """Keep the kernels' saved progress out of the user's home folder."""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "progress.json"))
    monkeypatch.setenv("MPLBACKEND", "Agg")


def test_every_lesson_has_its_solution():
    """Does every lesson have a solution of the same name, and is there at least one?"""
    assert SOLUTIONS and {p.name for p in SOLUTIONS} == {p.name for p in LESSONS}


@pytest.mark.parametrize("path", SOLUTIONS + LESSONS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_outputs_stored(path):
    """Is the notebook committed without outputs or execution counts?"""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: clear outputs"


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_student_lesson_runs_headless(path):
    """Does the student version run in a fresh kernel without an error, placeholders included?"""
    _execute(path)


def test_teacher_notebooks_are_told_apart_by_name():
    """Is the authoring notebook a teacher's notebook by the rule (a name starting "Teacher-"), and no lesson?"""
    teachers = [p.name for p in SOLUTIONS if is_teacher_notebook(p)]
    assert "Teacher-Make-A-Lesson.ipynb" in teachers
    assert not set(teachers) & {p.name for p in STUDENT_SOLUTIONS}


@pytest.mark.parametrize("path", STUDENT_SOLUTIONS, ids=lambda p: p.name)
def test_solution_runs_and_every_quiz_gives_full_credit(path):
    """Does the solution run, show every quiz of its lesson, and give full credit to each when answered?"""
    notebook = _execute(path, ANSWER_EVERY_QUIZ)
    printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs if o.output_type == "stream")
    answers = json.loads(printed.strip().splitlines()[-1])
    lesson = path.stem
    expected = {q.id for q in load_quizzes(lesson)}
    assert {quiz_id for quiz_id, _ in answers} == expected, "every quiz in the lesson's YAML is shown"
    for quiz_id, feedback in answers:
        # A transfer pre-test is a measurement: it says it saved the answer, and shows no marks.
        pre_test = get_quiz(quiz_id).spec.get("transfer") == "pre"
        assert ("Saved." if pre_test else "Full marks") in feedback, quiz_id
