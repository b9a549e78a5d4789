"""Tests for medialit.authoring.bundle: export a teacher's lesson, import it into a fresh kit, refuse bad bundles."""

from __future__ import annotations

import json
import os
import stat
import zipfile
from pathlib import Path

import pytest

from medialit.authoring.bundle import MAX_RATIO, export_lesson, import_lesson
from medialit.authoring.lesson import make_lesson
from medialit.cli import main
from medialit.errors import AuthoringError
from medialit.quiz import load_quizzes, reload_quizzes
from medialit.teacher_lessons import MAX_FILE_BYTES

from .authoring import LESSON, LESSON_ID, saved_lesson


@pytest.fixture(scope="module")
def lesson_folder(tmp_path_factory):
    """The scripted lesson, made once, in a teacher's own folder (not installed)."""
    folder = saved_lesson(tmp_path_factory.mktemp("teacher-a"))
    make_lesson(folder)
    return folder


@pytest.fixture
def fresh_kit(tmp_path, monkeypatch):
    """Another kit's empty teacher-lessons folder, which load_quizzes reads."""
    root = tmp_path / "other-kit" / "teacher-lessons"
    monkeypatch.setenv("MEDIALIT_TEACHER_LESSONS", str(root))
    reload_quizzes()
    yield root
    reload_quizzes()


def _installed(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir()) if root.exists() else []


def _zip(path: Path, files: dict[str, bytes], **kwargs) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, **kwargs) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def _files(folder: Path) -> dict[str, bytes]:
    return {f"{LESSON_ID}/{p.name}": p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def test_export_then_import_into_a_fresh_kit(lesson_folder, fresh_kit, tmp_path):
    """Does an exported zip install in another kit, its quizzes load there, and the notebook get regenerated?"""
    bundle = export_lesson(lesson_folder, tmp_path)
    assert bundle.name == f"{LESSON_ID}.zip"
    assert main(["import-lesson", str(bundle)]) == 0
    installed = fresh_kit / LESSON_ID
    assert _installed(fresh_kit) == [LESSON_ID]
    assert {q.id for q in load_quizzes(LESSON)} == {
        q["id"] for q in __import__("yaml").safe_load((lesson_folder / "quizzes.yaml").read_text())["quizzes"]
    }
    for name in ("article.txt", "article.json", "key.json", "quizzes.yaml", f"{LESSON}.ipynb"):
        assert (installed / name).read_bytes() == (lesson_folder / name).read_bytes(), name


def test_a_bundles_own_notebook_is_never_trusted(lesson_folder, fresh_kit, tmp_path):
    """Is a notebook with code of its own replaced by one regenerated from the key and quizzes?"""
    files = _files(lesson_folder)
    files[f"{LESSON_ID}/{LESSON}.ipynb"] = json.dumps(
        {"cells": [{"cell_type": "code", "source": "import os; os.remove('x')"}]}
    ).encode()
    installed = import_lesson(_zip(tmp_path / "b.zip", files))
    notebook = (installed / f"{LESSON}.ipynb").read_text(encoding="utf-8")
    assert "os.remove" not in notebook and notebook == (lesson_folder / f"{LESSON}.ipynb").read_text(
        encoding="utf-8"
    )


def test_a_folder_imports_too(lesson_folder, fresh_kit):
    """Does import-lesson take a lesson folder as well as a zip?"""
    assert import_lesson(lesson_folder) == fresh_kit / LESSON_ID


def test_two_lessons_with_the_same_id_are_refused(lesson_folder, fresh_kit, tmp_path):
    """Is a second lesson with an id already installed refused, the first left as it was?"""
    import_lesson(lesson_folder)
    before = (fresh_kit / LESSON_ID / "key.json").read_bytes()
    with pytest.raises(AuthoringError, match="already installed"):
        import_lesson(export_lesson(lesson_folder, tmp_path))
    assert _installed(fresh_kit) == [LESSON_ID]
    assert (fresh_kit / LESSON_ID / "key.json").read_bytes() == before


def _edited(lesson_folder: Path, name: str, edit) -> dict[str, bytes]:
    files = _files(lesson_folder)
    files[f"{LESSON_ID}/{name}"] = edit(files[f"{LESSON_ID}/{name}"].decode("utf-8")).encode("utf-8")
    return files


def _shift_first_loaded(text: str) -> str:
    key = json.loads(text)
    key["loaded"][0]["start"] += 1
    return json.dumps(key)


BAD_BUNDLES = {
    "bad offsets": (lambda f: _edited(f, "key.json", _shift_first_loaded), "does not match the article"),
    "unknown quiz kind": (
        lambda f: _edited(f, "quizzes.yaml", lambda t: t.replace("kind: rewrite", "kind: crossword", 1)),
        "crossword",
    ),
    "a quiz about another article": (
        lambda f: _edited(
            f, "quizzes.yaml", lambda t: t.replace(f"article: {LESSON_ID}", "article: enforcement-surge", 1)
        ),
        "its own article",
    ),
    "parent path": (lambda f: {**_files(f), "../evil.txt": b"x"}, "outside the lesson folder"),
    "parent path inside": (
        lambda f: {**_files(f), f"{LESSON_ID}/../../evil.txt": b"x"},
        "outside the lesson folder",
    ),
    "absolute path": (lambda f: {**_files(f), "/etc/evil.txt": b"x"}, "outside the lesson folder"),
    "windows path": (lambda f: {**_files(f), "..\\evil.txt": b"x"}, "outside the lesson folder"),
    "unknown file": (lambda f: {**_files(f), f"{LESSON_ID}/run-me.py": b"print(1)"}, "not part of a lesson"),
    "missing key": (
        lambda f: {k: v for k, v in _files(f).items() if not k.endswith("key.json")},
        "lacks key.json",
    ),
    "file over the cap": (
        lambda f: _edited(f, "article.txt", lambda t: t + "\n" + "x. " * (MAX_FILE_BYTES // 3 + 10)),
        "the limit is",
    ),
    "yaml aliases": (
        lambda f: _edited(f, "quizzes.yaml", lambda t: t.replace("lesson: T-", "x: &a [1]\nlesson: T-", 1)),
        "anchors or aliases",
    ),
}


@pytest.mark.parametrize("case", BAD_BUNDLES, ids=list(BAD_BUNDLES))
def test_a_bad_bundle_is_refused_with_nothing_installed(lesson_folder, fresh_kit, tmp_path, case):
    """Is each bad bundle refused with its reason, leaving no lesson and no staging folder behind?"""
    make_files, message = BAD_BUNDLES[case]
    bundle = _zip(tmp_path / "bad.zip", make_files(lesson_folder))
    with pytest.raises(AuthoringError, match=message):
        import_lesson(bundle)
    assert _installed(fresh_kit) == []
    assert main(["import-lesson", str(bundle)]) == 2


def test_a_zip_bomb_is_refused_before_it_is_unpacked(lesson_folder, fresh_kit, tmp_path):
    """Is a small zip that unpacks to far more than it weighs refused from its headers, writing nothing?"""
    files = _files(lesson_folder)
    files[f"{LESSON_ID}/article.txt"] = b"\n" * (
        MAX_FILE_BYTES - 1
    )  # under the size cap, but packed ~1000 to 1
    bundle = _zip(tmp_path / "bomb.zip", files)
    assert bundle.stat().st_size * MAX_RATIO < MAX_FILE_BYTES
    with pytest.raises(AuthoringError, match="zip bomb"):
        import_lesson(bundle)
    assert _installed(fresh_kit) == []


def test_a_zip_whose_header_lies_about_its_size_is_refused(lesson_folder, fresh_kit, tmp_path):
    """Is an entry whose header claims fewer bytes than it holds refused (the actual size is counted)?"""
    bundle = _zip(tmp_path / "forged.zip", _files(lesson_folder))
    data = bytearray(bundle.read_bytes())
    name = f"{LESSON_ID}/article.txt".encode()
    at = data.find(b"PK\x01\x02")  # the central directory's entries: the name is at +46, the size at +24
    while data[at + 46 : at + 46 + len(name)] != name:
        at = data.find(b"PK\x01\x02", at + 4)
    size = int.from_bytes(data[at + 24 : at + 28], "little")
    data[at + 24 : at + 28] = (size - 1).to_bytes(4, "little")
    bundle.write_bytes(bytes(data))
    with pytest.raises(AuthoringError, match=r"does not unpack to the size|damaged"):
        import_lesson(bundle)
    assert _installed(fresh_kit) == []


def test_symbolic_links_are_refused(lesson_folder, fresh_kit, tmp_path):
    """Is a symbolic link refused, in a folder and as a zip entry?"""
    folder = tmp_path / "with-link"
    folder.mkdir()
    for p in lesson_folder.iterdir():
        (folder / p.name).write_bytes(p.read_bytes())
    (folder / "article.txt").unlink()
    os.symlink("/etc/hostname", folder / "article.txt")
    with pytest.raises(AuthoringError, match="symbolic link"):
        import_lesson(folder)
    link = zipfile.ZipInfo(f"{LESSON_ID}/article.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    files = {k: v for k, v in _files(lesson_folder).items() if not k.endswith("article.txt")}
    bundle = _zip(tmp_path / "link.zip", files)
    with zipfile.ZipFile(bundle, "a") as archive:
        archive.writestr(link, "/etc/hostname")
    with pytest.raises(AuthoringError, match="symbolic link"):
        import_lesson(bundle)
    assert _installed(fresh_kit) == []


def test_a_file_that_is_not_a_zip_is_refused(fresh_kit, tmp_path):
    """Is a file that is not a zip refused with a sentence, not a traceback?"""
    fake = tmp_path / "lesson.zip"
    fake.write_text("hello", encoding="utf-8")
    with pytest.raises(AuthoringError, match="not a zip file"):
        import_lesson(fake)
    assert _installed(fresh_kit) == []
