"""From a user's file, link or pasted text to an Article: its text, metadata, language and notes. No widgets."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import TextFileError
from ..textfile import MAX_BYTES, read_file  # 20 MB: larger files and downloads are refused with a message
from .documents import docx_text, pdf_text
from .encoding import declared_charset, decode
from .fetch import fetch
from .language import confident_language, detect_language, language_name, language_note
from .webpage import extract_page, looks_like_html

__all__ = [
    "FIELD_LABELS",
    "MAX_BYTES",
    "Article",
    "Found",
    "confident_language",
    "detect_language",
    "is_link",
    "language_name",
    "language_note",
    "looks_like_html",
    "read_bytes",
    "read_link",
    "read_path",
]

#: How each metadata field is named for a reader, in the order reports list them.
FIELD_LABELS = {
    "title": "Title",
    "author": "Author",
    "date": "Date",
    "site_name": "Published by",
    "url": "Link",
}
_IMAGES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"RIFF")


@dataclass(frozen=True)
class Found:
    """One piece of metadata and where it was found (``source``: e.g. "the PDF's document properties")."""

    value: str
    source: str


@dataclass(frozen=True)
class Article:
    """A user's article, ready for the detectors.

    ``text`` is what offsets refer to; ``kind`` is ``"text"``, ``"html"``,
    ``"pdf"`` or ``"docx"``; ``metadata`` maps ``title``, ``author``,
    ``date``, ``site_name`` and ``url`` (those found) to :class:`Found`;
    ``language`` is an ISO 639-1 code (py3langid), or ``None`` when the text is
    too short to tell or the guess is unsure; ``notes`` are sentences for the reader about what was done.
    """

    text: str
    name: str
    kind: str = "text"
    metadata: dict[str, Found] = field(default_factory=dict)
    language: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def extracted(self) -> bool:
        """Is ``text`` taken out of a page or document, rather than the input itself?"""
        return self.kind != "text"

    def metadata_dict(self) -> dict[str, dict[str, str]]:
        """The metadata as JSON-ready ``{"title": {"value": ..., "source": ...}, ...}``."""
        return {key: {"value": f.value, "source": f.source} for key, f in self.metadata.items()}


def _kind(data: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04") and (suffix == ".docx" or b"word/" in data[:2000]):
        return "docx"
    if data.startswith(b"\xd0\xcf\x11\xe0") or suffix in {".doc", ".docx"}:
        return "docx"  # documents.docx_text explains an old .doc, or a damaged .docx
    if data.startswith(_IMAGES):
        raise TextFileError(
            f"{name} is a picture, not text. Load the article's text, or paste its words instead."
        )
    if data.startswith(b"PK\x03\x04"):
        raise TextFileError(f"{name} is a zip archive. Unpack it and load the article file itself.")
    return "html" if suffix in {".html", ".htm", ".xhtml"} else "text"


def _build(text: str, name: str, kind: str, metadata: dict, notes: list[str]) -> Article:
    language = confident_language(text)
    found = {key: Found(value, source) for key, (value, source) in metadata.items()}
    return Article(text, name, kind, found, language, tuple(notes))


def read_bytes(
    data: bytes,
    name: str = "the file",
    *,
    kind: str | None = None,
    charset: str | None = None,
    url: str | None = None,
    errors: str = "strict",
) -> Article:
    """An :class:`Article` from a file's bytes: plain text, a web page, a PDF or a Word .docx file.

    ``name`` (a file name or link) is used in messages and to guess the kind
    from its extension; ``kind`` forces one; ``charset`` is a declared text
    encoding (e.g. from a web server). Raises :class:`TextFileError` with one
    sentence naming ``name`` and what to do, for input the kit cannot read.
    """
    if len(data) > MAX_BYTES:
        raise TextFileError(
            f"{name} is {len(data):,} bytes; the limit is {MAX_BYTES:,}. Save just the article's text and load that."
        )
    kind = kind or _kind(data, name)
    notes: list[str] = []
    if kind == "pdf":
        document = pdf_text(data, name=name)
        notes.append(
            "The input was a PDF: its text was taken out page by page, and offsets refer to that text."
        )
        return _build(document.text, name, kind, document.metadata, notes)
    if kind == "docx":
        document = docx_text(data, name=name)
        notes.append("The input was a Word file: its text was taken out, and offsets refer to that text.")
        return _build(document.text, name, kind, document.metadata, notes)
    text = decode(data, name=name, declared=charset or declared_charset(data[:4096]), errors=errors)
    if text.how == "detected" or (text.how == "declared" and text.encoding != "utf-8"):
        how = "was detected" if text.how == "detected" else "was declared"
        notes.append(
            f"The file was not UTF-8: its encoding {how} as {text.encoding}, and it was read that way."
        )
    if kind == "html" or looks_like_html(text):
        page = extract_page(str(text), name=name, url=url)
        notes.insert(
            0,
            "The input was a web page (HTML): it was reduced to text (the article only, without menus, ads or links "
            "to other stories), and offsets refer to that text.",
        )
        return _build(page.text, name, "html", page.metadata, [*notes, *page.warnings])
    return _build(str(text), name, "text", {}, notes)


def read_path(path: str | os.PathLike[str], *, errors: str = "strict") -> Article:
    """An :class:`Article` from a file (see :func:`read_bytes`); a missing, empty or huge file is a one-line error."""
    file = Path(path)
    data = read_file(file)
    return read_bytes(data, str(file), errors=errors)


def read_link(url: str, *, timeout: float | None = None) -> Article:
    """Fetch ``url`` (only when the user asks) and read it as :func:`read_bytes` does; see ``fetch.fetch``."""
    download = fetch(url, max_bytes=MAX_BYTES, **({} if timeout is None else {"timeout": timeout}))
    article = read_bytes(download.data, url, kind=download.kind, charset=download.charset, url=download.url)
    if "url" in article.metadata:
        return article
    return replace(
        article, metadata={**article.metadata, "url": Found(download.url, "the link it was fetched from")}
    )


def is_link(text: str) -> bool:
    """Is ``text`` a single http(s) link (what a user types to have a page fetched)?"""
    return re.fullmatch(r"https?://\S+", text.strip()) is not None
