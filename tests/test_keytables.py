"""Do the answer key's numbers become designed tables, with readable headings and no Python reprs?"""

from __future__ import annotations

import pytest

from medialit import corpus, keytables
from medialit.errors import MedialitError


def test_sentences_pick_the_numbers_inside_them():
    """Are only the statistics in sentences first..last returned, in reading order?"""
    key = corpus.annotations("declined-detainer-report")
    stats = keytables.key_statistics("declined-detainer-report", (8, 10))
    assert [s.text for s in stats] == ["many of whom", "15 individuals", "All these examples"]
    assert all(key.sentences[8].start <= s.start < key.sentences[10].end for s in stats)


def test_numbers_come_in_the_order_asked_and_unknown_ones_are_named():
    """Does ``numbers`` keep the caller's order, and does a number the key lacks raise, naming it?"""
    stats = keytables.key_statistics("oig-release-report", numbers=["813", "328"])
    assert [s.text for s in stats] == ["813", "328"]
    with pytest.raises(MedialitError, match="'9,999'"):
        keytables.key_statistics("oig-release-report", numbers=["9,999"])


def test_rows_use_readable_headings_and_words():
    """Are columns headed for a reader, sourcing classes written as words, and a missing source a dash?"""
    stat = keytables.key_statistics("oig-release-report", numbers=["both"])
    (row,) = keytables.statistic_rows(stat)
    assert row == {"Number or amount": "both", "Who says so": "none", "Source, in the article's words": None}
    (row,) = keytables.statistic_rows(keytables.key_statistics("oig-release-report", numbers=["328"]))
    assert row["Who says so"] == "named document"
    with pytest.raises(ValueError, match="reason"):
        keytables.statistic_rows(stat, ("text", "reason"))


def test_table_is_escaped_html_without_reprs():
    """Is the table HTML with a caption and the key's notes, escaped, and free of Python reprs?"""
    table = keytables.statistics_table("oig-release-report", ("text", "check"), numbers=["11,608"])
    assert table.startswith("<table") and "arithmetic</th>" in table and "11,754 − 11,608" in table
    assert "Numbers in oig-release-report, from the answer key" in table
    assert "StatisticSpan(" not in table and "{'" not in table


def test_detector_table_shows_what_the_detector_found():
    """Does the detector's table name the vague source in 'Experts say 40% …'?"""
    table = keytables.detector_table("Experts say 40% of students skip breakfast.")
    assert "40%" in table and ">vague<" in table and "Experts say" in table
    assert "<b>" not in keytables.detector_table("<b>Experts</b> say 40% of students skip breakfast.")
