"""A web page (HTML) reduced to its article text and metadata, with trafilatura; nothing in the page is run."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from ..errors import TextFileError

__all__ = ["FEW_WORDS", "Page", "extract_page", "looks_like_html"]

#: A page whose article text is shorter than this many words gets a warning: it may need JavaScript.
FEW_WORDS = 100
_TAGS = re.compile(
    r"<\s*(?:html|head|body|p|div|br|span|a|h[1-6]|article|section|script|style|meta|title|!doctype)\b",
    re.IGNORECASE,
)
_SCRIPTS = re.compile(r"<script\b.*?</script\s*>", re.IGNORECASE | re.DOTALL)
_WORD = re.compile(r"\w+")

# Metadata trafilatura finds, under the names the kit reports. Trafilatura reads the page's <meta> tags,
# Open Graph and JSON-LD data, and falls back to the byline and the page's text.
_FIELDS = {"title": "title", "author": "author", "date": "date", "site_name": "sitename", "url": "url"}
_SOURCE = "the page's metadata and byline, as read by trafilatura"


@dataclass(frozen=True)
class Page:
    """What a web page holds: its article text (paragraphs apart), metadata, and warnings for the reader."""

    text: str
    metadata: dict[str, tuple[str, str]]  # name -> (value, where it came from)
    warnings: tuple[str, ...]


def looks_like_html(text: str) -> bool:
    """Is ``text`` an HTML page or fragment? Judged by its tags, even after a long ``<style>`` block."""
    head = text[:20_000]
    start = head.lstrip("\ufeff \t\r\n").lower()
    if start.startswith(("<!doctype html", "<html")):
        return True
    return (len(_TAGS.findall(head)) >= 2 and start.startswith("<")) or len(_TAGS.findall(head)) >= 4


def _as_document(html: str) -> str:
    """A fragment such as ``<p>..</p>`` wrapped into a document, which trafilatura needs."""
    return (
        html
        if re.search(r"<\s*(html|body)\b", html[:20_000], re.IGNORECASE)
        else f"<html><body>{html}</body></html>"
    )


def extract_page(html: str, *, name: str = "the page", url: str | None = None) -> Page:
    """The article text and metadata of ``html``: menus, ads, "related stories" and comments are left out.

    Paragraphs are separated by a blank line, and line breaks inside a
    paragraph of the source become spaces. Raises :class:`TextFileError`
    naming ``name`` when the page has no readable text at all (for example
    a page that is almost all script).
    """
    document = _as_document(html)
    found = trafilatura.bare_extraction(
        document, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    text = (found.text or "") if found is not None else ""
    warnings = []
    if not text.strip():
        text = trafilatura.html2txt(document) or ""
        if text.strip():
            warnings.append(
                f"No article could be picked out of {name}, so all of its readable text was kept "
                "(menus and ads included)."
            )
    paragraphs = [" ".join(line.split()) for line in text.split("\n")]
    text = "\n\n".join(p for p in paragraphs if p)
    words = len(_WORD.findall(text))
    script_share = sum(len(m.group(0)) for m in _SCRIPTS.finditer(html)) / max(len(html), 1)
    if (words < 20 and script_share > 0.9) or not text:
        raise TextFileError(
            f"{name} has almost no text of its own: its article is probably drawn by JavaScript, "
            "which the kit never runs. Open the page in a browser, copy the article's words and paste them instead."
        )
    if words < FEW_WORDS and (document is html or script_share):
        warnings.append(
            f"Only {words} words of article text were found in {name}: this page may need JavaScript. "
            "If the article is longer, copy its text from a browser and paste it instead."
        )
    metadata = {}
    if found is not None:
        for key, attribute in _FIELDS.items():
            value = getattr(found, attribute, None)
            if isinstance(value, str) and value.strip():
                metadata[key] = (" ".join(value.split()), _SOURCE)
    return Page(text + "\n", metadata, tuple(warnings))
