"""One parse of a text, shared by every detector: normalised forms, paragraphs, sentences, tokens, quotations."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..text import TextSpan, normalize, sentence_spans, straighten_quotes, trimmed_span
from .phrases import WordStarts, lower_keeping_offsets
from .quotes import quoted_regions
from .tokens import Tokens

__all__ = ["ParsedText", "Tokens", "parse"]

# A paragraph: a line's text without the white space around it (a blank line is none).
_PARAGRAPH = re.compile(r"^[^\S\n]*(\S(?:[^\n]*\S)?)", re.MULTILINE)
# Dashes that stand between words ("covered\u2014this") rather than inside one ("well-known").
_SPACING_DASHES = "\u2012\u2013\u2014\u2015\u2212"
# Web addresses, e-mail addresses and bare domains ("bit.ly/3xYz"): neither words nor figures.
_LINK = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']+"
    r"|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|org|net|gov|edu|ly|io|co|uk|us|info|news|tv|me|gl)\b(?:/[^\s<>\"']*)?",
    re.IGNORECASE,
)
# What every link holds: only lines with one of these are searched with _LINK. Each pattern starts
# with a literal character, which `re` finds much faster than a choice of several.
_LINK_HINTS = (
    re.compile("://"),
    re.compile("@"),
    re.compile(r"\.(?<=www\.)", re.IGNORECASE),
    re.compile(r"\.(?:com|org|net|gov|edu|ly|io|co|uk|us|info|news|tv|me|gl)\b", re.IGNORECASE),
)
_SIMPLE_SENTENCE = re.compile(r"[^\n]*?[.!?\u2026]+(?=\s|$)|[^\n]+")


@dataclass(frozen=True, eq=False)
class ParsedText:
    """A text and everything the detectors read from it, worked out once.

    Every offset is an offset into :attr:`text`: the normalised forms have the same length.
    Build one with :func:`parse`; the detectors accept one in place of a string.
    """

    text: str
    #: :func:`medialit.text.normalize` of the text: straight quotes, '-' for dashes, plain spaces.
    normalized: str
    #: Paragraphs: the non-blank lines, without their surrounding white space.
    paragraphs: tuple[TextSpan, ...]
    #: Sentences, from :func:`medialit.text.sentence_spans` (or the caller's own).
    sentences: tuple[TextSpan, ...]
    #: Someone else's words: (start, end) ranges from :func:`medialit.detect.quotes.quoted_regions`,
    #: without the scare quotes.
    quotes: tuple[tuple[int, int], ...]
    #: Scare quotes: a word or two the writer sets in quotation marks to hold it at a distance
    #: (terms like “hero”), which are the writer's words, not a quotation.
    scare_quotes: tuple[tuple[int, int], ...] = ()
    _derived: dict[str, Any] = field(default_factory=dict, repr=False)

    @cached_property
    def lowered(self) -> str:
        """:attr:`normalized` in lower case, keeping offsets (a character whose lower case is longer stays)."""
        return lower_keeping_offsets(self.normalized)

    @cached_property
    def spaced(self) -> str:
        """:attr:`normalized` with dashes between words as spaces, so "covered\u2014this" is two words."""
        text, flat = self.text, self.normalized
        dashes = sorted(offset for dash in _SPACING_DASHES if dash in text for offset in _offsets(text, dash))
        if not dashes:
            return flat
        pieces, start = [], 0
        for offset in dashes:
            pieces.append(flat[start:offset])
            start = offset + 1
        pieces.append(flat[start:])
        return " ".join(pieces)

    @cached_property
    def word_starts(self) -> WordStarts:
        """Every run of word characters in :attr:`lowered`, for :class:`~medialit.detect.phrases.PhrasePattern`."""
        # WordStarts finds the runs with re; the tokens, cut at their inner apostrophes and hyphens, are
        # the same runs, found several times faster.
        words = WordStarts("")
        words.lowered = self.lowered
        words.starts, words.ends, words.words = self.tokens.word_runs(self.lowered)
        return words

    @cached_property
    def tokens(self) -> Tokens:
        """Word tokens of :attr:`lowered`, with offsets."""
        return Tokens(self.lowered)

    @cached_property
    def vocabulary(self) -> frozenset[str]:
        """The distinct words of :attr:`tokens`: each detector looks a word up once, not once per token."""
        return frozenset(self.tokens.words)

    @cached_property
    def may_hold_links(self) -> bool:
        """Might the text hold a web or e-mail address? False means :attr:`links` is empty.

        A quick test (a few plain searches for what every link holds: "://", "@", "www." or a dot
        before a web domain), for detectors that can skip their look-ups of links in most texts.
        """
        if "links" in self.__dict__:
            return bool(self.links)
        return any(hint.search(self.text) for hint in _LINK_HINTS)

    @cached_property
    def links(self) -> list[tuple[int, int]]:
        """(start, end) of each web address, e-mail address or bare domain, in order."""
        found = []
        hints = {self.paragraph_index(m.start()) for hint in _LINK_HINTS for m in hint.finditer(self.text)}
        for line in [self.paragraphs[i] for i in sorted(hints)]:
            for m in _LINK.finditer(self.text, line.start, line.end):
                end = m.end()
                while end > m.start() and self.text[end - 1] in ".,;:!?)":
                    end -= 1
                found.append((m.start(), end))
        return found

    def paragraph_index(self, offset: int) -> int:
        """Index of the paragraph holding (or last before) ``offset``."""
        return max(0, bisect_right(self.paragraph_starts, offset) - 1)

    @cached_property
    def paragraph_starts(self) -> list[int]:
        return [p.start for p in self.paragraphs]

    def in_link(self, start: int, end: int) -> bool:
        """Does ``start..end`` overlap a web or e-mail address?"""
        i = bisect_right(self.links, (start, float("inf"))) - 1
        return any(a < end and start < b for a, b in self.links[max(i, 0) : i + 2])

    @cached_property
    def newlines(self) -> list[int]:
        """Offsets of every line break, in order."""
        return [m.start() for m in re.finditer("\n", self.text)]

    @cached_property
    def sentence_starts(self) -> list[int]:
        return [s.start for s in self.sentences]

    def sentence_at(self, offset: int) -> TextSpan | None:
        """The sentence holding ``offset``, or None between sentences."""
        i = bisect_right(self.sentence_starts, offset) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None

    def quote_speakers(self) -> dict[tuple[int, int], str]:
        """Who speaks each quotation: (start, end) from :attr:`quotes` -> the speaker's words.

        Worked out once, by the statistics detector's attribution rules
        (:func:`medialit.detect.statistics.attribution.quote_speakers`).
        """
        from .statistics.attribution import quote_speakers

        return quote_speakers(self)

    def derived(self, key: str, build: Callable[[ParsedText], Any]) -> Any:
        """``build(self)``, worked out once per document and shared by the detectors that need it.

        Used for what several detectors read but only one knows how to build, such as who speaks
        each quotation (worked out by the statistics detector's attribution rules).
        """
        if key not in self._derived:
            self._derived[key] = build(self)
        return self._derived[key]


def parse(text: str | ParsedText, sentences: Sequence[TextSpan] | None = None) -> ParsedText:
    """Parse ``text`` once for all the detectors; a :class:`ParsedText` is returned as it is.

    ``sentences`` replaces the kit's sentence splitter (offsets into ``text``). If NLTK's Punkt
    gives up on a pathological line, a plain split on end marks is used instead.
    """
    if isinstance(text, ParsedText):
        return text
    paragraphs = [TextSpan(m.start(1), m.end(1), m.group(1)) for m in _PARAGRAPH.finditer(text)]
    straightened = straighten_quotes(text)  # read by the sentence splitter, and the first step of normalize
    normalized = normalize(text, straightened)
    quotes, scare = [], []
    for region in quoted_regions(text):
        (scare if _is_scare_quote(normalized, *region) else quotes).append(region)
    return ParsedText(
        text=text,
        normalized=normalized,
        paragraphs=tuple(paragraphs),
        sentences=tuple(_sentences(text, straightened) if sentences is None else sentences),
        quotes=tuple(quotes),
        scare_quotes=tuple(scare),
    )


# What introduces a word held at a distance: terms like "hero", the so-called "reform", dubbed "the wall".
_MENTION_CUE = re.compile(
    r"(?:\blike|\bterms?|\bwords?|\bphrases?|\blabels?|\bcalled|\bso-called|\blabell?ed|\bdubbed|\bbranded"
    r"|\bnicknamed|\bcalls?|\bcalling)\s{1,3}$",
    re.IGNORECASE,
)


def _offsets(text: str, character: str) -> list[int]:
    """Every offset of ``character`` in ``text``, in order."""
    found = []
    offset = text.find(character)
    while offset >= 0:
        found.append(offset)
        offset = text.find(character, offset + 1)
    return found


def _is_scare_quote(flat: str, start: int, end: int) -> bool:
    """Is the quotation at ``start..end`` a scare quote: one to three words, no closing punctuation,
    introduced by a word such as "like", "called" or "so-called"?"""
    # Most quotations end in punctuation inside the marks: that is tested before anything is copied.
    if flat[start] not in "\"'" or end - start < 3 or flat[end - 1] not in "\"'" or flat[end - 2] in ".,;:!?":
        return False
    inner = flat[start + 1 : end - 1].strip()
    if not inner or inner[-1] in ".,;:!?" or len(inner.split(None, 3)) > 3:
        return False
    return bool(_MENTION_CUE.search(flat, max(0, start - 20), start))


def _sentences(text: str, straightened: str) -> list[TextSpan]:
    """:func:`medialit.text.sentence_spans`, or a plain split on end marks where Punkt gives up.

    NLTK's Punkt guards its own regular expressions with a time limit and raises on some very long
    lines; a detector for classroom texts should still answer.
    """
    try:
        return sentence_spans(text, straightened)
    except (TimeoutError, ValueError, RecursionError):
        spans = (trimmed_span(text, m.start(), m.end()) for m in _SIMPLE_SENTENCE.finditer(text))
        return [span for span in spans if span is not None]
