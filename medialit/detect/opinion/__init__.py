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

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter
from typing import Any

from ...schema import LoadedSpan, SentenceSpan
from ...text import TextSpan
from ..parsed import ParsedText, parse
from .structure import (
    _CREDIT,
    _biography,
    _continued_quotes,
    _final_char,
    _Line,
    _line_info,
    _LineInfo,
    _structure,
)
from .words import (
    _DETERMINERS,
    _SOURCE_KINDS,
    CUE_COLUMNS,
    CUE_FILE,
    CUE_KINDS,
    _has_quote_mark,
    _match_cues,
    _positions,
    _runs,
    _Stretch,
    _within,
    _Words,
    cue_table,
    opinion_cues,
)

__all__ = ["CUE_COLUMNS", "CUE_FILE", "CUE_KINDS", "label_sentences", "opinion_cues"]

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
_EXTRA_NAMES = {
    "person": "the writer says 'I', 'we' or 'you'",
    "question": "rhetorical question",
    "exclamation": "exclamation",
    "loaded": "loaded term",
    "valence": "strongly emotional word",
    "speaker": "the speaker talks about 'I' or 'we'",
    "verdict": "a judgement stated as plain fact",
    "requirement": "says what is required",
    "scare": "scare quotes, which hold a word at a distance",
}
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
_FULL_STOPS = frozenset(".:,;!")  # a line ending in one of these is not a section heading


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
    scare: list[tuple[int, int]]  # the scare quotes, in order
    marks: list[int]  # where the question and exclamation marks are
    colon_ends: list[bool]  # for each line: does it end in a colon (within its last 4 characters)?

    def quoted_share(self, start: int, end: int, stretch: _Stretch) -> float:
        """The share of the letters and digits in ``start..end`` (words ``stretch``) that are quoted."""
        if self.mask.find(1, start, end) < 0:
            return 0.0
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


def label_sentences(
    text: str | ParsedText, loaded: Sequence[LoadedSpan] = (), sentences: Sequence[TextSpan] | None = None
) -> list[SentenceSpan]:
    """One labelled sentence per sentence of ``text``, each with a score in [0, 1] and a reason.

    ``text`` is a string or a :class:`~medialit.detect.parsed.ParsedText`; ``sentences`` default
    to :func:`medialit.text.sentence_spans`, and their offsets are kept. ``loaded`` are
    loaded-language spans found in ``text``; their density is one opinion signal.

    Most sentences of a news story hold no cue at all; those are found with one look-up each (the
    cues of the whole text are found first, in one pass over its words) and labelled as plain
    facts without running the rules, which would find nothing in them.
    """
    doc = parse(text, sentences)
    text, sentences = doc.text, doc.sentences
    if not sentences:
        return []
    words = _Words.of_document(doc, cue_table())
    page = _page(doc, words, loaded)
    lines, mask, flat = page.lines, page.mask, words.flat
    line_starts = [line.start for line in lines]
    line_info = _furniture_lines(page)  # line index -> _LineInfo, for the furniture lines and the first
    hits = _hits(page, words, 0, len(words.low), 0, len(text))
    hit_at = [at for at, _, _ in hits]
    n_hits, word_starts, word_ends = len(hit_at), words.start, words.end
    structure: list[tuple[str, str] | None] = [None] * len(sentences)
    # (label, score in [0, 1], what the rules read) from the rules alone; the reading (None for a
    # sentence with nothing to read) gives the reason, written only where page structure does not.
    decisions: list[tuple[str, float, _Reading | None]] = []
    bio: list[bool] = []
    for n, span in enumerate(sentences):
        start, end = span.start, span.end
        li = max(0, bisect_right(line_starts, start) - 1)
        line = lines[li] if lines else _Line(start, end)
        lo, hi = bisect_right(word_ends, start), bisect_left(word_starts, end)
        cut = hi > lo and (word_starts[lo] < start or word_ends[hi - 1] > end)  # a word cut in two
        k = bisect_left(hit_at, start)
        if (
            (k < n_hits and hit_at[k] < end)
            or cut
            or mask.find(1, start, end) >= 0
            or (li > 0 and lines[li - 1].end <= start and page.colon_ends[li - 1])  # after a lead-in
        ):
            if cut:  # tokenised afresh
                stretch = words.between(start, end)
                found = _hits(page, stretch.words, stretch.lo, stretch.hi, start, end)
            else:
                stretch = _Stretch(words, lo, max(lo, hi))
                found = hits[k : bisect_left(hit_at, end, k)]
            reading = _read(page, span, stretch, found, li)
            label, score = _decide(reading)
            decisions.append((label, round(min(1.0, max(0.0, score)), 3), reading))
            bio.append(reading.bio)
            has_quote = reading.in_marks
        else:  # no cue, no quotation, no source: what the rules say of any such sentence
            decisions.append(_PLAIN)
            bio.append(False)
            has_quote = None
            if li == 0 or li in line_info or end >= line.end:
                stretch = _Stretch(words, lo, max(lo, hi))
        if li == 0 or li in line_info or (end >= line.end and _may_be_structure(text, span, line, stretch)):
            if li == 0 and 0 not in line_info:  # the first line is read as a whole: it may be the headline
                line_info[0] = _line_info(page, line, 0)
            if has_quote is None:
                has_quote = _has_quote_mark(flat, start, end)
            structure[n] = _structure(text, span, line, li, line_info.get(li), stretch, has_quote)

    for n in _biography(text, sentences, bio, structure, lines):
        structure[n] = ("other", "Author biography: it tells you about the writer, not the news.")

    out = []
    for span, (label, score, reading), found in zip(sentences, decisions, structure, strict=True):
        if found is not None:
            label, reason = found
        else:
            reason = _PLAIN_REASON if reading is None else _reason(text, reading, label)
        out.append(SentenceSpan(span.start, span.end, text[span.start : span.end], label, reason, (), score))
    return out


def _page(doc: ParsedText, words: _Words, loaded: Sequence[LoadedSpan]) -> _Page:
    """What is worked out once for all the sentences of ``doc``."""
    text = doc.text
    mask = bytearray(len(text))
    for a, b in doc.quotes:
        mask[a:b] = b"\x01" * (b - a)
    lines = [_Line(p.start, p.end) for p in doc.paragraphs]
    for a, b in _continued_quotes(words, lines, mask):
        mask[a:b] = b"\x01" * (b - a)
    line_starts = [line.start for line in lines]
    colon_ends = [False] * len(lines)
    for li in {bisect_right(line_starts, p) - 1 for p in _positions(text, ":")}:  # only lines with a colon
        if li >= 0:
            line = lines[li]
            colon_ends[li] = _final_char(text[max(line.start, line.end - 4) : line.end]) == ":"
    return _Page(
        text,
        words,
        lines,
        mask,
        quoted=_runs(mask),
        loaded_starts=sorted(span.start for span in loaded if 0 <= span.start < len(text)),
        scare=list(doc.scare_quotes),
        marks=_positions(text, "?!"),
        colon_ends=colon_ends,
    )


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


def _furniture_lines(page: _Page) -> dict[int, _LineInfo]:
    """:func:`_line_info` of each line that is page furniture; no other line can be.

    Furniture holds a copyright sign, a picture credit (which has a colon) or a boilerplate cue.
    """
    words, text, lines = page.words, page.text, page.lines
    heads = words.cues.boilerplate_heads
    line_starts = [line.start for line in lines]

    def lines_at(positions: list[int]) -> set[int]:
        return {li for p in positions if (li := bisect_right(line_starts, p) - 1) >= 0}

    candidates = lines_at(_positions(text, "\u00a9"))
    candidates |= lines_at([words.start[i] for i in words.cue_heads if words.low[i] in heads])
    candidates |= {
        li for li in lines_at(_positions(text, ":")) if _CREDIT.match(text[lines[li].start : lines[li].end])
    }
    found = {}
    for li in sorted(candidates):
        info = _line_info(page, lines[li], li)
        if info.furniture:
            found[li] = info
    return found


def _may_be_structure(text: str, span: TextSpan, line: _Line, stretch: _Stretch) -> bool:
    """Could :func:`_structure` find a byline, lead-in or heading in a sentence that ends its line?

    Each of those is a whole line, or ends its line with a colon; a byline has at most 14 words
    and a heading ends without a full stop.
    """
    final = _final_char(text[span.start : span.end])
    if final == ":":
        return True
    whole_line = span.start <= line.start
    return whole_line and (stretch.hi - stretch.lo <= 14 or final not in _FULL_STOPS)


def _read(page: _Page, span: TextSpan, stretch: _Stretch, hits: Sequence[_Hit], line_index: int) -> _Reading:
    """Collect one sentence's cues, split into the writer's words and quoted words.

    ``hits`` are the places in the sentence where a rule may fire (see :func:`_hits`), in order.
    """
    start, end = span.start, span.end
    text, mask, lines = page.text, page.mask, page.lines
    reading = _Reading()
    if mask.find(1, start, end) >= 0:
        reading.quoted_share = page.quoted_share(start, end, stretch)
    if line_index > 0 and lines and lines[line_index - 1].end <= start:
        reading.lead_in = page.colon_ends[line_index - 1]
    reading.in_marks = page.words.flat.find('"', start, end) >= 0  # as _has_quote_mark()
    heads, persons, strong, marks, scare, loaded = by_kind = ([], [], [], [], [], [])
    for _, what, at in hits:
        by_kind[what].append(at)

    words, low = stretch.words, stretch.words.low
    found: list[tuple[int, int, str]] = []  # (start, end, kind) of each cue, in the order the rules meet them
    cues = _match_cues(stretch, heads) if heads else []
    for first, a, b, kind in cues:
        if kind == "bio":
            reading.bio = not reading.in_marks  # a biography quotes no one
        elif kind in _SOURCE_KINDS and first > stretch.lo and low[first - 1] in _DETERMINERS:
            continue  # "these reports", "his claims": a noun, not someone speaking
        elif kind == "evaluative" and first > stretch.lo and low[first - 1] in _COPULAS:
            found.append((a, b, "verdict"))
        elif (
            kind == "obligation"
            and low[first : first + 2] in _REQUIREMENTS
            and first + 3 < stretch.hi  # "has to restate its results"; "it has to end." is a demand
        ):
            found.append((a, b, "requirement"))
        else:
            found.append((a, b, kind))
    for i in persons:
        if not (low[i] == "us" and words.written(i) != "us"):
            found.append((words.start[i], words.end[i], "person"))
    if strong:
        covered = {a for _, a, _, _ in cues}  # a word that is part of a cue counts once
        for i in strong:
            if words.start[i] not in covered:
                found.append((words.start[i], words.end[i], "valence"))
    seen: set[tuple[str, bool]] = set()  # question and exclamation marks, once each for writer and quote
    for where in marks:
        kind = "question" if text[where] == "?" else "exclamation"
        if (kind, mask[where] == 1) not in seen:
            seen.add((kind, mask[where] == 1))
            found.append((where, where + 1, kind))
    for a, b in scare:
        found.append((a, b, "scare"))
    for a in loaded:
        found.append((a, a + 1, "loaded"))

    # Whose words: sources outside quotation marks, opinion cues the writer's or the quoted speaker's.
    writer, quoted_cues, attribution, stance = (
        reading.writer,
        reading.quoted,
        reading.attribution,
        reading.stance,
    )
    speaker = False  # "I" or "we" inside a quotation counts once
    for cue in found:
        a, b, kind = cue
        quoted = mask[a] == 1
        if kind in _SOURCE_KINDS:
            if not quoted:
                attribution.append(cue)
                if kind == "stance-verb":
                    stance.append(cue)
        elif kind == "person" and quoted:
            if not speaker:
                quoted_cues.append((a, b, "speaker"))
                speaker = True
        elif kind in _OPINION_KINDS:
            (quoted_cues if quoted else writer).append(cue)
    # A figure counts against quoted opinion: it is looked for only where there is some to count against.
    if (attribution or reading.quoted_share > 0 or reading.lead_in) and (
        quoted_cues or stance or reading.quoted_share >= 0.5
    ):
        reading.has_number = stretch.has_number()
    return reading


def _decide(r: _Reading) -> tuple[str, float]:
    """Label and opinion score for a sentence of the story."""
    writer = r.weight(r.writer)
    quoted = r.weight(r.quoted)
    stance = r.stance
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
        return "writer-opinion", score
    if attributed and q_ratio >= 1.0:
        return "quoted-opinion", score
    return ("attributed-fact" if attributed else "unattributed-fact"), score


# --- reasons -----------------------------------------------------------------------------------------


def _reason(text: str, r: _Reading, label: str) -> str:
    """The reason for ``label``, which :func:`_decide` gave a sentence of the story that reads ``r``."""
    attributed = bool(r.attribution) or r.quoted_share > 0 or r.lead_in
    if label == "writer-opinion":
        return _reason_writer(text, r, attributed)
    if label == "quoted-opinion":
        return _reason_quoted(text, r, r.stance)
    return _reason_fact(text, r, attributed=attributed)


def _name(kind: str) -> str:
    return _EXTRA_NAMES.get(kind) or CUE_KINDS.get(kind, kind)


def _cue_list(text: str, cues: list[_Cue], limit: int = 3) -> list[str]:
    """ "'clearly' (certainty marker) and 'crucial' (evaluative word)", strongest first."""
    if not cues:
        return []
    if len(cues) == 1:  # the usual case
        return ["1 loaded term" if cues[0][2] == "loaded" else _cue_words(text, cues[0])]
    seen: set[str] = set()
    taken: set[int] = set()
    taken_kinds: set[str] = set()
    parts = []
    named = [cue for cue in cues if cue[2] != "loaded"]  # loaded terms are only counted
    n_loaded = len(cues) - len(named)
    if len(named) > 1:
        named.sort(key=lambda c: (-_WEIGHTS.get(c[2], 0.0), c[0]))
    for cue in named:
        start, _, kind = cue
        if start in taken or kind in taken_kinds:
            continue
        taken.add(start)
        if kind in ("person", "speaker", "valence"):
            taken_kinds.add(kind)  # one example is enough
        part = _cue_words(text, cue)
        if part not in seen:
            seen.add(part)
            parts.append(part)
    if n_loaded:
        parts.append(f"{n_loaded} loaded term{'s' if n_loaded > 1 else ''}")
    return parts[:limit]


def _cue_words(text: str, cue: _Cue) -> str:
    """How a reason shows one cue: "'clearly' (certainty marker)", "a rhetorical question"."""
    start, end, kind = cue
    if kind == "question":
        return f"a {_name(kind)}"
    if kind == "exclamation":
        return "an exclamation mark"
    return f"'{' '.join(text[start:end].split())}' ({_name(kind)})"


def _join(parts: list[str]) -> str:
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no clear cue"


def _source_words(text: str, r: _Reading) -> str:
    if r.attribution:
        start, end, _ = r.attribution[0]
        return f"'{' '.join(text[start:end].split())}' credits a source"
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
        start, end, _ = stance[0]
        verb = " ".join(text[start:end].split())
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


# What the rules decide for a sentence in which they find nothing (see label_sentences), and why.
_PLAIN = (lambda label, score: (label, round(min(1.0, max(0.0, score)), 3), None))(*_decide(_Reading()))
_PLAIN_REASON = _reason("", _Reading(), _PLAIN[0])
