"""The opinion cue lexicon (``datasets/lexicons/opinion_cues.csv``) and the words of a text, found once."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Hashable, Iterable
from functools import lru_cache
from itertools import compress, count, filterfalse
from typing import TYPE_CHECKING, NamedTuple

from ...errors import DataFileError
from ...lexicon import read_table, vader_candidate, vader_valence

if TYPE_CHECKING:
    from ..parsed import ParsedText

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
# --- characters and words ----------------------------------------------------------------------------

# One character in, one character out, so offsets survive: curly quotes become straight, hyphens
# become "-", dashes and odd spaces become spaces (so "covered—this" is two words).
#: |VADER valence| that counts as a strongly emotional word.
_VALENCE_MIN = 2.5
_FLAT = str.maketrans(
    {ch: "'" for ch in "\u2018\u2019\u201a\u201b\u2032"}
    | {ch: '"' for ch in "\u201c\u201d\u201e\u201f\u00ab\u00bb"}
    | {ch: "-" for ch in "\u2010\u2011"}
    | {ch: " " for ch in "\u2012\u2013\u2014\u2015\u2212\u00a0\u2002\u2003\u2009\u202f"}
)
_WORD = re.compile(r"\w+(?:['\-]\w+)*")
# Dashes that stand between words ("covered\u2014this"), which _FLAT turns into spaces.
_SPACING_DASHES = "\u2012\u2013\u2014\u2015\u2212"
_FIRST_SECOND_PERSON = frozenset(
    """i i'm i've i'd i'll me my mine myself we we're we've we'd we'll us our ours ourselves
    you you're you've you'd you'll your yours yourself yourselves let's""".split()
)
_SMALL_WORDS = frozenset(
    "a an the and or but nor of in on at to for by with from as vs via per into onto up off over is".split()
)
_DETERMINERS = frozenset("a an the this that these those his her its their our my your such".split())
_SOURCE_KINDS = frozenset({"attribution-verb", "stance-verb"})  # cues that credit a source
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}\b|\b\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b"
)
_BY = re.compile(r"^\s*By\s+[A-Z]")
_DIGIT = re.compile(r"\d")


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
    return word.isalpha() or any(ch.isalpha() for ch in word)  # most words are letters only


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


_SINGLE, _ANCHOR, _PERSON, _STRONG = 1, 2, 4, 8  # the roles a word can have, see _CueTable.roles


class _CueTable:
    """The cue lexicon arranged for matching: :func:`opinion_cues` gives the same answers.

    ``roles`` holds every word a sentence's rules look at one by one: each one-word cue, the
    longest word of each longer cue, the writer's "I", "we" and "you", and VADER's strongly
    emotional words; one pass over a text's words with it finds all of them at once.
    """

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
        # A longer cue is looked for at its longest word, which is rarer than "the" or "in" that
        # begin many: word -> (how far into the cue it stands, the cue's words), for each such cue.
        self.anchors: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for cues in self.longer.values():
            for words, _ in cues:
                anchor = max(words, key=len)
                self.anchors.setdefault(anchor, []).append((words.index(anchor), words))
        valence = vader_valence()
        self.strong = frozenset(
            w for w, v in valence.items() if abs(v) >= _VALENCE_MIN and vader_candidate(w)
        )
        # word -> what it may be (_SINGLE | _ANCHOR | _PERSON | _STRONG), for each word a rule looks at
        self.roles: dict[str, int] = {}
        for words, role in (
            (self.single, _SINGLE),
            (self.anchors, _ANCHOR),
            (_FIRST_SECOND_PERSON, _PERSON),
            (self.strong, _STRONG),
        ):
            for word in words:
                self.roles[word] = self.roles.get(word, 0) | role
        # the first words of the cues that mark page furniture ("Read more", "Sign up")
        self.boilerplate_heads = frozenset(
            first for first, cues in index.items() if any(kind == "boilerplate" for _, kind in cues)
        )

    def match(self, low: tuple[str, ...], i: int, hi: int) -> tuple[int, str] | None:
        """(length, kind) of the longest cue that starts at word ``i`` and ends before word ``hi``."""
        for words, kind in self.longer.get(low[i : i + 2], ()):
            n = len(words)
            if i + n <= hi and low[i : i + n] == words:
                return n, kind
        kind = self.single.get(low[i])
        return None if kind is None else (1, kind)


_TABLE: dict[str, object] = {}  # the table last built, and the lexicon it was built from


def cue_table() -> _CueTable:
    """The :class:`_CueTable` of :func:`opinion_cues`, built once (again only if the lexicon is reloaded)."""
    index = opinion_cues()
    if _TABLE.get("index") is not index:
        _TABLE["table"] = _CueTable(index)
        _TABLE["index"] = index
    return _TABLE["table"]  # type: ignore[return-value]


class _Words:
    """The words of the flattened text (or of one stretch of it), as parallel sequences.

    Word ``i`` runs from ``start[i]`` to ``end[i]`` of ``flat`` (the text with straight quotes);
    ``low[i]`` is the word in lower case. So that each rule visits only the words it cares about,
    ``persons`` and ``strong`` list (in order) the writer's "I", "we" and "you" and the strongly
    emotional words, and ``cue_at`` maps each word that begins a lexicon cue (as if the text ran on
    past the end of its sentence) to the cue's (length, kind); ``cue_heads`` lists those words.
    Build one with :meth:`of_document` (from the document's tokens) or :meth:`tokenise`.
    """

    __slots__ = ("cue_at", "cue_heads", "cues", "end", "flat", "low", "persons", "source", "start", "strong")

    def __init__(
        self, source: str, flat: str, cues: _CueTable, start: list[int], end: list[int], low: tuple[str, ...]
    ) -> None:
        self.source = source  # the text as given, for tokenising a stretch afresh
        self.flat = flat
        self.cues = cues
        self.start = start
        self.end = end
        self.low = low  # a tuple: a slice compares with a cue
        self.cue_at: dict[int, tuple[int, str]] = {}
        self.persons: list[int] = []
        self.strong: list[int] = []
        roles, anchors, single = cues.roles, cues.anchors, cues.single
        longer: set[int] = set()  # words that begin a cue of two or more words
        for i in _where(roles, low):  # one pass over the words, then only the few found
            word = low[i]
            role = roles[word]
            if role & _SINGLE:
                self.cue_at[i] = 1, single[word]
            if role & _ANCHOR:
                for offset, words in anchors[word]:
                    head = i - offset
                    if head >= 0 and low[head : head + len(words)] == words:
                        longer.add(head)
            if role & _PERSON:
                self.persons.append(i)
            if role & _STRONG:
                self.strong.append(i)
        for head in longer:  # the longest cue that begins there
            self.cue_at[head] = cues.match(low, head, len(low))  # type: ignore[assignment]
        self.cue_heads = sorted(self.cue_at)

    @classmethod
    def of_document(cls, doc: ParsedText, cues: _CueTable) -> _Words:
        """The words of a parsed document, from its tokens; a dash between words ("covered\u2014this")
        parts them, as it does in :attr:`ParsedText.spaced`."""
        tokens = doc.tokens
        start, end, low = tokens.starts, tokens.ends, tokens.words
        split = sorted(
            {
                k
                for p in _positions(doc.text, _SPACING_DASHES)
                if (k := bisect_right(start, p) - 1) >= 0 and p < end[k]
            }
        )
        if split:  # part the few tokens that hold a dash, word by word as tokenise() would
            starts, ends, lows = start[: split[0]], end[: split[0]], low[: split[0]]
            for k, after in zip(split, [*split[1:], len(start)], strict=True):
                a = start[k]
                for m in _WORD.finditer(doc.text[a : end[k]].translate(_FLAT)):
                    starts.append(a + m.start())
                    ends.append(a + m.end())
                    lows.append(doc.lowered[a + m.start() : a + m.end()])
                starts += start[k + 1 : after]  # the tokens up to the next one to part
                ends += end[k + 1 : after]
                lows += low[k + 1 : after]
            start, end, low = starts, ends, lows
        return cls(doc.text, doc.normalized, cues, start, end, tuple(low))

    @classmethod
    def tokenise(
        cls, source: str, flat: str, cues: _CueTable, start: int = 0, end: int | None = None
    ) -> _Words:
        """The words of ``source[start:end]`` alone (offsets into ``source``), split afresh."""
        found = list(_WORD.finditer(source[start:end].translate(_FLAT)))
        starts = [start + m.start() for m in found]
        ends = [start + m.end() for m in found]
        return cls(source, flat, cues, starts, ends, tuple(m.group().lower() for m in found))

    def written(self, i: int) -> str:
        """Word ``i`` as written (with straight quotes)."""
        return self.flat[self.start[i] : self.end[i]]

    def between(self, start: int, end: int) -> _Stretch:
        """The words of ``flat[start:end]``, as if that stretch were tokenised on its own."""
        lo = bisect_right(self.end, start)  # the first word ending after start
        hi = bisect_left(self.start, end)  # the first word starting at or after end
        if hi <= lo:
            return _Stretch(self, lo, lo)
        if self.start[lo] < start or self.end[hi - 1] > end:  # a word cut in two: tokenise afresh
            words = _Words.tokenise(self.source, self.flat, self.cues, start, end)
            return _Stretch(words, 0, len(words.low))
        return _Stretch(self, lo, hi)

    def alnum_between(self, start: int, end: int) -> int:
        """``self.between(start, end).alnum()``, without making the stretch where no word is cut."""
        lo = bisect_right(self.end, start)
        hi = bisect_left(self.start, end)
        if hi <= lo:
            return 0
        if self.start[lo] < start or self.end[hi - 1] > end:
            return self.between(start, end).alnum()
        return _alnum(self.low[lo:hi])


def _where(members: Collection[Hashable], items: Iterable[Hashable]) -> list[int]:
    """The indices of the items that are among ``members``."""
    return list(compress(count(), map(members.__contains__, items)))


class _Stretch(NamedTuple):
    """Words ``lo`` to ``hi - 1`` of ``words``: the words of one sentence or line."""

    words: _Words
    lo: int
    hi: int

    def texts(self) -> list[str]:
        """The words as written."""
        flat, lo, hi = self.words.flat, self.lo, self.hi
        return [flat[a:b] for a, b in zip(self.words.start[lo:hi], self.words.end[lo:hi], strict=True)]

    def lettered(self) -> int:
        """How many of the words contain a letter."""
        low = self.words.low[self.lo : self.hi]
        return len(low) - sum(not _has_letter(w) for w in filterfalse(str.isalpha, low))

    def has_number(self) -> bool:
        """Does any of the words contain a digit (as any digit in the stretch of text must)?"""
        if self.hi <= self.lo:
            return False
        words = self.words
        return _DIGIT.search(words.flat, words.start[self.lo], words.end[self.hi - 1]) is not None

    def alnum(self) -> int:
        """How many letters and digits the words hold (as many as the stretch of text holds).

        A word is letters, digits and "_", joined by "'" or "-": all of it but those three.
        """
        return _alnum(self.words.low[self.lo : self.hi])

    def has_alnum(self) -> bool:
        """``self.alnum() > 0``, found at the first word that has a letter or digit."""
        return any(w.strip("_'-") for w in self.words.low[self.lo : self.hi])

    def pick(self, indices: list[int]) -> list[int]:
        """Those of ``indices`` (word indices, in order) that lie in this stretch."""
        return _within(indices, self.lo, self.hi)


def _alnum(words: Iterable[str]) -> int:
    """How many letters and digits ``words`` hold: all of a word but "'", "-" and "_"."""
    joined = "".join(words)
    return len(joined) - joined.count("'") - joined.count("-") - joined.count("_")


def _match_cues(stretch: _Stretch, heads: list[int] | None = None) -> list[tuple[int, int, int, str]]:
    """(first word index, start, end, kind) for each lexicon cue, longest match first, left to right.

    ``heads`` are the stretch's words that begin a cue (``words.cue_heads`` in the stretch), if known.
    """
    words = stretch.words
    found = []
    i = stretch.lo  # words before i are taken by an earlier cue
    for head in stretch.pick(words.cue_heads) if heads is None else heads:
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
