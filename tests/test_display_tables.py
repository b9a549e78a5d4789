"""Do counts and rows become designed, escaped tables instead of Python reprs?"""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest

from medialit.display import HTMLFragment, counts_html, table_html


def _cells(fragment: str) -> list[str]:
    return [
        html.unescape(re.sub(r"<[^>]+>", "", c)) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", fragment)
    ]


def test_mapping_rows_give_header_and_cells():
    """Do dict rows give a header from their keys and one cell per value, in column order?"""
    out = table_html([{"word": "flood", "n": 3}, {"word": "surge", "n": 1200}], caption="Words")
    assert isinstance(out, HTMLFragment)
    assert _cells(out) == ["word", "n", "flood", "3", "surge", "1,200"]
    assert "<caption" in out and "Words" in out


def test_columns_pick_and_order_and_missing_is_a_dash():
    """Do ``columns`` choose the order, and is a missing value shown as a dash, not None?"""
    out = table_html([{"a": 1, "b": 2}, {"b": 5}], columns=["b", "a"])
    assert _cells(out) == ["b", "a", "2", "1", "5", "–"]
    assert "None" not in out


def test_everything_is_escaped():
    """Is markup in a cell, a header or the caption shown as text, never rendered?"""
    out = table_html([{"<b>x</b>": "<script>alert(1)</script>"}], caption="<i>c</i>")
    assert "<script>" not in out and "<b>x</b>" not in out and "<i>c</i>" not in out
    assert "&lt;script&gt;" in out


def test_sequence_rows_must_match_columns():
    """Does a row with the wrong number of values get a clear error?"""
    with pytest.raises(ValueError, match="every row needs 2 values"):
        table_html([("a", 1, 2)], columns=["name", "count"])


def test_no_reprs_for_lists_floats_and_booleans():
    """Are lists, floats and booleans written as a reader expects, not as Python reprs?"""
    out = table_html([("x", [1, 2], 0.5, True)])
    assert _cells(out) == ["x", "1, 2", "0.5", "yes"]
    assert "[" not in out and "True" not in out


def test_empty_rows_say_so():
    """Does an empty table say there is nothing to show?"""
    assert "Nothing to show" in table_html([])


def test_counts_largest_first_with_readable_labels():
    """Is a Counter shown largest first, with the kit's hyphenated labels as words?"""
    out = counts_html(Counter({"quoted": 27, "writer-opinion": 30, "ice-officer-interview": 2}), "Who")
    assert _cells(out)[2:] == ["writer opinion", "30", "quoted", "27", "ice-officer-interview", "2"]
    assert "Counter(" not in out and "{'" not in out


def test_colours_follow_the_jupyterlab_theme():
    """Do colours come from JupyterLab's variables, with light fallbacks?"""
    out = table_html([{"a": 1}])
    assert "var(--jp-content-font-color1, #111)" in out
