"""The teacher's gradebook: students' exported results in, bad files skipped with a reason, a CSV and chart out."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .atomic import replace_atomically
from .datafiles import schema_errors
from .errors import MedialitError
from .prepost import PrePost, pre_post, tasks_in, write_pre_post_csv
from .progress import LearnerNameError, handin_folder, validate_learner_name

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = [
    "COLUMNS",
    "FORMATS",
    "MAX_BYTES",
    "MAX_CHART_QUIZZES",
    "Export",
    "ExportFileError",
    "Gradebook",
    "Skipped",
    "build",
    "chart_scores",
    "check_export",
    "collect",
    "consistency_errors",
    "drop_duplicates",
    "hardest",
    "learner_files",
    "make_rows",
    "parse_export",
    "parse_time",
    "per_quiz_scores",
    "question_label",
    "read_export",
    "run",
    "summary",
    "transfer_paths",
    "unknown_quizzes",
    "write_chart",
    "write_csv",
    "write_pre_post_chart",
    "wrong_lesson_warnings",
]

#: Larger export files are refused: a real one is a few kilobytes.
MAX_BYTES = 1_000_000
SCHEMA = "export.schema.json"
#: The export formats this gradebook reads, each with its definition in ``datasets/schema/export.schema.json``.
FORMATS = {"medialit-results/1": "format1", "medialit-results/2": "format2"}
#: The chart shows at most this many quizzes (the hardest), so its size is bounded whatever the input.
MAX_CHART_QUIZZES = 40
#: The variable naming the hand-in folder (read by medialit.progress.handin_folder) used when no folder is named.
HANDIN_VARIABLE = "MEDIALIT_HANDIN"
#: The CSV's columns: one row per learner and quiz (``kind`` "quiz"), and one per free-text response
#: (``kind`` "response": the response id in ``quiz``, its text in ``response``, its time in ``last_at``).
#: ``question`` is the quiz's question as the kit words it (blank for responses and unknown quizzes).
COLUMNS = (
    "learner",
    "lesson",
    "kind",
    "quiz",
    "question",
    "score",
    "best_score",
    "correct",
    "attempts",
    "revealed",
    "first_at",
    "last_at",
    "response",
    "source_file",
)
#: Text cells starting with these are prefixed with ' so a spreadsheet shows them instead of running them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


class ExportFileError(MedialitError, ValueError):
    """An export file the gradebook cannot use; the message is the reason shown to the teacher."""


@dataclass(frozen=True)
class Export:
    """One export file that was read, matches the schema and is consistent."""

    path: Path
    data: dict[str, Any]
    learner: str
    lesson: str | None
    exported_at: datetime


@dataclass(frozen=True)
class Skipped:
    """A file left out of the gradebook, and why."""

    path: Path
    reason: str


@dataclass
class Gradebook:
    """Everything one run found: the rows, the exports they came from, and what was left out."""

    files_read: int = 0
    exports: list[Export] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    ignored: list[Skipped] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    #: Quiz ids the kit does not have, each with how many files hold it; kept in the CSV, never charted.
    unknown: dict[str, int] = field(default_factory=dict)
    #: The kit's quiz ids (to lessons), or None when they could not be loaded.
    known: dict[str, str] | None = None
    #: One line per learner found in more than one valid file, saying which file counts.
    same_learner: list[str] = field(default_factory=list)
    #: The kit's quiz questions by quiz id (its ``prompt``), used in the CSV and to label the chart.
    questions: dict[str, str] = field(default_factory=dict)


# Finding and reading files ---------------------------------------------------------------------------------


def _outside_link(child: Path, folder: Path) -> str | None:
    """Why a link in ``folder`` is not followed (it leads outside, or nowhere); None for anything else."""
    if not child.is_symlink():
        return None
    try:
        target = child.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link, or a loop of links
        return "skipped: a link that leads nowhere (its target is missing)"
    if not target.is_relative_to(folder.resolve()):
        return (
            f"skipped: a link that leads outside the folder (to {target}); only files in the folder are read"
        )
    return None


def collect(paths: Iterable[Path]) -> tuple[list[Path], list[Skipped]]:
    """The ``.json`` files named, or found at the top level of the folders named (sub-folders are not searched).

    Returns the files to read, in order and without repeats, and the other entries seen (files that do not
    end in ``.json``, hidden files, sub-folders, and links that lead outside their folder or nowhere), each
    with the reason it was left alone. A file named directly is read even if it is a link.
    """
    found: list[Path] = []
    ignored: list[Skipped] = []
    seen: set[Path] = set()

    def add(path: Path) -> None:
        key = path.resolve()
        if key in seen:
            return
        seen.add(key)
        if path.suffix.lower() == ".json":
            found.append(path)
        else:
            ignored.append(Skipped(path, "not a .json file"))

    for path in paths:
        if not path.is_dir():
            add(path)
            continue
        for child in sorted(path.iterdir()):
            link_problem = _outside_link(child, path)
            if child.name.startswith("."):
                ignored.append(Skipped(child, "hidden file"))
            elif link_problem is not None:
                ignored.append(Skipped(child, link_problem))
            elif child.is_dir():
                ignored.append(Skipped(child, "a folder inside a folder (only the top level is read)"))
            else:
                add(child)
    return found, ignored


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = Counter(key for key, _ in pairs)
    repeated = [key for key, n in keys.items() if n > 1]
    if repeated:
        raise ValueError(f"the key {repeated[0]!r} appears twice in one object")
    return dict(pairs)


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def parse_export(raw: bytes) -> Any:
    """Decode the bytes of an export as strict UTF-8 JSON, or raise :class:`ExportFileError` with the reason.

    Nothing is ever executed or unpickled: the bytes are only decoded and parsed as JSON. NaN and Infinity
    and repeated keys are refused.
    """
    if not raw.strip():
        raise ExportFileError("empty file")
    if b"\x00" in raw:
        raise ExportFileError("binary file (it contains NUL bytes), not a JSON export")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = raw[exc.start : exc.start + 1].hex()
        raise ExportFileError(f"not UTF-8 text: byte 0x{bad} at position {exc.start}") from None
    try:
        return json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constants)
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise ExportFileError(
                f"truncated: the JSON stops before it is complete (line {exc.lineno}, column {exc.colno})"
            ) from None
        raise ExportFileError(f"malformed JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    except RecursionError:
        raise ExportFileError("malformed JSON: nested too deeply") from None
    except ValueError as exc:
        raise ExportFileError(f"malformed JSON: {exc}") from None


def read_export(path: Path, max_bytes: int = MAX_BYTES) -> Any:
    """Read one file (at most ``max_bytes``) and parse it as JSON, or raise :class:`ExportFileError`."""
    try:
        if not path.is_file():
            raise ExportFileError("not a regular file" if path.exists() else "no such file")
        size = path.stat().st_size
        if size > max_bytes:
            raise ExportFileError(f"too large: {size:,} bytes; the limit is {max_bytes:,}")
        with path.open("rb") as handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:
        raise ExportFileError(f"cannot be read: {exc.strerror}") from None
    if len(raw) > max_bytes:
        raise ExportFileError(f"too large: over the limit of {max_bytes:,} bytes")
    return parse_export(raw)


# Checking one export ---------------------------------------------------------------------------------------


def parse_time(value: str) -> datetime:
    """An ISO 8601 time as an aware datetime (``Z`` accepted; a time without an offset is taken as UTC)."""
    text = value.strip()
    if text[-1:] in {"Z", "z"}:
        text = text[:-1] + "+00:00"
    stamp = datetime.fromisoformat(text)
    return stamp if stamp.tzinfo is not None else stamp.replace(tzinfo=timezone.utc)


def _time_or_problem(value: str, where: str, problems: list[str]) -> datetime | None:
    try:
        return parse_time(value)
    except ValueError:
        problems.append(f"{where} {value!r} is not a date and time")
        return None


def consistency_errors(data: dict[str, Any]) -> list[str]:
    """What does not add up in an export that already matches the schema; empty if nothing.

    Checks: a learner name the kit would accept, times that parse, ``first_at <= last_at``, ``correct`` only
    with a score of 1, ``best_score >= score``, every quiz and response in the file's lesson (when it names
    one), and each quiz and each response at most once. Format 2 also: every attempt's time parses, and the
    last attempt's score and correctness are the quiz's.
    """
    problems: list[str] = []
    try:
        validate_learner_name(data["learner"])
    except LearnerNameError:
        problems.append(
            f"learner name {data['learner']!r} is not one the kit saves "
            "(letters, numbers, spaces, hyphens, apostrophes and full stops)"
        )
    _time_or_problem(data["exported_at"], "exported_at", problems)
    for n, result in enumerate(data["results"]):
        where = f"results/{n} ({result['quiz']})"
        first = _time_or_problem(result["first_at"], f"{where}: first_at", problems)
        last = _time_or_problem(result["last_at"], f"{where}: last_at", problems)
        if first is not None and last is not None and first > last:
            problems.append(f"{where}: first_at {result['first_at']} is after last_at {result['last_at']}")
        if result["correct"] and result["score"] != 1:
            problems.append(f"{where}: marked correct but the score is {result['score']}, not 1")
        if result["best_score"] < result["score"]:
            problems.append(f"{where}: best_score {result['best_score']} is below score {result['score']}")
        if data["lesson"] is not None and result["lesson"] != data["lesson"]:
            problems.append(f"{where}: lesson {result['lesson']!r}, but the file is for {data['lesson']!r}")
        history = result.get("history") or []
        for k, attempt in enumerate(history):
            _time_or_problem(attempt["at"], f"{where}: history/{k}: at", problems)
        if history and (history[-1]["score"], history[-1]["correct"]) != (result["score"], result["correct"]):
            problems.append(f"{where}: the last attempt in history does not match the score")
    for n, response in enumerate(data.get("responses", [])):
        where = f"responses/{n} ({response['id']})"
        _time_or_problem(response["saved_at"], f"{where}: saved_at", problems)
        if data["lesson"] is not None and response["lesson"] != data["lesson"]:
            problems.append(f"{where}: lesson {response['lesson']!r}, but the file is for {data['lesson']!r}")
    counts = Counter(result["quiz"] for result in data["results"])
    problems.extend(f"quiz {quiz!r} appears {n} times" for quiz, n in sorted(counts.items()) if n > 1)
    counts = Counter(response["id"] for response in data.get("responses", []))
    problems.extend(f"response {rid!r} appears {n} times" for rid, n in sorted(counts.items()) if n > 1)
    return problems


def _first_few(problems: Sequence[str], shown: int = 3) -> str:
    more = f" (and {len(problems) - shown} more)" if len(problems) > shown else ""
    return "; ".join(problems[:shown]) + more


def check_export(data: Any, path: Path) -> Export:
    """The export, checked against its schema and for consistency, or :class:`ExportFileError` saying why not.

    Both :data:`FORMATS` are read; a later format gets a reason that says to update the kit.
    """
    kind = data.get("format") if isinstance(data, dict) else None
    if isinstance(kind, str) and kind.startswith("medialit-results/") and kind not in FORMATS:
        raise ExportFileError(
            f"format {kind!r} is newer than this kit reads ({' and '.join(FORMATS)}); update the kit"
        )
    # Checked against the format's own definition, so the reasons are specific ("'learner' is a required
    # property"), not "valid under none of the formats"; an unnamed format is checked as format 1.
    problems = schema_errors(
        data, SCHEMA, FORMATS.get(kind, "format1") if isinstance(kind, str) else "format1"
    )
    if problems:
        raise ExportFileError(f"wrong schema: {_first_few(problems)}")
    problems = consistency_errors(data)
    if problems:
        raise ExportFileError(f"inconsistent: {_first_few(problems)}")
    return Export(
        path=path,
        data=data,
        learner=validate_learner_name(data["learner"]),
        lesson=data["lesson"],
        exported_at=parse_time(data["exported_at"]),
    )


def unknown_quizzes(exports: Iterable[Export], known: dict[str, str]) -> dict[str, int]:
    """The quiz ids in ``exports`` that are not in ``known``, each with the number of files that hold it."""
    found: Counter[str] = Counter()
    for export in exports:
        found.update({result["quiz"] for result in export.data["results"]} - known.keys())
    return dict(sorted(found.items()))


def wrong_lesson_warnings(exports: Iterable[Export], known: dict[str, str]) -> list[str]:
    """Warnings (not rejections) for known quizzes filed under another lesson than the kit's."""
    warnings = []
    for export in exports:
        for result in export.data["results"]:
            quiz, lesson = result["quiz"], result["lesson"]
            if quiz in known and known[quiz] != lesson:
                warnings.append(f"{export.path}: quiz {quiz!r} belongs to {known[quiz]!r}, not {lesson!r}")
    return warnings


# Combining exports -----------------------------------------------------------------------------------------


def _identity(learner: str) -> str:
    return " ".join(learner.split()).casefold()


def drop_duplicates(exports: Iterable[Export]) -> tuple[list[Export], list[Skipped]]:
    """Keep one export per learner and lesson: the latest ``exported_at``; list the others as skipped.

    Learners are matched by name, ignoring case and spacing. Identical content is an "exact duplicate";
    between two exports made at the same time the file whose path sorts first is kept.
    """
    groups: dict[tuple[str, str | None], list[Export]] = {}
    for export in exports:
        groups.setdefault((_identity(export.learner), export.lesson), []).append(export)
    kept: list[Export] = []
    skipped: list[Skipped] = []
    for group in groups.values():
        group.sort(key=lambda e: (-e.exported_at.timestamp(), str(e.path)))
        newest, *others = group
        kept.append(newest)
        for other in others:
            if other.data == newest.data:
                reason = f"exact duplicate of {newest.path}"
            elif other.exported_at == newest.exported_at:
                reason = f"duplicate of {newest.path}, exported at the same time; that file (first by name) is used"
            else:
                reason = (
                    f"duplicate of {newest.path}, older export "
                    f"({other.data['exported_at']} before {newest.data['exported_at']})"
                )
            skipped.append(Skipped(other.path, reason))
    kept.sort(key=lambda e: str(e.path))
    return kept, skipped


def learner_files(valid: Iterable[Export], kept: Iterable[Export]) -> list[str]:
    """One line per learner with more than one valid file: which files count and which do not.

    ``valid`` is every export that passed its checks, ``kept`` those :func:`drop_duplicates` kept. Learners
    are matched by name, ignoring case and spacing.
    """
    counted = {export.path for export in kept}
    groups: dict[str, list[Export]] = {}
    for export in valid:
        groups.setdefault(_identity(export.learner), []).append(export)
    lines = []
    for group in sorted(groups.values(), key=lambda g: _identity(g[0].learner)):
        if len(group) < 2:
            continue
        group.sort(key=lambda e: str(e.path))

        def describe(export: Export) -> str:
            return f"{export.path.name} ({export.lesson or 'all lessons'}, exported {export.data['exported_at']})"

        used = [describe(e) for e in group if e.path in counted]
        unused = [describe(e) for e in group if e.path not in counted]
        line = f"{group[0].learner}: {len(group)} files. Counted: {', '.join(used)}"
        if unused:
            line += f". Not counted (an older export of the same lesson): {', '.join(unused)}"
        if len(used) > 1:
            line += ". Where counted files share a quiz, the newer file's answer is used"
        lines.append(line)
    return lines


def _quiz_row(export: Export, result: dict[str, Any]) -> dict[str, Any]:
    return {
        "learner": export.learner,
        "lesson": result["lesson"],
        "kind": "quiz",
        "quiz": result["quiz"],
        "question": "",
        "score": float(result["score"]),
        "best_score": float(result["best_score"]),
        "correct": bool(result["correct"]),
        "attempts": int(result["attempts"]),
        "revealed": bool(result["revealed"]) if "revealed" in result else "",
        "first_at": result["first_at"],
        "last_at": result["last_at"],
        "response": "",
        "source_file": str(export.path),
    }


def _response_row(export: Export, response: dict[str, Any]) -> dict[str, Any]:
    blank = dict.fromkeys(("score", "best_score", "correct", "attempts", "revealed", "first_at"), "")
    return {
        **blank,
        "learner": export.learner,
        "lesson": response["lesson"],
        "kind": "response",
        "quiz": response["id"],
        "question": "",
        "last_at": response["saved_at"],
        "response": response["text"],
        "source_file": str(export.path),
    }


def make_rows(exports: Iterable[Export]) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per learner and quiz, then per learner and response, sorted by learner, lesson and id; and
    warnings about overlaps.

    When two exports of one learner hold the same quiz or response (say an all-lessons export and a
    one-lesson export), the row comes from the newer export and a warning says so.
    """
    rows: list[dict[str, Any]] = []
    warnings: list[str] = []
    taken: dict[tuple[str, str, str], Export] = {}
    newest_first = sorted(exports, key=lambda e: (-e.exported_at.timestamp(), str(e.path)))
    for export in newest_first:
        items = [("quiz", r["quiz"], _quiz_row, r) for r in export.data["results"]]
        items += [("response", r["id"], _response_row, r) for r in export.data.get("responses", [])]
        for kind, item_id, make, item in items:
            key = (_identity(export.learner), kind, item_id)
            if key in taken:
                warnings.append(
                    f"{export.path}: {export.learner}'s {item_id} is also in the newer export "
                    f"{taken[key].path}, which is used"
                )
                continue
            taken[key] = export
            rows.append(make(export, item))
    rows.sort(key=lambda r: (_identity(r["learner"]), r["lesson"], r["kind"] != "quiz", r["quiz"]))
    return rows, warnings


def per_quiz_scores(
    rows: Iterable[dict[str, Any]], known: Iterable[str] | None = None
) -> dict[str, list[float]]:
    """Each quiz's latest scores, one per learner who answered it; only quizzes in ``known`` when given.

    Response rows are left out (they have no score).
    """
    allowed = None if known is None else set(known)
    scores: dict[str, list[float]] = {}
    for row in rows:
        if row.get("kind", "quiz") == "quiz" and (allowed is None or row["quiz"] in allowed):
            scores.setdefault(row["quiz"], []).append(row["score"])
    return scores


def hardest(per_quiz: dict[str, list[float]], n: int = 3) -> list[tuple[str, float, int]]:
    """The ``n`` quizzes with the lowest mean score: (quiz, mean, learners), hardest first; ties by id."""
    means = [(quiz, sum(scores) / len(scores), len(scores)) for quiz, scores in per_quiz.items() if scores]
    return sorted(means, key=lambda item: (item[1], item[0]))[:n]


def _known_quizzes() -> tuple[dict[str, str], list[str]]:
    from .quiz import load_quizzes

    try:
        return {quiz.id: quiz.lesson for quiz in load_quizzes()}, []
    except MedialitError as exc:
        return {}, [f"quiz ids were not checked: the kit's quizzes could not be loaded ({exc})"]


def _kit_questions() -> dict[str, str]:
    from .quiz import load_quizzes

    try:
        return {quiz.id: quiz.prompt for quiz in load_quizzes()}
    except MedialitError:
        return {}


def question_label(quiz_id: str, questions: dict[str, str], width: int = 60) -> str:
    """A chart label for a quiz: its question, cut to about ``width`` characters at a word, then its id.

    ``"Which label does the short line “Report Details” get? (l00-heading-label)"``; the id alone when the
    question is not known.
    """
    question = " ".join(questions.get(quiz_id, "").split())
    if not question:
        return quiz_id
    if len(question) > width:
        question = question[:width].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{question} ({quiz_id})"


def build(
    paths: Iterable[Path], known: dict[str, str] | None = None, questions: dict[str, str] | None = None
) -> Gradebook:
    """Read, check and combine the exports under ``paths``; never raises for a bad file, never writes.

    ``known`` maps quiz id to lesson; by default the kit's own quizzes. Quiz ids not in it are listed in
    :attr:`Gradebook.unknown` (kept in the rows, never charted). ``questions`` maps quiz id to its question
    (by default the kit's prompts); it fills the rows' ``question`` column.
    """
    files, ignored = collect(paths)
    book = Gradebook(files_read=len(files), ignored=ignored)
    valid: list[Export] = []
    for path in files:
        try:
            valid.append(check_export(read_export(path), path))
        except ExportFileError as exc:
            book.skipped.append(Skipped(path, str(exc)))
    book.exports, duplicates = drop_duplicates(valid)
    book.skipped.extend(duplicates)
    book.same_learner = learner_files(valid, book.exports)
    book.rows, book.warnings = make_rows(book.exports)
    book.questions = _kit_questions() if questions is None else dict(questions)
    for row in book.rows:
        if row["kind"] == "quiz":
            row["question"] = book.questions.get(row["quiz"], "")
    if known is None:
        known, problems = _known_quizzes()
        book.warnings.extend(problems)
    if known:
        book.known = known
        book.unknown = unknown_quizzes(book.exports, known)
        book.warnings.extend(wrong_lesson_warnings(book.exports, known))
    return book


def chart_scores(book: Gradebook) -> dict[str, list[float]]:
    """The scores the chart shows: the kit's own quizzes only (every quiz if the kit's could not be loaded)."""
    return per_quiz_scores(book.rows, None if book.known is None else book.known.keys())


# Writing ---------------------------------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def write_csv(rows: Iterable[dict[str, Any]], out: Path) -> None:
    """Write the rows as UTF-8 CSV with a header, atomically (temporary file, then rename).

    Text that a spreadsheet would take for a formula (starting with = + - @) is prefixed with '.
    """

    def write(handle: Any) -> None:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(row[column]) for column in COLUMNS])

    replace_atomically(out, write, binary=False)


def chart_figure(
    per_quiz: dict[str, list[float]],
    limit: int = MAX_CHART_QUIZZES,
    questions: dict[str, str] | None = None,
) -> Figure:
    """:func:`medialit.plots.class_scores` of the ``limit`` hardest quizzes on a new Figure (no pyplot state).

    With ``questions`` (quiz id to question), each bar is labelled by :func:`question_label`, and the figure
    is 11 inches wide rather than 8 to make room for them. Its height is 0.28 x bars + 1.8 inches (at least
    3.5), so at most 0.28 x ``limit`` + 1.8 whatever the input; a second title line says when quizzes were
    left out.
    """
    from matplotlib.figure import Figure

    from .plots import class_scores

    shown = {quiz: per_quiz[quiz] for quiz, _, _ in hardest(per_quiz, limit)}
    width = 8 if questions is None else 11
    figure = Figure(figsize=(width, max(3.5, 0.28 * len(shown) + 1.8)), layout="constrained")
    labels = (
        None if questions is None else {quiz: question_label(quiz, questions, width=45) for quiz in shown}
    )
    ax = class_scores(shown, ax=figure.subplots(), labels=labels)
    if len(shown) < len([scores for scores in per_quiz.values() if scores]):
        ax.set_title(f"{ax.get_title()}\n(the {len(shown)} hardest of {len(per_quiz)} quizzes)")
    return figure


def write_chart(
    per_quiz: dict[str, list[float]],
    out: Path,
    limit: int = MAX_CHART_QUIZZES,
    questions: dict[str, str] | None = None,
) -> None:
    """Draw :func:`chart_figure` to a PNG at 150 dpi, atomically.

    So the picture is at most 1650 x 1950 pixels (1200 wide without ``questions``) for the default 40 bars.
    """
    figure = chart_figure(per_quiz, limit, questions)
    replace_atomically(
        out,
        lambda handle: figure.savefig(handle, format="png", dpi=150, metadata={"Software": None}),
        binary=True,
    )


# The command -----------------------------------------------------------------------------------------------


def _listed(items: Sequence[str], shown: int = 10) -> str:
    more = f", ... (and {len(items) - shown} more)" if len(items) > shown else ""
    return ", ".join(items[:shown]) + more


def summary(book: Gradebook, out: Path | None = None, chart: Path | None = None) -> str:
    """A short text report: files, learners, quizzes, the three hardest quizzes, learners with more than one
    file, quiz ids the kit does not have, and every file left out."""
    per_quiz = chart_scores(book)
    learners = {_identity(e.learner) for e in book.exports}
    quizzes = {row["quiz"] for row in book.rows if row["kind"] == "quiz"}
    responses = sum(row["kind"] == "response" for row in book.rows)
    lines = [
        f"Files read: {book.files_read} .json file(s); {len(book.exports)} used, {len(book.skipped)} skipped.",
        f"Learners: {len(learners)}   Quizzes: {len(quizzes)}   Rows: {len(book.rows)}"
        + (f" ({responses} of them free-text responses)" if responses else ""),
    ]
    top = hardest(per_quiz)
    if top:
        lines.append("Hardest quizzes (class mean score, learners who answered):")
        lines.extend(
            f"  {quiz}: {mean:.2f} ({n})"
            + (
                f"  {question_label(quiz, book.questions).rsplit(' (', 1)[0]}"
                if quiz in book.questions
                else ""
            )
            for quiz, mean, n in top
        )
    transfer = pre_post(book.rows)
    both = [r for r in transfer if r.change is not None]
    if transfer:
        lines.append(
            f"Transfer task: {len(transfer)} learner(s) took part, {len(both)} took both tests"
            + (
                f"; class mean {sum(r.pre_total for r in both) / len(both):.2f} at the start, "
                f"{sum(r.post_total for r in both) / len(both):.2f} at the end."
                if both
                else "."
            )
        )
    if len(per_quiz) > MAX_CHART_QUIZZES and chart is not None:
        lines.append(f"The chart shows the {MAX_CHART_QUIZZES} hardest of {len(per_quiz)} quizzes.")
    if book.unknown:
        lines.append(
            f"Quiz ids this kit does not have ({len(book.unknown)}; kept in the CSV, left out of the chart "
            "and the hardest quizzes):"
        )
        lines.append(
            "  " + _listed([f"{quiz} ({n} file{'s' if n != 1 else ''})" for quiz, n in book.unknown.items()])
        )
    if book.same_learner:
        lines.append(f"Learners with more than one file ({len(book.same_learner)}):")
        lines.extend(f"  - {line}" for line in book.same_learner)
    if book.skipped:
        lines.append(f"Skipped files ({len(book.skipped)}):")
        lines.extend(f"  - {item.path}: {item.reason}" for item in book.skipped)
    if book.ignored:
        lines.append(f"Ignored ({len(book.ignored)}):")
        lines.extend(f"  - {item.path}: {item.reason}" for item in book.ignored)
    if book.warnings:
        lines.append(f"Warnings ({len(book.warnings)}):")
        lines.extend(f"  - {warning}" for warning in book.warnings[:10])
        if len(book.warnings) > 10:
            lines.append(f"  (and {len(book.warnings) - 10} more)")
    if out is not None:
        lines.append(f"Wrote {out}" + (f" and {chart}" if chart is not None else "") + ".")
        if transfer:
            extra = transfer_paths(out, chart)
            lines.append(
                "Wrote the transfer task's pre and post scores to " + " and ".join(map(str, extra)) + "."
            )
    return "\n".join(lines)


def transfer_paths(out: Path, chart: Path | None) -> list[Path]:
    """Where the transfer task's CSV (and chart) go: beside ``out`` and ``chart``, ending ``-transfer``."""
    paths = [out.with_name(f"{out.stem}-transfer.csv")]
    return paths + ([chart.with_name(f"{chart.stem}-transfer.png")] if chart is not None else [])


def write_pre_post_chart(results: list[PrePost], out: Path) -> None:
    """Draw :func:`medialit.plots.pre_post_scores` to a PNG (8 x 5 inches, 150 dpi), atomically."""
    from matplotlib.figure import Figure

    from .plots import pre_post_scores

    figure = Figure(figsize=(8, 5), layout="constrained")
    pre_post_scores(results, ax=figure.subplots())
    replace_atomically(
        out,
        lambda handle: figure.savefig(handle, format="png", dpi=150, metadata={"Software": None}),
        binary=True,
    )


def _argument_problems(paths: Sequence[Path], out: Path, chart: Path | None) -> list[str]:
    problems = (
        []
        if paths
        else [f"give at least one export file or folder (or set {HANDIN_VARIABLE} to the hand-in folder)"]
    )
    problems += [f"{path}: no such file or folder" for path in paths if not path.exists()]
    targets = {"--out": out} if chart is None else {"--out": out, "--chart": chart}
    for option, extra in zip(("--out", "--chart"), transfer_paths(out, chart), strict=False):
        targets[f"{option} (its -transfer file)"] = extra
    for option, target in targets.items():
        if target.is_dir():
            problems.append(f"{option} {target} is a folder; give a file name")
        elif not target.parent.is_dir():
            problems.append(f"{option} {target}: the folder {target.parent} does not exist")
    if chart is not None and chart.suffix.lower() != ".png":
        problems.append(f"--chart {chart} should end in .png")
    if chart is not None and chart.resolve() == out.resolve():
        problems.append("--out and --chart name the same file")
    if not problems:
        files, ignored = collect(paths)
        inputs = {p.resolve() for p in files} | {item.path.resolve() for item in ignored}
        problems += [
            f"{option} {target} is one of the input files; it would be overwritten"
            for option, target in targets.items()
            if target.resolve() in inputs
        ]
    return problems


def run(paths: Sequence[Path], out: Path, chart: Path | None = None) -> int:
    """The ``gradebook`` command: 0 when done (even with skipped files), 1 if no valid file, 2 on bad arguments.

    With no ``paths``, the folder in ``$MEDIALIT_HANDIN`` is read. Input files are only read, never
    changed; outputs are written only when at least one export is valid.
    """
    paths = [Path(p) for p in paths]
    if not paths and handin_folder() is not None:
        paths = [handin_folder()]
    out = Path(out)
    chart = Path(chart) if chart is not None else None
    problems = _argument_problems(paths, out, chart)
    if not problems and any(
        p.resolve() in {t.resolve() for t in transfer_paths(out, chart)} for p in (out, chart) if p
    ):
        problems.append("--out and --chart would share a -transfer file name")
    if problems:
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        return 2
    book = build(paths)
    if not book.exports:
        print(summary(book))
        print("error: no valid export file was found; nothing was written", file=sys.stderr)
        return 1
    try:
        write_csv(book.rows, out)
        if chart is not None:
            write_chart(chart_scores(book), chart, questions=book.questions)
        transfer = pre_post(book.rows)
        if transfer:
            tasks = tasks_in(row["quiz"] for row in book.rows if row["kind"] == "quiz")
            csv_path, *chart_path = transfer_paths(out, chart)
            write_pre_post_csv(transfer, tasks, csv_path)
            if chart_path:
                write_pre_post_chart(transfer, chart_path[0])
    except OSError as exc:
        print(f"error: could not write {exc.filename or out}: {exc.strerror}", file=sys.stderr)
        return 2
    print(summary(book, out, chart))
    return 0
