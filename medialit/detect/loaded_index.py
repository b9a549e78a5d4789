"""The loaded-language lexicon, indexed once so that a document is matched in one pass over its tokens.

Look-ups on the tokens replace a search per entry:

- every form of a word entry, inflections included ("floods" and "flooded" for "flood"), is a key
  of :attr:`LoadedIndex.entries`;
- a phrase is filed under its least common word (its longest not in :data:`_COMMON`: "a **lot**
  of"), in every form, and checked only where that word occurs;
- the strong VADER words that may stand alone are a dictionary of their own;
- a pattern entry is tried only where the text holds one of its literal beginnings ("the cancer
  on ...", "\\"experts\\""): those are worked out from the pattern itself, and filed under a run of
  word characters in them that is not a common word.

Filing a phrase or pattern under a rare word rather than its first one ("the", "of") leaves most
tokens with nothing to try. What each such word can start is gathered into one :class:`Plan` at
load, so a text only looks up its distinct words (:meth:`LoadedIndex.vocabulary_plans`). The index
changes no result: each entry is tried wherever it could match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, filterfalse, repeat
from typing import NamedTuple

try:  # the standard library's own parser of regular expressions, only read: Python 3.11's names...
    from re import _constants as sre
    from re import _parser as sre_parse
except ImportError:  # ...and Python 3.10's
    import sre_constants as sre  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

from ..lexicon import LexiconEntry, loaded_terms, vader_candidate, vader_valence
from ..text import normalize

__all__ = ["VADER_THRESHOLD", "Anchor", "LoadedIndex", "Phrase", "Plan", "loaded_index", "variants"]

#: VADER words at least this strong (on its -4..+4 scale) are flagged, as debatable, when the lexicon lacks them.
VADER_THRESHOLD = 2.5

_TOKEN = re.compile(r"\w+(?:['\-]\w+)*")
_RUN = re.compile(r"\w+")
_LEAD_AND_RUN = re.compile(r"(\W*)(\w+)")
_BOUNDARY = "\0"  # stands for \b while literal beginnings are worked out
# A pattern with more literal beginnings than this is tried where its shorter beginnings start.
_MAX_BEGINNINGS = 256
_MAX_ODD_PLANS = 65536  # the most plans of hyphenated words and such kept between texts

# Very common words: a phrase or pattern is filed under one of its other words where it has one.
_COMMON = frozenset(
    """a an the of in on at to for by with from into and or but as if than that this these those is are was
    were be been being am it its it's we you your our us their they them his her he she him i my me not no
    do does did don't will would can could should have has had there here what who which all any some
    more most so up out about over new""".split()
)
PatternEntry = tuple[re.Pattern[str], LexiconEntry]


@lru_cache(maxsize=65536)
def variants(word: str) -> tuple[str, ...]:
    """The word and the base forms it could inflect from (floods, flooded, flooding -> flood)."""
    forms = [word]
    if word.endswith("ies") and len(word) > 4:
        forms.append(word[:-3] + "y")
    if word.endswith("es") and len(word) > 3:
        forms.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        forms.append(word[:-1])
    if word.endswith("ed") and len(word) > 4:
        forms += [word[:-2], word[:-1]]
        if word[-3] == word[-4]:
            forms.append(word[:-3])
    if word.endswith("ing") and len(word) > 5:
        forms += [word[:-3], word[:-3] + "e"]
        if word[-4] == word[-5]:
            forms.append(word[:-4])
    if word.endswith("ly") and len(word) > 4:
        forms.append(word[:-2])
    return tuple(forms)


def inflections(base: str) -> set[str]:
    """Every word whose :func:`variants` include ``base``: the inverse of :func:`variants`."""
    guesses = {base, base + "s", base + "es", base + "ed", base + "d", base + "ing", base + "ly"}
    if base:
        guesses |= {base + base[-1] + "ed", base + base[-1] + "ing"}
        if base.endswith("y"):
            guesses.add(base[:-1] + "ies")
        if base.endswith("e"):
            guesses.add(base[:-1] + "ing")
    return {word for word in guesses if base in variants(word)}


@dataclass(frozen=True)
class Phrase:
    """A phrase entry as token sets: ``words[j]`` holds every token that can stand at place ``j``."""

    words: tuple[frozenset[str], ...]
    entry: LexiconEntry
    key: int  # the place of the least common word, under which the phrase is filed
    #: From the key word, the place of a neighbour (1 or -1) and the tokens allowed there: a quick first test.
    neighbour: tuple[int, frozenset[str]]

    def matches(self, tokens: list[str], first: int) -> bool:
        """Does the phrase stand at ``tokens[first:]``?"""
        last = first + len(self.words)
        return (
            first >= 0
            and last <= len(tokens)
            and all(map(frozenset.__contains__, self.words, tokens[first:last]))
        )


@dataclass(frozen=True)
class Anchor:
    """Patterns worth trying where a run of word characters starts.

    A match starts ``lead`` characters before the run (an opening quotation mark) and the text
    there begins with one of ``beginnings``; only then is a pattern itself tried.
    """

    lead: int
    beginnings: tuple[str, ...]
    patterns: tuple[PatternEntry, ...]


class Plan(NamedTuple):
    """What a token can start or complete, worked out once per distinct word (a tuple: unpacked per token)."""

    #: (shift from the token's start to a match's start, literal beginnings there, patterns to try).
    anchors: tuple[tuple[int, tuple[str, ...], tuple[PatternEntry, ...]], ...]
    vader: float | None  # the VADER score of a strong word the lexicon lacks
    #: The phrases filed under the word, each after its :attr:`Phrase.neighbour` (place, tokens allowed
    #: there), its :attr:`Phrase.key` and whether that neighbour test is all there is to test (two words or one).
    phrases: tuple[tuple[int, frozenset[str], int, bool, Phrase], ...]
    entry: LexiconEntry | None  # the word entry the token is a form of


@dataclass(frozen=True)
class LoadedIndex:
    """The loaded-language lexicon and VADER's strong words, indexed for a pass over tokens."""

    #: Every form of a word entry (inflections included) -> the entry.
    entries: dict[str, LexiconEntry]
    #: Every form of a phrase's least common word -> the phrases filed under it.
    phrase_keys: dict[str, tuple[Phrase, ...]]
    #: Every token a phrase can start with -> those phrases, the one to prefer first (longest first).
    phrase_order: dict[str, tuple[Phrase, ...]]
    #: Strong VADER words that may stand alone as loaded words and are no form of a lexicon entry.
    vader: dict[str, float]
    #: A run of word characters equal to the key -> the patterns that may start there.
    exact_runs: dict[str, tuple[Anchor, ...]]
    #: A run beginning with the key -> the patterns that may start there.
    prefix_runs: dict[str, tuple[Anchor, ...]]
    #: The keys of :attr:`prefix_runs`, by length, for ``str.startswith``.
    prefix_keys: tuple[str, ...]
    #: Patterns with no literal beginning to index: searched over the whole text.
    unanchored: tuple[PatternEntry, ...]
    #: The keys of :attr:`entries`, :attr:`phrase_keys` and :attr:`vader` together.
    starters: frozenset[str]
    #: The plan of every word of :attr:`starters` or :attr:`exact_runs`: what the word alone can start.
    plans: dict[str, Plan] = field(default_factory=dict)
    #: The plans of other words met in texts (joined by a hyphen or apostrophe), None for those with none.
    odd_plans: dict[str, Plan | None] = field(default_factory=dict)

    def plan(self, word: str) -> Plan | None:
        """What the token ``word`` can start or complete, or None if nothing."""
        anchors = tuple(
            (offset - anchor.lead, anchor.beginnings, anchor.patterns)
            for offset, anchor in self.anchors(word)
        )
        phrases = tuple((*p.neighbour, p.key, len(p.words) <= 2, p) for p in self.phrase_keys.get(word, ()))
        plan = Plan(anchors, self.vader.get(word), phrases, self.entries.get(word))
        return plan if any(plan) else None

    def vocabulary_plans(self, vocabulary: frozenset[str] | set[str]) -> dict[str, Plan]:
        """The :meth:`plan` of each word of ``vocabulary`` that has one (a text's distinct tokens).

        Most come ready from :attr:`plans`; only a word joined by a hyphen or apostrophe
        ("so-called") or one that a pattern's word merely begins needs working out, once.
        """
        plans = self.plans
        found = {word: plans[word] for word in vocabulary & plans.keys()}
        odd = set(filterfalse(str.isalnum, vocabulary))  # holding "-", "'" or "_"
        if self.prefix_keys:  # (a set's order holds while it is not changed)
            odd.update(compress(vocabulary, map(str.startswith, vocabulary, repeat(self.prefix_keys))))
        cache = self.odd_plans
        for word in odd - plans.keys():
            plan = cache.get(word, False)
            if plan is False:
                if len(cache) >= _MAX_ODD_PLANS:
                    cache.clear()
                plan = cache[word] = self.plan(word)
            if plan is not None:
                found[word] = plan
        return found

    def anchors(self, token: str) -> list[tuple[int, Anchor]]:
        """(offset in ``token`` of the run, anchor) for every run of ``token`` that may start a pattern."""
        if "-" in token or "'" in token:
            runs = [(m.start(), m.group()) for m in _RUN.finditer(token)]
        else:
            runs = [(0, token)]
        found = []
        for offset, run in runs:
            found += [(offset, anchor) for anchor in self.exact_runs.get(run, ())]
            if run.startswith(self.prefix_keys):
                for key in self.prefix_keys:
                    if run.startswith(key):
                        found += [(offset, anchor) for anchor in self.prefix_runs[key]]
        return found


def _beginnings(items: list) -> tuple[set[str], bool]:
    """The literal strings a match of ``items`` (a parsed pattern) must begin with, and whether they
    are the whole match (True) or only its start. \\b is written as :data:`_BOUNDARY`."""
    out = {""}
    for op, av in items:
        if op is sre.LITERAL:
            alternatives, whole = {chr(av)}, True
        elif op is sre.IN and all(kind is sre.LITERAL for kind, _ in av):
            alternatives, whole = {chr(c) for _, c in av}, True
        elif op is sre.AT and av is sre.AT_BOUNDARY:
            alternatives, whole = {_BOUNDARY}, True
        elif op is sre.SUBPATTERN and not av[1] and not av[2]:
            alternatives, whole = _beginnings(av[3])
        elif op is sre.BRANCH:
            found = [_beginnings(branch) for branch in av[1]]
            alternatives = set().union(*(f[0] for f in found))
            whole = all(f[1] for f in found)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
            alternatives, whole = _beginnings(av[2])
            alternatives = alternatives | {""}
        else:
            return out, False
        joined = {start + more for start in out for more in alternatives}
        if len(joined) > _MAX_BEGINNINGS:
            return out, False
        out = joined
        if not whole:
            return out, False
    return out, True


def _anchor_keys(pattern: str) -> list[tuple[str, bool, int, str]] | None:
    """(run, exact, lead, beginning) for each literal beginning of ``pattern``, or None if it has none.

    A match begins ``lead`` characters before a run of word characters equal to ``run`` (``exact``)
    or starting with it, and the text there starts with ``beginning``. The run is the beginning's
    first one that is not a :data:`_COMMON` word, so the alternatives of a pattern's first group
    ("flood|wave|surge") keep one lead; the beginning is cut after that run or the second one.
    """
    try:
        parsed = sre_parse.parse(pattern)
        if parsed.state.flags & (re.IGNORECASE | re.VERBOSE):
            return None
        found, _ = _beginnings(list(parsed))
    except (re.error, TypeError, ValueError, AttributeError):
        return None
    keys = []
    for raw in found:
        text = "".join(
            ch
            for n, ch in enumerate(raw)
            if ch != _BOUNDARY or (n > 0 and raw[n - 1] != _BOUNDARY and _RUN.match(raw[n - 1]))
        )
        closed = text.find(_BOUNDARY)
        literal = text if closed < 0 else text[:closed]
        m = _LEAD_AND_RUN.match(literal)
        if m is None or (not m.group(1) and not raw.startswith(_BOUNDARY)):
            return None  # the match need not begin where a run of word characters begins
        runs = list(_RUN.finditer(literal))
        key = min(runs, key=lambda r: (r.group() in _COMMON or len(r.group()) < 3, r.start()))
        exact = key.end() < len(literal) or closed == key.end()
        beginning = literal[: max(key.end(), runs[min(1, len(runs) - 1)].end())]
        keys.append((key.group(), exact, key.start(), beginning))
    return keys or None


def _phrase(term: str, entry: LexiconEntry) -> Phrase | None:
    """The phrase as token sets: the tokens that share a base form with each of its words."""
    words = [m.group() for m in _TOKEN.finditer(term)]
    if not words:
        return None
    allowed = tuple(frozenset().union(*(inflections(f) for f in variants(w))) for w in words)
    key = min(range(len(words)), key=lambda j: (words[j] in _COMMON, -len(words[j]), j))
    step = 1 if key + 1 < len(words) else -1 if key > 0 else 0
    return Phrase(allowed, entry, key, (step, allowed[key + step]))


def _anchor_table(
    grouped: dict[tuple[str, int], dict[int, tuple[set[str], PatternEntry]]],
) -> dict[str, tuple[Anchor, ...]]:
    table: dict[str, list[Anchor]] = {}
    for (run, lead), by_pattern in grouped.items():
        order = sorted(by_pattern)
        beginnings = tuple(sorted(set().union(*(by_pattern[n][0] for n in order))))
        anchor = Anchor(lead, beginnings, tuple(by_pattern[n][1] for n in order))
        table.setdefault(run, []).append(anchor)
    return {run: tuple(anchors) for run, anchors in table.items()}


@lru_cache(maxsize=1)
def loaded_index() -> LoadedIndex:
    """The index of :func:`medialit.lexicon.loaded_terms` and :func:`medialit.lexicon.vader_valence`, built once."""
    word_entries: dict[str, LexiconEntry] = {}
    by_first: dict[str, list[Phrase]] = {}
    exact: dict[tuple[str, int], dict[int, tuple[set[str], PatternEntry]]] = {}
    prefix: dict[tuple[str, int], dict[int, tuple[set[str], PatternEntry]]] = {}
    unanchored = []
    for n, entry in enumerate(loaded_terms()):
        term = normalize(entry.term).lower()
        if entry.match == "word":
            word_entries.setdefault(term, entry)
        elif entry.match == "phrase":
            phrase = _phrase(term, entry)
            for first in variants(_TOKEN.search(term).group()) if phrase else ():
                by_first.setdefault(first, []).append(phrase)
        else:
            compiled = (re.compile(term), entry)
            keys = _anchor_keys(term)
            if keys is None:
                unanchored.append(compiled)
            for run, is_exact, lead, beginning in keys or ():
                table = exact if is_exact else prefix
                slot = table.setdefault((run, lead), {}).setdefault(n, (set(), compiled))
                slot[0].add(beginning)
    by_first = {k: sorted(v, key=lambda p: -len(p.words)) for k, v in by_first.items()}
    phrase_order: dict[str, tuple[Phrase, ...]] = {}
    for surface in set().union(*map(inflections, by_first)):
        # As a token's forms come, then as the lexicon lists them, longest first.
        unique = {id(p): p for form in variants(surface) for p in by_first.get(form, ())}
        phrase_order[surface] = tuple(sorted(unique.values(), key=lambda p: -len(p.words)))
    phrase_keys: dict[str, list[Phrase]] = {}
    for phrase in {id(p): p for group in by_first.values() for p in group}.values():
        for surface in phrase.words[phrase.key]:
            phrase_keys.setdefault(surface, []).append(phrase)
    entries = {}
    for surface in set().union(*map(inflections, word_entries)):
        entries[surface] = next(word_entries[f] for f in variants(surface) if f in word_entries)
    vader = {
        word: score
        for word, score in vader_valence().items()
        if abs(score) >= VADER_THRESHOLD
        and vader_candidate(word)
        and word not in entries
        and word not in phrase_order
    }
    prefix_table = _anchor_table(prefix)
    index = LoadedIndex(
        entries=entries,
        phrase_keys={k: tuple(v) for k, v in phrase_keys.items()},
        phrase_order=phrase_order,
        vader=vader,
        exact_runs=_anchor_table(exact),
        prefix_runs=prefix_table,
        prefix_keys=tuple(sorted(prefix_table, key=len)),
        unanchored=tuple(unanchored),
        starters=frozenset(entries) | frozenset(phrase_keys) | frozenset(vader),
    )
    for word in index.starters | index.exact_runs.keys():
        plan = index.plan(word)
        if plan is not None:
            index.plans[word] = plan
    return index
