"""A teacher's own article becomes a checked lesson: review the machine's marks, save a key, generate quizzes.

How the pieces fit (all plain functions, no widgets; the review widget and the teacher notebook call them):

1. ``article.py`` reads the article: :func:`article_from_text` (pasted), :func:`article_from_file`, or
   :func:`article_from_link` (fetched only when the teacher asks), all through :mod:`medialit.ingest`. An
   article with no sentences is refused with :class:`~medialit.errors.AuthoringError`.
2. ``review.py``: :func:`propose` runs the detectors once and returns a :class:`ReviewSession` whose ``marks``
   (:class:`Mark`, text order) are all ``pending``. The widget shows ``session.marks[i]`` and calls
   ``accept(i)``, ``reject(i)``, ``change(i, category=..., acceptable=..., reason=..., alternative=...)``,
   ``add_words(kind, first, last, ...)`` (word indices into ``session.words()``), ``progress_text()``
   ("14 of 37 marks reviewed") and ``next_pending(i)``. Every method validates and raises AuthoringError with
   a sentence to show the teacher; nothing changes then.
3. ``draft.py``: with ``draft_path`` set (``propose(..., draft_path=...)``, :func:`load_draft`, or
   :func:`resume_or_propose`, which the widget should use: it reopens the saved review of the same article),
   the session saves itself atomically after every change; a damaged or replaced draft is kept aside.
4. ``key.py``: :func:`save_key` writes the answer key (exactly the schema of datasets/annotations/) and the
   article record with provenance into a teacher-lesson folder, by default ``teacher-lessons/<id>/``, so the
   lesson is installed at once (:func:`medialit.teacher_lessons.suggest_id` makes an id from a title). It
   refuses offsets that do not match the text, and unreviewed machine marks unless ``allow_unreviewed=True``.
5. ``lesson.py``: :func:`make_lesson` writes the quiz YAML and the lesson notebook from the key
   (``python -m medialit make-lesson KEY`` does the same); the notebook's button calls
   ``make_lesson(save_key(session, lesson_id, annotator))``. The quizzes load with
   ``medialit.quiz.load_quizzes(lesson)`` like the built-in ones.
6. ``bundle.py``: :func:`export_lesson` zips a lesson folder; :func:`import_lesson` checks a folder or zip and
   installs it under ``teacher-lessons/<id>/`` in one atomic rename, regenerating the notebook.

A teacher-lesson folder holds ``article.txt``, ``article.json`` (the record), ``key.json``, ``quizzes.yaml``
and ``<lesson>.ipynb``; :mod:`medialit.teacher_lessons` reads one and finds the installed ones.
"""

from __future__ import annotations

from .article import article_from_file, article_from_link, article_from_text
from .draft import load_draft, resume_or_propose, save_draft
from .review import CHOICES, DECISIONS, EDITABLE, KINDS, MAIN_FIELD, ORIGINS, Mark, ReviewSession, propose

__all__ = [
    "CHOICES",
    "DECISIONS",
    "EDITABLE",
    "KINDS",
    "MAIN_FIELD",
    "ORIGINS",
    "Mark",
    "ReviewSession",
    "article_from_file",
    "article_from_link",
    "article_from_text",
    "load_draft",
    "propose",
    "resume_or_propose",
    "save_draft",
]
