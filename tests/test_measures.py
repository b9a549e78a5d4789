"""Tests for medialit.measures: the counts behind the lessons' charts."""

from __future__ import annotations

import itertools

import medialit
from medialit import measures


def test_longer_terms_are_not_counted_twice():
    """Is "illegal immigrants" counted once, and its "immigrants" not counted again on its own?"""
    terms = ("illegal immigrants", "immigrants")
    counts = measures.term_counts(["ice-officer-interview"], terms)["ice-officer-interview"]
    tokens = measures.words(medialit.load("ice-officer-interview").text)
    pairs = sum(1 for a, b in itertools.pairwise(tokens) if (a, b) == ("illegal", "immigrants"))
    assert counts["illegal immigrants"] == pairs > 0
    assert counts["immigrants"] == tokens.count("immigrants") - pairs


def test_counts_are_freqdists_with_every_term():
    """Does every article get an NLTK FreqDist with every term, zeros included?"""
    counts = measures.term_counts()
    assert set(counts) == {a.id for a in medialit.articles()}
    assert all(set(fd) == set(measures.PEOPLE_TERMS) for fd in counts.values())


def test_concordance_shows_context():
    """Does the concordance show each use of a word with words around it?"""
    lines = measures.concordance("ice-officer-interview", "flood")
    assert "flood" in lines and "Displaying" in lines


def test_density_counts_clear_cut_phrases_per_100_words():
    """Is the density the key's clear-cut loaded phrases per 100 words?"""
    info = next(a for a in medialit.articles() if a.id == "oig-release-report")
    key = medialit.annotations(info.id)
    expected = 100 * sum(not s.acceptable for s in key.loaded) / info.word_count
    assert measures.loaded_density()[info.id] == expected


def test_sourcing_counts_add_up():
    """Do the sourcing counts add up to the number of statistics in the key?"""
    for article_id, counts in measures.sourcing_counts().items():
        assert sum(counts.values()) == len(medialit.annotations(article_id).statistics)


def test_label_positions_run_from_start_to_end():
    """Do positions run from 0 to 1, one per sentence?"""
    positions = measures.label_positions("cities-ice-cooperation")
    assert positions[0][0] == 0 and positions[-1][0] == 1
    assert len(positions) == len(medialit.annotations("cities-ice-cooperation").sentences)


def test_in_context_gives_whole_words_around_each_use():
    """Does each row hold the word, with at most `around` whole words on each side, one row per use?"""
    rows = measures.in_context("cities-ice-cooperation", "Undocumented", around=4)
    tokens = measures.words(medialit.load("cities-ice-cooperation").text)
    assert len(rows) == tokens.count("undocumented") > 0
    for row in rows:
        assert row["word"] == "undocumented"
        assert 0 < len(row["before"].split()) <= 4 and 0 < len(row["after"].split()) <= 4
        assert f"{row['before']} undocumented {row['after']}" in " ".join(tokens)
    assert measures.in_context("cities-ice-cooperation", "zebra") == []


def test_term_table_rows_name_outlet_rating_and_counts():
    """Does each row give the article's outlet, its AllSides rating and the same counts as term_counts?"""
    ids = ["mississippi-raids-breitbart", "mississippi-raids-npr", "oig-release-report"]
    rows = measures.term_table(ids)
    counts = measures.term_counts(ids)
    assert [r["Article"] for r in rows] == ids
    assert rows[0]["Outlet"] == "Breitbart News" and rows[0]["AllSides rating"] == "right"
    assert rows[1]["AllSides rating"] == "center"
    assert rows[2]["Outlet"] == "not known" and rows[2]["AllSides rating"] == "not rated"
    for row in rows:
        assert {t: row[t] for t in measures.PEOPLE_TERMS} == dict(counts[row["Article"]])
