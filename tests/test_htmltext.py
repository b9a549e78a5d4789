"""Tests for medialit.htmltext: pasted web pages become plain text."""

from __future__ import annotations

from medialit.htmltext import html_to_text, looks_like_html


def test_scripts_and_styles_are_dropped_and_blocks_kept():
    """Are scripts and styles removed, entities decoded, and paragraphs kept apart?"""
    page = (
        "<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head><body>"
        "<script>alert('x')</script><h1>Headline</h1><p>One &amp; two.</p><p>Three</p></body></html>"
    )
    assert html_to_text(page) == "Headline\n\nOne & two.\n\nThree\n"


def test_plain_text_is_not_html():
    """Is an ordinary article, even one mentioning a <tag>, left alone?"""
    assert not looks_like_html("The word <b> appears once.\nNothing else.")
    assert looks_like_html("<html><body><p>Hi</p></body></html>")
    assert looks_like_html("<p>Para one</p>\n<p>Para two</p>")
