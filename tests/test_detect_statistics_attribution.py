"""Tests for medialit.detect.statistics.attribution: phrase lists matched in the lowered sentence."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from medialit.detect.statistics import attribution
from medialit.detect.statistics.cues import _lexicon

_PATTERNS = ("vague_phrase", "anonymous_phrase", "self_phrase", "quoted_title")
# Words of the phrase lists, and letters that lower oddly or that re matches with "i", "k" or "s"
# ignoring case ("\u0130" lowers to two characters; "\u0131", "\u017f" and the Kelvin sign "\u212a").
_PIECES = st.sampled_from(
    [
        *"Experts say studies show it is estimated we reported familiar with the matter".split(),
        *"report titled called According to reports reportedly".split(),
        *(" ", "  ", "\n", ",", '"', "'", "-", "~~"),
        *("\u0130", "\u0131", "\u017f", "\u212a", "\u00df", "\u00e9", "I", "S", "K"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
@example("Experts \u017fay 5 died.")
@example("\u0130t is estimated that 5 died.")
@example("A man with \u212anowledge of the plan said 5.")
@example("The Report, TITLED 'Border Counts', said so. Studies show it.")
def test_phrases_in_the_lowered_sentence_are_the_case_insensitive_matches(sentence: str) -> None:
    """Does each case-insensitive pattern find the same matches through the lowered sentence?"""
    lex = _lexicon()
    lowered = attribution._lower_case(sentence)
    for name in _PATTERNS:
        expected = [m.span() for m in getattr(lex, name).finditer(sentence)]
        assert [m.span() for m in attribution._phrases(lex, name, sentence, lowered)] == expected


def test_every_phrase_list_has_a_case_sensitive_form() -> None:
    """Are the kit's own phrase lists (lower-case ASCII) searched the quick way?"""
    assert set(_lexicon().case_sensitive) == set(_PATTERNS)
