"""Sharing a teacher's lesson: export its folder as a zip; import a folder or zip, checked, in one atomic rename."""

from __future__ import annotations

import os
import secrets
import shutil
import stat
import zipfile
from pathlib import Path, PurePosixPath

import yaml

from ..atomic import replace_atomically
from ..corpus import ids as corpus_ids
from ..errors import AuthoringError, MedialitError
from ..quiz import load_quizzes, reload_quizzes
from ..quiz.loader import read_teacher_quizzes
from ..teacher_lessons import (
    ARTICLE_FILE,
    KEY_FILE,
    MAX_FILE_BYTES,
    QUIZ_FILE,
    RECORD_FILE,
    read_lesson_folder,
    teacher_lessons_dir,
)
from .lesson import write_notebook

__all__ = ["MAX_BUNDLE_BYTES", "MAX_RATIO", "export_lesson", "import_lesson"]

#: The files a bundle carries; a notebook (``T-*.ipynb``) may come too, but it is never used: it is regenerated.
DATA_FILES = (ARTICLE_FILE, RECORD_FILE, KEY_FILE, QUIZ_FILE)
#: A zip larger than this is refused before it is opened.
MAX_BUNDLE_BYTES = 10 * 1024 * 1024
#: A file that unpacks to more than this many times its packed size is refused as a likely zip bomb.
MAX_RATIO = 100
_MAX_ENTRIES = 16


def _refuse(source: Path, reason: str) -> AuthoringError:
    return AuthoringError(f"{source.name} was not installed: {reason}. Nothing was changed.")


def _wanted(name: str) -> bool:
    return name in DATA_FILES or (name.startswith("T-") and name.endswith(".ipynb"))


def export_lesson(folder: str | os.PathLike[str], destination: str | os.PathLike[str] | None = None) -> Path:
    """Zip a teacher-lesson folder (checked first) as ``<id>.zip``, its files under ``<id>/``; returns the zip.

    ``destination`` is a zip path or a folder for it (default: beside the lesson folder). The notebook is
    included for convenience; an importing kit regenerates it. Written atomically.
    """
    lesson = read_lesson_folder(folder)
    read_teacher_quizzes(lesson.folder)
    target = Path(destination) if destination is not None else lesson.folder.parent
    if target.is_dir() or destination is None:
        target = target / f"{lesson.id}.zip"

    def write(handle) -> None:
        with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name in (*DATA_FILES, f"{lesson.lesson}.ipynb"):
                if (lesson.folder / name).is_file():
                    archive.write(lesson.folder / name, f"{lesson.id}/{name}")

    replace_atomically(target, write, binary=True)
    return target


def _member_name(source: Path, info: zipfile.ZipInfo) -> str | None:
    """The file name a zip entry stands for (None for a folder entry), or AuthoringError for an unsafe entry."""
    raw = info.filename
    path = PurePosixPath(raw)
    if raw.startswith(("/", "\\")) or "\\" in raw or ":" in raw or ".." in path.parts:
        raise _refuse(source, f"the entry {raw!r} points outside the lesson folder")
    if stat.S_ISLNK(info.external_attr >> 16):
        raise _refuse(source, f"the entry {raw!r} is a symbolic link")
    if info.is_dir():
        return None
    if len(path.parts) > 2:
        raise _refuse(
            source, f"the entry {raw!r} is in a folder within the lesson; a lesson is one flat folder"
        )
    return path.name


def _unpack_zip(source: Path, stage: Path) -> None:
    """Copy a zip's lesson files into ``stage``, checking names, links, sizes and packing ratios first."""
    if source.stat().st_size > MAX_BUNDLE_BYTES:
        raise _refuse(source, f"it is larger than {MAX_BUNDLE_BYTES:,} bytes")
    try:
        archive = zipfile.ZipFile(source)
    except (zipfile.BadZipFile, OSError) as exc:
        raise _refuse(source, f"it is not a zip file that can be read ({exc})") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > _MAX_ENTRIES:
            raise _refuse(source, f"it holds {len(entries)} entries; a lesson has at most {_MAX_ENTRIES}")
        names = [_member_name(source, info) for info in entries]  # unsafe names first, before anything else
        tops = {
            PurePosixPath(e.filename).parts[0] for e in entries if len(PurePosixPath(e.filename).parts) > 1
        }
        if len(tops) > 1:
            raise _refuse(source, "it holds more than one folder; give one lesson per zip")
        chosen: dict[str, zipfile.ZipInfo] = {}
        for name, info in zip(names, entries, strict=True):
            if name is None:
                continue
            if not _wanted(name):
                raise _refuse(
                    source, f"{name!r} is not part of a lesson (a lesson holds {', '.join(DATA_FILES)})"
                )
            if name in chosen:
                raise _refuse(source, f"it holds {name} twice")
            if info.file_size > MAX_FILE_BYTES:
                raise _refuse(
                    source,
                    f"{name} would unpack to {info.file_size:,} bytes; the limit is {MAX_FILE_BYTES:,}",
                )
            if info.file_size > MAX_RATIO * max(info.compress_size, 1) and info.file_size > 64 * 1024:
                raise _refuse(
                    source,
                    f"{name} is packed {info.file_size // max(info.compress_size, 1)} to 1, so it looks like a zip bomb",
                )
            chosen[name] = info
        for name, info in chosen.items():
            if name not in DATA_FILES:
                continue  # a notebook in the bundle is never used
            try:
                with archive.open(info) as packed:
                    data = packed.read(
                        MAX_FILE_BYTES + 1
                    )  # never more than the cap, whatever the header says
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError) as exc:
                raise _refuse(source, f"{name} cannot be unpacked: the zip is damaged ({exc})") from None
            if len(data) > MAX_FILE_BYTES or len(data) != info.file_size:
                raise _refuse(
                    source, f"{name} does not unpack to the size its header gives: a damaged or forged zip"
                )
            (stage / name).write_bytes(data)


def _copy_folder(source: Path, stage: Path) -> None:
    """Copy a folder's lesson files into ``stage``: no links, no subfolders, nothing over the size cap."""
    if source.is_symlink():
        raise _refuse(source, "it is a symbolic link; give the folder itself")
    for entry in sorted(source.iterdir()):
        if entry.is_symlink():
            raise _refuse(source, f"{entry.name} is a symbolic link")
        if entry.is_dir():
            raise _refuse(source, f"{entry.name} is a folder within the lesson; a lesson is one flat folder")
        if not _wanted(entry.name):
            raise _refuse(
                source, f"{entry.name!r} is not part of a lesson (a lesson holds {', '.join(DATA_FILES)})"
            )
        if entry.stat().st_size > MAX_FILE_BYTES:
            raise _refuse(
                source, f"{entry.name} is {entry.stat().st_size:,} bytes; the limit is {MAX_FILE_BYTES:,}"
            )
        if entry.name in DATA_FILES:
            shutil.copyfile(entry, stage / entry.name, follow_symlinks=False)


def _check_yaml_has_no_aliases(source: Path, path: Path) -> None:
    """Refuse YAML anchors and aliases in quizzes.yaml: the kit never writes them, and they can hide a bomb."""
    try:
        for event in yaml.parse(path.read_text(encoding="utf-8")):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise _refuse(source, f"{QUIZ_FILE} uses YAML anchors or aliases, which a lesson never needs")
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise _refuse(source, f"{QUIZ_FILE} cannot be read as YAML ({exc})") from None


def _check_staged(source: Path, stage: Path, root: Path) -> str:
    """Check the staged lesson as the kit would read it, regenerate its notebook; return its id."""
    if missing := [name for name in DATA_FILES if not (stage / name).is_file()]:
        raise _refuse(source, f"it lacks {', '.join(missing)}")
    _check_yaml_has_no_aliases(source, stage / QUIZ_FILE)
    try:
        lesson = read_lesson_folder(stage)
        quizzes = read_teacher_quizzes(stage)  # unknown quiz kinds, bad passages, answers the key cannot give
    except MedialitError as exc:
        raise _refuse(source, str(exc).replace(str(stage), "the bundle")) from None
    if (root / lesson.id).exists():
        raise _refuse(source, f"a lesson with the id {lesson.id!r} is already installed in {root}")
    if lesson.id in corpus_ids():
        raise _refuse(
            source, f"{lesson.id!r} is the id of one of the kit's own articles; give the lesson another id"
        )
    taken = {q.id for q in load_quizzes()}
    if clash := sorted({q.id for q in quizzes} & taken):
        raise _refuse(source, f"the quiz id {clash[0]!r} is already used by an installed lesson")
    write_notebook(lesson)  # regenerated from the key and quizzes: a bundle's own notebook is never run
    return lesson.id


def import_lesson(source: str | os.PathLike[str], root: str | os.PathLike[str] | None = None) -> Path:
    """Check a lesson folder or zip and install it as ``<root>/<id>/``; returns the installed folder.

    ``root`` defaults to :func:`medialit.teacher_lessons.teacher_lessons_dir`. Everything is staged in a
    hidden folder inside ``root`` and checked there (names, links, sizes and packing ratios, the record, the
    key's offsets, the quizzes against the schema and the key, clashing ids); only then is it moved into place
    with one rename, so a refused bundle leaves nothing behind. Nothing in a bundle is executed: the notebook
    is regenerated. Raises AuthoringError with the reason.
    """
    source = Path(source)
    root = Path(root) if root is not None else teacher_lessons_dir()
    if not source.exists():
        raise AuthoringError(f"{source}: there is no such file or folder")
    root.mkdir(parents=True, exist_ok=True)
    stage = root / f".incoming-{secrets.token_hex(6)}"
    stage.mkdir()
    try:
        if source.is_dir():
            _copy_folder(source, stage)
        else:
            _unpack_zip(source, stage)
        lesson_id = _check_staged(source, stage, root)
        target = root / lesson_id
        try:
            os.rename(stage, target)  # atomic; fails if another import just took the id
        except OSError:
            raise _refuse(
                source, f"a lesson with the id {lesson_id!r} is already installed in {root}"
            ) from None
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)  # only the kit's own staging folder
        raise
    reload_quizzes()
    return target
