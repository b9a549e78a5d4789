"""The results file a learner hands to the teacher (format ``medialit-results/2``): built, named and written."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import replace_atomically
from ..datafiles import schema_errors
from ..errors import MedialitError
from .store import ProgressFileError, ProgressStore
from .values import check_lesson, now

__all__ = [
    "EXPORT_FORMAT",
    "HANDIN_MODE",
    "HandIn",
    "export_file_name",
    "export_results",
    "hand_in",
    "handin_folder",
    "write_export",
]

EXPORT_FORMAT = "medialit-results/2"
#: Permissions of a file in the hand-in folder: the learner may read and write it, the folder's group
#: (the teacher, in a set-group-id drop box) may read it, nobody else may.
HANDIN_MODE = 0o640
_MAX_SAME_NAME = 100
_MAX_EXISTING_BYTES = 5_000_000


def export_results(store: ProgressStore, lesson: str | None = None) -> dict[str, Any]:
    """The teacher's results file as a dict (format 2; see docs in ``datasets/schema/export.schema.json``).

    Per quiz answered (of ``lesson``, or of all lessons): the latest and best score, attempts, first and
    last attempt times, whether "Show answer" was pressed, and each attempt's time and score; then the
    latest free-text response per id. Raises MedialitError if no name was saved, ProgressValueError for a
    ``lesson`` that is not a plain lesson name (such as "01/../../x"), and MedialitError if the result
    does not match the schema.
    """
    from .. import __version__

    if lesson is not None:
        check_lesson(lesson)
    saved = store.snapshot()
    if not saved["learner"]:
        raise MedialitError(
            "Type your name in lesson 00 first, so your teacher knows whose results these are."
        )
    results = [
        {
            "quiz": quiz_id,
            "lesson": entry["lesson"],
            "score": entry["score"],
            "best_score": entry["best_score"],
            "correct": entry["correct"],
            "attempts": entry["attempts"],
            "first_at": entry["first_at"],
            "last_at": entry["last_at"],
            "revealed": entry["revealed"],
            "history": [{k: h[k] for k in ("at", "score", "correct")} for h in entry["history"]],
        }
        for quiz_id, entry in sorted(saved["answers"].items())
        if lesson is None or entry["lesson"] == lesson
    ]
    responses = [
        dict(response)
        for _, response in sorted(saved["responses"].items())
        if lesson is None or response["lesson"] == lesson
    ]
    export = {
        "format": EXPORT_FORMAT,
        "kit_version": __version__,
        "learner": saved["learner"],
        "lesson": lesson,
        "exported_at": now(),
        "results": results,
        "responses": responses,
    }
    problems = schema_errors(export, "export.schema.json")
    if problems:
        raise MedialitError("the export does not match its schema: " + "; ".join(problems))
    return export


def export_file_name(learner: str, lesson: str | None = None) -> str:
    """``medialit-results-<name>-<tag>-<lesson or all>.json``; different learners never share a name.

    ``<name>`` is the learner's name with anything but letters and digits turned into "-", for reading;
    ``<tag>`` is the first 8 hex digits of the SHA-256 of the exact name, so "Ana Lopez", "Ana-Lopez" and
    "Ana." (or "ana" on a case-blind disk) get different files.
    """
    if lesson is not None:
        check_lesson(lesson)
    readable = re.sub(r"[\W_]+", "-", learner).strip("-") or "learner"
    tag = hashlib.sha256(learner.encode("utf-8")).hexdigest()[:8]
    return f"medialit-results-{readable}-{tag}-{lesson or 'all'}.json"


def handin_folder() -> Path | None:
    """The shared hand-in folder from ``$MEDIALIT_HANDIN``, or None when it is not set."""
    folder = os.environ.get("MEDIALIT_HANDIN", "").strip()
    return Path(folder).expanduser() if folder else None


@dataclass(frozen=True)
class HandIn:
    """One export, as bytes to download, and where copies of it were written.

    ``saved`` is the copy in the lesson's folder and ``handed_in`` the one in the hand-in folder (absolute
    paths; None if not written); ``problems`` says, in words for the learner, what could not be written.
    """

    export: dict[str, Any]
    filename: str
    content: bytes
    saved: Path | None = None
    handed_in: Path | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def data_uri(self) -> str:
        """The file as a ``data:`` URI, for a download link that needs no server (works offline and in Voilà)."""
        return "data:application/json;charset=utf-8;base64," + base64.b64encode(self.content).decode("ascii")


def hand_in(
    store: ProgressStore,
    folder: str | os.PathLike[str] = ".",
    lesson: str | None = None,
    handin: str | os.PathLike[str] | None = None,
) -> HandIn:
    """Build the export and write it into ``folder`` and, if given (default ``$MEDIALIT_HANDIN``), the
    hand-in folder (files there get mode 0o640). A file holding another learner's results is never
    replaced: a free name ``...-2.json`` is used instead. Write failures are reported in ``problems``,
    not raised; the export errors of :func:`export_results` are raised.
    """
    export = export_results(store, lesson)
    name = export_file_name(export["learner"], lesson)
    content = (json.dumps(export, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    problems: list[str] = []
    saved = handed_in = None
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        saved = _write(Path(folder), name, content, export["learner"], mode=None)
    except (OSError, MedialitError) as exc:
        problems.append(f"A copy could not be saved in {Path(folder).resolve()} ({_why(exc)}).")
    target = Path(handin) if handin is not None else handin_folder()
    if target is not None:
        try:
            if not target.is_dir():
                raise FileNotFoundError(f"the hand-in folder {target} does not exist")
            handed_in = _write(target, name, content, export["learner"], mode=HANDIN_MODE)
        except (OSError, MedialitError) as exc:
            problems.append(f"Your results could not be put in the hand-in folder {target} ({_why(exc)}).")
    return HandIn(export, name, content, saved, handed_in, tuple(problems))


def write_export(store: ProgressStore, folder: str | os.PathLike[str], lesson: str | None = None) -> Path:
    """Write the results file into ``folder`` (atomically; also into ``$MEDIALIT_HANDIN`` when set) and
    return its absolute path. Raises MedialitError (no name, bad lesson) or ProgressFileError (not written).
    """
    result = hand_in(store, folder, lesson)
    if result.saved is None:
        raise ProgressFileError(result.problems[0])
    return result.saved


def _why(exc: BaseException) -> str:
    return (exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)) or type(exc).__name__


def _owner(path: Path) -> str | None:
    """The learner an existing export file belongs to, or None if it is not a readable export."""
    try:
        if path.stat().st_size > _MAX_EXISTING_BYTES:
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data.get("learner") if isinstance(data, dict) else None


def _write(folder: Path, name: str, content: bytes, learner: str, mode: int | None) -> Path:
    """Write ``content`` as ``folder/name``, or ``name-2``... when that file is someone else's; never
    through a symbolic link. Returns the absolute path written."""
    stem = name.removesuffix(".json")
    for n in range(1, _MAX_SAME_NAME + 1):
        path = folder / (name if n == 1 else f"{stem}-{n}.json")
        if path.is_symlink():
            continue
        if path.exists():
            if _owner(path) != learner:
                continue
            replace_atomically(path, lambda h: h.write(content), binary=True, mode=mode)
            return path.resolve()
        try:
            replace_atomically(path, lambda h: h.write(content), binary=True, mode=mode, overwrite=False)
        except FileExistsError:
            continue
        return path.resolve()
    raise ProgressFileError(f"{_MAX_SAME_NAME} files named like {name} are already there")
