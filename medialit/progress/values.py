"""What may be stored: learner names, quiz and lesson ids, scores, answers and texts, checked in and out."""

from __future__ import annotations

import json
import math
import re
import unicodedata
from datetime import datetime, timezone
from typing import Any

from ..errors import MedialitError

__all__ = [
    "MAX_ANSWER_CHARS",
    "MAX_ATTEMPTS",
    "MAX_NAME_LENGTH",
    "MAX_TEXT_CHARS",
    "LearnerNameError",
    "ProgressValueError",
    "answer_json",
    "check_correct",
    "check_id",
    "check_lesson",
    "check_score",
    "check_text",
    "now",
    "parse_time",
    "validate_learner_name",
]

MAX_NAME_LENGTH = 40
#: More checks of one quiz than any person makes in a course; beyond it, record() refuses (a runaway loop).
MAX_ATTEMPTS = 1000
#: Longest answer saved, as JSON (a rewrite is a sentence; a highlight a few dozen word numbers).
MAX_ANSWER_CHARS = 20_000
#: Longest free-text response saved (about 15 pages of prose).
MAX_TEXT_CHARS = 100_000

_NAME = re.compile(r"^[\w][\w .'\-]*$", re.UNICODE)
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # as in export.schema.json
_LESSON = re.compile(r"^[A-Za-z0-9]+([_-][A-Za-z0-9]+)*$")
_MAX_ID = 64


class LearnerNameError(MedialitError, ValueError):
    """A learner name that is empty, too long, or could be mistaken for a file path."""


class ProgressValueError(MedialitError, ValueError):
    """A quiz id, lesson, score, answer or text that cannot be saved as given."""


def validate_learner_name(name: str) -> str:
    """The name, trimmed and in Unicode NFC form, or LearnerNameError saying what to change."""
    cleaned = unicodedata.normalize("NFC", " ".join(str(name or "").split()))
    if not cleaned:
        raise LearnerNameError("Please type your name (or a nickname your teacher will recognise).")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise LearnerNameError(f"Please use at most {MAX_NAME_LENGTH} characters.")
    if "/" in cleaned or "\\" in cleaned or cleaned in {".", ".."} or not _NAME.match(cleaned):
        raise LearnerNameError(
            "Please use only letters, numbers, spaces, hyphens, apostrophes and full stops."
        )
    return cleaned


def check_id(value: Any, what: str = "quiz id") -> str:
    """A quiz or response id: lower-case words joined by hyphens ("l01-flood-category"), at most 64 characters."""
    if not isinstance(value, str) or len(value) > _MAX_ID or not _ID.match(value):
        raise ProgressValueError(
            f"{what} {value!r} should be lower-case letters and digits joined by hyphens"
        )
    return value


def check_lesson(value: Any) -> str:
    """A lesson name such as "01-Loaded-Words": letters and digits joined by "-" or "_", at most 64.

    Nothing else is allowed, so a lesson can never lead outside a folder when it becomes part of a file name.
    """
    if not isinstance(value, str) or len(value) > _MAX_ID or not _LESSON.match(value):
        raise ProgressValueError(
            f"lesson {value!r} should be letters and digits joined by hyphens, like 01-Loaded-Words"
        )
    return value


def check_score(value: Any) -> float:
    """A score as a float from 0 to 1, rounded to 4 places; NaN, infinities, booleans and text are refused."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ProgressValueError(f"a score must be a number from 0 to 1, not {value!r}")
    if not math.isfinite(value) or not 0 <= value <= 1:
        raise ProgressValueError(f"a score must be a number from 0 to 1, not {value!r}")
    return round(float(value), 4)


def check_correct(value: Any) -> bool:
    """True or False (0 and 1 accepted, as SQLite stores them)."""
    if value not in (True, False) or not isinstance(value, bool | int):
        raise ProgressValueError(f"correct must be True or False, not {value!r}")
    return bool(value)


def answer_json(answer: Any) -> str:
    """The answer as compact JSON, or ProgressValueError if it is not plain data or is too long."""
    try:
        text = json.dumps(answer, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    except (TypeError, ValueError, RecursionError) as exc:
        raise ProgressValueError(f"this answer cannot be saved ({exc})") from None
    if len(text) > MAX_ANSWER_CHARS:
        raise ProgressValueError(f"this answer is too long to save (over {MAX_ANSWER_CHARS:,} characters)")
    return text


def check_text(value: Any, what: str = "text") -> str:
    """Free text as a string of at most MAX_TEXT_CHARS characters."""
    if not isinstance(value, str):
        raise ProgressValueError(f"{what} must be text, not {type(value).__name__}")
    if len(value) > MAX_TEXT_CHARS:
        raise ProgressValueError(f"{what} is too long to save (over {MAX_TEXT_CHARS:,} characters)")
    return value


def now() -> str:
    """The current time in UTC, ISO 8601 to the second ("2026-11-29T09:00:00+00:00")."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def parse_time(value: Any) -> str:
    """An ISO 8601 time with a time zone, as given; ProgressValueError otherwise."""
    try:
        if isinstance(value, str) and datetime.fromisoformat(value).tzinfo is not None:
            return value
    except ValueError:
        pass
    raise ProgressValueError(f"{value!r} is not a time such as 2026-11-29T09:00:00+00:00")
