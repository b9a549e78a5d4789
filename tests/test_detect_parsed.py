"""Tests for medialit.detect.parsed: one parse of a text, shared by every detector."""

from __future__ import annotations

import re
import sys
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit import text as text_module
from medialit.detect import find_loaded, find_statistics, label_sentences, parse
from medialit.detect import quotes as quotes_module
from medialit.detect.parsed import _LINK

STORY = (
    "Border Surge Continues\n\n"
    "The officer said 143 people were arrested. “It is an invasion,” he said.\n"
    "Critics call it a flood — and say the figure is wrong."
)


def _count_calls(monkeypatch: pytest.MonkeyPatch, original, counter: Counter) -> None:
    """Replace ``original`` wherever a medialit module holds it, with a wrapper that counts calls."""

    def counting(*args, **kwargs):
        counter[original.__name__] += 1
        return original(*args, **kwargs)

    for name, module in list(sys.modules.items()):
        if name.startswith("medialit"):
            for attribute, value in list(vars(module).items()):
                if value is original:
                    monkeypatch.setattr(module, attribute, counting)


def test_normaliser_and_quote_finder_run_once_per_analyze(monkeypatch):
    """Does one analyze() call normalise the text once (straightening its quotes once, for the normaliser and
    the sentence splitter both) and look for quotations once?"""
    medialit.analyze(STORY)  # load the lexicons first: they normalise their own terms once per process
    calls: Counter = Counter()
    _count_calls(monkeypatch, text_module.normalize, calls)
    _count_calls(monkeypatch, quotes_module.quoted_regions, calls)
    _count_calls(monkeypatch, text_module.sentence_spans, calls)
    _count_calls(monkeypatch, text_module.straighten_quotes, calls)
    report = medialit.analyze(STORY)
    assert report.loaded and report.statistics and report.sentences
    assert calls == Counter(normalize=1, quoted_regions=1, sentence_spans=1, straighten_quotes=1)


def test_parse_holds_every_shared_piece():
    """Does the parse hold the text, its normalised form, paragraphs, sentences, tokens and quotations?"""
    doc = parse(STORY)
    assert doc.text == STORY and len(doc.normalized) == len(STORY) and "—" not in doc.normalized
    assert [p.text for p in doc.paragraphs][:1] == ["Border Surge Continues"] and len(doc.paragraphs) == 3
    assert all(STORY[s.start : s.end] == s.text for s in (*doc.sentences, *doc.paragraphs))
    assert [STORY[a:b] for a, b in doc.quotes] == ["“It is an invasion,”"]
    tokens = doc.tokens.spans(STORY)
    assert [t.text for t in tokens[:3]] == ["Border", "Surge", "Continues"]
    assert doc.spaced[STORY.index("—")] == " "


def test_detectors_accept_a_parse_or_a_string():
    """Does each detector give the same answer for a parse as for the plain string?"""
    doc = parse(STORY)
    assert find_loaded(doc) == find_loaded(STORY)
    assert find_statistics(doc) == find_statistics(STORY)
    assert find_statistics(doc) == find_statistics(doc)  # a second call on one parse starts afresh
    assert label_sentences(doc) == label_sentences(STORY)


def test_quotations_know_their_speakers():
    """Is the speaker of each quotation found once and shared ("he" after "The officer said")?"""
    speakers = parse(STORY).quote_speakers()
    assert list(speakers.values()) == ["The officer"]


def test_scare_quotes_are_kept_apart_from_quotations():
    """Is a word held at a distance (terms like “hero”) a scare quote, not a quotation?"""
    doc = parse("The show uses terms like “hero”. “We are proud,” she said.")
    assert [doc.text[a:b] for a, b in doc.scare_quotes] == ["“hero”"]
    assert [doc.text[a:b] for a, b in doc.quotes] == ["“We are proud,”"]


@pytest.mark.parametrize(
    "text, scare",
    [
        ("It was called “the wall” by many.", True),
        ("It was called “a very long wall” by many.", False),  # four words: a quotation
        ("It was called “the wall.” Then", False),  # closing punctuation: a quotation
        ("It was called “the wall ” by many.", True),
        ("It was called “ . ” by many.", False),
        ("It was called “” by many.", False),
        ("The wall, “the wall” was.", False),  # nothing introduces it
    ],
)
def test_scare_quotes_are_short_unpunctuated_and_introduced(text, scare):
    """Is a quotation a scare quote exactly when it is one to three words, unpunctuated, after a word like "called"?"""
    assert bool(parse(text).scare_quotes) == scare


def test_links_are_found():
    """Are web addresses and e-mail addresses found, without a final full stop?"""
    doc = parse("See bit.ly/3xYz. Write to desk@example.org or https://example.org/a?b=1.")
    assert [doc.text[a:b] for a, b in doc.links] == [
        "bit.ly/3xYz",
        "desk@example.org",
        "https://example.org/a?b=1",
    ]


# Pieces for texts that test the parse's fast paths against their plain definitions.
_PIECES = [
    "a", "Word", " ", "  ", "\n", "\n\n", "\t", "\r", "\u00a0", "\x1c", ".", "\u2014", "\u2013", "\u2212", "-",
    "www.", "WWW.", "example", ".com", ".CO", ".uk", "://", "http", "@", "bit.ly/x", "/", "?",
]  # fmt: skip


def _plain_paragraphs(text: str) -> list[tuple[int, int, str]]:
    found = []
    for match in re.finditer(r"[^\n]+", text):
        raw = match.group()
        if raw.strip():
            start = match.start() + len(raw) - len(raw.lstrip())
            found.append((start, start + len(raw.strip()), raw.strip()))
    return found


def _plain_links(doc) -> list[tuple[int, int]]:
    hint = re.compile(
        r"://|www\.|@|\.(?:com|org|net|gov|edu|ly|io|co|uk|us|info|news|tv|me|gl)\b", re.IGNORECASE
    )
    found = []
    lines = {doc.paragraphs[doc.paragraph_index(m.start())] for m in hint.finditer(doc.text)}
    for line in sorted(lines, key=lambda p: p.start):
        for m in _LINK.finditer(doc.text, line.start, line.end):
            end = m.end()
            while end > m.start() and doc.text[end - 1] in ".,;:!?)":
                end -= 1
            found.append((m.start(), end))
    return found


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_paragraphs_spaced_form_and_links_match_their_definitions(text: str) -> None:
    """Are the paragraphs each non-blank line stripped, the spaced form the normalised text with spacing
    dashes as spaces, and the links those found line by line where a hint of one is?"""
    doc = parse(text)
    assert [(p.start, p.end, p.text) for p in doc.paragraphs] == _plain_paragraphs(text)
    spaced = list(doc.normalized)
    for m in re.finditer("[\u2012\u2013\u2014\u2015\u2212]", text):
        spaced[m.start()] = " "
    assert doc.spaced == "".join(spaced)
    assert doc.links == _plain_links(doc)


@pytest.mark.parametrize(
    "text",
    [
        "No address here. Just words, 12 of them.",
        "See example.com today.",
        "Write to tips@example.org.",
        "Go to www.example.net",
        "Read https://x.y/z now.",
        "The U.S. figures. In.side",
        "Visit EXAMPLE.COM now.",
    ],
)
def test_may_hold_links_is_false_only_without_links(text: str) -> None:
    """Does the quick link test say False only for texts with no link, before and after links are read?"""
    quick = parse(text).may_hold_links
    doc = parse(text)
    assert quick or not doc.links
    assert doc.may_hold_links == bool(doc.links)
    assert parse("Nothing to see here.").may_hold_links is False


def test_sentences_fall_back_to_end_marks_where_punkt_gives_up(monkeypatch):
    """When Punkt raises (its time limit on a pathological line), are sentences still found, split on end
    marks and lines, with no white space at their ends?"""
    from medialit.detect import parsed

    def gives_up(*_):
        raise TimeoutError("Punkt's regular expression took too long")

    monkeypatch.setattr(parsed, "sentence_spans", gives_up)
    text = "  First one.  Second one!\n\n Third line without a mark  "
    spans = parse(text).sentences
    assert [s.text for s in spans] == ["First one.", "Second one!", "Third line without a mark"]
    assert all(text[s.start : s.end] == s.text for s in spans)


def test_vocabulary_is_the_distinct_token_words():
    """Is the document's vocabulary exactly the distinct words of its tokens, built once?"""
    doc = parse("The flood, the FLOOD and a flood-wall.")
    assert doc.vocabulary == frozenset(doc.tokens.words) == {"the", "flood", "and", "a", "flood-wall"}
    assert doc.vocabulary is doc.vocabulary
