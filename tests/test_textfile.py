"""Tests for medialit.textfile: clear errors for bad text files."""

from __future__ import annotations

import pytest

from medialit.errors import MedialitError, TextFileError
from medialit.textfile import decode_text, read_text


def test_reads_utf8_text(tmp_path):
    """Is a plain UTF-8 file read exactly?"""
    path = tmp_path / "a.txt"
    path.write_text("Curly “quotes” and\u00a0no-break spaces.\n", encoding="utf-8")
    assert read_text(path) == "Curly “quotes” and\u00a0no-break spaces.\n"


def test_bom_and_crlf_are_normalised(tmp_path):
    """Are a byte-order mark and Windows line ends removed, so offsets match the returned text?"""
    path = tmp_path / "win.txt"
    path.write_bytes(b"\xef\xbb\xbfLine one.\r\nLine two.\r\n")
    assert read_text(path) == "Line one.\nLine two.\n"


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"  \n\t\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("caf\u00e9 au lait".encode("latin-1"), "not UTF-8 text: byte 0xe9 at position 3"),
    ],
)
def test_bad_files_name_the_file_and_the_problem(tmp_path, content, problem):
    """Does an empty, binary or non-UTF-8 file raise a kit error naming the file and what is wrong?"""
    path = tmp_path / "article.txt"
    path.write_bytes(content)
    with pytest.raises(TextFileError) as caught:
        read_text(path)
    assert str(path) in str(caught.value)
    assert problem in str(caught.value)


def test_missing_file_and_folder(tmp_path):
    """Are a missing path and a folder reported as such?"""
    with pytest.raises(TextFileError, match="no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(TextFileError, match="is a folder"):
        read_text(tmp_path)


def test_size_limit(tmp_path):
    """Is a file over the limit refused with its size named, before it is read?"""
    path = tmp_path / "big.txt"
    path.write_text("word " * 100)
    with pytest.raises(TextFileError, match="500 bytes; the limit is 100"):
        read_text(path, max_bytes=100)


def test_replacement_decoding_is_opt_in():
    """Can a caller choose to decode bad bytes as U+FFFD instead of failing?"""
    assert decode_text(b"caf\xe9", errors="replace") == "caf\ufffd"


def test_errors_are_medialit_errors():
    """Can a caller catch every kit error with one except clause?"""
    assert issubclass(TextFileError, MedialitError)
    assert issubclass(TextFileError, ValueError)
