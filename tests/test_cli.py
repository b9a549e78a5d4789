"""Tests for the command line: python -m medialit analyze / evaluate, and their contracts."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import medialit
from medialit.datafiles import schema_errors

from .conftest import ROOT


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "medialit", *args], cwd=ROOT, input=stdin, capture_output=True, check=False
    )


def test_json_has_exactly_the_answer_keys_shape(tmp_path):
    """Does `analyze --format json` give the key's three lists, valid against the spans schema?"""
    path = medialit.corpus.datasets_dir() / "articles" / "oig-release-report.txt"
    done = _run("analyze", str(path), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert set(data) == {"loaded", "statistics", "sentences"}
    assert schema_errors(data, "spans.schema.json") == []
    text = medialit.load("oig-release-report").text
    assert all(text[s["start"] : s["end"]] == s["text"] for kind in data.values() for s in kind)


def test_standard_input_and_text_format():
    """Does `analyze -` read standard input and list what it found in plain text?"""
    done = _run("analyze", "-", stdin=b"Officials said 4,000 people were affected. It is a total disaster!")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    assert "4,000" in out and "Sentences (2)" in out


def test_html_format_is_a_whole_page():
    """Does `--format html` give one self-contained page, with nothing loaded from elsewhere?"""
    done = _run("analyze", "-", "--format", "html", stdin=b"A flood of <b>lies</b> says 90% of experts.")
    page = done.stdout.decode()
    assert page.startswith("<!DOCTYPE html>") and "&lt;b&gt;lies&lt;/b&gt;" in page
    assert "http://" not in page and "https://" not in page and "<script" not in page


def test_empty_input_gives_an_empty_report():
    """Is an empty text an empty report, not an error?"""
    done = _run("analyze", "-", "--format", "json", stdin=b"")
    assert done.returncode == 0
    assert json.loads(done.stdout) == {"loaded": [], "statistics": [], "sentences": []}


@pytest.mark.parametrize(
    ("data", "message"),
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "binary"), (b"caf\xe9 noir", "not UTF-8 text: byte 0xe9")],
)
def test_binary_and_non_utf8_input_are_clear_errors(data, message):
    """Is binary or non-UTF-8 input refused with one line naming the problem, not a traceback?"""
    done = _run("analyze", "-", stdin=data)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert message in err and "Traceback" not in err


def test_replacement_decoding_on_request():
    """Does --replace-errors analyse a non-UTF-8 text instead of stopping?"""
    done = _run("analyze", "-", "--replace-errors", "--format", "json", stdin=b"caf\xe9 noir. It is fine.")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["sentences"]) == 2


def test_html_input_is_reduced_to_text_and_says_so():
    """Is an HTML page analysed as its text, with the output saying offsets refer to that text?"""
    page = b"<html><body><script>var x = 99;</script><p>Officials said 4,000 people left.</p></body></html>"
    data = json.loads(_run("analyze", "-", "--format", "json", stdin=page).stdout)
    assert "reduced to text" in data["notes"]
    assert "var x" not in data["text"]
    assert all(data["text"][s["start"] : s["end"]] == s["text"] for s in data["statistics"])
    assert schema_errors(data, "spans.schema.json") == []


def test_missing_file_is_a_clear_error(tmp_path):
    """Is a missing file named in a one-line error?"""
    done = _run("analyze", str(tmp_path / "nope.txt"))
    assert done.returncode == 2 and b"no such file" in done.stderr


def test_evaluate_prints_scores():
    """Does `evaluate` print precision, recall and F1 for each detector?"""
    done = _run("evaluate")
    assert done.returncode == 0, done.stderr.decode()
    out = done.stdout.decode()
    for detector in ("loaded", "statistics", "sentences"):
        assert f"\n{detector}" in out
    assert "precision" in out and "sourcing right on" in out
