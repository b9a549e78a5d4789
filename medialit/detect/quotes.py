"""Where a text quotes someone: quotation marks, and block quotes introduced by a colon."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

__all__ = ["inside", "quoted_regions"]

_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"
# A line that hands over to a block quote: "the agent said:", "The report states:".
_INTRODUCES_BLOCK = re.compile(r":\s*$")
# Block-quoted speech talks in the first or second person; the writer's prose around it rarely does.
_SPEAKER_VOICE = re.compile(
    r"\b(?:I|I’m|I'm|we|we’re|we're|we’ve|we've|us|our|my|you|you’ve|you've|your|let’s|let's)\b",
    re.IGNORECASE,
)


def _offsets(text: str, marks: str, start: int = 0, end: int | None = None) -> list[int]:
    """Offsets of each of the characters ``marks`` in ``text[start:end]``, in order (a plain search per
    character: much faster than a regular expression that tries every place)."""
    found = []
    for mark in marks:
        offset = text.find(mark, start, end)
        while offset >= 0:
            found.append(offset)
            offset = text.find(mark, offset + 1, end)
    return sorted(found)


def _marks_in_line(text: str, start: int, end: int, marks: list[int]) -> list[tuple[int, int]]:
    """Regions between the quotation marks of the line ``text[start:end]``: ``marks`` are its double ones and
    its opening singles. A double quote left open runs to the line's end."""
    regions: list[tuple[int, int]] = []
    double_open: int | None = None
    straight_open: int | None = None
    singles = False
    for i in marks:
        ch = text[i]
        if ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                regions.append((straight_open, i + 1))
                straight_open = None
        elif ch == _OPEN_DOUBLE:
            if double_open is None:
                double_open = i
        elif ch == _CLOSE_DOUBLE:
            if double_open is not None:
                regions.append((double_open, i + 1))
                double_open = None
        else:  # an opening single quotation mark: see below
            singles = True
    for opened in (double_open, straight_open):
        if opened is not None:  # a quotation that continues into the next paragraph
            regions.append((opened, end))
    if singles:
        # Single quotes only where they are not apostrophes: an opening one not after a letter or
        # digit, a closing one not before one.
        single_open: int | None = None
        for i in _offsets(text, _OPEN_SINGLE + _CLOSE_SINGLE, start, end):
            if text[i] == _OPEN_SINGLE:
                if single_open is None and not (i > start and text[i - 1].isalnum()):
                    single_open = i
            elif single_open is not None and not (i + 1 < end and text[i + 1].isalnum()):
                regions.append((single_open, i + 1))
                single_open = None
    return regions


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are someone else's words, sorted and not overlapping.

    Counts text between quotation marks (curly or straight; single curly
    quotes only where they are not apostrophes), and whole paragraphs set as a
    block quote: the paragraphs after one ending in a colon, as long as they
    open without a quotation mark and speak in the first or second person.
    """
    regions: list[tuple[int, int]] = []
    marks = _offsets(text, _OPEN_DOUBLE + _CLOSE_DOUBLE + '"' + _OPEN_SINGLE)
    # Only the lines holding a quotation mark or a colon are read, with the block quotes after them.
    read_to = 0  # the lines before this offset are read
    for point in sorted(marks + _offsets(text, ":")):
        if point >= read_to:
            read_to = _read_lines(text, text.rfind("\n", 0, point) + 1, marks, regions)
    return _merge(regions)


def _read_lines(text: str, start: int, marks: list[int], regions: list[tuple[int, int]]) -> int:
    """Add the quoted regions of the line starting at ``start`` to ``regions``, and, if it introduces a
    block quote, those of the lines after it; return where the next line to read starts."""
    in_block = False
    while start <= len(text):
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        if in_block:
            line = text[start:end]
            stripped = line.lstrip()
            if not stripped:  # a blank line goes on with the block
                start = end + 1
                continue
            if stripped[0] not in {_OPEN_DOUBLE, '"'} and _SPEAKER_VOICE.search(line):
                regions.append((end - len(stripped), end))
                start = end + 1
                continue
        first = bisect_left(marks, start)
        last = bisect_left(marks, end, first)
        if last > first:
            regions.extend(_marks_in_line(text, start, end, marks[first:last]))
        in_block = text.find(":", start, end) >= 0 and _INTRODUCES_BLOCK.search(text, start, end) is not None
        start = end + 1
        if not in_block:
            break
    return start


def _merge(regions: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(regions):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def inside(regions: list[tuple[int, int]], start: int, end: int) -> bool:
    """Does the span start..end lie within one of ``regions`` (sorted, not overlapping, as returned)?"""
    i = bisect_right(regions, (start, float("inf"))) - 1
    return i >= 0 and regions[i][0] <= start and end <= regions[i][1]
