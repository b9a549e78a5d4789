"""The hand-in drop-box with real system users: students cannot see each other's exports; the teacher can.

The test creates three users (two students, a teacher), a drop-box laid out as deploy/README.md says
(owner teacher, group = the teacher's group, mode 3733: setgid and sticky), and runs the kit's export as
each student in a process with that user's uid and gid. It needs root (CI runs as root) and useradd:
skipped locally without them, a failure in CI (``CI=true``) or with ``MEDIALIT_REQUIRE_HUB=1``. The users
are removed afterwards.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import stat
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import ROOT
from .hubclass import missing_prerequisite

#: Mode of the drop-box: setgid (files get the teacher's group), sticky (nobody removes or renames another's
#: file), owner rwx (the teacher lists it), group and others wx (students write in, but cannot list).
DROPBOX_MODE = 0o3733


@dataclass(frozen=True)
class User:
    name: str
    uid: int
    gid: int


def _useradd(name: str) -> User:
    subprocess.run(
        ["useradd", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name], check=True
    )
    entry = pwd.getpwnam(name)
    return User(name, entry.pw_uid, entry.pw_gid)


@pytest.fixture(scope="module")
def users():
    """Two students and a teacher, created for this test and deleted after it (with their groups)."""
    if os.geteuid() != 0:
        missing_prerequisite("the hand-in permission test creates system users, so it must run as root")
    if shutil.which("useradd") is None or shutil.which("userdel") is None:
        missing_prerequisite("useradd and userdel are needed to create the test's system users")
    if os.environ.get("MEDIALIT_CHECKOUT_PRIVATE"):
        # .ci/run found that other users cannot reach this checkout (e.g. a clone under a private home), so no
        # student process could import the kit from it: say so plainly rather than fail for the folder's sake.
        pytest.skip(f"other users cannot reach this checkout: {os.environ['MEDIALIT_CHECKOUT_PRIVATE']}")
    tag = secrets.token_hex(3)
    made: list[User] = []
    try:
        for role in ("ana", "ben", "teach"):
            made.append(_useradd(f"ml-{role}-{tag}"))
        yield dict(zip(("ana", "ben", "teacher"), made, strict=True))
    finally:
        for user in made:
            subprocess.run(["userdel", user.name], check=False, capture_output=True)


@pytest.fixture(scope="module")
def classroom(users):
    """A world-traversable folder with a private home per student and the drop-box; removed afterwards."""
    base = Path(tempfile.mkdtemp(prefix="medialit-handin-"))
    try:
        base.chmod(0o755)
        teacher = users["teacher"]
        dropbox = base / "handin"
        dropbox.mkdir()
        os.chown(dropbox, teacher.uid, teacher.gid)
        dropbox.chmod(DROPBOX_MODE)
        for key in ("ana", "ben"):
            home = base / key
            home.mkdir(mode=0o700)
            os.chown(home, users[key].uid, users[key].gid)
        yield base
    finally:
        shutil.rmtree(base, ignore_errors=True)


def as_user(user: User, code: str, home: Path, dropbox: Path) -> subprocess.CompletedProcess:
    """Run Python ``code`` with the kit as ``user`` (its uid and gid only, no other groups)."""
    env = {
        "HOME": str(home),
        "MEDIALIT_PROGRESS": str(home / ".medialit" / "progress"),
        "MEDIALIT_HANDIN": str(dropbox),
        "PATH": "/usr/bin:/bin",
        "LANG": "C.UTF-8",
    }
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=home,
        env=env,
        user=user.uid,
        group=user.gid,
        extra_groups=[],
        umask=0o022,  # a usual umask: the kit sets the hand-in copy's mode (0o640) itself
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# A student answers one quiz and presses the export button; prints the hand-in copy's path.
EXPORT = """
import os
from medialit import progress
from medialit.quiz import get_quiz
store = progress.ProgressStore(os.environ["MEDIALIT_PROGRESS"])
store.set_learner({learner!r})
quiz = get_quiz("l00-heading-label")
result = quiz.check(quiz.solution())
store.record(quiz.id, quiz.lesson, quiz.solution(), result.score, result.correct)
print(progress.hand_in(store, ".").handed_in)  # the export button's work: a copy here and one in $MEDIALIT_HANDIN
"""


@pytest.fixture(scope="module")
def exports(users, classroom):
    """Ana's and Ben's hand-in files, each written by the kit running as that student."""
    dropbox = classroom / "handin"
    probe = as_user(users["ana"], "import medialit.progress", classroom / "ana", dropbox)
    if probe.returncode != 0:
        missing_prerequisite(
            f"a new system user cannot run the kit at {ROOT} with {sys.executable} (make their folders "
            f"readable by others): {probe.stderr.strip().splitlines()[-1:]}"
        )
    paths = {}
    for key, learner in (("ana", "Ana Lopez"), ("ben", "Ben Okafor")):
        done = as_user(users[key], EXPORT.format(learner=learner), classroom / key, dropbox)
        assert done.returncode == 0, done.stderr
        paths[key] = Path(done.stdout.strip())
        assert paths[key].parent == dropbox
    return paths


def test_exports_belong_to_their_student_and_the_teachers_group(users, exports):
    """Is each hand-in file owned by its student, in the teacher's group (setgid), and mode 0o640?"""
    for key in ("ana", "ben"):
        info = exports[key].stat()
        assert info.st_uid == users[key].uid
        assert info.st_gid == users["teacher"].gid
        assert stat.S_IMODE(info.st_mode) == 0o640


def test_a_student_cannot_list_the_dropbox(users, classroom, exports):
    """Is listing the drop-box refused to a student (so classmates' file names stay hidden)?"""
    code = "import os, sys\ntry:\n    os.listdir(sys.argv[-1])\nexcept PermissionError:\n    print('refused')"
    done = as_user(
        users["ben"],
        code.replace("sys.argv[-1]", repr(str(classroom / "handin"))),
        classroom / "ben",
        classroom / "handin",
    )
    assert done.stdout.strip() == "refused", done.stderr


def test_a_student_cannot_read_anothers_export_even_by_name(users, classroom, exports):
    """Is reading Ana's file refused to Ben, even though he knows its exact name?"""
    code = f"try:\n    open({str(exports['ana'])!r}).read()\nexcept PermissionError:\n    print('refused')"
    done = as_user(users["ben"], code, classroom / "ben", classroom / "handin")
    assert done.stdout.strip() == "refused", done.stderr


def test_a_student_cannot_overwrite_remove_or_replace_anothers_export(users, classroom, exports):
    """Are writing, deleting and renaming over Ana's file all refused to Ben, leaving it unchanged?"""
    before = exports["ana"].read_bytes()
    target = str(exports["ana"])
    code = f"""
import os
outcomes = []
for attempt in ("write", "remove", "replace"):
    try:
        if attempt == "write":
            open({target!r}, "w").write("{{}}")
        elif attempt == "remove":
            os.remove({target!r})
        else:
            mine = os.path.join(os.path.dirname({target!r}), "ben-forgery.json")
            open(mine, "w").write("{{}}")
            os.replace(mine, {target!r})
        outcomes.append(attempt + ": allowed")
    except PermissionError:
        outcomes.append(attempt + ": refused")
print(";".join(outcomes))
"""
    done = as_user(users["ben"], code, classroom / "ben", classroom / "handin")
    assert done.stdout.strip() == "write: refused;remove: refused;replace: refused", done.stderr
    assert exports["ana"].read_bytes() == before


def test_exporting_under_anothers_name_never_replaces_their_file(users, classroom, exports):
    """If Ben exports as "Ana Lopez", does Ana's own file stay exactly as she handed it in?"""
    before = exports["ana"].read_bytes()
    as_user(users["ben"], EXPORT.format(learner="Ana Lopez"), classroom / "ben", classroom / "handin")
    assert exports["ana"].read_bytes() == before
    assert exports["ana"].stat().st_uid == users["ana"].uid


def test_the_teacher_can_list_and_read_both(users, classroom, exports):
    """Can the teacher (not root: their own uid and group) list the drop-box and read both exports?"""
    code = (
        "import json, os\n"
        f"folder = {str(classroom / 'handin')!r}\n"
        "names = sorted(n for n in os.listdir(folder) if n.endswith('.json'))\n"
        "print(json.dumps([json.load(open(os.path.join(folder, n))).get('learner') for n in names]))"
    )
    teacher_home = classroom  # the teacher needs no home of their own for this
    done = as_user(users["teacher"], code, teacher_home, classroom / "handin")
    assert done.returncode == 0, done.stderr
    learners = json.loads(done.stdout)
    assert {"Ana Lopez", "Ben Okafor"} <= set(learners)
