"""Loaded language: lexicon words, phrases and patterns, VADER valence, and context rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from ..lexicon import LexiconEntry
from ..schema import LoadedSpan
from ..text import TextSpan
from .loaded_index import VADER_THRESHOLD, Anchor, LoadedIndex, Phrase, loaded_index
from .parsed import ParsedText, Tokens, parse
from .quotes import inside

__all__ = ["VADER_THRESHOLD", "find_loaded"]

_NEGATIONS = frozenset({"not", "no", "never", "hardly", "nor", "without"})
# Metaphors of war and disaster are also the literal words for war and disaster: "the invasion of Iraq",
# "killed by an avalanche". Right after these words the metaphor is meant literally: no flag.
_LITERAL_BEFORE = re.compile(
    r"\b(?:killed|died|buried|trapped|caught|swept(?: away)?|hit|struck|destroyed|damaged|injured|survived|"
    r"victims?|warnings?|risk)\s(?:by|in|of|from|after)?\s?(?:a|an|the|this|last\s\w+'s)\s(?:\w+\s)?$"
)
# ...and before a name or a date it may be literal: debatable ("the invasion of Iraq", "the flood of 1927").
_LITERAL_AFTER = re.compile(r"\s(?:of|in|on)\s(?:the\s)?(?:[A-Z][\w'-]+|\d{4})")


class _Hit(NamedTuple):
    """A candidate flag, before overlaps are resolved and the context rules run (a tuple: many are made)."""

    start: int
    end: int
    entry: LexiconEntry | None  # None for a VADER-only hit
    rank: int  # 0 pattern, 1 phrase, 2 word, 3 VADER: the lower wins an overlap
    valence: float = 0.0


def _negated_before(tokens: Tokens, offset: int) -> bool:
    """Is one of the three words before ``offset`` a negation ("not", "never", "didn't")?"""
    i = tokens.index_at(offset)
    before = tokens.words[max(0, i - 3) : i]
    return not _NEGATIONS.isdisjoint(before) or any([w.endswith("n't") for w in before])


def _candidate_hits(lowered: str, tokens: Tokens) -> list[_Hit]:
    """Every lexicon and VADER hit, in one pass over the tokens (plus any pattern the index cannot anchor).

    What a word can start is looked up once for each distinct word (:mod:`.loaded_index`), so the
    pass skips most tokens with one set look-up; a pattern is tried only where the text begins
    with one of its literal beginnings.
    """
    index = loaded_index()
    hits = [
        _Hit(m.start(), m.end(), entry, 0)
        for pattern, entry in index.unanchored
        for m in pattern.finditer(lowered)
        if m.end() > m.start()
    ]
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    phrase_starts: dict[int, set[int]] = {}  # token index -> the phrases (by id) found starting there
    tried: set[tuple[int, int]] = set()  # (offset, pattern id): a pattern filed under two of a match's words
    plans = _plans(set(words), index)
    n = len(words)
    for i in compress(range(n), map(plans.__contains__, words)):  # most words start nothing
        anchors, score, phrases, entry = plans[words[i]]
        start = starts[i]
        for shift, anchor in anchors:
            at = start + shift
            if at >= 0 and lowered.startswith(anchor.beginnings, at):
                for pattern, pattern_entry in anchor.patterns:
                    if (at, id(pattern)) not in tried:
                        tried.add((at, id(pattern)))
                        m = pattern.match(lowered, at)
                        if m and m.end() > m.start():
                            hits.append(_Hit(m.start(), m.end(), pattern_entry, 0))
        if score is not None:
            hits.append(_Hit(start, ends[i], None, 3, score))
        for phrase in phrases:
            step, allowed = phrase.neighbour
            if 0 <= i + step < n and words[i + step] in allowed and phrase.matches(words, i - phrase.key):
                phrase_starts.setdefault(i - phrase.key, set()).add(id(phrase))
        if entry is not None:
            hits.append(_Hit(start, ends[i], entry, 2))
    # At each start, the longest phrase found there (of equals, the lexicon's first).
    for i, found in phrase_starts.items():
        phrase = next(p for p in index.phrase_order[words[i]] if id(p) in found)
        hits.append(_Hit(starts[i], ends[i + len(phrase.words) - 1], phrase.entry, 1))
    return hits


_Plan = tuple[tuple[tuple[int, Anchor], ...], float | None, tuple[Phrase, ...], LexiconEntry | None]


def _plans(vocabulary: set[str], index: LoadedIndex) -> dict[str, _Plan]:
    """What each distinct word of a text can start, for the words that can start or complete anything:
    (shift to a match's start and the patterns to try there, VADER score, phrases filed under the word,
    word entry). Worked out once per word rather than once per occurrence."""
    anchors = {}
    for word in index.may_anchor(vocabulary):
        found = index.anchors(word)
        if found:
            anchors[word] = tuple((offset - anchor.lead, anchor) for offset, anchor in found)
    vader, phrases, entries = index.vader, index.phrase_keys, index.entries
    return {
        word: (anchors.get(word, ()), vader.get(word), phrases.get(word, ()), entries.get(word))
        for word in (vocabulary & index.starters) | anchors.keys()
    }


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Where hits overlap, keep the strongest kind (pattern, phrase, word, VADER), then the longest.

    Hits are swept by position into clusters of overlapping ones, so the work
    stays linear in the text however many hits it has.
    """
    kept: list[_Hit] = []
    cluster: list[_Hit] = []
    reach = -1
    for hit in sorted(hits, key=itemgetter(0, 1)):  # by start, then end
        if cluster and hit.start >= reach:
            if len(cluster) == 1:  # most hits overlap nothing
                kept.append(cluster[0])
            else:
                kept += _resolve_cluster(cluster)
            cluster = []
        cluster.append(hit)
        reach = max(reach, hit.end) if len(cluster) > 1 else hit.end
    kept += _resolve_cluster(cluster)
    return sorted(kept, key=itemgetter(0))  # by start


def _resolve_cluster(cluster: list[_Hit]) -> list[_Hit]:
    kept: list[_Hit] = []
    for hit in sorted(cluster, key=lambda h: (h.rank, -(h.end - h.start), h.start)):
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return kept


def _is_name(flat: str, tokens: Tokens, hit: _Hit, sentence: TextSpan | None) -> bool:
    """Is the hit part of a capitalised name mid-sentence ("Flood Control District"), outside a title-case line?"""
    if sentence is None or hit.start == sentence.start or not flat[hit.start].isupper():
        return False
    first, last = tokens.index_at(sentence.start), tokens.index_at(sentence.end)
    capitals = sum(1 for s in tokens.starts[first:last] if flat[s].isupper())
    if last > first and capitals / (last - first) > 0.6:  # a headline: nearly every word is capitalised
        return False
    i, j = tokens.index_at(hit.start), tokens.index_at(hit.end)
    before = flat[tokens.starts[i - 1]].isupper() if i - 1 >= first else False
    after = flat[tokens.starts[j]].isupper() if j < last else False
    return before or after


def _literal(doc: ParsedText, hit: _Hit, sentence: TextSpan | None) -> str:
    """For a war or disaster metaphor: "literal" after "killed by an", "maybe" before a name or a year, else ""."""
    if hit.entry is None or hit.entry.category != "emotive-metaphor":
        return ""
    start = sentence.start if sentence else 0
    if _LITERAL_BEFORE.search(doc.lowered, max(start, hit.start - 40), hit.start):
        return "literal"
    if _LITERAL_AFTER.match(doc.normalized, hit.end, hit.end + 40):
        return "maybe"
    return ""


def _reason(hit: _Hit, matched: str, negated: bool) -> str:
    if hit.entry is not None:
        reason = f"“{matched}” is in the kit's list of loaded terms ({hit.entry.category}): {hit.entry.note}"
    else:
        feeling = "negative" if hit.valence < 0 else "positive"
        reason = (
            f"“{matched}” is a very strongly {feeling} word (VADER rates it {hit.valence:+.1f} on a scale "
            "from -4 to +4). Strong feeling alone does not make a word loaded, so judge it yourself."
        )
    return reason + (" It is negated here, so it may not be loaded." if negated else "")


def find_loaded(text: str | ParsedText, sentences: Sequence[TextSpan] | None = None) -> list[LoadedSpan]:
    """Loaded words and phrases in ``text``, each with its category, speaker, reason and a neutral alternative.

    ``text`` is a string or a :class:`~medialit.detect.parsed.ParsedText` (``sentences``, if given,
    replace the kit's sentence splitter). The kit's lexicon (words with their inflections, phrases,
    patterns) comes first; very strong VADER words it lacks are added, marked ``acceptable``
    (debatable) because strength of feeling alone does not make a word loaded.
    Context rules: words inside a quotation get ``speaker="quoted"``; a word
    that is part of a capitalised name is skipped; a negated one is kept but
    marked ``acceptable``, with the negation named in the reason.
    """
    doc = parse(text, sentences)
    if not doc.text.strip():
        return []
    text, flat, tokens, quoted = doc.text, doc.normalized, doc.tokens, list(doc.quotes)
    out = []
    has_letter: dict[str, bool] = {}
    reasons: dict[tuple[int, float, str, bool, str], str] = {}  # a word that recurs gets the same reason
    for hit in _resolve(_candidate_hits(doc.lowered, tokens)):
        matched = text[hit.start : hit.end]
        letter = has_letter.get(matched)
        if letter is None:
            letter = has_letter[matched] = any(ch.isalpha() for ch in matched)
        if not letter or doc.in_link(hit.start, hit.end):
            continue  # a number ("route 187") or part of a web address ("bit.ly") is never a loaded word
        literal = ""
        capital = flat[hit.start].isupper()
        if capital or (hit.entry is not None and hit.entry.category == "emotive-metaphor"):
            sentence = doc.sentence_at(hit.start)  # only these two rules read the sentence
            if capital and _is_name(flat, tokens, hit, sentence):
                continue
            literal = _literal(doc, hit, sentence)
            if literal == "literal":
                continue
        negated = _negated_before(tokens, hit.start)
        category = hit.entry.category if hit.entry else "emotive-words"
        key = (id(hit.entry), hit.valence, matched, negated, literal)
        reason = reasons.get(key)
        if reason is None:
            reason = reasons[key] = _reason(hit, matched, negated) + (
                " It may be meant literally here (a real event or place), so judge it yourself."
                if literal
                else ""
            )
        out.append(
            LoadedSpan(
                start=hit.start,
                end=hit.end,
                text=matched,
                category=category,
                speaker="quoted" if inside(quoted, hit.start, hit.end) else "writer",
                reason=reason,
                alternative=hit.entry.alternative if hit.entry else None,
                acceptable=negated or hit.entry is None or bool(literal),
            )
        )
    return out
