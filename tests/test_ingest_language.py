"""Tests for medialit.ingest.language: text that is not English gets a note instead of English judgements."""

from __future__ import annotations

import pytest

from medialit.ingest import read_bytes
from medialit.ingest.language import confident_language, language_note

GERMAN = "Die Regierung hat die Pläne vorgestellt. Die Opposition kritisierte die Kosten des Projekts scharf."
SPANISH = "El 8 de marzo miles de personas marcharon en Madrid para pedir igualdad y mejores salarios."


@pytest.mark.parametrize(("text", "code"), [(GERMAN, "de"), (SPANISH, "es")])
def test_other_languages_are_recognised(text, code):
    """Are German and Spanish news sentences recognised as such?"""
    assert confident_language(text) == code


@pytest.mark.parametrize(
    "text",
    [
        "Officials said 4,000 people were affected. It is a total disaster!",
        "A tidal wave of crime.",
        "Experts say a tidal wave of 9 in 10 voters is furious.",
    ],
)
def test_short_english_is_never_called_foreign(text):
    """Is a short English text judged English, or left undecided, never called another language?"""
    assert confident_language(text) in {"en", None}


def test_too_short_to_tell():
    """Is a one- or two-word text left undecided?"""
    assert confident_language("Hello there") is None


def test_note_names_the_language_and_the_override():
    """Does the note name the language, say no flags were given, and how to insist on English?"""
    note = language_note("de")
    assert "German (de)" in note and "no flags were given" in note and note.endswith("use --language en.")
    assert language_note("en") is None and language_note(None) is None


def test_reader_choice_wins():
    """Does the reader's own choice of language win over detection, both ways?"""
    assert language_note("de", "en") is None
    assert "marked as French (fr)" in language_note("en", "fr", override="the English box")


def test_mixed_page_is_judged_by_its_article_text():
    """Is a German article on a page with English menus judged German (by the article text)?"""
    page = (
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a> "
        "<a href='/subscribe'>Subscribe to our newsletter today</a></nav><article>"
        f"<p>{GERMAN}</p><p>Der Bürgermeister sagte, die Stadt werde die Pläne im Mai prüfen.</p>"
        "</article><footer>Copyright. All rights reserved. Privacy policy. Terms of use.</footer></body></html>"
    )
    assert read_bytes(page.encode(), "seite.html").language == "de"
