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


def _main(*args: str, stdin: bytes = b"") -> tuple[int, str, str]:
    """Run the command line in this process (quicker than a new one): exit code, standard output and error."""
    import contextlib
    import io
    from unittest import mock

    from medialit.cli import main

    out, err = io.StringIO(), io.StringIO()
    fake_stdin = io.TextIOWrapper(io.BytesIO(stdin))
    with (
        mock.patch("sys.stdin", fake_stdin),
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(err),
    ):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


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
    [(b"\x89PNG\r\n\x1a\n\x00\x00", "is a picture"), (bytes(range(256)) * 4, "is not text")],
)
def test_binary_input_is_a_clear_error(data, message):
    """Is binary input refused with one line naming the problem, not a traceback?"""
    done = _run("analyze", "-", stdin=data)
    assert done.returncode == 2
    err = done.stderr.decode()
    assert message in err and "Traceback" not in err and err.count("\n") == 1


def test_non_utf8_input_is_read_in_its_encoding():
    """Is a Windows-1252 text read in its detected encoding, with a note saying so?"""
    code, out, err = _main(
        "analyze", "-", "--format", "json", stdin="The café said “no”. It is fine.".encode("cp1252")
    )
    assert code == 0, err
    data = json.loads(out)
    assert "cp1252" in data["notes"] and len(data["sentences"]) == 2
    assert schema_errors(data, "spans.schema.json") == []


def test_replacement_decoding_on_request():
    """Does --replace-errors analyse a non-UTF-8 text instead of stopping?"""
    done = _run("analyze", "-", "--replace-errors", "--format", "json", stdin=b"caf\xe9 noir. It is fine.")
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["sentences"]) == 2


def test_binary_input_names_the_way_to_read_it_anyway():
    """When the input is not text (a NUL byte here), does the command line say it can be read anyway with
    --replace-errors, and does that flag then read it?"""
    code, out, err = _main("analyze", "-", stdin=b"Police said 12 people\x00 left.")
    assert code == 2 and "is not text" in err and "--replace-errors" in err and not out
    code, out, err = _main("analyze", "-", "--replace-errors", stdin=b"Police said 12 people\x00 left.")
    assert code == 0 and "12" in out, err


def test_html_input_is_reduced_to_text_and_says_so():
    """Is an HTML page analysed as its text, with the output saying offsets refer to that text?"""
    page = b"<html><body><script>var x = 99;</script><p>Officials said 4,000 people left.</p></body></html>"
    data = json.loads(_run("analyze", "-", "--format", "json", stdin=page).stdout)
    assert "reduced to text" in data["notes"]
    assert "var x" not in data["text"]
    assert all(data["text"][s["start"] : s["end"]] == s["text"] for s in data["statistics"])
    assert schema_errors(data, "spans.schema.json") == []


def test_saved_page_keeps_only_the_article_and_reports_who_is_behind_it():
    """Are sidebar headlines left out of the report, and the page's metadata given under `source`?"""
    path = ROOT / "tests" / "fixtures" / "ingest" / "news-with-sidebar.html"
    code, out, err = _main("analyze", str(path), "--format", "json")
    assert code == 0, err
    data = json.loads(out)
    assert schema_errors(data, "spans.schema.json") == []
    assert [s["text"] for s in data["statistics"]] and not any(
        n in s["text"] for s in data["statistics"] for n in ("20 Years", "9 Out", "70%", "3,000")
    )
    assert data["source"]["kind"] == "html" and data["source"]["language"] == "en"
    assert data["source"]["metadata"]["author"]["value"] == "Dana Example"
    text = _main("analyze", str(path))[1]
    assert (
        "Who is behind this?\n  Title: Riverton council extends library hours (from the page's metadata"
        in text
    )


def test_pdf_and_docx_files(tmp_path):
    """Are a PDF and a Word file analysed as their text, with the kind and metadata named?"""
    from .documents import make_docx, make_pdf

    story = ["Officials said 4,000 people left the city on Monday, according to the mayor's office."]
    (tmp_path / "a.pdf").write_bytes(make_pdf(story, title="Leaving"))
    (tmp_path / "a.docx").write_bytes(make_docx(story, author="Dana Example"))
    for name, kind in (("a.pdf", "pdf"), ("a.docx", "docx")):
        data = json.loads(_main("analyze", str(tmp_path / name), "--format", "json")[1])
        assert data["source"]["kind"] == kind and "4,000" in data["text"]
        assert [s["text"] for s in data["statistics"]] == ["4,000 people"]
        assert schema_errors(data, "spans.schema.json") == []


@pytest.mark.parametrize(
    ("make", "message"),
    [
        ("password", "is protected by a password"),
        ("docx", "is damaged or not a real Word .docx file"),
        ("script", "has almost no text of its own"),
        ("huge", "the limit is 20,971,520"),
    ],
)
def test_bad_files_are_one_line_naming_the_file(tmp_path, make, message):
    """Does a password PDF, corrupt .docx, all-script page or 20 MB+ file give one line, not a traceback?"""
    from .documents import make_docx, make_pdf

    path = tmp_path / {"password": "a.pdf", "docx": "a.docx", "script": "a.html", "huge": "a.txt"}[make]
    if make == "password":
        path.write_bytes(make_pdf(["Some words on a page of a handout here."], password="pw"))
    elif make == "docx":
        path.write_bytes(make_docx(["Some words."])[:900])
    elif make == "script":
        path.write_text("<html><body><script>" + "f();" * 20000 + "</script></body></html>")
    else:
        with path.open("wb") as handle:
            handle.truncate(20 * 1024 * 1024 + 1)
    code, _, err = _main("analyze", str(path))
    assert code == 2 and err.startswith(f"error: {path}") and message in err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_other_languages_get_a_note_and_no_flags():
    """Does German text get a note and no English flags, unless --language en insists?"""
    german = "Die Regierung hat die Pläne vorgestellt. Die Opposition kritisierte die Kosten scharf.".encode()
    data = json.loads(_main("analyze", "-", "--format", "json", stdin=german)[1])
    assert data == {"loaded": [], "statistics": [], "sentences": [], "notes": data["notes"]}
    assert "German (de)" in data["notes"] and "--language en" in data["notes"]
    forced = json.loads(_main("analyze", "-", "--format", "json", "--language", "en", stdin=german)[1])
    # Forced, the English detectors run: every sentence gets a label, and nothing says the text is German.
    assert len(forced["sentences"]) == 2 and "notes" not in forced


def test_spanish_dates_are_not_statistics():
    """Is "8 de marzo" in a Spanish text left alone (no statistic "8 de"), with a note naming Spanish?"""
    spanish = "El 8 de marzo miles de personas marcharon en Madrid para pedir igualdad y mejores salarios."
    data = json.loads(_main("analyze", "-", "--format", "json", stdin=spanish.encode())[1])
    assert data["statistics"] == [] and "Spanish (es)" in data["notes"]


def test_links_are_fetched_from_a_local_server():
    """Does `analyze URL` fetch and analyse the page, and a 404 give one line?"""
    from .pages_server import serve

    page = (ROOT / "tests" / "fixtures" / "ingest" / "news-with-sidebar.html").read_bytes()
    with serve({"/story": (200, "text/html", page)}) as base:
        data = json.loads(_main("analyze", f"{base}/story", "--format", "json")[1])
        code, _, err = _main("analyze", f"{base}/gone")
    assert data["source"]["metadata"]["url"]["value"] == f"{base}/story"
    assert schema_errors(data, "spans.schema.json") == []
    assert code == 2 and "404 Not Found" in err and err.count("\n") == 1


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
