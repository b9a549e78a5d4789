"""Exceptions the kit raises, each naming the file or id and the problem."""

from __future__ import annotations


class MedialitError(Exception):
    """Base class: every error the kit raises on purpose is one of these."""


class UnknownArticleError(MedialitError, KeyError):
    """An article or passage id that the datasets do not hold."""

    def __str__(self) -> str:  # KeyError would quote the message; keep it readable
        return str(self.args[0]) if self.args else "unknown article"


class TextFileError(MedialitError, ValueError):
    """An input file that is missing, empty, too large, not text, or a PDF or Word file that cannot be read."""


class NotTextError(TextFileError):
    """Bytes that read as no known text encoding (a picture, a program); ``errors="replace"`` reads them anyway."""


class LinkError(MedialitError, ValueError):
    """A link that cannot be fetched: offline, too slow, refused by the server, too big or not a page."""


class DataFileError(MedialitError, ValueError):
    """A file under datasets/ that is missing or does not match its schema."""


class AuthoringError(MedialitError, ValueError):
    """A teacher's article, review decision, answer key or lesson bundle that the kit cannot accept, and why."""
