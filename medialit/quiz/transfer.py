"""The pre/post transfer task: quizzes given twice on one unseen passage, and the two attempts compared in words."""

from __future__ import annotations

from collections.abc import Iterable

from .model import Quiz, Result
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


def tally(quiz: Quiz, result: Result) -> tuple[int, int]:
    """(how many the answer got, out of how many) for a highlight, source-the-number or label-sentences result.

    Highlight: key items found, out of the clear-cut items (``acceptable`` ones are not counted, as in the
    score). The others: items answered right, out of all items. Wrong extra selections lower the score but
    not this count; the score says the rest.
    """
    if quiz.kind == "highlight":
        found = sum(item.status == "found" for item in result.items)
        return found, found + sum(item.status == "missed" for item in result.items)
    right = sum(item.status == "right" for item in result.items)
    return right, len(result.items)


def comparison(quiz: Quiz, before: Result | None, now: Result) -> str:
    """The two attempts in words: "At the start: 3 of 9 loaded words or phrases. Now: 7 of 9."

    ``before`` is the pre-test result re-checked against today's key (None if there is no saved pre-test
    answer); ``now`` is the post-test result. Both are about the same passage and kind.
    """
    got, total = tally(quiz, now)
    if before is None or before.empty:
        return (
            f"Now: {got} of {total} {_noun(quiz)}. There is no saved answer from the start of the course to "
            "compare with (it may have been given on another computer or under another name)."
        )
    was, _ = tally(quiz, before)
    return f"At the start: {was} of {total} {_noun(quiz)}. Now: {got} of {total}."


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
