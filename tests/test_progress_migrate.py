"""Is an old progress.json imported once, with nothing lost, and a corrupt one kept aside?"""

from __future__ import annotations

import json

import pytest

from medialit import widgets as mw
from medialit.progress import ProgressStore
from medialit.quiz import get_quiz

AT = "2026-11-20T10:00:00+00:00"
LATER = "2026-11-21T10:00:00+00:00"


def _old_entry(**changes):
    entry = {
        "lesson": "01-Loaded-Words",
        "answer": "emotive-metaphor",
        "score": 1.0,
        "correct": True,
        "attempts": 3,
        "first_at": AT,
        "last_at": LATER,
        "best_score": 1.0,
    }
    return {**entry, **changes}


def _old_file(path, answers, learner="Zoë"):
    data = {"format": "medialit-progress/1", "kit_version": "0.1.0", "learner": learner, "answers": answers}
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


def _still_checks(store):
    quiz = get_quiz("l02-oig-percent")
    widget = mw.quiz_widget(quiz, store)
    widget.set_answer(quiz.solution())
    assert widget.check().correct and store.entry(quiz.id)["correct"]


def test_old_progress_is_imported_once_and_kept(tmp_path):
    """Are the name, answers, attempt counts, best scores and times imported, the file kept as .migrated, and
    does a second store not import it again?"""
    original = _old_file(
        tmp_path / "progress.json",
        {
            "l01-flood-category": _old_entry(),
            "l02-oig-percent": _old_entry(
                lesson="03-Who-Says-So",
                answer="3",
                score=0.0,
                correct=False,
                attempts=1,
                best_score=0.0,
            ),
            "l01-other": _old_entry(score=0.5, correct=False, best_score=1.0, attempts=2),
        },
    )
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert "3 answered quizzes" in store.warnings[0] and "progress.json.migrated" in store.warnings[0]
    assert (tmp_path / "progress.json.migrated").read_bytes() == original
    assert not (tmp_path / "progress.json").exists()
    assert store.learner == "Zoë"
    flood = store.entry("l01-flood-category")
    assert flood["attempts"] == 3 and flood["first_at"] == AT and flood["last_at"] == LATER
    assert flood["answer"] == "emotive-metaphor" and flood["correct"] is True
    other = store.entry("l01-other")
    assert other["score"] == 0.5 and other["best_score"] == 1.0 and other["attempts"] == 2
    assert store.entry("l02-oig-percent")["attempts"] == 1
    store.record("l01-other", "01-Loaded-Words", "x", 0.0, False)
    assert store.entry("l01-other")["attempts"] == 3
    again = ProgressStore(tmp_path / "progress.sqlite3")
    assert again.warnings == [] and again.entry("l01-flood-category")["attempts"] == 3


def test_the_same_old_file_is_never_imported_twice(tmp_path):
    """If the same progress.json turns up again (two lessons opening at once), are its answers counted once?"""
    content = _old_file(tmp_path / "progress.json", {"l01-flood-category": _old_entry()})
    ProgressStore(tmp_path / "progress.sqlite3")
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert store.entry("l01-flood-category")["attempts"] == 3
    assert sorted(p.name for p in tmp_path.glob("progress.json.migrated*"))[0] == "progress.json.migrated"


def test_a_json_path_in_the_environment_is_imported(tmp_path, monkeypatch):
    """Is a .json MEDIALIT_PROGRESS file imported into the .sqlite3 file beside it?"""
    _old_file(tmp_path / "mine.json", {"l01-flood-category": _old_entry()})
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "mine.json"))
    store = ProgressStore()
    assert store.path == tmp_path / "mine.sqlite3"
    assert store.answer("l01-flood-category") == "emotive-metaphor"
    assert (tmp_path / "mine.json.migrated").exists()


def test_bad_entries_are_left_out_and_named(tmp_path):
    """Are entries of the wrong type, with missing fields, NaN scores or absurd attempt counts left out with a
    warning naming them, while the good ones are imported and the whole file is kept?"""
    path = tmp_path / "progress.json"
    answers = {
        "l01-flood-category": _old_entry(),
        "l01-oops": "oops",
        "l01-missing": {k: v for k, v in _old_entry().items() if k != "attempts"},
        "l01-nan": _old_entry(score=float("nan")),
        "l01-huge": _old_entry(attempts=10**12),
        "l01-negative": _old_entry(attempts=-2),
        "../escape": _old_entry(),
    }
    path.write_text(json.dumps({"format": "medialit-progress/1", "learner": "Sam", "answers": answers}))
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert set(store.snapshot()["answers"]) == {"l01-flood-category"}
    left_out = store.warnings[1]
    for name in ("l01-oops", "l01-missing", "l01-nan", "l01-huge", "l01-negative", "../escape"):
        assert name in left_out
    assert json.loads((tmp_path / "progress.json.migrated").read_text())["answers"]["l01-oops"] == "oops"
    _still_checks(store)


@pytest.mark.parametrize(
    "content",
    [
        b"{not json",
        b'{"format": "something else"}',
        b"\x00\x01binary\xff",
        b"[]",
        b"[" * 100_000 + b"]" * 100_000,
    ],
    ids=["not-json", "other-format", "binary", "a-list", "nested-100000-deep"],
)
def test_corrupt_old_file_is_kept_aside(tmp_path, content):
    """Is an unreadable progress.json (even one nested 100,000 levels deep) kept aside with a warning, and does
    a quiz still check in the fresh store?"""
    (tmp_path / "progress.json").write_bytes(content)
    store = ProgressStore(tmp_path / "progress.sqlite3")
    assert len(store.warnings) == 1 and "could not be read" in store.warnings[0]
    kept = list(tmp_path.glob("progress.json.corrupt-*"))
    assert [p.read_bytes() for p in kept] == [content]
    assert not store.in_memory
    _still_checks(store)
    assert ProgressStore(tmp_path / "progress.sqlite3").warnings == []
