"""Has a quiz been answered? The kernel-wide news of quizzes checked or revealed, and the saved record.

Content held back by ``reveal_after`` waits on this module: a quiz widget calls :func:`announce` when a
student checks an answer or shows the answer key's answer, and every listener for that quiz id runs. No
ipywidgets here; listeners are plain callables held weakly, so a re-run cell's old view is simply dropped.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Mapping
from typing import Any

#: How a quiz came to be answered: an answer was checked, or the answer key's answer was shown.
CHECKED, REVEALED = "checked", "revealed"

#: The line shown where held-back content will appear.
WAITING = "Answer the quiz above first; this appears when you check it."

_answered: dict[str, str] = {}  # quiz id -> how, for quizzes answered in this kernel
_listeners: dict[str, list[weakref.ref[Any]]] = {}


def quiz_answered(entry: Mapping[str, Any] | None, revealed: bool = False) -> bool:
    """Does a progress-store entry (``ProgressStore.entry``) show a checked attempt, or a revealed answer?

    An entry counts if it has attempts, a saved answer, or ``revealed`` set (the SQLite store's entries
    carry it); ``revealed`` is the store's own ``revealed(quiz_id)`` where it has one.
    """
    if revealed:
        return True
    if not entry:
        return False
    return bool(entry.get("attempts")) or entry.get("answer") is not None or bool(entry.get("revealed"))


def stored_answer(store: Any, quiz_id: str) -> bool:
    """Has ``store`` (a ProgressStore, or None) a checked attempt or a reveal for ``quiz_id``?

    Stores without ``revealed`` (the JSON store) are asked for the entry only; a store that fails to read
    counts as "not answered", so content stays hidden rather than the lesson breaking.
    """
    if store is None:
        return False
    try:
        revealed = getattr(store, "revealed", None)
        return quiz_answered(store.entry(quiz_id), bool(revealed(quiz_id)) if callable(revealed) else False)
    except Exception:  # a damaged or unreadable store: keep the content hidden, never fail the lesson
        return False


def answered_here(quiz_id: str) -> str | None:
    """How ``quiz_id`` was answered in this kernel (CHECKED or REVEALED), or None."""
    return _answered.get(quiz_id)


def _ref(callback: Callable[[str, str], None]) -> weakref.ref[Any]:
    return weakref.WeakMethod(callback) if hasattr(callback, "__self__") else weakref.ref(callback)


def on_answered(quiz_id: str, callback: Callable[[str, str], None]) -> None:
    """Call ``callback(quiz_id, how)`` once, when ``quiz_id`` is next answered in this kernel (held weakly)."""
    _listeners.setdefault(quiz_id, []).append(_ref(callback))


def announce(quiz_id: str, how: str = CHECKED) -> None:
    """Note that ``quiz_id`` was answered (``how``: CHECKED or REVEALED) and tell its listeners.

    A listener that raises is dropped and the others still run; the quiz itself never fails because of one.
    """
    _answered.setdefault(quiz_id, how)
    for ref in _listeners.pop(quiz_id, []):
        callback = ref()
        if callback is None:
            continue
        try:
            callback(quiz_id, how)
        except Exception:
            continue


def forget() -> None:
    """Clear what this kernel knows (for tests, and a lesson's "start again")."""
    _answered.clear()
    _listeners.clear()
