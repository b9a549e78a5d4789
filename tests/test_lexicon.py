"""Tests for medialit.lexicon: the one loader for word lists."""

from __future__ import annotations

import pytest

from medialit import lexicon
from medialit.errors import DataFileError


@pytest.fixture
def lexicon_dir(tmp_path, monkeypatch):
    folder = tmp_path / "lexicons"
    folder.mkdir()
    monkeypatch.setattr(lexicon, "datasets_dir", lambda: tmp_path)
    lexicon.read_table.cache_clear()
    yield folder
    lexicon.read_table.cache_clear()


def test_reads_a_table(lexicon_dir):
    """Is a well-formed CSV read as rows of stripped cells?"""
    (lexicon_dir / "cues.csv").write_text("cue,kind\n clearly ,certainty\n", encoding="utf-8")
    assert lexicon.read_table("cues.csv", ("cue", "kind")) == ({"cue": "clearly", "kind": "certainty"},)


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("word,kind\nx,y\n", "header is"),
        ("cue,kind\nclearly,\n", "line 2: column 'kind' is empty"),
        ("cue,kind\nclearly,certainty,extra\n", "line 2: more cells than columns"),
    ],
)
def test_malformed_tables_name_line_and_column(lexicon_dir, content, problem):
    """Does a malformed lexicon fail with the file, line and column named?"""
    (lexicon_dir / "cues.csv").write_text(content, encoding="utf-8")
    with pytest.raises(DataFileError, match=problem) as caught:
        lexicon.read_table("cues.csv", ("cue", "kind"))
    assert "cues.csv" in str(caught.value)


def test_vader_valence_comes_from_the_package():
    """Is VADER's lexicon read from inside the installed package, offline?"""
    valence = lexicon.vader_valence()
    assert len(valence) > 7000
    assert valence["terrorize"] < -3 and valence["excellent"] > 2
