"""Loaded language: lexicon words, phrases and patterns, VADER valence, and context rules."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import compress

from ..lexicon import LexiconEntry, loaded_terms, vader_candidate, vader_valence
from ..schema import LoadedSpan
from ..text import TextSpan, normalize
from .parsed import ParsedText, Tokens, parse
from .quotes import inside

__all__ = ["VADER_THRESHOLD", "find_loaded"]

#: VADER words at least this strong (on its -4..+4 scale) are flagged, as debatable, when the lexicon lacks them.
VADER_THRESHOLD = 2.5

_TOKEN = re.compile(r"\w+(?:['\-]\w+)*")
_WORD = re.compile(r"\w+")
_LITERAL = re.compile(r"[a-z0-9]+")
_NEGATIONS = frozenset({"not", "no", "never", "hardly", "nor", "without"})
# Metaphors of war and disaster are also the literal words for war and disaster: "the invasion of Iraq",
# "killed by an avalanche". Right after these words the metaphor is meant literally: no flag.
_LITERAL_BEFORE = re.compile(
    r"\b(?:killed|died|buried|trapped|caught|swept(?: away)?|hit|struck|destroyed|damaged|injured|survived|"
    r"victims?|warnings?|risk)\s(?:by|in|of|from|after)?\s?(?:a|an|the|this|last\s\w+'s)\s(?:\w+\s)?$"
)
# ...and before a name or a date it may be literal: debatable ("the invasion of Iraq", "the flood of 1927").
_LITERAL_AFTER = re.compile(r"\s(?:of|in|on)\s(?:the\s)?(?:[A-Z][\w'-]+|\d{4})")


@dataclass(frozen=True)
class _Hit:
    start: int
    end: int
    entry: LexiconEntry | None  # None for a VADER-only hit
    rank: int  # 0 pattern, 1 phrase, 2 word, 3 VADER: the lower wins an overlap
    valence: float = 0.0


@lru_cache(maxsize=65536)
def _variants(word: str) -> tuple[str, ...]:
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


def _literal_start(alternative: str) -> str | None:
    """The letters an alternative must begin with, or None if it may begin otherwise."""
    match = _LITERAL.match(alternative)
    if not match:
        return None
    literal = match.group()
    if alternative[match.end() : match.end() + 1] in ("?", "*", "{"):
        literal = literal[:-1]  # the last letter is optional ("elections?")
    return literal or None


def _anchors(pattern: str) -> frozenset[str] | None:
    r"""Letters a match must begin with, for patterns shaped ``\b(?:one|two)...`` or ``\bword...``.

    None means the pattern cannot be anchored and is scanned over the whole text.
    """
    if not pattern.startswith("\\b"):
        return None
    rest = pattern[2:]
    if not rest.startswith("(?:"):
        literal = _literal_start(rest)
        return frozenset({literal}) if literal else None
    depth, close = 0, -1
    for i, ch in enumerate(rest):
        depth += (ch == "(") - (ch == ")")
        if ch == ")" and depth == 0:
            close = i
            break
    body = rest[3:close]
    if close < 0 or rest[close + 1 : close + 2] in ("?", "*", "{") or "(" in body:
        return None
    literals = [_literal_start(alternative) for alternative in body.split("|")]
    return None if None in literals else frozenset(literals)


Phrase = tuple[tuple[frozenset[str], ...], LexiconEntry]


@dataclass(frozen=True)
class _Matcher:
    words: dict[str, LexiconEntry]
    phrases: dict[str, tuple[Phrase, ...]]  # first-token form -> phrases, longest first
    unanchored: tuple[tuple[re.Pattern[str], LexiconEntry], ...]  # scanned over the whole text
    anchored: dict[str, tuple[tuple[re.Pattern[str], LexiconEntry], ...]]  # tried where a word starts so
    anchor_lengths: tuple[int, ...]
    openers: frozenset[str]  # every form that can start a word or phrase entry


@lru_cache(maxsize=1)
def _matcher() -> _Matcher:
    words: dict[str, LexiconEntry] = {}
    phrases: dict[str, list[Phrase]] = {}
    unanchored = []
    anchored: dict[str, list[tuple[re.Pattern[str], LexiconEntry]]] = {}
    for entry in loaded_terms():
        term = normalize(entry.term).lower()
        if entry.match == "word":
            words.setdefault(term, entry)
        elif entry.match == "phrase":
            tokens = tuple(frozenset(_variants(m.group())) for m in _TOKEN.finditer(term))
            for first in tokens[0] if tokens else ():
                phrases.setdefault(first, []).append((tokens, entry))
        else:
            compiled = (re.compile(term), entry)
            anchors = _anchors(term)
            if anchors is None:
                unanchored.append(compiled)
            for anchor in anchors or ():
                anchored.setdefault(anchor, []).append(compiled)
    return _Matcher(
        words=words,
        phrases={k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in phrases.items()},
        unanchored=tuple(unanchored),
        anchored={k: tuple(v) for k, v in anchored.items()},
        anchor_lengths=tuple(sorted({len(k) for k in anchored})),
        openers=frozenset(words) | frozenset(phrases),
    )


def _negated_before(tokens: Tokens, offset: int) -> bool:
    i = tokens.index_at(offset)
    return any(w in _NEGATIONS or w.endswith("n't") for w in tokens.words[max(0, i - 3) : i])


def _patterns_for(word: str, matcher: _Matcher) -> tuple[tuple[re.Pattern[str], LexiconEntry], ...]:
    """The anchored patterns worth trying where ``word`` starts (those whose first letters it begins with)."""
    found: dict[int, tuple[re.Pattern[str], LexiconEntry]] = {}
    for k in matcher.anchor_lengths:
        if k > len(word):
            break
        for pattern, entry in matcher.anchored.get(word[:k], ()):
            found.setdefault(id(pattern), (pattern, entry))
    return tuple(found.values())


@dataclass(frozen=True)
class _Plan:
    """What one distinct word can start, worked out once per word rather than once per occurrence."""

    patterns: tuple[tuple[re.Pattern[str], LexiconEntry], ...]  # at the word, and at later hyphenated parts
    part_patterns: tuple[tuple[int, tuple[tuple[re.Pattern[str], LexiconEntry], ...]], ...]
    phrases: tuple[Phrase, ...]  # longest first
    entry: LexiconEntry | None  # the word entry it inflects
    vader: float | None  # a VADER score, when the word starts no lexicon entry and may stand alone

    @property
    def can_hit(self) -> bool:
        """Can the word start any hit at all?"""
        return (
            bool(self.patterns or self.part_patterns or self.phrases)
            or self.entry is not None
            or self.vader is not None
        )


def _plan(word: str, matcher: _Matcher, valence: dict[str, float], cache: dict[str, _Plan]) -> _Plan:
    plan = cache.get(word)
    if plan is not None:
        return plan
    parts: list[tuple[int, tuple[tuple[re.Pattern[str], LexiconEntry], ...]]] = []
    if "-" in word or "'" in word:  # later parts of a hyphenated word can start a pattern too
        for part in list(_WORD.finditer(word))[1:]:
            found = _patterns_for(part.group(), matcher)
            if found:
                parts.append((part.start(), found))
    forms = _variants(word)
    vader = None
    phrases: tuple[Phrase, ...] = ()
    entry = None
    if matcher.openers.isdisjoint(forms):
        score = valence.get(word)
        if score is not None and abs(score) >= VADER_THRESHOLD and vader_candidate(word):
            vader = score
    else:
        unique = {id(e): (p, e) for form in forms for p, e in matcher.phrases.get(form, ())}
        phrases = tuple(sorted(unique.values(), key=lambda c: -len(c[0])))
        entry = next((matcher.words[f] for f in forms if f in matcher.words), None)
    plan = _Plan(_patterns_for(word, matcher), tuple(parts), phrases, entry, vader)
    cache[word] = plan
    return plan


def _candidate_hits(lowered: str, tokens: Tokens) -> list[_Hit]:
    """Every lexicon and VADER hit, in one pass over the tokens (plus the few unanchored patterns).

    What a word can start is worked out once for each distinct word, so the pass costs little more
    than a dictionary look-up for most tokens.
    """
    matcher = _matcher()
    valence = vader_valence()
    hits = [
        _Hit(m.start(), m.end(), entry, 0)
        for pattern, entry in matcher.unanchored
        for m in pattern.finditer(lowered)
        if m.end() > m.start()
    ]
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    cache: dict[str, _Plan] = {}
    plans = {word: _plan(word, matcher, valence, cache) for word in set(words)}
    active = {word for word, plan in plans.items() if plan.can_hit}
    n = len(words)
    for i in compress(range(n), map(active.__contains__, words)):  # most words can start nothing
        word = words[i]
        plan = plans[word]
        start = starts[i]
        for offset, patterns in ((0, plan.patterns), *plan.part_patterns):
            for pattern, entry in patterns:
                m = pattern.match(lowered, start + offset)
                if m and m.end() > m.start():
                    hits.append(_Hit(m.start(), m.end(), entry, 0))
        if plan.vader is not None:
            hits.append(_Hit(start, ends[i], None, 3, plan.vader))
            continue
        for phrase, entry in plan.phrases:
            last = i + len(phrase) - 1
            if last < n and all(
                not phrase[j].isdisjoint(_variants(words[i + j])) for j in range(1, len(phrase))
            ):
                hits.append(_Hit(start, ends[last], entry, 1))
                break
        if plan.entry is not None:
            hits.append(_Hit(start, ends[i], plan.entry, 2))
    return hits


def _resolve(hits: list[_Hit]) -> list[_Hit]:
    """Where hits overlap, keep the strongest kind (pattern, phrase, word, VADER), then the longest.

    Hits are swept by position into clusters of overlapping ones, so the work
    stays linear in the text however many hits it has.
    """
    kept: list[_Hit] = []
    cluster: list[_Hit] = []
    reach = -1
    for hit in sorted(hits, key=lambda h: (h.start, h.end)):
        if cluster and hit.start >= reach:
            kept += _resolve_cluster(cluster)
            cluster = []
        cluster.append(hit)
        reach = max(reach, hit.end) if len(cluster) > 1 else hit.end
    kept += _resolve_cluster(cluster)
    return sorted(kept, key=lambda h: h.start)


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
    for hit in _resolve(_candidate_hits(doc.lowered, tokens)):
        matched = text[hit.start : hit.end]
        if not any(ch.isalpha() for ch in matched) or doc.in_link(hit.start, hit.end):
            continue  # a number ("route 187") or part of a web address ("bit.ly") is never a loaded word
        sentence = doc.sentence_at(hit.start)
        if _is_name(flat, tokens, hit, sentence):
            continue
        literal = _literal(doc, hit, sentence)
        if literal == "literal":
            continue
        negated = _negated_before(tokens, hit.start)
        category = hit.entry.category if hit.entry else "emotive-words"
        out.append(
            LoadedSpan(
                start=hit.start,
                end=hit.end,
                text=matched,
                category=category,
                speaker="quoted" if inside(quoted, hit.start, hit.end) else "writer",
                reason=_reason(hit, matched, negated)
                + (
                    " It may be meant literally here (a real event or place), so judge it yourself."
                    if literal
                    else ""
                ),
                alternative=hit.entry.alternative if hit.entry else None,
                acceptable=negated or hit.entry is None or bool(literal),
            )
        )
    return out
