"""How long each lesson takes to run headless, from a fresh kernel (nbclient), student and solution versions.

    python benchmarks/lesson_times.py

A figure, not a test: the tests check that every lesson runs; this prints how long each takes.
"""

from __future__ import annotations

import os
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def run(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    )
    started = time.perf_counter()
    client.execute()
    return time.perf_counter() - started


def main() -> None:
    os.environ.setdefault("MEDIALIT_PROGRESS", str(Path(tempfile.mkdtemp()) / "progress.json"))
    os.environ.setdefault("MPLBACKEND", "Agg")
    print(f"{'lesson':32} {'student':>8} {'solution':>9}   (seconds, including kernel start)")
    for solution in sorted((ROOT / "solutions").glob("*.ipynb")):
        lesson = ROOT / "lessons" / solution.name
        print(f"{solution.stem:32} {run(lesson):8.1f} {run(solution):9.1f}", flush=True)


if __name__ == "__main__":
    main()
