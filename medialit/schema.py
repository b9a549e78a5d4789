"""Typed records for spans, answer keys and dataset metadata: one shape for people and detectors."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

LOADED_CATEGORIES: tuple[str, ...] = (
    "emotive-words",
    "emotive-metaphor",
    "labeling",
    "exaggeration",
    "appeal-to-fear",
    "sarcasm-or-doubt",
    "euphemism",
)
SPEAKERS: tuple[str, ...] = ("writer", "quoted")
SOURCING: tuple[str, ...] = (
    "named-document",
    "named-organization-or-person",
    "other-outlet",
    "self-citation",
    "anonymous",
    "vague",
    "none",
)
SENTENCE_LABELS: tuple[str, ...] = (
    "headline",
    "attributed-fact",
    "unattributed-fact",
    "quoted-opinion",
    "writer-opinion",
    "other",
)
FACT_SOURCES: tuple[str, ...] = ("stated", "inferred", "unknown")


# The three span records are built by the thousand for every analysis. A frozen dataclass's own __init__
# sets each field through object.__setattr__; filling the instance's dictionary directly is about three
# times as fast. They stay frozen dataclasses (equality, hash, replace, asdict, refusal to change).


@dataclass(frozen=True, init=False)
class LoadedSpan:
    """A loaded word or phrase: ``text == article[start:end]``."""

    start: int
    end: int
    text: str
    category: str
    speaker: str
    reason: str
    alternative: str | None = None
    acceptable: bool = False

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        category: str,
        speaker: str,
        reason: str,
        alternative: str | None = None,
        acceptable: bool = False,
    ) -> None:
        fields = self.__dict__
        fields["start"], fields["end"], fields["text"] = start, end, text
        fields["category"], fields["speaker"], fields["reason"] = category, speaker, reason
        fields["alternative"], fields["acceptable"] = alternative, acceptable


@dataclass(frozen=True, init=False)
class StatisticSpan:
    """A number or quantity claim and who, if anyone, stands behind it."""

    start: int
    end: int
    text: str
    sourcing: str
    source: str | None
    reason: str
    what_to_check: str
    check: str | None = None
    acceptable: bool = False
    also_acceptable: tuple[str, ...] = ()

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        sourcing: str,
        source: str | None,
        reason: str,
        what_to_check: str,
        check: str | None = None,
        acceptable: bool = False,
        also_acceptable: tuple[str, ...] = (),
    ) -> None:
        fields = self.__dict__
        fields["start"], fields["end"], fields["text"] = start, end, text
        fields["sourcing"], fields["source"], fields["reason"] = sourcing, source, reason
        fields["what_to_check"], fields["check"] = what_to_check, check
        fields["acceptable"], fields["also_acceptable"] = acceptable, also_acceptable

    def accepts(self, sourcing: str) -> bool:
        """Does this key item give credit for ``sourcing``?"""
        return sourcing == self.sourcing or sourcing in self.also_acceptable


@dataclass(frozen=True, init=False)
class SentenceSpan:
    """One sentence and what kind of statement it is."""

    start: int
    end: int
    text: str
    label: str
    reason: str | None = None
    also_acceptable: tuple[str, ...] = ()
    score: float | None = None

    def __init__(
        self,
        start: int,
        end: int,
        text: str,
        label: str,
        reason: str | None = None,
        also_acceptable: tuple[str, ...] = (),
        score: float | None = None,
    ) -> None:
        fields = self.__dict__
        fields["start"], fields["end"], fields["text"], fields["label"] = start, end, text, label
        fields["reason"], fields["also_acceptable"], fields["score"] = reason, also_acceptable, score

    def accepts(self, label: str) -> bool:
        """Does this key item give credit for ``label``?"""
        return label == self.label or label in self.also_acceptable


@dataclass(frozen=True)
class Assessment:
    """The annotators' view of a whole article, for teachers."""

    genre_as_presented: str
    genre_in_fact: str
    missing_voices: tuple[str, ...]
    primary_sources_named: tuple[str, ...]
    summary: str


@dataclass(frozen=True)
class SpanSet:
    """The three lists of spans over one text: an answer key or a detector's report."""

    loaded: tuple[LoadedSpan, ...] = ()
    statistics: tuple[StatisticSpan, ...] = ()
    sentences: tuple[SentenceSpan, ...] = ()
    article_id: str | None = None
    assessment: Assessment | None = None
    notes: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form, as in ``datasets/schema/spans.schema.json``."""
        data: dict[str, Any] = {}
        if self.article_id is not None:
            data["article_id"] = self.article_id
        data["loaded"] = [asdict(item) for item in self.loaded]
        data["statistics"] = [_list_fields(asdict(item)) for item in self.statistics]
        data["sentences"] = [
            {k: v for k, v in _list_fields(asdict(item)).items() if not (k == "score" and v is None)}
            for item in self.sentences
        ]
        if self.assessment is not None:
            data["assessment"] = _list_fields(asdict(self.assessment))
        if self.notes is not None:
            data["notes"] = self.notes
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SpanSet:
        """Build typed records from the JSON form (validate it first)."""
        assessment = data.get("assessment")
        return cls(
            loaded=tuple(LoadedSpan(**item) for item in data.get("loaded", [])),
            statistics=tuple(StatisticSpan(**_tuple_fields(item)) for item in data.get("statistics", [])),
            sentences=tuple(SentenceSpan(**_tuple_fields(item)) for item in data.get("sentences", [])),
            article_id=data.get("article_id"),
            assessment=Assessment(**_tuple_fields(assessment)) if assessment else None,
            notes=data.get("notes"),
        )


AnswerKey = SpanSet


@dataclass(frozen=True)
class Attributed:
    """A fact about an article and how we know it: stated, inferred or unknown."""

    value: str | None
    source: str


@dataclass(frozen=True)
class Provenance:
    """Where a text came from: the corpus, the article's address, and its id in that corpus."""

    corpus: str
    url: str | None
    corpus_id: str | None = None


@dataclass(frozen=True)
class ArticleInfo:
    """Metadata for one real article (``datasets/articles.json``); ``seed`` names the file it came from."""

    id: str
    title: str
    seed: str
    outlet: Attributed
    author: Attributed
    date: Attributed
    genre_as_presented: str
    word_count: int
    notes: str
    rating: Attributed | None = None  # the outlet's AllSides rating; source is corpus, inferred or unknown
    provenance: Provenance | None = None
    held_out: bool = False  # kept unseen for the transfer task (see datasets/articles.json)


@dataclass(frozen=True)
class ContrastInfo:
    """Metadata for one team-written teaching passage (``datasets/contrast.json``)."""

    id: str
    title: str
    written_for_teaching: bool
    disclaimer: str
    purpose: str
    slant: str
    techniques: tuple[str, ...]
    related_article: str | None
    word_count: int


@dataclass(frozen=True)
class Document:
    """A text the kit can analyse, with its metadata."""

    id: str
    text: str
    info: ArticleInfo | ContrastInfo | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        """The headline or passage title."""
        return self.info.title if self.info else self.id


def _tuple_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {k: tuple(v) if isinstance(v, list) else v for k, v in item.items()}


def _list_fields(item: dict[str, Any]) -> dict[str, Any]:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in item.items()}
