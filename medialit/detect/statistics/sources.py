"""What a source is: the noun phrase that credits a figure, and its sourcing class with a reason."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from ...text import TextSpan
from .cues import (
    _BEFORE_VERB,
    _DEFINITE,
    _DETERMINERS,
    _FIRST_PERSON,
    _HEADLINE_WORD,
    _INDEFINITE,
    _MONTHS,
    _PRONOUNS,
    _SPECIFIC_DOCS,
    _STOP,
    _is_cap,
    _Lexicon,
    _plural_like,
)
from .keywords import OUTLET, TITLE


@dataclass
class _Attr:
    """A source credited somewhere in a sentence."""

    sourcing: str
    source: str  # the source's words, exactly as in the text
    cue: str  # the words that credit it (for the reason)
    why: str  # why that class, in plain words
    pos: int  # where the cue sits (offset into the text)
    doc: str | None = None  # the document a reader could look up, if known
    refers: str = ""  # "person" (he, she), "body" (it), "doc" (the survey): resolved from earlier sentences
    span: tuple[int, int] = (0, 0)  # where the source's words are
    introduces_doc: bool = False  # names a report, poll or data set that a later "the report" can mean
    antecedent: str = ""  # for "he", "it" or "the survey": the earlier source's words it refers to


@dataclass
class _Context:
    """Facts about the whole text that change how a source is read."""

    self_outlets: list[str]
    titles: list[str]
    owners: set[str]
    #: The first news outlet the text names that is not the one publishing it.
    other_outlet: str | None
    #: self_outlets in lower case, each once (what a source's words are compared with).
    self_lower: tuple[str, ...] = ()


class _Sentence:
    """One sentence of a document as the attribution rules read it, with the sources found in it.

    A plain class with slots: one is built for every sentence of a document, and most are read
    only for their key words, so the masked words and the headline test are worked out on first use.
    """

    __slots__ = (
        "_document",
        "_headline",
        "_masked",
        "attr_pos",
        "attrs",
        "best",
        "decided",
        "index",
        "keywords",
        "paragraph",
        "span",
    )

    def __init__(self, span: TextSpan, paragraph: int, masked: str, index: int, keywords: int) -> None:
        """``masked``: the whole document's masked text (:func:`.masked.mask`), of which this sentence
        reads ``masked[span.start:span.end]``."""
        self.span = span
        self.paragraph = paragraph
        self.index = index  # its place among the document's sentences
        self.keywords = keywords  # the kinds of key word it holds (:func:`.keywords.sentence_keywords`)
        self.attrs: Sequence[_Attr] = ()  # sorted by position
        self.attr_pos: Sequence[int] = ()  # their positions
        self.best: _Attr | None = None  # the strongest of attrs
        self.decided: _Attr | None = None  # the source its figures were given, for the next sentence
        self._document = masked
        self._masked: str | None = None
        self._headline: bool | None = None

    @property
    def masked(self) -> str:
        """The sentence, normalised, with other people's words replaced by "~"."""
        if self._masked is None:
            self._masked = self._document[self.span.start : self.span.end]
        return self._masked

    @property
    def headline(self) -> bool:
        """Title case (most longer words capitalised), as headlines and section headings are."""
        if self._headline is None:
            words = _HEADLINE_WORD.findall(self.masked, 0, 400)
            if len(words) < 2:
                self._headline = self.index == 0
            else:
                capitalised = len([w for w in words if w[0].isupper()])
                self._headline = capitalised >= 0.7 * len(words)
        return self._headline


def _clean_title(title: str) -> str:
    """A document title without quote marks and leading 'the', 'according to'."""
    title = title.strip().strip("\"'").strip()
    cut = title.find('"')
    if cut > 0:
        title = title[:cut]
    words = title.split()
    while words and words[0].lower() in ("the", "a", "an", "according", "to", "in", "on", "from"):
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=65536)
def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and word[0].isalpha()


def _wordlike(word: str) -> bool:
    return word.replace("'", "").replace("-", "").isalpha()


def _noun_kinds(lex: _Lexicon, low: str) -> bool:
    """Is ``low`` a noun that can name a source: a role, voice, document, poll, outlet or organisation?"""
    return low in lex.source_nouns


def _slice(info: _Sentence, toks: list[tuple[int, int, str]], first: int, last: int) -> str:
    return _orig(info, toks[first][0], toks[last][1])


def _orig(info: _Sentence, a: int, b: int) -> str:
    return info.span.text[a:b]


def _mid(words: str) -> str:
    """'The officer' in the middle of a sentence: 'the officer'."""
    first, _, rest = words.partition(" ")
    if first in ("The", "A", "An", "This", "That", "These", "Those", "Its", "Their") and rest:
        return first.lower() + " " + rest
    return words


def _head_ok(word: str, low: str, lex: _Lexicon) -> bool:
    if low in _DETERMINERS or (low in _STOP and low not in _PRONOUNS):
        return False
    return (
        _is_cap(word)
        or word == ")"
        or _noun_kinds(lex, low)
        or low in _PRONOUNS
        or low in _FIRST_PERSON
        or lex.has("outlet-word", low)
    )


def _np_backward(
    toks, lows, j: int, info: _Sentence, lex: _Lexicon, group: bool = False
) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``j`` (a source before its verb), or None.

    ``group`` lets any plural noun be the head ("organizers said"), not only the lexicon's.
    """
    if j < 0:
        return None
    word = toks[j][2]
    if not (_head_ok(word, lows[j], lex) or group) or word.startswith("~"):
        return None
    if lows[j] in _PRONOUNS or lows[j] in _FIRST_PERSON:
        return (j, j)
    k = j - 1
    if word == ")":  # "the Office of Inspector General (OIG) found"
        opening = next((x for x in range(j - 1, max(j - 5, -1), -1) if toks[x][2] == "("), None)
        if opening is None or opening == 0 or not _is_cap(toks[opening - 1][2]):
            return None
        k = opening - 1
    lowercase = 0
    while k >= 0 and j - k < 12:
        w, low = toks[k][2], lows[k]
        if low in _DETERMINERS:
            k -= 1
            break
        if w == ")":
            opening = next((x for x in range(k - 1, max(k - 5, -1), -1) if toks[x][2] == "("), None)
            if opening is None:
                break
            k = opening - 1
            continue
        if w.startswith("~") or not (w[:1].isalnum()):
            break
        if _is_cap(w) or w[:1].isdigit():
            k -= 1
            continue
        if low in ("and", "&", "of") and k > 0 and _is_cap(toks[k - 1][2]) and _is_cap(toks[k + 1][2]):
            k -= 1
            continue
        if low in _STOP or low in _BEFORE_VERB or lowercase >= 3 or not _wordlike(w):
            break
        lowercase += 1
        k -= 1
    first = k + 1
    # A sentence-opening word that is not part of a name ("In", "Now") is not part of the source.
    while first < j and toks[first][2][:1].isupper() and lows[first] in _STOP:
        first += 1
    return (first, j)


def _np_forward(toks, lows, i: int, info: _Sentence, lex: _Lexicon) -> tuple[int, int] | None:
    """The noun phrase that starts at token ``i`` ("according to [the Declined Detainer Report]")."""
    n = len(toks)
    if i >= n:
        return None
    k = i
    if lows[k] in _DETERMINERS:
        k += 1
    last = None
    lowercase = 0
    while k < n and k - i < 12:
        w, low = toks[k][2], lows[k]
        if w == "(":
            closing = next((x for x in range(k + 1, min(k + 5, n)) if toks[x][2] == ")"), None)
            if closing is None or last is None:
                break
            last = closing
            k = closing + 1
            continue
        if w.startswith("~") or not w[:1].isalnum():
            break
        if k > i and low in _DETERMINERS:
            break
        if _is_cap(w) and low in _STOP and last is None:
            return None  # "In its findings": an opening phrase, not a source
        if _is_cap(w) or (w[:1].isdigit() and (last is not None or (k + 1 < n and _is_cap(toks[k + 1][2])))):
            last = k
            k += 1
            continue
        if (
            low in ("and", "&", "of")
            and last is not None
            and k + 1 < n
            and (_is_cap(toks[k + 1][2]) or (lows[k + 1] == "the" and k + 2 < n and _is_cap(toks[k + 2][2])))
        ):
            k += 1
            continue
        if (
            low == "of"
            and last is not None
            and k + 2 < n
            and lows[k + 1] in _DEFINITE
            and lex.has("document", lows[k + 2])
            and lex.has("locator", lows[last])
        ) or (
            low == "of"
            and last is not None
            and k + 2 < n
            and lows[k + 1] in _DEFINITE
            and lex.has("document", lows[k + 2])
            and _is_cap(toks[last][2])
            and len(toks[last][2]) <= 3
        ):
            last = k + 2  # "Table B of the report", "page 14 of the study"
            break
        if low in _STOP or lowercase >= 4 or not _wordlike(w):
            break
        lowercase += 1
        last = k
        k += 1
        if _noun_kinds(lex, low) and not (k < n and (_is_cap(toks[k][2]) or _noun_kinds(lex, lows[k]))):
            break  # the head noun: "the office", "an ... officer"
    if last is None:
        return None
    if not _head_ok(toks[last][2], lows[last], lex):
        return None
    return (i, last)


def _sentence_subject(toks, lows, info: _Sentence, lex: _Lexicon, verb: int) -> tuple[int, int] | None:
    """The subject at the start of the sentence, after an opening phrase such as 'In its findings,'."""
    starts = [0]
    comma = next((x for x in range(min(len(toks), 10)) if toks[x][2] == ","), None)
    if comma is not None:
        starts.insert(0, comma + 1)
    for start in starts:
        if start >= verb:
            continue
        np = _np_forward(toks, lows, start, info, lex)
        if np and np[1] < verb:
            head = lows[np[1]]
            if _noun_kinds(lex, head) or (_is_cap(toks[np[1]][2]) and not (np[0] == 0 and head in _STOP)):
                return np
    return None


def _first_title(ctx: _Context) -> str | None:
    """The first document title the article names, cut to about 60 characters."""
    first_title = ctx.titles[0].rstrip(".") if ctx.titles else None
    if first_title and len(first_title) > 60:
        first_title = first_title[:57].rstrip() + "…"
    return first_title


def _doc_hint(ctx: _Context) -> str | None:
    """What a reader should look up for "the report" when the article names one elsewhere."""
    first_title = _first_title(ctx)
    return f"the report the article names (“{first_title}”)" if first_title else None


def _owner_doc(ctx: _Context, source: str) -> str:
    """What a reader should look up for a body whose named report the article cites."""
    first_title = _first_title(ctx)
    return f"the report by {_mid(source)}" + (f" (“{first_title}”)" if first_title else "")


def _classify(
    info: _Sentence, toks, lows_all: list[str], first: int, last: int, ctx: _Context, lex: _Lexicon
) -> _Attr | None:
    """Which sourcing class the noun phrase toks[first..last] is, with a reason; None if not a source.

    ``lows_all``: the :func:`.masked.low` forms of all of the sentence's ``toks``.
    """
    words = [t[2] for t in toks[first : last + 1]]
    for w in words:
        if w[:1].isdigit() and not (len(w) == 4 and w.isdigit()):
            return None  # "the 500 people surveyed" is a statistic, not a source
    source = _slice(info, toks, first, last)
    np_norm = info.masked[toks[first][0] : toks[last][1]]
    lows = lows_all[first : last + 1]
    head = lows[-1]
    pos = info.span.start + toks[first][0]
    kinds = lex.kinds
    source_nouns = lex.source_nouns

    def attr(
        sourcing: str, why: str, doc: str | None = None, refers: str = "", introduces: bool = False
    ) -> _Attr:
        return _Attr(sourcing, source, "", why, pos, doc, refers, introduces)

    if head in _PRONOUNS and len(lows) == 1:
        if head == "it":
            return attr("vague", f"“{source}” does not say who or what this is", refers="body")
        return attr(
            "anonymous", f"“{source}” is not named, so readers cannot check who said it", refers="person"
        )
    if lows[0] in _FIRST_PERSON:
        return attr("self-citation", "the writer's own outlet is citing itself, not the data behind it")
    np_lower = np_norm.lower() if ctx.self_lower else ""
    if any(own in np_lower for own in ctx.self_lower):
        return attr(
            "self-citation", f"{source} appears to be the outlet that published this piece, citing itself"
        )
    # Outlet names and titles are looked for only in sentences holding one of their key words.
    outlet = lex.outlet.search(np_norm) if info.keywords & OUTLET else None
    if outlet and head not in kinds["poll"]:
        return attr(
            "other-outlet",
            f"{outlet.group()} is another news outlet, so the figure rests on its reporting",
            doc=f"{outlet.group()}'s original report",
        )
    # Whether the sentence is a headline (info.headline) matters below only for a phrase with a capital,
    # and is worked out only where it is read.
    lower_case = np_norm.islower()
    proper = [
        i
        for i, w in enumerate(words)
        if (
            _is_acronym(w)
            or (w[:1].isupper() and not (lows[i] in source_nouns and not lower_case and info.headline))
        )
        and not (
            toks[first + i][0] == 0
            and (lows[i] in _STOP or lows[i] in _DETERMINERS or lows[i] in source_nouns)
        )
        and lows[i] not in _MONTHS
    ]
    named = [i for i in proper if i != len(words) - 1 or head not in source_nouns]
    title = lex.title.search(np_norm) if info.keywords & TITLE and (lower_case or not info.headline) else None
    if title or any(lows[i] in ("table", "page", "section", "chapter", "figure") for i in proper):
        return attr(
            "named-document",
            "a document with a name that a reader could look up",
            doc=source,
            introduces=True,
        )
    determiner = lows[0] if lows[0] in _DETERMINERS else ""
    organisation_name = (
        _is_cap(words[-1]) and not kinds["org-noun"].isdisjoint(lows) and (lower_case or not info.headline)
    )
    if (head in kinds["document"] or head in kinds["poll"]) and not organisation_name:
        if named:
            if head in kinds["poll"]:
                return attr(
                    "named-organization-or-person",
                    "it names who ran the poll, but not which poll, its date or its question",
                    doc=_mid(source),
                    introduces=True,
                )
            return attr(
                "named-document",
                "it names whose report or data this is, so a reader could look it up",
                doc=source,
                introduces=True,
            )
        if determiner in _DEFINITE and head in _SPECIFIC_DOCS:
            if ctx.titles:
                return attr(
                    "named-document", "it points back to the report the article names", doc=_doc_hint(ctx)
                )
            if ctx.other_outlet:
                return attr(
                    "other-outlet",
                    "it points back to another outlet's report",
                    doc=f"the original report by {ctx.other_outlet}",
                )
            return attr("vague", "it points back to a report, but the text never says whose", refers="doc")
        if ctx.titles and determiner in _INDEFINITE | _DEFINITE:
            return attr("named-document", "the article names this report elsewhere", doc=_doc_hint(ctx))
        return attr("vague", "it does not say whose report, study or data this is, so nobody could find it")
    if head in kinds["outlet-noun"]:
        if ctx.other_outlet:
            return attr(
                "other-outlet",
                "it points to another news outlet's reporting",
                doc=f"the original piece in {ctx.other_outlet}",
            )
        return attr("vague", "it does not say which outlet or piece this is")
    role, voice = kinds["role"], kinds["voice"]
    roles = [i for i, w in enumerate(lows) if w in role or w in voice]
    if roles:
        r = roles[-1]
        after = words[r + 1 :]
        if after and (_is_cap(after[0]) or re.match(r"(?:[A-Za-z]\.){2,}", after[0])):
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        if lows[r] in voice and named:
            return attr("named-organization-or-person", "the organisation speaking is named, but no document")
        return attr("anonymous", f"no name is given for {_mid(source)}, so readers cannot check who said it")
    if head in kinds["vague-source"]:
        if named:
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        return attr("vague", "it sounds like a source but names nobody a reader could find")
    if head in kinds["org-noun"] and not named:
        if determiner in _DEFINITE:
            if ctx.owners:
                return attr(
                    "named-document",
                    "it is the body whose named report the article cites",
                    doc=_owner_doc(ctx, source),
                )
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        return attr("vague", "it does not say which organisation this is")
    if not named and not _is_cap(words[-1]) and _plural_like(words[-1]):
        return attr("anonymous", f"no name is given for {_mid(source)}, so readers cannot check who said it")
    if named or _is_cap(words[-1]):
        acronyms = {w.lower() for w in words if _is_acronym(w)}
        if acronyms & ctx.owners:
            return attr(
                "named-document",
                "it is the body whose named report the article cites",
                doc=_owner_doc(ctx, source),
            )
        if len(words) == 1 and toks[first][0] == 0 and head.endswith("s") and not _is_acronym(words[0]):
            return attr("vague", "a whole group is given as the source, with nobody named")
        return attr(
            "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
        )
    return None
