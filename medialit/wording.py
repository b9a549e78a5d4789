"""How the kit words things for a reader: counts with their nouns, vocabulary values, and quotations."""

from __future__ import annotations

import re

from .schema import LOADED_CATEGORIES, SENTENCE_LABELS, SOURCING, SPEAKERS

__all__ = ["count", "in_words", "quoted", "readable"]

_VOCABULARY = frozenset((*LOADED_CATEGORIES, *SOURCING, *SENTENCE_LABELS, *SPEAKERS))
# Double quotation marks inside a quotation become single ones (the usual nesting in English).
_HYPHENATED = re.compile(
    r"(?<![\w-])("
    + "|".join(sorted((re.escape(v) for v in _VOCABULARY if "-" in v), key=len, reverse=True))
    + r")(?![\w-])"
)
_NESTED = str.maketrans({"“": "‘", "”": "’"})


def count(n: int, one: str, many: str) -> str:
    """``n`` with the noun that agrees with it: ``count(1, "number", "numbers")`` -> ``"1 number"``."""
    return f"{n} {one if n == 1 else many}"


def readable(value: str) -> str:
    """A vocabulary value as a reader sees it (``"writer-opinion"`` -> ``"writer opinion"``).

    Only the kit's own vocabulary (medialit.schema) is changed; any other text is returned as it is.
    """
    return value.replace("-", " ") if value in _VOCABULARY else value


def in_words(text: str) -> str:
    """Running text (a reason, an explanation) with the kit's vocabulary values written as words.

    ``in_words("so writer-opinion earns credit too")`` -> ``"so writer opinion earns credit too"``, matching
    how the options show them; other hyphenated words are left alone.
    """
    return _HYPHENATED.sub(lambda m: readable(m.group(1)), text)


def quoted(text: str) -> str:
    """``text`` in curly double quotation marks, with any curly double marks inside it made single.

    A quotation that already ends in a quotation mark no longer shows two in a row:
    ``quoted('called him “a high flight risk.”')`` -> ``'“called him ‘a high flight risk.’”'``.
    """
    return f"“{nested(text)}”"


def nested(text: str) -> str:
    """``text`` with its curly double quotation marks made single, ready to sit inside double ones
    (:func:`quoted` does both; use this when the inside is built in pieces, with markup between them)."""
    return text.translate(_NESTED)
