"""A class on one small JupyterHub: memory per student, login-to-kernel time and quiz-check time, for 10-30.

    python benchmarks/hub_load.py [--students 10 20 30] [--time-limit 900]

For each class size a fresh hub (deploy/jupyterhub_config.py with a dummy authenticator and
SimpleLocalProcessSpawner, as in tests/test_hub.py) is started on 127.0.0.1, and every student at once
logs in, starts a server, runs lesson 00's code cells through the kernel websocket and checks its five
quizzes (tests/hubclass.py). Needs the ``hub`` extra and configurable-http-proxy (.ci/run installs it).

Printed per class size:
- memory per student: the single-user server plus its kernel, median RSS and PSS (PSS splits shared
  library pages between processes, so PSS x students is what the class really takes);
- login to a running lesson kernel: token issued -> server started -> kernel answers, median / 95th
  percentile / slowest (all students start in the same second: the worst case of a class);
- lesson 00's code cells, median;
- one quiz check (request to reply through the proxy, server and kernel): median and 95th percentile;
- failed students; how often a kernel websocket was dropped and reopened (as JupyterLab does); and how often
  a student restarted their server because it stopped while starting, or gave no kernel within two minutes
  (a 404 from a classmate's server after a port collision, or a kernel that lost its ports).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.hubclass import Hub, run_class  # noqa: E402

MB = 1024 * 1024


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation between closest ranks."""
    ordered = sorted(values)
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def measure(students: int, time_limit: float) -> dict[str, float]:
    """Run one class of ``students`` on a fresh hub; the figures described in the module docstring."""
    with tempfile.TemporaryDirectory(prefix="medialit-hub-") as folder, Hub(Path(folder)) as hub:
        runs = run_class(hub, students, time_limit)
    failed = [run for run in runs if run.error]
    for run in failed:
        print(f"  {run.name} failed: {run.error[:300]}", file=sys.stderr)
    done = [run for run in runs if not run.error]
    if not done:
        raise SystemExit(f"every student failed; first: {failed[0].error}")
    kernel = [run.login_to_kernel for run in done]
    checks = [seconds for run in done for seconds in run.check_seconds]
    return {
        "students": students,
        "failed": len(failed),
        "reconnects": sum(run.reconnects for run in runs),
        "server_retries": sum(run.server_retries for run in runs),
        "rss_mb": statistics.median(run.rss_bytes for run in done if run.rss_bytes) / MB,
        "pss_mb": statistics.median(run.pss_bytes for run in done if run.pss_bytes) / MB,
        "kernel_median": statistics.median(kernel),
        "kernel_p95": percentile(kernel, 95),
        "kernel_max": max(kernel),
        "lesson_median": statistics.median(run.lesson_seconds for run in done),
        "check_median": statistics.median(checks),
        "check_p95": percentile(checks, 95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[10, 20, 30])
    parser.add_argument("--time-limit", type=float, default=900, help="seconds per class size")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPU cores; load average before the run: {load}")
    print(
        f"{'students':>8} {'failed':>6} {'reconnects':>10} {'restarts':>8} {'RSS MB':>7} {'PSS MB':>7} "
        f"{'login->kernel s: median':>24} {'p95':>6} {'max':>6} {'lesson s':>9} {'check s: median':>16} {'p95':>6}"
    )
    for students in args.students:
        started = time.monotonic()
        r = measure(students, args.time_limit)
        print(
            f"{r['students']:8d} {r['failed']:6d} {r['reconnects']:10d} {r['server_retries']:8d} {r['rss_mb']:7.0f} {r['pss_mb']:7.0f} "
            f"{r['kernel_median']:24.1f} {r['kernel_p95']:6.1f} {r['kernel_max']:6.1f} {r['lesson_median']:9.1f} "
            f"{r['check_median']:16.3f} {r['check_p95']:6.3f}   ({time.monotonic() - started:.0f} s)",
            flush=True,
        )


if __name__ == "__main__":
    main()
