"""Which side each text leans, which techniques each quiz teaches, and how densely texts use loaded words."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from . import corpus
from .quiz.model import Quiz
from .quiz.scoring import about_item
from .schema import ArticleInfo, LoadedSpan, SentenceSpan, StatisticSpan
from .text import word_count

#: The sides a text can lean, named the same way for both: a real article by its outlet's AllSides
#: rating, a team-written passage by its ``slant`` in datasets/contrast.json.
SIDES: tuple[str, ...] = ("left", "center", "right", "unrated")
SIDE_NAMES: dict[str, str] = {
    "left": "left-rated outlet, or favours less enforcement",
    "center": "center-rated outlet, or neutral",
    "right": "right-rated outlet, or favours stricter enforcement",
    "unrated": "outlet not rated",
}
SIDE_OF_RATING: dict[str | None, str] = {
    "left": "left",
    "lean-left": "left",
    "center": "center",
    "lean-right": "right",
    "right": "right",
    None: "unrated",
}
SIDE_OF_SLANT: dict[str, str] = {
    "favours-less-enforcement": "left",
    "left": "left",
    "neutral": "center",
    "none": "center",
    "favours-stricter-enforcement": "right",
    "right": "right",
}
OPINION_AS_NEWS = "opinion-as-news"


def side(doc_id: str) -> str:
    """The side a registered article or contrast passage leans, one of :data:`SIDES`.

    Raises :class:`~medialit.errors.UnknownArticleError` for an id that is not registered.
    """
    info = corpus.load(doc_id).info
    if isinstance(info, ArticleInfo):
        return SIDE_OF_RATING[info.rating.value if info.rating else None]
    return SIDE_OF_SLANT[info.slant]


def is_invented(doc_id: str) -> bool:
    """Is this a passage the team wrote for teaching (not a real article)?"""
    return not isinstance(corpus.load(doc_id).info, ArticleInfo)


def quiz_techniques(quiz: Quiz) -> set[str]:
    """What a quiz asks a student to recognise: loaded categories, sourcing classes, or opinion-as-news.

    Read from the answer-key items the quiz asks about: for a question on one
    item, that item; for a highlight or multi question on loaded words, the
    categories of the items a student must find (those not marked
    ``acceptable``, or all of them if every one is); for statistics, the
    sourcing class of each number; for sentence labels, ``opinion-as-news``
    when a sentence asked about is (or may be) the writer's own opinion.
    """
    kind, spec, passage = quiz.kind, quiz.spec, quiz.passage
    if kind in ("choice", "numeric", "rewrite") and "about" in spec:
        items: list = [about_item(quiz)]
        if isinstance(items[0], SentenceSpan) and kind == "rewrite":
            items = [s for s in passage.loaded if items[0].start <= s.start and s.end <= items[0].end]
    elif kind == "label-sentences":
        items = list(passage.sentences)
    elif kind == "source-the-number":
        items = list(passage.statistics)
    else:
        items = list(passage.key_spans(spec.get("target", "loaded")))
        if kind == "multi":
            items = [s for s in items if any(_overlaps(s, passage, option) for option in spec["options"])]
        if items and spec.get("target", "loaded") == "loaded":
            items = [s for s in items if not s.acceptable] or items
    return set().union(*(_techniques(item) for item in items)) if items else set()


def _overlaps(item: LoadedSpan | StatisticSpan, passage, option: str) -> bool:
    at = passage.text.find(option)
    start = passage.start + at
    return at >= 0 and item.start < start + len(option) and start < item.end


def _techniques(item: LoadedSpan | StatisticSpan | SentenceSpan) -> set[str]:
    if isinstance(item, LoadedSpan):
        return {item.category}
    if isinstance(item, StatisticSpan):
        return {item.sourcing}
    return {OPINION_AS_NEWS} if "writer-opinion" in {item.label, *item.also_acceptable} else set()


@dataclass(frozen=True)
class Density:
    """Clear-cut loaded items (not marked ``acceptable``) over a set of texts, and per 100 words."""

    items: int
    words: int

    @property
    def per_100_words(self) -> float:
        """Items per 100 words (0.0 for no words)."""
        return 100 * self.items / self.words if self.words else 0.0


def clear_cut_density(doc_ids: Iterable[str]) -> Density:
    """Pooled density of clear-cut loaded items (every speaker) over registered texts with a key.

    Words are counted by :func:`medialit.text.word_count`, over the whole text, headline included.
    """
    items = words = 0
    for doc_id in doc_ids:
        items += sum(1 for span in corpus.annotations(doc_id).loaded if not span.acceptable)
        words += word_count(corpus.load(doc_id).text)
    return Density(items, words)
