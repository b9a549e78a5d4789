"""The opinion rules for one sentence: what they read in it (its cues, whose words they are) and
the label and score they give it."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import Any

from .structure import _Line
from .words import (
    _DETERMINERS,
    _SOURCE_KINDS,
    _match_cues,
    _Stretch,
    _within,
    _Words,
)

_WEIGHTS: dict[str, float] = {
    "evaluative": 0.9,
    "verdict": 1.2,
    "requirement": 0.6,
    "scare": 1.0,
    "intensifier": 0.5,
    "certainty": 1.3,
    "obligation": 1.0,
    "prediction": 1.1,
    "hedge": 0.5,
    "doubt": 1.0,
    "person": 0.9,
    "question": 1.3,
    "exclamation": 0.8,
    "loaded": 0.6,
    "valence": 0.2,
    "speaker": 0.4,
}
_OPINION_KINDS = frozenset(_WEIGHTS)
# "it is wrong", "was reasonable": an evaluative word after these is a verdict, stronger than the word alone.
_COPULAS = frozenset("is are was were be been being seems seem seemed looks remains".split())
# Obligation cues that usually report a requirement rather than the writer's demand ("has to restate").
_REQUIREMENTS = frozenset(
    {("has", "to"), ("have", "to"), ("had", "to"), ("having", "to")}
)  # tuples, as low is

_WRITER_THRESHOLD = 1.0  # writer-opinion when the writer's own cues reach this
_WRITER_THRESHOLD_ATTRIBUTED = 1.6  # ...higher when the sentence also credits a source
_QUOTED_THRESHOLD = 0.8  # quoted-opinion when the quoted words' cues (plus stance verbs) reach this
_QUOTED_PRIOR = 0.4  # a sentence that is mostly quotation starts this far towards quoted-opinion
_NUMBER_PENALTY = 0.8  # a figure in the sentence points towards a checkable fact
_LOADED_CAP = 3  # loaded terms counted per sentence
_VALENCE_CAP = 3
_CAPS = {"loaded": _LOADED_CAP, "valence": _VALENCE_CAP}  # cues of a kind counted per sentence (else 3)


# One cue a rule found: (start, end, kind). Plain tuples: a sentence's cues are made and read once.
_Cue = tuple[int, int, str]


class _Reading:
    """What the rules found in one sentence."""

    __slots__ = (
        "attribution",
        "bio",
        "has_number",
        "in_marks",
        "lead_in",
        "quoted",
        "quoted_share",
        "stance",
        "writer",
    )

    def __init__(self) -> None:
        self.writer: list[_Cue] = []  # opinion cues in the writer's own words
        self.quoted: list[_Cue] = []  # opinion cues inside quotations
        self.attribution: list[_Cue] = []  # attribution and stance verbs outside quotes
        self.stance: list[_Cue] = []  # the stance verbs among them
        self.quoted_share = 0.0
        self.lead_in = False  # the line before ends in a colon
        self.has_number = False
        self.in_marks = False  # the sentence contains quotation marks
        self.bio = False  # reads like a line of an author biography

    def weight(self, cues: list[_Cue]) -> float:
        if len(cues) < 2:
            return _WEIGHTS.get(cues[0][2], 0.0) if cues else 0.0
        total = 0.0
        counts: dict[str, int] = {}
        for _, _, kind in cues:
            counts[kind] = counts.get(kind, 0) + 1
            if counts[kind] <= _CAPS.get(kind, 3):
                total += _WEIGHTS.get(kind, 0.0)
        return total


@dataclass
class _Page:
    """The text and what is worked out once for all of its sentences."""

    text: str
    words: _Words
    lines: list[_Line]
    mask: bytearray  # 1 for each character inside a quotation
    quoted: list[tuple[int, int]]  # the runs of quoted characters, in order
    loaded_starts: list[int]
    scare: list[tuple[int, int]]  # the scare quotes, in order
    marks: list[int]  # where the question and exclamation marks are
    colon_ends: list[bool]  # for each line: does it end in a colon (within its last 4 characters)?

    def quoted_share(self, start: int, end: int, stretch: _Stretch) -> float:
        """The share of the letters and digits in ``start..end`` (words ``stretch``) that are quoted.

        The stretch holds at least one quoted character (the caller has looked).
        """
        k = bisect_right(self.quoted_ends, start)  # the first run ending after start
        a, b = self.quoted[k]
        if a <= start and b >= end:  # all of it is quoted: no need to count
            return 1.0 if stretch.has_alnum() else 0.0
        letters = stretch.alnum()
        if not letters:
            return 0.0
        inside = 0
        while k < len(self.quoted) and self.quoted[k][0] < end:
            a, b = self.quoted[k]
            inside += self.words.alnum_between(max(a, start), min(b, end))
            k += 1
        return inside / letters

    @cached_property
    def quoted_ends(self) -> list[int]:
        return [b for _, b in self.quoted]


_HEAD, _PERSON, _STRONG, _MARK, _SCARE, _LOADED = range(6)  # what a hit is; see _hits()
_Hit = tuple[int, int, Any]


def _hits(page: _Page, words: _Words, lo: int, hi: int, start: int, end: int) -> list[_Hit]:
    """(offset, what, where) for each place in words ``lo..hi`` (text ``start..end``) where a rule may fire.

    In text order: the first word of each cue (its index), the writer's "I", "we" or "you" and
    each strongly emotional word (their index), each question or exclamation mark (its offset),
    each scare quote ((start, end)) and each loaded term (its start). ``what`` is ``_HEAD``,
    ``_PERSON``, ``_STRONG``, ``_MARK``, ``_SCARE`` or ``_LOADED``.
    """
    found = [
        (words.start[i], what, i)
        for what, indices in ((_HEAD, words.cue_heads), (_PERSON, words.persons), (_STRONG, words.strong))
        for i in _within(indices, lo, hi)
    ]
    found += [(at, _MARK, at) for at in _within(page.marks, start, end)]
    found += [(a, _SCARE, (a, b)) for a, b in page.scare if start <= a < end]
    found += [(at, _LOADED, at) for at in _within(page.loaded_starts, start, end)]
    return sorted(found, key=itemgetter(0, 1))


def _read(
    page: _Page, start: int, end: int, stretch: _Stretch, hits: Sequence[_Hit], quoted: bool, lead_in: bool
) -> _Reading:
    """Collect the cues of the sentence ``start..end`` (words ``stretch``): the writer's words, quoted words.

    ``hits`` are the places in the sentence where a rule may fire (see :func:`_hits`), in order;
    ``quoted`` says whether any of it is inside a quotation, ``lead_in`` whether the line before
    ends in a colon.
    """
    text, mask = page.text, page.mask
    reading = _Reading()
    if quoted:
        reading.quoted_share = page.quoted_share(start, end, stretch)
    reading.lead_in = lead_in
    reading.in_marks = page.words.flat.find('"', start, end) >= 0  # as _has_quote_mark()
    heads, persons, strong, marks, scare, loaded = by_kind = ([], [], [], [], [], [])
    for _, what, at in hits:
        by_kind[what].append(at)

    # Each cue goes, as the rules meet it, to whose words it is: a source credited outside quotation
    # marks, an opinion cue in the writer's words, or one in the quoted speaker's.
    writer, quoted_cues, attribution, stance = (
        reading.writer,
        reading.quoted,
        reading.attribution,
        reading.stance,
    )
    words, lo = stretch.words, stretch.lo
    low = words.low
    for first, a, b, kind in _match_cues(stretch, heads) if heads else ():
        if kind == "bio":
            reading.bio = not reading.in_marks  # a biography quotes no one
        elif kind in _SOURCE_KINDS:
            if first > lo and low[first - 1] in _DETERMINERS:
                continue  # "these reports", "his claims": a noun, not someone speaking
            if not mask[a]:
                attribution.append((a, b, kind))
                if kind == "stance-verb":
                    stance.append((a, b, kind))
        elif kind in _OPINION_KINDS:
            if kind == "evaluative" and first > lo and low[first - 1] in _COPULAS:
                kind = "verdict"
            elif (
                kind == "obligation"
                and low[first : first + 2] in _REQUIREMENTS
                and first + 3 < stretch.hi  # "has to restate its results"; "it has to end." is a demand
            ):
                kind = "requirement"
            (quoted_cues if mask[a] else writer).append((a, b, kind))
    speaker = False  # "I" or "we" inside a quotation counts once
    for i in persons:
        a = words.start[i]
        if low[i] == "us" and words.written(i) != "us":
            continue  # "US", the country
        if not mask[a]:
            writer.append((a, words.end[i], "person"))
        elif not speaker:
            quoted_cues.append((a, words.end[i], "speaker"))
            speaker = True
    if strong:
        covered = {a for _, a, _, _ in _match_cues(stretch, heads)} if heads else set()  # counted once
        for i in strong:
            a = words.start[i]
            if a not in covered:
                (quoted_cues if mask[a] else writer).append((a, words.end[i], "valence"))
    seen: set[tuple[str, bool]] = set()  # question and exclamation marks, once each for writer and quote
    for where in marks:
        kind = "question" if text[where] == "?" else "exclamation"
        if (kind, mask[where] == 1) not in seen:
            seen.add((kind, mask[where] == 1))
            (quoted_cues if mask[where] else writer).append((where, where + 1, kind))
    for a, b in scare:
        (quoted_cues if mask[a] else writer).append((a, b, "scare"))
    for a in loaded:
        (quoted_cues if mask[a] else writer).append((a, a + 1, "loaded"))
    # A figure counts against quoted opinion: it is looked for only where there is some to count against.
    if (attribution or reading.quoted_share > 0 or lead_in) and (
        quoted_cues or stance or reading.quoted_share >= 0.5
    ):
        reading.has_number = stretch.has_number()
    return reading


def _decide(r: _Reading) -> tuple[str, float]:
    """Label and opinion score (in [0, 1]) for a sentence of the story."""
    writer = r.weight(r.writer) if r.writer else 0.0
    quoted_share = r.quoted_share
    mostly_quoted = quoted_share >= 0.5
    attributed = bool(r.attribution) or quoted_share > 0 or r.lead_in
    w_ratio = writer / (_WRITER_THRESHOLD_ATTRIBUTED if attributed else _WRITER_THRESHOLD)
    q_ratio = 0.0
    if attributed:
        quoted_total = (
            (r.weight(r.quoted) if r.quoted else 0.0)
            + (_QUOTED_THRESHOLD if r.stance else 0.0)
            - (_NUMBER_PENALTY if r.has_number else 0.0)
        )
        if mostly_quoted:
            quoted_total += _QUOTED_PRIOR  # what people say in quotes is usually their view
        if quoted_total > 0.0:
            q_ratio = quoted_total / _QUOTED_THRESHOLD
    strength = max(w_ratio, q_ratio)  # >= 0
    score = 1.0 - 0.5**strength if strength else 0.0
    if w_ratio >= 1.0 and (not mostly_quoted or w_ratio >= q_ratio):
        return "writer-opinion", score
    if q_ratio >= 1.0:  # only where attributed
        return "quoted-opinion", score
    return ("attributed-fact" if attributed else "unattributed-fact"), score
