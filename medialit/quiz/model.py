"""The quiz model: a passage of an article, a question about it, and the result of checking an answer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..schema import LoadedSpan, SentenceSpan, StatisticSpan
from ..text import TextSpan

KINDS: tuple[str, ...] = (
    "choice",
    "multi",
    "highlight",
    "label-sentences",
    "source-the-number",
    "numeric",
    "rewrite",
)

RIGHT = "✓"
WRONG = "✗"
PARTLY = "◐"


@dataclass(frozen=True)
class Passage:
    """Sentences ``first..last`` of an article, with the answer-key items that lie inside them.

    Offsets (``start``, ``end`` and every span's) are into the whole article text.
    """

    article_id: str
    start: int
    end: int
    text: str
    sentences: tuple[SentenceSpan, ...]
    loaded: tuple[LoadedSpan, ...]
    statistics: tuple[StatisticSpan, ...]
    words: tuple[TextSpan, ...]  # the clickable words of a highlight question

    def key_spans(self, target: str) -> tuple[LoadedSpan, ...] | tuple[StatisticSpan, ...]:
        """The key's loaded phrases or statistics in this passage."""
        return self.loaded if target == "loaded" else self.statistics


@dataclass(frozen=True)
class ItemResult:
    """How one part of an answer fared, with the key's reason."""

    text: str
    status: str  # found, missed, extra, right, wrong, neutral, remains, dropped
    reason: str = ""


@dataclass(frozen=True)
class Result:
    """The outcome of checking one answer: a score in [0, 1], whether it is fully right, and feedback."""

    score: float
    correct: bool
    feedback: str
    items: tuple[ItemResult, ...] = ()
    empty: bool = False  # nothing was answered: not counted as an attempt

    @property
    def icon(self) -> str:
        """A symbol for the result, shown beside words so colour is never the only signal."""
        return RIGHT if self.correct else (PARTLY if self.score > 0 else WRONG)


@dataclass(frozen=True)
class Quiz:
    """One question: where it points in the text, what it asks, and (looked up from the key) its answer.

    ``check(answer)`` scores an answer; ``solution()`` gives an answer that
    scores 1.0. The answer's type depends on ``kind``:

    - choice: a str; multi: a list of the offered phrases;
    - highlight: a list of indices into ``passage.words``;
    - label-sentences and source-the-number: a list with one label per sentence or statistic;
    - numeric: a number (or a string holding one); rewrite: a str.
    """

    id: str
    lesson: str
    kind: str
    prompt: str
    hint: str
    explanation: str
    passage: Passage
    spec: dict[str, Any] = field(repr=False)

    def check(self, answer: Any):
        """Score ``answer`` against the answer key: a :class:`Result`, never an exception."""
        from .scoring import check

        return check(self, answer)

    def solution(self) -> Any:
        """An answer that earns full credit, built from the answer key."""
        from .scoring import solution

        return solution(self)

    @property
    def options(self) -> tuple[str, ...]:
        """The choices offered by a choice or multi question (empty for other kinds)."""
        from .scoring import options

        return options(self)
