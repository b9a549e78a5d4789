"""Do the lesson and solution notebooks carry no outputs, and run headless without error?"""

from __future__ import annotations

import json

import nbformat
import pytest
from nbclient import NotebookClient

from .conftest import ROOT

NOTEBOOKS = sorted((ROOT / "solutions").glob("*.ipynb")) + sorted((ROOT / "lessons").glob("*.ipynb"))


def test_there_are_notebooks():
    """Does every lesson have a solution, and is there at least one?"""
    solutions = {p.name for p in (ROOT / "solutions").glob("*.ipynb")}
    lessons = {p.name for p in (ROOT / "lessons").glob("*.ipynb")}
    assert solutions and solutions == lessons


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_outputs_stored(path):
    """Is the notebook committed without outputs or execution counts?"""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None, f"{path.name}: clear outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_runs_headless(path):
    """Does every cell run in a fresh kernel without an error?"""
    notebook = nbformat.read(path, as_version=4)
    NotebookClient(
        notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
    ).execute()
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert errors == []
