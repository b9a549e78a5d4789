"""Finding the numbers and quantity claims in a sentence, with their qualifiers and the thing counted."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from string import ascii_letters
from typing import TYPE_CHECKING

from ..parsed import ParsedText
from .cues import (
    _ADJECTIVE_ENDINGS,
    _ADJECTIVES,
    _AGE_AFTER,
    _AGE_APPOSITION,
    _AGE_BEFORE,
    _APPROXIMATE,
    _CLOSE_PAREN,
    _DIGIT_ATOM,
    _FOLLOWING_WORD,
    _FRACTIONS,
    _GAP_IN,
    _GAP_OF,
    _GAP_PAREN,
    _GAP_PCT,
    _GAP_RANGE,
    _MONTHS,
    _OF_PHRASE,
    _OR_MORE,
    _PRECEDING_WORD,
    _QUANTIFIER_BLOCKERS,
    _RANGE_OPENER,
    _SCALES,
    _STOP,
    _TAIL_STOP,
    _TAIL_WORD,
    _TIME_AFTER,
    _WEEKDAYS,
    _WORD_ATOM,
    _WORD_VALUE,
    _is_cap,
    _Lexicon,
    _plural_like,
)
from .keywords import DIGIT, IDIOM, NUMBER_WORD, QUANTIFIER, QUANTITY, SIZE, Keywords, matches_at
from .phrase_trees import _patterns

# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------

if TYPE_CHECKING:
    from .sources import _Sentence


@dataclass(slots=True)
class _Atom:
    """One number or quantity phrase before merging."""

    start: int
    end: int
    value: float | None
    pct: bool = False
    kind: str = "digits"  # digits, words, share ("a third", "half"), vague
    approx: bool = False
    label: str = ""  # the number's own words, without qualifiers ("3%")


@dataclass(slots=True)
class _Group:
    """Atoms merged into one statistic ("191 of 266, 71%")."""

    start: int
    end: int
    atoms: list[_Atom]
    links: list[str] = field(default_factory=list)  # how atom i+1 joins atom i: of, pct, paren, range, in
    opener: str = ""  # between / from

    @property
    def vague(self) -> bool:
        return all(a.kind == "vague" for a in self.atoms)


# ---------------------------------------------------------------------------------------------
# Finding the numbers and quantities
# ---------------------------------------------------------------------------------------------


# Digits that are not figures: telephone numbers, and ids or codes standing alone on a line.
_PHONE = re.compile(
    r"(?<![\w-])(?:\+?1[-. ])?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\w-])"
    r"|(?<![\w-])\+\d{1,3}(?:[ .-]\d{2,4}){2,5}(?![\w-])"
)
_ID_LINE = re.compile(
    r"(?:(?:id|no|ref|article|story|doc|item)[ \t#:.-]*)?[A-Za-z0-9/_-]*\d{4,}[A-Za-z0-9/_-]*", re.IGNORECASE
)
_LONG_DIGITS = re.compile(r"(?<![\d,.$])\d{7,}(?![\d,.])")
# What every match of _PHONE holds (one of the two): found far faster, as a pattern that opens with a
# character or a class is searched without trying each position in turn.
_PHONE_CORE = re.compile(r"\d{3}[-. ]\d{4}")
_PLUS_DIGIT = re.compile(r"\+\d")


def not_figures(doc: ParsedText, keywords: Keywords) -> list[tuple[int, int]]:
    """(start, end) of digits that are not figures: telephone numbers, ids, codes and web addresses, sorted.

    ``keywords`` (:func:`.keywords.sentence_keywords`) says where runs of four or more digits are and
    whether the text may hold a link at all, so most texts are never searched for these.
    """
    text = doc.text
    found = list(doc.links) if keywords.links else []
    # Every match of _PHONE holds four digits in a row within one token, after at most four characters.
    if any(_PHONE_CORE.search(text, max(0, a - 4), b) for a, b, _ in keywords.long_numbers) or (
        "+" in text and _PLUS_DIGIT.search(text)
    ):  # quick tests: most texts hold no telephone number
        found += [m.span() for m in _PHONE.finditer(text)]
    for line in doc.paragraphs:  # only short lines can be an id standing alone
        if len(line.text) <= 40 and (m := _ID_LINE.fullmatch(line.text)) and not _YEAR_LINE.match(m.group()):
            found.append((line.start, line.end))
    if any(run >= 7 for _, _, run in keywords.long_numbers):
        found += [m.span() for m in _LONG_DIGITS.finditer(text)]
    return sorted(found)


_YEAR_LINE = re.compile(r"^\s*\d{4}\s*$")
_ASCII_LETTERS = frozenset(ascii_letters)


def _candidates(norm: str, info: _Sentence, lex: _Lexicon, found: Keywords) -> list[_Group]:
    """The statistics in one sentence, merged and without idioms.

    Each pattern is tried only if the sentence holds one of its key words, and only where one of its
    matches can begin (``found``, from :func:`.keywords.sentence_keywords`).
    """
    patterns = _patterns(lex)  # (built on the first call, before any text is timed)
    a0, b0 = info.span.start, info.span.end
    keywords = info.keywords
    atoms: list[_Atom] = []
    if keywords & DIGIT:
        for match in matches_at(_DIGIT_ATOM, found.figures, norm, a0, b0):
            atom = _digit_atom(norm, match, a0, lex)
            if atom is not None:
                atoms.append(atom)
    if keywords & NUMBER_WORD:
        for match in matches_at(_WORD_ATOM, found.word_atoms, norm, a0, b0):
            atom = _word_atom(norm, match, a0, b0, lex)
            if atom is not None:
                atoms.append(atom)
    if len(atoms) > 1:
        atoms.sort(key=lambda a: (a.start, -a.end))
    groups = _merge_atoms(norm, atoms, a0, b0) if atoms else []
    if keywords & (QUANTITY | SIZE | QUANTIFIER):
        vague = _vague_atoms(norm, a0, b0, lex, keywords, found)
        groups += [_Group(atom.start, atom.end, [atom]) for atom in vague]
    if not groups:
        return groups
    idioms = []
    if keywords & IDIOM:
        last_end = max(g.end for g in groups)
        for match in matches_at(patterns.idiom, found.phrases.get("idiom"), norm, a0, b0):
            if match.start() >= last_end:
                break  # no idiom from here on can cover a statistic
            idioms.append(match.span())
    if idioms:
        idiom_starts = [a for a, _ in idioms]
        reach = []  # the furthest end of any idiom so far
        for _, b in idioms:
            reach.append(max(b, reach[-1]) if reach else b)
        kept = []
        for g in groups:
            x = bisect_right(idiom_starts, g.end - 1) - 1  # the last idiom starting before the group ends
            if x >= 0 and reach[x] > g.start:
                continue
            kept.append(g)
        groups = kept
    if len(groups) > 1:
        groups.sort(key=lambda g: (g.start, -g.end))
    merged: list[_Group] = []
    for group in groups:
        if merged and group.start < merged[-1].end:
            last = merged[-1]
            if group.end > last.end:
                last.end = group.end
            if not last.links and group.links:
                last.atoms, last.links, last.opener = group.atoms, group.links, group.opener
            elif last.vague and not group.vague:
                last.atoms = [*group.atoms, *last.atoms]
            continue
        merged.append(group)
    for group in merged:
        while group.end > group.start and norm[group.end - 1] in " ,;:-(":
            group.end -= 1
    return [g for g in merged if g.end > g.start]


def _qualified_start(
    norm: str, start: int, a0: int, lex: _Lexicon, previous: str | None = None
) -> tuple[int, bool]:
    """Move ``start`` back over qualifiers that belong to the claim ("more than", "an estimated").

    ``previous`` is :func:`_preceding_word` at ``start`` where the caller has it: qualifiers end in a
    plain word, which is then that word, so most numbers are passed over without reading more.
    """
    if previous is not None and previous not in lex.qualifier_ends:
        return start, False
    window = norm[max(a0, start - 60) : start]
    words = window.rstrip()
    if words[words.rfind(" ") + 1 :].lower() not in lex.qualifier_ends:
        return start, False  # a quick test: most numbers follow no qualifier
    match = _patterns(lex).qualifier.search(window)
    if not match:
        return start, False
    return start - (len(window) - match.start()), bool(_APPROXIMATE.search(match.group()))


def _preceding_word(norm: str, start: int, a0: int) -> str:
    """The word just before ``start``, in lower case and without a full stop ("" if none)."""
    window = norm[max(a0, start - 24) : start]
    words = window.rstrip()
    gap = len(window) - len(words)
    if not gap or gap > 4:
        return ""  # a match ends in 1-3 white-space characters (and a line break at the very end)
    # A match holds no white space before its last 1-3 characters, so it starts in the last word.
    match = _PRECEDING_WORD.search(window, words.rfind(" ") + 1)
    return match.group(1).lower().rstrip(".") if match else ""


def _following_word(norm: str, end: int, b0: int) -> str:
    match = _FOLLOWING_WORD.match(norm, end, b0)
    return match.group(1).lower() if match else ""


def _digit_atom(norm: str, match: re.Match[str], a0: int, lex: _Lexicon) -> _Atom | None:
    """The figure ``match`` (:data:`.cues._DIGIT_ATOM`) found, or None if it is a year, a date, an age, a
    time, a list marker or part of a name. The cheaper tests come first."""
    start, end = match.span()
    if start - 2 >= a0 and norm[start - 1] == "-" and norm[start - 2] in _ASCII_LETTERS:
        return None  # a name such as EB-5 or COVID-19
    digits, suffix, currency = match.group("num", "suf", "cur")
    suffix = suffix.strip().lower() if suffix else ""
    plain = not suffix and not currency and "," not in digits and "." not in digits
    value = float(digits.replace(",", ""))
    previous = _preceding_word(norm, start, a0)
    qualified = None
    if plain and len(digits) == 4 and 1800 <= value <= 2199:
        qualified = _qualified_start(norm, start, a0, lex, previous)
        if qualified[0] == start or previous in ("past", "last", "next", "the"):
            return None  # a year
    if previous in _MONTHS or previous in _WEEKDAYS:
        return None  # a date
    if plain:
        if value <= 31 and _following_word(norm, end, len(norm)) in _MONTHS:
            return None  # a date
        if previous in ("no", "nos", "#") or (previous != "number" and lex.has("locator", previous)):
            return None  # Table 3, page 14, Title 42, No. 5
        after = norm[end : end + 1]
        if after == ":" or _TIME_AFTER.match(norm, end):
            return None  # a time
        if after == ")" and value < 10 and start > 0 and norm[start - 1] == "(":
            return None  # a list marker: (1)
        if value <= 120 and after in ",)" and _AGE_APPOSITION.search(norm[max(a0, start - 40) : start]):
            return None  # "The senator, 64, said": an age
    if _AGE_AFTER.match(norm, end) or _AGE_BEFORE.search(norm[max(a0, start - 8) : start]):
        return None
    pct = suffix in ("%", "percent", "per cent") or suffix.startswith("per")
    if suffix:
        if suffix == "k":
            value *= 1e3
        elif suffix == "m":
            value *= 1e6
        elif suffix == "bn":
            value *= 1e9
        elif suffix.rstrip("s") in _SCALES:
            value *= _SCALES[suffix.rstrip("s")]
    new_start, approx = qualified or _qualified_start(norm, start, a0, lex, previous)
    return _Atom(new_start, end, value, pct, "digits", approx or bool(match.group("plus")), norm[start:end])


_LETTERS = re.compile(r"[a-z]+")
_ONE_IN = re.compile(r"\s(?:in|out\sof)\s")  # "one in five", "one out of ten"
_FRACTION_SPLIT = re.compile(r"[- ]")


@lru_cache(maxsize=4096)
def _word_value(phrase: str) -> float | None:
    """The value of a number in words, in lower case ("two hundred", "a dozen"); None if it has none."""
    total, current = 0.0, 0.0
    seen = False
    for w in _LETTERS.findall(phrase):
        if w in _WORD_VALUE:
            current += _WORD_VALUE[w]
            seen = True
        elif w in ("a", "one") and not seen:
            current = 1.0
            seen = True
        elif w in ("dozen",):
            current = (current or 1) * 12
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1e3:
                total, current = total + current, 0.0
        elif w == "half":
            current += 0.5
            seen = True
    value = total + current
    return value if seen or value else None


def _word_atom(norm: str, match: re.Match[str], a0: int, b0: int, lex: _Lexicon) -> _Atom | None:
    """The number in words ``match`` (:data:`.cues._WORD_ATOM`) found, or None if it is not a figure
    ("one" as a pronoun, "Title Two", "half" without "of")."""
    start, end = match.span()
    if start - 2 >= a0 and norm[start - 1] == "-" and norm[start - 2] in _ASCII_LETTERS:
        return None  # a name such as COVID-Nineteen
    if _AGE_AFTER.match(norm, end):
        return None
    phrase = match.group().lower()
    previous = _preceding_word(norm, start, a0)
    if _is_cap(norm[start]) and lex.has("locator", previous):
        return None
    value: float | None
    kind = "words"
    which = match.lastgroup  # the alternatives of _WORD_ATOM are its only groups
    if which == "num":
        if phrase == "one" and not _ONE_IN.match(norm, end, end + 9):
            return None  # "one" is usually a pronoun or "a": one such example, one American citizen
        value = _word_value(phrase)
    elif which in ("aone", "halfa"):
        value = _word_value(phrase)
    elif which == "plural":
        if phrase == "tens":
            return None
        value = None
        kind = "vague"
    elif which == "frac":
        following = _following_word(norm, end, b0)
        if previous == "and" or not (
            following in ("of", "are", "were", "is", "was", "have", "had", "say", "said", "")
            or norm[end : end + 1] in ",.;"
        ):
            return None
        num, den = _FRACTION_SPLIT.split(phrase, maxsplit=1)
        value = (_word_value(num) or 1) * _FRACTIONS.get(den.rstrip("s").replace("halve", "half"), 0) * 100
        kind = "share"
    elif which == "half":
        qualified, _ = _qualified_start(norm, start, a0, lex, previous)
        if _following_word(norm, end, b0) not in ("of", "the") and qualified == start:
            return None
        value = 50.0
        kind = "share"
    else:  # twice, double
        if _following_word(norm, end, b0) not in ("as", "the"):
            return None
        value = None
        kind = "vague"
    new_start, approx = _qualified_start(norm, start, a0, lex, previous)
    return _Atom(new_start, end, value, False, kind, approx, norm[start:end])


def _merge_atoms(norm: str, atoms: list[_Atom], a0: int, b0: int) -> list[_Group]:
    """Join atoms that make one claim: '11,754 (3%) of 339,478', 'between 7,860 and 8,931'."""
    groups: list[_Group] = []
    for atom in atoms:
        if groups and (atom.start < groups[-1].end or _link(norm, groups[-1], atom)):
            continue  # the same words found twice (a word atom inside a longer one), or joined on
        groups.append(_Group(atom.start, atom.end, [atom], opener=_range_opener(norm, atom.start, a0)))
    for group in groups:
        if "range" in group.links and group.opener:
            group.start -= len(group.opener) + 1
        _add_tail(norm, group, b0)
    return groups


_OPENER_ENDS = frozenset("nNmM")  # the last letters of "between" and "from"


def _range_opener(norm: str, start: int, a0: int) -> str:
    """ "between" or "from" just before ``start`` (lower case), or ""."""
    # A match ends with a letter and one white-space character, perhaps then a line break.
    if start - a0 < 5 or (norm[start - 2] not in _OPENER_ENDS and norm[start - 3] not in _OPENER_ENDS):
        return ""
    opener = _RANGE_OPENER.search(norm[max(a0, start - 10) : start])
    return opener.group().strip().lower() if opener else ""


def _numeric(atom: _Atom) -> bool:
    """A count that arithmetic can use (not "many", not a share such as "a third")."""
    return atom.kind in ("digits", "words") and atom.value is not None


def _link(norm: str, group: _Group, atom: _Atom) -> bool:
    if len(group.atoms) >= 4:
        return False
    last = group.atoms[-1]
    gap = norm[group.end : atom.start]
    if len(gap) > 14:
        return False
    kind = ""
    if atom.pct and _GAP_PAREN.fullmatch(gap):
        close = _CLOSE_PAREN.match(norm, atom.end)
        if close:
            group.atoms.append(atom)
            group.links.append("paren")
            group.end = close.end()
            return True
    if (
        _numeric(last)
        and _numeric(atom)
        and not atom.pct
        and _GAP_OF.fullmatch(gap)
        and "of" not in group.links
    ):
        kind = "of"
    elif (
        atom.pct
        and not last.pct
        and _numeric(last)
        and _GAP_PCT.fullmatch(gap)
        and ("," in gap or "or" in gap)
    ):
        kind = "pct"
    elif _numeric(last) and _numeric(atom) and not atom.pct and _GAP_IN.fullmatch(gap):
        kind = "in"
    elif (
        _numeric(last)
        and _numeric(atom)
        and last.pct == atom.pct
        and _GAP_RANGE.fullmatch(gap)
        and (group.opener or gap.strip() in ("-", "to", "through"))
        and not group.links
    ):
        if gap.strip().lower() == "and" and group.opener != "between":
            return False
        kind = "range"
        if gap.strip() == "-" and not group.opener and (last.value or 0) > (atom.value or 0):
            kind = "score"  # a vote or a score (7-2), not a range
    if not kind:
        return False
    group.atoms.append(atom)
    group.links.append(kind)
    group.end = atom.end
    return True


def _add_tail(norm: str, group: _Group, b0: int) -> None:
    """Take in the thing counted: '15 individuals', '200 bodies or more', 'half of Americans'."""
    last = group.atoms[-1]
    group.end = _tail_end(norm, group.end, b0, last.pct or last.kind in ("vague", "share"))


def _tail_end(norm: str, end: int, b0: int, share: bool) -> int:
    """Where a figure ending at ``end`` ends with the thing it counts; ``share``: a share or an amount
    without a number, which may count "of" a group ("a third of the voters")."""
    if share and (of := _OF_PHRASE.match(norm, end, b0)):
        after = _noun_phrase_end(norm, of.end(), b0, capital_ok=True)
        if after > of.end():
            end = after
        else:
            end = _noun_phrase_end(norm, end, b0)
    else:
        end = _noun_phrase_end(norm, end, b0)
    more = _OR_MORE.match(norm, end, b0)
    return more.end() if more else end


@lru_cache(maxsize=65536)
def _tail_word(word: str) -> tuple[bool, bool, bool]:
    """For a word after a number: (does it end the noun phrase, does it start in lower case, is it a
    describing word)."""
    low = word.lower()
    stop = low in _TAIL_STOP or low in _MONTHS or low.endswith("ly")
    return stop, word[0].islower(), _adjective_like(low)


def _adjective_like(low: str) -> bool:
    return low in _ADJECTIVES or "-" in low or (low.endswith(_ADJECTIVE_ENDINGS) and not _plural_like(low))


def _noun_phrase_end(norm: str, end: int, b0: int, capital_ok: bool = False) -> int:
    """Where the noun after a number ends: 'days', 'illegal immigrants', 'additional thousands'.

    Up to two describing words and then a noun; a phrase that stops on a describing word ("numerous
    innocent American lives") keeps only what came before it.
    """
    noun_end = end
    for _ in range(3):
        word = _TAIL_WORD.match(norm, end, b0)
        if not word:
            break
        stop, lower, describing = _tail_word(word.group(1))
        if stop or not (lower or capital_ok):
            break
        end = word.end()
        if not describing:
            return end
        capital_ok = False
    return noun_end


# Before "most", words that make it a superlative ("the most", "its most promising").
_SUPERLATIVE_BEFORE = frozenset(
    "the at what which is are was were its their our his her my your a an".split()
)
# Nouns that name no countable thing: "a sliver of truth", "a great deal of hope" are figures of speech.
_ABSTRACT = frozenset(
    """truth hope doubt irony humor humour luck sense dignity respect courage sympathy optimism pessimism trust
    confidence credibility controversy mystery suspicion skepticism scepticism faith fear anger shame pride
    relief comfort common decency honesty""".split()
)
_OF_WORD = re.compile(r"\s{1,3}(?:of\s{1,3})?([A-Za-z]+)")


def _counts_nothing(norm: str, end: int, b0: int) -> bool:
    """Is the thing counted after a vague amount an abstract noun ("a sliver of truth")?"""
    match = _OF_WORD.match(norm, end, b0)
    return bool(match) and match.group(1).lower() in _ABSTRACT


def _vague_atoms(norm: str, a0: int, b0: int, lex: _Lexicon, keywords: int, at: Keywords) -> list[_Atom]:
    """Quantities without a number: 'many', 'a significant portion', 'lots of', 'the vast majority'.

    ``at`` says where their phrases may begin (:func:`.keywords.sentence_keywords`)."""
    found: list[_Atom] = []
    patterns, starts = _patterns(lex), at.phrases.get
    quantities = (
        matches_at(patterns.quantity, starts("quantity"), norm, a0, b0) if keywords & QUANTITY else ()
    )
    sizes = matches_at(lex.size, starts("size"), norm, a0, b0) if keywords & SIZE else ()
    quantifiers = (
        matches_at(patterns.quantifier, starts("quantifier"), norm, a0, b0) if keywords & QUANTIFIER else ()
    )
    for match in quantities:
        phrase = match.group().lower()
        following = _following_word(norm, match.end(), b0)
        if phrase.endswith(("majority", "minority")) and not (
            following
            in ("of", "are", "were", "is", "was", "have", "had", "say", "said", "agree", "support", "")
            or norm[match.end() : match.end() + 1] in ",.;"
        ):
            continue
        if _counts_nothing(norm, match.end(), b0):
            continue
        found.append(_vague(norm, match.start(), match.end(), a0, b0, lex))
    for match in sizes:
        if not _counts_nothing(norm, match.end(), b0):
            found.append(_vague(norm, match.start(), match.end(), a0, b0, lex))
    for match in quantifiers:
        start, end = match.span()
        word = match.group().lower()
        following_match = _FOLLOWING_WORD.match(norm, end, b0)
        following = following_match.group(1) if following_match else ""
        low_following = following.lower()
        if low_following in _QUANTIFIER_BLOCKERS:
            continue
        if norm[end : end + 2].strip()[:1].isdigit():
            continue  # "some 5,000": a qualifier, found with the number
        previous = None
        if word in ("many", "some", "most", "few", "fewer"):
            previous = _preceding_word(norm, start, a0)
            if word == "many":
                if previous in ("however", "that", "as"):
                    continue  # "however many officers", "that many fewer people": not a claim about how many
                if not following and norm[end : end + 1] not in ",.":
                    continue
                found.append(_vague(norm, start, end, a0, b0, lex, previous))
                continue
            if word == "most" and (previous in _SUPERLATIVE_BEFORE or previous.endswith("'s")):
                continue  # "the most", "Africa's most promising": a superlative, not a share
            if word in ("few", "fewer") and previous in ("a", "many", "much", "far", "no"):
                continue
            verbs = ("are", "were", "have", "had", "say", "said", "agree", "believe", "do", "did")
            second = _FOLLOWING_WORD.match(norm, following_match.end(), b0) if following_match else None
            adjective_then_plural = (
                second is not None
                and low_following not in _STOP
                and not _plural_like(following)
                and _plural_like(second.group(1))
                and second.group(1).lower() not in _STOP
            )
            if not (
                low_following == "of"
                or _plural_like(following)
                or (word == "most" and low_following in verbs)
                or adjective_then_plural
            ):
                continue
        elif word in ("dozens", "hundreds", "thousands", "millions", "billions"):
            pass
        elif not following and norm[end : end + 1] not in ",.":
            continue
        found.append(_vague(norm, start, end, a0, b0, lex, previous))
    return found


def _vague(
    norm: str, start: int, end: int, a0: int, b0: int, lex: _Lexicon, previous: str | None = None
) -> _Atom:
    new_start, _ = _qualified_start(norm, start, a0, lex, previous)
    return _Atom(new_start, _tail_end(norm, end, b0, True), None, False, "vague", True, norm[start:end])
