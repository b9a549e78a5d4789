"""Which sentences hold which kinds of cue word, from one look-up per token, so each rule runs only where it can match.

Most sentences of a news article hold no figure and credit no one. The rules of this package are
regular expressions and walks over a sentence's words; rather than try each of them on every
sentence, :func:`sentence_keywords` reads the document's tokens once (:attr:`ParsedText.tokens`) and
marks each sentence with the kinds of key word it holds. A rule is then tried only on the sentences
marked with its kind. Each kind's key words are chosen so that every match of its rule contains one of
them as a whole word: a sentence without them cannot match, so skipping it changes nothing. A cue
phrase is keyed on its least common word, and a phrase of frequent words only ("it is said") on two
of them, which the sentence must both hold.

The same pass notes where a figure in digits, a number in words or a quantity, size, quantifier or
idiom phrase may begin (so those patterns are tried only there, by :func:`matches_at`) and which
tokens hold long runs of digits (telephone numbers, ids); whether the text may hold a link at all is
:attr:`ParsedText.may_hold_links`. Plain look-ups and string searches replace regular-expression
scans of the whole text, which cost far more on a long document.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from ..parsed import ParsedText
from .cues import (
    _CITED_DOCS,
    _FRACTIONS,
    _HEADLINE_VERBS,
    _PARTICIPLES,
    _SCALES,
    _TENS,
    _UNITS,
    _WORD_ATOM_AT,
    _lexicon,
    sourcing_cues,
)

__all__ = [
    "ANONYMOUS_PHRASE",
    "ATTRIBUTION",
    "DIGIT",
    "DOCUMENT",
    "IDIOM",
    "MENTION",
    "NUMBER_WORD",
    "OUTLET",
    "PHRASE_LISTS",
    "QUANTIFIER",
    "QUANTITY",
    "QUOTED_TITLE",
    "SELF_INTRO",
    "SELF_PHRASE",
    "SIZE",
    "STATISTIC",
    "TITLE",
    "VAGUE_PHRASE",
    "VERB",
    "Keywords",
    "matches_at",
    "sentence_keywords",
]

# The kinds of key word, as bits of one mask per sentence.
DIGIT = 1 << 0  # a digit 0-9: a figure such as "12" or "$5m" (statistics)
NUMBER_WORD = 1 << 1  # "twelve", "a third", "dozens", "twice" (statistics)
QUANTITY = 1 << 2  # the cue list's quantity phrases: "a lot of", "numerous" (statistics)
SIZE = 1 << 3  # a size noun: "a large share", "a significant portion" (statistics)
QUANTIFIER = 1 << 4  # "many", "some", "most", "several" (statistics)
VERB = 1 << 5  # a reporting verb or "according" (sources)
MENTION = 1 << 6  # a title before a name: "Mr", "Dr", "Senator" (whom "he" may mean)
SELF_INTRO = 1 << 7  # the outlet introducing itself: "exclusively", "has learned", "(c)" (context)
OUTLET = 1 << 8  # a news outlet's name or word: "Reuters", "Times" (context)
TITLE = 1 << 9  # a document word that may end a title: "Report", "Survey" (context)
QUOTED_TITLE = 1 << 10  # "titled", "called": a document named in quotation marks (context)
IDIOM = 1 << 11  # a word of an idiom from the cue list: "a dime a dozen" (not a statistic)
# a document, poll or outlet word, or "compiled", "published": "in the report", "a poll by" (sources)
DOCUMENT = 1 << 12
VAGUE_PHRASE = 1 << 13  # the cue list's vague phrases: "experts say" (sources)
ANONYMOUS_PHRASE = 1 << 14  # "speaking on condition of anonymity" (sources)
SELF_PHRASE = 1 << 15  # "as we reported" (sources)
EVERYTHING = (1 << 16) - 1
#: Any kind that can start a statistic.
STATISTIC = DIGIT | NUMBER_WORD | QUANTITY | SIZE | QUANTIFIER
#: Any kind that can credit a source.
ATTRIBUTION = VERB | DOCUMENT | VAGUE_PHRASE | ANONYMOUS_PHRASE | SELF_PHRASE

# Letters inside one word that every match of a self-introduction pattern (cues' self_intro) holds
# ("exclusively", "has learned", "(c)" ...): a sentence with none of them is not marked SELF_INTRO.
_SELF_INTRO_PARTS = (
    "exclusiv",
    "learn",
    "obtain",
    "confirm",
    "review",
    "seen",
    "reveal",
    "report",
    "copyright",
)
# The rest of that hint: "(c)", "©", and a dateline's ") -", found in the text rather than in its words.
_SELF_INTRO_MARKS = ("©", "(c)", "(C)", ")-", ") -")
# The words inside a token, split where the statistics tokeniser (cues._TOKEN) may split it: at an
# apostrophe, hyphen or underscore, and between letters and digits ("5said").
_RUNS = re.compile(r"[^\W\d_]+|\d+")
# A word this long may be cut into pieces by the statistics tokeniser (cues._TOKEN): it may hold anything.
_LONG_WORD = 60


# Words too common to be a phrase's key: a phrase is keyed on another of its words where it has one.
_COMMON = frozenset(
    """a an the of to in on at by for with and or as is are was were be been has have had it its this that these
    those who not we our some many most all time one two high low new would""".split()
)
# Words in most sentences of a news story that credits its sources ("said" is in one sentence of four):
# a phrase made only of these and _COMMON words ("it is said", "some say") is keyed on two of them.
_FREQUENT = _COMMON | frozenset("said say says according".split())
# The first bit of the private bits that mark the words of such pairs (above the token flags).
_PAIR_BIT = 24
# At most this many words get a private bit (a mask is a 64-bit integer); more are keyed one by one.
_MOST_PAIR_WORDS = 32


def _rarest(words: list[str]) -> list[str]:
    """The distinct words of a phrase, the least common first: words not in :data:`_FREQUENT` before
    those that are, then the longest first, then alphabetically (the same order in every run)."""
    return sorted(set(words), key=lambda w: (w in _FREQUENT, w in _COMMON, -len(w), w))


def _keys_of(phrase: str) -> tuple[str, ...]:
    """The words of a phrase that mark it: every match of the phrase holds each of them whole.

    Its least common word; for a phrase of frequent words only, its two least common words (a
    sentence then needs both).
    """
    words = _rarest(_RUNS.findall(phrase.lower()))
    return tuple(words[:2]) if words[0] in _FREQUENT and len(words) > 1 else (words[0],)


@lru_cache(maxsize=1)
def _key_words() -> dict[str, int]:
    """Key word (lower case, letters only) -> the kinds it marks, from the cue lists and fixed word lists.

    A word that marks a kind only together with another word (:func:`_keys_of`) has a private bit
    instead, from :data:`_PAIR_BIT` up; :func:`_word_pairs` says which bits together make which kind.
    """
    return _key_table()[0]


@lru_cache(maxsize=1)
def _word_pairs() -> tuple[tuple[int, int], ...]:
    """(both words' private bits, kind) for each pair of key words that marks a kind only together."""
    return _key_table()[1]


@lru_cache(maxsize=1)
def _key_table() -> tuple[dict[str, int], tuple[tuple[int, int], ...]]:
    lex = _lexicon()
    kinds = lex.kinds
    keys: dict[str, int] = {}
    pair_bits: dict[str, int] = {}
    pairs: dict[int, int] = {}

    def mark(words, kind: int) -> None:
        for word in words:
            runs = _RUNS.findall(word)  # "op-ed" is looked up as "op" (see _word_kinds)
            key = word if runs == [word] else max(runs, key=len)
            keys[key] = keys.get(key, 0) | kind

    def mark_phrases(phrases, kind: int) -> None:
        for phrase in sorted(phrases):
            words = _keys_of(phrase)
            if (
                len(words) == 2
                and not kind & _CAPITALISED
                and len(pair_bits.keys() | words) <= _MOST_PAIR_WORDS
            ):
                both = 0
                for word in words:
                    bit = pair_bits.setdefault(word, 1 << (_PAIR_BIT + len(pair_bits)))
                    keys[word] = keys.get(word, 0) | bit
                    both |= bit
                pairs[both] = pairs.get(both, 0) | kind
            else:
                mark(words[:1], kind)

    # cues._WORD_ATOM: every alternative holds one of these as a whole word ("a third" -> "third").
    fractions = [f for base in _FRACTIONS for f in (base, base + "s")] + ["halves"]
    plurals = "dozens hundreds thousands millions billions trillions tens".split()
    mark([*_UNITS, *_TENS, *fractions, *plurals, "dozen", *_SCALES, "few", "several", "many"], NUMBER_WORD)
    mark("half twice double triple quadruple".split(), NUMBER_WORD)
    mark_phrases(kinds.get("quantity", ()), QUANTITY)
    mark(kinds.get("size-noun", ()), SIZE)
    mark_phrases(kinds.get("idiom", ()), IDIOM)
    mark_phrases(kinds.get("quantifier", ()), QUANTIFIER)
    # attribution._attributions: a verb, "according to", "by/from/in" before or after a document word,
    # a headline's verb, or one of the phrase lists.
    mark([*kinds.get("verb", ()), "according", *_HEADLINE_VERBS], VERB)
    sources = ("document", "poll", "outlet-noun")
    mark([*(w for kind in sources for w in kinds.get(kind, ())), *_PARTICIPLES, *_CITED_DOCS], DOCUMENT)
    for kind, bit in (
        ("vague-phrase", VAGUE_PHRASE),
        ("anonymous-phrase", ANONYMOUS_PHRASE),
        ("self-phrase", SELF_PHRASE),
    ):
        mark_phrases(kinds.get(kind, ()), bit)
    mark(
        "mr mrs ms miss dr prof sen rep gov gen judge president mayor sheriff senator governor".split(),
        MENTION,
    )
    mark_phrases([p for kind in ("outlet", "outlet-word") for p in kinds.get(kind, ())], OUTLET)
    doc_words = "report study survey review audit assessment analysis index census yearbook database dataset"
    mark(f"{doc_words} factbook almanac memorandum memo estimates poll inquiry investigation".split(), TITLE)
    mark("titled entitled called named".split(), QUOTED_TITLE)
    return keys, tuple(pairs.items())


def _joined(masks: list[int]) -> list[int]:
    """Sentence masks with the private bits of word pairs (:func:`_word_pairs`) turned into the kinds
    that each pair marks where both its words are, and then dropped."""
    pairs = _word_pairs()
    if not pairs:
        return masks
    found = np.array(masks, dtype=np.int64)
    for both, kind in pairs:
        found[(found & both) == both] |= kind
    return (found & EVERYTHING).tolist()


# Kinds whose patterns match their key words only with a capital ("Reuters", "the Report", "Mr"):
# a key word in lower case in the text does not count for them.
_CAPITALISED = OUTLET | TITLE | MENTION


@lru_cache(maxsize=1)
def _lower_case_keys() -> frozenset[str]:
    """Words that some outlet cue writes in lower case: these count for the outlet kind in any case."""
    outlets = (row["cue"] for row in sourcing_cues() if row["kind"] in ("outlet", "outlet-word"))
    return frozenset(run.lower() for cue in outlets for run in _RUNS.findall(cue) if not run[0].isupper())


@lru_cache(maxsize=65536)
def _word_kinds(word: str) -> int:
    """The kinds of key word a token (:class:`~medialit.detect.parsed.Tokens`, lower case) holds.

    A token such as "so-called", "report's" or "a_b" holds several words; each counts.
    """
    if len(word) > _LONG_WORD:
        return EVERYTHING
    keys = _key_words()
    kinds = 0
    if not word.isascii():
        word = word.casefold()  # as the rules' IGNORECASE matches it ("\u017f" is "s")
    for run in _RUNS.findall(word) if not word.isalpha() else (word,):
        kinds |= keys.get(run, 0)
    if any(ch in "0123456789" for ch in word):
        kinds |= DIGIT
    if any(part in word for part in _SELF_INTRO_PARTS):
        kinds |= SELF_INTRO
    return kinds


_WORD_RUN = re.compile(r"\w+")
_CUT_WORD = re.compile(r"\w\w")
_DIGITS = re.compile(r"[0-9]+")
_ANY_DIGITS = re.compile(r"\d+")
_CURRENCY = "$€£¥"


@lru_cache(maxsize=65536)
def _word_atom_starts(word: str) -> tuple[int, ...]:
    """Offsets of the runs of word characters in a token that can begin a number in words
    (cues._WORD_ATOM_AT's first words: "twenty", "a", "half")."""
    firsts = _WORD_ATOM_AT.firsts
    assert firsts is not None  # each of its phrases begins with a word
    if word.isalnum():
        return (0,) if word in firsts else ()
    return tuple(m.start() for m in _WORD_RUN.finditer(word) if m.group() in firsts)


@lru_cache(maxsize=65536)
def _digit_starts(word: str) -> tuple[int, ...]:
    """Offsets of the runs of digits 0-9 in a token: where a figure in digits may begin."""
    return tuple(m.start() for m in _DIGITS.finditer(word)) if not word.isalpha() else ()


@lru_cache(maxsize=65536)
def _digit_run(word: str) -> int:
    """The length of the longest run of digits (any script's) in a token."""
    return 0 if word.isalpha() else max(map(len, _ANY_DIGITS.findall(word)), default=0)


#: The cue phrase lists whose patterns numbers.py tries only where one of their phrases may begin
#: (:attr:`Keywords.phrases`), named as in :attr:`.cues._Lexicon.at_words`.
PHRASE_LISTS = ("quantity", "size", "quantifier", "idiom")


@lru_cache(maxsize=1)
def _phrase_firsts() -> tuple[frozenset[str] | None, ...]:
    """For each list of :data:`PHRASE_LISTS`, the first words of its phrases (None: some phrase does not
    begin with a word, so it may begin anywhere)."""
    at_words = _lexicon().at_words
    return tuple(at_words[name].firsts for name in PHRASE_LISTS)


@lru_cache(maxsize=65536)
def _phrase_starts(word: str) -> tuple[tuple[int, ...], ...]:
    """For each list of :data:`PHRASE_LISTS`, the offsets of the runs of word characters in a token that
    can begin one of its phrases (as :class:`~medialit.detect.phrases.PhrasePattern` finds them)."""
    runs = [(0, word)] if word.isalnum() else [(m.start(), m.group()) for m in _WORD_RUN.finditer(word)]
    return tuple(tuple(at for at, run in runs if firsts and run in firsts) for firsts in _phrase_firsts())


# A token's code (see _word_code): the kinds it holds (the bits above), and what else the pass notes.
_CAPITALS_ONLY = 1 << 16  # some of its kinds count only where it starts with a capital
_ATOM_AT_START = 1 << 17  # a number in words may begin at its start, and nowhere else in it
_FIGURE_AT_START = 1 << 18  # a figure in digits may begin at its start, and nowhere else in it
_IRREGULAR = 1 << 19  # anything else: numbers or phrases beginning inside it, a run of four or more digits
# A phrase may begin at its start: this bit for the first list of PHRASE_LISTS, the next ones for the others.
_PHRASE_AT_START = 1 << 20
# The kinds and the private bits of word pairs (from _PAIR_BIT up): what counts for a sentence's mask.
_KINDS_AND_PAIRS = EVERYTHING | ~((1 << _PAIR_BIT) - 1)


@lru_cache(maxsize=65536)
def _word_code(word: str) -> int:
    """What the keyword pass notes for a token, as one number: the kinds of key word it holds and the
    flags above; 0 for a token that holds nothing."""
    code = _word_kinds(word)
    if code & _CAPITALISED and word.isalpha() and word not in _lower_case_keys():
        code |= _CAPITALS_ONLY
    atoms, digits, run = _word_atom_starts(word), _digit_starts(word), _digit_run(word)
    phrases = _phrase_starts(word)
    if (
        run >= 4
        or atoms not in ((), (0,))
        or digits not in ((), (0,))
        or any(p not in ((), (0,)) for p in phrases)
    ):
        return code | _IRREGULAR
    for i, starts in enumerate(phrases):
        if starts:
            code |= _PHRASE_AT_START << i
    return code | (_ATOM_AT_START if atoms else 0) | (_FIGURE_AT_START if digits else 0)


def _occurrences(text: str, needle: str) -> Iterator[int]:
    """Every offset of ``needle`` in ``text`` (a plain string search, far quicker than a pattern's)."""
    at = text.find(needle)
    while at >= 0:
        yield at
        at = text.find(needle, at + 1)


@dataclass(frozen=True)
class Keywords:
    """What :func:`sentence_keywords` finds in a document."""

    #: For each of the document's sentences, a mask of the kinds of key word it holds (the bits above).
    sentences: list[int]
    #: The offsets where a number in words (cues._WORD_ATOM) may begin, in order.
    word_atoms: list[int]
    #: The offsets where a figure in digits may begin, in order.
    figures: list[int]
    #: For each list of :data:`PHRASE_LISTS` whose phrases all begin with a word, the offsets where one
    #: of its phrases may begin, in order (a list not named here may match anywhere).
    phrases: dict[str, list[int]]
    #: (start, end, digits) of each token holding a run of four or more digits (telephone numbers, ids).
    long_numbers: list[tuple[int, int, int]]
    #: Whether the text may hold a web or e-mail address (False: it holds none).
    links: bool


def sentence_keywords(doc: ParsedText) -> Keywords:
    """The kinds of key word each sentence of ``doc`` holds, and where figures may begin.

    Worked out once per document. A token that runs over the end of a sentence counts for each
    sentence it touches. If the sentences are out of order or overlap (a caller's own), every
    sentence gets every kind.
    """
    return doc.derived("statistics.keywords", _sentence_keywords)


def _sentence_keywords(doc: ParsedText) -> Keywords:
    tokens = doc.tokens
    words = tokens.words
    sentences = doc.sentences
    masks = [0] * len(sentences)
    code_of = {word: _word_code(word) for word in doc.vocabulary}
    # One look-up per token, at C speed; then only the few tokens that hold anything are read, with numpy
    # (a Python loop over them costs more than all the rest of the pass).
    codes = np.fromiter(map(code_of.__getitem__, words), dtype=np.int64, count=len(words))
    hits = np.flatnonzero(codes)
    codes, starts, ends = codes[hits], tokens.start_array[hits], tokens.end_array[hits]
    # Outlet, title and name words count only with a capital.
    capitals = np.flatnonzero(codes & _CAPITALS_ONLY)
    if capitals.size:
        text = doc.text
        lower = np.array([not text[start].isupper() for start in starts[capitals].tolist()], dtype=np.bool_)
        codes[capitals[lower]] &= ~_CAPITALISED
    _add_kinds(doc, masks, starts, ends, codes & _KINDS_AND_PAIRS)
    word_atoms: list[int] = starts[codes & _ATOM_AT_START != 0].tolist()
    figures: list[int] = starts[codes & _FIGURE_AT_START != 0].tolist()
    lists = [i for i, firsts in enumerate(_phrase_firsts()) if firsts is not None]
    phrases: list[list[int]] = [[] for _ in PHRASE_LISTS]
    for i in lists:
        phrases[i] = starts[codes & (_PHRASE_AT_START << i) != 0].tolist()
    long_numbers: list[tuple[int, int, int]] = []
    for i in hits[codes & _IRREGULAR != 0].tolist():
        word, start, end = words[i], tokens.starts[i], tokens.ends[i]
        word_atoms += [start + offset for offset in _word_atom_starts(word)]
        figures += [start + offset for offset in _digit_starts(word)]
        for found, offsets in zip(phrases, _phrase_starts(word), strict=True):
            found += [start + offset for offset in offsets]
        if (run := _digit_run(word)) >= 4:
            long_numbers.append((start, end, run))
    norm = doc.normalized
    for at, length in _self_intro_marks(norm):
        _mark(doc.sentence_starts, masks, at, at + length, SELF_INTRO)
    masks = _joined(masks)
    if not all(a.end <= b.start for a, b in pairwise(sentences)):  # a caller's own sentences
        masks = [EVERYTHING] * len(sentences)
    for sign in _CURRENCY:
        figures.extend(_occurrences(norm, sign))
    word_atoms.sort()
    figures.sort()
    for found in phrases:
        found.sort()
    at = {PHRASE_LISTS[i]: phrases[i] for i in lists}
    return Keywords(masks, word_atoms, figures, at, long_numbers, doc.may_hold_links)


def _add_kinds(
    doc: ParsedText, masks: list[int], starts: np.ndarray, ends: np.ndarray, kinds: np.ndarray
) -> None:
    """Add the kinds of each token (``starts``, ``ends``) to the mask of the sentence it lies in, or of
    each sentence it touches (sentences in order)."""
    marked = np.flatnonzero(kinds)
    starts, ends, kinds = starts[marked], ends[marked], kinds[marked]
    sentence_starts = np.array(doc.sentence_starts, dtype=np.int64)
    sentence_ends = np.array([s.end for s in doc.sentences], dtype=np.int64)
    index = np.searchsorted(sentence_starts, starts, side="right") - 1
    inside = index >= 0
    inside[inside] = ends[inside] <= sentence_ends[index[inside]]
    found = np.zeros(len(masks), dtype=np.int64)
    np.bitwise_or.at(found, index[inside], kinds[inside])
    masks[:] = found.tolist()
    for i in np.flatnonzero(~inside).tolist():  # between sentences, or running over a sentence's end
        _mark(doc.sentence_starts, masks, int(starts[i]), int(ends[i]), int(kinds[i]))


def _mark(sentence_starts: list[int], masks: list[int], start: int, end: int, kinds: int) -> None:
    """Add ``kinds`` to the mask of every sentence that ``start..end`` touches (sentences in order)."""
    first = bisect_right(sentence_starts, start) - 1
    last = bisect_right(sentence_starts, end - 1) - 1
    for s in range(max(first, 0), last + 1):
        masks[s] |= kinds


def _self_intro_marks(norm: str) -> Iterator[tuple[int, int]]:
    """(offset, length) of each of :data:`_SELF_INTRO_MARKS` in ``norm``.

    The marks holding ")" are found by looking around each ")", which is rare: one search for a
    single character costs far less than one for each mark.
    """
    around = [(mark, mark.index(")")) for mark in _SELF_INTRO_MARKS if ")" in mark]
    for mark in _SELF_INTRO_MARKS:
        if ")" not in mark:
            for at in _occurrences(norm, mark):
                yield at, len(mark)
    for at in _occurrences(norm, ")"):
        for mark, before in around:
            if at >= before and norm.startswith(mark, at - before):
                yield at - before, len(mark)


def matches_at(
    pattern: re.Pattern[str], starts: list[int] | None, text: str, pos: int, endpos: int
) -> Iterator[re.Match[str]]:
    """The same matches as ``pattern.finditer(text, pos, endpos)``, tried only at ``starts``.

    ``starts`` must hold every offset where a match can begin (:attr:`Keywords.word_atoms` or
    :attr:`Keywords.figures` for their patterns). A word cut by ``endpos`` may begin a match that
    its whole form does not, so then the whole stretch is searched; so it is if ``starts`` is None
    (a phrase list not in :attr:`Keywords.phrases`).
    """
    if starts is None or (0 < endpos < len(text) and _CUT_WORD.match(text, endpos - 1)):
        yield from pattern.finditer(text, pos, endpos)
        return
    reach = pos
    for start in starts[bisect_left(starts, pos) : bisect_left(starts, endpos)]:
        if start < reach:
            continue
        match = pattern.match(text, start, endpos)
        if match and match.end() > match.start():
            yield match
            reach = match.end()
