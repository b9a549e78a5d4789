"""Tests for medialit.schema: the typed records and the JSON Schema agree."""

from __future__ import annotations

import dataclasses
import json

import pytest

from medialit import schema
from medialit.datafiles import datasets_dir, schema_errors
from medialit.schema import LoadedSpan, SentenceSpan, SpanSet, StatisticSpan


def _defs() -> dict:
    return json.loads((datasets_dir() / "schema" / "spans.schema.json").read_text(encoding="utf-8"))["$defs"]


def test_label_vocabularies_match():
    """Are the label values in the JSON Schema exactly those in medialit.schema?"""
    defs = _defs()
    assert tuple(defs["loaded"]["properties"]["category"]["enum"]) == schema.LOADED_CATEGORIES
    assert tuple(defs["loaded"]["properties"]["speaker"]["enum"]) == schema.SPEAKERS
    assert tuple(defs["sourcing"]["enum"]) == schema.SOURCING
    assert tuple(defs["sentence_label"]["enum"]) == schema.SENTENCE_LABELS


def test_records_round_trip_through_json():
    """Does a SpanSet survive to_dict -> JSON -> from_dict, and validate?"""
    spans = SpanSet(
        loaded=(
            LoadedSpan(
                4,
                9,
                "flood",
                "emotive-metaphor",
                "writer",
                "Water imagery makes people sound like a disaster.",
                "large number",
                True,
            ),
        ),
        statistics=(
            StatisticSpan(
                0,
                3,
                "271",
                "none",
                None,
                "No source is given for it.",
                "Find the agency data.",
                None,
                False,
                ("vague",),
            ),
        ),
        sentences=(SentenceSpan(0, 10, "The flood.", "writer-opinion", None, ("unattributed-fact",), 0.8),),
    )
    data = json.loads(json.dumps(spans.to_dict()))
    assert schema_errors(data, "spans.schema.json") == []
    assert SpanSet.from_dict(data) == spans


def test_schema_rejects_unknown_labels_and_fields():
    """Are a made-up category and an extra field both refused?"""
    bad = {
        "loaded": [
            {
                "start": 0,
                "end": 1,
                "text": "x",
                "category": "spin",
                "speaker": "writer",
                "reason": "because I said so",
                "alternative": None,
                "acceptable": False,
                "extra": 1,
            }
        ],
        "statistics": [],
        "sentences": [],
    }
    errors = " ".join(schema_errors(bad, "spans.schema.json"))
    assert "'spin' is not one of" in errors
    assert "extra" in errors


def test_answer_key_needs_article_and_assessment():
    """Does the answer-key shape require article_id and assessment, while a detector report does not?"""
    report = {"loaded": [], "statistics": [], "sentences": []}
    assert schema_errors(report, "spans.schema.json") == []
    errors = " ".join(schema_errors(report, "spans.schema.json", "answer_key"))
    assert "'article_id' is a required property" in errors
    assert "'assessment' is a required property" in errors


def test_accepts_uses_also_acceptable():
    """Does a key item give credit for its own label and its also-acceptable ones only?"""
    sentence = SentenceSpan(0, 1, "x", "writer-opinion", None, ("quoted-opinion",))
    assert sentence.accepts("writer-opinion") and sentence.accepts("quoted-opinion")
    assert not sentence.accepts("headline")


@pytest.mark.parametrize(
    ("record", "fields"),
    [
        (LoadedSpan, (0, 5, "flood", "appeal-to-fear", "writer", "a wave of water")),
        (StatisticSpan, (0, 2, "12", "unsourced", None, "no one is named", "who counted them")),
        (SentenceSpan, (0, 4, "Yes.", "fact")),
    ],
)
def test_span_records_stay_frozen_dataclasses(record, fields):
    """Do the span records (with their own quick __init__) still fill defaults, compare, hash, replace and refuse changes?"""
    names = [f.name for f in dataclasses.fields(record)]
    item = record(*fields)
    by_name = record(**dict(zip(names, fields, strict=False)))
    assert item == by_name and hash(item) == hash(by_name)
    assert dataclasses.asdict(item) == {f.name: getattr(item, f.name) for f in dataclasses.fields(record)}
    assert all(getattr(item, f.name) == f.default for f in dataclasses.fields(record)[len(fields) :])
    moved = dataclasses.replace(item, start=1)
    assert moved.start == 1 and moved != item and item.start == 0
    with pytest.raises(dataclasses.FrozenInstanceError):
        item.start = 3
    with pytest.raises(TypeError):
        record(*fields, extra=1)
