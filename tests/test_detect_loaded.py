"""Tests for medialit.detect.loaded and its lexicon: loaded language with reasons."""

from __future__ import annotations

import itertools
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit.datafiles import schema_errors
from medialit.detect.loaded import find_loaded
from medialit.evaluate import Score, score_loaded
from medialit.lexicon import TOPICS, loaded_terms
from medialit.schema import LOADED_CATEGORIES, SpanSet

from .conftest import CORPUS_IDS, SEED_IDS


def _found(text: str) -> dict[str, object]:
    return {span.text: span for span in find_loaded(text)}


def test_lexicon_is_large_and_covers_every_category_and_topic():
    """Does the lexicon have 400+ entries over every category and topic, from several political sides?"""
    entries = loaded_terms()
    assert len(entries) >= 400
    assert set(Counter(e.category for e in entries)) == set(LOADED_CATEGORIES)
    assert set(Counter(e.topic for e in entries)) == set(TOPICS)
    terms = {e.term for e in entries}
    assert {"illegals", "radical left", "far-right", "corporate greed", "death panels"} <= terms


def test_word_with_inflections():
    """Are a lexicon word and its inflected forms found, with category, reason and alternative?"""
    found = _found("Migrants flooded the town. The floods of people kept coming.")
    assert "flooded" in found and "floods" in found
    span = found["flooded"]
    assert span.category == "emotive-metaphor" and span.reason and span.alternative


def test_phrase_matches_either_inflection():
    """Does the listed phrase 'pouring across' also find 'pour across'?"""
    assert "pour across" in _found("They pour across the river every night.")


def test_pattern_finds_superlatives():
    """Is an unmeasured superlative like 'the worst ever' found by a pattern?"""
    assert any("worst" in text for text in _found("This is the worst crisis ever, officials said."))


def test_loaded_language_from_other_sides():
    """Are loaded words aimed the other way found too ('goon squads', 'corporate greed')?"""
    found = _found("ICE goon squads raided homes while corporate greed drove prices up.")
    assert any("goon" in text for text in found) and "corporate greed" in found


def test_quoted_words_are_marked_quoted():
    """Does a loaded word inside quotation marks get speaker 'quoted', and the writer's own get 'writer'?"""
    spans = find_loaded("“It is an invasion,” the sheriff said. Critics call it a flood.")
    speakers = {s.text: s.speaker for s in spans}
    assert speakers["invasion"] == "quoted" and speakers["flood"] == "writer"


def test_negation_is_kept_but_marked_debatable():
    """Is a negated loaded word flagged as debatable with the negation explained?"""
    span = _found("This is not an invasion.")["invasion"]
    assert span.acceptable and "negated" in span.reason


def test_names_are_not_loaded():
    """Is a loaded word inside a capitalised name skipped mid-sentence ('the Flood Control District')?"""
    assert "Flood" not in _found("Money went to the Flood Control District on Tuesday.")


def test_headlines_in_title_case_still_count():
    """Is a loaded word in a title-case headline still found?"""
    assert any(
        "Flood" in text for text in _found("Border Flood Of Migrants Continues\n\nOfficials met on Monday.")
    )


def test_strong_vader_words_are_tentative():
    """Is a very strong word missing from the lexicon flagged as debatable, with VADER named as the reason?"""
    spans = [s for s in find_loaded("The plan is horrendous.") if "VADER" in s.reason]
    assert spans and all(s.acceptable for s in spans)


def test_routine_reporting_words_are_not_flagged():
    """Are plain crime-report words ('arrested', 'violent', 'victims') left alone?"""
    assert (
        find_loaded("Police arrested two men after a violent robbery; the victims were treated in hospital.")
        == []
    )


def test_empty_text():
    """Does an empty or blank text give no spans?"""
    assert find_loaded("") == [] and find_loaded("  \n ") == []


def test_output_matches_the_schema():
    """Does the output on a real article validate against the spans schema, with offsets that match?"""
    text = medialit.load("ice-officer-interview").text
    spans = find_loaded(text)
    assert schema_errors(SpanSet(loaded=tuple(spans)).to_dict(), "spans.schema.json") == []
    assert all(text[s.start : s.end] == s.text for s in spans)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=400))
def test_any_text_is_safe(text):
    """For arbitrary unicode, does the detector never raise and keep offsets valid and non-overlapping?"""
    spans = find_loaded(text)
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert all(a.end <= b.start for a, b in itertools.pairwise(spans))


def _score(ids: list[str]) -> Score:
    total = Score()
    for doc_id in ids:
        total += score_loaded(find_loaded(medialit.load(doc_id).text), medialit.annotations(doc_id))["all"]
    return total


def test_accuracy_floor_on_the_articles():
    """Does the detector keep its measured F1 on the five seed articles (0.94 when written; floor 0.85)?"""
    assert _score(SEED_IDS).f1 >= 0.85


def test_accuracy_floor_on_the_corpus_articles():
    """On the nine corpus articles, not used for tuning, does F1 stay above 0.55 (0.61 when they were added)?"""
    assert _score(CORPUS_IDS).f1 >= 0.55


def test_accuracy_floor_on_unseen_passages():
    """On the contrast passages, not used for tuning, does F1 stay above 0.65 (0.71 when written)?"""
    assert _score([c.id for c in medialit.contrast_passages()]).f1 >= 0.65


# --- precision on news nobody here wrote (issue 14): small inputs, names invented ---------------------


def test_numbers_are_never_loaded_words():
    """Are VADER's slang numbers ('143', '187') left alone, so a figure is never a loaded word?"""
    assert find_loaded("Police arrested 143 people.") == []
    assert find_loaded("Traffic stopped on route 187 for an hour.") == []


def test_web_addresses_are_not_words():
    """Is 'ly' in the link 'bit.ly/3xYz' left alone?"""
    assert find_loaded("Read more at bit.ly/3xYz.") == []


def test_routine_words_for_events_are_not_loaded():
    """Are literal words for what happened ('celebrated', 'award') left alone?"""
    assert find_loaded("Fans celebrated the result in the street.") == []
    assert find_loaded("Her co-star won an award last week.") == []


def test_literal_disaster_is_not_a_metaphor():
    """Is 'avalanche' after 'killed by an' read literally, with no flag?"""
    assert find_loaded("Two climbers were killed by an avalanche.") == []


def test_war_word_before_a_place_is_debatable():
    """Is 'invasion' in 'the invasion of Iraq' flagged only as debatable, saying it may be literal?"""
    (span,) = find_loaded("Because of the invasion of Iraq, many Kurds fled.")
    assert span.text == "invasion" and span.acceptable and "literally" in span.reason


def test_strong_vader_words_are_emotive_words_and_debatable():
    """Is a strong VADER word the lexicon lacks flagged as emotive-words, debatable?"""
    (span,) = find_loaded("The scene was horrendous.")
    assert span.category == "emotive-words" and span.acceptable


def test_informal_insults_are_loaded():
    """Are informal insults with no other cue ('nutty', 'schmaltzy', 'clueless', 'dupe') flagged as labeling?"""
    spans = find_loaded("The plan is a nutty blend of schmaltzy slogans invented by a clueless dupe.")
    assert [(s.text, s.category) for s in spans] == [
        ("nutty", "labeling"),
        ("schmaltzy", "labeling"),
        ("clueless", "labeling"),
        ("dupe", "labeling"),
    ]
