"""Tests for medialit.gradebook: a class folder of 30 good exports and broken ones, the CSV, chart and summary."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from medialit import __version__, gradebook, plots
from medialit.datafiles import schema_errors
from medialit.progress import ProgressStore, write_export
from medialit.quiz import load_quizzes

from .conftest import ROOT

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
COMMAND = [sys.executable, "-m", "medialit", "gradebook"]
QUIZZES = load_quizzes()
LESSONS = sorted({quiz.lesson for quiz in QUIZZES})
#: Everyone does badly on this one, so it is the hardest quiz.
HARD = QUIZZES[0]

#: Each broken file in the class folder, and what its reason must say.
BROKEN = {
    "malformed.json": ["malformed JSON"],
    "truncated.json": ["truncated"],
    "wrong-schema.json": ["wrong schema", "'learner' is a required property"],
    "duplicate-older.json": ["duplicate of", "older export"],
    "inconsistent.json": ["inconsistent", "marked correct but the score is 0.5"],
    "binary.json": ["binary file"],
    "latin1.json": ["not UTF-8", "0xe9"],
}


def _result(quiz: Any, score: float, *, day: int = 3, **changes: Any) -> dict[str, Any]:
    entry = {
        "quiz": quiz.id,
        "lesson": quiz.lesson,
        "score": score,
        "best_score": max(score, 0.5),
        "correct": score == 1.0,
        "attempts": 2,
        "first_at": f"2025-03-0{day}T09:10:00+00:00",
        "last_at": f"2025-03-0{day}T09:14:30+00:00",
    }
    return {**entry, **changes}


def _export(learner: str, lesson: str | None, results: list[dict], exported_at: str) -> dict[str, Any]:
    export = {
        "format": "medialit-results/1",
        "kit_version": __version__,
        "learner": learner,
        "lesson": lesson,
        "exported_at": exported_at,
        "results": results,
    }
    assert schema_errors(export, "export.schema.json") == []
    return export


def _write(path: Path, export: dict[str, Any]) -> Path:
    path.write_text(json.dumps(export, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


def _constructed(n: int) -> tuple[str, dict[str, Any]]:
    """Learner n's export: all lessons, or one lesson; varied scores; low on HARD."""
    learner = f"Learner {n:02d}"
    lesson = None if n % 3 == 0 else LESSONS[n % len(LESSONS)]
    quizzes = [q for q in QUIZZES if lesson is None or q.lesson == lesson]
    results = [
        _result(q, 0.0 if q is HARD and n % 2 else 0.25 if q is HARD else [0.5, 0.75, 1.0][(n + i) % 3])
        for i, q in enumerate(quizzes)
        if q is HARD or (n + i) % 5  # each learner skips a few quizzes
    ]
    if not any(r["quiz"] == HARD.id for r in results):
        results.append(_result(HARD, 0.25))
        lesson = None
    exported = f"2025-03-07T11:{n:02d}:00+00:00"
    return f"medialit-results-Learner-{n:02d}-{lesson or 'all'}.json", _export(
        learner, lesson, results, exported
    )


@dataclass
class Classroom:
    folder: Path
    valid: dict[str, dict[str, Any]]  # file name -> export
    before: dict[str, bytes]


@dataclass
class Ran:
    code: int
    stdout: str
    rows: list[dict[str, str]]
    out: Path
    chart: Path


@pytest.fixture(scope="module")
def classroom(tmp_path_factory) -> Classroom:
    """30 valid exports (27 built as dicts, 3 through ProgressStore and write_export) and the broken files."""
    folder = tmp_path_factory.mktemp("exports")
    valid: dict[str, dict[str, Any]] = {}
    for n in range(27):
        name, export = _constructed(n)
        valid[name] = export
        _write(folder / name, export)
    for learner in ["Zoë Álvarez", "Kofi Mensah", "Ines O'Neill"]:
        store = ProgressStore(tmp_path_factory.mktemp("progress") / "progress.json")
        store.set_learner(learner)
        for i, quiz in enumerate(QUIZZES[:6]):
            store.record(quiz.id, quiz.lesson, "an answer", 0.5 if i % 2 else 1.0, i % 2 == 0)
            if i == 2:
                store.record(quiz.id, quiz.lesson, "again", 1.0, True)
        path = write_export(store, folder)
        valid[path.name] = json.loads(path.read_text(encoding="utf-8"))
    assert len(valid) == 30

    base = valid["medialit-results-Learner-01-" + (_constructed(1)[1]["lesson"] or "all") + ".json"]
    good_bytes = json.dumps(base, indent=1).encode()
    (folder / "malformed.json").write_text(
        '{"format": "medialit-results/1",, "learner": "Max"}', encoding="utf-8"
    )
    (folder / "truncated.json").write_bytes(good_bytes[: len(good_bytes) // 2])
    _write(folder / "wrong-schema.json", {k: v for k, v in _constructed(40)[1].items() if k != "learner"})
    older = {**base, "exported_at": "2025-03-06T15:00:00+00:00", "results": base["results"][:1]}
    _write(folder / "duplicate-older.json", older)
    name, inconsistent = _constructed(41)
    inconsistent["results"][0].update(score=0.5, correct=True)
    _write(folder / "inconsistent.json", inconsistent)
    (folder / "binary.json").write_bytes(PNG_MAGIC + bytes(range(256)))
    latin = _export("Chloé", None, [_result(HARD, 0.5)], "2025-03-07T12:00:00+00:00")
    (folder / "latin1.json").write_bytes(json.dumps(latin, ensure_ascii=False).encode("latin-1"))
    (folder / "notes.txt").write_text("Max was absent on Tuesday.\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    return Classroom(folder, valid, before)


def _run(paths: list[Path], out: Path, chart: Path | None = None) -> tuple[int, str]:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        code = gradebook.run(paths, out=out, chart=chart)
    return code, buffer.getvalue()


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def ran(classroom, tmp_path_factory) -> Ran:
    """The gradebook run once over the class folder, with a chart."""
    results = tmp_path_factory.mktemp("results")
    out, chart = results / "results.csv", results / "results.png"
    code, stdout = _run([classroom.folder], out, chart)
    return Ran(code, stdout, _read_csv(out), out, chart)


# The class folder -----------------------------------------------------------------------------------------


def test_run_completes_despite_broken_files(ran):
    """Does the run finish with exit code 0 when some files are broken?"""
    assert ran.code == 0, ran.stdout


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_broken_file_is_listed_with_its_reason_and_skipped(classroom, ran, name):
    """Is each kind of broken file listed in the summary with a clear reason, and kept out of the CSV?"""
    line = next((x for x in ran.stdout.splitlines() if f"{classroom.folder / name}:" in x), None)
    assert line is not None, ran.stdout
    for words in BROKEN[name]:
        assert words in line
    assert all(Path(row["source_file"]).name != name for row in ran.rows)


def test_skipped_files_are_exactly_the_broken_ones(classroom):
    """Does build() skip the seven broken files and no others, and leave notes.txt aside as not JSON?"""
    book = gradebook.build([classroom.folder])
    assert sorted(item.path.name for item in book.skipped) == sorted(BROKEN)
    assert [(item.path.name, item.reason) for item in book.ignored] == [("notes.txt", "not a .json file")]
    assert book.files_read == 37 and len(book.exports) == 30


def test_csv_has_exactly_the_rows_of_the_valid_files(classroom, ran):
    """Does the CSV hold one row per learner and quiz of the 30 valid files, and nothing else?"""
    expected = sorted(
        (export["learner"], result["quiz"], name)
        for name, export in classroom.valid.items()
        for result in export["results"]
    )
    got = sorted((row["learner"], row["quiz"], Path(row["source_file"]).name) for row in ran.rows)
    assert got == expected
    assert list(ran.rows[0]) == list(gradebook.COLUMNS)


def test_csv_values_match_the_export(classroom, ran):
    """Are the score, attempts, correct flag and times copied faithfully for a learner saved by ProgressStore?"""
    export = next(e for e in classroom.valid.values() if e["learner"] == "Zoë Álvarez")
    rows = {row["quiz"]: row for row in ran.rows if row["learner"] == "Zoë Álvarez"}
    for result in export["results"]:
        row = rows[result["quiz"]]
        assert float(row["score"]) == result["score"] and float(row["best_score"]) == result["best_score"]
        assert row["correct"] == ("true" if result["correct"] else "false")
        assert int(row["attempts"]) == result["attempts"]
        assert (row["first_at"], row["last_at"]) == (result["first_at"], result["last_at"])


def test_chart_is_a_png(ran):
    """Is the chart written, and is it a PNG?"""
    assert ran.chart.read_bytes()[:8] == PNG_MAGIC


def test_summary_counts_and_names_the_hardest_quiz(ran):
    """Does the summary give files, learners and quizzes, and name the hardest quiz first?"""
    assert "Files read: 37 .json file(s); 30 used, 7 skipped." in ran.stdout
    assert "Learners: 30" in ran.stdout
    hardest = ran.stdout.split("Hardest quizzes", 1)[1].splitlines()[1]
    assert hardest.strip().startswith(f"{HARD.id}:")


def test_input_files_are_unchanged(classroom, ran):
    """After the run, is every input file byte for byte as before, with nothing added to the folder?"""
    assert ran.code == 0
    assert {p.name: p.read_bytes() for p in classroom.folder.iterdir()} == classroom.before


def test_csv_names_each_quiz_by_its_question(ran):
    """Does each quiz row carry the quiz's question as the kit words it, and the chart label start with it?"""
    prompts = {q.id: q.prompt for q in QUIZZES}
    quiz_rows = [row for row in ran.rows if row["kind"] == "quiz"]
    assert quiz_rows and all(row["question"] == prompts.get(row["quiz"], "") for row in quiz_rows)
    label = gradebook.question_label(HARD.id, prompts, width=45)
    assert (
        label.endswith(f"({HARD.id})")
        and label.startswith(HARD.prompt[:20])
        and len(label) < 45 + len(HARD.id) + 5
    )
    assert gradebook.question_label("not-a-quiz", prompts) == "not-a-quiz"


def test_transfer_csv_gives_pre_and_post_per_learner_and_for_the_class(ran):
    """Does results-transfer.csv give each learner's pre and post score per task, totals, and a class row?"""
    table = _read_csv(ran.out.with_name("results-transfer.csv"))
    tasks = sorted(q.id.removeprefix("t-pre-") for q in QUIZZES if q.id.startswith("t-pre-"))
    assert list(table[0]) == [
        "learner",
        *[f"{side}_{task}" for task in tasks for side in ("pre", "post")],
        "pre_total",
        "post_total",
        "change",
    ]
    assert table[-1]["learner"] == "class mean"
    scores = {(r["learner"], r["quiz"]): float(r["score"]) for r in ran.rows if r["kind"] == "quiz"}
    for line in table[:-1]:
        for task in tasks:
            for side in ("pre", "post"):
                key = (line["learner"], f"t-{side}-{task}")
                assert line[f"{side}_{task}"] == (f"{scores[key]:.2f}" if key in scores else "")
    complete = [line for line in table[:-1] if line["change"]]
    assert (
        f"Transfer task: {len(table) - 1} learner(s) took part, {len(complete)} took both tests" in ran.stdout
    )
    if (
        complete
    ):  # the synthetic class skips quizzes by position, so whether anyone took all six depends on it
        mean = sum(float(line["pre_total"]) for line in complete) / len(complete)
        assert f"class mean {mean:.2f} at the start" in ran.stdout


def test_outputs_leave_no_temporary_files(ran):
    """Are the CSVs and charts (the class's, and the transfer task's) the only files in the output folder?"""
    names = ["results-transfer.csv", "results-transfer.png", "results.csv", "results.png"]
    assert sorted(p.name for p in ran.out.parent.iterdir()) == names


def test_real_command_line(classroom, tmp_path):
    """Does `python -m medialit gradebook DIR --out ... --chart ...` work end to end?"""
    out, chart = tmp_path / "class.csv", tmp_path / "class.png"
    done = subprocess.run(
        [*COMMAND, str(classroom.folder), "--out", str(out), "--chart", str(chart)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert HARD.id in done.stdout and "Skipped files (7)" in done.stdout
    assert len(_read_csv(out)) == sum(len(e["results"]) for e in classroom.valid.values())
    assert chart.read_bytes()[:8] == PNG_MAGIC


def test_command_line_refuses_a_missing_path(tmp_path):
    """Does the command exit 2, naming the path, when an input does not exist?"""
    done = subprocess.run(
        [*COMMAND, str(tmp_path / "nope"), "--out", str(tmp_path / "x.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert done.returncode == 2 and "nope" in done.stderr
    assert not (tmp_path / "x.csv").exists()


# Exit codes and arguments --------------------------------------------------------------------------------


def test_no_valid_file_exits_1_and_writes_nothing(tmp_path):
    """With only broken files, is the exit code 1, the reasons listed, and no CSV written?"""
    (tmp_path / "bad.json").write_text("{", encoding="utf-8")
    code, stdout = _run([tmp_path], tmp_path / "out.csv")
    assert code == 1 and "bad.json: truncated" in stdout
    assert not (tmp_path / "out.csv").exists()


@pytest.mark.parametrize("problem", ["missing-input", "out-is-folder", "out-folder-missing", "chart-not-png"])
def test_unusable_arguments_exit_2(tmp_path, problem, capsys):
    """Are a missing input, a folder or missing folder as --out, and a non-PNG chart refused with 2?"""
    _, export = _constructed(0)
    good = _write(tmp_path / "good.json", export)
    paths, out, chart = [good], tmp_path / "out.csv", None
    if problem == "missing-input":
        paths = [good, tmp_path / "missing.json"]
    elif problem == "out-is-folder":
        out = tmp_path
    elif problem == "out-folder-missing":
        out = tmp_path / "no" / "out.csv"
    else:
        chart = tmp_path / "chart.jpg"
    assert gradebook.run(paths, out=out, chart=chart) == 2
    assert "error:" in capsys.readouterr().err


def test_output_over_an_input_is_refused(tmp_path):
    """Is --out naming one of the input files refused, so no input is ever overwritten?"""
    _, export = _constructed(0)
    good = _write(tmp_path / "good.json", export)
    before = good.read_bytes()
    assert gradebook.run([tmp_path], out=good, chart=None) == 2
    assert good.read_bytes() == before


# Reading and checking one file ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty file"),
        (b'{"a": NaN}', "NaN is not a number JSON allows"),
        (b'{"a": 1, "a": 2}', "the key 'a' appears twice"),
        (b'{"a": "unfinished', "truncated"),
        (b'{"a": 1} {"b": 2}', "malformed JSON: Extra data"),
        (b"[" * 100_000, "malformed JSON"),
    ],
)
def test_parse_export_refuses_with_a_reason(raw, reason):
    """Are empty files, NaN, repeated keys, truncation, trailing data and deep nesting refused clearly?"""
    with pytest.raises(gradebook.ExportFileError, match=reason):
        gradebook.parse_export(raw)


def test_parse_export_accepts_a_byte_order_mark():
    """Is a UTF-8 file with a byte-order mark (as Notepad saves) read normally?"""
    assert gradebook.parse_export(b'\xef\xbb\xbf{"a": 1}') == {"a": 1}


def test_size_cap(tmp_path):
    """Is a file over the size limit refused without being parsed?"""
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"pad": "x" * 500}), encoding="utf-8")
    with pytest.raises(gradebook.ExportFileError, match="too large"):
        gradebook.read_export(path, max_bytes=100)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (
            {"first_at": "2025-03-03T10:00:00+00:00", "last_at": "2025-03-03T09:00:00+00:00"},
            "is after last_at",
        ),
        ({"score": 0.75, "best_score": 0.5}, "best_score 0.5 is below score 0.75"),
        ({"lesson": "99-Elsewhere"}, "but the file is for"),
        ({"first_at": "yesterday"}, "is not a date and time"),
    ],
)
def test_inconsistencies_are_found(change, reason):
    """Are time order, best score, lesson mismatch and unreadable times each reported?"""
    change = dict(change)
    result = _result(HARD, change.pop("score", 0.5), **change)
    export = _export("Sam", HARD.lesson, [result], "2025-03-07T11:00:00Z")
    assert any(reason in problem for problem in gradebook.consistency_errors(export))


def test_repeated_quiz_is_inconsistent():
    """Is a quiz listed twice in one file reported?"""
    export = _export("Sam", None, [_result(HARD, 0.5), _result(HARD, 1.0)], "2025-03-07T11:00:00Z")
    assert gradebook.consistency_errors(export) == [f"quiz {HARD.id!r} appears 2 times"]


def test_unknown_quiz_is_listed_kept_in_the_csv_and_never_charted(tmp_path):
    """Is a quiz id the kit does not know kept in the CSV, listed in the summary, and left out of the chart?"""
    stranger = type(HARD)(**{**HARD.__dict__, "id": "l09-made-up"})
    results = [_result(stranger, 0.0), _result(HARD, 1.0)]
    _write(tmp_path / "a.json", _export("Sam", None, results, "2025-03-07T11:00:00Z"))
    book = gradebook.build([tmp_path])
    assert len(book.rows) == 2 and not book.skipped
    assert book.unknown == {"l09-made-up": 1}
    assert gradebook.chart_scores(book) == {HARD.id: [1.0]}
    text = gradebook.summary(book)
    assert "Quiz ids this kit does not have (1;" in text and "l09-made-up (1 file)" in text
    assert (
        "Hardest quizzes" in text
        and "l09-made-up:" not in text.split("Hardest quizzes", 1)[1].split("Quiz ids")[0]
    )


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height in pixels, from the PNG's IHDR chunk."""
    head = path.read_bytes()[:24]
    assert head[:8] == PNG_MAGIC and head[12:16] == b"IHDR"
    return int.from_bytes(head[16:20], "big"), int.from_bytes(head[20:24], "big")


def test_three_exports_of_4000_unknown_ids_give_a_bounded_chart(tmp_path):
    """With 3 exports x 4,000 made-up quiz ids, does the run finish with a chart of bounded size?"""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        made_up = [
            {**_result(HARD, 0.5), "quiz": f"x{n}-fake-{i:04d}", "lesson": HARD.lesson} for i in range(4000)
        ]
        export = _export(f"Learner {n}", None, [_result(HARD, 0.5), *made_up], f"2025-03-07T11:0{n}:00Z")
        (inbox / f"e{n}.json").write_text(json.dumps(export), encoding="utf-8")
    out, chart = tmp_path / "class.csv", tmp_path / "class.png"
    code, stdout = _run([inbox], out, chart)
    assert code == 0, stdout
    assert len(_read_csv(out)) == 3 * 4001
    assert "Quiz ids this kit does not have (12000;" in stdout and "(and 11990 more)" in stdout
    width, height = _png_size(chart)
    assert (width, height) == (1650, 525), (
        "one known quiz, labelled by its question: the chart's smallest size"
    )
    assert chart.stat().st_size < 200_000


def test_chart_of_4000_quizzes_is_capped(tmp_path):
    """Does write_chart draw at most MAX_CHART_QUIZZES bars, so the PNG stays at most 1200 x 1950 pixels?"""
    per_quiz = {f"q-{i:04d}": [(i % 100) / 100] for i in range(4000)}
    gradebook.write_chart(per_quiz, tmp_path / "big.png")
    width, height = _png_size(tmp_path / "big.png")
    assert width == 1200 and height <= 150 * (0.28 * gradebook.MAX_CHART_QUIZZES + 1.8) + 1
    assert (tmp_path / "big.png").stat().st_size < 500_000


def test_chart_text_stays_inside_the_picture():
    """With 40 quizzes labelled by long questions, do the title, axis label and every bar's label lie inside
    the picture (none cut off at an edge)?"""
    questions = {
        f"q-{i:02d}": f"Question {i}: " + "a long question about who says so " * 3 for i in range(40)
    }
    per_quiz = {quiz: [(i % 10) / 10] for i, quiz in enumerate(questions)}
    figure = gradebook.chart_figure({**per_quiz, "extra": [1.0]}, questions=questions)
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(figure).get_renderer()
    figure.draw(renderer)
    page = figure.bbox
    ax = figure.axes[0]
    texts = [ax.title, ax.xaxis.label, *ax.get_yticklabels(), *ax.texts]
    assert "hardest of 41" in ax.get_title()
    for text in texts:
        box = text.get_window_extent(renderer)
        assert page.x0 - 1 <= box.x0 and box.x1 <= page.x1 + 1, (text.get_text(), box, page)


# Duplicates and overlaps ---------------------------------------------------------------------------------


def test_exact_duplicate(tmp_path):
    """Is a byte-for-byte copy listed as an exact duplicate, and its rows counted once?"""
    _, export = _constructed(0)
    _write(tmp_path / "a.json", export)
    _write(tmp_path / "b.json", export)
    book = gradebook.build([tmp_path])
    assert [(s.path.name, s.reason) for s in book.skipped] == [
        ("b.json", f"exact duplicate of {tmp_path / 'a.json'}")
    ]
    assert len(book.rows) == len(export["results"])


def test_duplicates_match_names_ignoring_case_and_spacing(tmp_path):
    """Are 'Sam  Lee' and 'sam lee' the same learner, with the later export kept?"""
    _write(tmp_path / "a.json", _export("Sam  Lee", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    _write(tmp_path / "b.json", _export("sam lee", None, [_result(HARD, 1.0)], "2025-03-07T12:00:00Z"))
    book = gradebook.build([tmp_path])
    assert [s.path.name for s in book.skipped] == ["a.json"] and "older export" in book.skipped[0].reason
    assert [row["score"] for row in book.rows] == [1.0]


def test_overlapping_exports_use_the_newer_row(tmp_path):
    """When an all-lessons export and a newer one-lesson export share a quiz, is the newer row used and noted?"""
    _write(tmp_path / "all.json", _export("Sam", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    _write(tmp_path / "one.json", _export("Sam", HARD.lesson, [_result(HARD, 1.0)], "2025-03-07T12:00:00Z"))
    book = gradebook.build([tmp_path])
    assert [(row["score"], Path(row["source_file"]).name) for row in book.rows] == [(1.0, "one.json")]
    assert any("also in the newer export" in w for w in book.warnings)


# Writing -------------------------------------------------------------------------------------------------


def test_csv_neutralises_spreadsheet_formulas(tmp_path):
    """Is text that a spreadsheet would run as a formula written with a leading apostrophe?"""
    row = {column: "x" for column in gradebook.COLUMNS} | {"lesson": "=HYPERLINK(1)", "correct": True}
    gradebook.write_csv([row], tmp_path / "out.csv")
    (written,) = _read_csv(tmp_path / "out.csv")
    assert written["lesson"] == "'=HYPERLINK(1)" and written["correct"] == "true"


def test_write_csv_replaces_an_old_file(tmp_path):
    """Does writing over an old CSV replace it whole and leave no temporary file?"""
    out = tmp_path / "out.csv"
    out.write_text("old\n", encoding="utf-8")
    gradebook.write_csv([], out)
    assert out.read_text(encoding="utf-8").strip() == ",".join(gradebook.COLUMNS)
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_class_scores_chart_is_sorted_titled_and_labelled():
    """Does class_scores draw on the given Axes, hardest quiz at the top, titled, labelled, with learner counts?"""
    fig, ax = plt.subplots()
    per_quiz = {"easy": [1.0, 0.75], "hard": [0.0, 0.25, 0.5], "middle": [0.5]}
    assert plots.class_scores(per_quiz, ax=ax) is ax
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert [t.get_text() for t in ax.get_yticklabels()] == ["hard", "middle", "easy"]
    assert ax.get_ylim()[0] > ax.get_ylim()[1], "the first (hardest) quiz is at the top"
    texts = [t.get_text() for t in ax.texts]
    assert "0.25  (3 learners)" in texts and "0.50  (1 learner)" in texts
    assert {bar.get_facecolor()[:3] for bar in ax.patches} <= {
        matplotlib.colors.to_rgb(c) for c in plots.OKABE_ITO
    }
    plt.close(fig)


def test_class_scores_with_no_results():
    """Does an empty class still give a titled chart that says there are no results?"""
    ax = plots.class_scores({})
    assert ax.get_title() and any("no results" in t.get_text() for t in ax.texts)
    plt.close(ax.figure)


# Format 2: attempt history, "Show answer", free-text responses ---------------------------------------------


def _export_2(learner: str, results: list[dict], responses: list[dict], exported_at: str) -> dict[str, Any]:
    """A format-2 export (medialit-results/2): each result gains revealed and history; responses are added."""
    export = {
        **_export(learner, None, [], exported_at),
        "format": "medialit-results/2",
        "results": [
            {
                **r,
                "revealed": False,
                "history": [{"at": r["last_at"], "score": r["score"], "correct": r["correct"]}],
            }
            for r in results
        ],
        "responses": responses,
    }
    assert schema_errors(export, "export.schema.json") == []
    return export


def _response(rid: str, text: str, lesson: str = "08-Your-Own-Article") -> dict[str, Any]:
    return {
        "id": rid,
        "lesson": lesson,
        "prompt": "What surprised you?",
        "text": text,
        "saved_at": "2025-03-07T10:00:00Z",
    }


def test_format_1_and_format_2_are_read_together(tmp_path):
    """Are a format-1 and a format-2 export both used, responses becoming rows of kind "response"?"""
    _write(tmp_path / "one.json", _export("Ana", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    text = '=SUM(A1)\nand a second line, with "quotes"'
    v2 = _export_2("Ben", [_result(HARD, 1.0)], [_response("l05-reflection", text)], "2025-03-07T11:00:00Z")
    v2["results"][0]["revealed"] = True
    _write(tmp_path / "two.json", v2)
    out = tmp_path / "out.csv"
    code, stdout = _run([tmp_path / "one.json", tmp_path / "two.json"], out)
    assert code == 0, stdout
    rows = _read_csv(out)
    assert [(r["learner"], r["kind"], r["quiz"]) for r in rows] == [
        ("Ana", "quiz", HARD.id),
        ("Ben", "quiz", HARD.id),
        ("Ben", "response", "l05-reflection"),
    ]
    ana, ben, reflection = rows
    assert ana["revealed"] == "" and ben["revealed"] == "true", "format 1 does not say; format 2 does"
    assert ana["response"] == ben["response"] == ""
    assert reflection["response"] == "'" + text, "the text whole, newline included, formula neutralised"
    assert reflection["score"] == "" and reflection["lesson"] == "08-Your-Own-Article"
    assert "(1 of them free-text responses)" in stdout


def test_format_2_schema_problems_are_reasons(tmp_path):
    """Is a format-2 export without its responses, or with a result lacking history, skipped with the reason?"""
    v2 = _export_2("Ben", [_result(HARD, 1.0)], [], "2025-03-07T11:00:00Z")
    _write(tmp_path / "a.json", {k: v for k, v in v2.items() if k != "responses"})
    del v2["results"][0]["history"]
    _write(tmp_path / "b.json", v2)
    book = gradebook.build([tmp_path])
    reasons = {item.path.name: item.reason for item in book.skipped}
    assert "'responses' is a required property" in reasons["a.json"]
    assert "'history' is a required property" in reasons["b.json"]


def test_format_2_inconsistencies_are_found():
    """Are a repeated response id, a last attempt that disagrees with the score, and a bad time reported?"""
    v2 = _export_2(
        "Ben",
        [_result(HARD, 1.0)],
        [_response("l05-a", "x"), _response("l05-a", "y")],
        "2025-03-07T11:00:00Z",
    )
    v2["results"][0]["history"][-1].update(score=0.0, correct=False)
    v2["responses"][1]["saved_at"] = "tuesday"
    problems = gradebook.consistency_errors(v2)
    assert "response 'l05-a' appears 2 times" in problems
    assert any("last attempt in history does not match" in p for p in problems)
    assert any("saved_at 'tuesday' is not a date and time" in p for p in problems)


def test_a_newer_format_says_to_update_the_kit(tmp_path):
    """Is an export in a format this kit does not know yet skipped with a reason that says to update?"""
    future = {**_export("Ana", None, [], "2025-03-07T11:00:00Z"), "format": "medialit-results/3"}
    _write(tmp_path / "a.json", future)
    (skipped,) = gradebook.build([tmp_path]).skipped
    assert "newer than this kit reads" in skipped.reason and "update the kit" in skipped.reason


def test_a_response_in_two_exports_comes_from_the_newer(tmp_path):
    """When two exports of one learner hold the same response, is the newer text used and the overlap noted?"""
    old = _export_2("Ben", [], [_response("l05-r", "first draft")], "2025-03-07T11:00:00Z")
    new = {
        **_export_2("Ben", [], [_response("l05-r", "final")], "2025-03-07T12:00:00Z"),
        "lesson": "08-Your-Own-Article",
    }
    _write(tmp_path / "old.json", old)
    _write(tmp_path / "new.json", new)
    book = gradebook.build([tmp_path])
    assert [row["response"] for row in book.rows] == ["final"]
    assert any("l05-r is also in the newer export" in w for w in book.warnings)


# Links, duplicates, the hand-in folder ---------------------------------------------------------------------


def test_links_leading_outside_the_folder_are_skipped_with_a_reason(tmp_path):
    """Is a link to a file outside the folder (or to nothing) skipped with a reason, and one inside followed?"""
    inbox, elsewhere = tmp_path / "inbox", tmp_path / "elsewhere"
    inbox.mkdir()
    elsewhere.mkdir()
    secret = _write(
        elsewhere / "secret.json", _export("Eve", None, [_result(HARD, 1.0)], "2025-03-07T11:00:00Z")
    )
    _write(inbox / "ana.json", _export("Ana", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    (inbox / "outside.json").symlink_to(secret)
    (inbox / "nowhere.json").symlink_to(tmp_path / "missing.json")
    (inbox / "inside.json").symlink_to(inbox / "ana.json")
    book = gradebook.build([inbox])
    reasons = {item.path.name: item.reason for item in book.ignored}
    assert "leads outside the folder" in reasons["outside.json"] and str(secret) in reasons["outside.json"]
    assert "leads nowhere" in reasons["nowhere.json"]
    assert [row["learner"] for row in book.rows] == ["Ana"], (
        "Eve's file is never read; the inside link is ana.json"
    )
    assert f"{inbox / 'outside.json'}: skipped: a link that leads outside" in gradebook.summary(book)


def test_two_exports_of_one_learner_are_reported_with_the_one_that_counts(tmp_path):
    """Are two files of the same learner listed in the summary, saying which one counts and why?"""
    _write(tmp_path / "a.json", _export("Sam Lee", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    _write(tmp_path / "b.json", _export("sam lee", None, [_result(HARD, 1.0)], "2025-03-07T12:00:00Z"))
    _write(tmp_path / "c.json", _export("Ana", None, [_result(HARD, 1.0)], "2025-03-07T12:00:00Z"))
    book = gradebook.build([tmp_path])
    (line,) = book.same_learner
    assert line.startswith("Sam Lee: 2 files. Counted: b.json (all lessons, exported 2025-03-07T12:00:00Z)")
    assert "Not counted (an older export of the same lesson): a.json" in line
    assert "Learners with more than one file (1):" in gradebook.summary(book)


def test_the_handin_folder_just_works(tmp_path):
    """Do `gradebook $MEDIALIT_HANDIN` and a bare `gradebook` (with it set) write gradebook.csv and .png here?"""
    inbox, here = tmp_path / "handin", tmp_path / "teacher"
    inbox.mkdir()
    here.mkdir()
    _write(inbox / "ana.json", _export("Ana", None, [_result(HARD, 0.5)], "2025-03-07T11:00:00Z"))
    env = {**os.environ, "MEDIALIT_HANDIN": str(inbox)}
    for args in ([str(inbox)], []):
        done = subprocess.run(
            [*COMMAND, *args], cwd=here, env=env, capture_output=True, text=True, check=False, timeout=120
        )
        assert done.returncode == 0, done.stderr
        assert [r["learner"] for r in _read_csv(here / "gradebook.csv")] == ["Ana"]
        assert (here / "gradebook.png").read_bytes()[:8] == PNG_MAGIC
        for name in ("gradebook.csv", "gradebook.png"):
            (here / name).unlink()
    env.pop("MEDIALIT_HANDIN")
    done = subprocess.run(
        COMMAND, cwd=here, env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 2 and "MEDIALIT_HANDIN" in done.stderr


def test_a_saved_response_reaches_the_csv(tmp_path):
    """Does free text saved with ProgressStore.save_response reach the export and the gradebook's CSV?"""
    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.set_learner("Ana Lopez")
    store.record(HARD.id, HARD.lesson, HARD.solution(), 1.0, True)
    store.save_response("l05-reflection", "08-Your-Own-Article", "=first draft", "What surprised you?")
    store.save_response(
        "l05-reflection", "08-Your-Own-Article", "How calm the\nnumbers sounded.", "What surprised you?"
    )
    inbox = tmp_path / "inbox"
    path = write_export(store, inbox)
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "medialit-results/2"
    code, stdout = _run([inbox], tmp_path / "out.csv")
    assert code == 0, stdout
    rows = {row["kind"]: row for row in _read_csv(tmp_path / "out.csv")}
    assert rows["quiz"]["quiz"] == HARD.id and rows["quiz"]["revealed"] == "false"
    assert rows["response"]["quiz"] == "l05-reflection"
    assert rows["response"]["response"] == "How calm the\nnumbers sounded.", "the latest text, whole"
