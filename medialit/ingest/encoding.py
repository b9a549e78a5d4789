"""Bytes to text: byte-order marks first, then a declared charset, then UTF-8, then charset-normalizer's guess."""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from ..errors import NotTextError

__all__ = ["Decoded", "declared_charset", "decode"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x"> near the top of a page.
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:\-]+)""", re.IGNORECASE)
# Encodings charset-normalizer may choose from: the common ones for news text, so that a short
# Windows-1252 file is not read as some rare code page that happens to fit its bytes.
_LIKELY = [
    "utf_8", "utf_16", "utf_32", "cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1251",
    "koi8_r", "iso8859_7", "cp1253", "iso8859_9", "cp1254", "mac_roman", "shift_jis", "euc_jp",
    "gb18030", "big5", "euc_kr",
]  # fmt: skip


class Decoded(str):
    """Decoded text (a ``str``) that also says which encoding was used and how it was chosen."""

    encoding: str
    how: str  # "byte-order mark", "declared", "UTF-8" or "detected"

    def __new__(cls, text: str, encoding: str, how: str) -> Decoded:
        self = super().__new__(cls, text.replace("\r\n", "\n").replace("\r", "\n"))
        self.encoding, self.how = encoding, how
        return self


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a ``<meta>`` tag in its first 4,096 bytes, if any and known."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore")
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def _bomless_utf16(data: bytes) -> str | None:
    """``"utf-16-le"`` or ``"utf-16-be"`` for mostly-ASCII UTF-16 text saved without a byte-order mark."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd > 0.7 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


def decode(
    data: bytes, *, name: str = "input", declared: str | None = None, errors: str = "strict"
) -> Decoded:
    """Decode ``data`` to text with ``\\n`` line ends, so offsets refer to the returned string.

    Order (as browsers do): a byte-order mark (UTF-8, UTF-16, UTF-32); the
    charset ``declared`` by a web server or page; strict UTF-8; otherwise
    charset-normalizer's best guess among common encodings. Raises
    :class:`~medialit.errors.NotTextError` (a TextFileError) naming ``name`` when the bytes are not text
    (a picture, a program), unless ``errors="replace"``, which reads them as
    UTF-8 with U+FFFD for what cannot be read.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding, "byte-order mark")
    if declared:
        try:
            encoding = codecs.lookup(declared).name
            # As browsers do (WHATWG Encoding), a page labelled Latin-1 or ASCII is read as Windows-1252.
            encoding = "cp1252" if encoding in {"latin-1", "ascii", "iso8859-1"} else encoding
            return Decoded(data.decode(encoding), encoding, "declared")
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall through to UTF-8 and detection, as browsers do
    if b"\x00" not in data:
        try:
            return Decoded(data.decode("utf-8"), "utf-8", "UTF-8")
        except UnicodeDecodeError:
            pass
    utf16 = _bomless_utf16(data)
    if utf16:
        return Decoded(data.decode(utf16, errors="replace"), utf16, "detected")
    guess = charset_normalizer.from_bytes(data, cp_isolation=_LIKELY).best()
    if guess is not None and "\x00" not in str(guess):
        text, encoding = str(guess), codecs.lookup(guess.encoding).name
        if encoding != "cp1252" and data.decode("cp1252", errors="replace") == text:
            encoding = "cp1252"  # the same letters either way: name the commonest (Windows Western)
        return Decoded(text, encoding, "detected")
    if errors == "replace":
        return Decoded(data.replace(b"\x00", b"").decode("utf-8", errors="replace"), "utf-8", "UTF-8")
    raise NotTextError(
        f"{name} is not text (it looks like a picture, a program or another binary file). "
        "Save the article as a .txt, .html, .pdf or .docx file, or paste its words instead."
    )
