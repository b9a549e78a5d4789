"""Tests for medialit.detect.quotes: whose words are these?"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit.detect.quotes import inside, quoted_regions


def _quoted(text: str) -> list[str]:
    return [text[a:b] for a, b in quoted_regions(text)]


def test_curly_and_straight_quotes():
    """Are words between curly or straight double quotes found, marks included?"""
    assert _quoted('He called it “a disaster” and "a mess".') == ["“a disaster”", '"a mess"']


def test_apostrophes_are_not_quotes():
    """Do apostrophes inside words leave a single-quoted phrase intact?"""
    text = "The guard said the ‘security’ agents weren’t there and it’s over."
    assert _quoted(text) == ["‘security’"]


def test_open_quote_runs_to_the_end_of_its_paragraph():
    """Does a quotation continued into the next paragraph count to the end of its paragraph?"""
    text = "“The workload is heavy.\n“Once they’re processed, we release them,” he said."
    assert _quoted(text)[0] == "“The workload is heavy."


def test_block_quote_after_a_colon():
    """Is a first-person paragraph after a line ending in a colon a block quote, and the writer's next one not?"""
    text = "The officer continued:\nWe have nowhere to put them.\nThe agency did not comment."
    assert _quoted(text) == ["We have nowhere to put them."]


def test_writer_prose_after_a_colon_is_not_quoted():
    """Is a third-person paragraph after a colon left as the writer's own?"""
    assert _quoted("Here is what happened:\nThe council voted on Tuesday.") == []


def test_agrees_with_the_key_on_speakers():
    """Does 'inside a quotation' match the key's speaker for at least 95% of loaded phrases?"""
    agree = total = 0
    for info in medialit.articles():
        regions = quoted_regions(medialit.load(info.id).text)
        for span in medialit.annotations(info.id).loaded:
            total += 1
            agree += inside(regions, span.start, span.end) == (span.speaker == "quoted")
    assert agree / total >= 0.95


def _plain_quoted_regions(text: str) -> list[tuple[int, int]]:
    """quoted_regions as first written, mark by mark over every line: the definition the fast one meets."""
    from medialit.detect.quotes import _INTRODUCES_BLOCK, _SPEAKER_VOICE, _merge

    regions: list[tuple[int, int]] = []
    in_block = False
    for match in re.finditer(r"[^\n]+", text):
        line, base = match.group(), match.start()
        if not line.strip():
            continue
        stripped = line.lstrip()
        if in_block and stripped[:1] not in {"\u201c", '"'} and _SPEAKER_VOICE.search(line):
            regions.append((base + len(line) - len(stripped), match.end()))
        else:
            in_block = False
            double = straight = single = None
            for mark in re.finditer('[\u201c\u201d\u2018\u2019"]', line):
                i, ch = mark.start(), mark.group()
                before = line[i - 1] if i else " "
                after = line[i + 1] if i + 1 < len(line) else " "
                if ch == "\u201c" and double is None:
                    double = i
                elif ch == "\u201d" and double is not None:
                    regions.append((base + double, base + i + 1))
                    double = None
                elif ch == '"':
                    if straight is None:
                        straight = i
                    else:
                        regions.append((base + straight, base + i + 1))
                        straight = None
                elif ch == "\u2018" and not before.isalnum() and single is None:
                    single = i
                elif ch == "\u2019" and single is not None and not after.isalnum():
                    regions.append((base + single, base + i + 1))
                    single = None
            for start in (double, straight):
                if start is not None:
                    regions.append((base + start, base + len(line)))
        if _INTRODUCES_BLOCK.search(line):
            in_block = True
    return _merge(regions)


_PIECES = [
    "a",
    "I",
    "we",
    " ",
    "\n",
    "\n\n",
    ":",
    '"',
    "\u201c",
    "\u201d",
    "\u2018",
    "\u2019",
    "x\u2019s",
    "\t",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_quoted_regions_match_their_definition(text: str) -> None:
    """On any mix of marks, apostrophes, colons and lines, are the regions those found mark by mark?"""
    assert quoted_regions(text) == _plain_quoted_regions(text)
