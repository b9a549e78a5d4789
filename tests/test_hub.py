"""A whole class on a real JupyterHub: 30 students run lesson 00, hand in, and the gradebook finds them all.

Marked ``hub``. Needs jupyterhub (the ``hub`` extra) and configurable-http-proxy (``.ci/run`` installs it
into .ci/node with npm). Skipped locally when either is missing; in CI (``CI=true``) or with
``MEDIALIT_REQUIRE_HUB=1`` a missing piece is a failure.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import subprocess
import sys
import warnings

import pytest

from .hubclass import QUIZZES, Hub, find_proxy, missing_prerequisite, run_class

pytestmark = pytest.mark.hub

STUDENTS = 30
#: The whole class must be done within this many seconds (it takes about 3-5 minutes on 2 busy cores).
TIME_LIMIT = 480


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    """A running hub with the deployed configuration, a dummy authenticator and local process spawner."""
    if importlib.util.find_spec("jupyterhub") is None:
        missing_prerequisite("jupyterhub is not installed: pip install -e '.[hub]'")
    if find_proxy() is None:
        missing_prerequisite(
            "configurable-http-proxy is missing: npm install --prefix .ci/node configurable-http-proxy"
        )
    with Hub(tmp_path_factory.mktemp("hub")) as running:
        yield running


@pytest.fixture(scope="module")
def class_runs(hub):
    """The 30 students' runs (each logs in, starts a server, runs lesson 00, checks 5 quizzes, exports)."""
    return run_class(hub, STUDENTS, TIME_LIMIT)


def test_idle_culler_runs_as_a_hub_service(hub):
    """Does the deployed configuration start jupyterhub-idle-culler as a service the hub manages?"""
    services = hub.api("GET", "/services")
    culler = services["idle-culler"]
    assert culler["pid"] > 0
    assert "jupyterhub_idle_culler" in culler["command"]


def test_every_student_finishes_lesson_00(class_runs, hub):
    """Does every one of the 30 students get a kernel, run lesson 00, pass 5 checks and export, in time?"""
    failed = [f"{run.name}: {run.error}" for run in class_runs if run.error]
    assert not failed, f"{len(failed)} of {STUDENTS} failed; first: {failed[:3]}\n{hub.log_tail(20)}"
    assert all(len(run.check_seconds) == len(QUIZZES) for run in class_runs)
    reconnects = sum(run.reconnects for run in class_runs)
    retries = sum(run.server_retries for run in class_runs)
    if reconnects or retries:  # recovered as JupyterLab would, but worth seeing in the test summary
        warnings.warn(
            f"{reconnects} dropped kernel websockets reopened; {retries} servers restarted by their student",
            stacklevel=1,
        )


def test_progress_stays_in_each_home(class_runs, hub):
    """Is each student's progress saved in their own home (the default), not in a shared place?"""
    for run in class_runs:
        saved = list((hub.homes / run.name / ".medialit").glob("progress*"))
        assert saved, f"no progress file in {run.name}'s home"


def test_hand_in_folder_holds_one_export_per_student(class_runs, hub):
    """Does the hand-in folder hold exactly 30 exports, one per learner?"""
    exports = sorted(hub.handin.glob("*.json"))
    assert len(exports) == STUDENTS, [p.name for p in exports]
    learners = {json.loads(path.read_text(encoding="utf-8"))["learner"] for path in exports}
    assert learners == {run.name for run in class_runs}


def test_gradebook_finds_every_learner_and_answer(class_runs, hub, tmp_path):
    """Does the teacher's gradebook read all 30 exports, with all five answers of each, nothing lost?"""
    out = tmp_path / "grades.csv"
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "gradebook", str(hub.handin), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    learners = {row["learner"] for row in rows}
    assert learners == {run.name for run in class_runs}
    assert len(rows) == STUDENTS * len(QUIZZES)
    for name in learners:
        mine = {row["quiz"]: row for row in rows if row["learner"] == name}
        assert set(mine) == set(QUIZZES), name
        assert all(row["correct"] == "true" and float(row["score"]) == 1.0 for row in mine.values()), name
