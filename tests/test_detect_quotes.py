"""Tests for medialit.detect.quotes: whose words are these?"""

from __future__ import annotations

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
