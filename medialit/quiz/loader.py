"""Read the quiz files (datasets/quizzes/*.yaml), check them against the schema, and build Quiz objects."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .. import corpus
from ..datafiles import datasets_dir, read_yaml
from ..errors import DataFileError, MedialitError
from ..text import word_spans
from .model import Passage, Quiz
from .scoring import QuizDataError, validate


@lru_cache(maxsize=32)
def _article_words(article_id: str) -> tuple:
    return tuple(w for w in word_spans(corpus.load(article_id).text) if any(ch.isalnum() for ch in w.text))


def build_passage(article_id: str, first: int, last: int) -> Passage:
    """Sentences first..last (inclusive) of an article's answer key, with the key items inside them."""
    key = corpus.annotations(article_id)
    if not 0 <= first <= last < len(key.sentences):
        raise QuizDataError(
            f"sentences {first}..{last} are outside {article_id}'s {len(key.sentences)} sentences"
        )
    start, end = key.sentences[first].start, key.sentences[last].end
    text = corpus.load(article_id).text

    def within(spans):
        return tuple(s for s in spans if start <= s.start and s.end <= end)

    return Passage(
        article_id=article_id,
        start=start,
        end=end,
        text=text[start:end],
        sentences=tuple(key.sentences[first : last + 1]),
        loaded=within(key.loaded),
        statistics=within(key.statistics),
        words=within(_article_words(article_id)),
    )


def read_quiz_file(path: Path) -> list[Quiz]:
    """The quizzes of one lesson file, or DataFileError naming the file, the quiz and the field."""
    data = read_yaml(path, "quiz.schema.json")
    quizzes = []
    for n, spec in enumerate(data["quizzes"]):
        where = f"{path}, quiz {n} ({spec['id']})"
        try:
            first, last = spec["passage"]["sentences"]
            quiz = Quiz(
                id=spec["id"],
                lesson=data["lesson"],
                kind=spec["kind"],
                prompt=spec["prompt"],
                hint=spec["hint"],
                explanation=spec["explanation"],
                passage=build_passage(spec["passage"]["article"], first, last),
                spec=spec,
            )
            validate(quiz)
        except (QuizDataError, MedialitError) as exc:
            raise DataFileError(f"{where}: {exc}") from None
        quizzes.append(quiz)
    return quizzes


@lru_cache(maxsize=1)
def _all_quizzes() -> tuple[Quiz, ...]:
    quizzes: list[Quiz] = []
    seen: dict[str, Path] = {}
    for path in sorted((datasets_dir() / "quizzes").glob("*.yaml")):
        for quiz in read_quiz_file(path):
            if quiz.id in seen:
                raise DataFileError(f"{path}: quiz id {quiz.id!r} is already used in {seen[quiz.id]}")
            seen[quiz.id] = path
            quizzes.append(quiz)
    return tuple(quizzes)


def load_quizzes(lesson: str | None = None) -> list[Quiz]:
    """Every quiz (or one lesson's), in file order; each is checked against the schema and the key."""
    return [q for q in _all_quizzes() if lesson is None or q.lesson == lesson]


def get_quiz(quiz_id: str) -> Quiz:
    """One quiz by id, or a clear error listing what exists."""
    for quiz in _all_quizzes():
        if quiz.id == quiz_id:
            return quiz
    raise MedialitError(f"no quiz with id {quiz_id!r}; known: {', '.join(q.id for q in _all_quizzes())}")
