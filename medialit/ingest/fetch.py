"""Fetch a link the user gave (and only then): urllib with a timeout and a size cap, one-line errors."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from ..errors import LinkError

__all__ = ["TIMEOUT", "Download", "fetch"]

#: Seconds to wait for a server to answer before giving up.
TIMEOUT = 15.0
_KINDS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
}


@dataclass(frozen=True)
class Download:
    """A fetched page: its bytes, kind (``"html"``, ``"text"``, ``"pdf"`` or ``"docx"``), declared charset and final URL."""

    data: bytes
    kind: str
    charset: str | None
    url: str


def fetch(url: str, *, timeout: float = TIMEOUT, max_bytes: int = 20 * 1024 * 1024) -> Download:
    """Download ``url`` (http or https only), following redirects.

    Raises :class:`LinkError` with one line naming the link and what to do
    when it cannot be reached (offline, timeout), the server says no (404),
    the answer is too big, or it is not a web page, PDF or Word file.
    """
    if urlsplit(url).scheme not in {"http", "https"}:
        raise LinkError(f"{url} is not a web link: it must start with http:// or https://")
    request = urllib.request.Request(url, headers={"User-Agent": "medialit (a media-literacy teaching kit)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            data = answer.read(max_bytes + 1)
            headers: Message = answer.headers
            final = answer.geturl()
    except urllib.error.HTTPError as exc:
        raise LinkError(
            f"{url} could not be fetched: the server answered {exc.code} {exc.reason}. "
            "Check the link, or save the page from your browser and load the file instead."
        ) from None
    except TimeoutError:
        raise LinkError(
            f"{url} did not answer within {timeout:g} seconds. Try again later, or save the page and load the file."
        ) from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise LinkError(
            f"{url} could not be reached ({reason}). Check the link and your internet connection, "
            "or save the page and load the file instead."
        ) from None
    if len(data) > max_bytes:
        raise LinkError(
            f"{url} is over the limit of {max_bytes:,} bytes. Save the article's text and load that."
        )
    kind = _KINDS.get(headers.get_content_type())
    if kind is None:
        raise LinkError(
            f"{url} is not a web page, PDF or Word file (the server says it is {headers.get_content_type()}). "
            "Link to the article's page instead."
        )
    return Download(data, kind, headers.get_content_charset(), final)
