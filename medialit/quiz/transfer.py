"""The pre/post transfer task: quizzes given twice on one unseen passage, and the two attempts compared in words."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .model import Quiz
from .scoring import QuizDataError

__all__ = [
    "PHASES",
    "PRE_SAVED",
    "comparison",
    "partner_id",
    "phase",
    "tally",
    "validate_transfer",
]

#: The two attempts: ``pre`` (a measurement: the score is saved, nothing is revealed) and ``post`` (full
#: feedback, then the two attempts side by side). A quiz's ``transfer`` field names one; its id starts
#: ``t-<phase>-``.
PHASES: tuple[str, ...] = ("pre", "post")
#: What a student sees after answering a pre-test quiz: no score, no answer, no explanation.
PRE_SAVED = (
    "Saved. You will see this passage again at the end of the course. Nothing is marked now: this shows "
    "where you are starting from."
)
#: What the count in :func:`tally` counts, per quiz kind (plural; "of 9 loaded words").
_NOUNS = {
    ("highlight", "loaded"): "loaded words or phrases",
    ("highlight", "statistics"): "numbers",
    ("source-the-number", None): "numbers sourced right",
    ("label-sentences", None): "sentences labelled right",
}


def phase(quiz: Quiz) -> str | None:
    """``"pre"``, ``"post"``, or None for a quiz that is not part of the transfer task."""
    return quiz.spec.get("transfer")


def partner_id(quiz: Quiz) -> str:
    """The id of the other attempt of a transfer quiz: ``t-pre-x`` for ``t-post-x`` and the other way round.

    Raises QuizDataError for a quiz that is not part of the transfer task.
    """
    mine = phase(quiz)
    if mine is None:
        raise QuizDataError(f"{quiz.id}: not a transfer quiz (it has no 'transfer' field)")
    other = "post" if mine == "pre" else "pre"
    return f"t-{other}-{quiz.id.removeprefix(f't-{mine}-')}"


def _noun(quiz: Quiz) -> str:
    return _NOUNS[(quiz.kind, quiz.spec.get("target") if quiz.kind == "highlight" else None)]


def tally(quiz: Quiz, answer: Any, debatable: bool | None = None) -> tuple[int, int]:
    """(how many the answer got, out of how many) for a highlight, source-the-number or label-sentences answer.

    Highlight: the key's items in the passage that the selection touches, out of all of them; with
    ``debatable`` True or False, only the ``acceptable`` or only the clear-cut items (the score counts only
    the clear-cut ones). Extra selections lower the score, not this count. The other kinds: items answered
    right, out of all items. An answer that cannot be read counts 0.
    """
    if quiz.kind == "highlight":
        spans = [
            s
            for s in quiz.passage.key_spans(quiz.spec["target"])
            if debatable is None or bool(getattr(s, "acceptable", False)) == debatable
        ]
        words = quiz.passage.words
        try:
            chosen = [words[i] for i in {int(i) for i in (answer or [])} if 0 <= i < len(words)]
        except (TypeError, ValueError):
            chosen = []
        return sum(any(w.start < s.end and s.start < w.end for w in chosen) for s in spans), len(spans)
    result = quiz.check(answer)
    return sum(item.status == "right" for item in result.items), len(quiz.check(quiz.solution()).items)


def _counts(quiz: Quiz, answer: Any) -> list[tuple[int, int]]:
    """The counts the comparison gives: highlight splits clear-cut and debatable items when it has both."""
    if quiz.kind == "highlight":
        split = [tally(quiz, answer, debatable=False), tally(quiz, answer, debatable=True)]
        if all(total for _, total in split):
            return split
    return [tally(quiz, answer)]


def comparison(quiz: Quiz, before: Any, now: Any) -> str:
    """The two attempts in words, counted against today's key.

    "At the start: 2 of 4 numbers sourced right. Now: 4 of 4." A highlight passage with both clear-cut and
    debatable items gives both counts: "At the start: 0 of 1 clear-cut loaded words or phrases, and 1 of 8
    debatable ones. Now: 1 of 1, and 5 of 8." ``before`` is the saved pre-test answer (None if there is
    none), ``now`` the post-test answer; both are about the same passage and kind.
    """
    now_counts = _counts(quiz, now)
    noun = _noun(quiz)

    def said(counts: list[tuple[int, int]], words: bool) -> str:
        if len(counts) == 1:
            got, total = counts[0]
            return f"{got} of {total}" + (f" {noun}" if words else "")
        (clear, clear_total), (more, more_total) = counts
        if words:
            return f"{clear} of {clear_total} clear-cut {noun}, and {more} of {more_total} debatable ones"
        return f"{clear} of {clear_total}, and {more} of {more_total}"

    if before is None:
        return (
            f"Now: {said(now_counts, True)}. There is no saved answer from the start of the course to compare "
            "with (it may have been given on another computer or under another name)."
        )
    return f"At the start: {said(_counts(quiz, before), True)}. Now: {said(now_counts, False)}."


def validate_transfer(quizzes: Iterable[Quiz], held_out: set[str]) -> None:
    """Raise QuizDataError unless the transfer quizzes pair up and only they use a held-out article.

    Rules: a transfer quiz's id starts ``t-pre-`` or ``t-post-`` as its ``transfer`` field says; it is a
    highlight, source-the-number or label-sentences quiz on a held-out article; every post-test has a
    pre-test of the same kind, target and passage, and the other way round; and no other quiz points at a
    held-out article (``held_out`` holds their ids).
    """
    quizzes = list(quizzes)
    by_id = {quiz.id: quiz for quiz in quizzes}
    for quiz in quizzes:
        mine = phase(quiz)
        article = quiz.passage.article_id
        if mine is None:
            if article in held_out:
                raise QuizDataError(
                    f"{quiz.id}: {article} is held out for the transfer task; only t-pre-/t-post- quizzes "
                    "may use it"
                )
            continue
        if not quiz.id.startswith(f"t-{mine}-"):
            raise QuizDataError(f"{quiz.id}: a transfer: {mine} quiz needs an id starting 't-{mine}-'")
        if (quiz.kind, quiz.spec.get("target") if quiz.kind == "highlight" else None) not in _NOUNS:
            raise QuizDataError(
                f"{quiz.id}: the transfer task uses highlight, source-the-number or label-sentences"
            )
        if article not in held_out:
            raise QuizDataError(
                f"{quiz.id}: a transfer quiz needs an unseen (held-out) article, not {article}"
            )
        other = by_id.get(partner_id(quiz))
        if other is None or phase(other) == mine:
            raise QuizDataError(f"{quiz.id}: its other attempt {partner_id(quiz)!r} is missing")
        same = ("kind", "target")
        if (
            any(quiz.spec.get(f) != other.spec.get(f) for f in same)
            or quiz.spec["passage"] != other.spec["passage"]
        ):
            raise QuizDataError(f"{quiz.id}: {other.id} must ask the same question about the same passage")
