"""Tests for medialit.plots: every chart has a title and labelled axes, and draws where it is told."""

from __future__ import annotations

import matplotlib
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from medialit import plots

CHARTS = [
    lambda ax: plots.word_choice("cities-ice-cooperation", ax=ax),
    lambda ax: plots.loaded_density(ax=ax),
    lambda ax: plots.sourced_vs_unsourced(ax=ax),
    lambda ax: plots.labels_by_position("cities-ice-cooperation", ax=ax),
    lambda ax: plots.detector_vs_key("oig-release-report", ax=ax),
]


@pytest.mark.parametrize("draw", CHARTS)
def test_chart_is_titled_labelled_and_drawn_on_the_given_axes(draw):
    """Does each chart draw on the Axes passed in, with a title and both axis labels?"""
    fig, ax = plt.subplots()
    assert draw(ax) is ax
    assert ax.get_title() and ax.get_xlabel() and ax.get_ylabel()
    assert ax.patches or ax.collections, "something was drawn"
    plt.close(fig)


def test_new_axes_when_none_given():
    """Does a chart make its own figure when no Axes is given?"""
    ax = plots.loaded_density()
    assert ax.figure is not None
    plt.close(ax.figure)


def test_palette_is_colour_blind_safe():
    """Are the colours Okabe and Ito's, and the markers free of the pale yellow?"""
    assert plots.OKABE_ITO[:3] == ("#E69F00", "#56B4E9", "#009E73")
    assert "#F0E442" not in plots.MARKER_COLOURS


@pytest.mark.parametrize("draw", [CHARTS[0], CHARTS[2], CHARTS[4]])
def test_count_axes_have_whole_number_ticks(draw):
    """Does an axis that counts things tick only at whole numbers (no "2.5 times used")?"""
    fig, ax = plt.subplots()
    draw(ax)
    ax.set_ylim(0, 3)  # a small count is where fractional ticks appeared
    fig.canvas.draw()
    ticks = [t for t in ax.get_yticks() if 0 <= t <= 3]
    assert ticks and all(float(t).is_integer() for t in ticks), ticks
    plt.close(fig)
