"""Tests for medialit.display.charts: every chart has a text alternative and a table of its numbers."""

from __future__ import annotations

import html
import re

import matplotlib.pyplot as plt
import pytest

from medialit import measures, plots
from medialit.display import charts

CHARTS = [
    (plots.word_choice, ("oig-release-report",)),
    (plots.loaded_density, ()),
    (plots.sourced_vs_unsourced, ()),
    (plots.labels_by_position, ("oig-release-report",)),
    (plots.detector_vs_key, ("oig-release-report",)),
    (plots.class_scores, ({"l01-a": [1.0, 0.5], "l01-b": [0.0]},)),
]


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize(("chart", "args"), CHARTS, ids=[c.__name__ for c, _ in CHARTS])
def test_every_lesson_chart_has_alt_text_and_a_table_of_numbers(chart, args):
    """Does each of the kit's charts come out as an <img> with alt text naming it, and a table of numbers?"""
    ax = chart(*args)
    page = str(charts.chart_html(ax.figure))
    alt = re.search(r'<img [^>]*alt="([^"]*)"', page)
    assert alt and html.escape(ax.get_title(), quote=True) in alt.group(1)
    _, rows = charts.chart_numbers(ax)
    assert rows, "the chart's numbers were read"
    assert page.count("<tr>") == len(rows) + 1  # a header row, then one per category or series


def test_the_table_holds_the_numbers_that_were_drawn():
    """Are the stacked bars' numbers in the table the ones measures.sourcing_counts gives?"""
    ax = plots.sourced_vs_unsourced()
    columns, rows = charts.chart_numbers(ax)
    counts = measures.sourcing_counts()
    first = next(iter(counts))
    named = sum(counts[first][c] for c in plots.SOURCED)
    assert columns == ["article", "someone named stands behind it", "anonymous, vague or no source"]
    assert rows[0][1] == named
    assert rows[0][1] + rows[0][2] == sum(counts[first].values())


def test_horizontal_bars_are_read_by_width():
    """Does a horizontal bar chart give each quiz its mean score (the bar's width), not its thickness?"""
    ax = plots.class_scores({"l01-a": [1.0, 0.5], "l01-b": [0.0]})
    _, rows = charts.chart_numbers(ax)
    assert dict(rows) == {"l01-b": 0, "l01-a": 0.75}


def test_titles_and_labels_are_escaped():
    """Is a chart title with HTML in it shown as text, in the alt text and in the table?"""
    fig, ax = plt.subplots()
    ax.bar([0], [3], label="<b>x</b>")
    ax.set_xticks([0], ["<script>alert(1)</script>"])
    ax.set_title('A "quoted" <i>title</i>')
    page = str(charts.chart_html(fig))
    assert "<script>" not in page and "<i>" not in page and "<b>x" not in page
    assert "&lt;script&gt;" in page and "&quot;quoted&quot;" in page


def test_a_chart_with_nothing_to_tabulate_still_has_alt_text():
    """Does a line chart (no bars, no points) still get alt text, and no empty table?"""
    fig, ax = plt.subplots()
    ax.plot([0, 1], [1, 2])
    ax.set_title("A line")
    page = str(charts.chart_html(fig))
    assert 'alt="Chart: A line.' in page and "<details" not in page


class _Formatter:
    def __init__(self):
        self.types = {}

    def for_type(self, kind, function):
        self.types[kind] = function


class _Shell:
    def __init__(self):
        self.display_formatter = type("D", (), {"formatters": {"text/html": _Formatter()}})()


def test_register_makes_figures_display_with_alt_text():
    """After register(), does a notebook show a Figure as HTML with alt text? Outside IPython, is it a no-op?"""
    from matplotlib.figure import Figure

    shell = _Shell()
    assert charts.register(shell)
    show = shell.display_formatter.formatters["text/html"].types[Figure]
    ax = plots.loaded_density()
    assert 'alt="Chart: How dense is the loaded language?' in show(ax.figure)
    assert charts.register() is False  # no IPython kernel in the test process
