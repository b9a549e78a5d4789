"""Page structure: headlines, section headings, bylines, furniture lines and an author biography."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from ...text import TextSpan
from .words import (
    _BY,
    _DATE,
    _FLAT,
    _SMALL_WORDS,
    _SOURCE_KINDS,
    _WORD,
    _has_letter,
    _has_quote_mark,
    _match_cues,
    _positions,
    _Stretch,
    _Words,
)

if TYPE_CHECKING:
    from .rules import _Page


# --- page structure ----------------------------------------------------------------------------------


class _Line(NamedTuple):
    start: int
    end: int  # without trailing white space


def _continued_quotes(words: _Words, lines: list[_Line], mask: bytearray) -> list[tuple[int, int]]:
    """Paragraphs that carry on a speaker's words without quotation marks.

    A paragraph with no quotation marks, spoken in the first person ("we", "our", "I"), right after
    a paragraph that ends with a credited quotation ("..." the officer warned.), is taken to be
    the same speaker still talking.
    """
    starts = [line.start for line in lines]
    with_marks = {bisect_right(starts, p) - 1 for p in _positions(words.flat, '"')}  # lines with a quote mark
    found = []
    for li in sorted(with_marks):  # a line with a quotation mark, then one without
        if li < 0 or li + 1 >= len(lines) or li + 1 in with_marks:
            continue
        previous, line = lines[li], lines[li + 1]
        if mask[line.start]:
            continue
        close = words.flat.rfind('"', previous.start, previous.end)
        if close < 0 or not mask[close]:
            continue
        stretch = words.between(line.start, line.end)
        if not any(stretch.words.written(i) != "US" for i in stretch.pick(stretch.words.persons)):
            continue
        tail = _match_cues(words.between(close + 1, previous.end))
        if any(kind in _SOURCE_KINDS for *_, kind in tail):
            found.append((line.start, line.end))
    return found


def _words(s: str) -> list[str]:
    return _WORD.findall(s.translate(_FLAT))


def _title_like(s: str) -> bool:
    """Are (nearly) all the words that matter capitalised, as in a headline?"""
    return _title_words(_words(s))


def _title_words(all_words: list[str]) -> bool:
    """:func:`_title_like` for a text already split into words."""
    words = [w for w in all_words if _has_letter(w)]
    if not words or not words[0][0].isupper():
        return False
    content = [w for w in words[1:] if w.lower() not in _SMALL_WORDS]
    if not content:
        return len(words) >= 1
    upper = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return upper / len(content) >= 0.75


def _final_char(s: str) -> str:
    """The last character that is not a space, closing quote or bracket ("" if none)."""
    return s.rstrip(" \t\r\"'\u201d\u2019)]\u00a0")[-1:]


def _is_byline(s: str, words: list[str]) -> bool:
    """Is ``s`` (split into ``words``) a byline: who wrote the piece, and when?"""
    if not words or len(words) > 14:
        return False
    if _BY.match(s):
        return _title_words(words) and _final_char(s) != "."
    if "|" in s or "\u2022" in s or "\u00b7" in s:
        return True
    return bool(_DATE.search(s)) and len(words) <= 8 and _title_like(_DATE.sub("", s) or "X")


class _LineInfo(NamedTuple):
    """What a whole line looks like: furniture lines are judged as a whole."""

    index: int
    words: int | None  # words with a letter; counted only for the first line, the one that can be a headline
    title_like: bool  # worked out for the first line only
    final: str
    furniture: bool  # a short line with a boilerplate cue, a copyright sign or a picture credit
    has_quote: bool


_CREDIT = re.compile(
    r"^\(?\s*(?:[A-Za-z]+\s+){0,2}(?:photo|photograph|image|picture|illustration|video)s?"
    r"(?:\s+credit)?\s*:",
    re.IGNORECASE,
)


def _line_info(page: _Page, line: _Line, index: int) -> _LineInfo:
    body = page.text[line.start : line.end]
    stretch = page.words.between(line.start, line.end)
    has_quote = _has_quote_mark(page.words.flat, line.start, line.end)
    words = stretch.lettered() if index == 0 else None
    furniture = (
        "\u00a9" in body
        or bool(_CREDIT.match(body))
        or (
            not has_quote
            and any(kind == "boilerplate" for *_, kind in _match_cues(stretch))
            and (stretch.lettered() if words is None else words) <= 25
        )
    )
    title_like = index == 0 and words <= 30 and _title_words(stretch.texts())
    return _LineInfo(index, words, title_like, _final_char(body), furniture, has_quote)


def _structure(
    text: str,
    span: TextSpan,
    line: _Line,
    index: int,
    info: _LineInfo | None,
    stretch: _Stretch,
    has_quote: bool,
) -> tuple[str, str] | None:
    """("headline" or "other", reason) for page furniture; None for sentences of the story.

    The sentence lies on line ``line`` (number ``index``), which is described by ``info`` if it
    is the first line or page furniture (the lines that are judged as a whole) and None if not.
    ``has_quote`` says whether the sentence contains quotation marks.
    """
    sentence = text[span.start : span.end]
    whole_line = span.start <= line.start and span.end >= line.end
    final = _final_char(sentence)
    if info is not None and info.furniture:
        return (
            "other",
            "Page furniture (a photo credit, copyright or comment-box line), not part of the story.",
        )
    if (
        whole_line
        and stretch.hi - stretch.lo <= 14  # as _is_byline asks: the words are counted before they are made
        and _is_byline(sentence, stretch.texts())
        and (index > 0 or _BY.match(sentence) or _DATE.search(sentence))
    ):
        return "other", "A byline: who wrote the piece and when, not part of the story."
    if span.end >= line.end and final == ":" and not has_quote and stretch.lettered() <= 8:
        return "other", "A lead-in ending in a colon: it hands over to the quotation that follows."
    if (
        index == 0
        and info is not None
        and info.words is not None
        and info.words <= 30
        and (info.final not in {".", "!", ":", ",", ";"} or info.title_like)
    ):
        return "headline", "The first line, set apart like a title: the headline."
    if whole_line and index > 0 and final not in {".", ":", ",", ";", "!"} and stretch.lettered() <= 10:
        if _title_words(stretch.texts()) or sentence.isupper():  # the stretch: the sentence's words
            return "headline", "A short title-like line standing on its own: a section heading."
    return None


def _biography(
    text: str, sentences: Sequence[TextSpan], bio: list[bool], structure: list, lines: list[_Line]
) -> list[int]:
    """Indices of an author biography: third-person 'bio' sentences running to the end of the text.

    The run must lie in the second half of the text, start a paragraph, and speak about a person
    ("He holds a ...", "Jane Smith joined ..."); one sentence alone counts only as a paragraph
    of its own.
    """
    starts = [line.start for line in lines]
    run: list[int] = []
    n = len(sentences) - 1
    while n >= 0 and structure[n] is not None and structure[n][0] == "other":
        n -= 1
    while n >= 0 and structure[n] is None and bio[n]:
        run.append(n)
        n -= 1
    while run and not _starts_paragraph(sentences[run[-1]], lines, starts):
        run.pop()
    if not run or run[-1] < len(sentences) // 2:
        return []
    if not any(_about_a_person(text[sentences[i].start : sentences[i].end]) for i in run):
        return []
    if len(run) == 1 and not _ends_paragraph(sentences[run[0]], lines, starts):
        return []
    return run


def _starts_paragraph(span: TextSpan, lines: list[_Line], starts: list[int]) -> bool:
    i = bisect_right(starts, span.start) - 1
    return i >= 0 and lines[i].start == span.start


def _ends_paragraph(span: TextSpan, lines: list[_Line], starts: list[int]) -> bool:
    i = bisect_right(starts, span.start) - 1
    return i >= 0 and lines[i].end <= span.end


_PERSON_START = re.compile(r"^(?:He|She|They)\b|^[A-Z][\w.'\u2019-]+(?:\s+[A-Z][\w.'\u2019-]*){1,3}[:,]?\s")


def _about_a_person(sentence: str) -> bool:
    """Does the sentence open with a pronoun for a person or a name ("Jane Smith ...")?"""
    match = _PERSON_START.match(sentence)
    return bool(match) and not sentence.startswith(
        ("The ", "This ", "That ", "These ", "Those ", "In ", "On ")
    )
