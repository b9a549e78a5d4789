"""Draw docs/gradebook-chart.png from a synthetic class of 30 (fixed seed), through the real gradebook command.

Usage: python tools/make_gradebook_example.py [--exports FOLDER]

Each learner gets an ability and each of the kit's quizzes a difficulty; choice and numeric quizzes score 0
or 1, the others partial credit. Lessons are a day apart, and later ones are reached by fewer learners. With ``--exports`` the 30
export files are kept in FOLDER, to try ``python -m medialit gradebook FOLDER --out results.csv``.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from medialit import __version__  # noqa: E402
from medialit.datafiles import schema_errors  # noqa: E402
from medialit.gradebook import run  # noqa: E402
from medialit.quiz import load_quizzes  # noqa: E402

SEED = 20250303
CHART = ROOT / "docs" / "gradebook-chart.png"
NAMES = (
    "Amara O", "Ben T", "Chloé R", "Dev P", "Elif K", "Farah S", "Gabriel M", "Hana Y", "Isaac L", "Jade W",
    "Kofi A", "Lena B", "Mateo G", "Nadia H", "Oscar F", "Priya N", "Quinn D", "Rosa V", "Sami J", "Tomás E",
    "Uma C", "Victor Z", "Wen X", "Xavier Q", "Yara I", "Zoe U", "Aiden K", "Bea F", "Caleb N", "Dina R",
)  # fmt: skip
ALL_OR_NOTHING = {"choice", "numeric"}


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def synthetic_class(seed: int = SEED) -> list[dict[str, Any]]:
    """Thirty exports (all lessons each) with plausible scores, attempts and times; every one is schema-valid."""
    rng = random.Random(seed)
    quizzes = load_quizzes()
    lessons = sorted(
        {quiz.lesson for quiz in quizzes}
    )  # one lesson a day from 3 March; fewer reach later ones
    day = {lesson: 3 + n for n, lesson in enumerate(lessons)}
    reached = {lesson: 1.0 - 0.06 * n for n, lesson in enumerate(lessons)}
    difficulty = {quiz.id: rng.gauss(0.0, 0.9) for quiz in quizzes}
    exports = []
    for number, learner in enumerate(NAMES):
        ability = rng.gauss(0.3, 0.8)
        results = []
        for quiz in quizzes:
            if rng.random() > reached[quiz.lesson] or rng.random() < 0.04:
                continue  # never got there, or skipped it
            chance = 1 / (1 + math.exp(-1.7 * (ability - difficulty[quiz.id])))
            if quiz.kind in ALL_OR_NOTHING:
                score = 1.0 if rng.random() < chance else 0.0
            else:
                score = round(min(1.0, max(0.0, chance + rng.gauss(0.0, 0.12))) * 20) / 20
            attempts = 1 if score == 1.0 and rng.random() < 0.7 else rng.randint(1, 4)
            best = (
                score if attempts == 1 else max(score, round(min(1.0, score + rng.random() * 0.3) * 20) / 20)
            )
            first = datetime(2025, 3, day[quiz.lesson], 9, 0, tzinfo=timezone.utc) + timedelta(
                minutes=rng.randint(0, 80)
            )
            last = first + timedelta(minutes=(attempts - 1) * rng.randint(1, 6), seconds=rng.randint(0, 59))
            results.append(
                {
                    "quiz": quiz.id,
                    "lesson": quiz.lesson,
                    "score": score,
                    "best_score": best,
                    "correct": score == 1.0,
                    "attempts": attempts,
                    "first_at": _stamp(first),
                    "last_at": _stamp(last),
                }
            )
        export = {
            "format": "medialit-results/1",
            "kit_version": __version__,
            "learner": learner,
            "lesson": None,
            "exported_at": _stamp(
                datetime(2025, 3, 3 + len(lessons), 11, 0, tzinfo=timezone.utc) + timedelta(minutes=number)
            ),
            "results": sorted(results, key=lambda r: r["quiz"]),
        }
        problems = schema_errors(export, "export.schema.json")
        if problems:
            raise AssertionError(f"{learner}: {problems}")
        exports.append(export)
    return exports


def write_exports(exports: list[dict[str, Any]], folder: Path) -> None:
    """Save each export as the kit names them: medialit-results-<learner>-all.json."""
    folder.mkdir(parents=True, exist_ok=True)
    for export in exports:
        name = export["learner"].replace(" ", "-")
        text = json.dumps(export, ensure_ascii=False, indent=1)
        (folder / f"medialit-results-{name}-all.json").write_text(text + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """Write the exports (to a temporary or given folder) and run the gradebook on them to draw the chart."""
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--exports", type=Path, help="keep the 30 export files in this folder")
    options.add_argument("--chart", type=Path, default=CHART, help=f"where to draw (default {CHART})")
    args = options.parse_args(argv)
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.exports or Path(scratch) / "exports"
        write_exports(synthetic_class(), folder)
        return run([folder], out=Path(scratch) / "results.csv", chart=args.chart)


if __name__ == "__main__":
    sys.exit(main())
