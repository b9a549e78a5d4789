"""Opinion in news: label each sentence with the answer key's sentence labels, with reasons.

Each sentence gets one of the six labels in :data:`medialit.schema.SENTENCE_LABELS`, an opinion
score in [0, 1] and a reason a student can follow. The rules look at

* page structure: the headline and section headings, bylines, copyright and comment-box lines,
  lead-in lines that end in a colon, and an author biography after the article;
* whose words these are: quotation marks and colon-introduced block quotes
  (:func:`medialit.detect.quotes.quoted_regions`), and attribution cues ("said", "according to");
* opinion cues, from ``datasets/lexicons/opinion_cues.csv`` (teachers can add rows): evaluative
  words, intensifiers, certainty markers, obligation, predictions, hedges and words that cast doubt;
  plus the writer's "I", "we" and "you", rhetorical questions, exclamations, the density of loaded
  terms found by another detector, and (weakly) VADER's word valence.

Opinion cues in the writer's own words point to ``writer-opinion``; cues inside a quotation, or a
verb that reports someone's stance ("warned", "argued"), point to ``quoted-opinion``. Without
opinion cues a sentence is a fact, ``attributed-fact`` when a source is credited and
``unattributed-fact`` when no one stands behind it. Everything runs in time linear in the text.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, pairwise
from operator import itemgetter
from typing import NamedTuple

from ..errors import DataFileError
from ..lexicon import read_table, vader_valence
from ..schema import LoadedSpan, SentenceSpan
from ..text import TextSpan
from .parsed import ParsedText, parse

__all__ = ["CUE_KINDS", "label_sentences", "opinion_cues"]

CUE_FILE = "opinion_cues.csv"
CUE_COLUMNS = ("cue", "kind", "note")

#: Cue kinds the CSV may use, and how a reason names each one.
CUE_KINDS: dict[str, str] = {
    "evaluative": "evaluative word",
    "intensifier": "intensifier",
    "certainty": "certainty marker",
    "obligation": "says what should happen",
    "prediction": "prediction",
    "hedge": "a guess, not a checked fact",
    "doubt": "casts doubt",
    "attribution-verb": "credits a source",
    "stance-verb": "reports someone's view",
    "boilerplate": "page furniture",
    "bio": "author biography",
}

# How much each kind of cue counts towards opinion. A sentence needs about 1.0 (writer) to be
# called opinion; one certainty marker or one rhetorical question is enough on its own, while one
# evaluative word with nothing else is a borderline call.
_WEIGHTS: dict[str, float] = {
    "evaluative": 0.9,
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
_EXTRA_NAMES = {
    "person": "the writer says 'I', 'we' or 'you'",
    "question": "rhetorical question",
    "exclamation": "exclamation",
    "loaded": "loaded term",
    "valence": "strongly emotional word",
    "speaker": "the speaker talks about 'I' or 'we'",
}

_WRITER_THRESHOLD = 1.0  # writer-opinion when the writer's own cues reach this
_WRITER_THRESHOLD_ATTRIBUTED = 1.6  # ...higher when the sentence also credits a source
_QUOTED_THRESHOLD = 0.8  # quoted-opinion when the quoted words' cues (plus stance verbs) reach this
_QUOTED_PRIOR = 0.4  # a sentence that is mostly quotation starts this far towards quoted-opinion
_NUMBER_PENALTY = 0.8  # a figure in the sentence points towards a checkable fact
_LOADED_CAP = 3  # loaded terms counted per sentence
_VALENCE_MIN = 2.5  # |VADER valence| that counts as a strongly emotional word
_VALENCE_CAP = 3

# --- characters and words ----------------------------------------------------------------------------

# One character in, one character out, so offsets survive: curly quotes become straight, hyphens
# become "-", dashes and odd spaces become spaces (so "covered—this" is two words).
_FLAT = str.maketrans(
    {ch: "'" for ch in "\u2018\u2019\u201a\u201b\u2032"}
    | {ch: '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb"}
    | {ch: "-" for ch in "\u2010\u2011"}
    | {ch: " " for ch in "\u2012\u2013\u2014\u2015\u2212\u00a0\u2002\u2003\u2009\u202f"}
)
_WORD = re.compile(r"\w+(?:['\-]\w+)*")
_BETWEEN_WORDS = re.compile(f"({_WORD.pattern})")  # split() keeps the words, between the gaps
_FIRST_SECOND_PERSON = frozenset(
    """i i'm i've i'd i'll me my mine myself we we're we've we'd we'll us our ours ourselves
    you you're you've you'd you'll your yours yourself yourselves let's""".split()
)
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as vs via per into onto up off over is".split()
)
_DETERMINERS = frozenset("a an the this that these those his her its their our my your such".split())
_SOURCE_KINDS = frozenset({"attribution-verb", "stance-verb"})  # cues that credit a source
_CAPS = {"loaded": _LOADED_CAP, "valence": _VALENCE_CAP}  # cues of a kind counted per sentence (else 3)
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
)
_BY = re.compile(r"^\s*By\s+[A-Z]")
_DIGIT = re.compile(r"\d")


class _Cue(NamedTuple):
    start: int
    end: int
    kind: str
    quoted: bool


@dataclass(slots=True)
class _Reading:
    """What the rules found in one sentence."""

    writer: list[_Cue] = field(default_factory=list)  # opinion cues in the writer's own words
    quoted: list[_Cue] = field(default_factory=list)  # opinion cues inside quotations
    attribution: list[_Cue] = field(default_factory=list)  # attribution and stance verbs outside quotes
    quoted_share: float = 0.0
    lead_in: bool = False  # the line before ends in a colon
    has_number: bool = False
    in_marks: bool = False  # the sentence contains quotation marks
    bio: bool = False  # reads like a line of an author biography

    def weight(self, cues: list[_Cue]) -> float:
        if not cues:
            return 0.0
        total = 0.0
        counts: dict[str, int] = {}
        for cue in cues:
            counts[cue.kind] = counts.get(cue.kind, 0) + 1
            if counts[cue.kind] <= _CAPS.get(cue.kind, 3):
                total += _WEIGHTS.get(cue.kind, 0.0)
        return total


def _has_quote_mark(flat: str, start: int, end: int) -> bool:
    """Are there quotation marks in ``start..end``? (Flattening made every one of them '"'.)"""
    return flat.find('"', start, end) >= 0


def _positions(text: str, chars: str) -> list[int]:
    """Where in ``text`` any of ``chars`` (rare characters) occur, in order."""
    found = []
    for ch in chars:
        i = text.find(ch)
        while i >= 0:
            found.append(i)
            i = text.find(ch, i + 1)
    return sorted(found)


def _runs(mask: bytearray) -> list[tuple[int, int]]:
    """(start, end) of each run of 1s in ``mask``, in order."""
    runs = []
    start = mask.find(1)
    while start >= 0:
        end = mask.find(0, start)
        if end < 0:
            end = len(mask)
        runs.append((start, end))
        start = mask.find(1, end)
    return runs


def _within(positions: list[int], start: int, end: int) -> list[int]:
    """Those of the sorted ``positions`` that lie in ``start..end``."""
    return positions[bisect_left(positions, start) : bisect_left(positions, end)]


def _has_letter(word: str) -> bool:
    """Does the word contain a letter (and not only digits, as "2024" does)?"""
    return any(ch.isalpha() for ch in word)


# --- the cue lexicon ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def opinion_cues() -> dict[str, tuple[tuple[tuple[str, ...], str], ...]]:
    """The cue lexicon as first word -> ((words, kind), ...), longest cues first.

    Read from ``datasets/lexicons/opinion_cues.csv``; an unknown kind fails with the line named.
    """
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for line, row in enumerate(read_table(CUE_FILE, CUE_COLUMNS), start=2):
        if row["kind"] not in CUE_KINDS:
            raise DataFileError(
                f"{CUE_FILE}, line {line} ({row['cue']!r}): kind must be one of {sorted(CUE_KINDS)}"
            )
        words = tuple(m.group().lower() for m in _WORD.finditer(row["cue"].translate(_FLAT)))
        if words:
            index.setdefault(words[0], []).append((words, row["kind"]))
    return {k: tuple(sorted(v, key=lambda item: -len(item[0]))) for k, v in index.items()}


# --- words, found once -------------------------------------------------------------------------------


class _CueTable:
    """The cue lexicon arranged for matching: :func:`opinion_cues` gives the same answers."""

    def __init__(self, index: dict[str, tuple[tuple[tuple[str, ...], str], ...]]) -> None:
        # (first word, second word) -> the cues of two or more words that begin so, longest first
        self.longer: dict[tuple[str, ...], list[tuple[tuple[str, ...], str]]] = {}
        self.single: dict[str, str] = {}  # word -> kind of the cue of that one word
        for first, cues in index.items():
            for words, kind in cues:
                if len(words) > 1:
                    self.longer.setdefault(words[:2], []).append((words, kind))
                else:
                    self.single.setdefault(first, kind)

    def find_all(self, low: tuple[str, ...]) -> dict[int, tuple[int, str]]:
        """Word index -> (length, kind) of the longest cue starting there, for each word that starts one.

        The same as :meth:`match` with ``hi = len(low)`` at every word, but it looks closely only
        at the words that begin a one-word cue or the first two words of a longer one.
        """
        found = {i: (1, self.single[low[i]]) for i in _where(self.single, low)}
        for i in _where(self.longer, pairwise(low)):
            for words, kind in self.longer[low[i : i + 2]]:
                if low[i : i + len(words)] == words:
                    found[i] = len(words), kind
                    break
        return dict(sorted(found.items()))

    def match(self, low: tuple[str, ...], i: int, hi: int) -> tuple[int, str] | None:
        """(length, kind) of the longest cue that starts at word ``i`` and ends before word ``hi``."""
        for words, kind in self.longer.get(low[i : i + 2], ()):
            n = len(words)
            if i + n <= hi and low[i : i + n] == words:
                return n, kind
        kind = self.single.get(low[i])
        return None if kind is None else (1, kind)


class _Words:
    """The words of the flattened text (or of one stretch of it), as parallel sequences.

    Word ``i`` runs from ``start[i]`` to ``end[i]``; ``text[i]`` is as written (with straight
    quotes) and ``low[i]`` in lower case. So that each rule visits only the words it cares about,
    ``persons`` and ``strong`` list (in order) the writer's "I", "we" and "you" and the strongly
    emotional words, and ``cue_at`` maps each word that begins a lexicon cue (as if the text ran on
    past the end of its sentence) to the cue's (length, kind); ``cue_heads`` lists those words.
    Before word ``i`` come ``lettered[i]`` words that contain a letter, ``numbered[i]`` words that
    contain a digit, and ``alnum[i]`` letters and digits.
    """

    __slots__ = (
        "alnum",
        "cue_at",
        "cue_heads",
        "cues",
        "end",
        "flat",
        "lettered",
        "low",
        "numbered",
        "persons",
        "start",
        "strong",
        "text",
    )

    def __init__(self, flat: str, cues: _CueTable, start: int = 0, end: int | None = None) -> None:
        self.flat = flat
        self.cues = cues
        # gap, word, gap, word, ..., gap; the running total of their lengths gives the offsets
        pieces = _BETWEEN_WORDS.split(flat[start:end])
        offsets = list(accumulate(map(len, pieces), initial=start))
        self.text = pieces[1::2]
        self.start = offsets[1:-1:2]
        self.end = offsets[2::2]
        # What depends on the word alone is worked out once for each different word.
        vocabulary = set(self.text)
        lower = {w: w.lower() for w in vocabulary}
        self.low = tuple(map(lower.__getitem__, self.text))  # a tuple: a slice compares with a cue
        self.cue_at = cues.find_all(self.low)
        self.cue_heads = list(self.cue_at)
        self.persons = _where(_FIRST_SECOND_PERSON, self.low)
        valence = vader_valence()
        strong = {w for w in lower.values() if abs(valence.get(w, 0.0)) >= _VALENCE_MIN}
        self.strong = _where(strong, self.low)
        has_letter = {w: _has_letter(w) for w in vocabulary}
        has_digit = {w: _DIGIT.search(w) is not None for w in vocabulary}
        alnum = {w: len(w) if w.isalnum() else sum(ch.isalnum() for ch in w) for w in vocabulary}
        self.lettered = list(accumulate(map(has_letter.__getitem__, self.text), initial=0))
        self.numbered = list(accumulate(map(has_digit.__getitem__, self.text), initial=0))
        self.alnum = list(accumulate(map(alnum.__getitem__, self.text), initial=0))

    def between(self, start: int, end: int) -> _Stretch:
        """The words of ``flat[start:end]``, as if that stretch were tokenised on its own."""
        lo = bisect_right(self.end, start)  # the first word ending after start
        hi = bisect_left(self.start, end)  # the first word starting at or after end
        if hi <= lo:
            return _Stretch(self, lo, lo)
        if self.start[lo] < start or self.end[hi - 1] > end:  # a word cut in two: tokenise afresh
            words = _Words(self.flat, self.cues, start, end)
            return _Stretch(words, 0, len(words.text))
        return _Stretch(self, lo, hi)


def _where(members: Collection[Hashable], items: Iterable[Hashable]) -> list[int]:
    """The indices of the items that are among ``members``."""
    return list(compress(count(), map(members.__contains__, items)))


class _Stretch(NamedTuple):
    """Words ``lo`` to ``hi - 1`` of ``words``: the words of one sentence or line."""

    words: _Words
    lo: int
    hi: int

    def texts(self) -> list[str]:
        return self.words.text[self.lo : self.hi]

    def lettered(self) -> int:
        """How many of the words contain a letter."""
        return self.words.lettered[self.hi] - self.words.lettered[self.lo]

    def has_number(self) -> bool:
        """Does any of the words contain a digit (as any digit in the stretch of text must)?"""
        return self.words.numbered[self.hi] > self.words.numbered[self.lo]

    def alnum(self) -> int:
        """How many letters and digits the words hold (as many as the stretch of text holds)."""
        return self.words.alnum[self.hi] - self.words.alnum[self.lo]

    def pick(self, indices: list[int]) -> list[int]:
        """Those of ``indices`` (word indices, in order) that lie in this stretch."""
        return _within(indices, self.lo, self.hi)


def _match_cues(stretch: _Stretch) -> list[tuple[int, int, int, str]]:
    """(first word index, start, end, kind) for each lexicon cue, longest match first, left to right."""
    words = stretch.words
    found = []
    i = stretch.lo  # words before i are taken by an earlier cue
    for head in stretch.pick(words.cue_heads):
        if head < i:
            continue
        n, kind = words.cue_at[head]
        if head + n > stretch.hi:  # the cue runs on past the stretch: a shorter one may fit
            if not (match := words.cues.match(words.low, head, stretch.hi)):
                continue
            n, kind = match
        found.append((head, words.start[head], words.end[head + n - 1], kind))
        i = head + n
    return found


# --- page structure ----------------------------------------------------------------------------------


class _Line(NamedTuple):
    start: int
    end: int  # without trailing white space


def _continued_quotes(words: _Words, lines: list[_Line], mask: bytearray) -> list[tuple[int, int]]:
    """Paragraphs that carry on a speaker's words without quotation marks.

    A paragraph with no quotation marks, spoken in the first person ("we", "our", "I"), right after
    a paragraph that ends with a credited quotation ("..." the officer warned.), is taken to be
    the same speaker still talking.
    """
    found = []
    for previous, line in pairwise(lines):
        if mask[line.start] or _has_quote_mark(words.flat, line.start, line.end):
            continue
        close = words.flat.rfind('"', previous.start, previous.end)
        if close < 0 or not mask[close]:
            continue
        tail = _match_cues(words.between(close + 1, previous.end))
        if not any(kind in _SOURCE_KINDS for *_, kind in tail):
            continue
        stretch = words.between(line.start, line.end)
        if any(stretch.words.text[i] != "US" for i in stretch.pick(stretch.words.persons)):
            found.append((line.start, line.end))
    return found


def _words(s: str) -> list[str]:
    return _WORD.findall(s.translate(_FLAT))


def _title_like(s: str) -> bool:
    """Are (nearly) all the words that matter capitalised, as in a headline?"""
    return _title_words(_words(s))


def _title_words(all_words: list[str]) -> bool:
    """:func:`_title_like` for a text already split into words."""
    words = [w for w in all_words if _has_letter(w)]
    if not words or not words[0][0].isupper():
        return False
    content = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    if not content:
        return len(words) >= 1
    upper = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return upper / len(content) >= 0.75


def _final_char(s: str) -> str:
    """The last character that is not a space, closing quote or bracket ("" if none)."""
    return s.rstrip(" \t\r\"'\u201d\u2019)]\u00a0")[-1:]


def _is_byline(s: str, words: list[str]) -> bool:
    """Is ``s`` (split into ``words``) a byline: who wrote the piece, and when?"""
    if not words or len(words) > 14:
        return False
    if _BY.match(s):
        return _title_words(words) and _final_char(s) != "."
    if "|" in s or "\u2022" in s or "\u00b7" in s:
        return True
    return bool(_DATE.search(s)) and len(words) <= 8 and _title_like(_DATE.sub("", s) or "X")


# --- the detector ------------------------------------------------------------------------------------


@dataclass
class _Page:
    """The text and what is worked out once for all of its sentences."""

    text: str
    words: _Words
    lines: list[_Line]
    mask: bytearray  # 1 for each character inside a quotation
    quoted: list[tuple[int, int]]  # the runs of quoted characters, in order
    loaded_starts: list[int]
    marks: list[int]  # where the question and exclamation marks are
    colon_ends: list[bool]  # for each line: does it end in a colon (within its last 4 characters)?

    def quoted_share(self, start: int, end: int, stretch: _Stretch) -> float:
        """The share of the letters and digits in ``start..end`` (words ``stretch``) that are quoted."""
        if self.mask.find(1, start, end) < 0:
            return 0.0
        k = bisect_right(self.quoted, start, key=itemgetter(1))  # the first run ending after start
        letters = stretch.alnum()
        if not letters:
            return 0.0
        inside = 0
        while k < len(self.quoted) and self.quoted[k][0] < end:
            a, b = self.quoted[k]
            inside += self.words.between(max(a, start), min(b, end)).alnum()
            k += 1
        return inside / letters


def label_sentences(
    text: str | ParsedText, loaded: Sequence[LoadedSpan] = (), sentences: Sequence[TextSpan] | None = None
) -> list[SentenceSpan]:
    """One labelled sentence per sentence of ``text``, each with a score in [0, 1] and a reason.

    ``text`` is a string or a :class:`~medialit.detect.parsed.ParsedText`; ``sentences`` default
    to :func:`medialit.text.sentence_spans`, and their offsets are kept. ``loaded`` are
    loaded-language spans found in ``text``; their density is one opinion signal.
    """
    doc = parse(text, sentences)
    text, sentences = doc.text, doc.sentences
    if not sentences:
        return []
    words = _Words(doc.spaced, _CueTable(opinion_cues()))
    mask = bytearray(len(text))
    for a, b in doc.quotes:
        mask[a:b] = b"\x01" * (b - a)
    lines = [_Line(p.start, p.end) for p in doc.paragraphs]
    for a, b in _continued_quotes(words, lines, mask):
        mask[a:b] = b"\x01" * (b - a)
    page = _Page(
        text,
        words,
        lines,
        mask,
        quoted=_runs(mask),
        loaded_starts=sorted(span.start for span in loaded if 0 <= span.start < len(text)),
        marks=_positions(text, "?!"),
        colon_ends=[_final_char(text[max(line.start, line.end - 4) : line.end]) == ":" for line in lines],
    )
    line_starts = [line.start for line in lines]

    def line_of(span: TextSpan) -> int:
        return max(0, bisect_right(line_starts, span.start) - 1)

    line_info: dict[int, _LineInfo] = {}
    structure: list[tuple[str, str] | None] = [None] * len(sentences)
    decisions: list[tuple[str, float, str]] = []  # (label, score, reason) from the rules alone
    bio: list[bool] = []
    for n, span in enumerate(sentences):
        li = line_of(span)
        line = lines[li] if lines else _Line(span.start, span.end)
        if li not in line_info:
            line_info[li] = _line_info(page, line, li)
        stretch = words.between(span.start, span.end)
        cues = _match_cues(stretch)
        reading = _read(page, span, stretch, cues, li)
        structure[n] = _structure(text, span, line, line_info[li], stretch, reading.in_marks)
        decisions.append(_decide(text, reading))
        bio.append(reading.bio)

    for n in _biography(text, sentences, bio, structure, lines):
        structure[n] = ("other", "Author biography: it tells you about the writer, not the news.")

    out = []
    for span, (label, score, reason), found in zip(sentences, decisions, structure, strict=True):
        if found is not None:
            label, reason = found
        out.append(
            SentenceSpan(
                start=span.start,
                end=span.end,
                text=text[span.start : span.end],
                label=label,
                reason=reason,
                also_acceptable=(),
                score=round(min(1.0, max(0.0, score)), 3),
            )
        )
    return out


class _LineInfo(NamedTuple):
    """What a whole line looks like: furniture lines are judged as a whole."""

    index: int
    words: int
    title_like: bool  # worked out for the first line only, the one that can be a headline
    final: str
    furniture: bool  # a short line with a boilerplate cue, a copyright sign or a picture credit
    has_quote: bool


_CREDIT = re.compile(
    r"^\(?\s*(?:[A-Za-z]+\s+){0,2}(?:photo|photograph|image|picture|illustration|video)s?"
    r"(?:\s+credit)?\s*:",
    re.IGNORECASE,
)


def _line_info(page: _Page, line: _Line, index: int) -> _LineInfo:
    body = page.text[line.start : line.end]
    stretch = page.words.between(line.start, line.end)
    words = stretch.lettered()
    has_quote = _has_quote_mark(page.words.flat, line.start, line.end)
    furniture = (
        "\u00a9" in body
        or bool(_CREDIT.match(body))
        or (words <= 25 and not has_quote and any(kind == "boilerplate" for *_, kind in _match_cues(stretch)))
    )
    title_like = index == 0 and words <= 30 and _title_words(stretch.texts())
    return _LineInfo(index, words, title_like, _final_char(body), furniture, has_quote)


def _structure(
    text: str, span: TextSpan, line: _Line, info: _LineInfo, stretch: _Stretch, has_quote: bool
) -> tuple[str, str] | None:
    """("headline" or "other", reason) for page furniture; None for sentences of the story.

    ``has_quote`` says whether the sentence contains quotation marks.
    """
    sentence = text[span.start : span.end]
    whole_line = span.start <= line.start and span.end >= line.end
    n_words = stretch.lettered()
    final = _final_char(sentence)
    if info.furniture:
        return (
            "other",
            "Page furniture (a photo credit, copyright or comment-box line), not part of the story.",
        )
    if (
        whole_line
        and _is_byline(sentence, stretch.texts())
        and (info.index > 0 or _BY.match(sentence) or _DATE.search(sentence))
    ):
        return "other", "A byline: who wrote the piece and when, not part of the story."
    if span.end >= line.end and final == ":" and n_words <= 8 and not has_quote:
        return "other", "A lead-in ending in a colon: it hands over to the quotation that follows."
    if (
        info.index == 0
        and info.words <= 30
        and (info.final not in {".", "!", ":", ",", ";"} or info.title_like)
    ):
        return "headline", "The first line, set apart like a title: the headline."
    if whole_line and info.index > 0 and n_words <= 10 and final not in {".", ":", ",", ";", "!"}:
        if _title_like(sentence) or sentence.isupper():
            return "headline", "A short title-like line standing on its own: a section heading."
    return None


def _read(
    page: _Page, span: TextSpan, stretch: _Stretch, cues: list[tuple[int, int, int, str]], line_index: int
) -> _Reading:
    """Collect one sentence's cues, split into the writer's words and quoted words."""
    text, mask, lines = page.text, page.mask, page.lines
    reading = _Reading()
    reading.quoted_share = page.quoted_share(span.start, span.end, stretch)
    reading.has_number = stretch.has_number()
    if line_index > 0 and lines and lines[line_index - 1].end <= span.start:
        reading.lead_in = page.colon_ends[line_index - 1]
    reading.in_marks = _has_quote_mark(page.words.flat, span.start, span.end)

    def add(start: int, end: int, kind: str) -> None:
        quoted = bool(mask[start]) if start < len(mask) else False
        cue = _Cue(start, end, kind, quoted)
        if kind in _SOURCE_KINDS:
            if not quoted:
                reading.attribution.append(cue)
        elif kind == "person" and quoted:
            if not any(c.kind == "speaker" for c in reading.quoted):
                reading.quoted.append(_Cue(start, end, "speaker", True))
        elif kind in _OPINION_KINDS:
            (reading.quoted if quoted else reading.writer).append(cue)

    words = stretch.words
    for first, start, end, kind in cues:
        if kind == "bio":
            reading.bio = not reading.in_marks  # a biography quotes no one
        elif kind in _SOURCE_KINDS and first > stretch.lo and words.low[first - 1] in _DETERMINERS:
            continue  # "these reports", "his claims": a noun, not someone speaking
        else:
            add(start, end, kind)
    for i in stretch.pick(words.persons):
        if not (words.low[i] == "us" and words.text[i] != "us"):
            add(words.start[i], words.end[i], "person")
    if strong := stretch.pick(words.strong):
        covered = {start for _, start, _, _ in cues}  # a word that is part of a cue counts once
        for i in strong:
            if words.start[i] not in covered:
                add(words.start[i], words.end[i], "valence")
    marks: set[tuple[str, bool]] = set()  # question and exclamation marks, once each for writer and quote
    for where in _within(page.marks, span.start, span.end):
        kind = "question" if text[where] == "?" else "exclamation"
        if (kind, bool(mask[where])) not in marks:
            marks.add((kind, bool(mask[where])))
            add(where, where + 1, kind)
    for start in _within(page.loaded_starts, span.start, span.end):
        add(start, start + 1, "loaded")
    return reading


def _biography(
    text: str, sentences: Sequence[TextSpan], bio: list[bool], structure: list, lines: list[_Line]
) -> list[int]:
    """Indices of an author biography: third-person 'bio' sentences running to the end of the text.

    The run must lie in the second half of the text, start a paragraph, and speak about a person
    ("He holds a ...", "Jane Smith joined ..."); one sentence alone counts only as a paragraph
    of its own.
    """
    starts = [line.start for line in lines]
    run: list[int] = []
    n = len(sentences) - 1
    while n >= 0 and structure[n] is not None and structure[n][0] == "other":
        n -= 1
    while n >= 0 and structure[n] is None and bio[n]:
        run.append(n)
        n -= 1
    while run and not _starts_paragraph(sentences[run[-1]], lines, starts):
        run.pop()
    if not run or run[-1] < len(sentences) // 2:
        return []
    if not any(_about_a_person(text[sentences[i].start : sentences[i].end]) for i in run):
        return []
    if len(run) == 1 and not _ends_paragraph(sentences[run[0]], lines, starts):
        return []
    return run


def _starts_paragraph(span: TextSpan, lines: list[_Line], starts: list[int]) -> bool:
    i = bisect_right(starts, span.start) - 1
    return i >= 0 and lines[i].start == span.start


def _ends_paragraph(span: TextSpan, lines: list[_Line], starts: list[int]) -> bool:
    i = bisect_right(starts, span.start) - 1
    return i >= 0 and lines[i].end <= span.end


_PERSON_START = re.compile(r"^(?:He|She|They)\b|^[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]*){1,3}[:,]?\s")


def _about_a_person(sentence: str) -> bool:
    """Does the sentence open with a pronoun for a person or a name ("Jane Smith ...")?"""
    match = _PERSON_START.match(sentence)
    return bool(match) and not sentence.startswith(
        ("The ", "This ", "That ", "These ", "Those ", "In ", "On ")
    )


def _decide(text: str, r: _Reading) -> tuple[str, float, str]:
    """Label, opinion score and reason for a sentence of the story."""
    writer = r.weight(r.writer)
    quoted = r.weight(r.quoted)
    stance = [c for c in r.attribution if c.kind == "stance-verb"]
    mostly_quoted = r.quoted_share >= 0.5
    attributed = bool(r.attribution) or r.quoted_share > 0 or r.lead_in
    quoted_total = (
        quoted + (_QUOTED_THRESHOLD if stance else 0.0) - (_NUMBER_PENALTY if r.has_number else 0.0)
    )
    if mostly_quoted:
        quoted_total += _QUOTED_PRIOR  # what people say in quotes is usually their view
    writer_bar = _WRITER_THRESHOLD_ATTRIBUTED if attributed else _WRITER_THRESHOLD
    w_ratio = writer / writer_bar
    q_ratio = max(0.0, quoted_total) / _QUOTED_THRESHOLD if attributed else 0.0
    score = 1.0 - 0.5 ** max(w_ratio, q_ratio)
    if w_ratio >= 1.0 and (not mostly_quoted or w_ratio >= q_ratio):
        return "writer-opinion", score, _reason_writer(text, r, attributed)
    if attributed and q_ratio >= 1.0:
        return "quoted-opinion", score, _reason_quoted(text, r, stance)
    if attributed:
        return "attributed-fact", score, _reason_fact(text, r, attributed=True)
    return "unattributed-fact", score, _reason_fact(text, r, attributed=False)


# --- reasons -----------------------------------------------------------------------------------------


def _name(kind: str) -> str:
    return _EXTRA_NAMES.get(kind) or CUE_KINDS.get(kind, kind)


def _cue_list(text: str, cues: list[_Cue], limit: int = 3) -> list[str]:
    """ "'clearly' (certainty marker) and 'crucial' (evaluative word)", strongest first."""
    if not cues:
        return []
    seen: set[str] = set()
    taken: set[int] = set()
    taken_kinds: set[str] = set()
    parts = []
    n_loaded = 0
    for cue in sorted(cues, key=lambda c: (-_WEIGHTS.get(c.kind, 0.0), c.start)):
        if cue.kind == "loaded":
            n_loaded += 1
            continue
        if cue.start in taken or cue.kind in taken_kinds:
            continue
        taken.add(cue.start)
        if cue.kind in ("person", "speaker", "valence"):
            taken_kinds.add(cue.kind)  # one example is enough
        if cue.kind in ("question", "exclamation"):
            part = f"a {_name(cue.kind)}" if cue.kind == "question" else "an exclamation mark"
        else:
            part = f"'{' '.join(text[cue.start : cue.end].split())}' ({_name(cue.kind)})"
        if part not in seen:
            seen.add(part)
            parts.append(part)
    if n_loaded:
        parts.append(f"{n_loaded} loaded term{'s' if n_loaded > 1 else ''}")
    return parts[:limit]


def _join(parts: list[str]) -> str:
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no clear cue"


def _source_words(text: str, r: _Reading) -> str:
    if r.attribution:
        cue = r.attribution[0]
        return f"'{' '.join(text[cue.start : cue.end].split())}' credits a source"
    if r.quoted_share > 0 and r.in_marks:
        return "the words are in quotation marks"
    if r.quoted_share > 0:
        return "it is set as a block quote, the speaker still talking"
    return "it follows a lead-in ending in a colon"


def _reason_writer(text: str, r: _Reading, attributed: bool) -> str:
    cues = _join(_cue_list(text, r.writer))
    if attributed:
        return f"Writer's own judgement around the quote or source: {cues}, in the writer's words."
    return f"Writer's own judgement: {cues}, with no one quoted or credited."


def _reason_quoted(text: str, r: _Reading, stance: list[_Cue]) -> str:
    if r.quoted:
        return f"Someone else's opinion: {_source_words(text, r)}, and the quoted words include {_join(_cue_list(text, r.quoted))}."
    if stance:
        verb = " ".join(text[stance[0].start : stance[0].end].split())
        return f"Someone else's opinion: '{verb}' reports what a source thinks, not a checked fact."
    return (
        f"Someone else's opinion: {_source_words(text, r)}, and it gives a view rather than a checkable fact."
    )


def _reason_fact(text: str, r: _Reading, attributed: bool) -> str:
    parts = _cue_list(text, r.writer + r.quoted)
    tail = ""
    if parts:
        many = len(parts) > 1 or (parts[0][0].isdigit() and not parts[0].startswith("1 "))
        verb = "The cues {} are" if many else "The cue {} is"
        tail = " " + verb.format(_join(parts)) + " too weak to call it opinion."
    if attributed:
        return f"A fact with a source: {_source_words(text, r)}.{tail}"
    return f"States something as fact without saying who says so.{tail}"
