"""Statistics and their sourcing: numbers and quantity claims, and who stands behind them.

:func:`find_statistics` finds every number or quantity claim in a text and sorts it into one of the
seven sourcing classes of :data:`medialit.schema.SOURCING`, with a reason a student can follow, what
a reader would need to check, and the arithmetic where the text allows it.

What counts as a statistic (see section 2 of ``datasets/ANNOTATION_GUIDE.md``): numbers in digits
("11,754", "11k+", "$5 million", "3%"), number words ("two days", "thousands", "a dozen"), ranges
("between 7,860 and 8,931"), "X of Y" ("191 of 266, 71%"), the qualifiers that belong to the claim
("more than", "an estimated", "roughly"), and vague quantities ("many", "a significant portion",
"the vast majority", "lots of"). Dates, years, ages, times, ordinals, names ("EB-5", "Table 3") and
idioms ("15 minutes of fame") are skipped.

Who stands behind a figure is read from the sentence and its neighbours:

* quotation marks and block quotes (:func:`medialit.detect.quotes.quoted_regions`): a figure inside
  someone's quoted words is credited to the speaker;
* attribution: "according to X", "X said/reported/found/estimated", "said X", "a report by X",
  "in the X report";
* what the source is: a titled document ("the Declined Detainer Report"), an organisation or person
  with a name, a news outlet, the publishing outlet itself (the one the piece names with "told X
  exclusively" or "X has learned", or "we reported"), a role with no name ("the agent", "an
  official"), or words that only sound like a source ("studies show", "an estimated");
* a sentence that carries on from the one before ("Of those, ...", "Another ...") keeps its source.

The cue words live in ``datasets/lexicons/sourcing_cues.csv`` (columns ``cue,kind,note``, every cell
filled), so teachers can add outlets, roles or phrases; :data:`CUE_KINDS` lists the kinds. Rows of the
kinds role, voice, vague-source, document, poll, outlet-noun, org-noun, verb, ambiguous-verb and locator
are single words compared one word at a time; the other kinds may be phrases. Outlet names are matched
with their capitals, everything else ignores case.

Everything works one sentence at a time with precompiled regular expressions, bounded look-arounds and
bounded walks over words, so the time grows linearly with the text. Each rule is tried only on the
sentences holding one of its key words (:mod:`.keywords`, one look-up per token of the document), as
most sentences of an article hold no figure and credit no one. If NLTK's sentence splitter gives up
on a pathological line, a plain split on end marks is used instead.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence

from ...schema import StatisticSpan
from ...text import TextSpan
from ..parsed import ParsedText, parse
from .arithmetic import _Sums
from .attribution import _attribution, _decide, _sentence_decision
from .cues import CUE_FILE, CUE_KINDS, _lexicon, sourcing_cues
from .keywords import STATISTIC, sentence_keywords
from .numbers import _candidates, _Group, not_figures
from .wording import _span

__all__ = ["CUE_FILE", "CUE_KINDS", "find_statistics", "sourcing_cues"]


def _overlapping(regions: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """Those of the sorted ``regions`` that overlap ``start..end`` (none of them is long)."""
    i = bisect_left(regions, (start - 2000, 0))
    found = []
    while i < len(regions) and regions[i][0] < end:
        if regions[i][1] > start:
            found.append(regions[i])
        i += 1
    return found


def find_statistics(
    text: str | ParsedText, sentences: Sequence[TextSpan] | None = None
) -> list[StatisticSpan]:
    """Every number or quantity claim in ``text``, with its sourcing class and a reason.

    ``text`` is a string or a :class:`~medialit.detect.parsed.ParsedText`; ``sentences`` default to
    :func:`medialit.text.sentence_spans`. Spans are sorted by start, do not overlap, and
    ``text[span.start:span.end] == span.text``.
    """
    doc = parse(text, sentences)
    if not doc.text.strip():
        return []
    text, norm, regions = doc.text, doc.normalized, list(doc.quotes)
    lex = _lexicon()
    infos, speakers = doc.derived("statistics.attribution", _attribution)
    region_starts = [a for a, _ in regions]
    for info in infos:
        info.decided = None  # a second call on the same document starts afresh

    found: list[StatisticSpan] = []
    numbers: list[tuple[int, int, float]] = []  # (paragraph, position, value) for sum checks
    groups_by_sentence: list[list[_Group]] = []

    keywords = sentence_keywords(doc)
    skip = not_figures(doc, keywords)
    for info in infos:
        groups = _candidates(norm, info, lex, keywords) if info.keywords & STATISTIC else []
        if skip and groups:
            near = _overlapping(skip, info.span.start, info.span.end)
            if near:
                groups = [g for g in groups if not any(a < g.end and g.start < b for a, b in near)]
        groups_by_sentence.append(groups)
        for group in groups:
            for atom in group.atoms:
                if atom.kind == "digits" and not atom.pct and atom.value is not None and not atom.approx:
                    numbers.append((info.paragraph, atom.start, atom.value))
    sums = _Sums(numbers)
    for i, (info, groups) in enumerate(zip(infos, groups_by_sentence, strict=True)):
        for group in groups:
            attr, how = _decide(group, i, infos, regions, region_starts, speakers, norm, lex)
            found.append(_span(text, group, attr, how, sums, info.paragraph))
        info.decided = _sentence_decision(info)
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[StatisticSpan] = []
    for span in found:  # sentences handed in by a caller might overlap; spans must not
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
