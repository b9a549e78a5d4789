"""Where NLTK's Punkt ends the sentences of each line, found in one pass; Punkt decides only the doubtful places.

Punkt (:mod:`nltk.tokenize.punkt`) looks at every '.', '?', '!' or '…' followed by white space or
punctuation (a *candidate*), tokenizes the word before it and the token after it (the *context*),
and ends a sentence there if a token other than the last is marked as a break. For most candidates
the answer follows for certain from Punkt's rules and the tokenizer's parameters:

* '?', '!' and '…' cannot be part of a word (``_re_non_word_chars``), so each is a token of its own,
  which Punkt's first pass marks as a break; the second pass only revisits tokens ending in a
  period, so the break stays.
* A period ends the token before it when that token follows white space, the line's start, or an
  opening mark that is a token of its own (``"``, ``(``, ``[``). If the token is letters (with inner
  periods, as in "L.A.") that are neither an abbreviation nor a single letter (an initial), the
  first pass marks a break and, with no collocations learnt, the second pass leaves it.
* A whole number ("in 2019. The") is marked a break too, and the second pass undoes that only if its
  orthographic heuristic calls the next token a non-starter, which it never does for a capital.
* After an abbreviation, an initial or a number, a next word in lower case is never a starter for the
  orthographic heuristic, provided no word is known to begin sentences in lower case only; then no
  token of the context is a break, if the next token holds no end mark and the context holds
  nothing before the word.

:class:`PunktLines` finds the candidates with one regular expression over the whole text and asks
Punkt, through its own context and decision functions, only about the rest (as "Mr. Smith" or
"Jan. 5"): for each line, the spans are those of Punkt's ``span_tokenize``. :meth:`PunktLines.line_slices`
walks the lines and the candidates together, in one pass. ``tests/test_sentence_ends.py`` compares
them with :class:`PlainPunkt` on tricky input, on every text in the project and on random mixes.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Iterator

from nltk.tokenize.punkt import _ORTHO_BEG_LC, _ORTHO_UC, PunktSentenceTokenizer

__all__ = ["PlainPunkt", "PunktLines", "PunktRules"]

# NLTK compiles Punkt's expressions with the `regex` module, whose \s is Unicode's White_Space; the
# standard `re` also counts the separators U+001C..U+001F as space. These two classes are `regex`'s
# \s (without the line break, which ends every line Punkt sees) and \S, written for `re`.
_SPACE = r"[^\S\n\x1c-\x1f]"
_NON_SPACE = r"[\S\x1c-\x1f]"
_SEPARATORS = "\x1c\x1d\x1e\x1f"
# Punkt's ``re_boundary_realignment``: closing marks after a sentence end belong to that sentence.
_CLOSING = "\"')]}\u2018\u2019\u201c\u201d\xab\xbb"
_REALIGN = re.compile(rf"[{re.escape(_CLOSING)}]+?(?:{_SPACE}+|(?=--)|$)")
# ``_get_last_whitespace_index``: Punkt's context starts after the last ASCII white space.
_ASCII_SPACE = re.compile(f"[{re.escape(string.whitespace)}]")
_ALL_ASCII_SPACE = re.compile(f"[{re.escape(string.whitespace)}]*")
# A token before a period that Punkt reads as letters with periods ("Mr", "U.S", "L.A") or as a number
# ("2019", "3,000"), after opening marks that are tokens of their own.
_TOKEN = re.compile(r'["(\[]*(?:([A-Za-z]+(?:[.-][A-Za-z]+)*)|([0-9][0-9,]*))')
_CLOSING_TOKENS = frozenset(')]}"')
_OTHER_ASCII_SPACE = re.compile("[\t\r\x0b\x0c]")
_END_MARKS = re.compile("[.?!\u2026]")

BREAK, NO_BREAK, ASK = "break", "no break", "ask"


class PunktRules:
    """What one Punkt tokenizer decides for certain, worked out once from its parameters."""

    def __init__(self, tokenizer: PunktSentenceTokenizer) -> None:
        self.tokenizer = tokenizer
        params, lang = tokenizer._params, tokenizer._lang_vars
        self.abbreviations = params.abbrev_types
        # A learnt collocation could turn any period into an abbreviation: then Punkt is asked each time.
        self.plain_periods = not params.collocations
        # Punkt's orthographic heuristic calls a lower-case word a non-starter unless the word was seen
        # beginning a sentence in lower case and never in upper case.
        self.lower_never_starts = all(
            flags & _ORTHO_UC or not flags & _ORTHO_BEG_LC for flags in params.ortho_context.values()
        )
        # A candidate, and the token after it (group 1), one pattern per end mark: a pattern that starts
        # with a literal character is searched for much faster than one that starts with a class.
        self.candidates = [
            (mark, re.compile(rf"{re.escape(mark)}(?={lang._re_non_word_chars}|{_SPACE}+({_NON_SPACE}+))"))
            for mark in lang.sent_end_chars
        ]

    def lines(self, flat: str) -> PunktLines:
        """The sentences of ``flat`` (the text as Punkt reads it), line by line."""
        return PunktLines(self, flat)


class PunktLines:
    """Punkt's sentence spans for the lines of one text, each line's worked out on demand.

    Made by :meth:`PunktRules.lines`. ``flat`` is the text as Punkt reads it (the kit straightens
    its quotation marks first).
    """

    def __init__(self, rules: PunktRules, flat: str) -> None:
        self.rules = rules
        self.flat = flat
        # `regex` and `re` read U+001C..U+001F differently: a text with those is left to Punkt.
        self._any_line = not any(separator in flat for separator in _SEPARATORS)
        self._candidates = sorted(
            (m.start(), m.start(1), m.group(1))
            for mark, pattern in rules.candidates
            if mark in flat
            for m in pattern.finditer(flat)
        )
        self._positions = [candidate[0] for candidate in self._candidates]
        self._decided: dict[str, bool] = {}

    def slices(self, start: int, end: int, whole_line: bool = True) -> list[tuple[int, int]]:
        """Punkt's ``span_tokenize`` of ``flat[start:end]``, with offsets into ``flat``.

        ``whole_line`` is False for a piece of a line, whose candidates near its end differ from
        the whole line's: Punkt reads the piece itself, asked only about the doubtful candidates.
        """
        if not (whole_line and self._any_line):
            return self._ask_punkt(start, end)
        first = bisect_left(self._positions, start)
        last = bisect_left(self._positions, end, first)
        line_end = start + len(self.flat[start:end].rstrip())  # Punkt's last sentence ends there
        if first == last:  # no candidate: one sentence
            return [(start, line_end)] if line_end > start else []
        return self._line(start, end, line_end, self._candidates[first:last])

    def line_slices(self, max_length: int) -> Iterator[tuple[int, int, list[tuple[int, int]] | None]]:
        """(start, end, :meth:`slices` of it) for each line of ``flat`` that is not empty, in order.

        The lines and their candidates are walked together, in one pass. A line longer than
        ``max_length`` comes with None: the caller cuts it into pieces for :meth:`slices`.
        """
        if not self._any_line:
            yield from _each_line(self, max_length)
            return
        candidates = self._candidates
        count = len(candidates)
        i = 0
        end = -1
        for line in self.flat.split("\n"):
            start, end = end + 1, end + 1 + len(line)
            if not line:
                continue
            first = i
            while i < count and candidates[i][0] < end:
                i += 1
            if end - start > max_length:
                yield start, end, None
                continue
            line_end = start + len(line.rstrip())
            if first == i:  # no candidate: one sentence
                yield start, end, [(start, line_end)] if line_end > start else []
            else:
                yield start, end, self._line(start, end, line_end, candidates[first:i])

    def _line(
        self, start: int, end: int, line_end: int, candidates: list[tuple[int, int, str | None]]
    ) -> list[tuple[int, int]]:
        """:meth:`slices` of the whole line ``flat[start:end]``, whose ``candidates`` are given
        (not empty); ``line_end`` is where its last character that is not white space ends."""
        flat = self.flat
        pieces = []
        sentence_start = start
        previous_position = -1
        for position, next_token, next_text in candidates:
            # Punkt skips a candidate when the next one follows without ASCII white space between them.
            if (
                previous_position >= 0
                and flat[previous_position + 1] != " "
                and not _ASCII_SPACE.search(flat, previous_position + 1, position)
            ):
                return self._ask_punkt(start, end)
            kind = (
                BREAK if flat[position] != "." else self._kind(position, next_token, next_text, start, None)
            )
            if kind == ASK:
                context = self._context(position, next_token, next_text, previous_position, start)
                if context is None:
                    return self._ask_punkt(start, end)
                kind = BREAK if self._decide(context) else NO_BREAK
            if kind == BREAK:
                following = (
                    next_token if next_token >= 0 else position + 1
                )  # where Punkt's next sentence starts
                # Punkt's ``_realign_boundaries``: closing marks after the break belong to this sentence.
                realigned = _REALIGN.match(flat, following, line_end) if flat[following] in _CLOSING else None
                if realigned:
                    pieces.append((sentence_start, following + len(realigned.group().rstrip())))
                    sentence_start = realigned.end()
                else:
                    pieces.append((sentence_start, position + 1))
                    sentence_start = following
            previous_position = position
        if sentence_start < line_end:
            pieces.append((sentence_start, line_end))
        return pieces

    def _kind(
        self,
        position: int,
        next_token: int,
        next_text: str | None,
        line_start: int,
        context_start: int | None,
    ) -> str:
        """Is the candidate at ``position`` certainly a break (BREAK), certainly not (NO_BREAK), or in doubt (ASK)?

        ``next_token``/``next_text``: where the token after it starts and the token (-1 and None when
        punctuation follows). ``line_start``: where the line (or piece) Punkt reads starts.
        ``context_start``: where Punkt's context starts, or None when no candidate before it in the
        line was skipped (the context then starts after the last ASCII white space).
        """
        flat, rules = self.flat, self.rules
        if flat[position] != ".":
            return BREAK
        # A next token that starts with '.' could make Punkt read ". . ." as one token.
        if not rules.plain_periods or (next_text is not None and next_text[0] == "."):
            return ASK
        # After a closing mark (a token of its own) the period is a token of its own: a break.
        if position > line_start and flat[position - 1] in _CLOSING_TOKENS:
            return BREAK
        # The token before the period, after a space or the line's start (other white space: ask).
        token_start = flat.rfind(" ", line_start, position) + 1 or line_start
        word = flat[token_start:position]
        # Most tokens are plain ASCII letters or digits: no need for _TOKEN's reading then.
        if word.isascii() and word.isalpha():
            letters, number = word, None
        elif word.isascii() and word.isdigit():
            letters, number = None, word
        else:
            token = _TOKEN.fullmatch(flat, token_start, position)
            if token is None:
                return ASK
            letters, number = token.groups()
            word = letters or number
        word = word.lower()
        abbreviations = rules.abbreviations
        abbreviation = word in abbreviations or ("-" in word and word.rsplit("-", 1)[-1] in abbreviations)
        if abbreviation:
            pass
        elif letters and len(word) > 1:
            return BREAK  # neither an abbreviation nor an initial
        elif number and next_token >= 0 and flat[next_token].isupper():
            return BREAK  # a number before a capital
        if (
            rules.lower_never_starts
            and next_text is not None
            and "a" <= next_text[0] <= "z"
            and not _END_MARKS.search(next_text)
            and (context_start is None or _ALL_ASCII_SPACE.fullmatch(flat, context_start, token_start))
        ):
            return NO_BREAK
        return ASK

    def _context(
        self, position: int, next_token: int, next_text: str | None, previous: int, line_start: int
    ) -> str | None:
        """Punkt's context for the candidate at ``position`` (``_match_potential_end_contexts``): the word
        before it, the mark and what follows. Only for a candidate where no candidate before it in the
        line was skipped (``previous`` is the one before, or -1); None where white space other than a
        space would need Punkt's own reading."""
        flat = self.flat
        # Punkt's word starts after the last ASCII white space since the previous candidate (for the
        # first one, not counting the line's first character), else at the line's start.
        low = previous + 1 if previous >= 0 else line_start + 1
        space = flat.rfind(" ", low, position)
        if _OTHER_ASCII_SPACE.search(flat, max(space, low), position):
            return None
        context_start = space + 1 if space >= 0 else line_start
        after = (
            flat[position + 1 : next_token + len(next_text)] if next_text is not None else flat[position + 1]
        )
        return flat[context_start : position + 1] + after

    def _decide(self, context: str) -> bool:
        """Punkt's own decision for a context (``text_contains_sentbreak``), worked out once per context."""
        decided = self._decided.get(context)
        if decided is None:
            decided = self._decided[context] = self.rules.tokenizer.text_contains_sentbreak(context)
        return decided

    def _ask_punkt(self, start: int, end: int) -> list[tuple[int, int]]:
        """Punkt's own steps over ``flat[start:end]``; its decision is asked where :meth:`_kind` cannot tell."""
        tokenizer = self.rules.tokenizer
        line = self.flat[start:end]
        breaks = []
        sentence_start = 0
        for match, context in tokenizer._match_potential_end_contexts(line):
            next_token = match.start("next_tok")
            context_start = match.start() - (len(context) - 1 - len(match.group("after_tok")))
            kind = self._kind(
                start + match.start(),
                start + next_token if next_token >= 0 else -1,
                match.group("next_tok"),
                start,
                start + context_start,
            )
            if kind == ASK:
                kind = BREAK if self._decide(context) else NO_BREAK
            if kind == BREAK:
                breaks.append(slice(sentence_start, match.end()))
                sentence_start = next_token if next_token >= 0 else match.end()
        breaks.append(slice(sentence_start, len(line.rstrip())))
        return [(start + s.start, start + s.stop) for s in tokenizer._realign_boundaries(line, breaks)]


class PlainPunkt:
    """Punkt reading every line itself: the reference :class:`PunktLines` must agree with (in tests)."""

    def __init__(self, tokenizer: PunktSentenceTokenizer, flat: str) -> None:
        self.tokenizer = tokenizer
        self.flat = flat

    def slices(self, start: int, end: int, whole_line: bool = True) -> list[tuple[int, int]]:
        """``span_tokenize`` of ``flat[start:end]``, with offsets into ``flat``."""
        return [(start + a, start + b) for a, b in self.tokenizer.span_tokenize(self.flat[start:end])]

    def line_slices(self, max_length: int) -> Iterator[tuple[int, int, list[tuple[int, int]] | None]]:
        """As :meth:`PunktLines.line_slices`: each line read by :meth:`slices`."""
        return _each_line(self, max_length)


def _each_line(
    reader: PunktLines | PlainPunkt, max_length: int
) -> Iterator[tuple[int, int, list[tuple[int, int]] | None]]:
    """:meth:`PunktLines.line_slices`, one :meth:`slices` call per line."""
    end = -1
    for line in reader.flat.split("\n"):
        start, end = end + 1, end + 1 + len(line)
        if line:
            yield start, end, reader.slices(start, end) if end - start <= max_length else None
