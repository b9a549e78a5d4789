"""Does the transfer task's table pair each learner's pre- and post-test, total them, and chart them?"""

from __future__ import annotations

import csv

from matplotlib.figure import Figure

from medialit import plots
from medialit.prepost import CLASS_ROW, columns, pre_post, table, tasks_in, write_pre_post_csv


def _row(learner: str, quiz: str, score: float) -> dict:
    return {"learner": learner, "kind": "quiz", "quiz": quiz, "score": score}


ROWS = [
    _row("Ana", "t-pre-loaded", 0.25),
    _row("Ana", "t-pre-numbers", 0.5),
    _row("Ana", "t-post-loaded", 0.75),
    _row("Ana", "t-post-numbers", 1.0),
    _row("ben", "t-pre-loaded", 0.5),  # no pre-test of numbers, no post-test at all
    _row("Cleo", "l01-other", 1.0),  # not in the transfer task
    {"learner": "Ana", "kind": "response", "quiz": "t-pre-loaded", "score": ""},
]


def test_pairs_pre_and_post_per_learner():
    """Is each learner's latest score filed under the right task and side, with None for a test not taken?"""
    results = pre_post(ROWS)
    assert tasks_in(r["quiz"] for r in ROWS) == ["loaded", "numbers"]
    assert [r.learner for r in results] == ["Ana", "ben"]
    ana, ben = results
    assert ana.pre == {"loaded": 0.25, "numbers": 0.5} and ana.post == {"loaded": 0.75, "numbers": 1.0}
    assert (ana.pre_total, ana.post_total, ana.change) == (0.375, 0.875, 0.5)
    assert ben.pre == {"loaded": 0.5, "numbers": None} and ben.pre_total is None and ben.change is None


def test_table_has_a_class_row_of_means():
    """Does the table give two-decimal cells, blanks for tests not taken, and the class means last?"""
    rows = table(pre_post(ROWS), ["loaded", "numbers"])
    assert columns(["loaded", "numbers"]) == [
        "learner",
        "pre_loaded",
        "post_loaded",
        "pre_numbers",
        "post_numbers",
        "pre_total",
        "post_total",
        "change",
    ]
    assert rows[0] == ["Ana", "0.25", "0.75", "0.50", "1.00", "0.38", "0.88", "0.50"]
    assert rows[1] == ["ben", "0.50", "", "", "", "", "", ""]
    assert rows[2] == [CLASS_ROW, "0.38", "0.75", "0.50", "1.00", "0.38", "0.88", "0.50"]
    assert table([], ["loaded"]) == []


def test_csv_is_written_with_a_header(tmp_path):
    """Is the CSV the header and the table, readable back?"""
    out = tmp_path / "transfer.csv"
    write_pre_post_csv(pre_post(ROWS), ["loaded", "numbers"], out)
    with out.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    assert lines[0][0] == "learner" and lines[-1][0] == CLASS_ROW and len(lines) == 4


def test_chart_draws_one_line_per_complete_learner_and_the_class_mean():
    """Does the slope chart draw on the given Axes: one line per learner with both tests, plus the class mean?"""
    ax = Figure().subplots()
    assert plots.pre_post_scores(pre_post(ROWS), ax=ax) is ax
    assert len(ax.lines) == 2  # Ana, and the class mean
    assert "1 learner without both tests left out" in ax.get_title()
    assert [t.get_text() for t in ax.get_xticklabels()] == ["start (lesson 00)", "end (lesson 08)"]
    empty = plots.pre_post_scores([], ax=Figure().subplots())
    assert any("no learner" in t.get_text() for t in empty.texts)
