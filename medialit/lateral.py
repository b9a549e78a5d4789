"""Lateral reading from the answer key: who is behind each report, which figures reports share, what to check.

Pure functions over ``medialit.corpus``: each returns rows (dicts, column name → text) for
``medialit.display.table_html`` / ``medialit.widgets.show_table``. Every report is treated by the same rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from . import corpus
from .schema import Attributed, StatisticSpan

#: The three reports of the 7 August 2019 ICE raids in Mississippi, rated left, center and right by AllSides.
RAIDS: tuple[str, ...] = (
    "mississippi-raids-buzzfeed",
    "mississippi-raids-npr",
    "mississippi-raids-breitbart",
)

#: How the kit knows a fact about an article (``Attributed.source`` in ``datasets/articles.json``), in words.
HOW_KNOWN = {
    "stated": "printed in the text",
    "inferred": "worked out by the kit from its web address or record",
    "unknown": "not known",
}

_NUMBER_WORDS = {
    word: n
    for n, word in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_DIGITS = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD = re.compile(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b", re.I)
# "one of the largest …" ranks a thing; it does not count one of anything
_RANKING = re.compile(r"\bone of\b", re.I)


def outlet_name(article_id: str) -> str:
    """The outlet's name for ``article_id`` as the kit records it, or "Unknown outlet" when it is not known."""
    return corpus.load(article_id).info.outlet.value or "Unknown outlet"


def _value(fact: Attributed | None) -> str:
    return "not known" if fact is None or fact.value is None else str(fact.value)


def _how_known(facts: dict[str, Attributed]) -> str:
    """ "writer printed in the text; outlet and date worked out by the kit, not printed in the text"."""
    by_source: dict[str, list[str]] = {}
    for name, fact in facts.items():
        by_source.setdefault(fact.source, []).append(name)
    parts = []
    for source, names in by_source.items():
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        parts.append(f"{joined} {HOW_KNOWN.get(source, source)}")
    return "; ".join(parts)


def who_is_behind(article_ids: Iterable[str]) -> list[dict[str, str]]:
    """One row per article: outlet, writer, date, the outlet's AllSides rating, and how the kit knows each.

    Columns: Article, Outlet, Writer, Date, "Outlet's AllSides rating", "How the kit knows". Source:
    ``datasets/articles.json``; the ratings are AllSides' as recorded by the corpus the article came from
    (Baly et al. 2020). Raises UnknownArticleError for an unknown id.
    """
    rows = []
    for article_id in article_ids:
        info = corpus.load(article_id).info
        rows.append(
            {
                "Article": article_id,
                "Outlet": _value(info.outlet),
                "Writer": _value(info.author),
                "Date": _value(info.date),
                "Outlet's AllSides rating": _value(getattr(info, "rating", None)),
                "How the kit knows": _how_known(
                    {"outlet": info.outlet, "writer": info.author, "date": info.date}
                ),
            }
        )
    return rows


def figure_of(text: str) -> str | None:
    """The figure a key statistic gives, as a plain number ("some 680" → "680", "seven" → "7"), or None.

    Digits lose their thousands commas ("13,000" → "13000"); number words up to twenty become digits;
    "hundreds" stays "hundreds". Rankings ("one of the largest"), ordinals ("eighth-largest") and vague
    amounts ("several", "some parents") give None.
    """
    digits = _DIGITS.search(text)
    if digits:
        return digits.group().replace(",", "")
    if _RANKING.search(text):
        return None
    word = _WORD.search(text)
    if word:
        return str(_NUMBER_WORDS[word.group().lower()])
    if "hundreds" in text.lower():
        return "hundreds"
    return None


def figures(article_id: str) -> dict[str, list[StatisticSpan]]:
    """An article's clear-cut key statistics grouped by figure ("680" → its items).

    Debatable items (``acceptable``) are left out. Raises UnknownArticleError for an unknown id.
    """
    found: dict[str, list[StatisticSpan]] = {}
    for item in corpus.annotations(article_id).statistics:
        figure = None if item.acceptable else figure_of(item.text)
        if figure is not None:
            found.setdefault(figure, []).append(item)
    return found


def _order(figure: str) -> tuple[int, float]:
    return (1, 0.0) if figure == "hundreds" else (0, float(figure))


def _shown(figure: str) -> str:
    """A figure as a reader writes it: "13000" → "13,000"; "3.2" and "hundreds" unchanged."""
    return f"{int(figure):,}" if figure.isdigit() else figure


def compare_figures(article_ids: Sequence[str], min_reports: int = 1) -> list[dict[str, str]]:
    """The figures the reports give (the answer keys' clear-cut statistics), one row each, side by side.

    Columns: Figure ("13,000"), "In how many reports" ("3 of 3"), then one column per outlet with that report's
    wordings of the figure ("680 · 680 · 680" when it appears three times) or "–". Only figures found in
    at least ``min_reports`` reports are kept; rows run from the most widely shared figure down, and by
    size within that. Raises UnknownArticleError for an unknown id.
    """
    per_report = {article_id: figures(article_id) for article_id in article_ids}
    names = {article_id: outlet_name(article_id) for article_id in article_ids}
    every = {figure for found in per_report.values() for figure in found}
    rows = []
    for figure in every:
        having = [a for a in article_ids if figure in per_report[a]]
        if len(having) < min_reports:
            continue
        row = {"Figure": _shown(figure), "In how many reports": f"{len(having)} of {len(article_ids)}"}
        for article_id in article_ids:
            items = per_report[article_id].get(figure, [])
            row[names[article_id]] = " · ".join(f"“{item.text}”" for item in items) if items else "–"
        rows.append((-len(having), _order(figure), row))
    return [row for *_, row in sorted(rows, key=lambda r: (r[0], r[1]))]


def who_credits(article_ids: Sequence[str], figure: str) -> list[dict[str, str]]:
    """Who each report credits for one figure, by the answer key: one row per wording of it.

    Columns: Outlet, "The words", "Credited to" (the key's ``source``, or "no one, in that sentence").
    Raises ValueError if no report gives ``figure``.
    """
    rows = [
        {
            "Outlet": outlet_name(article_id),
            "The words": f"“{item.text}”",
            "Credited to": item.source or "no one, in that sentence",
        }
        for article_id in article_ids
        for item in figures(article_id).get(figure, [])
    ]
    if not rows:
        raise ValueError(f"none of these reports gives the figure {figure!r}: {', '.join(article_ids)}")
    return rows


def sources_named(article_ids: Iterable[str]) -> list[dict[str, str]]:
    """Whom each report names as a source, and whose voices it leaves out, from the key's assessment.

    Columns: Outlet, "Sources it names", "Voices it leaves out" (items joined by "; "). Articles whose key
    has no assessment get "–".
    """
    rows = []
    for article_id in article_ids:
        assessment = corpus.annotations(article_id).assessment
        rows.append(
            {
                "Outlet": outlet_name(article_id),
                "Sources it names": "; ".join(assessment.primary_sources_named) if assessment else "–",
                "Voices it leaves out": "; ".join(assessment.missing_voices) if assessment else "–",
            }
        )
    return rows


def what_to_check(article_ids: Sequence[str], *wanted: str) -> list[dict[str, str]]:
    """What the answer key says to look up for the ``wanted`` figures in each report, one row per different note.

    Columns: Outlet, "The words", "What to look up" (the key's ``what_to_check``) and "What the key
    noticed" (its ``check``, or "–"). Wordings of one figure in one report that share a note share a row.
    Raises ValueError if no report gives any of ``wanted``.
    """
    rows: list[dict[str, str]] = []
    for figure in wanted:
        for article_id in article_ids:
            seen: dict[str, dict[str, str]] = {}
            for item in figures(article_id).get(figure, []):
                if item.what_to_check in seen:
                    seen[item.what_to_check]["The words"] += f" · “{item.text}”"
                    continue
                seen[item.what_to_check] = {
                    "Outlet": outlet_name(article_id),
                    "The words": f"“{item.text}”",
                    "What to look up": item.what_to_check,
                    "What the key noticed": item.check or "–",
                }
            rows.extend(seen.values())
    if not rows:
        raise ValueError(f"none of these reports gives {', '.join(wanted)}: {', '.join(article_ids)}")
    return rows
