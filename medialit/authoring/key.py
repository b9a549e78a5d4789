"""Saving a reviewed key: the answer key and an article record with provenance, into a teacher-lesson folder."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from .. import __version__
from ..atomic import write_json_atomically, write_text_atomically
from ..datafiles import schema_errors
from ..errors import AuthoringError
from ..schema import SpanSet
from ..teacher_lessons import (
    ARTICLE_FILE,
    KEY_FILE,
    RECORD_FILE,
    check_offsets,
    lesson_name,
    teacher_lessons_dir,
)
from ..text import sentence_spans
from .review import ReviewSession

__all__ = ["article_record", "save_key", "write_lesson_files"]


def _title(session: ReviewSession) -> str:
    title = session.source.get("title")
    if not title:
        first = next((s.text for s in sentence_spans(session.text)), session.source.get("name", "An article"))
        title = " ".join(first.split())
    return title[:300]


def article_record(
    session: ReviewSession,
    lesson_id: str,
    annotator: str,
    *,
    title: str | None = None,
    date: str | None = None,
) -> dict[str, Any]:
    """The article record (datasets/schema/teacher-lesson.schema.json) for a key made from ``session``.

    ``status`` is "reviewed" when the teacher decided on every machine mark, else "draft"; ``date`` is today
    (UTC) unless given as YYYY-MM-DD; ``title`` defaults to the article's own or its first sentence.
    """
    if not annotator or not annotator.strip():
        raise AuthoringError("Say who reviewed the marks (your name or initials): the key records it.")
    reviewed, total = session.progress()
    source = {
        k: v
        for k, v in session.source.items()
        if k in ("name", "kind", "title", "author", "date", "site_name", "notes")
    }
    source.setdefault("name", "the pasted text")
    if not str(source["name"]).startswith(("http://", "https://")):
        source["name"] = (
            Path(str(source["name"])).name or "the pasted text"
        )  # a file's name, not the folders above
    source.setdefault("kind", "text")
    url = session.source.get("url")
    source["url"] = url if isinstance(url, str) and url.startswith(("http://", "https://")) else None
    return {
        "id": lesson_id,
        "lesson": lesson_name(lesson_id),
        "title": title or _title(session),
        "annotator": " ".join(annotator.split())[:200],
        "date": date or datetime.now(timezone.utc).strftime("%Y-%m-%d"),
        "status": "reviewed" if reviewed == total else "draft",
        "source": source,
        "review": {
            "marks": total,
            "reviewed": reviewed,
            "rejected": sum(m.decision == "rejected" for m in session.marks),
            "added": sum(m.origin == "teacher" for m in session.marks),
        },
        "made_with": f"medialit {__version__}",
    }


def write_lesson_files(folder: Path, text: str, key: dict[str, Any], record: dict[str, Any]) -> None:
    """Check, then write a lesson's text, key and record into ``folder``, each atomically; the record last.

    Raises AuthoringError, writing nothing, when the key or record does not match its schema, the key names
    another article, or an offset does not give its text.
    """
    if problems := schema_errors(key, "spans.schema.json", "answer_key"):
        raise AuthoringError("The key is not in the kit's format: " + "; ".join(problems[:3]))
    if problems := schema_errors(record, "teacher-lesson.schema.json"):
        raise AuthoringError("The article record is not in the kit's format: " + "; ".join(problems[:3]))
    if key["article_id"] != record["id"]:
        raise AuthoringError(f"The key is for {key['article_id']!r}, but the lesson is {record['id']!r}.")
    check_offsets(SpanSet.from_dict(key), text)
    write_text_atomically(folder / ARTICLE_FILE, text)
    write_json_atomically(folder / KEY_FILE, key)
    write_json_atomically(folder / RECORD_FILE, record)  # last: a folder is a lesson once its record is there


def save_key(
    session: ReviewSession,
    lesson_id: str,
    annotator: str,
    *,
    folder: str | os.PathLike[str] | None = None,
    title: str | None = None,
    allow_unreviewed: bool = False,
) -> Path:
    """Save the reviewed key, the article and its record into a teacher-lesson folder; returns the folder.

    The folder is ``folder`` or ``teacher-lessons/<lesson_id>/`` (:func:`medialit.teacher_lessons.teacher_lessons_dir`).
    Refuses (AuthoringError, nothing written) machine marks still pending unless ``allow_unreviewed=True`` (the
    record then says ``status: draft``), offsets that do not match the text, and a folder that already holds a
    different article under that id. Saving the same article again replaces its key and record.
    """
    name = lesson_name(lesson_id)  # checks the id
    if (pending := session.pending()) and not allow_unreviewed:
        first = session.marks[pending[0]]
        raise AuthoringError(
            f"{len(pending)} of the machine's marks are not reviewed yet (the first: “{first.text[:60]}”). "
            "Review them, or save a draft on purpose (allow_unreviewed=True)."
        )
    target = Path(folder) if folder is not None else teacher_lessons_dir() / lesson_id
    existing = target / ARTICLE_FILE
    if existing.exists() and existing.read_text(encoding="utf-8") != session.text:
        raise AuthoringError(
            f"There is already a lesson {name} with another article in {target}. Choose another id."
        )
    record = article_record(session, lesson_id, annotator, title=title)
    write_lesson_files(target, session.text, session.to_key(lesson_id), record)
    return target
