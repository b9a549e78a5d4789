"""Tests for medialit.display.keynotes: the key's notes on loaded phrases as a table."""

from __future__ import annotations

import medialit
from medialit.display.keynotes import COLUMNS, NOT_MARKED, key_notes, key_rows


def test_a_row_gives_the_keys_kind_speaker_and_reason_in_words():
    """Is "flood" shown as an emotive metaphor in the writer's words, with the key's own reason?"""
    (row,) = key_rows("ice-officer-interview", "flood")
    item = next(s for s in medialit.annotations("ice-officer-interview").loaded if s.text == "flood")
    assert row == dict(zip(COLUMNS, ("flood", "emotive metaphor", "the writer's", item.reason), strict=True))


def test_debatable_and_quoted_phrases_say_so():
    """Does a phrase the key marks acceptable read "(debatable)", and a quoted one "quoted"?"""
    (mitigated,) = key_rows("cities-ice-cooperation", "mitigated")
    assert mitigated["Kind"].endswith("(debatable)") and mitigated["Whose words"] == "quoted"


def test_a_phrase_used_many_times_gets_one_row_and_an_unknown_one_a_plain_note():
    """Is a repeated phrase one row, and is a phrase the key does not mark a row that says so?"""
    rows = key_rows("ice-officer-interview", "illegal aliens", "Flood")  # capital F: not the key's text
    assert [r["Phrase"] for r in rows] == ["illegal aliens", "Flood"]
    assert rows[1]["Why the key marks it"] == NOT_MARKED


def test_the_table_is_escaped_and_captioned_with_the_title():
    """Is a phrase with markup shown as text, under a caption naming the text?"""
    html = key_notes("ice-officer-interview", "<b>flood</b>")
    assert "&lt;b&gt;flood&lt;/b&gt;" in html and "<b>" not in html
    assert "What the answer key says" in html and "Border Deluge" in html
