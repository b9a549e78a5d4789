"""Importing the old JSON progress file (format ``medialit-progress/1``) into the database, once."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from pathlib import Path
from typing import Any

from ..errors import MedialitError
from .aside import keep_aside
from .database import transaction
from .values import (
    MAX_ATTEMPTS,
    answer_json,
    check_correct,
    check_id,
    check_lesson,
    check_score,
    now,
    parse_time,
    validate_learner_name,
)

__all__ = ["LEGACY_FORMAT", "import_legacy"]

LEGACY_FORMAT = "medialit-progress/1"


def _entry(quiz_id: Any, entry: Any) -> dict[str, Any]:
    """One old entry, checked; raises ValueError (or MedialitError) naming what is wrong."""
    check_id(quiz_id)
    if not isinstance(entry, dict):
        raise ValueError(f"{type(entry).__name__} instead of an answer")
    missing = [k for k in ("lesson", "answer", "score", "correct", "attempts", "last_at") if k not in entry]
    if missing:
        raise ValueError("missing " + ", ".join(missing))
    attempts = entry["attempts"]
    if isinstance(attempts, bool) or not isinstance(attempts, int) or not 1 <= attempts <= MAX_ATTEMPTS:
        raise ValueError(f"attempts {attempts!r} is not a count from 1 to {MAX_ATTEMPTS}")
    score = check_score(entry["score"])
    return {
        "quiz": quiz_id,
        "lesson": check_lesson(entry["lesson"]),
        "answer": answer_json(entry["answer"]),
        "score": score,
        "correct": check_correct(entry["correct"]),
        "attempts": attempts,
        "last_at": parse_time(entry["last_at"]),
        "first_at": parse_time(entry.get("first_at", entry["last_at"])),
        "best_score": max(score, check_score(entry.get("best_score", score))),
    }


def _read(path: Path) -> tuple[bytes, dict[str, Any]]:
    """The file's bytes and its JSON; ValueError if it is not an old progress file."""
    raw = path.read_bytes()
    try:
        data = json.loads(raw.decode("utf-8"))
    except RecursionError:
        raise ValueError("it is nested too deeply to be a progress file") from None
    except UnicodeDecodeError:
        raise ValueError("it is not UTF-8 text") from None
    if (
        not isinstance(data, dict)
        or data.get("format") != LEGACY_FORMAT
        or not isinstance(data.get("answers"), dict)
    ):
        raise ValueError("it is not a medialit progress file")
    return raw, data


def import_legacy(con: sqlite3.Connection, path: Path, database: str) -> list[str]:
    """Import the old progress file at ``path`` into the database on ``con`` (named ``database`` in the
    warnings), then rename it ``*.migrated``.

    Returns the warnings for the learner (what was imported, skipped, or kept aside). A file that cannot
    be read as an old progress file (bad JSON, nested 100,000 levels deep, not UTF-8) is kept aside as
    ``<name>.corrupt-<time>``. A file already imported (same SHA-256; another open lesson got there first)
    is not imported twice. Raises OSError or sqlite3.Error only if the database cannot be written.
    """
    try:
        raw, data = _read(path)
    except FileNotFoundError:
        return []  # another lesson has just migrated it
    except (OSError, ValueError) as exc:
        try:
            aside = keep_aside(path, "corrupt")
        except FileNotFoundError:
            return []
        except OSError as move:
            return [
                f"Your old progress file {path} could not be read ({exc}) nor moved aside ({move.strerror})."
            ]
        return [
            f"Your old progress file {path} could not be read ({exc}). It was kept as {aside.name}; "
            "your teacher can look at it. New answers are saved in a fresh progress database."
        ]
    entries, skipped = [], []
    for quiz_id, entry in data["answers"].items():
        try:
            entries.append(_entry(quiz_id, entry))
        except (MedialitError, ValueError) as exc:
            skipped.append(f"{str(quiz_id)[:40]!r} ({exc})")
    try:
        learner = validate_learner_name(data["learner"]) if data.get("learner") else None
    except MedialitError:
        learner = None
        skipped.append(f"the name {str(data['learner'])[:40]!r}")
    digest = hashlib.sha256(raw).hexdigest()
    with transaction(con):
        if con.execute("SELECT 1 FROM imports WHERE sha256 = ?", (digest,)).fetchone() is None:
            _insert(con, entries, learner)
            con.execute(
                "INSERT INTO imports (sha256, source, at) VALUES (?, ?, ?)", (digest, str(path), now())
            )
    warnings = [
        f"Your saved progress ({len(entries)} answered quizzes) was moved from {path.name} into the new "
        f"progress database {database}."
    ]
    if skipped:
        warnings.append("These saved answers could not be read and were left out: " + "; ".join(skipped[:10]))
    try:
        kept = keep_aside(path, "migrated") if Path(f"{path}.migrated").exists() else _rename(path)
        warnings[0] += f" The old file is kept as {kept.name}."
    except FileNotFoundError:
        pass
    except OSError as exc:
        warnings[0] += f" The old file could not be renamed ({exc.strerror}); it is left as it was."
    return warnings


def _rename(path: Path) -> Path:
    target = path.with_name(f"{path.name}.migrated")
    os.rename(path, target)
    return target


def _insert(con: sqlite3.Connection, entries: list[dict[str, Any]], learner: str | None) -> None:
    if learner:
        con.execute("INSERT INTO names (name, set_at) VALUES (?, ?)", (learner, now()))
    for e in entries:
        con.execute(
            "INSERT INTO attempts (quiz, lesson, answer, score, correct, at) VALUES (?, ?, ?, ?, ?, ?)",
            (e["quiz"], e["lesson"], e["answer"], e["score"], int(e["correct"]), e["last_at"]),
        )
        if e["attempts"] > 1 or e["best_score"] > e["score"] or e["first_at"] != e["last_at"]:
            con.execute(
                "INSERT INTO earlier_attempts (quiz, lesson, count, first_at, best_score) VALUES (?, ?, ?, ?, ?)"
                " ON CONFLICT (quiz) DO UPDATE SET count = count + excluded.count,"
                " first_at = min(first_at, excluded.first_at), best_score = max(best_score, excluded.best_score)",
                (e["quiz"], e["lesson"], e["attempts"] - 1, e["first_at"], e["best_score"]),
            )
