"""Pure scoring for every question type: an answer in, a Result out, all from the answer key."""

from __future__ import annotations

import math
import re
from typing import Any

from ..detect.loaded import find_loaded
from ..schema import (
    LOADED_CATEGORIES,
    SENTENCE_LABELS,
    SOURCING,
    SPEAKERS,
    LoadedSpan,
    SentenceSpan,
    StatisticSpan,
)
from ..text import normalize
from ..wording import count, in_words, quoted, readable
from .model import PARTLY, RIGHT, WRONG, ItemResult, Quiz, Result

VOCABULARIES = {
    "category": LOADED_CATEGORIES,
    "sourcing": SOURCING,
    "label": SENTENCE_LABELS,
    "speaker": SPEAKERS,
}
_NUMBER = re.compile(r"\d(?:[\d,]*\d)?(?:\.\d+)?")  # "2021," is 2021; "339,478" is one number


class QuizDataError(ValueError):
    """A quiz definition that cannot be answered from the key (raised while loading, never while checking)."""


# --- looking things up in the key ------------------------------------------------------------------


def about_item(quiz: Quiz) -> LoadedSpan | StatisticSpan | SentenceSpan:
    """The answer-key item a choice, numeric or rewrite question is about."""
    about = quiz.spec["about"]
    passage = quiz.passage
    if "sentence" in about:
        if about["sentence"] >= len(passage.sentences):
            raise QuizDataError(
                f"{quiz.id}: about.sentence {about['sentence']} is past the passage's last sentence"
            )
        return passage.sentences[about["sentence"]]
    kind = "statistic" if "statistic" in about else "loaded"
    pool = passage.statistics if kind == "statistic" else passage.loaded
    matches = [item for item in pool if item.text == about[kind]]
    occurrence = about.get("occurrence", 1)
    if len(matches) < occurrence:
        raise QuizDataError(
            f"{quiz.id}: the key has no {kind} {about[kind]!r} (occurrence {occurrence}) here"
        )
    return matches[occurrence - 1]


def _accepted(item: Any, field: str) -> set[str]:
    value = getattr(item, field)
    if field in ("sourcing", "label"):
        return {value, *item.also_acceptable}
    return {value}


def options(quiz: Quiz) -> tuple[str, ...]:
    if quiz.kind == "choice":
        return tuple(quiz.spec.get("options") or VOCABULARIES[quiz.spec["ask"]])
    if quiz.kind == "multi":
        return tuple(quiz.spec["options"])
    return ()


def _multi_status(quiz: Quiz) -> dict[str, tuple[str, str]]:
    """For each offered phrase: ('correct' | 'neutral' | 'wrong', the key's reason).

    With ``agree_with`` (other reports of the same event), a clear-cut number is correct only if every one
    of those reports' keys gives the same figure, and wrong (with a reason saying so) if not.
    """
    passage, target = quiz.passage, quiz.spec["target"]
    status = {}
    for option in quiz.spec["options"]:
        at = passage.text.find(option)
        if at < 0:
            raise QuizDataError(f"{quiz.id}: option {option!r} is not in the passage")
        start, end = passage.start + at, passage.start + at + len(option)
        hits = [s for s in passage.key_spans(target) if s.start < end and start < s.end]
        if any(not getattr(s, "acceptable", False) for s in hits):
            first = next(s for s in hits if not getattr(s, "acceptable", False))
            status[option] = (
                ("correct", first.reason) if "agree_with" not in quiz.spec else _agreement(quiz, first)
            )
        elif hits:
            status[option] = ("neutral", hits[0].reason)
        else:
            status[option] = ("wrong", "")
    return status


def _agreement(quiz: Quiz, item: StatisticSpan) -> tuple[str, str]:
    """('correct' | 'wrong', why) for a number: do all the ``agree_with`` reports' keys give its figure?"""
    from ..lateral import figure_of, figures, outlet_name

    figure = figure_of(item.text)
    others = quiz.spec["agree_with"]
    wordings = {o: figures(o).get(figure, []) if figure else [] for o in others}
    missing = [outlet_name(o) for o, found in wordings.items() if not found]
    if missing:
        return (
            "wrong",
            f"Not in every report: {' and '.join(missing)} {'does' if len(missing) == 1 else 'do'} not give it.",
        )
    given = "; ".join(f"{outlet_name(o)}: “{found[0].text}”" for o, found in wordings.items())
    return "correct", f"The other reports give it too ({given})."


def _check_agree_with(quiz: Quiz) -> None:
    """``agree_with`` needs ``target: statistics`` and reports the kit knows."""
    others = quiz.spec.get("agree_with")
    if others is None:
        return
    if quiz.spec["target"] != "statistics":
        raise QuizDataError(f"{quiz.id}: agree_with compares numbers, so it needs target: statistics")
    from .. import corpus

    if unknown := [o for o in others if o not in corpus.ids()]:
        raise QuizDataError(f"{quiz.id}: agree_with names reports the kit does not have: {unknown}")


def _required(quiz: Quiz) -> list[Any]:
    return [s for s in quiz.passage.key_spans(quiz.spec["target"]) if not getattr(s, "acceptable", False)]


_COUNT = re.compile(r"\d[\d,]*(?:\.\d+)?(?!\s*%|[\d,.])")


def _computed(quiz: Quiz) -> float:
    """The first count in the item as a percentage of the second; stated percentages are skipped."""
    counts = [float(n.replace(",", "")) for n in _COUNT.findall(about_item(quiz).text)]
    if len(counts) < 2 or counts[1] == 0:
        raise QuizDataError(f"{quiz.id}: the item needs two counts (X of Y) to compute a percentage")
    return 100 * counts[0] / counts[1]


def validate(quiz: Quiz) -> None:
    """Raise QuizDataError if the key cannot answer this question; run once at load time."""
    if quiz.kind == "choice":
        item = about_item(quiz)
        ask = quiz.spec["ask"]
        if not hasattr(item, ask):
            raise QuizDataError(f"{quiz.id}: a {type(item).__name__} has no {ask!r} to ask about")
        if not _accepted(item, ask) & set(options(quiz)):
            raise QuizDataError(
                f"{quiz.id}: the key's answer {getattr(item, ask)!r} is not among the options"
            )
    elif quiz.kind == "multi":
        _check_agree_with(quiz)
        if not any(s == "correct" for s, _ in _multi_status(quiz).values()):
            raise QuizDataError(f"{quiz.id}: no offered phrase is in the key, so nothing can be right")
    elif quiz.kind == "highlight":
        if not _required(quiz):
            raise QuizDataError(f"{quiz.id}: the passage has no {quiz.spec['target']} in the key to find")
    elif quiz.kind == "source-the-number":
        if not quiz.passage.statistics:
            raise QuizDataError(f"{quiz.id}: the passage has no statistics in the key")
    elif quiz.kind == "numeric":
        _computed(quiz)
    elif quiz.kind == "rewrite":
        if not isinstance(about_item(quiz), SentenceSpan):
            raise QuizDataError(f"{quiz.id}: a rewrite is about a sentence (about: {{sentence: N}})")


# --- solutions ------------------------------------------------------------------------------------


def solution(quiz: Quiz) -> Any:
    """An answer with full credit, built from the key."""
    passage = quiz.passage
    if quiz.kind == "choice":
        item = about_item(quiz)
        value = getattr(item, quiz.spec["ask"])
        return (
            value
            if value in options(quiz)
            else sorted(_accepted(item, quiz.spec["ask"]) & set(options(quiz)))[0]
        )
    if quiz.kind == "multi":
        return [o for o, (status, _) in _multi_status(quiz).items() if status == "correct"]
    if quiz.kind == "highlight":
        spans = _required(quiz)
        return [
            i for i, w in enumerate(passage.words) if any(s.start < w.end and w.start < s.end for s in spans)
        ]
    if quiz.kind == "label-sentences":
        return [s.label for s in passage.sentences]
    if quiz.kind == "source-the-number":
        return [s.sourcing for s in passage.statistics]
    if quiz.kind == "numeric":
        return round(_computed(quiz), 2)
    return _neutral_rewrite(quiz)


def _neutral_rewrite(quiz: Quiz) -> str:
    sentence = about_item(quiz)
    text = sentence.text
    for span in sorted(_loaded_in(quiz, sentence), key=lambda s: -s.start):
        if span.alternative and not span.alternative.startswith("("):
            a, b = span.start - sentence.start, span.end - sentence.start
            text = text[:a] + span.alternative + text[b:]
    return text


def _loaded_in(quiz: Quiz, sentence: SentenceSpan) -> list[LoadedSpan]:
    return [
        s
        for s in quiz.passage.loaded
        if sentence.start <= s.start and s.end <= sentence.end and not s.acceptable
    ]


# --- checking -------------------------------------------------------------------------------------


def check(quiz: Quiz, answer: Any) -> Result:
    """Score an answer; empty or malformed answers get feedback, never an exception."""
    checker = {
        "choice": _check_choice,
        "multi": _check_multi,
        "highlight": _check_highlight,
        "label-sentences": _check_labels,
        "source-the-number": _check_sourcing,
        "numeric": _check_numeric,
        "rewrite": _check_rewrite,
    }[quiz.kind]
    try:
        return checker(quiz, answer)
    except (TypeError, ValueError, IndexError, AttributeError):
        return Result(
            0.0,
            False,
            "That answer could not be read. Try again, using the buttons and boxes given.",
            empty=True,
        )


def _empty(message: str) -> Result:
    return Result(0.0, False, message, empty=True)


def _result(score: float, lines: list[str], items: list[ItemResult]) -> Result:
    score = max(0.0, min(1.0, score))
    correct = math.isclose(score, 1.0)
    head = (
        f"{RIGHT} Full marks."
        if correct
        else (f"{WRONG} Not yet." if score == 0 else f"Partly right: {score:.0%}.")
    )
    return Result(score, correct, "\n".join([head, *lines]), tuple(items))


def _check_choice(quiz: Quiz, answer: Any) -> Result:
    if not answer:
        return _empty("Choose one answer first.")
    item = about_item(quiz)
    if str(answer) in _accepted(item, quiz.spec["ask"]):
        return _result(
            1.0,
            [in_words(item.reason or quiz.explanation)],
            [ItemResult(str(answer), "right", item.reason or "")],
        )
    return _result(
        0.0,
        [f"The answer key does not say {quoted(readable(str(answer)))} here."],
        [ItemResult(str(answer), "wrong")],
    )


def _check_multi(quiz: Quiz, answer: Any) -> Result:
    chosen = [a for a in (answer or []) if a]
    if not chosen:
        return _empty("Select at least one phrase.")
    status = _multi_status(quiz)
    if unknown := [a for a in chosen if a not in status]:
        raise ValueError(f"not offered: {unknown}")
    need = [o for o, (s, _) in status.items() if s == "correct"]
    right = [a for a in chosen if status[a][0] == "correct"]
    wrong = [a for a in chosen if status[a][0] == "wrong"]
    items = [ItemResult(a, "found", status[a][1]) for a in right]
    items += [ItemResult(a, "extra", status[a][1] or "The answer key does not mark this.") for a in wrong]
    items += [ItemResult(o, "missed", status[o][1]) for o in need if o not in chosen]
    items += [
        ItemResult(a, "neutral", status[a][1] + " (Debatable: no marks lost either way.)")
        for a in chosen
        if status[a][0] == "neutral"
    ]
    lines = [
        f"You picked {len(right)} of the {len(need)} the key marks"
        + (f", and {len(wrong)} it does not." if wrong else ".")
    ]
    lines += [_describe(i) for i in items]
    return _result((len(right) - len(wrong)) / len(need), lines, items)


def _phrases(quiz: Quiz, indices: list[int]) -> list[tuple[int, int, list[int]]]:
    """Selected word indices grouped into phrases of consecutive words: (start, end, indices)."""
    words = quiz.passage.words
    picked = sorted(set(indices))
    if any(i < 0 or i >= len(words) for i in picked):
        raise IndexError("word index out of range")
    groups: list[list[int]] = []
    for i in picked:
        if groups and groups[-1][-1] == i - 1:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [(words[g[0]].start, words[g[-1]].end, g) for g in groups]


def _check_highlight(quiz: Quiz, answer: Any) -> Result:
    indices = [int(i) for i in (answer or [])]
    if not indices:
        return _empty("Click at least one word to select it, then press Check.")
    target = quiz.spec["target"]
    words = quiz.passage.words
    phrases = _phrases(quiz, indices)
    key = list(quiz.passage.key_spans(target))
    required = _required(quiz)
    found = [s for s in required if any(a < s.end and s.start < b for a, b, _ in phrases)]
    inside = sum(
        1 for i in set(indices) if any(words[i].start < s.end and s.start < words[i].end for s in key)
    )
    precision = inside / len(set(indices))
    items = [ItemResult(s.text, "found", s.reason) for s in found]
    items += [ItemResult(s.text, "missed", s.reason) for s in required if s not in found]
    text = quiz.passage.text
    for a, b, _ in phrases:
        if not any(a < s.end and s.start < b for s in key):
            items.append(
                ItemResult(
                    text[a - quiz.passage.start : b - quiz.passage.start],
                    "extra",
                    "The answer key does not mark this.",
                )
            )
    noun = "loaded words or phrases" if target == "loaded" else "numbers"
    lines = [f"You found {len(found)} of the {len(required)} {noun} in the key."]
    if precision < 1:
        extra = sum(1 for i in items if i.status == "extra")
        lines.append(f"{count(extra, 'of your selections is', 'of your selections are')} not in the key.")
    lines += [_describe(i) for i in items]
    return _result(len(found) / len(required) * precision, lines, items)


def _check_per_item(quiz: Quiz, answer: Any, keys: list[Any], field: str, empty: str) -> Result:
    given = list(answer or [])
    if not any(given):
        return _empty(empty)
    if len(given) > len(keys):
        raise ValueError("too many answers")
    given += [None] * (len(keys) - len(given))
    items, right = [], 0
    for key, value in zip(keys, given, strict=True):
        ok = value is not None and key.accepts(value)
        right += ok
        reason = key.reason or ""
        if value is None:
            items.append(ItemResult(key.text, "missed", "No answer given."))
        else:
            items.append(
                ItemResult(
                    key.text, "right" if ok else "wrong", reason if ok else f"You said {readable(value)}."
                )
            )
    lines = [f"{right} of {len(keys)} right."] + [_describe(i) for i in items]
    return _result(right / len(keys), lines, items)


def _check_labels(quiz: Quiz, answer: Any) -> Result:
    return _check_per_item(
        quiz, answer, list(quiz.passage.sentences), "label", "Label at least one sentence."
    )


def _check_sourcing(quiz: Quiz, answer: Any) -> Result:
    return _check_per_item(
        quiz, answer, list(quiz.passage.statistics), "sourcing", "Choose who says so for at least one number."
    )


def _check_numeric(quiz: Quiz, answer: Any) -> Result:
    if answer is None or str(answer).strip() == "":
        return _empty("Type a number first.")
    value = float(str(answer).replace(",", "").replace("%", "").strip())
    if math.isnan(value):
        raise ValueError("not a number")
    target = _computed(quiz)
    tolerance = quiz.spec["tolerance"]
    if abs(value - target) <= tolerance:
        return _result(
            1.0,
            [f"{value:g} is within {tolerance:g} of the answer key's figure.", quiz.explanation],
            [ItemResult(f"{value:g}", "right")],
        )
    side = "too high" if value > target else "too low"
    return _result(0.0, [f"{value:g} is {side}."], [ItemResult(f"{value:g}", "wrong")])


def _check_rewrite(quiz: Quiz, answer: Any) -> Result:
    if not answer or not str(answer).strip():
        return _empty("Write your version of the sentence first.")
    rewrite = str(answer)
    flat = normalize(rewrite).lower()
    sentence = about_item(quiz)
    items = []
    for span in _loaded_in(quiz, sentence):
        if normalize(span.text).lower() in flat:
            items.append(ItemResult(span.text, "remains", span.reason))
    listed = {i.text.lower() for i in items}
    for span in find_loaded(rewrite):
        if not span.acceptable and span.text.lower() not in listed:
            items.append(ItemResult(span.text, "remains", span.reason))
    for number in _NUMBER.findall(sentence.text):
        if number not in rewrite:
            items.append(ItemResult(number, "dropped", "A number from the original is missing."))
    for stat in quiz.passage.statistics:
        if (
            sentence.start <= stat.start < sentence.end
            and stat.source
            and stat.source.lower() not in rewrite.lower()
        ):
            items.append(ItemResult(stat.source, "dropped", "The source of a number is missing."))
    if not items:
        return Result(
            1.0,
            True,
            f"{RIGHT} Full marks. No loaded terms found, and every number and named source is still there. "
            "Read it once more: does it say the same thing, fairly?",
            (),
        )
    score = max(0.0, 1 - 0.25 * len(items))
    head = f"{PARTLY if score else WRONG} {len(items)} thing{'s' if len(items) > 1 else ''} to look at."
    lines = [head, "The checker reports what it finds; it does not judge your sentence."]
    return Result(score, False, "\n".join(lines + [_describe(i) for i in items]), tuple(items))


_STATUS_WORDS = {
    "found": f"{RIGHT} found",
    "right": f"{RIGHT} right",
    "missed": f"{WRONG} missed",
    "extra": f"{WRONG} not in the key",
    "wrong": f"{WRONG} wrong",
    "neutral": "~ debatable",
    "remains": "• still loaded",
    "dropped": "• dropped",
}


def _describe(item: ItemResult) -> str:
    reason = f": {in_words(item.reason)}" if item.reason else ""
    return f"  {_STATUS_WORDS[item.status]}: {quoted(item.text)}{reason}"
