"""Is the code lint-clean and formatted (ruff), so style never drifts?"""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from .conftest import ROOT


def _ruff(*args: str) -> subprocess.CompletedProcess:
    if (
        shutil.which("ruff") is None
        and subprocess.call([sys.executable, "-m", "ruff", "--version"], stdout=subprocess.DEVNULL) != 0
    ):
        pytest.skip("ruff is not installed (pip install -e .[test])")
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_check():
    """Does ruff find no lint problems?"""
    done = _ruff("check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_ruff_format():
    """Is every file formatted as ruff formats it?"""
    done = _ruff("format", "--check", ".")
    assert done.returncode == 0, done.stdout + done.stderr
