"""Tests for medialit.progress.export: format 2, file names that never collide, safe lessons, the hand-in."""

from __future__ import annotations

import base64
import json
import os
import stat

import pytest

from medialit.datafiles import schema_errors
from medialit.errors import MedialitError
from medialit.progress import (
    ProgressStore,
    ProgressValueError,
    export_file_name,
    export_results,
    hand_in,
    write_export,
)

L01, L05 = "01-Loaded-Words", "08-Your-Own-Article"


@pytest.fixture
def store(tmp_path):
    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.set_learner("Sam")
    return store


def _learner(tmp_path, name):
    store = ProgressStore(tmp_path / f"{len(list(tmp_path.glob('*.sqlite3')))}.sqlite3")
    store.set_learner(name)
    store.record("l01-flood-category", L01, "labeling", 0.0, False)
    return store


def test_export_format_2_matches_its_schema(store, tmp_path):
    """Does the export carry per quiz the attempts, first and last times, history and reveal, plus the free
    text, and match export.schema.json?"""
    store.record("l01-flood-category", L01, "labeling", 0.0, False)
    store.record("l01-flood-category", L01, "emotive-metaphor", 1.0, True)
    store.record_reveal("l01-flood-category", L01)
    store.record("l02-oig-percent", "03-Who-Says-So", 3.0, 0.0, False)
    store.save_response("l05-reflection", L05, "draft", prompt="What surprised you?")
    store.save_response("l05-reflection", L05, "It was the <b>adjectives</b>.", prompt="What surprised you?")
    data = export_results(store)
    assert schema_errors(data, "export.schema.json") == []
    assert data["format"] == "medialit-results/2" and data["learner"] == "Sam" and data["kit_version"]
    flood = data["results"][0]
    assert flood["quiz"] == "l01-flood-category" and flood["attempts"] == 2 and flood["revealed"] is True
    assert [(h["score"], h["correct"]) for h in flood["history"]] == [(0.0, False), (1.0, True)]
    assert flood["first_at"] == flood["history"][0]["at"] and flood["last_at"] == flood["history"][-1]["at"]
    assert data["results"][1]["revealed"] is False
    assert data["responses"] == [
        {
            "id": "l05-reflection",
            "lesson": L05,
            "prompt": "What surprised you?",
            "text": "It was the <b>adjectives</b>.",
            "saved_at": data["responses"][0]["saved_at"],
        }
    ]


def test_export_of_one_lesson(store):
    """Does a lesson's export hold only that lesson's quizzes and responses?"""
    store.record("l01-flood-category", L01, "labeling", 0.0, False)
    store.record("l02-oig-percent", "03-Who-Says-So", 3.0, 0.0, False)
    store.save_response("l05-reflection", L05, "text")
    data = export_results(store, L01)
    assert [r["quiz"] for r in data["results"]] == ["l01-flood-category"] and data["responses"] == []
    assert [r["id"] for r in export_results(store, L05)["responses"]] == ["l05-reflection"]


def test_format_1_files_are_still_valid():
    """Does the schema still accept a results file written by an earlier kit (format 1), and no mix of both?"""
    old = {
        "format": "medialit-results/1",
        "kit_version": "0.1.0",
        "learner": "Sam",
        "lesson": None,
        "exported_at": "2026-11-20T10:00:00+00:00",
        "results": [
            {
                "quiz": "l01-flood-category",
                "lesson": L01,
                "score": 1.0,
                "best_score": 1.0,
                "correct": True,
                "attempts": 2,
                "first_at": "2026-11-20T09:00:00+00:00",
                "last_at": "2026-11-20T10:00:00+00:00",
            }
        ],
    }
    assert schema_errors(old, "export.schema.json") == []
    assert schema_errors({**old, "responses": []}, "export.schema.json")
    assert schema_errors({**old, "format": "medialit-results/2"}, "export.schema.json")


def test_export_needs_a_name(tmp_path):
    """Is an export without a learner name refused with a message saying what to do?"""
    with pytest.raises(MedialitError, match="Type your name"):
        export_results(ProgressStore(tmp_path / "p.sqlite3"))


def test_similar_names_get_different_files(tmp_path):
    """Do "Ana Lopez", "Ana-Lopez", "Ana.", "Ana" and "ana" each get their own file in one folder?"""
    out = tmp_path / "out"
    names = ["Ana Lopez", "Ana-Lopez", "Ana.", "Ana", "ana"]
    paths = [write_export(_learner(tmp_path, name), out) for name in names]
    assert len({p.name.lower() for p in paths}) == len(names)
    assert [json.loads(p.read_text(encoding="utf-8"))["learner"] for p in paths] == names
    assert paths[0].name.startswith("medialit-results-Ana-Lopez-") and paths[0].name.endswith("-all.json")


def test_another_learners_file_is_never_overwritten(store, tmp_path):
    """If a file of the same name holds someone else's results, is it left alone and a new name used?"""
    out = tmp_path / "out"
    out.mkdir()
    taken = out / export_file_name("Sam")
    taken.write_text('{"learner": "Someone else"}', encoding="utf-8")
    path = write_export(store, out)
    assert taken.read_text(encoding="utf-8") == '{"learner": "Someone else"}'
    assert path.name == taken.name.replace(".json", "-2.json")


def test_a_learners_own_file_is_updated(store, tmp_path):
    """Does exporting twice replace the learner's own file rather than pile up copies?"""
    first = write_export(store, tmp_path / "out")
    store.record("l01-flood-category", L01, "labeling", 0.0, False)
    second = write_export(store, tmp_path / "out")
    assert first == second and len(list((tmp_path / "out").iterdir())) == 1
    assert len(json.loads(second.read_text(encoding="utf-8"))["results"]) == 1


def test_a_symlink_in_the_way_is_not_followed(store, tmp_path):
    """Is a symbolic link at the file's name left alone (never written through), with another name used?"""
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere.json"
    out.mkdir()
    elsewhere.write_text("keep me", encoding="utf-8")
    (out / export_file_name("Sam")).symlink_to(elsewhere)
    path = write_export(store, out)
    assert elsewhere.read_text(encoding="utf-8") == "keep me"
    assert not path.is_symlink() and path.parent == out.resolve()


@pytest.mark.parametrize(
    "lesson", ["01/../../x", "../x", "..", "a/b", "a\\b", "", " ", "x" * 65, "01 Loaded"]
)
def test_lessons_that_could_leave_the_folder_are_refused(store, tmp_path, lesson):
    """Is a lesson like "01/../../x" refused before anything is written anywhere?"""
    out = tmp_path / "deep" / "out"
    with pytest.raises(ProgressValueError, match="lesson"):
        write_export(store, out, lesson=lesson)
    assert not (tmp_path / "deep").exists() and not list(tmp_path.glob("**/*results*"))


def test_hand_in_folder(store, tmp_path, monkeypatch):
    """With MEDIALIT_HANDIN set, is a copy put there, readable by the learner and the folder's group only?"""
    box = tmp_path / "box"
    box.mkdir()
    monkeypatch.setenv("MEDIALIT_HANDIN", str(box))
    local = write_export(store, tmp_path / "out")
    handed = box / local.name
    assert handed.read_bytes() == local.read_bytes()
    if os.name == "posix":
        assert stat.S_IMODE(handed.stat().st_mode) == 0o640
    other = _learner(tmp_path, "Ana Lopez")
    write_export(other, tmp_path / "out")
    assert len(list(box.iterdir())) == 2 and handed.read_bytes() == local.read_bytes()


def test_hand_in_problems_are_reported_not_raised(store, tmp_path):
    """If the hand-in folder is missing, is the export still made, with the problem said in words?"""
    result = hand_in(store, tmp_path / "out", handin=tmp_path / "no-such-box")
    assert result.saved is not None and result.handed_in is None
    assert "hand-in folder" in result.problems[0] and "does not exist" in result.problems[0]
    assert json.loads(base64.b64decode(result.data_uri.split(",", 1)[1]))["learner"] == "Sam"
