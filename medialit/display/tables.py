"""Rows and counts as designed, escaped HTML tables: what students see instead of a dict or Counter repr."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from numbers import Number
from typing import Any

from ..schema import LOADED_CATEGORIES, SENTENCE_LABELS, SOURCING, SPEAKERS
from .fragment import HTMLFragment
from .theme import BORDER, MUTED, SHADE, TEXT

_VOCABULARY = frozenset((*LOADED_CATEGORIES, *SENTENCE_LABELS, *SOURCING, *SPEAKERS))
_CELL = f"padding:3px 10px;border-bottom:1px solid {BORDER};vertical-align:top"


def _cell_text(value: Any) -> str:
    """One value as a reader sees it, escaped: numbers with thousands separators, None as a dash."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return html.escape(f"{value:,.2f}".rstrip("0").rstrip("."))
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, (list, tuple, set, frozenset)):
        return html.escape(", ".join(str(v) for v in value))
    return html.escape(str(value)).replace("\n", "<br>")


def _align(values: Iterable[Any]) -> str:
    """Numbers line up on the right; anything else on the left."""
    values = [v for v in values if v is not None]
    numeric = values and all(isinstance(v, Number) and not isinstance(v, bool) for v in values)
    return "right" if numeric else "left"


def table_html(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    columns: Sequence[str] | None = None,
    caption: str | None = None,
) -> HTMLFragment:
    """An HTML table of ``rows``, every cell escaped.

    ``rows`` are mappings (column name → value; ``columns`` picks and orders them, default: the keys in
    first-seen order) or sequences (``columns`` names them; default: no header row). Missing values show as
    "–". Numbers are right-aligned with thousands separators. An empty ``rows`` gives a one-line "Nothing to
    show." note. Raises ValueError if a sequence row's length differs from ``columns``.
    """
    rows = list(rows)
    if not rows:
        return HTMLFragment(f'<p class="medialit-table" style="color:{MUTED}"><em>Nothing to show.</em></p>')
    if all(isinstance(r, Mapping) for r in rows):
        if columns is None:
            columns = list(dict.fromkeys(k for r in rows for k in r))
        grid = [[r.get(c) for c in columns] for r in rows]
    else:
        grid = [list(r) for r in rows]
        if columns is not None and any(len(r) != len(columns) for r in grid):
            raise ValueError(f"every row needs {len(columns)} values, one for each column: {list(columns)}")
    width = max(len(r) for r in grid)
    aligns = [_align(r[i] if i < len(r) else None for r in grid) for i in range(width)]
    parts = [
        f'<table class="medialit-table" style="border-collapse:collapse;margin:0.5em 0;color:{TEXT};'
        'font-variant-numeric:tabular-nums">'
    ]
    if caption:
        parts.append(
            f'<caption style="text-align:left;font-weight:bold;padding:0 0 4px">{html.escape(caption)}</caption>'
        )
    if columns is not None:
        heads = "".join(
            f'<th scope="col" style="{_CELL};text-align:{a};background:{SHADE}">{html.escape(str(c))}</th>'
            for c, a in zip(columns, aligns, strict=False)
        )
        parts.append(f"<thead><tr>{heads}</tr></thead>")
    parts.append("<tbody>")
    for row in grid:
        cells = "".join(
            f'<td style="{_CELL};text-align:{aligns[i]}">{_cell_text(v)}</td>' for i, v in enumerate(row)
        )
        parts.append(f"<tr>{cells}</tr>")
    parts.append("</tbody></table>")
    return HTMLFragment("".join(parts))


def counts_html(
    counts: Mapping[str, int], caption: str | None = None, label: str = "", value: str = "Count"
) -> HTMLFragment:
    """A count per name (a ``Counter``, ``FreqDist`` or dict) as a two-column table, largest first.

    Names containing "-" from the kit's vocabulary read as words ("writer-opinion" → "writer opinion").
    Ties keep their given order. ``label``/``value`` head the two columns.
    """
    ordered = sorted(counts.items(), key=lambda kv: -kv[1])
    rows = [(name.replace("-", " ") if name in _VOCABULARY else name, n) for name, n in ordered]
    return table_html(rows, columns=[label, value], caption=caption)
