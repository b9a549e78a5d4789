"""Which quizzes a teacher's key supports: specs for quizzes.yaml, each checked against the key before it is kept."""

from __future__ import annotations

from typing import Any

from ..quiz.loader import build_passage
from ..quiz.model import Quiz
from ..quiz.scoring import QuizDataError, validate
from ..schema import LOADED_CATEGORIES, SpanSet
from ..text import word_count

__all__ = ["MAX_HIGHLIGHTS", "plan_quizzes"]

#: At most this many highlight quizzes (one per passage), so a lesson fits a class period.
MAX_HIGHLIGHTS = 4
_PASSAGE_SENTENCES = 3  # a highlight passage grows, paragraph by paragraph, to at least this many sentences
_PASSAGE_WORDS = 120  # ... and stops before it passes this many words
_LABEL_WINDOW = 6  # label-the-sentences: at most this many sentences
_SOURCE_WINDOW = 8  # source-the-numbers: at most this many sentences
_UNSOURCED = ("anonymous", "vague", "none")

_CATEGORY_WORDS = {
    "emotive-words": "a word chosen to stir feelings",
    "emotive-metaphor": "a picture in words",
    "labeling": "a label for people or things",
    "exaggeration": "making things sound bigger or worse",
    "appeal-to-fear": "making the reader afraid",
    "sarcasm-or-doubt": "mocking or casting doubt",
    "euphemism": "a soft word that hides what happens",
}


def _quiz(spec: dict[str, Any], lesson: str, document: tuple[str, str, SpanSet]) -> Quiz | None:
    """The quiz a spec makes, if the key can answer it and its own solution earns full marks; else None."""
    first, last = spec["passage"]["sentences"]
    try:
        quiz = Quiz(
            id=spec["id"],
            lesson=lesson,
            kind=spec["kind"],
            prompt=spec["prompt"],
            hint=spec["hint"],
            explanation=spec["explanation"],
            passage=build_passage(document[0], first, last, document[1:]),
            spec=spec,
        )
        validate(quiz)
    except (QuizDataError, LookupError):
        return None
    return quiz if quiz.check(quiz.solution()).correct else None


def _paragraphs(text: str, key: SpanSet) -> list[tuple[int, int]]:
    """Runs of the key's sentences (first, last) that share a paragraph: a line break between two ends one."""
    runs: list[list[int]] = []
    for i, sentence in enumerate(key.sentences):
        if runs and "\n" not in text[key.sentences[i - 1].end : sentence.start]:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return [(a, b) for a, b in runs]


def _passages(text: str, key: SpanSet) -> list[tuple[int, int]]:
    """Paragraphs joined until a passage has a few sentences, without growing past a short read."""
    passages: list[tuple[int, int]] = []
    for first, last in _paragraphs(text, key):
        if passages:
            a, b = passages[-1]
            words = word_count(text[key.sentences[a].start : key.sentences[last].end])
            if b - a + 1 < _PASSAGE_SENTENCES and words <= _PASSAGE_WORDS:
                passages[-1] = (a, last)
                continue
        passages.append((first, last))
    return passages


def _sentence_of(key: SpanSet, start: int, end: int) -> int | None:
    return next((i for i, s in enumerate(key.sentences) if s.start <= start and end <= s.end), None)


def _best_window(key: SpanSet, size: int, score) -> tuple[int, int] | None:
    """The window of at most ``size`` sentences with the highest ``score(first, last)`` (> 0), earliest first."""
    best, best_score = None, 0
    n = len(key.sentences)
    for first in range(n):
        last = min(n - 1, first + size - 1)
        value = score(first, last)
        if value > best_score:
            best, best_score = (first, last), value
    return best


def _occurrence(items, chosen) -> int:
    return [i.text for i in items if i.start <= chosen.start].count(chosen.text)


def plan_quizzes(lesson_id: str, lesson: str, text: str, key: SpanSet) -> list[dict[str, Any]]:
    """Quiz specs (quiz.schema.json) for a teacher's lesson, all reading their answers from ``key``.

    In order: a highlight quiz per passage with loaded language (at most :data:`MAX_HIGHLIGHTS`), one
    label-the-sentences, one source-the-numbers, one rewrite, and a choice quiz per technique found (each
    category of loaded language, an unsourced number, a sentence of the writer's opinion). A spec is kept only
    if the key can answer it and its solution earns full marks. Ids are ``t-<lesson_id>-...``.
    """
    document = (lesson_id, text, key)
    specs: list[dict[str, Any]] = []

    def keep(spec: dict[str, Any]) -> bool:
        spec = {"id": f"t-{lesson_id}-{spec.pop('name')}", **spec}
        if _quiz(spec, lesson, document) is None:
            return False
        specs.append(spec)
        return True

    highlights = 0
    for first, last in _passages(text, key):
        if highlights == MAX_HIGHLIGHTS:
            break
        highlights += keep(
            {
                "name": f"highlight-{highlights + 1}",
                "kind": "highlight",
                "prompt": "Click every loaded word or phrase in this part of the article.",
                "passage": {"article": lesson_id, "sentences": [first, last]},
                "target": "loaded",
                "hint": "Look for words that make you feel something, or that label people, before the facts do.",
                "explanation": "Your teacher's answer key marks these words. Each comes with its reason.",
            }
        )

    labels = _best_window(
        key, _LABEL_WINDOW, lambda a, b: len({s.label for s in key.sentences[a : b + 1]}) * 10 + (b - a)
    )
    if labels:
        keep(
            {
                "name": "labels",
                "kind": "label-sentences",
                "prompt": "What kind of statement is each sentence? Choose a label for every one.",
                "passage": {"article": lesson_id, "sentences": list(labels)},
                "hint": "Ask of each sentence: who says so? A fact with a source names one; an opinion judges.",
                "explanation": "Your teacher's answer key labels every sentence, with the reason for each label.",
            }
        )

    def numbers(a: int, b: int) -> int:
        start, end = key.sentences[a].start, key.sentences[b].end
        return sum(start <= s.start and s.end <= end for s in key.statistics)

    if stats := _best_window(key, _SOURCE_WINDOW, numbers):
        keep(
            {
                "name": "sources",
                "kind": "source-the-number",
                "prompt": "For each number or amount, who says so?",
                "passage": {"article": lesson_id, "sentences": list(stats)},
                "hint": "Look around each number for a name, a report or words like “officials say”.",
                "explanation": "A number with a named source can be checked; one with no source has to be taken on trust.",
            }
        )

    loaded_with_alternative = [s for s in key.loaded if not s.acceptable and s.alternative]
    candidates: dict[int, int] = {}
    for span in loaded_with_alternative:
        if (i := _sentence_of(key, span.start, span.end)) is not None:
            candidates[i] = candidates.get(i, 0) + 1
    for i in sorted(candidates, key=lambda i: (-candidates[i], i)):
        if keep(
            {
                "name": "rewrite",
                "kind": "rewrite",
                "prompt": "Rewrite this sentence so it keeps the facts but drops the loaded words.",
                "passage": {"article": lesson_id, "sentences": [i, i]},
                "about": {"sentence": 0},
                "hint": "Say what happened in plain words. Keep every number and every named source.",
                "explanation": "A neutral version keeps the facts and leaves the judging to the reader.",
            }
        ):
            break

    for category in LOADED_CATEGORIES:
        span = next((s for s in key.loaded if s.category == category and not s.acceptable), None)
        i = _sentence_of(key, span.start, span.end) if span else None
        if span is None or i is None:
            continue
        sentence = key.sentences[i]
        inside = [s for s in key.loaded if sentence.start <= s.start and s.end <= sentence.end]
        keep(
            {
                "name": f"kind-{category}",
                "kind": "choice",
                "prompt": f"What kind of loaded language is “{span.text}”?",
                "passage": {"article": lesson_id, "sentences": [i, i]},
                "about": {"loaded": span.text, "occurrence": _occurrence(inside, span)},
                "ask": "category",
                "hint": f"Read the whole sentence. Does the phrase describe, or does it judge? One kind is {_CATEGORY_WORDS[category]}.",
                "explanation": "The answer key gives the kind of loaded language and the reason.",
            }
        )

    unsourced = next((s for s in key.statistics if s.sourcing in _UNSOURCED and not s.acceptable), None)
    if unsourced and (i := _sentence_of(key, unsourced.start, unsourced.end)) is not None:
        sentence = key.sentences[i]
        inside = [s for s in key.statistics if sentence.start <= s.start and s.end <= sentence.end]
        keep(
            {
                "name": "who-says-so",
                "kind": "choice",
                "prompt": f"Who stands behind the figure “{unsourced.text}”?",
                "passage": {"article": lesson_id, "sentences": [i, i]},
                "about": {"statistic": unsourced.text, "occurrence": _occurrence(inside, unsourced)},
                "ask": "sourcing",
                "hint": "Is a person, an office or a report named? “Experts say” does not name anyone.",
                "explanation": "A figure needs someone to stand behind it before a reader can check it.",
            }
        )

    opinion = next((i for i, s in enumerate(key.sentences) if s.label == "writer-opinion"), None)
    if opinion is not None:
        keep(
            {
                "name": "news-or-opinion",
                "kind": "choice",
                "prompt": "What kind of statement is this sentence?",
                "passage": {"article": lesson_id, "sentences": [opinion, opinion]},
                "about": {"sentence": 0},
                "ask": "label",
                "hint": "Does anyone stand behind it, or is it the writer's own judgement?",
                "explanation": "The writer judges here, with no source: opinion set among the news.",
            }
        )
    return specs
