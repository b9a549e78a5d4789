"""Tests for medialit.progress.store: every attempt kept, shared safely, checked on the way in and out."""

from __future__ import annotations

import math
import sqlite3

import pytest

from medialit.progress import (
    LearnerNameError,
    ProgressFileError,
    ProgressStore,
    ProgressValueError,
    database,
    progress_path,
    validate_learner_name,
)
from medialit.progress import store as store_module
from medialit.progress.aside import keep_aside

L01 = "01-Loaded-Words"


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "progress.sqlite3")


def test_answers_are_saved_and_restored(store, tmp_path):
    """Is a checked answer on disk at once, and there for a new store on the same file?"""
    store.set_learner("Sam")
    store.record("l01-flood-category", L01, "labeling", 0.0, False)
    store.record("l01-flood-category", L01, "emotive-metaphor", 1.0, True)
    again = ProgressStore(tmp_path / "progress.sqlite3")
    entry = again.entry("l01-flood-category")
    assert again.learner == "Sam" and again.answer("l01-flood-category") == "emotive-metaphor"
    assert entry["attempts"] == 2 and entry["score"] == 1.0 and entry["best_score"] == 1.0
    assert again.warnings == []


def test_every_attempt_is_kept_and_latest_and_best_are_derived(store):
    """Are all attempts kept in order, with the latest answer and the best score worked out from them?"""
    for answer, score in [("a", 0.5), ("b", 1.0), ("c", 0.25)]:
        store.record("l01-q", L01, answer, score, score == 1.0)
    entry = store.entry("l01-q")
    assert [h["answer"] for h in entry["history"]] == ["a", "b", "c"]
    assert [h["score"] for h in entry["history"]] == [0.5, 1.0, 0.25]
    assert entry["answer"] == "c" and entry["score"] == 0.25 and entry["correct"] is False
    assert entry["best_score"] == 1.0 and entry["attempts"] == 3
    assert entry["first_at"] <= entry["last_at"]


def test_two_stores_on_one_file_lose_nothing(tmp_path):
    """Name and q00 saved through one store, q01 through another opened before: is everything there?"""
    first, second = ProgressStore(tmp_path / "p.sqlite3"), ProgressStore(tmp_path / "p.sqlite3")
    first.set_learner("Ana")
    first.record("q00", L01, "x", 1.0, True)
    second.record("q01", L01, "y", 0.0, False)
    for view in (first, second, ProgressStore(tmp_path / "p.sqlite3")):
        assert view.learner == "Ana"
        assert set(view.snapshot()["answers"]) == {"q00", "q01"}


def test_the_database_is_versioned_and_in_wal_mode(store):
    """Does the file carry its schema version and application id, and use write-ahead logging?"""
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == database.SCHEMA_VERSION
    assert con.execute("PRAGMA application_id").fetchone()[0] == database.APPLICATION_ID
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"attempts", "responses", "names", "reveals"} <= tables
    con.close()


def test_a_later_schema_version_is_reached_by_its_upgrade_step(store, monkeypatch):
    """With a version 2 and its upgrade step, is an existing version-1 file upgraded, its answers kept?"""
    store.record("l01-q", L01, "a", 1.0, True)

    def add_column(con):
        con.execute("ALTER TABLE attempts ADD COLUMN seconds REAL")

    monkeypatch.setattr(database, "SCHEMA_VERSION", 2)
    monkeypatch.setitem(database.UPGRADES, 1, add_column)
    again = ProgressStore(store.path)
    assert again.answer("l01-q") == "a" and again.warnings == []
    con = sqlite3.connect(store.path)
    assert con.execute("PRAGMA user_version").fetchone()[0] == 2
    assert "seconds" in {r[1] for r in con.execute("PRAGMA table_info(attempts)")}
    con.close()


def test_a_database_from_a_newer_kit_is_left_alone(store, monkeypatch):
    """Is a file from a newer kit neither changed nor moved, with a warning and a store that still works?"""
    store.record("l01-q", L01, "a", 1.0, True)
    con = sqlite3.connect(store.path)
    con.execute("PRAGMA user_version = 99")
    con.close()
    before = store.path.read_bytes()
    newer = ProgressStore(store.path)
    assert newer.in_memory and "newer version" in newer.warnings[0]
    newer.record("l01-q", L01, "b", 0.0, False)
    assert store.path.read_bytes() == before


@pytest.mark.parametrize("score", [math.nan, math.inf, -math.inf, -0.1, 1.5, 100, "1", None, True])
def test_record_refuses_scores_that_are_not_from_0_to_1(store, score):
    """Is a NaN, infinite, out-of-range or non-number score refused, and nothing saved?"""
    with pytest.raises(ProgressValueError, match="score"):
        store.record("l01-q", L01, "a", score, False)
    assert store.entry("l01-q") is None


def test_record_refuses_absurd_attempt_counts(store, monkeypatch):
    """After MAX_ATTEMPTS checks of one quiz (a runaway loop), are more refused while other quizzes still save?"""
    monkeypatch.setattr(store_module, "MAX_ATTEMPTS", 3)
    for _ in range(3):
        store.record("l01-q", L01, "a", 0.0, False)
    with pytest.raises(ProgressValueError, match="already been checked 3 times"):
        store.record("l01-q", L01, "a", 0.0, False)
    assert store.entry("l01-q")["attempts"] == 3
    store.record("l01-other", L01, "a", 1.0, True)


@pytest.mark.parametrize(
    ("quiz_id", "lesson", "answer"),
    [
        ("Bad Id", L01, "a"),
        ("l01-q", "01/../../x", "a"),
        ("l01-q", "", "a"),
        ("l01-q", L01, {1, 2}),
        ("l01-q", L01, math.nan),
        ("l01-q", L01, "x" * 30_000),
    ],
)
def test_record_refuses_ids_lessons_and_answers_it_cannot_keep(store, quiz_id, lesson, answer):
    """Are a malformed quiz id or lesson, and an answer that is not plain JSON data (or far too long), refused?"""
    with pytest.raises(ProgressValueError):
        store.record(quiz_id, lesson, answer, 0.5, False)
    assert store.snapshot()["answers"] == {}


def test_free_text_responses_keep_every_save_and_return_the_latest(store, tmp_path):
    """Does save_response keep the text, prompt and lesson, with the latest save winning on read?"""
    store.save_response("l05-reflection", "08-Your-Own-Article", "first draft", prompt="What surprised you?")
    store.save_response("l05-reflection", "08-Your-Own-Article", "Zoë's final\ntext")
    saved = ProgressStore(tmp_path / "progress.sqlite3").response("l05-reflection")
    assert saved["text"] == "Zoë's final\ntext" and saved["prompt"] is None
    assert saved["lesson"] == "08-Your-Own-Article" and saved["saved_at"]
    assert store.response("l05-other") is None
    con = sqlite3.connect(store.path)
    assert con.execute("SELECT count(*) FROM responses").fetchone()[0] == 2
    con.close()
    with pytest.raises(ProgressValueError):
        store.save_response("l05-reflection", "08-Your-Own-Article", 42)


def test_a_revealed_answer_is_remembered(store, tmp_path):
    """Is "Show answer" noted per quiz, for any store on the file?"""
    assert not store.revealed("l01-q")
    store.record_reveal("l01-q", L01)
    assert ProgressStore(tmp_path / "progress.sqlite3").revealed("l01-q")
    assert not store.revealed("l01-other")


@pytest.mark.parametrize("name", ["", "   ", "../etc/passwd", "a\\b", "x" * 41, "<script>", ".."])
def test_bad_learner_names_are_refused(name):
    """Are empty, over-long, path-like and markup names refused with a message?"""
    with pytest.raises(LearnerNameError):
        validate_learner_name(name)


def test_good_names_are_tidied():
    """Are ordinary names (accents, hyphens, apostrophes) accepted, with spaces tidied and accents composed?"""
    assert validate_learner_name("  Zoë   O'Neil-Díaz ") == "Zoë O'Neil-Díaz"
    assert validate_learner_name("Zoe\u0308") == "Zoë"


def test_the_latest_name_counts(store):
    """If the name is saved twice, is the later one the learner's name?"""
    store.set_learner("Ana")
    store.set_learner("Ana Lopez")
    assert store.learner == "Ana Lopez"


def test_progress_location_follows_the_environment(tmp_path, monkeypatch):
    """Does MEDIALIT_PROGRESS choose where progress is kept, and is ~/.medialit/progress.sqlite3 the default?"""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("MEDIALIT_PROGRESS", raising=False)
    assert progress_path() == tmp_path / "home" / ".medialit" / "progress.sqlite3"
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "class" / "p.sqlite3"))
    store = ProgressStore()
    store.set_learner("Ana")
    assert store.path == tmp_path / "class" / "p.sqlite3" and store.path.exists()


def test_a_json_path_means_the_database_beside_it(tmp_path, monkeypatch):
    """Does a MEDIALIT_PROGRESS path ending in .json (the old format) use the .sqlite3 file of the same name?"""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "p.json"))
    store = ProgressStore()
    store.set_learner("Ana")
    assert store.path == tmp_path / "p.sqlite3" and not (tmp_path / "p.json").exists()


def test_lesson_scores(store):
    """Is a lesson's score the mean of its latest scores, counting unanswered quizzes as 0?"""
    store.record("a", L01, "x", 1.0, True)
    store.record("b", L01, "x", 0.5, False)
    store.record("b", L01, "x", 0.5, False)
    scores = store.lesson_scores({L01: 4, "03-Who-Says-So": 3})
    assert scores[L01] == {"answered": 2, "total": 4, "score": 0.375}
    assert scores["03-Who-Says-So"]["answered"] == 0


def test_a_store_follows_its_file_when_it_is_replaced(store, tmp_path):
    """If another lesson keeps the file aside (as damaged), do later checks go to the new file, with a warning?"""
    store.record("l01-q", L01, "a", 1.0, True)
    moved = keep_aside(store.path, "corrupt", companions=("-wal", "-shm"))
    store.record("l01-r", L01, "b", 1.0, True)
    assert set(ProgressStore(store.path).snapshot()["answers"]) == {"l01-r"}
    assert set(ProgressStore(moved).snapshot()["answers"]) == {"l01-q"}
    assert any("replaced or removed" in w for w in store.warnings)


def test_backup_copies_everything(store, tmp_path):
    """Does backup() write a complete copy (that opens as a store), and refuse to overwrite a file?"""
    store.set_learner("Sam")
    store.record("l01-q", L01, "a", 1.0, True)
    copy = store.backup(tmp_path / "backup.sqlite3")
    assert ProgressStore(copy).snapshot()["answers"].keys() == {"l01-q"}
    with pytest.raises(ProgressFileError, match="already exists"):
        store.backup(copy)
