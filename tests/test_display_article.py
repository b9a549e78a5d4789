"""Is an article shown in a readable proportional font, about 70 characters a line, escaped, with its byline?"""

from __future__ import annotations

import html
import re

import pytest

from medialit import corpus
from medialit.display import article_html, text_html
from medialit.errors import MedialitError, UnknownArticleError

ARTICLE = corpus.articles()[0]


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def test_whole_article_has_title_byline_and_text():
    """Does the whole article show its title once, its outlet and every word of its text?"""
    out = article_html(ARTICLE.id)
    shown = _text(out)
    text = corpus.load(ARTICLE.id).text
    assert text.lstrip().startswith(ARTICLE.title), "the kit stores the headline as the text's first line"
    assert shown.count(ARTICLE.title) == 1, "the headline is shown once, as the title"
    assert ARTICLE.outlet.value in shown
    assert " ".join(text.split()[len(ARTICLE.title.split()) :]) in shown


def test_a_text_without_its_headline_is_shown_whole(monkeypatch):
    """When the text does not open with the headline, is every word of it shown?"""
    from medialit.schema import Document

    monkeypatch.setattr(corpus, "load", lambda _id: Document(id="x", text="Headline words\nBody.", info=None))
    assert "Headline words" in _text(article_html("x"))


def test_readable_measure_and_font():
    """Is the line length about 70 characters, in a proportional font, with no mid-word breaks?"""
    out = article_html(ARTICLE.id)
    assert "max-width:70ch" in out and "sans-serif" in out
    assert "monospace" not in out and "break-all" not in out and "<pre" not in out


def test_part_of_an_article():
    """Are sentences start..end shown (both included), marked as a part, with nothing else?"""
    key = corpus.annotations(ARTICLE.id).sentences
    out = _text(article_html(ARTICLE.id, 1, 2))
    assert " ".join(key[1].text.split()) in out and " ".join(key[2].text.split()) in out
    assert " ".join(key[3].text.split()) not in out
    assert "Part of the article" in out


def test_bad_range_and_unknown_id():
    """Do a sentence range outside the article and an unknown id give clear errors?"""
    with pytest.raises(MedialitError, match="has sentences 0 to"):
        article_html(ARTICLE.id, 5, 2)
    with pytest.raises(UnknownArticleError):
        article_html("no-such-article")


def test_escaped(monkeypatch):
    """Is markup in an article's text shown as text?"""
    from medialit.schema import Document

    monkeypatch.setattr(
        corpus, "load", lambda _id: Document(id="x", text="A <script>x</script> b", info=None)
    )
    out = article_html("x")
    assert "<script>" not in out and "&lt;script&gt;" in out


def test_plain_text_is_readable_and_escaped():
    """Is plain text shown line by line in the reading font, escaped, keeping its non-breaking spaces?"""
    out = text_html("Notes: a <b>bold</b> claim.\n\nSecond\xa0line")
    assert "max-width:70ch" in out and "sans-serif" in out and "monospace" not in out
    assert "&lt;b&gt;bold&lt;/b&gt;" in out and "<b>" not in out
    assert out.count("<p ") == 2 and "Second\xa0line" in out
    assert str(text_html(" \n ")) == ""
