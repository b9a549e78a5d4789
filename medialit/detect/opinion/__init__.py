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

from ...schema import LoadedSpan, SentenceSpan
from ...text import TextSpan
from ..parsed import ParsedText, parse
from .reasons import _reason
from .rules import _decide, _hits, _Page, _read, _Reading
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
    CUE_COLUMNS,
    CUE_FILE,
    CUE_KINDS,
    _has_quote_mark,
    _positions,
    _runs,
    _Stretch,
    _Words,
    cue_table,
    opinion_cues,
)

__all__ = ["CUE_COLUMNS", "CUE_FILE", "CUE_KINDS", "label_sentences", "opinion_cues"]

_FULL_STOPS = frozenset(".:,;!")  # a line ending in one of these is not a section heading


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
    lines, mask, flat, colon_ends = page.lines, page.mask, words.flat, page.colon_ends
    line_starts = [line.start for line in lines]
    line_ends = [line.end for line in lines]
    line_info = _furniture_lines(page)  # line index -> _LineInfo, for the furniture lines and the first
    hits = _hits(page, words, 0, len(words.low), 0, len(text))
    hit_at = [at for at, _, _ in hits]
    n_hits, word_starts, word_ends = len(hit_at), words.start, words.end
    structure: list[tuple[str, str] | None] = [None] * len(sentences)  # (label, reason) of page furniture
    bio: list[bool] = []  # does the sentence read like a line of an author biography?
    out: list[SentenceSpan] = []
    for n, span in enumerate(sentences):
        start, end = span.start, span.end
        li = max(0, bisect_right(line_starts, start) - 1)
        line = lines[li] if lines else _Line(start, end)
        lo, hi = bisect_right(word_ends, start), bisect_left(word_starts, end)
        cut = hi > lo and (word_starts[lo] < start or word_ends[hi - 1] > end)  # a word cut in two
        k = bisect_left(hit_at, start)
        quoted = mask.find(1, start, end) >= 0
        lead_in = li > 0 and line_ends[li - 1] <= start and colon_ends[li - 1]  # the line before ends in ":"
        if (k < n_hits and hit_at[k] < end) or cut or quoted or lead_in:
            if cut:  # tokenised afresh
                stretch = words.between(start, end)
                found = _hits(page, stretch.words, stretch.lo, stretch.hi, start, end)
            else:
                stretch = _Stretch(words, lo, max(lo, hi))
                found = hits[k : bisect_left(hit_at, end, k)]
            reading = _read(page, start, end, stretch, found, quoted, lead_in)
            label, score = _decide(reading)
            score = round(score, 3)
            bio.append(reading.bio)
            has_quote = reading.in_marks
        else:  # no cue, no quotation, no source: what the rules say of any such sentence
            label, score, reading = _PLAIN
            bio.append(False)
            has_quote = None
            if li == 0 or li in line_info or end >= line.end:
                stretch = _Stretch(words, lo, max(lo, hi))
        furniture = None
        if li == 0 or li in line_info or (end >= line.end and _may_be_structure(text, span, line, stretch)):
            if li == 0 and 0 not in line_info:  # the first line is read as a whole: it may be the headline
                line_info[0] = _line_info(page, line, 0)
            if has_quote is None:
                has_quote = _has_quote_mark(flat, start, end)
            furniture = structure[n] = _structure(text, span, line, li, line_info.get(li), stretch, has_quote)
        if furniture is not None:
            label, reason = furniture
        else:
            reason = _PLAIN_REASON if reading is None else _reason(text, reading, label)
        out.append(SentenceSpan(start, end, text[start:end], label, reason, (), score))

    for n in _biography(text, sentences, bio, structure, lines):
        found = out[n]
        reason = "Author biography: it tells you about the writer, not the news."
        out[n] = SentenceSpan(found.start, found.end, found.text, "other", reason, (), found.score)
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


# What the rules decide for a sentence in which they find nothing (see label_sentences), and why.
_PLAIN = (lambda label, score: (label, round(score, 3), None))(*_decide(_Reading()))
_PLAIN_REASON = _reason("", _Reading(), _PLAIN[0])
