"""Reading grade of English text (Flesch–Kincaid), offline, with syllables from pyphen's bundled dictionary."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import pyphen

from .text import sentence_spans

#: Letters with inner apostrophes or hyphens ("don't", "self-deport"); numbers and symbols are not words here.
_WORD = re.compile(r"[^\W\d_]+(?:['\u2019\-][^\W\d_]+)*")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
#: A final e that is not sounded: "make", "makes", "moved" (but not "table", "wanted", "buses").
_SILENT_ENDING = re.compile(r"(?:[^aeiouyl]e|[^aeiouytd]ed|[^aeiouyszxgc]es|[^aeiouysc]hes)$")


@lru_cache(maxsize=1)
def _hyphenator() -> pyphen.Pyphen:
    # en_US ships inside the pyphen wheel (LibreOffice's hyphenation patterns): no download, ever.
    return pyphen.Pyphen(lang="en_US")


def words(text: str) -> list[str]:
    """The words of ``text`` that a reading formula counts: runs of letters, with inner ' or -.

    Numbers, symbols and punctuation are not words here, so "11,754 people" is one word.
    """
    return _WORD.findall(text)


@lru_cache(maxsize=4096)
def syllables(word: str) -> int:
    """Syllables in one word: pyphen's hyphenation points plus one, for each hyphen-joined part.

    Hyphenation patterns never split off one or two letters at a word's ends, so
    they leave most short words whole; for a part they leave whole, a count of
    vowel groups (less a silent final "e", "es" or "ed") is used when it is larger.
    Long words like "every" can still come out one short. Always ≥ 1.
    """
    return max(1, sum(_part_syllables(part) for part in word.lower().split("-") if part))


def _part_syllables(part: str) -> int:
    by_pattern = len(_hyphenator().positions(part)) + 1
    if by_pattern > 1:
        return by_pattern
    groups = len(_VOWEL_GROUP.findall(part))
    if groups > 1 and _SILENT_ENDING.search(part):
        groups -= 1
    return max(1, groups)


def sentence_count(text: str) -> int:
    """Sentences in ``text`` as the kit's own splitter finds them (at least 1 for any text with a word)."""
    return max(1, len(sentence_spans(text)))


def flesch_kincaid_grade(text: str) -> float:
    """The Flesch–Kincaid grade level of ``text``: roughly the US school grade that reads it easily.

    ``0.39 × words/sentence + 11.8 × syllables/word − 15.59`` (Kincaid, Fishburne, Rogers and
    Chissom, 1975, Research Branch Report 8-75, Naval Technical Training Command). Words are
    :func:`words`, sentences :func:`sentence_count`, syllables :func:`syllables`. The grade can
    be below 0 for very short, plain text.

    Raises ``ValueError`` if ``text`` has no words.
    """
    found = words(text)
    if not found:
        raise ValueError("the text has no words to measure")
    per_sentence = len(found) / sentence_count(text)
    per_word = sum(syllables(w) for w in found) / len(found)
    return 0.39 * per_sentence + 11.8 * per_word - 15.59


@dataclass(frozen=True)
class GradeSummary:
    """How hard a set of texts is to read: how many, the median and the 90th-percentile grade."""

    count: int
    median: float
    p90: float


def summarize(grades: Iterable[float]) -> GradeSummary:
    """Median and 90th percentile (inclusive method, as a spreadsheet's PERCENTILE) of ``grades``.

    Raises ``ValueError`` if there are none.
    """
    values = sorted(grades)
    if not values:
        raise ValueError("no grades to summarize")
    p90 = statistics.quantiles(values, n=10, method="inclusive")[-1] if len(values) > 1 else values[0]
    return GradeSummary(count=len(values), median=statistics.median(values), p90=p90)


@dataclass(frozen=True)
class StudentText:
    """One piece of explaining text a student can read, and where it lives.

    ``where`` is a path under ``datasets/`` and a place in the file, e.g.
    ``"annotations/oig-release-report.json loaded/3"`` or ``"quizzes/01-Loaded-Words.yaml l01-flood-category"``;
    ``field`` is ``reason``, ``explanation`` or ``hint``.
    """

    where: str
    field: str
    text: str


def student_texts() -> list[StudentText]:
    """Every reason, explanation and hint a student can see, from every answer key and quiz file.

    Reads ``datasets/annotations/*.json`` (the ``reason`` of each loaded phrase,
    statistic and sentence that has one) and ``datasets/quizzes/*.yaml`` (each
    quiz's ``explanation`` and ``hint``), each checked against its schema.
    Raises :class:`~medialit.errors.DataFileError` if a file is damaged.
    """
    from .datafiles import datasets_dir, read_json
    from .quiz import load_quizzes

    found: list[StudentText] = []
    for path in sorted((datasets_dir() / "annotations").glob("*.json")):
        key = read_json(path, "spans.schema.json", "answer_key")
        for kind in ("loaded", "statistics", "sentences"):
            for n, item in enumerate(key.get(kind, [])):
                if item.get("reason"):
                    found.append(StudentText(f"annotations/{path.name} {kind}/{n}", "reason", item["reason"]))
    for quiz in load_quizzes():
        where = f"quizzes/{quiz.lesson}.yaml {quiz.id}"
        found.append(StudentText(where, "explanation", quiz.explanation))
        found.append(StudentText(where, "hint", quiz.hint))
    return found
