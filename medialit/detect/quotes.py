"""Where a text quotes someone: quotation marks, and block quotes introduced by a colon."""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["inside", "quoted_regions"]

_OPEN_DOUBLE = "\u201c"
_CLOSE_DOUBLE = "\u201d"
_OPEN_SINGLE = "\u2018"
_CLOSE_SINGLE = "\u2019"
_LINE = re.compile(r"[^\n]+")
# A line that hands over to a block quote: "the agent said:", "The report states:".
_INTRODUCES_BLOCK = re.compile(r":\s*$")
# Block-quoted speech talks in the first or second person; the writer's prose around it rarely does.
_SPEAKER_VOICE = re.compile(
    r"\b(?:I|I’m|I'm|we|we’re|we're|we’ve|we've|us|our|my|you|you’ve|you've|your|let’s|let's)\b",
    re.IGNORECASE,
)


_QUOTE_MARK = re.compile('[\u201c\u201d\u2018\u2019"]')


def _marks_in_line(line: str, base: int) -> list[tuple[int, int]]:
    """Regions between quotation marks in one line; a quote left open runs to the line's end."""
    regions: list[tuple[int, int]] = []
    double_open: int | None = None
    straight_open: int | None = None
    single_open: int | None = None
    for mark in _QUOTE_MARK.finditer(line):
        i, ch = mark.start(), mark.group()
        before = line[i - 1] if i else " "
        after = line[i + 1] if i + 1 < len(line) else " "
        if ch == _OPEN_DOUBLE and double_open is None:
            double_open = i
        elif ch == _CLOSE_DOUBLE and double_open is not None:
            regions.append((base + double_open, base + i + 1))
            double_open = None
        elif ch == '"':
            if straight_open is None:
                straight_open = i
            else:
                regions.append((base + straight_open, base + i + 1))
                straight_open = None
        elif ch == _OPEN_SINGLE and not before.isalnum() and single_open is None:
            single_open = i
        elif ch == _CLOSE_SINGLE and single_open is not None and not after.isalnum():
            regions.append((base + single_open, base + i + 1))
            single_open = None
    for start in (double_open, straight_open):
        if start is not None:  # a quotation that continues into the next paragraph
            regions.append((base + start, base + len(line)))
    return regions


def quoted_regions(text: str) -> list[tuple[int, int]]:
    """Character ranges of ``text`` that are someone else's words, sorted and not overlapping.

    Counts text between quotation marks (curly or straight; single curly
    quotes only where they are not apostrophes), and whole paragraphs set as a
    block quote: the paragraphs after one ending in a colon, as long as they
    open without a quotation mark and speak in the first or second person.
    """
    regions: list[tuple[int, int]] = []
    in_block = False
    for match in _LINE.finditer(text):
        line = match.group()
        if not line.strip():
            continue
        stripped = line.lstrip()
        if in_block and stripped[:1] not in {_OPEN_DOUBLE, '"'} and _SPEAKER_VOICE.search(line):
            regions.append((match.start() + len(line) - len(stripped), match.end()))
        else:
            in_block = False
            regions.extend(_marks_in_line(line, match.start()))
        if _INTRODUCES_BLOCK.search(line):
            in_block = True
    return _merge(regions)


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
