"""Quizzes checked against the answer key: load_quizzes(), and each quiz's check() and solution()."""

from __future__ import annotations

from .loader import get_quiz, load_quizzes, reload_quizzes
from .model import KINDS, ItemResult, Passage, Quiz, Result
from .scoring import QuizDataError

__all__ = [
    "KINDS",
    "ItemResult",
    "Passage",
    "Quiz",
    "QuizDataError",
    "Result",
    "get_quiz",
    "load_quizzes",
    "reload_quizzes",
]
