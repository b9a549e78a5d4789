"""Tests for medialit.detect.statistics.keywords: rules tried only on the sentences holding their key words."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit.detect import parse
from medialit.detect.statistics import attribution, keywords, numbers
from medialit.detect.statistics.cues import _lexicon

from .conftest import CORPUS_IDS, SEED_IDS


def _state(doc) -> list:
    """Every sentence's attributions and statistic candidates, the context, and the quotation speakers."""
    lex = _lexicon()
    infos, speakers = attribution._attribution(doc)
    found = keywords.sentence_keywords(doc)
    state: list = [repr(attribution._context(doc.normalized, infos, lex))]
    for info in infos:
        state.append([(a.sourcing, a.source, a.pos, a.span, a.cue, a.why, a.antecedent) for a in info.attrs])
        groups = (
            numbers._candidates(doc.normalized, info, lex, found)
            if info.keywords & keywords.STATISTIC
            else []
        )
        state.append([(g.start, g.end, len(g.atoms), g.links) for g in groups])
    state.append(sorted((r, a.source) for r, a in speakers.items()))
    return state


def _everywhere(monkeypatch: pytest.MonkeyPatch) -> None:
    """Try every rule on every sentence, searching whole stretches: what the kit did before keywords.py."""
    real = keywords.sentence_keywords

    def every_kind(doc):
        found = real(doc)
        return dataclasses.replace(found, sentences=[keywords.EVERYTHING] * len(found.sentences))

    monkeypatch.setattr(attribution, "sentence_keywords", every_kind)
    monkeypatch.setattr(
        numbers, "matches_at", lambda pattern, _starts, text, pos, end: pattern.finditer(text, pos, end)
    )


@pytest.mark.parametrize("doc_id", SEED_IDS + CORPUS_IDS)
def test_trying_rules_only_where_their_key_words_are_changes_nothing(doc_id, monkeypatch):
    """Are every sentence's sources and figures the same as with every rule tried on every sentence?"""
    text = medialit.load(doc_id).text
    gated = _state(parse(text))
    _everywhere(monkeypatch)
    assert _state(parse(text)) == gated


@pytest.mark.parametrize(
    "sentence, kind",
    [
        (
            "Apple's chief called it dangerous in a Washington Post op-ed.",
            keywords.DOCUMENT,
        ),  # "op-ed" as "op"
        ("The report's authors counted them.", keywords.DOCUMENT),
        ("The ministry said 5said nothing.", keywords.VERB),
        ("Reuters reported it first.", keywords.OUTLET),
        ("Mr Smith agreed.", keywords.MENTION),
        ("Some twenty-one people came.", keywords.NUMBER_WORD),
        ("It is (c) 2024 The Paper.", keywords.SELF_INTRO),
        ("WASHINGTON (Reuters) - Twelve agents came.", keywords.SELF_INTRO),
        ("© The Paper, all rights kept.", keywords.SELF_INTRO),
        ("It is said that the border is long.", keywords.VAGUE_PHRASE),  # both "said" and "is"
        ("Some officials say it is over.", keywords.VAGUE_PHRASE),  # "some say": both words
    ],
)
def test_key_words_are_found_inside_longer_tokens(sentence, kind):
    """Is a key word found in a hyphenated, possessive or run-together token, or as a mark?"""
    assert keywords.sentence_keywords(parse(sentence)).sentences[0] & kind


@pytest.mark.parametrize(
    "sentence, kind",
    [
        ("The news was bad.", keywords.OUTLET),  # outlet names are matched with their capitals
        ("Write a report soon.", keywords.TITLE),
        ("The cat sat on the mat.", keywords.ATTRIBUTION | keywords.STATISTIC),
        ("The mayor said it was a fine day.", keywords.VAGUE_PHRASE),  # "it is said" needs "is" too
        ("The chief did not say why.", keywords.VAGUE_PHRASE),  # "some say" needs "some" too
    ],
)
def test_sentences_without_key_words_are_passed_over(sentence, kind):
    """Does a sentence without a kind's key words (or with them only in lower case) lack that kind?"""
    assert not keywords.sentence_keywords(parse(sentence)).sentences[0] & kind


@pytest.mark.parametrize(
    "text",
    ["WASHINGTON (Reuters) - Officials", "(C) 2024 (c)", "\u00a92024(c)-x", ")-) -", "(c", "x)", ")", "c)"],
)
def test_self_intro_marks_are_every_place_each_mark_is(text):
    """Are the copyright and dateline marks, found around each ")", exactly where each mark is?"""
    expected = [
        (i, len(mark))
        for mark in keywords._SELF_INTRO_MARKS
        for i in range(len(text))
        if text.startswith(mark, i)
    ]
    assert sorted(keywords._self_intro_marks(text)) == sorted(expected)


def test_matches_at_gives_the_matches_of_a_search():
    """Does matches_at find what finditer finds, also where the stretch cuts a word in two?"""
    text = "About twenty-one people, then fifteen more and sixteen"
    doc = parse(text)
    found = keywords.sentence_keywords(doc)
    from medialit.detect.statistics.cues import _WORD_ATOM

    for end in (len(text), len(text) - 3, 27, 12):  # 27 and 12 cut "people" and "twenty"
        expected = [m.span() for m in _WORD_ATOM.finditer(text, 0, end)]
        assert [m.span() for m in keywords.matches_at(_WORD_ATOM, found.word_atoms, text, 0, end)] == expected


def _keywords_token_by_token(doc) -> tuple:
    """The keyword pass written plainly: every token looked at in turn (the reference for the quick pass)."""
    starts = [s.start for s in doc.sentences]
    masks = [0] * len(doc.sentences)
    atoms, figures, long_numbers = [], [], []
    tokens = doc.tokens
    for start, end, word in zip(tokens.starts, tokens.ends, tokens.words, strict=True):
        kinds = keywords._word_kinds(word)
        if not doc.text[start].isupper() and word.isalpha() and word not in keywords._lower_case_keys():
            kinds &= ~keywords._CAPITALISED
        keywords._mark(starts, masks, start, end, kinds)
        atoms += [start + offset for offset in keywords._word_atom_starts(word)]
        figures += [start + offset for offset in keywords._digit_starts(word)]
        if keywords._digit_run(word) >= 4:
            long_numbers.append((start, end, keywords._digit_run(word)))
    for mark in keywords._SELF_INTRO_MARKS:
        for at in range(len(doc.text)):
            if doc.normalized.startswith(mark, at):
                keywords._mark(starts, masks, at, at + len(mark), keywords.SELF_INTRO)
    figures += [at for at, ch in enumerate(doc.normalized) if ch in keywords._CURRENCY]
    return keywords._joined(masks), atoms, sorted(figures), long_numbers


@pytest.mark.parametrize("kind", ["vague-phrase", "anonymous-phrase", "self-phrase", "quantity", "idiom"])
def test_each_phrase_marks_its_kind_on_its_own(kind):
    """Does a sentence that is just one cue phrase get that phrase's kind (its key words are its own)?"""
    bit = {
        "vague-phrase": keywords.VAGUE_PHRASE,
        "anonymous-phrase": keywords.ANONYMOUS_PHRASE,
        "self-phrase": keywords.SELF_PHRASE,
        "quantity": keywords.QUANTITY,
        "idiom": keywords.IDIOM,
    }[kind]
    for phrase in sorted(_lexicon().kinds[kind]):
        assert keywords.sentence_keywords(parse(f"Then {phrase} here.")).sentences[0] & bit, phrase


def test_key_words_do_not_depend_on_the_hash_seed():
    """Are the key words the same whatever order Python's sets come out in (PYTHONHASHSEED)?"""
    script = (
        "from medialit.detect.statistics import keywords as k; "
        "print(sorted(k._key_words().items()), k._word_pairs())"
    )
    tables = {
        subprocess.run(
            [sys.executable, "-c", script],
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(tables) == 1
    assert keywords._keys_of("it is said") == ("said", "is")
    assert keywords._keys_of("experts say") == ("experts",)


def _phrase_starts_plainly(doc) -> dict[str, list[int]]:
    """Where each phrase list's phrases may begin: every run of word characters that is one of its first words."""
    lex = _lexicon()
    starts, _, runs = doc.tokens.word_runs(doc.lowered)
    return {
        name: [at for at, run in zip(starts, runs, strict=True) if run in lex.at_words[name].firsts]
        for name in keywords.PHRASE_LISTS
    }


_KEYWORD_PIECES = [
    "a", "A", "third", "Twenty-one", "said", "report", "Report", "News", "news", "Mr", "op-ed",
    "5said", "12", "$3", "2024", "555-0123", "reported", "(c)", ") -", "é", " ", "\u00a0", ". ", "\n", "\n\n",
    "many", "Some", "lot", "of", "an", "large", "share", "-", "dime", "dozen", "so-called",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_KEYWORD_PIECES), max_size=30).map("".join))
def test_the_quick_pass_finds_what_a_token_by_token_pass_finds(text: str) -> None:
    """On any mix of key words, capitals, digits and marks, is the quick keyword pass the plain one?"""
    doc = parse(text)
    found = keywords.sentence_keywords(doc)
    plain = _keywords_token_by_token(doc)
    assert (found.sentences, found.word_atoms, found.figures, found.long_numbers) == plain
    assert found.phrases == _phrase_starts_plainly(doc)


@pytest.mark.parametrize("doc_id", CORPUS_IDS)
def test_the_quick_pass_finds_what_a_token_by_token_pass_finds_in_the_corpus(doc_id) -> None:
    """On each corpus article, is the quick keyword pass the plain one?"""
    doc = parse(medialit.load(doc_id).text)
    found = keywords.sentence_keywords(doc)
    assert (found.sentences, found.word_atoms, found.figures, found.long_numbers) == _keywords_token_by_token(
        doc
    )
    assert found.phrases == _phrase_starts_plainly(doc)
