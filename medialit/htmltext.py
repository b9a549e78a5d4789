"""Reduce an HTML page to plain text, so a pasted web page can be analysed."""

from __future__ import annotations

import re
from html.parser import HTMLParser

__all__ = ["html_to_text", "looks_like_html"]

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "article",
        "section",
        "header",
        "footer",
        "tr",
        "table",
        "figcaption",
        "pre",
        "hr",
        "title",
    }
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})
_TAG = re.compile(r"<\s*(?:html|body|p|div|br|span|a|h[1-6]|article|!doctype)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Does the start of ``text`` look like an HTML document or fragment?"""
    head = text[:2000]
    return len(_TAG.findall(head)) >= 2 or head.lstrip().lower().startswith(("<!doctype", "<html"))


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """The readable text of an HTML page: scripts and styles dropped, blocks on their own lines.

    Never executes anything: it only parses. Offsets into the result refer
    to the extracted text, not to the HTML.
    """
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"
