"""Read the quiz files (datasets/quizzes/*.yaml, then teachers' lessons), check them, and build Quiz objects."""

from __future__ import annotations

import warnings
from functools import lru_cache
from pathlib import Path

from .. import corpus
from ..datafiles import datasets_dir, read_yaml
from ..errors import DataFileError, MedialitError
from ..schema import SpanSet
from ..text import word_spans
from .model import Passage, Quiz
from .scoring import QuizDataError, validate
from .transfer import validate_transfer


@lru_cache(maxsize=32)
def _words(text: str) -> tuple:
    return tuple(w for w in word_spans(text) if any(ch.isalnum() for ch in w.text))


def build_passage(
    article_id: str, first: int, last: int, document: tuple[str, SpanSet] | None = None
) -> Passage:
    """Sentences first..last (inclusive) of an article's answer key, with the key items inside them.

    ``document`` is (text, key) for an article outside the kit's corpus (a teacher's lesson); by default
    both are looked up in the corpus by ``article_id``.
    """
    text, key = document or (corpus.load(article_id).text, corpus.annotations(article_id))
    if not 0 <= first <= last < len(key.sentences):
        raise QuizDataError(
            f"sentences {first}..{last} are outside {article_id}'s {len(key.sentences)} sentences"
        )
    start, end = key.sentences[first].start, key.sentences[last].end

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
        words=within(_words(text)),
    )


def read_quiz_file(path: Path, document: tuple[str, str, SpanSet] | None = None) -> list[Quiz]:
    """The quizzes of one lesson file, or DataFileError naming the file, the quiz and the field.

    ``document`` is (article id, text, key) for a teacher's lesson: its quizzes may only point at that article.
    """
    data = read_yaml(path, "quiz.schema.json")
    quizzes = []
    for n, spec in enumerate(data["quizzes"]):
        where = f"{path}, quiz {n} ({spec['id']})"
        try:
            first, last = spec["passage"]["sentences"]
            article = spec["passage"]["article"]
            if document is not None and article != document[0]:
                raise QuizDataError(
                    f"a teacher's quiz can only use its own article {document[0]!r}, not {article!r}"
                )
            quiz = Quiz(
                id=spec["id"],
                lesson=data["lesson"],
                kind=spec["kind"],
                prompt=spec["prompt"],
                hint=spec["hint"],
                explanation=spec["explanation"],
                passage=build_passage(article, first, last, document[1:] if document else None),
                spec=spec,
            )
            validate(quiz)
        except (QuizDataError, MedialitError) as exc:
            raise DataFileError(f"{where}: {exc}") from None
        quizzes.append(quiz)
    return quizzes


def read_teacher_quizzes(folder: Path) -> list[Quiz]:
    """The quizzes of one teacher-lesson folder (see medialit.teacher_lessons), checked against its own key.

    Raises DataFileError (or AuthoringError for the folder's record, text or key) naming the problem.
    """
    from ..teacher_lessons import read_lesson_folder

    lesson = read_lesson_folder(folder)
    quizzes = read_quiz_file(lesson.quiz_file, (lesson.id, lesson.text, lesson.key))
    if wrong := {q.lesson for q in quizzes} - {lesson.lesson}:
        raise DataFileError(f"{lesson.quiz_file}: the lesson is {lesson.lesson!r}, not {sorted(wrong)[0]!r}")
    return quizzes


def _teacher_quizzes(seen: dict[str, Path]) -> list[Quiz]:
    """Installed teachers' quizzes; a lesson that cannot be read is left out with a warning, never the kit's."""
    from ..teacher_lessons import installed_lessons

    quizzes: list[Quiz] = []
    for folder in installed_lessons():
        try:
            found = read_teacher_quizzes(folder)
        except (MedialitError, OSError) as exc:
            warnings.warn(f"the teacher's lesson in {folder} was left out: {exc}", stacklevel=3)
            continue
        if clash := [q.id for q in found if q.id in seen]:
            warnings.warn(
                f"the teacher's lesson in {folder} was left out: quiz id {clash[0]!r} is taken", stacklevel=3
            )
            continue
        seen.update({q.id: folder for q in found})
        quizzes.extend(found)
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
    held_out = {info.id for info in corpus.articles(include_held_out=True) if info.held_out}
    try:
        validate_transfer(quizzes, held_out)
    except QuizDataError as exc:
        raise DataFileError(f"{datasets_dir() / 'quizzes'}: {exc}") from None
    return tuple(quizzes + _teacher_quizzes(seen))


def load_quizzes(lesson: str | None = None) -> list[Quiz]:
    """Every quiz (or one lesson's), in file order; each is checked against the schema and the key.

    The kit's lessons come first, then the teachers' lessons installed in teacher-lessons/ (see
    :mod:`medialit.teacher_lessons`), in the order of their ids.
    """
    return [q for q in _all_quizzes() if lesson is None or q.lesson == lesson]


def reload_quizzes() -> None:
    """Forget the quizzes read so far, so that a lesson installed since is found by the next call."""
    _all_quizzes.cache_clear()


def get_quiz(quiz_id: str) -> Quiz:
    """One quiz by id, or a clear error listing what exists."""
    for quiz in _all_quizzes():
        if quiz.id == quiz_id:
            return quiz
    raise MedialitError(f"no quiz with id {quiz_id!r}; known: {', '.join(q.id for q in _all_quizzes())}")
