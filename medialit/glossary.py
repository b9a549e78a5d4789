"""The glossary: plain definitions of the words students meet in the articles (datasets/glossary.yaml)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache

from .datafiles import datasets_dir, read_yaml
from .errors import DataFileError, MedialitError

__all__ = ["GlossaryEntry", "UnknownTermError", "define", "entries", "markdown"]


class UnknownTermError(MedialitError):
    """The glossary has no entry for a word."""


@dataclass(frozen=True)
class GlossaryEntry:
    """One glossary word: its heading, other forms define() accepts, the definition, and where it first appears."""

    term: str
    definition: str
    first_met: str
    also: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _entries() -> tuple[GlossaryEntry, ...]:
    path = datasets_dir() / "glossary.yaml"
    data = read_yaml(path, "glossary.schema.json")
    found = tuple(
        GlossaryEntry(t["term"], " ".join(t["definition"].split()), t["first_met"], tuple(t.get("also", ())))
        for t in data["terms"]
    )
    seen: dict[str, str] = {}
    for entry in found:
        for name in (entry.term, *entry.also):
            if name.casefold() in seen:
                raise DataFileError(f"{path}: {name!r} is listed twice (under {seen[name.casefold()]!r} too)")
            seen[name.casefold()] = entry.term
    return found


def entries() -> list[GlossaryEntry]:
    """Every glossary entry, in alphabetical order of its heading (case ignored).

    Raises :class:`~medialit.errors.DataFileError` if datasets/glossary.yaml is damaged.
    """
    return sorted(_entries(), key=lambda e: e.term.casefold())


def lookup(word: str) -> GlossaryEntry:
    """The entry for ``word`` (its heading or another form, case and outer spaces ignored).

    Raises :class:`UnknownTermError`, naming the closest headings, if there is none.
    """
    wanted = " ".join(word.split()).casefold()
    for entry in _entries():
        if wanted in {name.casefold() for name in (entry.term, *entry.also)}:
            return entry
    names = [name for e in _entries() for name in (e.term, *e.also)]
    close = difflib.get_close_matches(word, names, n=3, cutoff=0.6)
    hint = f" Did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
    raise UnknownTermError(
        f"The glossary has no entry for {word!r}.{hint} Words it explains: "
        + ", ".join(e.term for e in entries())
    )


def define(word: str) -> str:
    """A word's definition as one line of text for a student, e.g. ``define("detainer")``.

    Raises :class:`UnknownTermError` if the glossary does not have the word.
    """
    entry = lookup(word)
    return f"{entry.term}: {entry.definition}"


def markdown() -> str:
    """The whole glossary as a Markdown page (the text of lessons/GLOSSARY.md)."""
    lines = [
        "# Glossary",
        "",
        'Words you meet in the articles, in plain words. In a notebook, `glossary.define("detainer")` gives one',
        "of them. This page is made from `datasets/glossary.yaml`: `python -m medialit.glossary > lessons/GLOSSARY.md`.",
        "",
    ]
    for entry in entries():
        also = f" (also: {', '.join(entry.also)})" if entry.also else ""
        lines += [f"**{entry.term}**{also}: {entry.definition}", ""]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
