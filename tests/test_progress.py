"""Tests for medialit.progress: saved answers, corrupt files, names and the teacher's export."""

from __future__ import annotations

import json

import pytest

from medialit.datafiles import schema_errors
from medialit.errors import MedialitError
from medialit.progress import (
    LearnerNameError,
    ProgressStore,
    export_results,
    validate_learner_name,
    write_export,
)


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.json")


def test_answers_are_saved_and_restored(store, tmp_path):
    """Is a checked answer on disk at once, and there for a new store on the same file?"""
    store.set_learner("Sam")
    store.record("l01-flood-category", "01-Loaded-Language", "labeling", 0.0, False)
    store.record("l01-flood-category", "01-Loaded-Language", "emotive-metaphor", 1.0, True)
    again = ProgressStore(tmp_path / "progress.json")
    entry = again.entry("l01-flood-category")
    assert again.learner == "Sam" and again.answer("l01-flood-category") == "emotive-metaphor"
    assert entry["attempts"] == 2 and entry["score"] == 1.0 and entry["best_score"] == 1.0


def test_writes_leave_no_temporary_files(store, tmp_path):
    """After saving, is the folder left with just the progress file (the write was a rename)?"""
    store.set_learner("Sam")
    store.record("q", "01-Loaded-Language", [1, 2], 0.5, False)
    assert [p.name for p in tmp_path.iterdir()] == ["progress.json"]


@pytest.mark.parametrize("content", ["{not json", '{"format": "something else"}', "\x00\x01binary", "[]"])
def test_corrupt_file_is_moved_aside_and_reported(tmp_path, content):
    """Is an unreadable progress file kept aside, reported, and replaced by a fresh one?"""
    path = tmp_path / "progress.json"
    path.write_text(content, encoding="utf-8")
    store = ProgressStore(path)
    assert store.warnings and "could not be read" in store.warnings[0]
    aside = list(tmp_path.glob("progress.json.corrupt-*"))
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    store.set_learner("Sam")
    assert json.loads(path.read_text(encoding="utf-8"))["learner"] == "Sam"


@pytest.mark.parametrize("name", ["", "   ", "../etc/passwd", "a\\b", "x" * 41, "<script>", ".."])
def test_bad_learner_names_are_refused(name):
    """Are empty, over-long, path-like and markup names refused with a message?"""
    with pytest.raises(LearnerNameError):
        validate_learner_name(name)


def test_good_names_are_tidied():
    """Are ordinary names (accents, hyphens, apostrophes) accepted, with spaces tidied?"""
    assert validate_learner_name("  Zoë   O'Neil-Díaz ") == "Zoë O'Neil-Díaz"


def test_progress_location_follows_the_environment(tmp_path, monkeypatch):
    """Does MEDIALIT_PROGRESS choose where progress is kept?"""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "class" / "p.json"))
    store = ProgressStore()
    store.set_learner("Ana")
    assert (tmp_path / "class" / "p.json").exists()


def test_lesson_scores(store):
    """Is a lesson's score the mean of its latest scores, counting unanswered quizzes as 0?"""
    store.record("a", "01-Loaded-Language", "x", 1.0, True)
    store.record("b", "01-Loaded-Language", "x", 0.5, False)
    scores = store.lesson_scores({"01-Loaded-Language": 4, "02-Numbers-and-Sources": 3})
    assert scores["01-Loaded-Language"] == {"answered": 2, "total": 4, "score": 0.375}
    assert scores["02-Numbers-and-Sources"]["answered"] == 0


def test_export_matches_its_schema(store, tmp_path):
    """Does the export hold learner, lesson, per-quiz score, attempts, times and version, valid against its schema?"""
    store.set_learner("Sam")
    store.record("l01-flood-category", "01-Loaded-Language", "emotive-metaphor", 1.0, True)
    store.record("l02-oig-percent", "02-Numbers-and-Sources", 3.0, 0.0, False)
    path = write_export(store, tmp_path, lesson="01-Loaded-Language")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert schema_errors(data, "export.schema.json") == []
    assert [r["quiz"] for r in data["results"]] == ["l01-flood-category"]
    assert data["learner"] == "Sam" and data["kit_version"]
    assert path.name == "medialit-results-Sam-01-Loaded-Language.json"


def test_export_needs_a_name(store):
    """Is an export without a learner name refused with a message saying what to do?"""
    with pytest.raises(MedialitError, match="Type your name"):
        export_results(store)
