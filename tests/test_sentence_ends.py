"""Tests for medialit.sentence_ends: Punkt's sentence ends, found in one pass, are the ones Punkt finds itself."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from medialit.sentence_ends import PlainPunkt, PunktRules
from medialit.text import (
    _STRAIGHT_QUOTES,
    MAX_CHUNK,
    _punkt_rules,
    _sentence_spans,
    _sentence_tokenizer,
    sentence_spans,
)

ROOT = Path(__file__).resolve().parent.parent

# Each line holds a place where Punkt's answer depends on its parameters or on an odd reading.
TRICKY = [
    "Mr. Smith went to Washington. He met Mrs. Jones and Dr. Who.",
    "The U.S. Immigration and Customs Enforcement agency (ICE) said the U.S. was ready. It was.",
    "Agents arrived on Jan. 5 and left Feb. 9. Then came Oct. 1, 2024, and more raids.",
    "Donald J. Trump met J. Doe. J. Doe left. Agent X. Rest assured, he said.",
    "He lives at No. 5 Main St. and works for Acme Inc. in the U.S.A. Every day.",
    "The governor said no. Officials were surprised. Vote no. The count was No. 1.",
    "Polls open at 7 a.m. Voters lined up. It ended at 9 p.m. ET. The 5 p.m. deadline passed.",
    "Wait... what? Really?! Yes!!! No?! Well . . . maybe. So… it goes… and goes.",
    '"Stop!" he shouted. "Why?" she asked. "Because." They left. She said "no." It was over.',
    "He said, “We will not back down!” Jones said. “Is it true?” Smith asked.",
    "(See page 4.) The end. [Note: none.] Fine. {Braces.} Next.",
    "In 2019. The year. In 3,000. Many. In 2019. many. 4. Four. 10. 11. 12.",
    "It was the U.S. president. It was the U.S. President. The L.A. area. The D.C. office.",
    "at-large. All self-deport. Those ex-gov. Smith co. Ltd. works.",
    "1. First item. 2. Second item. a. Letter item. b. Another.",
    "Prices rose 3.5 percent. The Dow fell 2.1%. It was 10 a.m. in N.Y. Then noon.",
    "Who? Me. Why! Because. Ok.. fine. Ok... Fine. ... Nothing... .",
    "He asked 'why?' and left. The 'U.S.' view. ‘Yes.’ No.",
    "A sentence.\u00a0Another one.\u2009A third. A fourth.\tA fifth.  A sixth.",
    "end.Start. Next. e.g. this. i.e. That. etc. And so on. vs. Them.",
    "Sen. Warren (D-Mass.) spoke. Rep. Jim Smith (R-Texas) replied. Gov. Abbott agreed.",
    "The Sept. 11 attacks. The Sept. report. The sept. Thing. St. Louis. Mt. Everest.",
    "Rogelio V. Solis/AP. The George W. Bush era. P.J. Lechleitner said. X's. But",
    '"I was in the ICU at 2 a.m. with families," she wrote. "Then it was over."',
    'word.) Next. word.\' Next. word.] Next. word." Next. word?) next. word!" next.',
    "Lists: a) one. b) two. (c) three. - four. -- five. -- Six.",
    "Numbers: 1,000. 1,000,000. Big. 3.14. Pi. -5. Minus. +5. Plus. $5. Dollars. 5%. Percent.",
    "Ends with an abbreviation: the U.S.",
    "Ends with a mark and a quote?”",
    "  Leading spaces. And trailing ones.   ",
    "Weird\x1cseparator. Here. And\x1fthere. Now.",
    "Tabs\tbetween. Words\there.\tAnd here.",
    "ALL CAPS. THE U.S. AGRICULTURE DEPT. SAID SO. MR. JONES AGREED.",
    "Unicode: Raúl. Él dijo. Café. Über. Ñandú. İstanbul. Straße. Ende.",
    "Initials J.R.R. Tolkien and C.S. Lewis met. A.I. Is here. a.i. is here.",
    "Quotes after abbreviations: “Mr. Smith.” “Dr.” Who. (Mr.) Jones. [Sen.] Lee.",
]


def _reference(text: str) -> list:
    return _sentence_spans(text, PlainPunkt(_sentence_tokenizer(), _STRAIGHT_QUOTES(text)))


def _lines(text: str):
    for match in re.finditer(r"[^\n]+", text):
        if match.group().strip():
            yield match.start(), match.end()


@pytest.mark.parametrize("line", TRICKY)
def test_each_line_splits_as_punkt_splits_it(line: str) -> None:
    """Are a tricky line's sentence slices exactly Punkt's own span_tokenize of it?"""
    flat = _STRAIGHT_QUOTES(line)
    fast = _punkt_rules().lines(flat)  # trusted on this NLTK: see test_the_fast_path_is_trusted_here
    plain = PlainPunkt(_sentence_tokenizer(), flat)
    for start, end in _lines(line):
        assert fast.slices(start, end) == plain.slices(start, end)
        assert fast.slices(start, end, whole_line=False) == plain.slices(start, end)


def test_tricky_text_gives_the_same_sentences_as_plain_punkt() -> None:
    """Does sentence_spans on the tricky lines, as one text, give what plain Punkt and the kit's rules give?"""
    text = "\n".join(TRICKY) + "\n\n" + " ".join(TRICKY)
    assert sentence_spans(text) == _reference(text)


def test_lines_read_in_one_pass_split_as_each_line_read_alone() -> None:
    """Does line_slices, walking all lines and candidates together, give each line's own slices
    (and None for a line longer than the limit)?"""
    plain_lines = [line for line in TRICKY if "\x1c" not in line]  # a separator: every line to Punkt
    for lines in (plain_lines, TRICKY):
        text = "\n".join(lines) + "\n\n  \n" + " ".join(lines) + "\nNo end mark"
        flat = _STRAIGHT_QUOTES(text)
        fast = _punkt_rules().lines(flat)
        plain = PlainPunkt(_sentence_tokenizer(), flat)
        expected = [(start, end, plain.slices(start, end)) for start, end in _lines_with_space(flat)]
        assert list(fast.line_slices(MAX_CHUNK)) == expected
        assert list(plain.line_slices(MAX_CHUNK)) == expected
        longest = max(end - start for start, end, _ in expected)
        assert [found for _, _, found in fast.line_slices(longest - 1)].count(None) == 1


def _lines_with_space(text: str):
    for match in re.finditer(r"[^\n]+", text):
        yield match.start(), match.end()


def test_a_line_longer_than_a_chunk_splits_as_before() -> None:
    """Is a line too long for one Punkt pass cut into the same sentences?"""
    text = " ".join(TRICKY * (MAX_CHUNK // len(" ".join(TRICKY)) + 2))
    assert len(text) > MAX_CHUNK
    assert sentence_spans(text) == _reference(text)


def test_every_text_in_the_project_splits_as_before() -> None:
    """Do the teaching articles and the saved articles split exactly as with plain Punkt?"""
    paths = sorted((ROOT / "datasets").rglob("*.txt"))
    assert paths
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert sentence_spans(text) == _reference(text), path.name


# Pieces that put an end mark next to what Punkt weighs: abbreviations, initials, numbers, case,
# quotes, brackets, odd white space and line breaks.
_PIECES = [
    "Mr.", "U.S.", "Jan.", "no.", "No.", "a.m.", "J.", "x.", "L.A.", "etc.", "ex-gov.", "co.",
    "word", "Word", "the", "The", "it", "It", "said", "said.", "asked?", "wow!", "2019", "2019.",
    "3,000.", "5.", "3.5", ".", "..", "...", "?", "!", "…", ",", ";", ":", "-", "--",
    '"', "“", "”", "'", "’", "(", ")", "[", "]", " ", " ", " ", "  ", "\u00a0", "\t", "\n", "\n\n", "\x1c",
]  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40))
@example(["Agent", " ", "X.", " ", "Rest", " ", "assured"])
@example(["Stop", ".", "\u00a0", "Next", ".", " ", "Go"])
def test_any_text_splits_as_plain_punkt(pieces: list[str]) -> None:
    """On any mix of tricky pieces, are the sentences those of plain Punkt with the kit's rules?"""
    text = "".join(pieces)
    assert sentence_spans(text) == _reference(text)


def test_the_rules_hold_for_the_kit_tokenizer() -> None:
    """Does the kit's tokenizer meet the conditions the certain answers rely on (no collocations, and
    no word known to start sentences in lower case only)?"""
    rules = PunktRules(_sentence_tokenizer())
    assert rules.plain_periods
    assert rules.lower_never_starts


def test_contexts_are_punkts_own() -> None:
    """Is the context built for a doubtful candidate the one Punkt builds itself?"""
    line = 'Sen. Lee (R-Utah) met J. Doe on Jan. 5. "Mr. Smith," said Rep. Jim. U.S. officials agreed.'
    flat = _STRAIGHT_QUOTES(line)
    lines = _punkt_rules().lines(flat)
    tokenizer = _sentence_tokenizer()
    previous = -1
    for match, context in tokenizer._match_potential_end_contexts(flat):
        next_token = match.start("next_tok")
        built = lines._context(match.start(), next_token, match.group("next_tok"), previous, 0)
        assert built == context
        previous = match.start()


def test_the_fast_path_is_trusted_here() -> None:
    """Does this NLTK's Punkt pass the fast path's self-check, so the fast path is what the kit uses?"""
    assert _punkt_rules() is not None


def test_a_punkt_the_fast_path_does_not_know_falls_back_to_punkt(monkeypatch: pytest.MonkeyPatch) -> None:
    """If Punkt's private parts change (here: one goes missing), are the sentences still Punkt's own?"""
    import medialit.text as text_module

    text = "Mr. Smith met J. Doe on Jan. 5. He left.\nNo. 5 won! Then 3,000 came."
    expected = text_module.sentence_spans(text)

    class Broken(PunktRules):
        def __init__(self, tokenizer: object) -> None:
            raise AttributeError("_match_potential_end_contexts")

    monkeypatch.setattr(text_module, "PunktRules", Broken)
    text_module._punkt_rules.cache_clear()
    try:
        assert text_module._punkt_rules() is None
        assert text_module.sentence_spans(text) == expected
    finally:
        monkeypatch.undo()
        text_module._punkt_rules.cache_clear()
