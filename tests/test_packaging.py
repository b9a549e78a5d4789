"""Does a plain wheel carry every subpackage and all of datasets/, and does the kit run from it in a fresh venv?"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

SETUPTOOLS = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
DATA_FILES = ("*.json", "*.txt", "*.csv", "*.yaml", "*.md")


def _subpackages() -> set[str]:
    return {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "medialit").rglob("__init__.py")
        if "__pycache__" not in init.parts
    }


def _dataset_folders() -> set[str]:
    folders = [ROOT / "datasets", *(p for p in (ROOT / "datasets").rglob("*") if p.is_dir())]
    return {".".join(("medialit", "datasets", *p.relative_to(ROOT / "datasets").parts)) for p in folders}


def test_every_subpackage_and_data_folder_is_listed():
    """Is every medialit subpackage and every folder of datasets/ in pyproject's package list?"""
    listed = set(SETUPTOOLS["packages"])
    assert _subpackages() <= listed, f"add to [tool.setuptools] packages: {sorted(_subpackages() - listed)}"
    assert _dataset_folders() <= listed, (
        f"add to [tool.setuptools] packages: {sorted(_dataset_folders() - listed)}"
    )
    assert SETUPTOOLS["package-dir"]["medialit.datasets"] == "datasets"


def test_every_data_file_has_a_packaged_kind():
    """Does every file under datasets/ have a suffix the wheel's package-data patterns take?"""
    kinds = {pattern.removeprefix("*") for pattern in SETUPTOOLS["package-data"]["*"]}
    assert kinds == {p.removeprefix("*") for p in DATA_FILES}
    left_out = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "datasets").rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in kinds
    ]
    assert not left_out, f"the wheel would leave these out: {left_out}"


def _run(command: list[str], cwd: Path, **kwargs) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, **kwargs)
    assert done.returncode == 0, f"{' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the kit installed from a wheel built from this checkout (not editable)."""
    folder = tmp_path_factory.mktemp("wheel")
    _run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(folder / "dist"), str(ROOT)], ROOT
    )
    (wheel,) = (folder / "dist").glob("medialit-*.whl")
    venv.EnvBuilder(with_pip=True).create(folder / "venv")
    python = folder / "venv" / ("Scripts" if os.name == "nt" else "bin") / "python"
    _run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", f"{wheel}[test]"], folder)
    return python


@pytest.mark.wheel
def test_the_installed_wheel_reads_its_own_datasets(installed: Path, tmp_path: Path):
    """Does the wheel's medialit load an article and its key from inside site-packages, not from this checkout?"""
    code = (
        "import json, medialit; from medialit.datafiles import datasets_dir; "
        "a = medialit.load('oig-release-report'); "
        "print(json.dumps([str(datasets_dir()), str(medialit.__file__), len(medialit.annotations(a.id).loaded)]))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"MEDIALIT_DATASETS", "PYTHONPATH"}}
    folder, module, loaded = json.loads(_run([str(installed), "-c", code], tmp_path, env=env).stdout)
    assert "site-packages" in folder and "site-packages" in module
    assert not Path(folder).is_relative_to(ROOT) and loaded > 0


@pytest.mark.wheel
def test_the_installed_wheel_runs_analyze(installed: Path, tmp_path: Path):
    """Does `python -m medialit analyze --format json` work from the wheel?"""
    article = tmp_path / "article.txt"
    article.write_text("Officials said 300 people were arrested in a shocking crackdown.\n", encoding="utf-8")
    done = _run([str(installed), "-m", "medialit", "analyze", str(article), "--format", "json"], tmp_path)
    report = json.loads(done.stdout)
    assert set(report) >= {"loaded", "statistics", "sentences"} and report["statistics"]


@pytest.mark.wheel
def test_the_installed_wheel_runs_lesson_00_headless(installed: Path, tmp_path: Path):
    """Does lesson 00 run from start to end under nbclient with only the wheel installed?"""
    notebook = tmp_path / "00-Start-Here.ipynb"
    notebook.write_bytes((ROOT / "lessons" / "00-Start-Here.ipynb").read_bytes())
    code = (
        "import sys, nbformat; from nbclient import NotebookClient; "
        "nb = nbformat.read(sys.argv[1], as_version=4); "
        "NotebookClient(nb, timeout=300, kernel_name='python3', "
        "resources={'metadata': {'path': sys.argv[2]}}).execute(); print('ran', len(nb.cells))"
    )
    env = {k: v for k, v in os.environ.items() if k not in {"MEDIALIT_DATASETS", "PYTHONPATH"}}
    env |= {"MEDIALIT_PROGRESS": str(tmp_path / "progress.sqlite3"), "MPLBACKEND": "Agg"}
    # The kernel must be the fresh venv's own: its ipykernel registers "python3" for that interpreter.
    env["PATH"] = f"{installed.parent}{os.pathsep}{env.get('PATH', '')}"
    env["JUPYTER_PATH"] = str(installed.parent.parent / "share" / "jupyter")
    done = _run([str(installed), "-c", code, str(notebook), str(tmp_path)], tmp_path, env=env)
    assert done.stdout.startswith("ran")
