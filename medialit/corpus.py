"""The sample articles, the team's contrast passages and their answer keys."""

from __future__ import annotations

from functools import lru_cache

from .datafiles import datasets_dir, read_json
from .errors import DataFileError, UnknownArticleError
from .schema import AnswerKey, ArticleInfo, Attributed, ContrastInfo, Document, Provenance, SpanSet
from .textfile import read_text

__all__ = ["annotations", "articles", "contrast_passages", "ids", "load", "overview"]


@lru_cache(maxsize=1)
def _article_infos() -> tuple[ArticleInfo, ...]:
    records = read_json(datasets_dir() / "articles.json", "articles.schema.json")
    return tuple(
        ArticleInfo(
            **{
                **r,
                **{k: Attributed(**r[k]) for k in ("outlet", "author", "date", "rating")},
                "provenance": Provenance(**r["provenance"]),
            }
        )
        for r in records
    )


@lru_cache(maxsize=1)
def _contrast_infos() -> tuple[ContrastInfo, ...]:
    path = datasets_dir() / "contrast.json"
    if not path.exists():
        return ()
    records = read_json(path, "contrast.schema.json")
    return tuple(ContrastInfo(**{**r, "techniques": tuple(r["techniques"])}) for r in records)


def articles(include_held_out: bool = False) -> list[ArticleInfo]:
    """The real articles' metadata: the five seed articles in file order, then those adopted from a corpus.

    An article held out for the transfer task (``held_out`` in datasets/articles.json) is left out unless
    ``include_held_out``, so listings and measures in the lessons never show it before the post-test.
    """
    return [a for a in _article_infos() if include_held_out or not a.held_out]


def _known(fact: Attributed) -> str:
    """A fact as a reader sees it: its value, "(inferred)" when the kit worked it out, or "unknown"."""
    if fact.value is None or fact.source == "unknown":
        return "unknown"
    return f"{fact.value} (inferred)" if fact.source == "inferred" else str(fact.value)


def _source(provenance: Provenance) -> str:
    """Where a text came from, in a few words: a seed text, or the corpus (its authors and year)."""
    if provenance.corpus.startswith("medialit seed"):
        return "one of the five texts the kit started from (no web address)"
    return f"{provenance.corpus.split(',')[0]} news corpus"


def overview() -> list[dict[str, str | int]]:
    """One row per real article (held-out ones left out), in :func:`articles` order, for the lessons' tables.

    Keys: ``article`` (the kit's id), ``title``, ``presented as`` (how the article presents itself), ``words``
    (int), ``outlet``, ``author``, ``date``, ``rating`` (AllSides' rating of the outlet) and ``source`` (one of
    the five seed texts, or the corpus an article was adopted from). A fact the kit does not know reads "unknown"; one it
    inferred is marked "(inferred)". Titles and names are plain text: tables escape them.
    """
    return [
        {
            "article": a.id,
            "title": a.title,
            "presented as": a.genre_as_presented,
            "words": a.word_count,
            "outlet": _known(a.outlet),
            "author": _known(a.author),
            "date": _known(a.date),
            "rating": _known(a.rating),
            "source": _source(a.provenance),
        }
        for a in articles()
    ]


def contrast_passages() -> list[ContrastInfo]:
    """The passages the team wrote for teaching (not real articles)."""
    return list(_contrast_infos())


def ids(include_held_out: bool = False) -> list[str]:
    """The ids :func:`load` accepts: the articles, then the contrast passages (held-out articles only if asked)."""
    return [a.id for a in articles(include_held_out)] + [c.id for c in _contrast_infos()]


def _info(doc_id: str) -> ArticleInfo | ContrastInfo:
    for info in (*_article_infos(), *_contrast_infos()):
        if info.id == doc_id:
            return info
    known = ", ".join(ids(include_held_out=True))
    raise UnknownArticleError(f"no article or passage with id {doc_id!r}; known ids: {known}")


@lru_cache(maxsize=32)
def load(doc_id: str) -> Document:
    """An article or contrast passage by id: its exact text and its metadata."""
    info = _info(doc_id)
    folder = "articles" if isinstance(info, ArticleInfo) else "contrast"
    text = read_text(datasets_dir() / folder / f"{doc_id}.txt")
    return Document(id=doc_id, text=text, info=info)


@lru_cache(maxsize=32)
def annotations(doc_id: str) -> AnswerKey:
    """The answer key for an article or passage, checked against the schema and its text."""
    document = load(doc_id)
    path = datasets_dir() / "annotations" / f"{doc_id}.json"
    data = read_json(path, "spans.schema.json", "answer_key")
    if data["article_id"] != doc_id:
        raise DataFileError(f"{path}: article_id is {data['article_id']!r}, expected {doc_id!r}")
    key = SpanSet.from_dict(data)
    for kind in ("loaded", "statistics", "sentences"):
        for n, span in enumerate(getattr(key, kind)):
            if document.text[span.start : span.end] != span.text:
                raise DataFileError(
                    f"{path}: {kind}/{n} text {span.text!r} does not match the article at "
                    f"{span.start}:{span.end} ({document.text[span.start : span.end]!r})"
                )
    return key


def explain(doc_id: str, phrase: str) -> str:
    """What the answer key says about a loaded phrase: category, speaker and reason, for every occurrence."""
    items = [s for s in annotations(doc_id).loaded if s.text == phrase]
    if not items:
        return f"The answer key for {doc_id} marks no loaded phrase “{phrase}” (check the exact spelling and quotes)."
    return "\n".join(
        f"“{phrase}” in {doc_id}: {s.category} (speaker: {s.speaker}{', debatable' if s.acceptable else ''})\n"
        f"    {s.reason}"
        for s in items
    )
