"""Turn one piece of lesson content (Markdown, kit HTML, a chart) into HTML that can be shown later."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from .fragment import HTMLFragment
from .theme import TEXT


@lru_cache(maxsize=1)
def _markdown() -> Any:
    import mistune

    # escape=True: any raw HTML in the text is shown as text, never rendered
    return mistune.create_markdown(escape=True, plugins=["table", "strikethrough"])


def markdown_html(text: str) -> HTMLFragment:
    """Markdown (as in a notebook's text cells) as HTML; raw HTML inside it is escaped, not rendered."""
    body = _markdown()(text)
    return HTMLFragment(f'<div class="medialit-text" style="color:{TEXT};line-height:1.6">{body}</div>')


def _figure_of(value: Any) -> Any | None:
    """The matplotlib Figure behind a Figure, an Axes or an array of Axes, else None."""
    try:
        from matplotlib.axes import Axes
        from matplotlib.figure import Figure
    except ImportError:  # pragma: no cover - matplotlib is a dependency
        return None
    if isinstance(value, Figure):
        return value
    if isinstance(value, Axes):
        return value.figure
    flat = getattr(value, "flat", None)
    if flat is not None:
        first = next(iter(flat), None)
        if isinstance(first, Axes):
            return first.figure
    return None


def figure_html(figure: Any, alt: str = "") -> HTMLFragment:
    """A matplotlib Figure as an embedded PNG with a text alternative and its numbers as a table
    (:func:`medialit.display.charts.chart_html`); the figure is then closed.

    ``alt`` defaults to the chart's titles and axis names.
    """
    import matplotlib.pyplot as plt

    from .charts import chart_html

    fragment = chart_html(figure, alt)
    plt.close(figure)
    return fragment


def content_html(item: Any) -> HTMLFragment:
    """HTML for one piece of content (the caller handles ipywidgets Widgets itself).

    - ``HTMLFragment`` (from ``table_html``, ``article_html``…): used as it is;
    - ``str``: Markdown, raw HTML escaped;
    - a matplotlib Figure or Axes: an embedded PNG;
    - anything with ``_repr_html_`` (IPython's ``HTML`` object): its HTML, which the author vouches for.

    Raises TypeError for anything else, naming what was given.
    """
    if isinstance(item, HTMLFragment):
        return item
    if isinstance(item, str):
        return markdown_html(item)
    figure = _figure_of(item)
    if figure is not None:
        return figure_html(figure)
    render = getattr(item, "_repr_html_", None)
    if callable(render):
        return HTMLFragment(render() or "")
    raise TypeError(
        f"cannot show a {type(item).__name__}: give text (Markdown), a chart (Figure or Axes), "
        "a table from show_table/table_html, a widget, or a function that returns one of these"
    )
