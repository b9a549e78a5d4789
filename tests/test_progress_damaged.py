"""Does a damaged or unwritable progress store give a warning, keep the damaged file, and let quizzes check?"""

from __future__ import annotations

import os
import sqlite3

import pytest

from medialit import widgets as mw
from medialit.progress import ProgressStore, aside
from medialit.progress import store as store_module
from medialit.quiz import get_quiz

QUIZ = "l01-flood-category"


def _checks(store: ProgressStore) -> str:
    """Check QUIZ's solution through its widget; returns the feedback (the store must not raise)."""
    quiz = get_quiz(QUIZ)
    widget = mw.quiz_widget(quiz, store)
    widget.set_answer(quiz.solution())
    widget.check()
    assert "Full marks" in widget.feedback.value
    return widget.feedback.value


def _saved_store(path) -> None:
    """A real store with a few hundred attempts (so it spans several pages)."""
    store = ProgressStore(path)
    store.set_learner("Sam")
    for i in range(300):
        store.record(f"q{i % 50}", "01-Loaded-Words", ["padding" * 8, i], 0.5, False)
    store.close()  # the last connection closed: everything is in the main file, none in the -wal file


def _damage_a_page(path) -> None:
    data = bytearray(path.read_bytes())
    data[3 * 4096 + 100 : 3 * 4096 + 400] = b"\xab" * 300
    path.write_bytes(bytes(data))


def _truncate(path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _foreign(path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE songs (title TEXT)")
    con.commit()
    con.close()


DAMAGE = {
    "not-sqlite": lambda p: p.write_bytes(b"{'this is': 'not a database'}\n" * 20),
    "binary-junk": lambda p: p.write_bytes(bytes(range(256)) * 8),
    "truncated": _truncate,
    "fails-integrity-check": _damage_a_page,
    "another-programs-database": _foreign,
}


@pytest.mark.parametrize("case", DAMAGE)
def test_damaged_database_is_kept_aside_and_replaced(tmp_path, case):
    """Is a damaged database warned about, kept aside byte for byte, and replaced by a working fresh store?"""
    path = tmp_path / "progress.sqlite3"
    if case in ("truncated", "fails-integrity-check"):
        _saved_store(path)
    DAMAGE[case](path)
    damaged = path.read_bytes()
    store = ProgressStore(path)
    assert len(store.warnings) == 1 and "could not be read" in store.warnings[0]
    kept = [p for p in tmp_path.glob("progress.sqlite3.corrupt-*") if not p.name.endswith(("-wal", "-shm"))]
    assert [p.read_bytes() for p in kept] == [damaged]  # (with any -wal and -shm files SQLite made beside it)
    assert kept[0].name in store.warnings[0]
    assert not store.in_memory
    _checks(store)
    assert ProgressStore(path).entry(QUIZ)["correct"] is True


def test_damaged_file_in_a_folder_where_it_cannot_be_moved(tmp_path, monkeypatch):
    """If the damaged file cannot be moved aside (read-only folder), is it left intact, and the lesson run in
    memory with a warning that nothing will be saved?"""
    path = tmp_path / "progress.sqlite3"
    path.write_bytes(b"not a database at all" * 50)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(aside.os, "rename", refuse)
    store = ProgressStore(path)
    assert store.in_memory
    assert (
        "could not be moved aside" in store.warnings[0]
        and "Nothing you do now will be saved" in store.warnings[0]
    )
    assert path.read_bytes() == b"not a database at all" * 50
    assert "kept only until this lesson closes" in _checks(store)
    assert store.entry(QUIZ)["correct"] is True  # kept for the rest of the lesson
    assert learner_warning_shown(store)


def learner_warning_shown(store: ProgressStore) -> bool:
    return store.warnings[0][:40] in mw.learner_widget(store).warnings.value.replace("&#x27;", "'")


def test_a_folder_that_cannot_be_written_gives_an_in_memory_store(tmp_path, monkeypatch):
    """If the database cannot be opened for writing, does the lesson still work, with earlier answers shown?"""
    path = tmp_path / "progress.sqlite3"
    earlier = ProgressStore(path)
    earlier.set_learner("Sam")
    earlier.record(QUIZ, "01-Loaded-Words", "labeling", 0.0, False)
    real_connect = store_module.connect

    def read_only(target):
        if target != ":memory:":
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real_connect(target)

    monkeypatch.setattr(store_module, "connect", read_only)
    store = ProgressStore(path)
    assert store.in_memory and "cannot be saved" in store.warnings[0]
    assert store.learner == "Sam" and store.answer(QUIZ) == "labeling"  # a copy of what was saved
    _checks(store)
    assert list(tmp_path.iterdir()) == [path] or not list(tmp_path.glob("*.corrupt-*"))


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, not root")
def test_a_really_read_only_folder(tmp_path):
    """In a folder without write permission, is there a warning and an in-memory store that checks quizzes?"""
    folder = tmp_path / "locked"
    folder.mkdir()
    ProgressStore(folder / "progress.sqlite3").set_learner("Sam")
    folder.chmod(0o555)
    try:
        store = ProgressStore(folder / "progress.sqlite3")
        assert store.in_memory and store.warnings
        _checks(store)
    finally:
        folder.chmod(0o755)


def _raw_rows(path, *rows) -> None:
    con = sqlite3.connect(path)
    con.execute("PRAGMA ignore_check_constraints = ON")
    con.executemany(
        "INSERT INTO attempts (quiz, lesson, answer, score, correct, at) VALUES (?, ?, ?, ?, ?, ?)", rows
    )
    con.commit()
    con.close()


def test_rows_of_the_wrong_type_are_skipped_with_a_warning(tmp_path):
    """Are stored rows with a wrong type or range (score "oops" or 5, correct 7, bad JSON, bad time) skipped
    with a warning, while the good rows still count?"""
    path = tmp_path / "progress.sqlite3"
    store = ProgressStore(path)
    store.record(QUIZ, "01-Loaded-Words", "labeling", 0.0, False)
    at = "2026-11-29T09:00:00+00:00"
    _raw_rows(
        path,
        (QUIZ, "01-Loaded-Words", '"x"', "oops", 0, at),
        (QUIZ, "01-Loaded-Words", '"x"', 5.0, 0, at),
        (QUIZ, "01-Loaded-Words", '"x"', 0.5, 7, at),
        (QUIZ, "01-Loaded-Words", "{not json", 0.5, 0, at),
        (QUIZ, "01-Loaded-Words", '"x"', 0.5, 0, "yesterday"),
        ("NOT AN ID", "01-Loaded-Words", '"x"', 0.5, 0, at),
        (QUIZ, "../../x", '"x"', 0.5, 0, at),
    )
    again = ProgressStore(path)
    entry = again.entry(QUIZ)
    assert entry["attempts"] == 1 and entry["answer"] == "labeling"
    assert set(again.snapshot()["answers"]) == {QUIZ}
    assert len(again.warnings) == 7 and all("skipped" in w for w in again.warnings)
    _checks(again)


@pytest.mark.parametrize("answer", ['{"a": 1}', "[[1, 2], {}]", '"not an option"', "12345", "null"])
def test_a_widget_never_crashes_on_a_stored_answer(tmp_path, answer):
    """Does every kind of quiz build from a stored answer of the wrong shape, and still check?"""
    from medialit.quiz import load_quizzes

    path = tmp_path / "progress.sqlite3"
    ProgressStore(path)
    quizzes = {q.kind: q for q in load_quizzes()}.values()
    _raw_rows(path, *[(q.id, q.lesson, answer, 0.0, 0, "2026-11-29T09:00:00+00:00") for q in quizzes])
    store = ProgressStore(path)
    for quiz in quizzes:
        widget = mw.quiz_widget(quiz, store)
        widget.set_answer(quiz.solution())
        assert widget.check().correct


def test_old_progress_in_a_folder_that_cannot_be_written_is_still_shown(tmp_path, monkeypatch):
    """With an old progress.json in a folder that cannot be written, are its answers shown (in memory) and the
    file left as it was?"""
    import json

    old = tmp_path / "progress.json"
    entry = {"lesson": "01-Loaded-Words", "answer": "labeling", "score": 0.0, "correct": False}
    entry |= {"attempts": 2, "first_at": "2026-11-20T10:00:00+00:00", "last_at": "2026-11-20T10:05:00+00:00"}
    old.write_text(json.dumps({"format": "medialit-progress/1", "learner": "Sam", "answers": {QUIZ: entry}}))
    content = old.read_bytes()
    real_connect = store_module.connect

    def read_only(target):
        if target != ":memory:":
            raise sqlite3.OperationalError("unable to open database file")
        return real_connect(target)

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied", str(src))

    monkeypatch.setattr(store_module, "connect", read_only)
    monkeypatch.setattr(os, "rename", refuse)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.in_memory and store.learner == "Sam" and store.entry(QUIZ)["attempts"] == 2
    assert any("could not be renamed" in w for w in store.warnings)
    assert old.read_bytes() == content
    _checks(store)
