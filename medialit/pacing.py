"""How long each lesson takes by the course's pacing model: reading, quizzes, written answers and activities.

The model (also in lessons/TEACHER_GUIDE.md, "Pacing"):

- reading: the words of every text cell, and of text and article parts shown with ``reveal_after`` and
  ``show_article``, at ``WORDS_PER_MINUTE``;
- each quiz by its kind (``QUIZ_MINUTES``; label-sentences per sentence, source-the-number per number),
  which includes reading its passage;
- each written answer (``show_response``): ``RESPONSE_MINUTES``;
- each "your turn" code cell (one with a solution region): ``YOUR_TURN_MINUTES``; each other code cell
  that shows something: ``CODE_CELL_MINUTES``;
- timed activities a cell declares in its metadata, ``{"medialit": {"activity_minutes": 5}}``;
- ``GETTING_STARTED_MINUTES`` per lesson for opening it and typing a name.

Sections are the notebook's ``##`` headings; a section whose heading says "optional" is counted apart.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import MedialitError
from .lessons import BEGIN, PLACEHOLDER

#: Careful reading of new ideas by 14-year-olds: about the median oral reading rate of US grade 7-8
#: students in Hasbrouck & Tindal's 2017 fluency norms, and the rate issue 12 proposes.
WORDS_PER_MINUTE = 150
#: Minutes per quiz, by kind, including reading its passage; label-sentences and source-the-number are
#: per sentence and per number.
QUIZ_MINUTES: dict[str, float] = {
    "choice": 1.0,
    "multi": 1.5,
    "highlight": 3.0,
    "label-sentences": 0.5,
    "source-the-number": 1.0,
    "numeric": 2.0,
    "rewrite": 4.0,
}
RESPONSE_MINUTES = 4.0
YOUR_TURN_MINUTES = 3.0
CODE_CELL_MINUTES = 0.25
GETTING_STARTED_MINUTES = 3.0
#: A class period: lessons are planned to fit 45-50 minutes.
LIMIT_MINUTES = 50.0

_WORD = re.compile(r"[A-Za-z0-9][\w’'\-.,]*")


class PacingError(MedialitError):
    """A lesson notebook the pacing model cannot read."""


@dataclass
class Section:
    """One ``##`` section of a lesson: what is in it and the minutes it takes by the model."""

    title: str
    optional: bool = False
    words: int = 0
    quizzes: list[str] = field(default_factory=list)
    responses: int = 0
    code_cells: int = 0
    your_turn: int = 0
    activity_minutes: float = 0.0
    minutes: float = 0.0


@dataclass
class LessonPace:
    """A lesson's sections and totals in minutes (``total`` leaves optional sections out)."""

    lesson: str
    sections: list[Section]

    @property
    def total(self) -> float:
        """Minutes for the lesson without its optional sections, getting started included."""
        return GETTING_STARTED_MINUTES + sum(s.minutes for s in self.sections if not s.optional)

    @property
    def optional(self) -> float:
        """Minutes the optional sections would add."""
        return sum(s.minutes for s in self.sections if s.optional)


def count_words(markdown: str) -> int:
    """Words a student reads in Markdown: code blocks, HTML tags, link targets and markup left out."""
    text = re.sub(r"```.*?```", " ", markdown, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "]", text)
    text = re.sub(r"[#*_`>|\[\]]", " ", text)
    return len(_WORD.findall(text))


def quiz_minutes(quiz_id: str) -> float:
    """Minutes for one quiz by ``QUIZ_MINUTES``; raises PacingError (naming it) for an unknown id."""
    from .quiz import get_quiz

    try:
        quiz = get_quiz(quiz_id)
    except MedialitError as exc:
        raise PacingError(f"quiz {quiz_id!r}: {exc}") from None
    per = QUIZ_MINUTES[quiz.kind]
    if quiz.kind == "label-sentences":
        return per * len(quiz.passage.sentences)
    if quiz.kind == "source-the-number":
        return per * len(quiz.passage.statistics)
    return per


def _article_words(args: list[Any]) -> int:
    from . import corpus

    document = corpus.load(args[0])
    if len(args) == 1:
        return count_words(document.text)
    sentences = corpus.annotations(args[0]).sentences
    first, last = args[1] or 0, args[2] if len(args) > 2 and args[2] is not None else len(sentences) - 1
    return count_words(document.text[sentences[first].start : sentences[last].end])


def _calls(source: str) -> list[tuple[str, list[Any]]]:
    """(function name, literal arguments) for each call in a code cell; magics and shell lines skipped."""
    code = "\n".join("" if line.lstrip().startswith(("%", "!")) else line for line in source.split("\n"))
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return []
    calls = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            args = [a.value if isinstance(a, ast.Constant) else None for a in node.args]
            calls.append((name, args))
    return calls


def _add_code(section: Section, source: str) -> None:
    calls = _calls(source)
    shown = False
    for name, args in calls:
        if name == "show" and args and isinstance(args[0], str):
            section.quizzes.append(args[0])
            shown = True
        elif name == "show_response":
            section.responses += 1
            shown = True
        elif name == "reveal_after":
            section.words += sum(count_words(a) for a in args[1:] if isinstance(a, str))
            shown = True
        elif name == "show_article" and args and isinstance(args[0], str):
            section.words += _article_words(args)
            shown = True
    if "# SOLUTION" in source or BEGIN in source or PLACEHOLDER in source:
        section.your_turn += 1
    elif not shown and source.strip():
        section.code_cells += 1


def pace_notebook(path: str | Path) -> LessonPace:
    """The pacing estimate for one lesson notebook (``.ipynb``), section by section.

    Text before the first ``##`` heading counts as an "Introduction" section. Raises PacingError for a
    file that is not a notebook or names an unknown quiz.
    """
    path = Path(path)
    try:
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PacingError(f"{path.name} cannot be read as a notebook: {exc}") from None
    sections = [Section("Introduction")]
    for cell in cells:
        source = "".join(cell.get("source", ""))
        metadata = cell.get("metadata", {})
        if cell.get("cell_type") == "markdown":
            for line in source.split("\n"):
                if line.startswith("## "):
                    title = line[3:].strip()
                    sections.append(Section(title, optional="optional" in title.lower()))
            sections[-1].words += count_words(source)
        elif cell.get("cell_type") == "code":
            _add_code(sections[-1], source)
        activity = (
            metadata.get("medialit", {}).get("activity_minutes") if isinstance(metadata, dict) else None
        )
        if isinstance(activity, int | float) and not isinstance(activity, bool) and activity > 0:
            sections[-1].activity_minutes += float(activity)
    for section in sections:
        try:
            quizzes = sum(quiz_minutes(q) for q in section.quizzes)
        except PacingError as exc:
            raise PacingError(f"{path.name}: {exc}") from None
        section.minutes = (
            section.words / WORDS_PER_MINUTE
            + quizzes
            + section.responses * RESPONSE_MINUTES
            + section.your_turn * YOUR_TURN_MINUTES
            + section.code_cells * CODE_CELL_MINUTES
            + section.activity_minutes
        )
    return LessonPace(path.stem, [s for s in sections if s.minutes > 0 or s.title != "Introduction"])


def pace_lessons(folder: str | Path) -> list[LessonPace]:
    """Estimates for every ``NN-Name.ipynb`` lesson in ``folder``, in order."""
    return [pace_notebook(p) for p in sorted(Path(folder).glob("[0-9][0-9]-*.ipynb"))]


def _what(section: Section) -> str:
    parts = []
    if section.words:
        parts.append(f"{section.words:,} words")
    if section.quizzes:
        parts.append(f"{len(section.quizzes)} {'quiz' if len(section.quizzes) == 1 else 'quizzes'}")
    if section.responses:
        parts.append(f"{section.responses} written")
    if section.your_turn:
        parts.append(f"{section.your_turn} your turn")
    if section.activity_minutes:
        parts.append(f"activity {section.activity_minutes:g} min")
    return ", ".join(parts)


def format_pace(lessons: list[LessonPace], limit: float = LIMIT_MINUTES) -> str:
    """A plain-text table: each lesson's sections with minutes, its total, and whether it fits ``limit``."""
    lines = []
    for lesson in lessons:
        lines.append(lesson.lesson)
        lines.append(f"  {'Getting started':<46} {'':<34} {GETTING_STARTED_MINUTES:5.1f}")
        for s in lesson.sections:
            title = s.title if len(s.title) <= 46 else s.title[:45] + "…"
            mark = " (optional, not in total)" if s.optional else ""
            lines.append(f"  {title:<46} {_what(s):<34} {s.minutes:5.1f}{mark}")
        verdict = "fits" if lesson.total <= limit else f"OVER {limit:g}"
        extra = f"; optional sections add {lesson.optional:.1f}" if lesson.optional else ""
        lines.append(f"  {'Total':<46} {'':<34} {lesson.total:5.1f}  {verdict}{extra}")
        lines.append("")
    lines.append(
        f"Model: {WORDS_PER_MINUTE} words a minute; quizzes "
        + ", ".join(f"{k} {v:g}" for k, v in QUIZ_MINUTES.items())
        + f" (label-sentences per sentence, source-the-number per number); written answer {RESPONSE_MINUTES:g}; "
        f"your-turn code {YOUR_TURN_MINUTES:g}; other code cell {CODE_CELL_MINUTES:g}; "
        f"getting started {GETTING_STARTED_MINUTES:g} (minutes)."
    )
    return "\n".join(lines)


def run(folder: str | Path, check: bool = False, limit: float = LIMIT_MINUTES) -> int:
    """Print every lesson's estimate; with ``check``, return 1 if any lesson is over ``limit`` minutes."""
    lessons = pace_lessons(folder)
    if not lessons:
        raise PacingError(f"no lesson notebooks (NN-Name.ipynb) in {folder}")
    print(format_pace(lessons, limit))
    over = [lesson.lesson for lesson in lessons if lesson.total > limit]
    if check and over:
        print(f"Over {limit:g} minutes: {', '.join(over)}")
        return 1
    return 0
