"""Counts over the articles for the lessons: word choice, loaded-term density, sourcing, sentence labels."""

from __future__ import annotations

import io
from collections import Counter
from contextlib import redirect_stdout

from nltk import FreqDist
from nltk.text import Text

from . import corpus
from .schema import SOURCING
from .text import normalize, word_spans

__all__ = [
    "PEOPLE_TERMS",
    "concordance",
    "in_context",
    "label_positions",
    "loaded_density",
    "sourcing_counts",
    "term_counts",
    "term_table",
    "words",
]

#: Words used for the same people across the articles (lesson 02's word-choice comparison).
PEOPLE_TERMS: tuple[str, ...] = (
    "illegal aliens",
    "illegals",
    "illegal immigrants",
    "undocumented immigrants",
    "migrants",
    "noncitizens",
)


def words(text: str) -> list[str]:
    """Lower-case word tokens (punctuation dropped), with curly quotes straightened."""
    return [normalize(t.text).lower() for t in word_spans(text) if any(ch.isalnum() for ch in t.text)]


def term_counts(
    article_ids: list[str] | None = None, terms: tuple[str, ...] = PEOPLE_TERMS
) -> dict[str, FreqDist]:
    """Per article, an NLTK FreqDist of how often each term (one or more words) occurs.

    A longer term is counted before the shorter ones inside it, so "illegal
    immigrants" is not also counted as "migrants".
    """
    out = {}
    for article_id in article_ids or [a.id for a in corpus.articles()]:
        tokens = words(corpus.load(article_id).text)
        counts: FreqDist = FreqDist({term: 0 for term in terms})
        used = [False] * len(tokens)
        for term in sorted(terms, key=lambda t: -len(t.split())):
            parts = term.split()
            for i in range(len(tokens) - len(parts) + 1):
                if tokens[i : i + len(parts)] == parts and not any(used[i : i + len(parts)]):
                    counts[term] += 1
                    used[i : i + len(parts)] = [True] * len(parts)
        out[article_id] = counts
    return out


def concordance(article_id: str, word: str, width: int = 70, lines: int = 10) -> str:
    """The lines around each use of ``word``, from nltk.Text.concordance, as a string."""
    buffer = io.StringIO()
    with redirect_stdout(buffer):
        Text(words(corpus.load(article_id).text)).concordance(word.lower(), width=width, lines=lines)
    return buffer.getvalue()


def in_context(article_id: str, word: str, around: int = 6, lines: int = 10) -> list[dict[str, str]]:
    """Each use of ``word`` with ``around`` whole words before and after it, as rows for a table.

    Rows are ``{"before": ..., "word": ..., "after": ...}`` (at most ``lines``), from
    nltk.Text.concordance_list over the article's lower-case words, punctuation dropped. An unknown
    article raises UnknownArticleError; a word the article never uses gives no rows.
    """
    text = Text(words(corpus.load(article_id).text))
    return [
        {"before": " ".join(line.left[-around:]), "word": line.query, "after": " ".join(line.right[:around])}
        for line in text.concordance_list(word.lower(), width=400, lines=lines)
    ]


def term_table(
    article_ids: list[str] | None = None, terms: tuple[str, ...] = PEOPLE_TERMS
) -> list[dict[str, object]]:
    """One row per article: its outlet, the outlet's AllSides rating, and how often it uses each term.

    Counts come from :func:`term_counts` (a longer term first). Rows are ``{"Article": id, "Outlet":
    name or "not known", "AllSides rating": "left" … "right" or "not rated", term: count, …}``, in the
    order given (default: every registered article).
    """
    rows: list[dict[str, object]] = []
    for article_id, counts in term_counts(article_ids, terms).items():
        info = corpus.load(article_id).info
        rating = getattr(info, "rating", None)
        row: dict[str, object] = {
            "Article": article_id,
            "Outlet": info.outlet.value or "not known",
            "AllSides rating": (rating.value if rating else None) or "not rated",
        }
        row.update({term: counts[term] for term in terms})
        rows.append(row)
    return rows


def loaded_density(
    article_ids: list[str] | None = None, *, include_debatable: bool = False
) -> dict[str, float]:
    """Loaded phrases in the answer key per 100 words of each article (debatable ones left out unless asked)."""
    out = {}
    for info in corpus.articles():
        if article_ids and info.id not in article_ids:
            continue
        key = corpus.annotations(info.id)
        count = sum(1 for s in key.loaded if include_debatable or not s.acceptable)
        out[info.id] = 100 * count / info.word_count
    return out


def sourcing_counts(article_ids: list[str] | None = None) -> dict[str, Counter]:
    """Per article, how many statistics the key puts in each sourcing class (all classes present, maybe 0)."""
    out = {}
    for info in corpus.articles():
        if article_ids and info.id not in article_ids:
            continue
        counts = Counter({cls: 0 for cls in SOURCING})
        counts.update(s.sourcing for s in corpus.annotations(info.id).statistics)
        out[info.id] = counts
    return out


def label_positions(article_id: str) -> list[tuple[float, str]]:
    """(position from 0 = start to 1 = end, label) for each sentence in the key, in order."""
    sentences = corpus.annotations(article_id).sentences
    n = max(1, len(sentences) - 1)
    return [(i / n, s.label) for i, s in enumerate(sentences)]
