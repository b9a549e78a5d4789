"""Text and document properties from PDF files (pypdf) and Word .docx files (python-docx)."""

from __future__ import annotations

import io
import re
import statistics
from dataclasses import dataclass

from ..errors import TextFileError

__all__ = ["Document", "docx_text", "pdf_text"]

_WORD = re.compile(r"\w+")
_PDF_SOURCE = "the PDF's document properties"
_DOCX_SOURCE = "the Word file's document properties"


@dataclass(frozen=True)
class Document:
    """A document's text (paragraphs apart) and metadata as name -> (value, where it came from)."""

    text: str
    metadata: dict[str, tuple[str, str]]


def _reflow(page: str) -> list[str]:
    """A PDF page's lines joined into paragraphs: a line ends a paragraph when it is short and ends a sentence.

    PDF text keeps the printed line breaks, which would otherwise split
    sentences; "gov-" + "ernment" at a line end is joined again.
    """
    lines = [line.strip() for line in page.splitlines()]
    lengths = [len(line) for line in lines if line]
    if not lengths:
        return []
    full = statistics.median(lengths)
    paragraphs, current = [], ""
    for line in lines:
        if not line:
            paragraphs.append(current)
            current = ""
            continue
        if current.endswith("-") and line[:1].islower():
            current = current[:-1] + line
        else:
            current = f"{current} {line}" if current else line
        if len(line) < 0.7 * full and re.search(r"[.!?:\"”’)]$", line):
            paragraphs.append(current)
            current = ""
    paragraphs.append(current)
    return [p for p in paragraphs if p]


def pdf_text(data: bytes, *, name: str = "the PDF") -> Document:
    """The text of a PDF's text layer, page by page, with its title, author and date if it declares them.

    Raises :class:`TextFileError` naming ``name`` for a password-protected,
    damaged or scanned (picture-only) PDF, saying what to do instead.
    """
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise TextFileError(
                f"{name} is protected by a password, so the kit cannot read it. Open it, copy the "
                "article's words and paste them instead, or save a copy without the password."
            )
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata or {}
    except TextFileError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, NotImplementedError) as exc:
        raise TextFileError(
            f"{name} is damaged or not a real PDF ({type(exc).__name__}). "
            "Open it in a PDF reader, copy the article's words and paste them instead."
        ) from None
    paragraphs = [p for page in pages for p in _reflow(page)]
    text = "\n\n".join(paragraphs)
    if len(_WORD.findall(text)) < 5 * max(len(pages), 1):
        raise TextFileError(
            f"{name} has no text layer: it is probably a scan (pictures of pages), which the kit cannot read. "
            "Find the article online, or type or paste its words instead."
        )
    metadata = {}
    for key, field in (("title", "/Title"), ("author", "/Author")):
        value = info.get(field)
        if isinstance(value, str) and value.strip():
            metadata[key] = (" ".join(value.split()), _PDF_SOURCE)
    created = getattr(reader.metadata, "creation_date", None) if reader.metadata else None
    if created is not None:
        metadata["date"] = (created.date().isoformat(), f"{_PDF_SOURCE} (when the file was made)")
    return Document(text + "\n", metadata)


def docx_text(data: bytes, *, name: str = "the Word file") -> Document:
    """The paragraphs (and table cells) of a .docx file, with its title, author and date if it declares them.

    Raises :class:`TextFileError` naming ``name`` for a damaged file or an
    old-style .doc file, saying what to do instead.
    """
    import docx

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise TextFileError(
            f"{name} is an old-style Word file (.doc). Open it in Word or LibreOffice and save it as .docx or PDF."
        )
    try:
        document = docx.Document(io.BytesIO(data))
        parts = [p.text for p in document.paragraphs]
        parts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
        core = document.core_properties
        found = {"title": core.title, "author": core.author, "date": core.created}
    except Exception as exc:  # a damaged zip or XML can fail anywhere inside python-docx; report, never crash
        raise TextFileError(
            f"{name} is damaged or not a real Word .docx file ({type(exc).__name__}). "
            "Open it in Word or LibreOffice and save it again, or paste its words instead."
        ) from None
    text = "\n\n".join(" ".join(p.split()) for p in parts if p.strip())
    if not text:
        raise TextFileError(f"{name} has no text in it. Choose a file with the article's words.")
    metadata = {}
    for key, value in found.items():
        if key == "date" and value is not None:
            metadata[key] = (value.date().isoformat(), f"{_DOCX_SOURCE} (when the file was made)")
        elif isinstance(value, str) and value.strip():
            metadata[key] = (" ".join(value.split()), _DOCX_SOURCE)
    return Document(text + "\n", metadata)
