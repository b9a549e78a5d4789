"""Progress in words ("2 of 5 answered, both right") instead of a bare percentage that reads like a grade."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any


def progress_words(answered: int, total: int, right: int, partly: int = 0) -> str:
    """How far a learner is through ``total`` quizzes, and how the ``answered`` ones went, in plain words.

    ``right`` have full marks, ``partly`` some marks; the rest of ``answered`` have none yet. Examples:
    "None of 5 answered yet", "2 of 5 answered, both right", "3 of 5 answered: 2 right, 1 partly right",
    "4 of 4 answered, all right". Raises ValueError when the counts do not add up.
    """
    if min(answered, total, right, partly) < 0 or right + partly > answered or answered > total:
        raise ValueError(
            f"counts do not add up: {answered} answered of {total}, {right} right, {partly} partly right"
        )
    if answered == 0:
        return f"None of {total} answered yet"
    head = f"{answered} of {total} answered"
    wrong = answered - right - partly
    if right == answered:
        return head + (", right" if answered == 1 else ", both right" if answered == 2 else ", all right")
    if partly == answered:
        return head + (
            ", partly right"
            if answered == 1
            else ", both partly right"
            if answered == 2
            else ", all partly right"
        )
    if wrong == answered:
        return head + (
            ", not right yet"
            if answered == 1
            else ", neither right yet"
            if answered == 2
            else ", none right yet"
        )
    parts = [
        f"{right} right" if right else "",
        f"{partly} partly right" if partly else "",
        f"{wrong} not right yet" if wrong else "",
    ]
    return f"{head}: " + ", ".join(p for p in parts if p)


def tally(entries: Iterable[Mapping[str, Any]]) -> tuple[int, int, int]:
    """(answered, right, partly right) over progress-store entries, by each quiz's latest check.

    An entry is answered once it has a score; ``correct`` means right, a score above 0 otherwise means partly.
    """
    answered = right = partly = 0
    for entry in entries:
        if entry.get("score") is None:
            continue
        answered += 1
        if entry.get("correct"):
            right += 1
        elif float(entry["score"]) > 0:
            partly += 1
    return answered, right, partly
