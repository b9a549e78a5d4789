"""Tests for medialit.authoring.lesson and .quizplan: from a reviewed key to quizzes and a lesson that runs.

The end-to-end test of issue 15: a team-written article goes in, scripted review decisions go through the pure
layer, the key is saved, make-lesson runs, the lesson executes headless, and every quiz scores 1.0 on its
solution and less on a wrong answer; the results reach the progress store.
"""

from __future__ import annotations

import json
import warnings

import nbformat
import pytest
import yaml
from nbclient import NotebookClient

from medialit.authoring.lesson import lesson_notebook, make_lesson
from medialit.cli import main
from medialit.datafiles import schema_errors
from medialit.display import article_html
from medialit.errors import AuthoringError
from medialit.progress import ProgressStore
from medialit.quiz import load_quizzes, reload_quizzes
from medialit.schema import SENTENCE_LABELS, SOURCING

from .authoring import LESSON, LESSON_ID, saved_lesson
from .test_notebooks import ANSWER_EVERY_QUIZ


@pytest.fixture
def teacher_root(tmp_path, monkeypatch):
    """An empty teacher-lessons folder that the kit (and any kernel started here) reads."""
    root = tmp_path / "teacher-lessons"
    monkeypatch.setenv("MEDIALIT_TEACHER_LESSONS", str(root))
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "progress.sqlite"))
    monkeypatch.setenv("MPLBACKEND", "Agg")
    reload_quizzes()
    yield root
    reload_quizzes()


@pytest.fixture
def made(teacher_root):
    """The scripted lesson, saved and made through the command line."""
    folder = saved_lesson(teacher_root)
    assert main(["make-lesson", str(folder / "key.json")]) == 0
    reload_quizzes()
    return folder


def _wrong_answer(quiz):
    """An answer the key does not accept, for each kind of quiz."""
    if quiz.kind == "choice":
        return next(o for o in quiz.options if o != quiz.solution())
    if quiz.kind == "highlight":
        spans = quiz.passage.key_spans("loaded")
        return [
            next(
                i
                for i, w in enumerate(quiz.passage.words)
                if not any(s.start < w.end and w.start < s.end for s in spans)
            )
        ]
    if quiz.kind == "label-sentences":
        return [next(v for v in SENTENCE_LABELS if not s.accepts(v)) for s in quiz.passage.sentences]
    if quiz.kind == "source-the-number":
        return [next(v for v in SOURCING if not s.accepts(v)) for s in quiz.passage.statistics]
    if quiz.kind == "rewrite":
        return quiz.passage.sentences[0].text
    raise AssertionError(quiz.kind)


def test_the_quizzes_cover_every_kind_the_issue_asks_for(made):
    """Does make-lesson write a valid quiz file with highlight, labels, sourcing, one rewrite and choices?"""
    data = yaml.safe_load((made / "quizzes.yaml").read_text(encoding="utf-8"))
    assert schema_errors(data, "quiz.schema.json") == []
    kinds = [q["kind"] for q in data["quizzes"]]
    assert {"highlight", "label-sentences", "source-the-number", "rewrite", "choice"} <= set(kinds)
    assert kinds.count("rewrite") == 1
    asked = {q["about"].get("loaded") for q in data["quizzes"] if q.get("ask") == "category"}
    assert {
        "flooding",
        "criminal aliens",
        "reckless gamble",
    } <= asked  # one per technique, the teacher's own too
    assert all(q["passage"]["article"] == LESSON_ID for q in data["quizzes"])


def test_every_quiz_scores_full_on_its_solution_and_less_on_a_wrong_answer(made):
    """Does each generated quiz give 1.0 to its solution and less than 1 to a wrong answer?"""
    quizzes = load_quizzes(LESSON)
    assert quizzes and {q.lesson for q in quizzes} == {LESSON}
    for quiz in quizzes:
        assert quiz.check(quiz.solution()).score == 1.0, quiz.id
        assert quiz.check(_wrong_answer(quiz)).score < 1.0, quiz.id


def test_the_kits_own_quizzes_come_first_and_unchanged(made):
    """Does load_quizzes() still give the kit's quizzes first, in file order, with the teacher's after them?"""
    everything = load_quizzes()
    teacher = [q for q in everything if q.lesson == LESSON]
    assert everything[-len(teacher) :] == teacher
    assert not any(q.lesson.startswith("T-") for q in everything[: -len(teacher)])


def test_the_notebook_is_valid_and_calls_only_its_own_quizzes(made):
    """Is the notebook valid nbformat 4, without outputs, showing exactly its lesson's quizzes and a reflection?"""
    notebook = nbformat.read(made / f"{LESSON}.ipynb", as_version=4)
    nbformat.validate(notebook)
    code = [c.source for c in notebook.cells if c.cell_type == "code"]
    shown = [line.split('"')[1] for line in code if line.startswith("widgets.show(")]
    assert shown == [q.id for q in load_quizzes(LESSON)]
    assert any("show_response" in c for c in code) and any("show_export" in c for c in code)


def test_the_generated_lesson_runs_headless_and_saves_progress(made, tmp_path):
    """Does the lesson run in a fresh kernel, give full marks to every quiz it shows, and save them?"""
    path = made / f"{LESSON}.ipynb"
    notebook = nbformat.read(path, as_version=4)
    assert all(c.get("outputs", []) == [] for c in notebook.cells)
    notebook.cells.append(nbformat.v4.new_code_cell(ANSWER_EVERY_QUIZ))
    NotebookClient(
        notebook, timeout=180, kernel_name="python3", resources={"metadata": {"path": str(made)}}
    ).execute()
    printed = "".join(o.get("text", "") for o in notebook.cells[-1].outputs if o.output_type == "stream")
    answers = json.loads(printed.strip().splitlines()[-1])
    assert {quiz_id for quiz_id, _ in answers} == {q.id for q in load_quizzes(LESSON)}
    assert all("Full marks" in feedback for _, feedback in answers)
    store = ProgressStore(tmp_path / "progress.sqlite")
    for quiz_id, _ in answers:
        entry = store.entry(quiz_id)
        assert entry["lesson"] == LESSON and entry["score"] == 1.0


def test_the_article_is_shown_with_its_provenance(made):
    """Does show_article find the teacher's article by id, with who chose it, escaped?"""
    page = str(article_html(LESSON_ID))
    assert "County Votes to End Jail Agreement With ICE" in page and "Chosen by Ms. Rivera (test)" in page
    assert "Part of the article" in str(article_html(LESSON_ID, 1, 2))


def test_record_text_is_escaped_in_the_notebook():
    """Is a title or name with HTML or Markdown shown as text, never as markup, in the notebook?"""
    record = {
        "id": "x",
        "lesson": "T-X",
        "title": "<script>alert(1)</script> **bold** [link](javascript:alert(1))",
        "annotator": "<img src=x onerror=alert(1)>",
        "date": "2026-01-01",
        "status": "reviewed",
        "source": {"name": "the pasted text", "kind": "text", "url": None},
    }
    cells = "".join("".join(c["source"]) for c in lesson_notebook(record, [])["cells"])
    assert "<script>" not in cells and "<img" not in cells and "](javascript" not in cells
    assert "&lt;script&gt;" in cells


def test_an_id_that_is_not_an_id_never_reaches_a_code_cell():
    """Is a quiz id that could break out of its string refused, rather than written into code?"""
    record = {
        "id": "x",
        "lesson": "T-X",
        "title": "t",
        "annotator": "a",
        "date": "2026-01-01",
        "status": "draft",
    }
    with pytest.raises(AuthoringError, match="not a valid id"):
        lesson_notebook(record, [{"id": 'x");import os;("', "kind": "choice"}])


def test_a_hand_edited_key_stops_make_lesson(teacher_root):
    """Does make-lesson refuse a key whose offsets were edited, with the reason and exit code 2?"""
    folder = saved_lesson(teacher_root)
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    key["loaded"][0]["end"] += 3
    (folder / "key.json").write_text(json.dumps(key), encoding="utf-8")
    with pytest.raises(AuthoringError, match="does not match the article"):
        make_lesson(folder)
    assert main(["make-lesson", str(folder / "key.json")]) == 2
    assert not (folder / "quizzes.yaml").exists()


def test_a_broken_teacher_lesson_never_breaks_the_kits_quizzes(made):
    """Is an installed lesson that cannot be read left out with a warning, the kit's quizzes still loading?"""
    (made / "quizzes.yaml").write_text("lesson: T-County-Jail-Vote\nquizzes: []\n", encoding="utf-8")
    reload_quizzes()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        quizzes = load_quizzes()
    assert quizzes and not load_quizzes(LESSON)
    assert any("left out" in str(w.message) for w in caught)


def test_dollar_signs_in_a_headline_stay_text_not_maths():
    """Is a "$" in a teacher's headline escaped, so Jupyter shows "$5 million" rather than starting maths?"""
    from medialit.authoring.lesson import _md

    shown = _md("City pays $5 million as ICE gets $2 billion <b>")
    assert shown.count("\\$") == 2 and "&lt;b&gt;" in shown
