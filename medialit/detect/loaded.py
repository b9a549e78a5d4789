"""Loaded language: lexicon words, phrases and patterns, VADER valence, and context rules."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import partial
from itertools import compress
from operator import itemgetter
from typing import NamedTuple

from ..lexicon import LexiconEntry
from ..schema import LoadedSpan
from ..text import TextSpan
from .loaded_index import VADER_THRESHOLD, Phrase, loaded_index
from .parsed import ParsedText, Tokens, parse

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
    token: int = -1  # the index of the first token starting at or after ``start`` (for the negation rule)


# A _Hit made from a tuple of all its fields, without NamedTuple's Python-level __new__ (a text makes many).
_hit = partial(tuple.__new__, _Hit)


def _negations(vocabulary: frozenset[str]) -> frozenset[str]:
    """The words of ``vocabulary`` that negate what follows: :data:`_NEGATIONS` and any "n't" word ("didn't")."""
    return _NEGATIONS | {word for word in vocabulary if word.endswith("n't")}


def _candidate_hits(lowered: str, tokens: Tokens, vocabulary: frozenset[str] | None = None) -> list[_Hit]:
    """Every lexicon and VADER hit, in one pass over the tokens (plus any pattern the index cannot anchor).

    What a word can start is looked up once for each distinct word (``vocabulary``, the set of
    ``tokens.words``: :meth:`.LoadedIndex.vocabulary_plans`), so the pass skips most tokens with
    one look-up; a pattern is tried only where the text begins with one of its literal beginnings,
    and a phrase only where its key word's neighbour can belong to it.
    """
    index = loaded_index()
    hits = [
        _Hit(m.start(), m.end(), entry, 0, 0.0, tokens.index_at(m.start()))
        for pattern, entry in index.unanchored
        for m in pattern.finditer(lowered)
        if m.end() > m.start()
    ]
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    plans = index.vocabulary_plans(frozenset(words) if vocabulary is None else vocabulary)
    phrase_starts: dict[int, list[Phrase]] = {}  # token index -> the phrases found starting there
    tried: set[tuple[int, int]] = set()  # (offset, pattern id): a pattern filed under two of a match's words
    n = len(words)
    for i in compress(range(n), map(plans.__contains__, words)):  # most words start nothing
        anchors, score, phrases, entry = plans[words[i]]
        if anchors:
            start = starts[i]
            for shift, beginnings, patterns in anchors:
                at = start + shift
                if at >= 0 and lowered.startswith(beginnings, at):
                    for pattern, pattern_entry in patterns:
                        if (at, id(pattern)) not in tried:
                            tried.add((at, id(pattern)))
                            m = pattern.match(lowered, at)
                            if m and m.end() > m.start():
                                token = i if at == start else tokens.index_at(at)
                                hits.append(_hit((at, m.end(), pattern_entry, 0, 0.0, token)))
        for step, allowed, key, whole, phrase in phrases:
            if 0 <= i + step < n and words[i + step] in allowed and (whole or phrase.matches(words, i - key)):
                phrase_starts.setdefault(i - key, []).append(phrase)
        if score is not None:
            hits.append(_hit((starts[i], ends[i], None, 3, score, i)))
        elif entry is not None:
            hits.append(_hit((starts[i], ends[i], entry, 2, 0.0, i)))
    # At each start, the longest phrase found there (of equals, the lexicon's first).
    for i, found in phrase_starts.items():
        if len(found) > 1:
            ids = {id(p) for p in found}
            phrase = next(p for p in index.phrase_order[words[i]] if id(p) in ids)
        else:
            (phrase,) = found  # one found: it is among the phrases its first token can start
        hits.append(_hit((starts[i], ends[i + len(phrase.words) - 1], phrase.entry, 1, 0.0, i)))
    return hits


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Where hits overlap, keep the strongest kind (pattern, phrase, word, VADER), then the longest.

    Hits are swept by position into clusters of overlapping ones, so the work
    stays linear in the text however many hits it has. The hits kept are in order.
    """
    kept: list[_Hit] = []
    cluster: list[_Hit] = []
    reach = -1
    for hit in sorted(hits, key=itemgetter(0, 1)):  # by start, then end
        if hit.start >= reach:  # the cluster before is closed
            if len(cluster) == 1:  # most hits overlap nothing
                kept.append(cluster[0])
            elif cluster:
                kept += _resolve_cluster(cluster)
            cluster = [hit]
            reach = hit.end
        else:
            cluster.append(hit)
            reach = max(reach, hit.end)
    kept += _resolve_cluster(cluster)
    return kept


def _resolve_cluster(cluster: list[_Hit]) -> list[_Hit]:
    """The hits of a cluster to keep, by start: the strongest kind first, then the longest."""
    kept: list[_Hit] = []
    for hit in sorted(cluster, key=lambda h: (h.rank, -(h.end - h.start), h.start)):
        if not any(hit.start < k.end and k.start < hit.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=itemgetter(0))  # no two start together: they would overlap


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
    if not doc.text or doc.text.isspace():  # (no copy of the text, as strip() would make)
        return []
    text, flat, tokens = doc.text, doc.normalized, doc.tokens
    words = tokens.words
    quote_starts = [start for start, _ in doc.quotes]  # quotations are in order and do not overlap
    quote_ends = [end for _, end in doc.quotes]
    vocabulary = doc.vocabulary
    negations = _negations(vocabulary)
    links = doc.links if doc.may_hold_links else []
    link_ends = [end for _, end in links]  # links are in order and do not overlap
    out = []
    has_letter: dict[str, bool] = {}
    # A word that recurs in the same context gets the same category, reason, alternative and judgement.
    flags: dict[tuple[int, float, str, bool, str], tuple[str, str, str | None, bool]] = {}
    for hit in _resolve(_candidate_hits(doc.lowered, tokens, vocabulary)):
        start, end, entry = hit.start, hit.end, hit.entry
        matched = text[start:end]
        letter = has_letter.get(matched)
        if letter is None:
            letter = has_letter[matched] = any(ch.isalpha() for ch in matched)
        if not letter:
            continue  # a number ("route 187") is never a loaded word
        if links:
            k = bisect_right(link_ends, start)  # the first link ending after the start
            if k < len(links) and links[k][0] < end:
                continue  # part of a web address ("bit.ly") is never a loaded word
        literal = ""
        capital = flat[start].isupper()
        if capital or (entry is not None and entry.category == "emotive-metaphor"):
            sentence = doc.sentence_at(start)  # only these two rules read the sentence
            if capital and _is_name(flat, tokens, hit, sentence):
                continue
            literal = _literal(doc, hit, sentence)
            if literal == "literal":
                continue
        i = hit.token
        negated = not negations.isdisjoint(words[i - 3 : i] if i >= 3 else words[:i])
        key = (id(entry), hit.valence, matched, negated, literal)
        flag = flags.get(key)
        if flag is None:
            reason = _reason(hit, matched, negated) + (
                " It may be meant literally here (a real event or place), so judge it yourself."
                if literal
                else ""
            )
            flag = flags[key] = (
                entry.category if entry else "emotive-words",
                reason,
                entry.alternative if entry else None,
                negated or entry is None or bool(literal),
            )
        category, reason, alternative, acceptable = flag
        k = bisect_right(quote_starts, start) - 1  # the last quotation starting at or before the start
        speaker = "quoted" if k >= 0 and end <= quote_ends[k] else "writer"
        out.append(LoadedSpan(start, end, matched, category, speaker, reason, alternative, acceptable))
    return out
