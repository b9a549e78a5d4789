"""Tests for medialit.text: sentences and words with offsets, offline."""

from __future__ import annotations

import dataclasses
import itertools
import json
import os
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import medialit
from medialit.text import TextSpan, normalize, sentence_spans, straighten_quotes, word_count, word_spans


def test_sentences_reproduce_the_article(article):
    """Do the sentences, put back at their offsets, reproduce the text with only white space between?"""
    text = article.text
    spans = sentence_spans(text)
    rebuilt, cursor = [], 0
    for span in spans:
        assert text[span.start : span.end] == span.text
        assert text[cursor : span.start].strip() == "", f"text skipped before {span.text[:40]!r}"
        rebuilt.append(text[cursor : span.start])
        rebuilt.append(span.text)
        cursor = span.end
    assert text[cursor:].strip() == ""
    assert "".join(rebuilt) + text[cursor:] == text


# (article id, a sentence as it must come out) for the known tricky cases; compared after
# normalize(), so no-break spaces need not be typed here.
TRICKY_SENTENCES = [
    # "U.S." before a capitalised and a lower-case word is not a sentence end.
    (
        "ice-officer-interview",
        "Whereas unlawful aliens\u00a0traditionally\u00a0sought to evade border agents in hopes "
        "of reaching U.S. cities where they could illegally fill American jobs, reports document how many of these new "
        "migrants are now turning themselves in to border patrol agents believing they’ll be allowed to stay permanently.",
    ),
    # "Oct." is an abbreviation.
    (
        "ice-officer-interview",
        "This 2016 influx of migrants from Central America had exceeded 117,000 by Oct. 1, "
        "marking a new record,\u00a0Breitbart News\u00a0reported.",
    ),
    # A question in quotation marks followed by a lower-case attribution is one sentence.
    ("ice-officer-interview", "“Does she propose we just release them?” the agent asked."),
    # An ellipsis ends a sentence when a capital follows.
    (
        "ice-officer-interview",
        "By removing officers from enforcement programs, the threat to the American public has "
        "increased exponentially…",
    ),
    # The headline stands alone although it has no final period.
    (
        "ice-officer-interview",
        "EXCLUSIVE — Immigration Officer: Border Deluge of Illegal Aliens ‘Is The Worst We’ve Ever Seen’",
    ),
    # "Agent X." is an initial-like token, yet "Rest assured" starts a new sentence.
    ("agent-x-rebuttal", "Some readers might wonder if average ICE employees are really like Agent X."),
    ("agent-x-rebuttal", "Rest assured they are not."),
    # A sentence ending inside quotation marks and a parenthesis.
    ("agent-x-rebuttal", "(He’s never identified, so we’ll call him “Agent X.”)"),
    # An ellipsis inside a quotation, followed by a comma, does not end the sentence.
    (
        "agent-x-rebuttal",
        "Supposedly, Agent X came forward because, “…with Obama gone…,” he saw “long-standing "
        "standards being discarded and basic protocols questioned.”",
    ),
    # Initials in a name.
    (
        "agent-x-rebuttal",
        "Matt O'Brien: Matthew J. O’Brien joined the Federation for American Immigration Reform "
        "(FAIR) in 2016.",
    ),
    # The NBC quote block: "P.J." is not a sentence end.
    (
        "cities-ice-cooperation",
        "In an interview, acting ICE Director P.J. Lechleitner said some counties and cities "
        "that previously refused to tell ICE when they were releasing undocumented immigrants from jail are now "
        "discussing ways they might be able to coordinate with ICE further, like giving it advance notice before "
        "migrants convicted of violent crimes are released.",
    ),
    # The NBC quote block: an ellipsis marking omitted words, then a lower-case continuation, is one sentence.
    (
        "cities-ice-cooperation",
        "You’ve seen some examples of this, where some individuals, unfortunately, were "
        "encountered by local law enforcement and because of the policies put in place, either at the state or local "
        "level, they weren’t allowed to notify immigration authorities … and all of a sudden you have people being "
        "released and reoffending.",
    ),
    ("cities-ice-cooperation", "We don’t want that."),
    ("cities-ice-cooperation", "The report states:"),
    # Byline, paragraph without a final period, photo credit.
    ("declined-detainer-report", "John Romero | July 17, 2019"),
    ("declined-detainer-report", "There are multiple others that can be found in the new\u00a0ICE report"),
    ("declined-detainer-report", "(Cover Photo: ICE / Flickr)"),
    # A sentence inside straight double quotes.
    (
        "declined-detainer-report",
        "Additionally, some jurisdictions willfully decline to honor ICE detainers and "
        "refuse to timely notify ICE of an alien’s release, and may do so even when an alien has a criminal record.",
    ),
    # Headline ending in "U.S."; the missing outlet name; a lone heading.
    ("oig-release-report", "ICE Released 11k+ High-Flight-Risk Illegals Into U.S."),
    (
        "oig-release-report",
        "( – Since 2021, when President Joe Biden assumed office, immigration at the Southern "
        "border has grown out of control.",
    ),
    ("oig-release-report", "Report Details"),
    (
        "oig-release-report",
        "First, it suggests the agency “assig[n] an office to manage the RCA process,” and "
        "second, establish formal policies and procedures to ensure consistency among noncitizens.",
    ),
]


@pytest.mark.parametrize(("article_id", "sentence"), TRICKY_SENTENCES)
def test_tricky_sentences_split_right(article_id, sentence):
    """Does each known tricky sentence come out whole, neither split nor merged with a neighbour?"""
    texts = [normalize(span.text) for span in sentence_spans(medialit.load(article_id).text)]
    assert normalize(sentence) in texts


# Issue 13, item 6: small inputs (names invented) and the sentences they must give.
SPLITTING_CASES = [
    # A curly quote before an abbreviation hid it from Punkt: the splitter now shows Punkt straight quotes.
    (
        "“Mr. Smith is a disgrace to this city,” she said.",
        ["“Mr. Smith is a disgrace to this city,” she said."],
    ),
    # "no." is an abbreviation only before a number ("No. 5").
    (
        "The governor said no. Officials were surprised by the decision.",
        ["The governor said no.", "Officials were surprised by the decision."],
    ),
    # A short attribution after an exclaimed quotation belongs to it.
    (
        "“We will not back down!” Jones said. The protest continued.",
        ["“We will not back down!” Jones said.", "The protest continued."],
    ),
    # A comma after a closing quotation mark carries the sentence on.
    ('She said "Sure!", and went away.', ['She said "Sure!", and went away.']),
    # "a.m." ends a sentence before a capitalised word that is not a day, month or time zone.
    ("Polls open at 7 a.m. Voters lined up early.", ["Polls open at 7 a.m.", "Voters lined up early."]),
    ("Polls open at 7 a.m. Tuesday in Ohio.", ["Polls open at 7 a.m. Tuesday in Ohio."]),
    # ...only before a capital: a lower-case word goes on with the sentence, and "At" is not a time zone.
    ("They set a 5 p.m. deadline for the vote.", ["They set a 5 p.m. deadline for the vote."]),
    ("They met at 2 a.m. with families.", ["They met at 2 a.m. with families."]),
    ("It ends at 9 p.m. ET tonight.", ["It ends at 9 p.m. ET tonight."]),
    ("It began at 7 p.m. At the rally, he spoke.", ["It began at 7 p.m.", "At the rally, he spoke."]),
    ("Doors close at 6 P.M. Guests must leave.", ["Doors close at 6 P.M.", "Guests must leave."]),
    ("The vote is No. 5 on the list.", ["The vote is No. 5 on the list."]),
    ("He has a Ph.D. from Yale.", ["He has a Ph.D. from Yale."]),
    ("He has a Ph.D. The job needs one.", ["He has a Ph.D.", "The job needs one."]),
]


@pytest.mark.parametrize(("text", "expected"), SPLITTING_CASES)
def test_splitting_cases(text, expected):
    """Does each small input from issue 13 split into exactly the expected sentences?"""
    assert [span.text for span in sentence_spans(text)] == expected


@pytest.mark.parametrize(
    ("article_id", "expected"),
    [
        ("ice-officer-interview", 62),
        ("agent-x-rebuttal", 34),
        ("cities-ice-cooperation", 25),
        ("declined-detainer-report", 21),
        ("oig-release-report", 24),
    ],
)
def test_sentence_counts(article_id, expected):
    """Does each article split into the number of sentences the answer key has?"""
    assert len(sentence_spans(medialit.load(article_id).text)) == expected


def test_words_carry_offsets(article):
    """Does every word token point at exactly its own characters?"""
    tokens = word_spans(article.text)
    assert tokens
    assert all(article.text[t.start : t.end] == t.text for t in tokens)
    assert all(a.end <= b.start for a, b in itertools.pairwise(tokens))


def test_curly_apostrophes_and_dashes_split_like_straight_ones():
    """Are "It’s", "worst—ever" and "fame…while" split as NLTK splits their straight forms?"""
    words = [t.text for t in word_spans("It’s the worst—ever. Agent X’s fame…while 11,754 (3%) left.")]
    assert words == [
        "It",
        "’s",
        "the",
        "worst",
        "—",
        "ever",
        ".",
        "Agent",
        "X",
        "’s",
        "fame",
        "…",
        "while",
        "11,754",
        "(",
        "3",
        "%",
        ")",
        "left",
        ".",
    ]


def test_word_count_counts_words_not_punctuation():
    """Does word_count skip quotes, dashes and full stops?"""
    assert word_count("“Hello—world,” she said.") == 4


def test_normalize_straightens_quotes_dashes_and_spaces():
    """Does normalize() turn curly quotes, dashes and no-break spaces into plain ASCII?"""
    assert normalize("“It’s—a\u00a0test”") == '"It\'s-a test"'


@given(st.text())
def test_normalize_keeps_offsets(text):
    """Is the normalised text always exactly as long as the original?"""
    assert len(normalize(text)) == len(text)


@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_gives_valid_offsets(text):
    """For arbitrary unicode, do sentences and words stay in bounds and match their text?"""
    for span in sentence_spans(text) + word_spans(text):
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text


OFFLINE_SCRIPT = """
import json, sys
import nltk
def refuse(*args, **kwargs):
    raise AssertionError("nltk.download was called")
nltk.download = refuse
nltk.data.path[:] = [sys.argv[1]]
import medialit
from medialit.text import sentence_spans, word_spans
out = {}
for info in medialit.articles():
    text = medialit.load(info.id).text
    out[info.id] = [len(sentence_spans(text)), len(word_spans(text))]
print(json.dumps(out))
"""


def _run_offline(nltk_data: str, tmp_path) -> dict:
    env = {**os.environ, "NLTK_DATA": nltk_data, "HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", OFFLINE_SCRIPT, nltk_data],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_text_layer_needs_no_nltk_data(tmp_path):
    """With NLTK_DATA an empty folder and nltk.download forbidden, does the text layer still work?"""
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    counts = _run_offline(str(empty), tmp_path)
    assert counts == {
        info.id: [
            len(sentence_spans(medialit.load(info.id).text)),
            len(word_spans(medialit.load(info.id).text)),
        ]
        for info in medialit.articles()
    }


def test_installed_nltk_data_changes_nothing(tmp_path):
    """If a user has (even broken) NLTK data installed, are the results unchanged?"""
    decoy = tmp_path / "nltk_data"
    (decoy / "tokenizers" / "punkt_tab" / "english").mkdir(parents=True)
    (decoy / "tokenizers" / "punkt_tab" / "english" / "abbrev_types.txt").write_text("garbage\n")
    (decoy / "tokenizers" / "punkt.zip").write_bytes(b"not a zip")
    empty = tmp_path / "empty"
    empty.mkdir()
    assert _run_offline(str(decoy), tmp_path) == _run_offline(str(empty), tmp_path)


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="ab \u00a0\u2009\u2018\u2019\u201c\u201d\u00ab\u2010\u2013\u2014\u2212\u2026'\"-",
        max_size=40,
    )
)
def test_normalize_maps_each_character_as_a_translation_table_would(text: str) -> None:
    """Is normalize() the same as str.translate with the same one-to-one map, character by character, also
    when it is handed the text with its quotes straightened already?"""
    from medialit.text import _DASHES, _QUOTES, _SPACES

    assert normalize(text) == text.translate(str.maketrans(_SPACES | _QUOTES | _DASHES))
    assert normalize(text, straighten_quotes(text)) == normalize(text)
    assert straighten_quotes(text) == text.translate(str.maketrans(_QUOTES))


def test_a_character_map_that_maps_twice_is_refused() -> None:
    """Is a map whose output character is mapped again refused, since replacing in turn would map it twice?"""
    from medialit.text import _CharacterMap

    with pytest.raises(ValueError):
        _CharacterMap({"a": "b", "b": "c"})


def test_a_text_span_is_a_frozen_value():
    """Does a TextSpan (built by its own quick __init__) compare, hash, copy and refuse changes as a frozen dataclass?"""
    span = TextSpan(3, 8, "agent")
    assert span == TextSpan(3, 8, "agent") and hash(span) == hash(TextSpan(3, 8, "agent"))
    assert span != TextSpan(3, 8, "Agent") and repr(span) == "TextSpan(start=3, end=8, text='agent')"
    assert dataclasses.replace(span, end=9) == TextSpan(3, 9, "agent")
    assert dataclasses.asdict(span) == {"start": 3, "end": 8, "text": "agent"}
    with pytest.raises(dataclasses.FrozenInstanceError):
        span.start = 4  # type: ignore[misc]
