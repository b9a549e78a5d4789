"""A review in progress, saved as a JSON draft after every decision (atomic), and read back; damaged drafts kept aside."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from ..atomic import write_json_atomically
from ..errors import AuthoringError
from ..ingest import Article
from ..progress.aside import keep_aside
from .article import article_from_text
from .review import Mark, ReviewSession, propose

__all__ = ["DRAFT_FORMAT", "load_draft", "resume_or_propose", "save_draft"]

#: The draft file's ``format`` field; ``version`` goes up when the layout changes.
DRAFT_FORMAT = "medialit-review-draft"
DRAFT_VERSION = 1


def draft_dict(session: ReviewSession) -> dict[str, Any]:
    """The draft's JSON form: the text, where it came from, the teacher's assessment and every mark."""
    return {
        "format": DRAFT_FORMAT,
        "version": DRAFT_VERSION,
        "text": session.text,
        "source": session.source,
        "assessment": session.assessment,
        "marks": [mark.to_dict() for mark in session.marks],
    }


def save_draft(session: ReviewSession, path: str | os.PathLike[str]) -> Path:
    """Write the draft atomically (readers see the old draft or the new one, never half); returns the path."""
    path = Path(path)
    write_json_atomically(path, draft_dict(session))
    return path


def _session(data: Any, path: Path) -> ReviewSession:
    if not isinstance(data, dict) or data.get("format") != DRAFT_FORMAT:
        raise AuthoringError("it is not a medialit review draft")
    if data.get("version") != DRAFT_VERSION:
        raise AuthoringError(
            f"it is a draft of version {data.get('version')!r}; this kit reads {DRAFT_VERSION}"
        )
    text = data.get("text")
    if not isinstance(text, str) or not isinstance(data.get("marks"), list):
        raise AuthoringError("its text or its marks are missing")
    marks = [Mark.from_dict(item) for item in data["marks"]]
    for mark in marks:
        if not (0 <= mark.start < mark.end <= len(text)) or text[mark.start : mark.end] != mark.text:
            raise AuthoringError(
                f"the mark “{mark.text}” no longer matches the text at {mark.start}..{mark.end}"
            )
    source, assessment = data.get("source") or {}, data.get("assessment") or {}
    if not isinstance(source, dict) or not isinstance(assessment, dict):
        raise AuthoringError("its source or assessment is not a record")
    return ReviewSession(text=text, marks=marks, source=source, assessment=assessment, draft_path=path)


def load_draft(path: str | os.PathLike[str]) -> ReviewSession:
    """Read a draft saved by :func:`save_draft`; the session goes on saving to the same file.

    A draft that cannot be read (damaged JSON, wrong fields, marks that no longer match the text) is renamed
    aside with the label ``damaged`` and a time stamp, never deleted, and AuthoringError says where it is now.
    A missing draft is AuthoringError too (nothing is moved).
    """
    path = Path(path)
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise AuthoringError(f"{path}: there is no saved review here yet") from None
    except (OSError, UnicodeDecodeError) as exc:
        problem = str(exc)
    else:
        try:
            return _session(json.loads(raw), path)
        except json.JSONDecodeError as exc:
            problem = f"it is not valid JSON ({exc.msg} at line {exc.lineno})"
        except (AuthoringError, TypeError, ValueError) as exc:
            problem = str(exc)
    aside = keep_aside(path, "damaged")
    raise AuthoringError(
        f"The saved review {path.name} could not be read: {problem}. It was kept as {aside.name}; "
        "start the review again, or ask for help to rescue it."
    )


def resume_or_propose(article: str | Article, draft_path: str | os.PathLike[str]) -> ReviewSession:
    """The saved review of this article if ``draft_path`` holds one, else a new :func:`propose` saving there.

    A draft of a different article at that path is kept aside (label ``replaced``), never overwritten; a
    damaged one is kept aside as in :func:`load_draft`. Either way a new review starts.
    """
    path = Path(draft_path)
    if isinstance(article, str):
        article = article_from_text(article)
    if path.exists():
        try:
            session = load_draft(path)
        except AuthoringError:
            session = None  # load_draft kept it aside
        if session is not None:
            if session.text == article.text:
                return session
            keep_aside(path, "replaced")
    return propose(article, draft_path=path)
