#!/usr/bin/env python3
"""Set up and run the medialit kit with nothing but python3: `start`, `test`, `format`, `lint`.

    python3 kit.py start    # make .venv, install the kit, open JupyterLab at the first lesson
    python3 kit.py test     # make .venv, install the kit and its test tools, run every test

The virtual environment lives in .venv (or $MEDIALIT_VENV). It is (re)installed
only when pyproject.toml changes, so later runs start at once.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = Path(os.environ.get("MEDIALIT_VENV", ROOT / ".venv"))
FIRST_LESSON = "lessons/00-Start-Here.ipynb"
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


def start(args: list[str]) -> int:
    python = ensure_environment("")
    command = [
        str(python),
        "-m",
        "jupyter",
        "lab",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.root_dir={ROOT}",
        FIRST_LESSON,
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    say("starting JupyterLab; it prints the address to open (Ctrl+C twice to stop)")
    return subprocess.call(command + args, cwd=ROOT)


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
