"""Charts with a text alternative: alt text and a table of the same numbers, read from the drawn Axes.

A chart in a notebook is a PNG with no ``alt``: a screen reader says nothing, and axe-core reports
``image-alt``. :func:`chart_html` shows a Figure as an ``<img>`` whose ``alt`` names the chart, followed by a
"The numbers in this chart" table (WCAG 2.2 success criterion 1.1.1, non-text content). The numbers come
from what matplotlib drew (bar heights, point counts), so the table can never disagree with the picture.
:func:`register` makes every Figure a notebook shows use it.
"""

from __future__ import annotations

import base64
import html
import io
from typing import Any

from .fragment import HTMLFragment
from .tables import table_html
from .theme import TEXT


def _label(artist: Any) -> str:
    """An artist's legend label, or "" for matplotlib's hidden ``_child0``-style labels."""
    label = str(artist.get_label() or "")
    return "" if label.startswith("_") else label


def _tick_text(ticks: Any, labels: list[Any], at: float) -> str:
    """The tick label nearest to ``at`` (within half a step), newlines read as spaces."""
    best, text = 0.5, ""
    for tick, label in zip(ticks, labels, strict=False):
        if abs(tick - at) <= best:
            best, text = abs(tick - at), label.get_text().replace("\n", " ")
    return text or f"{at:g}"


def _number(value: float) -> int | float:
    value = float(value)
    return round(value) if abs(value - round(value)) < 1e-9 else round(value, 2)


def _bars(ax: Any) -> tuple[list[str], list[list[Any]]]:
    """Bar charts (plain, stacked, grouped, horizontal): one row per category, one column per series."""
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    if not containers:
        return [], []
    horizontal = getattr(containers[0], "orientation", "vertical") == "horizontal"
    ticks = ax.get_yticks() if horizontal else ax.get_xticks()
    labels = ax.get_yticklabels() if horizontal else ax.get_xticklabels()
    categories: dict[str, dict[int, Any]] = {}
    for n, container in enumerate(containers):
        for patch in container.patches:
            if horizontal:
                at, value = patch.get_y() + patch.get_height() / 2, patch.get_width()
            else:
                at, value = patch.get_x() + patch.get_width() / 2, patch.get_height()
            categories.setdefault(_tick_text(ticks, labels, round(at)), {})[n] = _number(value)
    axis = ax.get_ylabel() if horizontal else ax.get_xlabel()
    value = ax.get_xlabel() if horizontal else ax.get_ylabel()
    names = [_label(c) or value or "value" for c in containers]
    columns = [axis or "category", *names]
    rows = [[name, *(cells.get(n) for n in range(len(containers)))] for name, cells in categories.items()]
    return columns, rows


def _points(ax: Any) -> tuple[list[str], list[list[Any]]]:
    """Scatter plots: one row per labelled series, with how many points it has."""
    rows = [
        [_label(c) or f"series {n + 1}", len(c.get_offsets())]
        for n, c in enumerate(ax.collections)
        if hasattr(c, "get_offsets")
    ]
    return (["series", "points"], rows) if rows else ([], [])


def chart_numbers(ax: Any) -> tuple[list[str], list[list[Any]]]:
    """The numbers an Axes shows, as ``(columns, rows)``: bar values per category and series, or point counts
    per scatter series; ``([], [])`` for any other kind of chart."""
    columns, rows = _bars(ax)
    return (columns, rows) if rows else _points(ax)


def alt_text(figure: Any) -> str:
    """A short text alternative for a Figure: each Axes' title and what its axes measure, e.g.
    "Chart: Who says so? Statistics by source (statistics in the article, by article)"."""
    parts = []
    for ax in figure.axes:
        title = ax.get_title() or "a chart"
        measures = ", by ".join(t for t in (ax.get_ylabel(), ax.get_xlabel()) if t)
        parts.append(f"{title} ({measures})" if measures else title)
    described = "; ".join(parts) or "a chart"
    return f"Chart: {described}. The numbers are in the table after it."


def chart_html(figure: Any, alt: str = "", dpi: int = 100) -> HTMLFragment:
    """A Figure as ``<figure>``: the PNG (embedded, no files, no network) with ``alt`` (default
    :func:`alt_text`), then a collapsible table of each Axes' numbers. Every text is escaped. The figure is
    left open (the caller or the inline backend closes it)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight", dpi=dpi)
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    alt = alt or alt_text(figure)
    tables = []
    for ax in figure.axes:
        columns, rows = chart_numbers(ax)
        if rows:
            tables.append(str(table_html(rows, columns=columns, caption=ax.get_title() or None)))
    details = (
        f'<details style="color:{TEXT}"><summary>The numbers in this chart</summary>{"".join(tables)}</details>'
        if tables
        else ""
    )
    return HTMLFragment(
        '<figure class="medialit-chart" style="margin:0.5em 0">'
        f'<img src="data:image/png;base64,{data}" alt="{html.escape(alt, quote=True)}" '
        f'style="max-width:100%;height:auto">{details}</figure>'
    )


def register(shell: Any = None) -> bool:
    """Show every matplotlib Figure in this IPython kernel with :func:`chart_html` (as ``text/html``, which
    JupyterLab and Voilà prefer to the inline backend's bare PNG, still sent alongside).

    Call it after a figure exists: loading the inline backend (on the first figure) resets every Figure
    formatter. Returns False outside IPython. Safe to call more than once.
    """
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:  # pragma: no cover - IPython comes with Jupyter
            return False
        shell = get_ipython()
    if shell is None:
        return False
    from matplotlib.figure import Figure

    shell.display_formatter.formatters["text/html"].for_type(Figure, lambda figure: str(chart_html(figure)))
    return True
