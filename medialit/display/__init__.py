"""Designed displays for lessons: tables, articles, free-text answers, and content revealed after a quiz.

The pure parts (HTML builders, "has this quiz been answered?") import no ipywidgets; ``views`` holds the
widgets. Lessons use them through ``medialit.widgets``.
"""

from __future__ import annotations

from .article import article_html, text_html
from .fragment import HTMLFragment
from .reveal import quiz_answered
from .tables import counts_html, table_html

__all__ = ["HTMLFragment", "article_html", "counts_html", "quiz_answered", "table_html", "text_html"]
