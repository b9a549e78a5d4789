"""Teachers' own lessons: where they are installed (teacher-lessons/<id>/) and reading one folder, checked."""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .datafiles import schema_errors
from .errors import AuthoringError, TextFileError
from .schema import SpanSet
from .textfile import read_text

__all__ = [
    "ARTICLE_FILE",
    "KEY_FILE",
    "QUIZ_FILE",
    "RECORD_FILE",
    "TeacherLesson",
    "find_installed",
    "installed_lessons",
    "lesson_name",
    "read_lesson_folder",
    "suggest_id",
    "teacher_lessons_dir",
]

ARTICLE_FILE = "article.txt"
RECORD_FILE = "article.json"
KEY_FILE = "key.json"
QUIZ_FILE = "quizzes.yaml"
#: Data files larger than this are refused (an article is a few thousand words; keys and quizzes are smaller).
MAX_FILE_BYTES = 2 * 1024 * 1024
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: The longest lesson id: quiz ids ("t-<id>-kind-sarcasm-or-doubt") must fit the progress store's 64 characters.
MAX_ID = 30


def teacher_lessons_dir() -> Path:
    """Where teachers' lessons are installed: ``$MEDIALIT_TEACHER_LESSONS``, else ``teacher-lessons/`` in the kit.

    The kit's folder is a checkout's top level, the one holding ``lessons/`` (``kit.py start`` and ``present``
    use it too). A kit installed as a wheel has no such folder: then ``~/.medialit/teacher-lessons``, beside
    the saved progress. The folder need not exist yet.
    """
    override = os.environ.get("MEDIALIT_TEACHER_LESSONS")
    if override:
        return Path(override).expanduser()
    kit = Path(__file__).resolve().parent.parent
    if (kit / "lessons").is_dir():
        return kit / "teacher-lessons"
    return Path.home() / ".medialit" / "teacher-lessons"


def suggest_id(title: str) -> str:
    """A lesson id made from a title: "County Votes to End Jail Deal" → "county-votes-to-end-jail-deal" (≤ 30)."""
    words = re.findall(r"[a-z0-9]+", title.lower())
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > MAX_ID:
            break
        slug = f"{slug}-{word}" if slug else word
    return slug or "my-lesson"


def lesson_name(lesson_id: str) -> str:
    """The lesson's name from its id: "county-jail-vote" → "T-County-Jail-Vote" (its notebook's file name)."""
    if not isinstance(lesson_id, str) or not _ID.fullmatch(lesson_id) or len(lesson_id) > MAX_ID:
        raise AuthoringError(
            f"{lesson_id!r} cannot be a lesson id: use at most {MAX_ID} lower-case letters, digits and single "
            "hyphens, like county-jail-vote"
        )
    return "T-" + "-".join(part.capitalize() for part in lesson_id.split("-"))


@dataclass(frozen=True)
class TeacherLesson:
    """One teacher-lesson folder, read and checked: the record, the article text and the answer key."""

    folder: Path
    record: dict[str, Any]
    text: str
    key: SpanSet

    @property
    def id(self) -> str:
        """The lesson's id (also the key's article_id and its folder's name when installed)."""
        return self.record["id"]

    @property
    def lesson(self) -> str:
        """The lesson's name, such as "T-County-Jail-Vote"."""
        return self.record["lesson"]

    @property
    def quiz_file(self) -> Path:
        """The folder's quizzes.yaml (it may not exist yet: make-lesson writes it)."""
        return self.folder / QUIZ_FILE


def _json(path: Path, schema: str, definition: str | None = None) -> Any:
    try:
        data = json.loads(read_text(path, max_bytes=MAX_FILE_BYTES))
    except TextFileError as exc:
        raise AuthoringError(str(exc)) from None
    except json.JSONDecodeError as exc:
        raise AuthoringError(f"{path.name} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    if problems := schema_errors(data, schema, definition):
        raise AuthoringError(f"{path.name} is not in the kit's format: " + "; ".join(problems[:3]))
    return data


def check_offsets(key: SpanSet, text: str, where: str = "the key") -> None:
    """Raise AuthoringError naming the first mark whose offsets do not give its text in ``text``."""
    for kind in ("loaded", "statistics", "sentences"):
        for n, span in enumerate(getattr(key, kind)):
            if not 0 <= span.start < span.end <= len(text) or text[span.start : span.end] != span.text:
                found = (
                    text[span.start : span.end] if 0 <= span.start < span.end <= len(text) else "(outside)"
                )
                raise AuthoringError(
                    f"{where} does not match the article: {kind} {n}, “{span.text}”, is at "
                    f"{span.start}..{span.end}, where the article says “{found}”. Was the key or the text edited?"
                )


def read_lesson_folder(folder: str | os.PathLike[str]) -> TeacherLesson:
    """Read and check a teacher-lesson folder's record, text and key; quizzes are read by medialit.quiz.

    Raises :class:`AuthoringError` naming the file and the problem: a missing or oversized file, JSON that is
    not in the kit's format (teacher-lesson.schema.json, spans.schema.json), a key for another article, a
    lesson name that does not fit the id, or offsets that do not match the text.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise AuthoringError(f"{folder} is not a folder")
    record = _json(folder / RECORD_FILE, "teacher-lesson.schema.json")
    if record["lesson"] != lesson_name(record["id"]):
        raise AuthoringError(
            f"{RECORD_FILE}: the lesson of {record['id']!r} is named {lesson_name(record['id'])!r}"
        )
    try:
        text = read_text(folder / ARTICLE_FILE, max_bytes=MAX_FILE_BYTES)
    except TextFileError as exc:
        raise AuthoringError(str(exc)) from None
    data = _json(folder / KEY_FILE, "spans.schema.json", "answer_key")
    if data["article_id"] != record["id"]:
        raise AuthoringError(f"{KEY_FILE} is the key for {data['article_id']!r}, not {record['id']!r}")
    key = SpanSet.from_dict(data)
    check_offsets(key, text, KEY_FILE)
    return TeacherLesson(folder, record, text, key)


def find_installed(name: str, root: Path | None = None) -> Path | None:
    """The installed lesson folder whose id or lesson name is ``name`` ("county-jail-vote" or
    "T-County-Jail-Vote", ".ipynb" optional), or None."""
    wanted = Path(name.strip()).name.removesuffix(".ipynb")
    for folder in installed_lessons(root):
        if wanted == folder.name or (_ID.fullmatch(folder.name) and wanted == lesson_name(folder.name)):
            return folder
    return None


def installed_lessons(root: Path | None = None) -> list[Path]:
    """The installed lesson folders (those with an article record), sorted by id."""
    root = teacher_lessons_dir() if root is None else root
    if not root.is_dir():
        return []
    return sorted(
        p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".") and (p / RECORD_FILE).is_file()
    )
