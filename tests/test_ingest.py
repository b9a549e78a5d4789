"""Tests for medialit.ingest: any file or link becomes an Article, or a one-line message saying what to do."""

from __future__ import annotations

import pytest

import medialit
from medialit.errors import LinkError, MedialitError, TextFileError
from medialit.ingest import MAX_BYTES, is_link, read_bytes, read_link, read_path
from medialit.ingest.webpage import extract_page, looks_like_html

from .conftest import ROOT
from .documents import make_docx, make_pdf
from .pages_server import serve

PAGES = ROOT / "tests" / "fixtures" / "ingest"
SIDEBAR = (PAGES / "news-with-sidebar.html").read_bytes()
STORY = [
    "The Riverton city council voted on Tuesday to keep the main library open until 9 p.m. on",
    "weekdays, a change that will cost about 40,000 dollars a year, according to the council's",
    "budget office. The plan would start in May, and the council will look at the figures again.",
]


# --- web pages ------------------------------------------------------------------------------------------


def test_menus_ads_and_related_stories_are_dropped():
    """Is only the article kept: no menu, sidebar headlines with numbers, advert or footer?"""
    article = read_bytes(SIDEBAR, "page.html")
    assert article.kind == "html" and article.extracted
    assert "40,000 dollars" in article.text and "the longer hours were worth" in article.text
    for boilerplate in ("Extinct In 20 Years", "9 Out Of 10", "70% off", "Subscribe", "Privacy policy"):
        assert boilerplate not in article.text


def test_metadata_is_found_and_says_where_from():
    """Are the title, author, date and site name found, each with where it came from?"""
    found = read_bytes(SIDEBAR, "page.html").metadata
    assert found["title"].value == "Riverton council extends library hours"
    assert found["author"].value == "Dana Example"
    assert found["date"].value == "2024-03-05"
    assert found["site_name"].value == "The Riverton Ledger"
    assert all("trafilatura" in f.source for f in found.values())


def test_line_breaks_inside_a_paragraph_are_not_sentence_breaks():
    """Does a <p> with line breaks in its source come out as one line, paragraphs a blank line apart?"""
    page = (
        b"<p>The plan would cost\n 300 million pounds, according to the\n Treasury.</p><p>It starts soon.</p>"
    )
    text = read_bytes(page, "snippet.html").text
    assert text == "The plan would cost 300 million pounds, according to the Treasury.\n\nIt starts soon.\n"
    report = medialit.analyze(text)
    assert len(report.sentences) == 2
    assert [(s.text, s.sourcing) for s in report.statistics] == [
        ("300 million pounds", "named-organization-or-person")
    ]


def test_page_starting_with_a_long_style_block_is_html():
    """Is a page that opens with a 2,000-character <style> block recognised as HTML, not read as markup?"""
    style = "<style>" + "p { margin: 0 }\n" * 130 + "</style>"
    page = style + "<div><p>Officials said the bridge would reopen on Friday after repairs.</p></div>"
    assert len(style) > 2000 and looks_like_html(page)
    article = read_bytes(page.encode(), "pasted text")
    assert article.kind == "html" and "margin" not in article.text and "bridge would reopen" in article.text


def test_javascript_page_gets_a_warning():
    """Does a page whose article is drawn by JavaScript come with a warning to copy the text instead?"""
    article = read_path(PAGES / "javascript-app.html")
    assert any("may need JavaScript" in note and "copy its text" in note for note in article.notes)


def test_page_that_is_all_script_is_refused():
    """Is an HTML file that is 99% script refused with one line naming the file and what to do?"""
    page = (
        "<html><head><script>"
        + "var a = 1;" * 5000
        + "</script></head><body><div id=app></div></body></html>"
    )
    with pytest.raises(TextFileError, match=r"^app\.html has almost no text .* copy the article's words"):
        read_bytes(page.encode(), "app.html")


def test_plain_text_mentioning_a_tag_is_not_html():
    """Is an ordinary text that mentions <b> left alone?"""
    assert not looks_like_html("The word <b> appears once.\nNothing else.")
    assert read_bytes(b"The word <b> appears once.", "a.txt").text == "The word <b> appears once."


def test_extract_page_never_runs_scripts_and_keeps_fragments():
    """Is a pasted fragment reduced to its text, with scripts dropped?"""
    page = extract_page("<h1>Flood of news</h1><p>A tidal wave hit.</p><script>steal()</script>")
    assert page.text == "Flood of news\n\nA tidal wave hit.\n"


# --- encodings ------------------------------------------------------------------------------------------


def test_declared_charset_is_honoured():
    """Is a page declaring charset=iso-8859-1 read with its umlauts, not refused or turned into U+FFFD?"""
    page = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1"></head>'
        "<body><p>Der Bürgermeister von Köln sprach über die Pläne für die Brücke.</p></body></html>"
    ).encode("latin-1")
    text = read_bytes(page, "seite.html").text
    assert "Bürgermeister von Köln" in text and "\ufffd" not in text


def test_latin1_label_is_read_as_windows_1252_like_browsers():
    """Are curly quotes in a page labelled iso-8859-1 read as quotes (Windows-1252), as browsers read them?"""
    page = '<meta charset="iso-8859-1"><p>He called it “unfair” in the café.</p>'.encode("cp1252")
    assert "“unfair” in the café" in read_bytes(page, "page.html").text


def test_utf16_with_a_bom_is_text(tmp_path):
    """Is a UTF-16 file with a byte-order mark (Notepad's "Unicode") read as text, not called binary?"""
    path = tmp_path / "notepad.txt"
    path.write_bytes("Officials said 4,000 people left.\r\nIt was “calm”.".encode("utf-16"))
    assert read_path(path).text == "Officials said 4,000 people left.\nIt was “calm”."


def test_utf8_bom_and_windows_line_ends_are_removed():
    """Are a UTF-8 byte-order mark and CRLF line ends removed, so offsets match the returned text?"""
    assert read_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n", "win.txt").text == "Line one.\nLine two.\n"


def test_windows_1252_text_is_detected_and_noted():
    """Is a text that is not UTF-8 read in its detected encoding, with a note saying so?"""
    article = read_bytes("The café’s owner said “no”.".encode("cp1252"), "old.txt")
    assert article.text == "The café’s owner said “no”."
    assert any("cp1252" in note for note in article.notes)


# --- PDF and Word -----------------------------------------------------------------------------------------


def test_pdf_text_is_reflowed_into_sentences():
    """Is a PDF's text read, printed line breaks joined, with its title and author from its properties?"""
    article = read_bytes(make_pdf(STORY, title="Library hours", author="Dana Example"), "hours.pdf")
    assert article.kind == "pdf"
    assert "open until 9 p.m. on weekdays, a change" in article.text
    assert article.metadata["title"].value == "Library hours"
    assert article.metadata["author"].source == "the PDF's document properties"


def test_password_pdf_is_a_clear_message():
    """Is a password-protected PDF refused with one line naming the file and what to do?"""
    with pytest.raises(TextFileError, match=r"^secret\.pdf is protected by a password.*paste them instead"):
        read_bytes(make_pdf(STORY, password="letmein"), "secret.pdf")


def test_scanned_pdf_is_a_clear_message():
    """Is a PDF with no text layer (a scan) refused with a message saying so?"""
    with pytest.raises(TextFileError, match=r"^scan\.pdf has no text layer: it is probably a scan"):
        read_bytes(make_pdf([]), "scan.pdf")


def test_damaged_pdf_is_a_clear_message():
    """Is a truncated PDF refused as damaged, not a traceback?"""
    with pytest.raises(TextFileError, match=r"^cut\.pdf is damaged"):
        read_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog", "cut.pdf")


def test_docx_paragraphs_and_properties():
    """Are a Word file's paragraphs read a blank line apart, with its title and author?"""
    data = make_docx(["Library hours", "The council voted on Tuesday."], title="Hours", author="Dana Example")
    article = read_bytes(data, "handout.docx")
    assert article.kind == "docx" and article.text == "Library hours\n\nThe council voted on Tuesday.\n"
    assert article.metadata["author"].value == "Dana Example"


@pytest.mark.parametrize("cut", [0.5, 0.9])
def test_corrupt_docx_is_a_clear_message(cut):
    """Is a damaged .docx refused with one line naming the file and what to do?"""
    data = make_docx(["Some text."])
    with pytest.raises(TextFileError, match=r"^broken\.docx is damaged .* save it again"):
        read_bytes(data[: int(len(data) * cut)], "broken.docx")


def test_old_word_file_is_explained():
    """Is an old .doc file refused with advice to save it as .docx?"""
    with pytest.raises(TextFileError, match=r"old-style Word file \(\.doc\)"):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "essay.doc")


# --- files that cannot be used ------------------------------------------------------------------------


def test_file_over_20_mb_is_refused_before_reading(tmp_path):
    """Is a 20 MB+ file refused with its size and the limit named, without reading it?"""
    path = tmp_path / "huge.html"
    with path.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)  # a sparse file: nothing is written
    with pytest.raises(
        TextFileError, match=r"huge\.html is 20,971,521 bytes; the limit is 20,971,520\. Save"
    ):
        read_path(path)


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "is a picture"),
        (bytes(range(256)) * 4, "is not text"),
        (b"PK\x03\x04" + b"\x00" * 50, "is a zip archive"),
    ],
)
def test_binary_files_name_the_file_and_the_problem(data, problem):
    """Is a picture, binary or zip file refused with its name and the problem?"""
    with pytest.raises(TextFileError, match=rf"^upload\.bin {problem}"):
        read_bytes(data, "upload.bin")


def test_missing_file_and_folder(tmp_path):
    """Are a missing path and a folder reported as such?"""
    with pytest.raises(TextFileError, match="no such file"):
        read_path(tmp_path / "nope.txt")
    with pytest.raises(TextFileError, match="is a folder"):
        read_path(tmp_path)


# --- links (a local server; never the internet) ----------------------------------------------------------


def test_link_is_fetched_and_extracted():
    """Is a linked page fetched and reduced to its article, with the link kept as its URL?"""
    with serve({"/story": (200, "text/html; charset=utf-8", SIDEBAR)}) as base:
        article = read_link(f"{base}/story")
    assert "40,000 dollars" in article.text and "Extinct" not in article.text
    assert article.metadata["url"].value == f"{base}/story"


def test_linked_pdf_and_server_charset():
    """Is a linked PDF read as a PDF, and a charset given by the server honoured?"""
    latin = "<p>Der Bürgermeister sprach über die Brücke und die Pläne der Stadt.</p>".encode("latin-1")
    routes = {
        "/a.pdf": (200, "application/pdf", make_pdf(STORY)),
        "/de": (200, "text/html; charset=latin-1", latin),
    }
    with serve(routes) as base:
        assert read_link(f"{base}/a.pdf").kind == "pdf"
        assert "Bürgermeister" in read_link(f"{base}/de").text


@pytest.mark.parametrize(
    ("path", "problem"),
    [
        ("/missing", r"the server answered 404 Not Found\. Check the link"),
        ("/picture", r"is not a web page, PDF or Word file \(the server says it is image/png\)"),
        ("/slow", r"did not answer within 0\.5 seconds"),
    ],
)
def test_link_failures_are_one_line(path, problem):
    """Does a link that gives 404, is not a page, or times out give one line naming the link?"""
    with serve(
        {"/picture": (200, "image/png", b"\x89PNG\r\n"), "/slow": (200, "text/html", SIDEBAR)}
    ) as base:
        with pytest.raises(
            LinkError, match=rf"^{base}{path} {problem}" if path != "/missing" else problem
        ) as caught:
            read_link(f"{base}{path}", timeout=0.5)
    assert "\n" not in str(caught.value)


def test_offline_link_is_one_line():
    """Does a link that cannot be reached (nothing listening: like being offline) give one line?"""
    with serve({}) as base:
        pass  # the server is closed again: its port refuses connections
    with pytest.raises(LinkError, match=r"could not be reached .* internet connection"):
        read_link(f"{base}/story", timeout=2)


def test_only_web_links_are_fetched():
    """Are file:// and other schemes refused, and is_link true only for http(s) links?"""
    with pytest.raises(LinkError, match="must start with http"):
        read_link("file:///etc/passwd")
    assert (
        is_link(" https://example.org/a?b=1 ") and not is_link("see https://example.org") and not is_link("-")
    )


def test_errors_are_medialit_errors():
    """Can a caller catch every ingest error with one except clause?"""
    assert issubclass(TextFileError, MedialitError) and issubclass(LinkError, MedialitError)
