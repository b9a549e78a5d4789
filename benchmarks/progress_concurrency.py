"""Checks per second with 1, 2 and 4 processes writing one progress store at once, and answers lost.

    python benchmarks/progress_concurrency.py [checks per process, default 250]

A figure, not a test: tests/test_progress_concurrency.py checks that nothing is lost; this prints how fast.
Each process opens its own ProgressStore on one database file (as each lesson's kernel does), waits for a
common start signal, then records its checks as fast as it can. Lost = checks recorded minus attempts found.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from medialit.progress import ProgressStore

ROOT = Path(__file__).resolve().parent.parent

WRITER = """
import sys, time
from pathlib import Path
from medialit.progress import ProgressStore
path, worker, checks, go = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), Path(sys.argv[4])
store = ProgressStore(path)
(go.parent / f"ready-{worker}").touch()
while not go.exists():
    time.sleep(0.001)
for i in range(checks):
    store.record(f"w{worker}-q{i % 25}", "01-Loaded-Words", [worker, i], (i % 5) / 4, i % 5 == 4)
"""


def run(processes: int, checks: int) -> tuple[float, int]:
    """(checks per second over all processes, answers lost) for one run on a fresh database."""
    folder = Path(tempfile.mkdtemp(prefix="medialit-bench-"))
    path, go = folder / "progress.sqlite3", folder / "go"
    ProgressStore(path)  # created before the clock starts
    writers = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(w), str(checks), str(go)], cwd=ROOT)
        for w in range(processes)
    ]
    while (
        len(list(folder.glob("ready-*"))) < processes
    ):  # every writer has imported the kit and opened the store
        time.sleep(0.01)
    started = time.perf_counter()
    go.touch()
    if any(w.wait() != 0 for w in writers):
        raise SystemExit("a writer failed")
    seconds = time.perf_counter() - started
    found = sum(e["attempts"] for e in ProgressStore(path).snapshot()["answers"].values())
    return processes * checks / seconds, processes * checks - found


def main() -> None:
    checks = int(sys.argv[1]) if len(sys.argv) > 1 else 250
    print(f"{'processes':>9} {'checks':>7} {'checks/s':>9} {'lost':>5}")
    for processes in (1, 2, 4):
        rate, lost = run(processes, checks)
        print(f"{processes:>9} {processes * checks:>7} {rate:>9.0f} {lost:>5}", flush=True)


if __name__ == "__main__":
    main()
