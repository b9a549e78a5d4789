"""A marker for HTML the kit built itself (already escaped), as opposed to a student's or a file's text."""

from __future__ import annotations


class HTMLFragment(str):
    """A ``str`` of finished, escaped HTML; notebooks display it as HTML, and ``reveal_after`` shows it as is.

    Plain ``str`` content given to ``reveal_after`` is Markdown with any raw HTML escaped; wrapping HTML in
    this class says "this came from the kit's own builders (``table_html``, ``article_html``)".
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)
