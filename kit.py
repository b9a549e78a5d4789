#!/usr/bin/env python3
"""Set up and run the medialit kit with nothing but python3: `start`, `test`, `format`, `lint`.

    python3 kit.py start    # make .venv, install the kit, open JupyterLab at the first lesson
    python3 kit.py test     # make .venv, install the kit and its test tools, run every test

The virtual environment lives in .venv (or $MEDIALIT_VENV). It is (re)installed
only when pyproject.toml changes, so later runs start at once.

Students work in my-work/, a copy of lessons/ that `start` makes once and never
overwrites (new lessons are added to it). Their outputs and exports stay there,
out of git, so updating the kit with `git pull` never conflicts with their work.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("MEDIALIT_VENV", ROOT / ".venv"))
LESSONS = ROOT / "lessons"
WORK = Path(os.environ.get("MEDIALIT_WORK", ROOT / "my-work"))
TEACHER_LESSONS = Path(os.environ.get("MEDIALIT_TEACHER_LESSONS", ROOT / "teacher-lessons"))
FIRST_LESSON = "00-Start-Here.ipynb"
# JupyterLab's own settings, as an administrator would set them (overrides.json), not a patch: no "get notified
# about news?" prompt over every lesson, and no update check.
LAB_OVERRIDES = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False}
}
PYTEST_NO_TESTS = 5


def say(message: str) -> None:
    print(f"[medialit] {message}", flush=True)


def venv_python() -> Path:
    scripts = "Scripts" if os.name == "nt" else "bin"
    exe = "python.exe" if os.name == "nt" else "python"
    return VENV / scripts / exe


def install_stamp(extras: str) -> str:
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()[:16]
    return f"{digest} {extras}\n"


def ensure_environment(extras: str) -> Path:
    """Create .venv and pip-install the kit (with ``extras``) unless that is already done."""
    if sys.version_info < (3, 10):  # noqa: UP036 - kit.py may be run by any python3
        sys.exit(f"medialit needs Python 3.10 or newer; this is {sys.version.split()[0]}")
    python = venv_python()
    if not python.exists():
        say(f"creating a virtual environment in {VENV}")
        try:
            venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
        except (OSError, subprocess.CalledProcessError) as exc:
            sys.exit(
                f"could not create {VENV}: {exc}\n"
                "On Debian or Ubuntu, install the venv module first: sudo apt install python3-venv"
            )
    stamp_file = VENV / "medialit-install.txt"
    wanted = install_stamp(extras)
    if stamp_file.exists() and stamp_file.read_text() in {wanted, install_stamp("test")}:
        return python
    target = f".[{extras}]" if extras else "."
    say(f"installing medialit and its dependencies ({target}); this takes a few minutes the first time")
    pip = [str(python), "-m", "pip", "--disable-pip-version-check", "install"]
    run([*pip, "--upgrade", "pip"], quiet=True)
    run([*pip, "-e", target])
    stamp_file.write_text(wanted)
    return python


def run(command: list[str], quiet: bool = False) -> int:
    done = subprocess.run(command, cwd=ROOT, stdout=subprocess.DEVNULL if quiet else None)
    if done.returncode != 0:
        sys.exit(f"command failed ({done.returncode}): {' '.join(command)}")
    return done.returncode


def prepare_work(lessons: Path = LESSONS, work: Path = WORK, teacher: Path | None = None) -> list[str]:
    """Copy each lesson notebook that my-work/ lacks into it; never overwrite one. Returns the names copied.

    Teachers' installed lessons (teacher-lessons/<id>/T-*.ipynb, see medialit.teacher_lessons) come too.
    """
    work.mkdir(parents=True, exist_ok=True)
    copied = []
    teacher = TEACHER_LESSONS if teacher is None else teacher
    for notebook in sorted(lessons.glob("*.ipynb")) + sorted(teacher.glob("*/T-*.ipynb")):
        target = work / notebook.name
        if not target.exists():
            shutil.copyfile(notebook, target)
            copied.append(notebook.name)
    return copied


def write_lab_settings(python: Path) -> Path:
    """Merge the kit's JupyterLab settings into the venv's overrides.json (the app-wide defaults) and return it."""
    path = python.parent.parent / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    try:
        current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    except ValueError:
        current = {}
    for plugin, values in LAB_OVERRIDES.items():
        current[plugin] = {**current.get(plugin, {}), **values}
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    return path


def lab_command(python: Path, work: Path = WORK) -> list[str]:
    """The JupyterLab command: 127.0.0.1 only, serving my-work/, with the printed address opening lesson 00."""
    command = [
        str(python),
        "-m",
        "jupyter",
        "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={work}",
        f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        # Voila's server extension is for `medialit present`, not JupyterLab; loaded here it only prints a
        # deprecation notice about ServerApp.token that a teacher can do nothing about.
        "--ServerApp.jpserver_extensions=voila.server_extension=False",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


def start(args: list[str]) -> int:
    python = ensure_environment("")
    copied = prepare_work()
    if copied:
        say(f"copied {len(copied)} lesson(s) into {WORK} (your own copies: they are never overwritten)")
    write_lab_settings(python)
    say("starting JupyterLab; open the address it prints (it opens lesson 00). Stop it with Ctrl+C, twice")
    return subprocess.call(lab_command(python) + args, cwd=WORK)


def test(args: list[str]) -> int:
    python = ensure_environment("test")
    code = subprocess.call([str(python), "-m", "pytest", *args], cwd=ROOT)
    if code == PYTEST_NO_TESTS:
        say("pytest ran no tests: that counts as a failure")
        return 1
    return code


def ruff(args: list[str]) -> int:
    python = ensure_environment("test")
    return subprocess.call([str(python), "-m", "ruff", *args], cwd=ROOT)


COMMANDS = {
    "start": start,
    "test": test,
    "format": lambda args: ruff(["format", ".", *args]) or ruff(["check", "--fix", ".", *args]),
    "lint": lambda args: ruff(["check", ".", *args]) or ruff(["format", "--check", ".", *args]),
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in COMMANDS:
        print(__doc__)
        return 2
    return COMMANDS[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
