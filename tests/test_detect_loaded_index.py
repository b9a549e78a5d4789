"""Tests for medialit.detect.loaded_index: the lexicon indexed so one pass over the tokens finds every hit."""

from __future__ import annotations

import re

import pytest

from medialit import corpus
from medialit.detect import loaded, parse
from medialit.detect import loaded_index as index_module
from medialit.detect.loaded import _candidate_hits, find_loaded
from medialit.detect.loaded_index import VADER_THRESHOLD, _anchor_keys, inflections, loaded_index, variants
from medialit.lexicon import LexiconEntry, loaded_terms, vader_candidate, vader_valence
from medialit.text import normalize

_TOKEN = re.compile(r"\w+(?:['\-]\w+)*")

# Every kind of place a pattern can begin: an optional first word, a quotation mark before it, a common
# first word, a word after a hyphen or an apostrophe, and phrases and words in inflected forms.
CRAFTED = (
    "The economy is teetering on the brink of collapse, and on the brink of war. You or your family could be "
    "next. The \"experts\" and the 'journalists' disagree. It's no wonder the so-called experts were let go. "
    "A flood of migrants, waves of illegals and an influx of refugees: the worst crisis ever. Turn this town "
    "into another Venezuela! They slashed funding and gutted the agency. Radical leftists flooded the town; "
    "open borders, illegal aliens and an illegal alien. Catastrophic, horrific, outrageous."
)


def _texts() -> list[str]:
    return [CRAFTED] + [corpus.load(doc_id).text for doc_id in corpus.ids()]


def _plain_scan(text: str) -> dict[str, set[tuple[int, int, str]]]:
    """Every hit, found the slow way: each pattern searched over the whole text, each word and phrase
    compared with each token. No index."""
    doc = parse(text)
    words, starts, ends = doc.tokens.words, doc.tokens.starts, doc.tokens.ends
    found: dict[str, set[tuple[int, int, str]]] = {
        "pattern": set(),
        "phrase": set(),
        "word": set(),
        "vader": set(),
    }
    at_form: dict[str, set[int]] = {}  # a base form -> the tokens that could inflect from it
    for i, word in enumerate(words):
        for form in variants(word):
            at_form.setdefault(form, set()).add(i)
    openers = set()
    for entry in loaded_terms():
        term = normalize(entry.term).lower()
        if entry.match == "pattern":
            for m in re.finditer(term, doc.lowered):
                if m.end() > m.start():
                    found["pattern"].add((m.start(), m.end(), entry.term))
            continue
        if entry.match == "word":  # the word itself, or one of its inflections
            openers.add(term)
            found["word"].update((starts[i], ends[i], term) for i in at_form.get(term, ()))
            continue
        parts = _TOKEN.findall(term)  # a phrase: each word shares a base form with the text's
        openers.update(variants(parts[0]))
        for i in set().union(*(at_form.get(form, ()) for form in variants(parts[0]))):
            if i + len(parts) <= len(words) and all(
                set(variants(p)) & set(variants(words[i + j])) for j, p in enumerate(parts)
            ):
                found[entry.match].add((starts[i], ends[i + len(parts) - 1], entry.term))
    for i, word in enumerate(words):
        score = vader_valence().get(word)
        if score is not None and abs(score) >= VADER_THRESHOLD and vader_candidate(word):
            if openers.isdisjoint(variants(word)):
                found["vader"].add((starts[i], ends[i], word))
    return found


def _indexed(text: str) -> dict[str, set[tuple[int, int, str]]]:
    doc = parse(text)
    kinds = ("pattern", "phrase", "word", "vader")
    found: dict[str, set[tuple[int, int, str]]] = {kind: set() for kind in kinds}
    for hit in _candidate_hits(doc.lowered, doc.tokens):
        name = hit.entry.term if hit.entry else doc.lowered[hit.start : hit.end]
        found[kinds[hit.rank]].add((hit.start, hit.end, name))
    return found


@pytest.mark.parametrize("text", _texts(), ids=["crafted", *corpus.ids()])
def test_index_finds_what_a_plain_scan_finds(text):
    """Does the index find every hit that searching each entry over the whole text finds, and nothing else?"""
    plain, indexed = _plain_scan(text), _indexed(text)
    lowered = parse(text).lowered
    patterns = {normalize(e.term).lower(): e.term for e in loaded_terms() if e.match == "pattern"}
    assert plain["pattern"] <= indexed["pattern"]
    for start, end, term in indexed["pattern"]:  # matches where the whole-text search found a longer one
        pattern = next(p for p, t in patterns.items() if t == term)
        assert re.compile(pattern).match(lowered, start).end() == end
    assert {(a, b) for a, b, _ in indexed["word"]} == {(a, b) for a, b, _ in plain["word"]}
    assert indexed["vader"] == plain["vader"]
    # A phrase hit is the longest phrase starting at that token.
    longest: dict[int, int] = {}
    for start, end, _ in plain["phrase"]:
        longest[start] = max(end, longest.get(start, end))
    assert {(a, b) for a, b, _ in indexed["phrase"]} == set(longest.items())


def test_crafted_text_reaches_every_kind_of_beginning():
    """Does the crafted text exercise the patterns the index anchors in unusual ways (a check of the check)?"""
    found = {term for _, _, term in _indexed(CRAFTED)["pattern"]}
    assert any("teetering" in term for term in found)  # an optional first word
    assert any(term.startswith("[\"']") for term in found)  # a quotation mark before the word
    assert any("could be next" in term for term in found)
    assert any("venezuela" in term for term in found)
    assert len(_indexed(CRAFTED)["phrase"]) >= 3


def test_inflections_undo_variants():
    """Is every word among the inflections of each of its base forms, and only such words?"""
    words = {w for doc_id in corpus.ids() for w in _TOKEN.findall(corpus.load(doc_id).text.lower())}
    words |= {"flooded", "flooding", "floods", "stopped", "stopping", "carries", "quickly", "hoped", "hoping"}
    for word in words:
        for base in variants(word):
            assert word in inflections(base), (word, base)
    for base in ("flood", "stop", "carry", "hope", "quick", "gut"):
        assert all(base in variants(word) for word in inflections(base))


def test_patterns_are_anchored_under_an_uncommon_word():
    """Is a pattern that begins with a common word ("the", "a") filed under a later, rarer word?"""
    keys = _anchor_keys(r"\b(?:a|the) cancer on (?:our|the) (?:society|nation)\b")
    assert keys is not None
    assert {(run, lead) for run, _, lead, _ in keys} == {("cancer", 2), ("cancer", 4)}
    assert {beginning for *_, beginning in keys} == {"a cancer", "the cancer"}


def test_patterns_with_no_literal_beginning_are_searched_whole():
    """Is a pattern that may begin anywhere left to a search over the whole text, and still found?"""
    assert _anchor_keys(r"\w+ ?-?loving\b") is None
    assert _anchor_keys(r"ing the\b") is None  # can start inside a word
    assert all(p.pattern for p, _ in loaded_index().unanchored)


def test_a_pattern_with_no_literal_beginning_is_still_found(monkeypatch):
    """Is a pattern the index cannot anchor (a teacher's ``\\w+-loving``) searched over the whole text and found?"""
    row = LexiconEntry(r"\w+-loving\b", "pattern", "emotive-words", "who like", "general", "A test row.")
    monkeypatch.setattr(index_module, "loaded_terms", lambda: (*loaded_terms(), row))
    index = index_module.loaded_index.__wrapped__()  # built afresh, not the cached one
    monkeypatch.setattr(loaded, "loaded_index", lambda: index)
    assert [p.pattern for p, _ in index.unanchored] == [row.term]
    assert any(span.text == "tree-loving" for span in find_loaded("Those tree-loving people."))


def test_quoted_word_pattern_through_the_detector():
    """Is a pattern that begins with a quotation mark ("experts" in quotes) still flagged?"""
    assert any(span.text == '"experts"' for span in find_loaded('The "experts" said so.'))


def test_a_run_is_matched_whole_only_where_the_pattern_ends_it():
    """Is a pattern's word filed as a whole run only where a space or \\b ends it ("flood" vs "floodwater")?"""
    open_ended = _anchor_keys(r"\bflood(?:s|ed)?")
    closed = _anchor_keys(r"\bflood(?:s|ed)?\b")
    assert open_ended is not None and closed is not None
    assert {(run, exact) for run, exact, _, _ in open_ended} == {
        ("flood", False),
        ("floods", False),
        ("flooded", False),
    }
    assert {(run, exact) for run, exact, _, _ in closed} == {
        ("flood", True),
        ("floods", True),
        ("flooded", True),
    }


def test_vocabulary_plans_are_each_words_own_plan():
    """Does a text's table of plans hold each of its words' own plan (hyphenated words too, fresh or kept
    from an earlier text), and no word without one?"""
    index = loaded_index()
    vocabulary = {w for text in _texts() for w in parse(text).tokens.words}
    vocabulary |= {"so-called", "the-next", "nextdoor", "another's", "anti-invasion", "don't", "well_known"}
    expected = {word: plan for word in vocabulary if (plan := index.plan(word)) is not None}
    assert index.vocabulary_plans(vocabulary) == expected
    assert index.vocabulary_plans(vocabulary) == expected  # the second time from what was kept
    assert "so-called" in expected and "nextdoor" in expected  # a joined word; a word a pattern's word begins
