"""Tests for medialit.authoring.key and medialit.teacher_lessons: saving a reviewed key with its provenance."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from medialit.authoring import article_from_file, propose
from medialit.authoring.key import save_key
from medialit.datafiles import schema_errors
from medialit.errors import AuthoringError
from medialit.teacher_lessons import find_installed, lesson_name, read_lesson_folder, suggest_id

from .authoring import ARTICLE, LESSON, LESSON_ID, reviewed_session


@pytest.fixture(scope="module")
def reviewed():
    return reviewed_session()


def test_a_reviewed_key_is_saved_with_its_record(tmp_path, reviewed):
    """Are the text, an answer key in the annotations' schema and a record with provenance written?"""
    folder = save_key(reviewed, LESSON_ID, "Ms. Rivera", folder=tmp_path / LESSON_ID)
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    record = json.loads((folder / "article.json").read_text(encoding="utf-8"))
    assert schema_errors(key, "spans.schema.json", "answer_key") == []
    assert schema_errors(record, "teacher-lesson.schema.json") == []
    assert (folder / "article.txt").read_text(encoding="utf-8") == reviewed.text
    assert key == reviewed.to_key(LESSON_ID)
    assert record["status"] == "reviewed" and record["annotator"] == "Ms. Rivera"
    assert record["lesson"] == LESSON and record["title"] == "County Votes to End Jail Agreement With ICE"
    assert record["source"] == {
        "name": ARTICLE.name,
        "kind": "text",
        "url": None,
    }  # the file's name, no folders
    assert record["review"]["added"] == 2 and record["review"]["rejected"] == 1
    assert read_lesson_folder(folder).key.loaded == reviewed.to_spans(LESSON_ID).loaded


def test_unreviewed_marks_are_refused_unless_asked(tmp_path):
    """Is a key with pending machine marks refused, and saved as a draft only with allow_unreviewed=True?"""
    session = propose(article_from_file(ARTICLE))
    with pytest.raises(AuthoringError, match="not reviewed yet"):
        save_key(session, LESSON_ID, "Ms. Rivera", folder=tmp_path / "a")
    assert not (tmp_path / "a").exists()
    folder = save_key(session, LESSON_ID, "Ms. Rivera", folder=tmp_path / "b", allow_unreviewed=True)
    assert json.loads((folder / "article.json").read_text(encoding="utf-8"))["status"] == "draft"


def test_offsets_that_do_not_match_are_refused(tmp_path, reviewed):
    """Is a key whose offsets miss their words refused, with nothing written?"""
    session = replace(reviewed, marks=list(reviewed.marks))
    index = next(i for i, m in enumerate(session.marks) if m.kind == "loaded")
    session.marks[index] = replace(session.marks[index], start=session.marks[index].start + 1)
    with pytest.raises(AuthoringError, match="does not match the article"):
        save_key(session, LESSON_ID, "Ms. Rivera", folder=tmp_path / LESSON_ID)
    assert not (tmp_path / LESSON_ID).exists()


def test_a_hand_edited_key_is_refused_when_read(tmp_path, reviewed):
    """Is a key edited by hand so its offsets are wrong refused when the lesson folder is read?"""
    folder = save_key(reviewed, LESSON_ID, "Ms. Rivera", folder=tmp_path / LESSON_ID)
    key = json.loads((folder / "key.json").read_text(encoding="utf-8"))
    key["statistics"][0]["start"] += 2
    (folder / "key.json").write_text(json.dumps(key), encoding="utf-8")
    with pytest.raises(AuthoringError, match="Was the key or the text edited"):
        read_lesson_folder(folder)


def test_another_article_under_the_same_id_is_refused(tmp_path, reviewed):
    """Is saving a different article into a lesson folder that exists refused, while re-saving the same works?"""
    folder = save_key(reviewed, LESSON_ID, "Ms. Rivera", folder=tmp_path / LESSON_ID)
    assert save_key(reviewed, LESSON_ID, "Mr. Chen", folder=folder) == folder
    other = propose("Officials said 40 people were arrested. Critics called it a brutal sweep.")
    for i in other.pending():
        other.accept(i)
    with pytest.raises(AuthoringError, match="already a lesson"):
        save_key(other, LESSON_ID, "Mr. Chen", folder=folder)


@pytest.mark.parametrize(
    ("lesson_id", "annotator", "message"),
    [
        ("County Vote", "Ms. Rivera", "cannot be a lesson id"),
        ("x" * 31, "A", "at most 30"),
        ("ok", " ", "who reviewed"),
    ],
)
def test_bad_ids_and_missing_annotators_are_refused(tmp_path, reviewed, lesson_id, annotator, message):
    """Are an id that cannot name a folder and quizzes, or a key with no annotator, refused?"""
    with pytest.raises(AuthoringError, match=message):
        save_key(reviewed, lesson_id, annotator, folder=tmp_path / "lesson")


def test_ids_names_and_finding_installed_lessons(tmp_path, reviewed):
    """Do ids become lesson names, titles suggest ids, and can an installed lesson be found by either?"""
    assert lesson_name("county-jail-vote") == "T-County-Jail-Vote"
    assert suggest_id("County Votes to End Jail Agreement With ICE!") == "county-votes-to-end-jail"
    save_key(reviewed, LESSON_ID, "Ms. Rivera", folder=tmp_path / LESSON_ID)
    assert find_installed(LESSON, tmp_path) == find_installed(LESSON_ID, tmp_path) == tmp_path / LESSON_ID
    assert find_installed("T-Nothing", tmp_path) is None
