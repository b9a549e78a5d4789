"""Cue phrase patterns written as trees of shared beginnings: the same matches as the cue alternations, found sooner.

:func:`.cues._alternation` writes a phrase list as one long alternation, longest phrase first. Python's
``re`` tries the alternatives one after another at every place the look-ahead lets through, so a list
of fifty phrases costs fifty tries at each word start. :func:`_branching` writes the same list as a
tree ("a few|a lot of" as "a (?:few|lot of)"), where a place no phrase starts from is left after a
character or two. The statistics detector runs its quantity, quantifier, idiom and qualifier patterns
on many sentences, so it uses these trees (:func:`_patterns`); the lexicon's own patterns stay as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .cues import _alternation, _Lexicon


def _branching(phrases: list[str]) -> str:
    r"""The same regex as :func:`.cues._alternation` of ``phrases``, written as a tree of shared beginnings.

    ``a\s{1,3}few|a\s{1,3}lot\s{1,3}of`` becomes ``a\s{1,3}(?:few|lot\s{1,3}of)``: a place where no
    phrase starts is left after a character or two, not after trying every phrase in turn. It matches
    what the alternation matches: at each place, the longest phrase that fits (the alternation tries
    the longer ones first, and here a phrase that can go on is tried before one that ends).
    """
    tree: dict[str, dict] = {}
    for phrase in phrases:
        node = tree
        for character in phrase:
            node = node.setdefault(character, {})
        node[""] = {}  # a phrase ends here

    def written(node: dict[str, dict]) -> str:
        branches = [
            (r"\s{1,3}" if character == " " else re.escape(character)) + written(child)
            for character, child in sorted(node.items())
            if character
        ]
        if not branches:
            return ""
        if "" in node:
            return f"(?:{'|'.join(branches)})?"
        return branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"

    return written(tree)


@dataclass(frozen=True)
class _Patterns:
    """The cue patterns this module runs most often, as :func:`_branching` trees (the same matches)."""

    lexicon: _Lexicon
    quantity: re.Pattern[str]
    quantifier: re.Pattern[str]
    idiom: re.Pattern[str]
    qualifier: re.Pattern[str]


_PATTERNS: list[_Patterns] = []  # those of the lexicon last used (there is one: cues._lexicon())


def _patterns(lex: _Lexicon) -> _Patterns:
    """``lex``'s quantity, quantifier, idiom and qualifier patterns as trees, worked out once."""
    last = _PATTERNS[-1] if _PATTERNS else None
    if last is not None and last.lexicon is lex:
        return last

    def tree(name: str) -> re.Pattern[str]:
        pattern = getattr(lex, name)
        phrases = sorted(lex.kinds.get(name, ()))
        alternation = f"(?:{_alternation(phrases)})"
        if alternation not in pattern.pattern:
            return pattern
        return re.compile(
            pattern.pattern.replace(alternation, f"(?:{_branching(phrases)})", 1), pattern.flags
        )

    found = _Patterns(lex, tree("quantity"), tree("quantifier"), tree("idiom"), tree("qualifier"))
    _PATTERNS[:] = [found]  # (one list assignment: a thread reading it sees the old or the new)
    return found
