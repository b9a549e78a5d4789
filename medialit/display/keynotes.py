"""What the answer key says about chosen loaded phrases, as a table to show once a quiz is answered."""

from __future__ import annotations

from .. import corpus
from ..wording import readable
from .fragment import HTMLFragment
from .tables import table_html

COLUMNS = ("Phrase", "Kind", "Whose words", "Why the key marks it")
NOT_MARKED = (
    "The answer key does not mark this phrase here. Check the spelling, capital letters and quotation marks."
)


def key_rows(doc_id: str, *phrases: str) -> list[dict[str, str]]:
    """One row per phrase (its exact text: capitals and quotation marks count), from its first use in the key.

    Each row has the :data:`COLUMNS`: the phrase, its kind ("emotive metaphor", with "(debatable)" when the
    key marks it acceptable), "the writer's" or "quoted", and the key's reason. A phrase the key does not
    mark gets a row saying so (:data:`NOT_MARKED`), not an error. Raises UnknownArticleError for an
    unknown ``doc_id``.
    """
    items = corpus.annotations(doc_id).loaded
    rows = []
    for phrase in phrases:
        item = next((s for s in items if s.text == phrase), None)
        if item is None:
            values = (phrase, "–", "–", NOT_MARKED)
        else:
            kind = readable(item.category) + (" (debatable)" if item.acceptable else "")
            whose = "the writer's" if item.speaker == "writer" else readable(item.speaker)
            values = (phrase, kind, whose, item.reason)
        rows.append(dict(zip(COLUMNS, values, strict=True)))
    return rows


def key_notes(doc_id: str, *phrases: str) -> HTMLFragment:
    """The key's notes on ``phrases`` in one text as a designed, escaped table (see :func:`key_rows`).

    The caption names the text by its title. Give it to ``reveal_after`` so it shows only after the quiz.
    """
    title = corpus.load(doc_id).title
    return table_html(key_rows(doc_id, *phrases), COLUMNS, caption=f"What the answer key says: “{title}”")
