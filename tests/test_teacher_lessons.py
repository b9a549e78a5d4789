"""Are installed teachers' lessons found by present, start, the gradebook and the lesson commands?"""

from __future__ import annotations

import importlib.util

import pytest

import medialit.present
from medialit.authoring.bundle import import_lesson
from medialit.authoring.lesson import make_lesson
from medialit.cli import main
from medialit.gradebook import _known_quizzes
from medialit.present import resolve_lesson
from medialit.quiz import reload_quizzes
from medialit.teacher_lessons import find_installed, installed_lessons

from .authoring import LESSON, LESSON_ID, saved_lesson
from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
kit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(kit)


@pytest.fixture(scope="module")
def lesson_folder(tmp_path_factory):
    folder = saved_lesson(tmp_path_factory.mktemp("teacher"))
    make_lesson(folder)
    return folder


@pytest.fixture
def installed(lesson_folder, tmp_path, monkeypatch):
    """The scripted lesson installed in an empty teacher-lessons folder."""
    root = tmp_path / "teacher-lessons"
    monkeypatch.setenv("MEDIALIT_TEACHER_LESSONS", str(root))
    reload_quizzes()
    yield import_lesson(lesson_folder)
    reload_quizzes()


def test_present_serves_a_teachers_lesson_from_its_folder(installed, monkeypatch):
    """Does `present T-...` serve the installed lesson's folder, and resolve its notebook there?"""
    served = {}
    monkeypatch.setattr(
        medialit.present, "serve", lambda lesson, **kw: served.update(lesson=lesson, **kw) or 0
    )
    assert main(["present", LESSON, "--no-browser"]) == 0
    assert served["folder"] == installed and served["lesson"] == LESSON
    assert resolve_lesson(LESSON, installed) == installed / f"{LESSON}.ipynb"


def test_present_still_serves_the_kits_lessons(installed, monkeypatch):
    """Does `present 01` still serve the kit's lessons folder?"""
    served = {}
    monkeypatch.setattr(
        medialit.present, "serve", lambda lesson, **kw: served.update(lesson=lesson, **kw) or 0
    )
    assert main(["present", "01", "--no-browser"]) == 0
    assert served["folder"] == medialit.present.LESSONS


def test_start_copies_teachers_lessons_into_the_working_copy(installed, tmp_path):
    """Does `kit.py start` put an installed lesson's notebook in my-work/ beside the kit's lessons?"""
    lessons, work = tmp_path / "lessons", tmp_path / "my-work"
    lessons.mkdir()
    (lessons / "00-Start-Here.ipynb").write_text("00", encoding="utf-8")
    assert kit.prepare_work(lessons, work, installed.parent) == ["00-Start-Here.ipynb", f"{LESSON}.ipynb"]


def test_the_gradebook_knows_the_teachers_quizzes(installed):
    """Are the installed lesson's quiz ids known to the gradebook, under the lesson's name?"""
    known, problems = _known_quizzes()
    assert not problems
    assert {lesson for quiz, lesson in known.items() if quiz.startswith(f"t-{LESSON_ID}-")} == {LESSON}


def test_export_by_name_and_find(installed, tmp_path):
    """Can an installed lesson be found by id or name, and exported by its name?"""
    assert installed_lessons() == [installed] and find_installed(LESSON) == installed
    assert main(["export-lesson", LESSON, "--out", str(tmp_path)]) == 0
    assert (tmp_path / f"{LESSON_ID}.zip").is_file()
    assert main(["export-lesson", "T-Nothing-Here"]) == 2


def test_the_default_place_is_teacher_lessons_in_the_kit(monkeypatch):
    """Without $MEDIALIT_TEACHER_LESSONS, are lessons installed in teacher-lessons/ beside lessons/?"""
    from medialit.teacher_lessons import teacher_lessons_dir

    monkeypatch.delenv("MEDIALIT_TEACHER_LESSONS")
    assert teacher_lessons_dir() == ROOT / "teacher-lessons"
