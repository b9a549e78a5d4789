"""The teacher's answer sheet: every quiz's question, the key's answers and reasons, as printable HTML."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from .atomic import write_text_atomically
from .quiz import Quiz, load_quizzes
from .quiz.scoring import about_item
from .schema import LOADED_CATEGORIES, SENTENCE_LABELS, SOURCING, SPEAKERS, LoadedSpan

_VOCABULARY = frozenset((*LOADED_CATEGORIES, *SENTENCE_LABELS, *SOURCING, *SPEAKERS))
_KINDS = {
    "choice": "pick one",
    "multi": "tick all that apply",
    "highlight": "click the words",
    "label-sentences": "label each sentence",
    "source-the-number": "who says so?",
    "numeric": "work it out",
    "rewrite": "rewrite the sentence",
}


def readable(value: str) -> str:
    """A key value as words ("named-document" → "named document"); other text unchanged."""
    return value.replace("-", " ") if value in _VOCABULARY else value


@dataclass(frozen=True)
class Answer:
    """One part of a quiz's answer: what it is about, the key's answer, what else is accepted, and why."""

    about: str
    answer: str
    also: tuple[str, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class SheetEntry:
    """One quiz on the answer sheet, in words: nothing here is an id or a raw key value except ``quiz_id``."""

    lesson: str
    quiz_id: str
    kind: str
    question: str
    passage: str
    answers: tuple[Answer, ...]
    explanation: str
    notes: tuple[str, ...] = field(default=())


def _loaded(span: LoadedSpan) -> str:
    return f"{readable(span.category)}, {readable(span.speaker)}'s words"


def answers_for(quiz: Quiz) -> tuple[tuple[Answer, ...], tuple[str, ...]]:
    """The key's answers for ``quiz`` (looked up through ``medialit.quiz``), and notes on what costs nothing."""
    kind, passage = quiz.kind, quiz.passage
    if kind == "choice":
        item = about_item(quiz)
        ask = quiz.spec["ask"]
        right = quiz.solution()
        accepted = (
            {getattr(item, ask), *getattr(item, "also_acceptable", ())}
            if ask in ("sourcing", "label")
            else set()
        )
        also = tuple(readable(v) for v in sorted(accepted & set(quiz.options) - {right}))
        return (Answer(f"“{item.text}”", readable(right), also, item.reason or ""),), ()
    if kind == "multi":
        items = quiz.check(list(quiz.options)).items
        right = tuple(Answer(f"“{i.text}”", "tick", (), i.reason) for i in items if i.status == "found")
        either = tuple(
            f"“{i.text}”: ticked or not, no marks lost. {i.reason}".strip()
            for i in items
            if i.status == "neutral"
        )
        wrong = tuple(f"“{i.text}”: leave unticked." for i in items if i.status == "extra")
        return right, either + wrong
    if kind == "highlight":
        target = quiz.spec["target"]
        spans = passage.key_spans(target)
        what = (
            (lambda s: _loaded(s)) if target == "loaded" else (lambda s: f"a number ({readable(s.sourcing)})")
        )
        right = tuple(Answer(f"“{s.text}”", what(s), (), s.reason) for s in spans if not s.acceptable)
        either = tuple(
            f"“{s.text}” ({what(s)}): debatable, no marks lost either way. {s.reason}"
            for s in spans
            if s.acceptable
        )
        return right, either
    if kind == "label-sentences":
        return tuple(
            Answer(s.text, readable(s.label), tuple(readable(v) for v in s.also_acceptable), s.reason or "")
            for s in passage.sentences
        ), ()
    if kind == "source-the-number":
        return tuple(
            Answer(
                f"“{s.text}”", readable(s.sourcing), tuple(readable(v) for v in s.also_acceptable), s.reason
            )
            for s in passage.statistics
        ), ()
    if kind == "numeric":
        item = about_item(quiz)
        tolerance = quiz.spec.get("tolerance")
        note = (f"Accepted within ±{tolerance:g} of the answer.",) if tolerance is not None else ()
        return (Answer(f"“{item.text}”", f"{quiz.solution():g}%", (), ""),), note
    sentence = about_item(quiz)
    loaded = [
        s for s in passage.loaded if sentence.start <= s.start and s.end <= sentence.end and not s.acceptable
    ]
    changes = tuple(
        f"“{s.text}” ({_loaded(s)}): "
        + (f"could become “{s.alternative}”." if s.alternative else "leave it out.")
        for s in loaded
    )
    return (Answer(sentence.text, f"One neutral version: {quiz.solution()}", (), ""),), (
        "Any version that keeps the facts, the numbers and the named sources, without the loaded words, is right.",
        *changes,
    )


def sheet_entries(quizzes: list[Quiz] | None = None) -> list[SheetEntry]:
    """Every quiz (default: ``load_quizzes()``, in lesson order) as an answer-sheet entry."""
    quizzes = load_quizzes() if quizzes is None else quizzes
    entries = []
    for quiz in sorted(quizzes, key=lambda q: q.lesson):  # stable: keeps each lesson's own order
        answers, notes = answers_for(quiz)
        entries.append(
            SheetEntry(
                quiz.lesson,
                quiz.id,
                quiz.kind,
                quiz.prompt,
                quiz.passage.text,
                answers,
                quiz.explanation,
                notes,
            )
        )
    return entries


_CSS = """
body{font-family:Georgia,'Times New Roman',serif;color:#111;background:#fff;max-width:48em;margin:1.5em auto;
 padding:0 1em;line-height:1.45;font-size:11pt}
h1{font-size:1.6em;margin:0 0 .2em}h2{font-size:1.3em;border-bottom:2px solid #111;margin:1.6em 0 .6em}
h3{font-size:1.05em;margin:0 0 .3em}
.quiz{border:1px solid #999;border-radius:4px;padding:.6em .9em;margin:0 0 .9em;break-inside:avoid;
 page-break-inside:avoid}
.meta{color:#444;font-size:.9em;margin:0 0 .4em}
blockquote{white-space:pre-line;margin:.3em 0 .6em;padding:.2em .8em;border-left:3px solid #777;color:#222;font-size:.95em}
table{border-collapse:collapse;width:100%;margin:.3em 0}
th,td{border-bottom:1px solid #bbb;padding:.25em .4em;text-align:left;vertical-align:top}
th{font-weight:bold;background:#eee}
.answer{font-weight:bold}.why{margin:.4em 0 0}ul{margin:.3em 0 .3em 1.2em;padding:0}
nav ol{columns:2}
@media print{body{margin:0;max-width:none;font-size:10pt}nav{display:none}h2{break-before:page}
 h2.first{break-before:auto}a{color:inherit;text-decoration:none}}
@page{margin:1.5cm}
"""


def _e(text: str) -> str:
    return html.escape(str(text))


def _entry_html(n: int, entry: SheetEntry) -> str:
    rows = "".join(
        f'<tr><td>{_e(a.about)}</td><td class="answer">{_e(a.answer)}</td>'
        f"<td>{_e(', '.join(a.also)) if a.also else '–'}</td><td>{_e(a.reason) or '–'}</td></tr>"
        for a in entry.answers
    )
    table = (
        '<table><thead><tr><th scope="col">About</th><th scope="col">Answer</th>'
        '<th scope="col">Also accepted</th><th scope="col">The key\'s reason</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    notes = "<ul>" + "".join(f"<li>{_e(note)}</li>" for note in entry.notes) + "</ul>" if entry.notes else ""
    passage = f"<blockquote>{_e(entry.passage)}</blockquote>" if entry.kind != "label-sentences" else ""
    return (
        f'<section class="quiz" id="{_e(entry.quiz_id)}"><h3>{n}. {_e(entry.question)}</h3>'
        f'<p class="meta">{_e(_KINDS.get(entry.kind, entry.kind))} · quiz <code>{_e(entry.quiz_id)}</code></p>'
        f"{passage}{table}{notes}"
        f'<p class="why"><strong>Why:</strong> {_e(entry.explanation)}</p></section>'
    )


def render_answer_sheet(entries: list[SheetEntry], today: date | None = None) -> str:
    """The whole answer sheet as one self-contained HTML page (no scripts, no external files), escaped."""
    lessons = list(dict.fromkeys(e.lesson for e in entries))
    stamp = (today or date.today()).isoformat()
    parts = [
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>medialit answer sheet</title><style>{_CSS}</style></head><body>",
        "<header><h1>medialit answer sheet</h1>"
        f'<p class="meta">{len(entries)} quizzes in {len(lessons)} lessons, from the answer key '
        f"(datasets/annotations) on {stamp}. For teachers: keep it away from students until they have answered."
        "</p></header>",
        "<nav><ol>"
        + "".join(f'<li><a href="#lesson-{_e(lesson)}">{_e(lesson)}</a></li>' for lesson in lessons)
        + "</ol></nav>",
    ]
    for i, lesson in enumerate(lessons):
        first = ' class="first"' if i == 0 else ""
        parts.append(f'<h2 id="lesson-{_e(lesson)}"{first}>{_e(lesson)}</h2>')
        for n, entry in enumerate((e for e in entries if e.lesson == lesson), start=1):
            parts.append(_entry_html(n, entry))
    parts.append("</body></html>\n")
    return "".join(parts)


def write_answer_sheet(out: str | Path) -> Path:
    """Write the answer sheet for every quiz to ``out`` (atomically) and return its path."""
    path = Path(out)
    write_text_atomically(path, render_answer_sheet(sheet_entries()))
    return path


def run(out: str | Path) -> int:
    """The ``answer-sheet`` command: write the file and say where it is."""
    path = write_answer_sheet(out)
    print(f"Wrote the answer sheet for {len(load_quizzes())} quizzes to {path}")
    return 0
