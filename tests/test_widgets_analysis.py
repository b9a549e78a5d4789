"""Do the highlighted report, the key-against-machine comparison and the analysis tool work headless, safely?"""

from __future__ import annotations

import html
from datetime import datetime, timezone

import ipywidgets
import pytest

import medialit
from medialit import widgets as mw
from medialit.evaluate import evaluate
from medialit.schema import LoadedSpan, SentenceSpan, SpanSet, StatisticSpan

EVIL = "<script>alert(1)</script><img src=x onerror=alert(2)>"
ARTICLE = "oig-release-report"


def walk(widget):
    """The widget and everything inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def upload(name: str, data: bytes) -> tuple[dict, ...]:
    """A FileUpload value, as ipywidgets 8 gives it."""
    return (
        {
            "name": name,
            "type": "text/plain",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2024, 1, 1, tzinfo=timezone.utc),
        },
    )


@pytest.fixture
def shown(monkeypatch):
    """Whatever the show_* functions display."""
    out = []
    monkeypatch.setattr(mw, "display", out.append)
    return out


@pytest.fixture
def tool(tmp_path):
    """An empty analysis tool that saves reports into a temporary folder."""
    return mw.analysis_widget(folder=tmp_path)


# --- the highlighted report -----------------------------------------------------------------------------


def test_report_frame_is_sandboxed_and_escaped():
    """Is the report a frame with no permissions, and does a "<script>" in the text stay text, escaped twice?"""
    text = f"The flood {EVIL} of 40% of people."
    frame = mw.report_frame_html(text, medialit.analyze(text), title=f"Mine {EVIL}")
    assert frame.startswith('<iframe class="medialit-report"') and 'sandbox=""' in frame
    assert "<script" not in frame and "<img" not in frame
    assert "&amp;lt;script&amp;gt;" in frame  # escaped by render_html, then as the srcdoc attribute
    assert f'title="{html.escape("Mine " + EVIL, quote=True)}"' in frame


def test_show_html_report_displays_a_widget(shown):
    """Does show_html_report display one HTML widget holding the key's page for the article?"""
    text = medialit.load(ARTICLE).text
    mw.show_html_report(text, medialit.annotations(ARTICLE), "The answer key", note="People's marks")
    assert len(shown) == 1 and isinstance(shown[0], ipywidgets.HTML)
    assert "medialit-report-view" in shown[0]._dom_classes
    assert "The answer key" in shown[0].value and "People&amp;#x27;s marks" in shown[0].value


# --- the answer key against the machine -----------------------------------------------------------------


@pytest.mark.parametrize("doc_id", medialit.corpus.ids())
def test_comparison_counts_match_evaluate(doc_id):
    """Do the lists of found, missed and extra items agree with medialit.evaluate's counts?"""
    text, key = medialit.load(doc_id).text, medialit.annotations(doc_id)
    report = medialit.analyze(text)
    diff = mw.compare_spans(key, report)
    scores = evaluate(report, key)
    loaded = scores.scores["loaded"]["all"]
    assert len(diff["loaded"]["missed"]) == loaded.fn
    assert len(diff["loaded"]["extra"]) == loaded.fp
    stats = scores.scores["statistics"]["all"]
    assert len(diff["statistics"]["missed"]) == stats.fn
    assert len(diff["statistics"]["extra"]) == stats.fp
    assert len(diff["statistics"]["both"]) - len(diff["statistics"]["sourcing"]) == scores.sourcing_correct
    assert len(diff["sentences"]["agree"]) == scores.scores["sentences"]["all"].tp
    assert len(diff["sentences"]["agree"]) + len(diff["sentences"]["disagree"]) == len(key.sentences)


def test_key_against_itself_has_no_differences():
    """Compared with itself, is everything found by both, with nothing missed, extra or disputed?"""
    key = medialit.annotations(ARTICLE)
    diff = mw.compare_spans(key, key)
    assert len(diff["loaded"]["both"]) == len(key.loaded) and not diff["loaded"]["extra"]
    assert not diff["loaded"]["missed"] and not diff["loaded"]["debatable"]
    assert not diff["statistics"]["sourcing"] and not diff["sentences"]["disagree"]


def test_comparison_html_is_escaped():
    """Would a "<script>" in the text, a phrase or a sentence show as text in the comparison?"""
    text = f"Flood {EVIL} here."
    a, b = text.index("<script>"), text.index("<img")
    key = SpanSet(
        loaded=(LoadedSpan(a, b, text[a:b], "labeling", "writer", "r"),),
        sentences=(SentenceSpan(0, len(text), text, "writer-opinion"),),
    )
    report = SpanSet(
        loaded=(LoadedSpan(0, 5, "Flood", "emotive-metaphor", "writer", "r"),),
        statistics=(StatisticSpan(b, len(text) - 6, text[b:-6], "none", None, "r", "w"),),
        sentences=(SentenceSpan(0, len(text), text, "unattributed-fact"),),
    )
    page = mw.comparison_html(text, key, report)
    assert "<script" not in page and "<img" not in page
    assert html.escape("<script>") in page
    assert "unattributed fact" in page and "writer opinion" in page


def test_show_comparison(shown):
    """Does show_comparison display the lists for an article, naming each group?"""
    mw.show_comparison(ARTICLE)
    assert len(shown) == 1 and isinstance(shown[0], ipywidgets.HTML)
    value = shown[0].value
    for heading in ("Found by both", "missed by the machine", "false alarms", "Sentence labels"):
        assert heading in value


def test_lesson_04_examples_still_hold():
    """Lesson 04 ("Where the machine fails") describes these two mistakes; do the detectors still make them?

    If a detector now gets one of these right, well done: update that section of
    solutions/07-Whole-Article-Audit.ipynb to describe a mistake it still makes, then this test.
    """
    text = medialit.load(ARTICLE).text
    diff = mw.compare_spans(medialit.annotations(ARTICLE), medialit.analyze(text))
    assert "always" in [p.text for p in diff["loaded"]["extra"]]
    assert "two recommendations" in [k.text for k, _ in diff["statistics"]["sourcing"]]
    assert any(k.text.startswith("The OIG issued") for k, _ in diff["sentences"]["disagree"])


# --- the analysis tool ----------------------------------------------------------------------------------


def test_paste_and_analyse(tool):
    """Typing text and clicking Analyse shows a summary with counts and the highlighted report."""
    tool.text_input.value = medialit.load("contrast-crime-right").text
    tool.analyse_button.click()
    report = medialit.analyze(medialit.load("contrast-crime-right").text)
    assert tool.result == report
    assert "✓" in tool.message.value
    assert f"<strong>{len(report.loaded)}</strong> loaded" in tool.summary.value
    assert "Loaded language" in tool.summary.value and "Who says so?" in tool.summary.value
    assert tool.output.value.startswith("<iframe") and "tidal wave" in tool.output.value
    assert not tool.save_button.disabled


def test_text_given_is_analysed_at_once(tmp_path):
    """Does analysis_widget(text) show the report without a click, under the given title?"""
    tool = mw.analysis_widget("A tidal wave of crime.", title="Demo", folder=tmp_path)
    assert tool.result is not None and "Demo" in tool.output.value


def test_show_analysis_displays_the_tool(shown):
    """Does show_analysis display the tool, with labelled inputs?"""
    mw.show_analysis()
    assert len(shown) == 1 and isinstance(shown[0], mw.AnalysisWidget)
    inputs = [
        x
        for x in walk(shown[0])
        if isinstance(x, ipywidgets.ValueWidget | ipywidgets.Button) and not isinstance(x, ipywidgets.HTML)
    ]
    assert len(inputs) >= 5 and all(x.description.strip() for x in inputs)


@pytest.mark.parametrize("text", ["", "   \n\t  "])
def test_empty_text_explained(tool, text):
    """Does Analyse with nothing typed say what to do, and show no report?"""
    tool.text_input.value = text
    tool.analyse_button.click()
    assert "✗" in tool.message.value and "no text" in tool.message.value
    assert tool.output.value == "" and tool.summary.value == "" and tool.result is None
    assert tool.save_button.disabled


def test_pasted_text_is_escaped(tool):
    """Does a pasted "<script>" come back as text in the report, never as a tag?"""
    tool.text_input.value = f"The flood of {EVIL} is a disaster, experts say 90% agree."
    tool.analyse()
    shown = tool.message.value + tool.summary.value + tool.output.value
    assert "<script" not in shown and "<img" not in shown


def test_pasted_web_page_is_reduced(tool):
    """Is pasted HTML reduced to its text, with scripts dropped and a note saying so?"""
    tool.text_input.value = (
        "<html><body><h1>Flood of news</h1><p>A tidal wave hit.</p><script>steal()</script></body></html>"
    )
    tool.analyse()
    assert tool.analysed_text == "Flood of news\n\nA tidal wave hit.\n"
    assert "web page" in tool.message.value and "steal" not in tool.output.value


def test_too_long_text_refused(tool):
    """Is a text longer than the limit refused with a message rather than analysed?"""
    tool.text_input.value = "word " * (mw.MAX_ANALYSIS_CHARS // 5 + 1)
    assert tool.analyse() is None and "at most" in tool.message.value


def test_upload_text_file(tool):
    """Does uploading a .txt file fill the box and the title, and reset the upload so it can be used again?"""
    tool.file_input.value = upload("my-article.txt", "Headline\r\n\r\nA tidal wave, “quoted”.".encode())
    assert tool.text_input.value == "Headline\n\nA tidal wave, “quoted”."
    assert tool.title_input.value == "my-article"
    assert "✓ Loaded my-article.txt" in tool.message.value
    assert tool.file_input.value == ()
    tool.analyse_button.click()
    assert tool.result is not None and tool.result.loaded


def test_upload_html_file(tool):
    """Is an uploaded web page reduced to its readable text, never run?"""
    page = (
        b"<!DOCTYPE html><html><head><script>alert(1)</script></head><body><p>Hello there.</p></body></html>"
    )
    assert tool.load_bytes(page, "page.html")
    assert tool.text_input.value == "Hello there.\n"
    assert "web page" in tool.message.value


def test_upload_binary_refused(tool):
    """Is a damaged Word file refused, with a message naming it and saying what to do, and the box kept?"""
    tool.text_input.value = "kept"
    assert not tool.load_bytes(b"PK\x03\x04\x00\x00binary", "essay.docx")
    assert "✗" in tool.message.value and "essay.docx" in tool.message.value
    assert "damaged or not a real Word .docx file" in tool.message.value
    assert tool.text_input.value == "kept"


def test_upload_non_utf8_is_read_in_its_encoding(tool):
    """Is a Windows-1252 file read with its letters intact, and the message saying which encoding?"""
    data = "Caf\u00e9 owners say \u201cflood\u201d.".encode("cp1252")
    assert tool.load_bytes(data, "old.txt")
    assert tool.text_input.value == "Caf\u00e9 owners say \u201cflood\u201d."
    assert "cp1252" in tool.message.value


def test_upload_pdf_and_docx(tool):
    """Are a PDF and a Word file loaded as their text, with what the file says about itself shown?"""
    from .documents import make_docx, make_pdf

    story = ["Officials said 4,000 people left the city on Monday, according to the mayor's office."]
    assert tool.load_bytes(make_pdf(story, title="Leaving the city", author="Dana Example"), "handout.pdf")
    assert "4,000 people left" in tool.text_input.value and tool.title_input.value == "Leaving the city"
    assert "Who is behind this?" in tool.source.value and "Dana Example" in tool.source.value
    assert "the PDF&#x27;s document properties" in tool.source.value
    assert tool.load_bytes(make_docx(story, author="Sam Placeholder"), "handout.docx")
    assert tool.analyse() is not None and "Sam Placeholder" in tool.source.value


def test_uploaded_page_shows_who_is_behind_it(tool):
    """Does an uploaded news page show its title, author, date and publisher, and keep sidebars out?"""
    from .conftest import ROOT

    page = (ROOT / "tests" / "fixtures" / "ingest" / "news-with-sidebar.html").read_bytes()
    assert tool.load_bytes(page, "ledger.html")
    assert tool.title_input.value == "Riverton council extends library hours"
    for value in ("Dana Example", "2024-03-05", "The Riverton Ledger"):
        assert value in tool.source.value
    report = tool.analyse()
    assert "Extinct" not in tool.analysed_text and all("Years" not in s.text for s in report.statistics)


def test_link_is_fetched_only_on_request(tool):
    """Is a link fetched when Fetch is clicked (a local server), and a 404 explained in one line?"""
    from .conftest import ROOT
    from .pages_server import serve

    page = (ROOT / "tests" / "fixtures" / "ingest" / "news-with-sidebar.html").read_bytes()
    with serve({"/story": (200, "text/html", page)}) as base:
        tool.link_input.value = f"{base}/story"
        tool.fetch_button.click()
        assert "40,000 dollars" in tool.text_input.value and f"{base}/story" in tool.source.value
        tool.text_input.value = f"{base}/story"  # a link pasted into the text box is fetched on Analyse
        assert tool.analyse() is not None and "40,000 dollars" in tool.analysed_text
        assert not tool.load_link(f"{base}/gone")
    assert "404 Not Found" in tool.message.value and "✗" in tool.message.value


def test_other_languages_get_a_note_unless_ticked(tool):
    """Does German text get a note and no flags, and flags once "It is in English" is ticked?"""
    tool.text_input.value = "Die Regierung hat die Pläne vorgestellt. Die Opposition kritisierte die Kosten."
    report = tool.analyse()
    assert report == mw.SpanSet() and "German (de)" in tool.message.value
    tool.english_box.value = True
    forced = tool.analyse()
    assert len(forced.sentences) == 2 and "German (de)" not in tool.message.value  # the English detectors ran


def test_pasted_text_has_nobody_behind_it(tool):
    """Does pasted text say the kit cannot tell who is behind it?"""
    tool.text_input.value = "A tidal wave of crime."
    tool.analyse()
    assert "Who is behind this?" in tool.source.value and "You pasted this text" in tool.source.value


@pytest.mark.parametrize("data", [b"", b"   \n", b"<html><body><script>x()</script></body></html>"])
def test_upload_empty_refused(tool, data):
    """Is an empty file, or a page with no readable text, refused with a message?"""
    assert not tool.load_bytes(data, "blank.txt")
    assert "no text" in tool.message.value


def test_upload_too_big_refused(tool):
    """Is a file over the size limit refused before it is decoded?"""
    assert not tool.load_bytes(b"a" * (mw.MAX_UPLOAD_BYTES + 1), "huge.txt")
    assert "too big" in tool.message.value


def test_save_report(tool, tmp_path):
    """Does Save write a self-contained, escaped web page into the folder and say where?"""
    tool.title_input.value = "../My <b>article</b>"
    tool.text_input.value = f"A tidal wave {EVIL}."
    tool.analyse()
    tool.save_button.click()
    files = list(tmp_path.glob("medialit-report-*.html"))
    assert len(files) == 1 and files[0].parent == tmp_path
    assert html.escape(str(files[0])) in tool.message.value
    page = files[0].read_text(encoding="utf-8")
    assert "tidal wave" in page and "<script" not in page and "<b>" not in page


def test_save_before_analyse_explained(tool, tmp_path):
    """Does saving before any analysis explain what to do, and write nothing?"""
    assert tool.save() is None
    assert "Analyse first" in tool.message.value
    assert not list(tmp_path.iterdir())


def test_pasted_page_with_a_broken_character_is_analysed(tool):
    """Is a pasted web page holding half an emoji (a lone surrogate) analysed, not a crash?"""
    tool.text_input.value = "<html><body><p>The minister said \ud800 that 40% agree.</p></body></html>"
    report = tool.analyse()
    assert report is not None and [s.text for s in report.statistics] == ["40% agree"]
