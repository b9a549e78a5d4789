"""A teacher's article for review: pasted text, a file or a link, read through medialit.ingest."""

from __future__ import annotations

import os

from ..errors import AuthoringError
from ..ingest import Article, is_link, read_bytes, read_link, read_path
from ..text import sentence_spans

__all__ = ["article_from_file", "article_from_link", "article_from_text", "check_has_sentences"]


def check_has_sentences(article: Article) -> Article:
    """Return ``article`` if it has at least one sentence with a word in it, else raise :class:`AuthoringError`."""
    if not any(any(ch.isalpha() for ch in s.text) for s in sentence_spans(article.text)):
        raise AuthoringError(
            f"{article.name} has no sentences to mark: it is empty or holds no words. "
            "Paste or load the article's text itself."
        )
    return article


def article_from_text(text: str, name: str = "the pasted text") -> Article:
    """An article from pasted text (a pasted web page is reduced to its text, as ``analyze`` does).

    A link on its own is refused here: links are only fetched by :func:`article_from_link`, when the teacher asks.
    Raises :class:`AuthoringError` for a text with no sentences, :class:`~medialit.errors.TextFileError` for
    input the kit cannot read.
    """
    if is_link(text):
        raise AuthoringError(
            "That is a link, not the article's text. Use 'Fetch the link' to download it, or paste the text itself."
        )
    return check_has_sentences(read_bytes(text.encode("utf-8"), name))


def article_from_file(path: str | os.PathLike[str]) -> Article:
    """An article from a text, web-page, PDF or Word file (see :func:`medialit.ingest.read_path`)."""
    return check_has_sentences(read_path(path))


def article_from_link(url: str, *, timeout: float | None = None) -> Article:
    """Fetch ``url`` now (only call this when the teacher asks) and read it; raises LinkError when offline."""
    return check_has_sentences(read_link(url, timeout=timeout))
