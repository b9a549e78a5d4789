"""The one loader for word lists: the kit's CSV lexicons and VADER's bundled valence lexicon."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .datafiles import datasets_dir
from .errors import DataFileError
from .schema import LOADED_CATEGORIES

__all__ = [
    "VADER_ROUTINE",
    "VADER_SLANG",
    "LexiconEntry",
    "loaded_terms",
    "read_table",
    "vader_candidate",
    "vader_valence",
]

LOADED_TERM_COLUMNS = ("term", "match", "category", "alternative", "topic", "note")
MATCH_KINDS = ("word", "phrase", "pattern")
TOPICS = ("immigration", "crime", "politics", "economy", "health", "culture-war", "environment", "general")


@dataclass(frozen=True)
class LexiconEntry:
    """One row of ``datasets/lexicons/loaded_terms.csv``."""

    term: str
    match: str
    category: str
    alternative: str
    topic: str
    note: str


@cache
def read_table(name: str, columns: tuple[str, ...]) -> tuple[dict[str, str], ...]:
    """Rows of ``datasets/lexicons/<name>``, a UTF-8 CSV whose header is exactly ``columns``.

    Every cell must be filled. Errors name the file, the line and the column.
    """
    path = datasets_dir() / "lexicons" / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such lexicon") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(f"{path} is not UTF-8: {exc}") from None
    reader = csv.DictReader(io.StringIO(text))
    if tuple(reader.fieldnames or ()) != columns:
        raise DataFileError(f"{path}: header is {reader.fieldnames}, expected {list(columns)}")
    rows = []
    for row in reader:
        for column in columns:
            if not (row.get(column) or "").strip():
                raise DataFileError(f"{path}, line {reader.line_num}: column {column!r} is empty")
        if None in row:
            raise DataFileError(f"{path}, line {reader.line_num}: more cells than columns")
        rows.append({k: v.strip() for k, v in row.items()})
    return tuple(rows)


@lru_cache(maxsize=1)
def loaded_terms() -> tuple[LexiconEntry, ...]:
    """The loaded-language lexicon, checked: known categories, topics and match kinds; patterns compile."""
    name = "loaded_terms.csv"
    entries = []
    seen: set[str] = set()
    for n, row in enumerate(read_table(name, LOADED_TERM_COLUMNS), start=2):
        entry = LexiconEntry(**row)
        where = f"{name}, line {n} ({entry.term!r})"
        if entry.match not in MATCH_KINDS:
            raise DataFileError(f"{where}: match must be one of {MATCH_KINDS}")
        if entry.category not in LOADED_CATEGORIES:
            raise DataFileError(f"{where}: category must be one of {LOADED_CATEGORIES}")
        if entry.topic not in TOPICS:
            raise DataFileError(f"{where}: topic must be one of {TOPICS}")
        if entry.term.lower() in seen:
            raise DataFileError(f"{where}: the term is listed twice")
        seen.add(entry.term.lower())
        if entry.match == "pattern":
            try:
                re.compile(entry.term)
            except re.error as exc:
                raise DataFileError(f"{where}: the pattern does not compile: {exc}") from None
        entries.append(entry)
    return tuple(entries)


@lru_cache(maxsize=1)
def vader_valence() -> dict[str, float]:
    """Word -> mean valence (-4 to +4) from the lexicon bundled inside the vaderSentiment package."""
    try:
        text = (resources.files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise DataFileError(f"VADER's lexicon is not available (pip install vaderSentiment): {exc}") from None
    valence = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                valence[parts[0]] = float(parts[1])
            except ValueError:
                continue
    return valence


# Words VADER rates strongly that are routine in plain reporting, above all crime, court, disaster and
# awards reporting: the literal words for what happened. VADER-only flags skip them.
VADER_ROUTINE = frozenset(
    """killed kill killing killings kills died death deaths dead murder murders murdered murderer murderers rape
    raped rapes cancer war wars terrorist terrorists terrorism suicide corpse disaster disasters tragedy fatal
    fatalities fatality felony felonies fired prisoner robber riot stab strangled starved drown drowned poison
    poisoning poisoned torture tortured assault assaults attacker attackers abuse abused abuses harm harmed
    harming injured injury crime crimes criminal criminals violent violence violate violated violating arrest
    arrested victim victims attack attacked prison jail threat threats hurt
    best love loved loves win won wins winner winners winnings thanks thank welcome honor honored honour award
    awards prize bonus bonuses celebrate celebrated celebrates celebrating champion success successes successful
    peace freedom romance heart hearts laugh smiled kissing happy happily happiness positive negative rich
    illegal racism racist slavery heaven hell""".split()
)
# VADER's chat slang, laughter and emoticon words: never a loaded word in news ("143", "ly" in "bit.ly").
VADER_SLANG = frozenset(
    """aayf alol ambw iluaaf lmao lmfao lmso lolz lylab lylas rofl roflmao rotfl rotflmao rotflmfao rotflol rotgl
    tyvm xlnt xoxo ywia sete sfete fubar snafu mwah hahaha bwahahah pukka""".split()
)


def vader_candidate(word: str) -> bool:
    """Can a VADER word stand as a loaded word on its own: a real word of four letters or more, not slang or routine?"""
    return word.isalpha() and len(word) >= 4 and word not in VADER_SLANG and word not in VADER_ROUTINE
