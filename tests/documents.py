"""Small PDF and Word files for the ingest tests, made on the fly (nothing binary is committed)."""

from __future__ import annotations

import io


def make_pdf(
    lines: list[str], *, title: str | None = None, author: str | None = None, password: str | None = None
) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, one per printed line); empty lines gives a 'scan'."""
    from pypdf import PdfWriter
    from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

    writer = PdfWriter()
    page = writer.add_blank_page(width=612, height=792)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    escaped = [line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") for line in lines]
    body = "".join(f"({line}) Tj 0 -14 Td " for line in escaped)
    stream = DecodedStreamObject()
    stream.set_data(f"BT /F1 11 Tf 72 740 Td {body}ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(stream)
    metadata = {k: v for k, v in (("/Title", title), ("/Author", author)) if v}
    if metadata:
        writer.add_metadata(metadata)
    if password:
        writer.encrypt(password, algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx(paragraphs: list[str], *, title: str | None = None, author: str | None = None) -> bytes:
    """A .docx file holding ``paragraphs``, with the given document properties."""
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    if title:
        document.core_properties.title = title
    if author:
        document.core_properties.author = author
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
