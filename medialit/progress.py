"""Saved progress: an atomic JSON store of checked answers per learner, and the export for teachers."""

from __future__ import annotations

import json
import os
import re
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .atomic import write_json_atomically
from .datafiles import schema_errors
from .errors import MedialitError

__all__ = [
    "LearnerNameError",
    "ProgressStore",
    "export_results",
    "progress_path",
    "validate_learner_name",
    "write_export",
]

MAX_NAME_LENGTH = 40
_NAME = re.compile(r"^[\w][\w .'\-]*$", re.UNICODE)
FORMAT = "medialit-progress/1"


class LearnerNameError(MedialitError, ValueError):
    """A learner name that is empty, too long, or could be mistaken for a file path."""


class ProgressFileError(MedialitError):
    """A progress file that cannot be written."""


def progress_path() -> Path:
    """Where progress is saved: ``$MEDIALIT_PROGRESS`` (a file), else ``~/.medialit/progress.json``."""
    override = os.environ.get("MEDIALIT_PROGRESS")
    return Path(override) if override else Path.home() / ".medialit" / "progress.json"


def validate_learner_name(name: str) -> str:
    """The name, trimmed, or LearnerNameError saying what to change."""
    cleaned = " ".join(str(name or "").split())
    if not cleaned:
        raise LearnerNameError("Please type your name (or a nickname your teacher will recognise).")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise LearnerNameError(f"Please use at most {MAX_NAME_LENGTH} characters.")
    if "/" in cleaned or "\\" in cleaned or cleaned in {".", ".."} or not _NAME.match(cleaned):
        raise LearnerNameError(
            "Please use only letters, numbers, spaces, hyphens, apostrophes and full stops."
        )
    return cleaned


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class ProgressStore:
    """A learner's checked answers, saved after every check.

    The file is JSON and is replaced atomically (temporary file, then
    rename), so a crash never leaves half a file. A file that cannot be read
    is moved aside to ``<name>.corrupt-<time>`` and reported in
    :attr:`warnings`; it is never silently overwritten.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = Path(path) if path is not None else progress_path()
        self.warnings: list[str] = []
        self._data = self._load()

    def _empty(self) -> dict[str, Any]:
        from . import __version__

        return {"format": FORMAT, "kit_version": __version__, "learner": None, "answers": {}}

    def _load(self) -> dict[str, Any]:
        if not self.path.exists():
            return self._empty()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if (
                not isinstance(data, dict)
                or data.get("format") != FORMAT
                or not isinstance(data.get("answers"), dict)
            ):
                raise ValueError("not a medialit progress file")
            return data
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            self.path.replace(aside)
            self.warnings.append(
                f"Your saved progress in {self.path} could not be read ({exc}). It was kept as {aside.name}; "
                "your teacher can look at it. New answers are saved in a fresh file."
            )
            return self._empty()

    def _save(self) -> None:
        try:
            write_json_atomically(self.path, self._data)
        except OSError as exc:
            raise ProgressFileError(f"could not save progress to {self.path}: {exc.strerror}") from None

    @property
    def learner(self) -> str | None:
        """The learner's name, once given."""
        return self._data.get("learner")

    def set_learner(self, name: str) -> str:
        """Validate and save the learner's name; returns it as stored."""
        self._data["learner"] = validate_learner_name(name)
        self._save()
        return self._data["learner"]

    def record(self, quiz_id: str, lesson: str, answer: Any, score: float, correct: bool) -> dict[str, Any]:
        """Save one checked answer (the latest answer and score, and the count of attempts)."""
        now = _now()
        entry = self._data["answers"].get(quiz_id) or {"attempts": 0, "first_at": now, "best_score": 0.0}
        entry.update(
            lesson=lesson,
            answer=answer,
            score=round(float(score), 4),
            correct=bool(correct),
            attempts=entry["attempts"] + 1,
            last_at=now,
            best_score=max(entry.get("best_score", 0.0), round(float(score), 4)),
        )
        self._data["answers"][quiz_id] = entry
        self._save()
        return entry

    def entry(self, quiz_id: str) -> dict[str, Any] | None:
        """What is saved for one quiz, or None."""
        return self._data["answers"].get(quiz_id)

    def answer(self, quiz_id: str) -> Any:
        """The last answer checked for a quiz, or None."""
        entry = self.entry(quiz_id)
        return entry["answer"] if entry else None

    def lesson_scores(self, quizzes_per_lesson: dict[str, int]) -> dict[str, dict[str, float]]:
        """Per lesson: quizzes answered, quizzes in the lesson, and the mean of the latest scores (unanswered = 0)."""
        out = {}
        for lesson, total in quizzes_per_lesson.items():
            scores = [e["score"] for e in self._data["answers"].values() if e.get("lesson") == lesson]
            out[lesson] = {
                "answered": len(scores),
                "total": total,
                "score": sum(scores) / total if total else 0.0,
            }
        return out

    def snapshot(self) -> dict[str, Any]:
        """A copy of everything saved."""
        return json.loads(json.dumps(self._data))


def export_results(store: ProgressStore, lesson: str | None = None) -> dict[str, Any]:
    """The teacher's results file: learner, kit version, and per quiz the score, attempts and times.

    Checked against ``datasets/schema/export.schema.json`` before it is returned.
    """
    from . import __version__

    if not store.learner:
        raise MedialitError(
            "Type your name in lesson 00 first, so your teacher knows whose results these are."
        )
    results = [
        {
            "quiz": quiz_id,
            "lesson": entry["lesson"],
            "score": entry["score"],
            "best_score": entry.get("best_score", entry["score"]),
            "correct": entry["correct"],
            "attempts": entry["attempts"],
            "first_at": entry["first_at"],
            "last_at": entry["last_at"],
        }
        for quiz_id, entry in sorted(store.snapshot()["answers"].items())
        if lesson is None or entry.get("lesson") == lesson
    ]
    export = {
        "format": "medialit-results/1",
        "kit_version": __version__,
        "learner": store.learner,
        "lesson": lesson,
        "exported_at": _now(),
        "results": results,
    }
    problems = schema_errors(export, "export.schema.json")
    if problems:
        raise MedialitError("the export does not match its schema: " + "; ".join(problems))
    return export


def write_export(store: ProgressStore, folder: str | os.PathLike[str], lesson: str | None = None) -> Path:
    """Write the results file into ``folder`` (atomically) and return its path."""
    export = export_results(store, lesson)
    safe = re.sub(r"[^\w\-]+", "-", export["learner"]).strip("-") or "learner"
    path = Path(folder) / f"medialit-results-{safe}-{lesson or 'all'}.json"
    write_json_atomically(path, export)
    return path
