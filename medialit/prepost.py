"""The transfer task in the gradebook: each learner's pre- and post-test scores, the class's, as a table and CSV."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import replace_atomically

__all__ = ["CLASS_ROW", "PrePost", "columns", "pre_post", "table", "tasks_in", "write_pre_post_csv"]

#: The ``learner`` cell of the table's last row: the class means.
CLASS_ROW = "class mean"
PRE, POST = "t-pre-", "t-post-"


@dataclass(frozen=True)
class PrePost:
    """One learner's transfer results: ``pre[task]`` and ``post[task]`` scores in [0, 1] (None if not given).

    ``task`` is the id without its ``t-pre-``/``t-post-`` prefix ("loaded", "numbers", "sentences").
    """

    learner: str
    pre: dict[str, float | None]
    post: dict[str, float | None]

    @staticmethod
    def _total(scores: dict[str, float | None]) -> float | None:
        values = list(scores.values())
        return None if not values or None in values else sum(values) / len(values)

    @property
    def pre_total(self) -> float | None:
        """The mean of the pre-test scores, or None unless every task was answered."""
        return self._total(self.pre)

    @property
    def post_total(self) -> float | None:
        """The mean of the post-test scores, or None unless every task was answered."""
        return self._total(self.post)

    @property
    def change(self) -> float | None:
        """``post_total - pre_total`` (both in [0, 1]), or None unless both are complete."""
        if self.pre_total is None or self.post_total is None:
            return None
        return self.post_total - self.pre_total


def tasks_in(quiz_ids: Iterable[str]) -> list[str]:
    """The transfer tasks named by ``t-pre-*`` or ``t-post-*`` ids, sorted: ``["loaded", "numbers", ...]``."""
    return sorted({q.removeprefix(PRE).removeprefix(POST) for q in quiz_ids if q.startswith((PRE, POST))})


def pre_post(rows: Iterable[dict[str, Any]], tasks: Iterable[str] | None = None) -> list[PrePost]:
    """One :class:`PrePost` per learner with any transfer result, by name; ``rows`` are gradebook rows.

    ``tasks`` defaults to the tasks found in the rows. Each score is the learner's latest (the gradebook's
    ``score`` column). Learners with no transfer result are left out.
    """
    rows = [r for r in rows if r.get("kind", "quiz") == "quiz"]
    tasks = tasks_in(r["quiz"] for r in rows) if tasks is None else list(tasks)
    found: dict[str, dict[str, dict[str, float | None]]] = {}
    for row in rows:
        for prefix, side in ((PRE, "pre"), (POST, "post")):
            task = row["quiz"].removeprefix(prefix)
            if row["quiz"].startswith(prefix) and task in tasks:
                learner = found.setdefault(row["learner"], {"pre": {}, "post": {}})
                learner[side][task] = float(row["score"])
    return [
        PrePost(name, {t: sides["pre"].get(t) for t in tasks}, {t: sides["post"].get(t) for t in tasks})
        for name, sides in sorted(found.items(), key=lambda item: item[0].casefold())
    ]


def _mean(values: Iterable[float | None]) -> float | None:
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None


def _cell(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def columns(tasks: list[str]) -> list[str]:
    """The CSV's columns: learner, then pre and post per task, then the totals and the change."""
    per_task = [f"{side}_{task}" for task in tasks for side in ("pre", "post")]
    return ["learner", *per_task, "pre_total", "post_total", "change"]


def table(results: list[PrePost], tasks: list[str]) -> list[list[str]]:
    """The CSV's rows (without the header): one per learner, then :data:`CLASS_ROW` with each column's mean.

    Scores are 0 to 1 with two decimals; a blank cell is a test not taken (a total or change needs all
    tasks). The class row averages the learners who have a value in that column.
    """
    rows = []
    for r in results:
        cells = [_cell(score) for task in tasks for score in (r.pre[task], r.post[task])]
        rows.append([r.learner, *cells, _cell(r.pre_total), _cell(r.post_total), _cell(r.change)])
    if results:
        means = [
            _mean(v)
            for v in (
                *[[getattr(r, side)[task] for r in results] for task in tasks for side in ("pre", "post")],
                [r.pre_total for r in results],
                [r.post_total for r in results],
                [r.change for r in results],
            )
        ]
        rows.append([CLASS_ROW, *[_cell(m) for m in means]])
    return rows


def write_pre_post_csv(results: list[PrePost], tasks: list[str], out: Path) -> None:
    """Write :func:`table` with a header to ``out`` as UTF-8 CSV, atomically.

    Learner names are checked by the gradebook (letters, numbers, spaces, hyphens, apostrophes and full
    stops), so no cell can start a spreadsheet formula.
    """

    def write(handle: Any) -> None:
        writer = csv.writer(handle)
        writer.writerow(columns(tasks))
        writer.writerows(table(results, tasks))

    replace_atomically(out, write, binary=False)
