"""Tests for medialit.skiplink: every quiz, of every kind, starts with a skip link."""

from __future__ import annotations

from medialit import widgets as mw
from medialit.progress import ProgressStore
from medialit.quiz import load_quizzes
from medialit.skiplink import SkipLink


def test_every_kind_of_quiz_starts_with_a_skip_link(tmp_path):
    """Does one quiz of each kind open with a SkipLink (and only one), so a keyboard user can pass it by?"""
    store = ProgressStore(tmp_path / "progress.sqlite")
    first_of_kind = {}
    for quiz in load_quizzes():
        first_of_kind.setdefault(quiz.kind, quiz)
    assert {"choice", "highlight", "label-sentences", "source-the-number"} <= set(first_of_kind)
    for kind, quiz in first_of_kind.items():
        root = mw.quiz_widget(quiz, store).root
        assert isinstance(root.children[0], SkipLink), kind
        assert sum(isinstance(child, SkipLink) for child in root.children) == 1, kind
