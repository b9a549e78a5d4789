"""Do environment.yml and pyproject.toml name the same dependencies with the same floors?"""

from __future__ import annotations

import re
import sys

import pytest
import yaml

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

# PyPI name -> conda-forge name, where they differ.
CONDA_NAMES = {"vadersentiment": "vadersentiment", "pyyaml": "pyyaml"}
REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(>=\s*[0-9][0-9.]*)?\s*$")


def _parse(requirement: str) -> tuple[str, str | None]:
    match = REQUIREMENT.match(requirement)
    assert match, f"cannot read requirement {requirement!r}: use 'name>=floor'"
    name = re.sub(r"[-_.]+", "-", match.group(1)).lower()
    return CONDA_NAMES.get(name, name), (match.group(2) or "").replace(" ", "") or None


def _pyproject() -> dict[str, str | None]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    return dict(_parse(r) for r in data["project"]["dependencies"])


def _environment() -> dict[str, str | None]:
    data = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert data["channels"] == ["conda-forge"]
    deps = [d for d in data["dependencies"] if isinstance(d, str)]
    return {name: floor for name, floor in map(_parse, deps) if name not in {"python", "pip"}}


def test_same_packages_and_floors():
    """Does every runtime dependency appear in both files with the same version floor?"""
    assert _environment() == _pyproject()


def test_every_floor_is_set():
    """Does every runtime dependency have a version floor?"""
    assert all(floor for floor in _pyproject().values())


def test_environment_installs_the_kit_itself():
    """Does the conda environment install the medialit package that the lessons import?"""
    data = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip_sections = [d["pip"] for d in data["dependencies"] if isinstance(d, dict) and "pip" in d]
    assert ["-e ."] in pip_sections


def test_python_floors_agree():
    """Do both files ask for the same minimum Python?"""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert f"python{data['project']['requires-python']}" in env["dependencies"]


def test_every_dependency_says_why():
    """Does each dependency line in environment.yml carry a comment naming what uses it?"""
    lines = (ROOT / "environment.yml").read_text(encoding="utf-8").splitlines()
    in_deps = False
    for line in lines:
        if line.startswith("dependencies:"):
            in_deps = True
            continue
        item = line.strip()
        if (
            not in_deps
            or not item.startswith("- ")
            or item in {"- pip", "- pip:"}
            or item.startswith("- python")
        ):
            continue
        assert "#" in item and len(item.split("#", 1)[1].strip()) > 10, f"no reason given: {line!r}"
