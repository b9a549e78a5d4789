"""Score detector output against the answer key: precision, recall and F1 per detector and category."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from .schema import LOADED_CATEGORIES, SENTENCE_LABELS, SpanSet

__all__ = [
    "Evaluation",
    "Score",
    "compare_spans",
    "evaluate",
    "score_loaded",
    "score_loaded_words",
    "score_sentences",
    "score_statistics",
]


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives, and the figures from them."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __iadd__(self, other: Score) -> Score:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self


@dataclass
class Evaluation:
    """Every score, keyed by detector then by category or label ("all" for the detector as a whole)."""

    scores: dict[str, dict[str, Score]] = field(default_factory=dict)
    sourcing_correct: int = 0
    sourcing_total: int = 0

    def add(self, detector: str, name: str, score: Score) -> None:
        self.scores.setdefault(detector, {}).setdefault(name, Score())
        self.scores[detector][name] += score

    def merge(self, other: Evaluation) -> None:
        for detector, by_name in other.scores.items():
            for name, score in by_name.items():
                self.add(detector, name, score)
        self.sourcing_correct += other.sourcing_correct
        self.sourcing_total += other.sourcing_total

    def rows(self) -> list[tuple[str, str, float, float, float, int]]:
        """(detector, category, precision, recall, F1, support) for printing."""
        return [
            (detector, name, s.precision, s.recall, s.f1, s.tp + s.fn)
            for detector, by_name in self.scores.items()
            for name, s in by_name.items()
        ]


def _overlaps(a, b) -> bool:
    return a.start < b.end and b.start < a.end


def _match(predicted: Sequence, key: Sequence) -> tuple[list[bool], list[bool]]:
    """Which predictions overlap some key span, and which key spans some prediction overlaps."""
    pred_hit = [any(_overlaps(p, k) for k in key) for p in predicted]
    key_hit = [any(_overlaps(p, k) for p in predicted) for k in key]
    return pred_hit, key_hit


def score_loaded(predicted: Iterable, key: SpanSet) -> dict[str, Score]:
    """Loaded language: spans match when they overlap; `acceptable` key items are never missed.

    "all" ignores categories; each category scores predictions of that
    category against key items of that category.
    """
    predicted = list(predicted)
    out = {"all": _span_score(predicted, list(key.loaded))}
    for category in LOADED_CATEGORIES:
        out[category] = _span_score(
            [p for p in predicted if p.category == category],
            [k for k in key.loaded if k.category == category],
        )
    return out


def _span_score(predicted: list, key: list) -> Score:
    pred_hit, key_hit = _match(predicted, key)
    return Score(
        tp=sum(pred_hit),
        fp=pred_hit.count(False),
        fn=sum(1 for k, hit in zip(key, key_hit, strict=True) if not hit and not k.acceptable),
    )


def score_statistics(predicted: Iterable, key: SpanSet) -> tuple[Score, int, int]:
    """Statistics: matched on span first; then, for matched pairs, is the sourcing one the key accepts?"""
    predicted = list(predicted)
    span = _span_score(predicted, list(key.statistics))
    correct = total = 0
    for k in key.statistics:
        hits = [p for p in predicted if _overlaps(p, k)]
        if hits:
            total += 1
            correct += k.accepts(hits[0].sourcing)
    return span, correct, total


def score_sentences(predicted: Iterable, key: SpanSet) -> dict[str, Score]:
    """Sentence labels: a prediction is right when the key accepts its label (also_acceptable counts).

    Per label L: a true positive is a sentence predicted L that the key
    accepts as L; a false positive, predicted L but not accepted; a false
    negative, a sentence whose key label is L that got a label the key does
    not accept. "opinion" scores writer-opinion and quoted-opinion together
    against the two fact labels, to compare with subjectivity baselines.
    """
    by_start = {p.start: p for p in predicted}
    out = {name: Score() for name in ("all", *SENTENCE_LABELS, "opinion")}
    opinion = {"writer-opinion", "quoted-opinion"}
    for k in key.sentences:
        p = by_start.get(k.start)
        label = p.label if p else None
        right = label is not None and k.accepts(label)
        out["all"].tp += right
        out["all"].fn += not right
        if label is not None:
            out[label].tp += right
            out[label].fp += not right
        if not right:
            out[k.label].fn += 1
        key_opinion = k.label in opinion or any(a in opinion for a in k.also_acceptable)
        key_strictly_opinion = k.label in opinion and not any(a not in opinion for a in k.also_acceptable)
        said_opinion = label in opinion
        if said_opinion and key_opinion:
            out["opinion"].tp += 1
        elif said_opinion:
            out["opinion"].fp += 1
        elif key_strictly_opinion:
            out["opinion"].fn += 1
    out["all"].fp = out["all"].fn  # one label per sentence: accuracy = precision = recall
    return out


def evaluate(predicted: SpanSet, key: SpanSet) -> Evaluation:
    """Compare one detector report with one answer key."""
    result = Evaluation()
    for name, score in score_loaded(predicted.loaded, key).items():
        result.add("loaded", name, score)
    span, correct, total = score_statistics(predicted.statistics, key)
    result.add("statistics", "all", span)
    result.sourcing_correct += correct
    result.sourcing_total += total
    for name, score in score_sentences(predicted.sentences, key).items():
        result.add("sentences", name, score)
    return result


def format_table(result: Evaluation) -> str:
    """The scores as an aligned text table, with sourcing accuracy underneath."""
    lines = [f"{'detector':11} {'category':18} {'precision':>9} {'recall':>7} {'F1':>6} {'support':>8}"]
    for detector, name, p, r, f1, support in result.rows():
        lines.append(f"{detector:11} {name:18} {p:9.2f} {r:7.2f} {f1:6.2f} {support:8d}")
    if result.sourcing_total:
        share = result.sourcing_correct / result.sourcing_total
        lines.append(
            f"\nsourcing right on {result.sourcing_correct} of {result.sourcing_total} matched statistics ({share:.0%})"
        )
    return "\n".join(lines)


_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


def score_loaded_words(predicted: Iterable, key: SpanSet, text: str) -> Score:
    """Loaded language word by word: is each word of the text inside a loaded phrase or not?

    Stricter than span overlap, where one word found inside a long phrase
    counts as finding the phrase. Words inside only `acceptable` key phrases
    are left out of the count, as debatable.
    """
    predicted = sorted((p.start, p.end) for p in predicted)
    firm = sorted((k.start, k.end) for k in key.loaded if not k.acceptable)
    debatable = sorted((k.start, k.end) for k in key.loaded if k.acceptable)
    score = Score()
    for m in _WORD.finditer(text):
        gold = _covered(firm, m.start(), m.end())
        if not gold and _covered(debatable, m.start(), m.end()):
            continue
        said = _covered(predicted, m.start(), m.end())
        score.tp += gold and said
        score.fp += said and not gold
        score.fn += gold and not said
    return score


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


def compare_spans(key: SpanSet, report: SpanSet) -> dict[str, Any]:
    """Where a detector report and an answer key agree and differ, matched as ``medialit.evaluate`` does.

    Loaded phrases and numbers match when they overlap. Returns, for each:
    ``both`` (key item, machine item) pairs, ``missed`` key items the machine
    did not mark (``acceptable`` ones go to ``debatable``, as they cost
    nothing), and ``extra`` machine items the key does not have. Numbers also
    get ``sourcing``: matched pairs where the key does not accept the
    machine's answer to "who says so?". Sentences: ``agree`` and
    ``disagree`` lists of (key sentence, machine label or None).
    """
    out: dict[str, Any] = {}
    for kind in ("loaded", "statistics"):
        keyed, found = getattr(key, kind), getattr(report, kind)
        both, missed, debatable = [], [], []
        for k in keyed:
            hits = [p for p in found if _overlaps(p, k)]
            if hits:
                both.append((k, hits[0]))
            elif k.acceptable:
                debatable.append(k)
            else:
                missed.append(k)
        extra = [p for p in found if not any(_overlaps(p, k) for k in keyed)]
        out[kind] = {"both": both, "missed": missed, "debatable": debatable, "extra": extra}
    out["statistics"]["sourcing"] = [
        (k, p) for k, p in out["statistics"]["both"] if not k.accepts(p.sourcing)
    ]
    by_start = {s.start: s.label for s in report.sentences}
    agree, disagree = [], []
    for k in key.sentences:
        label = by_start.get(k.start)
        (agree if label is not None and k.accepts(label) else disagree).append((k, label))
    out["sentences"] = {"agree": agree, "disagree": disagree}
    return out
