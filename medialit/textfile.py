"""Read the kit's own text files strictly as UTF-8; users' files, pages and links go through medialit.ingest."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import TextFileError

#: Larger files are refused unless the caller raises the limit (also medialit.ingest's limit for users' files).
MAX_BYTES = 20 * 1024 * 1024


def decode_text(data: bytes, *, name: str = "input", errors: str = "strict") -> str:
    """Decode UTF-8 bytes to text with line ends as ``\\n``.

    A UTF-8 byte-order mark is dropped and CRLF/CR line ends become LF, so
    offsets refer to the returned string. With ``errors="replace"``, bytes
    that are not UTF-8 become U+FFFD instead of raising.
    """
    if b"\x00" in data:
        raise TextFileError(
            f"{name} looks like a binary file (it contains NUL bytes), not text. "
            "Save the article as plain text (.txt) and try again."
        )
    try:
        text = data.decode("utf-8-sig", errors=errors)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        raise TextFileError(
            f"{name} is not UTF-8 text: byte 0x{bad} at position {exc.start} cannot be decoded. "
            "Save the file with UTF-8 encoding, or decode with replacement."
        ) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_file(path: str | os.PathLike[str], *, max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, or :class:`TextFileError` in one line for a missing file, a folder or a file over ``max_bytes``."""
    file = Path(path)
    if not file.exists():
        raise TextFileError(f"{file}: no such file. Check the name and the folder.")
    if file.is_dir():
        raise TextFileError(f"{file} is a folder, not a file. Choose the file inside it.")
    size = file.stat().st_size
    if size > max_bytes:
        raise TextFileError(
            f"{file} is {size:,} bytes; the limit is {max_bytes:,}. Save just the article's text and load that."
        )
    try:
        return file.read_bytes()
    except OSError as exc:
        raise TextFileError(f"{file} cannot be read: {exc.strerror}") from None


def read_text(
    path: str | os.PathLike[str],
    *,
    errors: str = "strict",
    allow_empty: bool = False,
    max_bytes: int = MAX_BYTES,
) -> str:
    """Read a UTF-8 text file, or raise :class:`TextFileError` naming the file and the problem."""
    file = Path(path)
    text = decode_text(read_file(file, max_bytes=max_bytes), name=str(file), errors=errors)
    if not allow_empty and not text.strip():
        raise TextFileError(f"{file} is empty")
    return text
