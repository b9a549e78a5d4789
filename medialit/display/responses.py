"""Free-text answers (worksheet answers, reflections): which lesson they belong to, saving and reading them.

The store is a ``medialit.progress.ProgressStore``; written answers need its ``save_response`` and
``response`` methods (the SQLite store has them). With an older store the text stays in the box and the
student is told it could not be saved.
"""

from __future__ import annotations

import re
from typing import Any

from ..quiz import load_quizzes

_NUMBERED = re.compile(r"^[a-z]+(\d\d)-")


def lesson_for(response_id: str) -> str | None:
    """The lesson a response id belongs to by its number ("l06-who-is-behind" → "06-Lateral-Reading"), or None.

    The number is matched against the lessons that have quizzes (``load_quizzes``).
    """
    match = _NUMBERED.match(response_id)
    if not match:
        return None
    lessons = sorted({q.lesson for q in load_quizzes()})
    return next((lesson for lesson in lessons if lesson.startswith(match.group(1) + "-")), None)


def saved_text(store: Any, response_id: str) -> str:
    """The latest text saved under ``response_id``, or "" (also when the store cannot hold written answers)."""
    read = getattr(store, "response", None)
    if not callable(read):
        return ""
    try:
        saved = read(response_id)
    except Exception:  # an unreadable store: the student starts with an empty box, nothing is lost
        return ""
    return str(saved.get("text", "")) if saved else ""


def save_text(store: Any, response_id: str, lesson: str, text: str, prompt: str | None) -> tuple[bool, str]:
    """Save ``text``; returns (saved?, a sentence for the student). Never raises: problems become the sentence."""
    if not text.strip():
        return False, "There is nothing to save yet: write your answer in the box first."
    save = getattr(store, "save_response", None)
    if not callable(save):
        return False, (
            "This copy of the kit cannot save written answers yet. Copy your answer somewhere safe "
            "(it stays in the box until the lesson closes)."
        )
    try:
        save(response_id, lesson, text, prompt)
    except Exception as exc:
        return False, f"Your answer could not be saved ({exc}). It is still in the box; try Save again."
    return True, "Saved. Your teacher will see it in your results file."
