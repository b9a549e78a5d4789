"""Does content held back by reveal_after appear only once its quiz is checked or its answer shown?"""

from __future__ import annotations

import gc

import ipywidgets
import matplotlib
import pytest

from medialit import widgets as mw
from medialit.display import reveal
from medialit.display.reveal import quiz_answered
from medialit.display.tables import counts_html
from medialit.display.views import reveal_view
from medialit.errors import MedialitError
from medialit.progress import ProgressStore
from medialit.quiz import get_quiz

matplotlib.use("Agg")
QUIZ = "l01-flood-category"


@pytest.fixture(autouse=True)
def fresh_kernel():
    """Each test starts as a fresh kernel: no quiz answered yet."""
    reveal.forget()
    yield
    reveal.forget()


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def _shown(view) -> str:
    return " ".join(str(getattr(c, "value", "")) for c in view.children)


def test_pure_answered_rules():
    """Do attempts, a saved answer or a reveal count as answered, and nothing else?"""
    assert not quiz_answered(None)
    assert not quiz_answered({"attempts": 0, "answer": None})
    assert quiz_answered({"attempts": 1})
    assert quiz_answered({"answer": "metaphor"})
    assert quiz_answered({"attempts": 0, "revealed": True})
    assert quiz_answered(None, revealed=True)


def test_hidden_until_checked(store):
    """Is the content absent until Check is clicked, then shown (Markdown rendered, HTML escaped)?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    view = reveal_view(QUIZ, "The answer: **metaphor** <b>x</b>", counts_html({"quoted": 27}), store=store)
    assert not view.revealed
    assert "metaphor" not in _shown(view) and "Answer the quiz above first" in _shown(view)
    quiz.set_answer(quiz.quiz.solution())
    quiz.check_button.click()
    assert view.revealed
    assert "<strong>metaphor</strong>" in _shown(view) and "&lt;b&gt;x&lt;/b&gt;" in _shown(view)
    assert "quoted" in _shown(view) and "Answer the quiz above first" not in _shown(view)


def test_a_wrong_answer_also_reveals(store):
    """Does a checked wrong answer reveal too (the lesson goes on; the quiz keeps its own feedback)?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    view = reveal_view(QUIZ, "explained", store=store)
    quiz.set_answer(next(o for o in quiz.quiz.options if o != quiz.quiz.solution()))
    quiz.check()
    assert view.revealed


def test_an_empty_check_does_not_reveal(store):
    """Does clicking Check with nothing answered keep the content hidden?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    view = reveal_view(QUIZ, "explained", store=store)
    quiz.check()
    assert not view.revealed


def test_show_answer_reveals():
    """Does "Show answer" reveal the content as well?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ))
    view = reveal_view(QUIZ, "explained", store=None)
    quiz.show_answer_button.disabled = False
    quiz.show_answer_button.click()
    assert view.revealed and "explained" in _shown(view)


def test_other_quizzes_do_not_reveal(store):
    """Does checking a different quiz leave the content hidden?"""
    other = mw.quiz_widget(get_quiz("l01-illegals-category"), store)
    view = reveal_view(QUIZ, "explained", store=store)
    other.set_answer(other.quiz.solution())
    other.check()
    assert not view.revealed


def test_revealed_on_load_from_the_store(store):
    """Does a lesson reopened after the quiz was answered show the content at once?"""
    store.record(QUIZ, "01-Loaded-Words", "metaphor", 1.0, True)
    assert reveal_view(QUIZ, "explained", store=store).revealed


def test_revealed_on_load_from_a_store_that_notes_reveals():
    """Does a store whose ``revealed(quiz_id)`` is true (the SQLite store) reveal at once?"""

    class RevealOnly:
        def entry(self, quiz_id):
            return None

        def revealed(self, quiz_id):
            return quiz_id == QUIZ

    assert reveal_view(QUIZ, "explained", store=RevealOnly()).revealed
    assert not reveal_view("l01-illegals-category", "x", store=RevealOnly()).revealed


def test_a_broken_store_keeps_it_hidden():
    """Does a store that fails to read keep the content hidden instead of breaking the lesson?"""

    class Broken:
        def entry(self, quiz_id):
            raise OSError("disk gone")

    assert not reveal_view(QUIZ, "explained", store=Broken()).revealed


def test_a_rerun_cell_reveals_at_once(store):
    """Is content displayed after the quiz was answered in this kernel shown straight away?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ))
    quiz.set_answer(quiz.quiz.solution())
    quiz.check()
    assert reveal_view(QUIZ, "later", store=None).revealed


def test_every_view_of_the_quiz_reveals_and_dropped_views_are_forgotten(store):
    """Do two views of one quiz both reveal, and does a discarded view not keep listening?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    first, second = reveal_view(QUIZ, "a", store=store), reveal_view(QUIZ, "b", store=store)
    dropped = reveal_view(QUIZ, "c", store=store)
    dropped.close()
    del dropped
    gc.collect()
    quiz.set_answer(quiz.quiz.solution())
    quiz.check()
    assert first.revealed and second.revealed


def test_charts_widgets_and_lazy_functions(store):
    """Are a Figure, an Axes-returning function (called only when revealed) and a widget all shown?"""
    import matplotlib.pyplot as plt

    calls = []

    def chart():
        calls.append(1)
        _, ax = plt.subplots()
        ax.bar(["a", "b"], [1, 2])
        ax.set_title("Labels in the article")
        return ax

    figure, _ = plt.subplots()
    button = ipywidgets.Button(description="a widget")
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    view = reveal_view(QUIZ, figure, chart, button, store=store)
    assert calls == []
    quiz.set_answer(quiz.quiz.solution())
    quiz.check()
    assert calls == [1]
    assert _shown(view).count("data:image/png;base64,") == 2
    assert 'alt="Chart: Labels in the article.' in _shown(view)
    assert button in view.children
    assert plt.get_fignums() == []  # shown figures are closed, so they never appear twice


def test_a_failing_piece_is_reported_in_place(store):
    """Does content that cannot be shown give a message in its place, and the rest still appear?"""
    quiz = mw.quiz_widget(get_quiz(QUIZ), store)
    view = reveal_view(QUIZ, object(), "still here", store=store)
    quiz.set_answer(quiz.quiz.solution())
    quiz.check()
    assert "could not be shown" in _shown(view) and "still here" in _shown(view)


def test_unknown_quiz_id_is_an_error():
    """Is a misspelt quiz id reported when the cell runs, not silently never revealed?"""
    with pytest.raises(MedialitError):
        reveal_view("l01-no-such-quiz", "x")


def test_reexported_from_widgets():
    """Can lessons reach every display helper through medialit.widgets?"""
    for name in ("reveal_after", "show_response", "show_table", "show_counts", "show_article", "show_text"):
        assert callable(getattr(mw, name)) and name in mw.__all__
