"""The answer key's numbers as designed tables: who says so, what to look up, and the arithmetic."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from . import corpus
from .display.fragment import HTMLFragment
from .display.tables import table_html
from .errors import MedialitError
from .wording import readable

#: Column name (an attribute of a statistic) → the heading a student sees.
COLUMNS: dict[str, str] = {
    "text": "Number or amount",
    "sourcing": "Who says so",
    "source": "Source, in the article's words",
    "what_to_check": "What to look up",
    "check": "The key's arithmetic",
}
DEFAULT_COLUMNS = ("text", "sourcing", "source")


def key_statistics(
    article_id: str, sentences: tuple[int, int] | None = None, numbers: Sequence[str] | None = None
) -> list[Any]:
    """The answer key's statistics for ``article_id`` (``datasets/annotations``), in reading order.

    ``sentences``: only those in sentences first..last (counted from 0, both included). ``numbers``: only
    those whose text is one of these, in the order given (each text once). Raises UnknownArticleError for an
    unknown id, and MedialitError naming a number the key does not have.
    """
    key = corpus.annotations(article_id)
    stats = list(key.statistics)
    if sentences is not None:
        first, last = sentences
        start, end = key.sentences[first].start, key.sentences[last].end
        stats = [s for s in stats if start <= s.start < end]
    if numbers is None:
        return stats
    by_text = {}
    for stat in stats:
        by_text.setdefault(stat.text, stat)
    missing = [n for n in numbers if n not in by_text]
    if missing:
        raise MedialitError(f"the answer key for {article_id} has no number {missing[0]!r}")
    return [by_text[n] for n in numbers]


def statistic_rows(
    statistics: Iterable[Any], columns: Sequence[str] = DEFAULT_COLUMNS
) -> list[dict[str, str]]:
    """One row per statistic (a key item or a detector finding), headed as in ``COLUMNS``.

    Sourcing classes are written as words ("named document"); a missing source or note is "–".
    Raises ValueError for a column not in ``COLUMNS``.
    """
    unknown = [c for c in columns if c not in COLUMNS]
    if unknown:
        raise ValueError(f"unknown column {unknown[0]!r}; choose from {', '.join(COLUMNS)}")
    rows = []
    for stat in statistics:
        row = {}
        for column in columns:
            value = getattr(stat, column, None)
            row[COLUMNS[column]] = readable(value) if column == "sourcing" and value else (value or None)
        rows.append(row)
    return rows


def statistics_table(
    article_id: str,
    columns: Sequence[str] = DEFAULT_COLUMNS,
    sentences: tuple[int, int] | None = None,
    numbers: Sequence[str] | None = None,
    caption: str | None = None,
) -> HTMLFragment:
    """An escaped HTML table of the key's statistics for ``article_id`` (see ``key_statistics``).

    ``columns`` picks from ``COLUMNS``; ``caption`` defaults to "Numbers in <article id>, from the answer key".
    """
    rows = statistic_rows(key_statistics(article_id, sentences, numbers), columns)
    return table_html(
        rows, [COLUMNS[c] for c in columns], caption or f"Numbers in {article_id}, from the answer key"
    )


def detector_table(text: str, caption: str | None = "What the number detector found") -> HTMLFragment:
    """The kit's number detector (``medialit.analyze``) run on ``text``, as a table of number, sourcing, source."""
    from .detect import analyze

    rows = statistic_rows(analyze(text).statistics)
    return table_html(rows, [COLUMNS[c] for c in DEFAULT_COLUMNS], caption)


__all__ = ["COLUMNS", "detector_table", "key_statistics", "statistic_rows", "statistics_table"]
