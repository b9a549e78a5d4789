"""Tests for medialit.atomic: a write is all or nothing."""

from __future__ import annotations

import json

import pytest

from medialit.atomic import replace_atomically, write_json_atomically, write_text_atomically


def test_text_and_json_are_written_whole(tmp_path):
    """Are text and JSON written, with no temporary file left behind?"""
    write_text_atomically(tmp_path / "a" / "page.html", "<p>é</p>\n")
    write_json_atomically(tmp_path / "a" / "data.json", {"learner": "Zoë"})
    assert (tmp_path / "a" / "page.html").read_text(encoding="utf-8") == "<p>é</p>\n"
    assert json.loads((tmp_path / "a" / "data.json").read_text(encoding="utf-8")) == {"learner": "Zoë"}
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["data.json", "page.html"]


def test_a_failed_write_leaves_the_old_file(tmp_path):
    """If writing fails half-way, is the old file untouched and the temporary file gone?"""
    path = tmp_path / "progress.json"
    path.write_text("old", encoding="utf-8")

    def fail(handle):
        handle.write("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        replace_atomically(path, fail)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]
