"""Sentences and word tokens with character offsets, using only NLTK's data-free parts."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from nltk.tokenize import NLTKWordTokenizer
from nltk.tokenize.punkt import (
    _ORTHO_BEG_UC,
    _ORTHO_LC,
    _ORTHO_MID_LC,
    PunktLanguageVars,
    PunktParameters,
    PunktSentenceTokenizer,
)

from .sentence_ends import PlainPunkt, PunktLines, PunktRules

__all__ = [
    "ABBREVIATIONS",
    "TextSpan",
    "Token",
    "normalize",
    "sentence_spans",
    "straighten_quotes",
    "word_spans",
]

#: Abbreviations that end in a period but do not end a sentence (lower case, no final period).
ABBREVIATIONS: frozenset[str] = frozenset(
    """
    u.s u.s.a u.k u.n e.u d.c p.j a.m p.m e.g i.e etc vs approx est no nos
    mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep rev hon pres supt
    inc corp co ltd dept univ assn bros
    jan feb mar apr jun jul aug sep sept oct nov dec
    ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss
    mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
    """.split()
)

#: Common words that are written in lower case mid-sentence. Punkt uses this
#: "orthographic context" to decide that a capitalised one after a period
#: ("Agent X. Rest assured ...") starts a new sentence, while an unknown
#: capitalised word ("Donald J. Trump") does not.
SENTENCE_OPENERS: frozenset[str] = frozenset(
    """
    a about after again against all also although an and another any as at because
    before both but by despite during each even every few first for from further
    he her here his how however i if in instead it its just last let many meanwhile
    more most much my next no none nor not now of on once one only or other our
    over perhaps rest she similarly since so some still such than that the their
    them then there these they this those though through thus to today under unless
    until we what when where whether which while who why with without yet you your
    """.split()
)


@dataclass(frozen=True, init=False)
class TextSpan:
    """A stretch of a text: ``text == source[start:end]``."""

    start: int
    end: int
    text: str

    def __init__(self, start: int, end: int, text: str) -> None:
        # A frozen dataclass's own __init__ sets each field through object.__setattr__; filling the
        # instance's dictionary directly is more than twice as fast, and a parse builds thousands.
        fields = self.__dict__
        fields["start"] = start
        fields["end"] = end
        fields["text"] = text


Token = TextSpan


def trimmed_span(text: str, start: int, end: int) -> TextSpan | None:
    """``text[start:end]`` without white space at either end, as a :class:`TextSpan`; None if nothing is left."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return TextSpan(start, end, text[start:end]) if end > start else None


# One character in, one character out, so offsets into a translated text are
# offsets into the original.
_SPACES = {ch: " " for ch in "\u00a0\u2002\u2003\u2009\u202f"}
_QUOTES = {ch: "'" for ch in "\u2018\u2019\u201a\u201b\u2032"} | {
    ch: '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb"
}
_DASHES = {ch: "-" for ch in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"}


class _CharacterMap:
    """Replace single characters by single characters, as ``str.translate`` does, only faster.

    ``str.translate`` looks up every character of a text that is not pure ASCII, one at a time;
    replacing each mapped character in turn with ``str.replace`` gives the same text many times
    faster. That needs no mapped-to character to be mapped itself, which is checked here.
    """

    __slots__ = ("pairs",)

    def __init__(self, mapping: dict[str, str]) -> None:
        if any(len(k) != 1 or len(v) != 1 or v in mapping for k, v in mapping.items()):
            raise ValueError("a character map takes one character to one character that is not mapped itself")
        self.pairs = tuple(mapping.items())

    def __call__(self, text: str) -> str:
        for old, new in self.pairs:
            if old in text:
                text = text.replace(old, new)
        return text


_NORMALIZE = _CharacterMap(_SPACES | _QUOTES | _DASHES)
_STRAIGHT_QUOTES = _CharacterMap(_QUOTES)
_SPACES_AND_DASHES = _CharacterMap(_SPACES | _DASHES)  # the rest of _NORMALIZE after _STRAIGHT_QUOTES
# For tokenising: dashes are kept (NLTK splits them off itself), and the
# ellipsis is shown to NLTK as ";" so that "fame\u2026while" splits.
_TOKENIZE = _CharacterMap(_SPACES | _QUOTES | {"\u2026": ";"})


def straighten_quotes(text: str) -> str:
    """Curly quotation marks and apostrophes made straight, as Punkt is shown a text (same length)."""
    return _STRAIGHT_QUOTES(text)


def normalize(text: str, straightened: str | None = None) -> str:
    """Straighten curly quotes, turn dashes into '-' and odd spaces into ' '.

    Every character maps to exactly one character, so ``len(normalize(t)) ==
    len(t)`` and an offset into the result is an offset into ``t``. A caller that
    has :func:`straighten_quotes` of ``text`` already hands it in as ``straightened``.
    """
    return _NORMALIZE(text) if straightened is None else _SPACES_AND_DASHES(straightened)


class _NewsLanguageVars(PunktLanguageVars):
    """Punkt's English rules, plus the ellipsis character as a sentence end."""

    sent_end_chars = (".", "?", "!", "\u2026")


@lru_cache(maxsize=1)
def _sentence_tokenizer() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    for word in SENTENCE_OPENERS:
        params.ortho_context[word] = _ORTHO_LC | _ORTHO_MID_LC | _ORTHO_BEG_UC
    return PunktSentenceTokenizer(params, lang_vars=_NewsLanguageVars())


# Lines on which the fast path must agree with Punkt before it is trusted (see _punkt_rules).
_SELF_CHECK = (
    'Mr. Smith met J. Doe on Jan. 5 in the U.S. capital. "Why?" she asked. No. 5 won! It rained... '
    "Then 3,000 people came. at 7 a.m. Voters lined up (see p. 4). He left.\n"
    "Dr. Lee said: \u201cWe doubled it.\u201d The end? Yes."
)


@lru_cache(maxsize=1)
def _punkt_rules() -> PunktRules | None:
    """Punkt's certain decisions (:mod:`medialit.sentence_ends`), or None if this NLTK's Punkt is not the
    one they were written for.

    The fast path reads some of Punkt's private parts. It is trusted only if it builds and splits
    :data:`_SELF_CHECK` exactly as Punkt reading every line does; otherwise Punkt reads every line
    itself: slower, never different.
    """
    try:
        rules = PunktRules(_sentence_tokenizer())
        flat = _STRAIGHT_QUOTES(_SELF_CHECK)
        plain = _sentence_spans(_SELF_CHECK, PlainPunkt(_sentence_tokenizer(), flat))
        if _sentence_spans(_SELF_CHECK, rules.lines(flat)) == plain:
            return rules
    except (AttributeError, TypeError, ValueError, IndexError, KeyError):
        pass
    return None


def _line_reader(text: str, straightened: str | None = None) -> PunktLines | PlainPunkt:
    """What gives Punkt's sentences in each line of ``text``: the fast path where it is trusted.

    ``straightened``: :func:`straighten_quotes` of ``text``, if the caller has it."""
    flat = _STRAIGHT_QUOTES(text) if straightened is None else straightened
    rules = _punkt_rules()
    return rules.lines(flat) if rules is not None else PlainPunkt(_sentence_tokenizer(), flat)


_WEEKDAYS_MONTHS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday|tonight"
    "|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june|july"
    "|august|september|october|november|december"
)
# Abbreviations that also end sentences: "at 7 a.m. Voters lined up", "The governor said no. Officials
# were surprised". A capitalised word after them starts a new sentence, unless it is a day, a month or a
# time zone ("7 a.m. Tuesday", "9 p.m. ET").
# The capital and the time zones are matched case-sensitively ((?-i:...)): "a 5 p.m. deadline" goes on.
_ENDING_ABBREVIATION = re.compile(
    rf"\b(?:[ap]\.m\.|[Nn]o\.)[\"'\u201d\u2019)]?\s+(?=(?-i:[\"'\u201c\u2018(]?[A-Z]))"
    rf"(?!(?:{_WEEKDAYS_MONTHS})\b|(?-i:[A-Z]{{1,2}}T\b|UTC\b|GMT\b))",
    re.IGNORECASE,
)
# The periods that end "a.m.", "p.m." or "no.", found faster than by _ENDING_ABBREVIATION itself.
_MAY_END_ABBREVIATION = re.compile(r"\.(?<=[AaPp]\.[Mm]\.)|\.(?<=[Nn][Oo]\.)")
# A short attribution after a quotation that ends in '!' or '?': "\u201cWe will not back down!\u201d Jones said."
_ATTRIBUTION = re.compile(
    r"(?:[A-Z][\w'\u2019.-]*\s+){1,4}(?:said|says|asked|asks|added|adds|told|shouted|replied|wrote|insisted|"
    r"explained|noted|warned|recalled|declared|exclaimed)\b"
)


def _starts_lowercase(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` go on from the sentence before: a lower-case word, or a comma or semicolon first?"""
    for i in range(start, end):
        ch = text[i]
        if ch.isalpha():
            return ch.islower()
        if ch in ",;:":
            return True
        if not (ch.isspace() or ch in "\"'\u201c\u201d\u2018\u2019(\u2026."):
            return False
    return False


def _ends_with_quoted_cry(text: str, start: int, end: int) -> bool:
    """Does ``text[start:end]`` end in '!' or '?' and a closing quotation mark (then only white space)?"""
    while end > start and text[end - 1].isspace():
        end -= 1
    return end - start >= 2 and text[end - 1] in "\"'\u201d\u2019" and text[end - 2] in "!?"


def _joins(text: str, previous: list[int], start: int, end: int) -> bool:
    """Does ``text[start:end]`` belong to the sentence ``previous`` (start, end) before it, although Punkt split them?"""
    # Most pieces open with a capital, which does not go on from the sentence before: tested first.
    return (not text[start].isupper() and _starts_lowercase(text, start, end)) or (
        _ends_with_quoted_cry(text, *previous) and bool(_ATTRIBUTION.match(text, start, end))
    )


def _split_after_abbreviations(chunk: str, start: int, end: int) -> list[list[int]]:
    """Cut a piece after an abbreviation that ends a sentence here (see _ENDING_ABBREVIATION)."""
    cuts = [m.end() for m in _ENDING_ABBREVIATION.finditer(chunk, start, end)]
    bounds = [start, *cuts, end]
    return [[a, b] for a, b in pairwise(bounds) if chunk[a:b].strip()]


def _kit_rules(
    text: str, found: list[tuple[int, int]], source: str, offset: int, abbreviated: bool
) -> list[list[int]]:
    """The kit's rules over Punkt's sentences ``found`` in a line of ``text``: a piece that goes on from
    the sentence before joins it; with ``abbreviated``, a piece is cut after an abbreviation that ends a
    sentence (searched in ``source``, the string Punkt read, which starts at ``offset`` in ``text``)."""
    pieces: list[list[int]] = []
    for a, b in found:
        if pieces and _joins(text, pieces[-1], a, b):
            pieces[-1][1] = b
        else:
            pieces.append([a, b])
    if abbreviated:
        pieces = [
            [offset + a, offset + b]
            for start, end in pieces
            for a, b in _split_after_abbreviations(source, start - offset, end - offset)
        ]
    return pieces


def sentence_spans(text: str, straightened: str | None = None) -> list[TextSpan]:
    """Split ``text`` into sentences with character offsets.

    Line breaks always end a sentence (headlines, bylines and quote blocks sit
    on their own lines). Within a line, Punkt splits with the kit's own
    abbreviation list; a split followed by a lower-case word (``"...them?" the
    agent asked.``) is undone. Spans carry no surrounding white space, and only
    white space lies between them.

    Punkt is asked only where its answer is in doubt (:mod:`medialit.sentence_ends`); the
    sentences are the same as when it reads every line itself. A caller that has
    :func:`straighten_quotes` of ``text`` already hands it in as ``straightened``.
    """
    return _sentence_spans(text, _line_reader(text, straightened))


def _sentence_spans(text: str, punkt: PunktLines | PlainPunkt) -> list[TextSpan]:
    """:func:`sentence_spans`, with ``punkt`` giving Punkt's sentences in a line (offsets into ``text``)."""
    spans: list[TextSpan] = []
    # Where _ENDING_ABBREVIATION may match: its rule is tried only in those lines.
    abbreviations = [m.start() for m in _MAY_END_ABBREVIATION.finditer(text)]
    for line_start, line_end, found in punkt.line_slices(MAX_CHUNK):
        abbreviated = bool(abbreviations) and _holds(abbreviations, line_start, line_end)
        if found is not None:
            if len(found) > 1 or abbreviated:  # a single sentence needs neither rule
                found = _kit_rules(text, found, text, 0, abbreviated)
        else:  # Punkt reads each chunk of a long line as a string of its own
            found = []
            for base, chunk in _chunks(line_start, text[line_start:line_end]):
                pieces = punkt.slices(base, base + len(chunk), whole_line=False)
                if len(pieces) > 1 or abbreviated:
                    pieces = _kit_rules(text, pieces, chunk, base, abbreviated)
                found += pieces
        for a, b in found:
            # Punkt's sentences rarely start or end with white space: trimmed only where they do.
            if a < b and not text[a].isspace() and not text[b - 1].isspace():
                spans.append(TextSpan(a, b, text[a:b]))
            elif (span := trimmed_span(text, a, b)) is not None:
                spans.append(span)
    return spans


def _holds(positions: list[int], start: int, end: int) -> bool:
    """Does the sorted list ``positions`` hold one in ``[start, end)``?"""
    i = bisect_left(positions, start)
    return i < len(positions) and positions[i] < end


#: Lines longer than this are cut into chunks before Punkt sees them: NLTK stops a regular-expression
#: pass over one string after a few seconds, and a huge line without breaks would hit that limit.
MAX_CHUNK = 20_000
_CHUNK_END = re.compile(r"[.?!\u2026][\"'\u201d\u2019)]*\s+(?=\S)")


def _chunks(base: int, line: str) -> list[tuple[int, str]]:
    """(offset, piece) pieces of a line, each at most MAX_CHUNK long, cut after a sentence end where possible."""
    pieces = []
    start = 0
    while len(line) - start > MAX_CHUNK:
        window = line[start : start + MAX_CHUNK]
        ends = [m.end() for m in _CHUNK_END.finditer(window)]
        cut = ends[-1] if ends else (window.rfind(" ") + 1 or MAX_CHUNK)
        pieces.append((base + start, line[start : start + cut]))
        start += cut
    pieces.append((base + start, line[start:]))
    return pieces


@lru_cache(maxsize=1)
def _word_tokenizer() -> NLTKWordTokenizer:
    return NLTKWordTokenizer()


_FALLBACK_WORD = re.compile(r"\w+(?:[-'\u2019.]\w+)*|[^\w\s]", re.UNICODE)


def word_spans(text: str) -> list[TextSpan]:
    """Word and punctuation tokens with offsets, one sentence at a time.

    Uses NLTK's word tokenizer (the one behind ``word_tokenize``), shown the
    text with straight quotes, so curly apostrophes split like straight ones.
    Where NLTK cannot align its tokens with the text (rare, on unusual
    unicode), that sentence falls back to a simple regular expression.
    """
    flat = _TOKENIZE(text)
    tokens: list[TextSpan] = []
    for sentence in sentence_spans(text):
        piece = flat[sentence.start : sentence.end]
        try:
            pairs = list(_word_tokenizer().span_tokenize(piece))
        except ValueError:
            pairs = [(m.start(), m.end()) for m in _FALLBACK_WORD.finditer(piece)]
        for start, end in pairs:
            a, b = sentence.start + start, sentence.start + end
            tokens.append(TextSpan(a, b, text[a:b]))
    return tokens


def word_count(text: str) -> int:
    """How many tokens in ``text`` contain a letter or digit."""
    return sum(1 for token in word_spans(text) if any(ch.isalnum() for ch in token.text))
