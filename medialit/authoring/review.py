"""The review model: the detectors' marks on a teacher's article, and the teacher's decision on each. No widgets."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from ..detect import analyze
from ..detect.quotes import inside, quoted_regions
from ..errors import AuthoringError
from ..ingest import Article
from ..schema import (
    LOADED_CATEGORIES,
    SENTENCE_LABELS,
    SOURCING,
    SPEAKERS,
    Assessment,
    LoadedSpan,
    SentenceSpan,
    SpanSet,
    StatisticSpan,
)
from ..text import TextSpan, word_spans
from .article import article_from_text, check_has_sentences

__all__ = [
    "CHOICES",
    "DECISIONS",
    "EDITABLE",
    "KINDS",
    "MAIN_FIELD",
    "ORIGINS",
    "Mark",
    "ReviewSession",
    "propose",
]

KINDS: tuple[str, ...] = ("loaded", "statistic", "sentence")
ORIGINS: tuple[str, ...] = ("machine", "teacher")
#: pending: not yet looked at; accepted / rejected / changed: the teacher's call on a machine mark;
#: added: a mark the teacher made (it counts as reviewed, and stays "added" when edited).
DECISIONS: tuple[str, ...] = ("pending", "accepted", "rejected", "changed", "added")
#: The fields a teacher may change on a mark of each kind (the answer key's fields, spans.schema.json).
EDITABLE: dict[str, tuple[str, ...]] = {
    "loaded": ("category", "speaker", "reason", "alternative", "acceptable"),
    "statistic": ("sourcing", "source", "reason", "what_to_check", "check", "acceptable", "also_acceptable"),
    "sentence": ("label", "reason", "also_acceptable"),
}
#: Each kind's main call (what a reviewer changes most) and the values it can take, for the widget's menus.
MAIN_FIELD: dict[str, str] = {"loaded": "category", "statistic": "sourcing", "sentence": "label"}
CHOICES: dict[str, tuple[str, ...]] = {
    "loaded": LOADED_CATEGORIES,
    "statistic": SOURCING,
    "sentence": SENTENCE_LABELS,
}
_KIND_ORDER = {"sentence": 0, "loaded": 1, "statistic": 2}
_MIN_REASON = 10  # spans.schema.json: an explanation has at least 10 characters
#: What a teacher-added mark says until the teacher writes a reason of their own.
DEFAULT_REASONS: dict[str, str] = {
    "emotive-words": "A word chosen to stir feelings rather than to describe.",
    "emotive-metaphor": "A picture in words that makes the reader feel something about the people or events.",
    "labeling": "A label the writer chose; people on the other side would name this differently.",
    "exaggeration": "Makes the thing sound bigger or worse than the facts given show.",
    "appeal-to-fear": "Words that make the reader afraid, instead of giving facts.",
    "sarcasm-or-doubt": "Words that mock or cast doubt without giving a reason.",
    "euphemism": "A soft word that hides what really happens.",
    "statistic": "A number the reader should check: who counted it, and how?",
}
_WHAT_TO_CHECK = "Who counted this, and whether the source's own figures say the same."


@dataclass(frozen=True)
class Mark:
    """One mark on the article: a loaded phrase, a statistic or a sentence label, and the teacher's decision.

    ``text == article[start:end]``. The fields after ``decision`` are the answer key's fields for that kind
    (datasets/schema/spans.schema.json): loaded uses category, speaker, reason, alternative (the neutral
    wording) and acceptable; statistic uses sourcing, source, reason, what_to_check, check, acceptable and
    also_acceptable; sentence uses label, reason and also_acceptable. The others stay at their defaults.
    ``score`` is the opinion detector's score on a sentence, shown to the teacher and never saved in a key.
    """

    kind: str
    start: int
    end: int
    text: str
    origin: str = "machine"
    decision: str = "pending"
    reason: str | None = None
    acceptable: bool = False
    category: str | None = None
    speaker: str | None = None
    alternative: str | None = None
    sourcing: str | None = None
    source: str | None = None
    what_to_check: str | None = None
    check: str | None = None
    label: str | None = None
    also_acceptable: tuple[str, ...] = ()
    score: float | None = None

    @property
    def reviewed(self) -> bool:
        """Has the teacher decided on this mark (or made it)?"""
        return self.decision != "pending"

    @property
    def in_key(self) -> bool:
        """Does this mark go into the answer key (everything but a rejected mark)?"""
        return self.decision != "rejected"

    @property
    def value(self) -> str:
        """The mark's main call: its category, sourcing class or label."""
        return getattr(self, MAIN_FIELD[self.kind]) or ""

    def to_span(self) -> LoadedSpan | StatisticSpan | SentenceSpan:
        """The answer-key record for this mark."""
        if self.kind == "loaded":
            return LoadedSpan(
                self.start, self.end, self.text, self.category, self.speaker, self.reason,
                self.alternative, self.acceptable,
            )  # fmt: skip
        if self.kind == "statistic":
            return StatisticSpan(
                self.start, self.end, self.text, self.sourcing, self.source, self.reason,
                self.what_to_check or _WHAT_TO_CHECK, self.check, self.acceptable, self.also_acceptable,
            )  # fmt: skip
        return SentenceSpan(self.start, self.end, self.text, self.label, self.reason, self.also_acceptable)

    @classmethod
    def from_span(
        cls,
        span: LoadedSpan | StatisticSpan | SentenceSpan,
        origin: str = "machine",
        decision: str = "pending",
    ) -> Mark:
        """A mark from a detector's (or a key's) record."""
        kind = {LoadedSpan: "loaded", StatisticSpan: "statistic", SentenceSpan: "sentence"}[type(span)]
        values = {k: v for k, v in asdict(span).items() if k in {f.name for f in fields(cls)}}
        values["also_acceptable"] = tuple(values.get("also_acceptable", ()))
        return cls(kind=kind, origin=origin, decision=decision, **values)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form used in a review draft (every field, lists for tuples)."""
        data = asdict(self)
        data["also_acceptable"] = list(self.also_acceptable)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mark:
        """A mark from its draft JSON form; raises AuthoringError for unknown fields or values."""
        names = {f.name for f in fields(cls)}
        if (
            not isinstance(data, dict)
            or not {"kind", "start", "end", "text"} <= set(data)
            or set(data) - names
        ):
            raise AuthoringError(f"a mark in the draft has the wrong fields: {sorted(data)[:8]}")
        mark = cls(**{**data, "also_acceptable": tuple(data.get("also_acceptable") or ())})
        _check_mark(mark)
        return mark


def _check_mark(mark: Mark) -> None:
    """Raise AuthoringError if a mark's kind, origin, decision or fields are not the key's vocabulary."""
    if mark.kind not in KINDS or mark.origin not in ORIGINS or mark.decision not in DECISIONS:
        raise AuthoringError(f"mark {mark.text!r}: unknown kind, origin or decision")
    _check_fields(mark.kind, {name: getattr(mark, name) for name in EDITABLE[mark.kind]}, mark.text)


def _check_fields(kind: str, values: dict[str, Any], where: str) -> None:
    """Raise AuthoringError, in a teacher's words, for a field value the answer key cannot hold."""
    allowed = {
        "category": LOADED_CATEGORIES,
        "speaker": SPEAKERS,
        "sourcing": SOURCING,
        "label": SENTENCE_LABELS,
    }
    for name, value in values.items():
        if name not in EDITABLE[kind]:
            raise AuthoringError(f"a {kind} mark has no {name!r}; it can change: {', '.join(EDITABLE[kind])}")
        if name in allowed and value not in allowed[name]:
            raise AuthoringError(
                f"“{where}”: {value!r} is not a {name}; choose one of {', '.join(allowed[name])}"
            )
        if name == "reason" and (value is not None or kind != "sentence"):
            if not isinstance(value, str) or len(value.strip()) < _MIN_REASON:
                raise AuthoringError(
                    f"“{where}”: write a reason of at least {_MIN_REASON} characters, so students learn why"
                )
        if name == "acceptable" and not isinstance(value, bool):
            raise AuthoringError(f"“{where}”: acceptable is yes (True) or no (False)")
        if name in ("alternative", "source", "check", "what_to_check") and not isinstance(value, str | None):
            raise AuthoringError(f"“{where}”: {name} is a piece of text")
        if name == "also_acceptable":
            vocabulary = SOURCING if kind == "statistic" else SENTENCE_LABELS
            if (
                not isinstance(value, tuple | list)
                or not all(v in vocabulary for v in value)
                or len(set(value)) != len(value)
            ):
                raise AuthoringError(
                    f"“{where}”: other answers that earn credit are among {', '.join(vocabulary)}"
                )


def _order(mark: Mark) -> tuple[int, int, int]:
    return (mark.start, _KIND_ORDER[mark.kind], mark.end)


@dataclass
class ReviewSession:
    """A teacher's review of one article: its text, where it came from, and the marks in text order.

    Methods address a mark by its index in ``marks``; they validate their input, raise
    :class:`AuthoringError` with a plain reason, and (when ``draft_path`` is set) save the draft after each change,
    so a closed tab loses nothing. ``source`` is where the article came from: ``name`` (file name, link or
    "the pasted text"), ``kind`` (text, html, pdf, docx), ``url`` and ``title`` when known.
    """

    text: str
    marks: list[Mark]
    source: dict[str, Any] = field(default_factory=dict)
    assessment: dict[str, Any] = field(default_factory=dict)
    draft_path: Path | None = None
    _words: list[TextSpan] | None = field(default=None, init=False, repr=False, compare=False)

    # --- decisions -----------------------------------------------------------------------------------

    def accept(self, index: int) -> Mark:
        """Keep a mark as the machine proposed it (a teacher's own mark stays "added")."""
        mark = self._mark(index)
        return self._set(index, replace(mark, decision="accepted" if mark.origin == "machine" else "added"))

    def reject(self, index: int) -> Mark:
        """Leave a mark out of the key. A sentence cannot be left out: change its label (to "other") instead."""
        mark = self._mark(index)
        if mark.kind == "sentence":
            raise AuthoringError(
                "Every sentence keeps a label, so students can label it too. Change the label instead "
                "(choose “other” for a sentence that is none of these)."
            )
        return self._set(index, replace(mark, decision="rejected"))

    def change(self, index: int, **values: Any) -> Mark:
        """Change a mark's fields (see :data:`EDITABLE`), e.g. ``change(3, category="labeling", acceptable=True)``.

        Empty text for ``alternative``, ``source`` or ``check`` means none. Raises AuthoringError for a field
        the kind does not have or a value the key cannot hold; nothing changes then.
        """
        mark = self._mark(index)
        values = {
            k: (None if isinstance(v, str) and not v.strip() and k != "reason" else v)
            for k, v in values.items()
        }
        if "also_acceptable" in values and values["also_acceptable"] is None:
            values["also_acceptable"] = ()
        _check_fields(mark.kind, values, mark.text)
        if "also_acceptable" in values:
            values["also_acceptable"] = tuple(values["also_acceptable"])
        if not values:
            return mark
        decision = "added" if mark.origin == "teacher" else "changed"
        changed = replace(mark, decision=decision, **values)
        # An answer that became the main one is no longer listed among the other answers that earn credit.
        changed = replace(
            changed, also_acceptable=tuple(v for v in changed.also_acceptable if v != changed.value)
        )
        return self._set(index, changed)

    def add(self, kind: str, start: int, end: int, **values: Any) -> int:
        """Add a teacher's mark over characters ``start..end``, widened to whole words; returns its index.

        ``kind`` is "loaded" (give ``category``) or "statistic" (give ``sourcing``); ``reason`` is prefilled
        from :data:`DEFAULT_REASONS` when not given, and a loaded mark's ``speaker`` from the quotation marks
        around it. Raises AuthoringError for offsets outside the text, a range with no word in it, or a range
        that overlaps a mark of the same kind still in the key (change that mark instead).
        """
        if kind not in ("loaded", "statistic"):
            raise AuthoringError(
                "Add a loaded phrase or a statistic; every sentence already has a label to change."
            )
        if not (isinstance(start, int) and isinstance(end, int)) or not 0 <= start < end <= len(self.text):
            raise AuthoringError(
                f"Choose a stretch of the article: {start}..{end} is not inside its {len(self.text)} characters."
            )
        words = [w for w in self.words() if w.start < end and start < w.end]
        if not words:
            raise AuthoringError("Choose at least one word: that stretch holds only spaces.")
        start, end = words[0].start, words[-1].end
        for other in self.marks:
            if other.kind == kind and other.in_key and other.start < end and start < other.end:
                raise AuthoringError(
                    f"“{self.text[start:end]}” overlaps “{other.text}”, which is already marked. "
                    "Change that mark, or reject it first."
                )
        key = values.get("category") if kind == "loaded" else "statistic"
        defaults: dict[str, Any] = {"reason": DEFAULT_REASONS.get(key or "", None)}
        if kind == "loaded":
            quoted = inside(quoted_regions(self.text), start, end)
            defaults["speaker"] = "quoted" if quoted else "writer"
        else:
            defaults["what_to_check"] = _WHAT_TO_CHECK
        values = {**defaults, **{k: v for k, v in values.items() if v is not None}}
        if kind == "loaded" and "category" not in values:
            raise AuthoringError(f"Choose what kind of loaded language it is: {', '.join(LOADED_CATEGORIES)}")
        if kind == "statistic" and "sourcing" not in values:
            raise AuthoringError(f"Choose who stands behind the number: {', '.join(SOURCING)}")
        _check_fields(kind, values, self.text[start:end])
        if "also_acceptable" in values:
            values["also_acceptable"] = tuple(values["also_acceptable"])
        mark = Mark(kind, start, end, self.text[start:end], origin="teacher", decision="added", **values)
        self.marks.append(mark)
        self.marks.sort(key=_order)
        self._saved()
        return self.marks.index(mark)

    def add_words(self, kind: str, first: int, last: int, **values: Any) -> int:
        """Add a teacher's mark over words ``first..last`` (inclusive indices into :meth:`words`); see :meth:`add`."""
        words = self.words()
        if not 0 <= first <= last < len(words):
            raise AuthoringError(f"Choose words between 0 and {len(words) - 1}.")
        return self.add(kind, words[first].start, words[last].end, **values)

    def remove(self, index: int) -> Mark:
        """Take back a mark the teacher added (a machine mark is rejected instead, so the decision is kept)."""
        mark = self._mark(index)
        if mark.origin != "teacher":
            raise AuthoringError("The machine's marks stay on the list: reject this one instead.")
        del self.marks[index]
        self._saved()
        return mark

    def set_assessment(self, **values: str | list[str]) -> None:
        """Set the teacher's view of the article: genre_as_presented, genre_in_fact, summary (40+ characters),
        missing_voices and primary_sources_named (lists); what is not set is filled in by :meth:`to_key`."""
        known = {f.name for f in fields(Assessment)}
        if unknown := set(values) - known:
            raise AuthoringError(f"unknown assessment fields: {', '.join(sorted(unknown))}")
        if "summary" in values and len(str(values["summary"]).strip()) < 40:
            raise AuthoringError("Write a summary of at least 40 characters: what the article says and how.")
        self.assessment = {**self.assessment, **values}
        self._saved()

    # --- where the teacher is ----------------------------------------------------------------------------

    def words(self) -> list[TextSpan]:
        """The article's words (tokens with a letter or digit), the units a teacher picks to add a mark."""
        if self._words is None:  # the text never changes, so the words are found once
            self._words = [w for w in word_spans(self.text) if any(ch.isalnum() for ch in w.text)]
        return list(self._words)

    def context(self, index: int, width: int = 60) -> tuple[str, str, str]:
        """A mark in its place: (text before, the mark, text after), each side at most ``width`` characters,
        cut at a space and on one line, with "…" where it was cut. For showing the mark to the teacher."""
        mark = self._mark(index)
        before = self.text[max(0, mark.start - width) : mark.start].split("\n")[-1]
        after = self.text[mark.end : mark.end + width].split("\n")[0]
        if mark.start - len(before) > 0 and self.text[mark.start - len(before) - 1] != "\n" and " " in before:
            before = "…" + before[before.index(" ") :]
        if (
            mark.end + len(after) < len(self.text)
            and self.text[mark.end + len(after)] != "\n"
            and " " in after
        ):
            after = after[: after.rindex(" ")] + "…"
        return before, mark.text, after

    def progress(self) -> tuple[int, int]:
        """(marks reviewed, all marks); a teacher's own marks count as reviewed."""
        return sum(m.reviewed for m in self.marks), len(self.marks)

    def progress_text(self) -> str:
        """Progress in words, e.g. "14 of 37 marks reviewed"."""
        done, total = self.progress()
        return f"{done} of {total} mark{'s' if total != 1 else ''} reviewed"

    def next_pending(self, after: int = -1) -> int | None:
        """The index of the first pending mark after ``after`` (wrapping round to the start), or None if none."""
        n = len(self.marks)
        for step in range(1, n + 1):
            i = (after + step) % n
            if not self.marks[i].reviewed:
                return i
        return None

    def pending(self) -> list[int]:
        """Indices of the marks nobody has decided on yet."""
        return [i for i, m in enumerate(self.marks) if not m.reviewed]

    # --- the key -----------------------------------------------------------------------------------------

    def to_spans(self, article_id: str | None = None) -> SpanSet:
        """The marks still in the key (all but rejected ones) as typed records, with an assessment."""
        kept = [m for m in self.marks if m.in_key]
        return SpanSet(
            loaded=tuple(m.to_span() for m in kept if m.kind == "loaded"),
            statistics=tuple(m.to_span() for m in kept if m.kind == "statistic"),
            sentences=tuple(m.to_span() for m in kept if m.kind == "sentence"),
            article_id=article_id,
            assessment=self._assessment(kept),
            notes=self._notes(),
        )

    def to_key(self, article_id: str) -> dict[str, Any]:
        """The answer key as JSON, in exactly the shape of datasets/annotations/*.json (``answer_key``).

        Pending machine marks are included as the machine proposed them; :func:`medialit.authoring.key.save_key`
        refuses them unless told otherwise.
        """
        return self.to_spans(article_id).to_dict()

    def _assessment(self, kept: list[Mark]) -> Assessment:
        named = ("named-document", "named-organization-or-person", "other-outlet")
        sources = sorted(
            {m.source for m in kept if m.kind == "statistic" and m.sourcing in named and m.source}
        )
        loaded = sum(m.kind == "loaded" for m in kept)
        stats = [m for m in kept if m.kind == "statistic"]
        unsourced = sum(m.sourcing in ("vague", "none", "anonymous") for m in stats)
        opinion = sum(m.kind == "sentence" and m.label == "writer-opinion" for m in kept)
        summary = (
            f"Marked by the teacher with the kit's help: {loaded} loaded word{'s' * (loaded != 1)} or phrases, "
            f"{len(stats)} number{'s' * (len(stats) != 1)} ({unsourced} without a named source) and "
            f"{opinion} sentence{'s' * (opinion != 1)} of the writer's own opinion."
        )
        values = {
            "genre_as_presented": "not given",
            "genre_in_fact": "not given",
            "missing_voices": [],
            "primary_sources_named": sources,
            "summary": summary,
            **self.assessment,
        }
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in values.items()}
        return Assessment(**values)

    def _notes(self) -> str:
        reviewed, total = self.progress()
        added = sum(m.origin == "teacher" for m in self.marks)
        rejected = sum(m.decision == "rejected" for m in self.marks)
        return (
            f"Made with medialit's authoring review: the detectors proposed marks, a teacher reviewed "
            f"{reviewed} of {total} ({rejected} rejected, {added} added by the teacher)."
        )

    # --- internals ---------------------------------------------------------------------------------------

    def _mark(self, index: int) -> Mark:
        if not isinstance(index, int) or not 0 <= index < len(self.marks):
            raise AuthoringError(f"there is no mark number {index}; marks go from 0 to {len(self.marks) - 1}")
        return self.marks[index]

    def _set(self, index: int, mark: Mark) -> Mark:
        self.marks[index] = mark
        self._saved()
        return mark

    def _saved(self) -> None:
        if self.draft_path is not None:
            from .draft import save_draft

            save_draft(self, self.draft_path)


def _source_record(article: Article) -> dict[str, Any]:
    record: dict[str, Any] = {"name": article.name, "kind": article.kind}
    for key in ("url", "title", "author", "date", "site_name"):
        if key in article.metadata:
            record[key] = article.metadata[key].value
    if article.notes:
        record["notes"] = list(article.notes)
    return record


def propose(article: str | Article, *, draft_path: str | Path | None = None) -> ReviewSession:
    """Run the detectors once over the article and return a session of pending machine marks, in text order.

    ``article`` is pasted text or an :class:`~medialit.ingest.Article` (from
    :mod:`medialit.authoring.article`). The detectors (:func:`medialit.detect.analyze`) give each mark its
    reason and, for loaded language, a neutral alternative. Raises AuthoringError for an article with no
    sentences. With ``draft_path``, the draft is saved now and after every change.
    """
    if isinstance(article, str):
        article = article_from_text(article)
    check_has_sentences(article)
    report = analyze(article.text)
    marks = [Mark.from_span(span) for span in (*report.sentences, *report.loaded, *report.statistics)]
    marks = [replace(m, reason=m.reason or None) for m in marks]
    session = ReviewSession(
        text=article.text,
        marks=sorted(marks, key=_order),
        source=_source_record(article),
        draft_path=Path(draft_path) if draft_path is not None else None,
    )
    session._saved()
    return session
