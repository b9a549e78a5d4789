"""Tests for medialit.authoring.review, .draft and .article: the pure review model under the review widget."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medialit.authoring import (
    ReviewSession,
    article_from_file,
    article_from_text,
    load_draft,
    propose,
    resume_or_propose,
)
from medialit.datafiles import schema_errors
from medialit.errors import AuthoringError

ARTICLE = Path(__file__).parent / "fixtures" / "authoring" / "county-jail-agreement.txt"


@pytest.fixture(scope="module")
def proposed():
    return propose(article_from_file(ARTICLE))


@pytest.fixture
def session(proposed):
    """A fresh session over the proposal (the detectors run once per module)."""
    return ReviewSession(proposed.text, list(proposed.marks), dict(proposed.source))


def _first(session, kind):
    return next(i for i, m in enumerate(session.marks) if m.kind == kind)


def test_propose_gives_pending_machine_marks_in_text_order(session):
    """Does propose() turn every detector finding into a pending machine mark, in text order, with its reason?"""
    marks = session.marks
    assert {m.kind for m in marks} == {"loaded", "statistic", "sentence"}
    assert all(m.origin == "machine" and m.decision == "pending" for m in marks)
    assert [m.start for m in marks] == sorted(m.start for m in marks)
    assert all(session.text[m.start : m.end] == m.text for m in marks)
    assert all(m.reason for m in marks if m.kind != "sentence")
    flooding = next(m for m in marks if m.text == "flooding")
    assert flooding.category == "emotive-metaphor" and flooding.alternative


def test_every_sentence_is_proposed_once(session):
    """Does every sentence of the article get exactly one sentence mark, so label quizzes cover the article?"""
    sentences = [m for m in session.marks if m.kind == "sentence"]
    assert len(sentences) == len(ARTICLE.read_text(encoding="utf-8").strip().splitlines())


def test_accept_reject_change_record_the_decision(session):
    """Do accept, reject and change set the decision, and change the fields asked for?"""
    loaded = _first(session, "loaded")
    statistic = _first(session, "statistic")
    sentence = _first(session, "sentence")
    assert session.accept(sentence).decision == "accepted"
    assert session.reject(statistic).decision == "rejected"
    changed = session.change(loaded, category="labeling", acceptable=True, alternative="")
    assert (changed.decision, changed.category, changed.acceptable, changed.alternative) == (
        "changed",
        "labeling",
        True,
        None,
    )
    assert session.progress() == (3, len(session.marks))


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"category": "rude"}, "not a category"),
        ({"reason": "bad"}, "at least 10"),
        ({"label": "headline"}, "has no 'label'"),
        ({"acceptable": "yes"}, "True"),
        ({"alternative": 5}, "piece of text"),
    ],
)
def test_a_bad_change_is_refused_and_changes_nothing(session, values, message):
    """Is a change the key cannot hold refused with a reason, leaving the mark as it was?"""
    index = _first(session, "loaded")
    before = session.marks[index]
    with pytest.raises(AuthoringError, match=message):
        session.change(index, **values)
    assert session.marks[index] == before


def test_a_sentence_cannot_be_rejected(session):
    """Is rejecting a sentence refused with advice to change its label instead?"""
    with pytest.raises(AuthoringError, match="Change the label"):
        session.reject(_first(session, "sentence"))


def test_other_answers_must_be_a_list_of_known_labels(session):
    """Is a list of other labels with an unknown one, or not a list at all, refused?"""
    index = _first(session, "sentence")
    for bad in (["nonsense"], 5, ["other", "other"]):
        with pytest.raises(AuthoringError, match="other answers"):
            session.change(index, also_acceptable=bad)
    assert session.change(index, also_acceptable=None).also_acceptable == ()


def test_a_changed_label_is_not_also_listed_as_another_answer(session):
    """When the main label changes, is it dropped from the other labels that earn credit?"""
    index = _first(session, "sentence")
    mark = session.change(index, also_acceptable=["writer-opinion", "other"])
    mark = session.change(index, label="other")
    assert mark.label == "other" and mark.also_acceptable == ("writer-opinion",)


def test_add_snaps_to_whole_words_and_keeps_text_order(session):
    """Does a teacher's mark over part of a word grow to the whole word, with a default reason and speaker?"""
    at = session.text.index("reckless")
    index = session.add("loaded", at + 2, at + 5, category="emotive-words")
    mark = session.marks[index]
    assert (mark.text, mark.origin, mark.decision, mark.speaker) == ("reckless", "teacher", "added", "writer")
    assert len(mark.reason) >= 10
    assert [m.start for m in session.marks] == sorted(m.start for m in session.marks)


def test_add_words_marks_a_word_range_and_guesses_a_quoted_speaker(session):
    """Does add_words mark words first..last, and call a phrase inside quotation marks 'quoted'?"""
    words = session.words()
    first = next(i for i, w in enumerate(words) if w.text == "holding")
    index = session.add_words(
        "loaded", first, first + 1, category="emotive-metaphor", reason="Pictures people as cattle in a pen."
    )
    assert session.marks[index].text == "holding pen"
    assert session.marks[index].speaker == "quoted"


@pytest.mark.parametrize(
    ("kind", "start", "end", "values", "message"),
    [
        ("loaded", -1, 4, {"category": "labeling"}, "not inside"),
        ("loaded", 10, 10_000, {"category": "labeling"}, "not inside"),
        ("loaded", 5, 3, {"category": "labeling"}, "not inside"),
        ("sentence", 0, 4, {}, "every sentence"),
        ("loaded", 0, 6, {}, "what kind"),
        ("statistic", 0, 6, {}, "who stands behind"),
    ],
)
def test_bad_additions_are_refused(session, kind, start, end, values, message):
    """Are offsets outside the text, a sentence, or a mark without its call refused, adding nothing?"""
    before = list(session.marks)
    with pytest.raises(AuthoringError, match=message):
        session.add(kind, start, end, **values)
    assert session.marks == before


def test_a_stretch_of_spaces_or_an_overlap_is_refused(session):
    """Is a range with no word in it, or one over a phrase already marked, refused?"""
    gap = session.text.index("\n")
    with pytest.raises(AuthoringError, match="at least one word"):
        session.add("loaded", gap, gap + 1, category="labeling")
    at = session.text.index("flooding")
    with pytest.raises(AuthoringError, match="already marked"):
        session.add("loaded", at, at + 3, category="labeling")
    session.reject(next(i for i, m in enumerate(session.marks) if m.text == "flooding"))
    assert session.marks[session.add("loaded", at, at + 3, category="exaggeration")].text == "flooding"


def test_context_shows_a_mark_in_its_line(session):
    """Does context() give the words around a mark, on its own line, cut at spaces with an ellipsis?"""
    index = next(i for i, m in enumerate(session.marks) if m.text == "flooding")
    before, text, after = session.context(index, width=30)
    assert text == "flooding" and before.startswith("…") and after == " back onto the streets."
    assert "\n" not in before + after and len(before) <= 31
    headline = session.context(0, width=30)
    assert headline[0] == "" and headline[2] == ""


def test_progress_and_next_pending(session):
    """Does progress count reviewed marks in words, and does next_pending wrap round and end with None?"""
    total = len(session.marks)
    assert session.progress_text() == f"0 of {total} marks reviewed"
    assert session.next_pending() == 0 and session.next_pending(0) == 1
    session.accept(total - 1)
    assert session.next_pending(total - 2) == 0
    for i in range(total):
        session.accept(i)
    assert session.next_pending() is None
    assert session.progress_text() == f"{total} of {total} marks reviewed"


def test_to_key_is_an_answer_key(session):
    """Is to_key() a valid answer key whose offsets match the text, without rejected marks or detector scores?"""
    session.reject(_first(session, "statistic"))
    key = session.to_key("county-jail-agreement")
    assert schema_errors(key, "spans.schema.json", "answer_key") == []
    rejected = session.marks[_first(session, "statistic")]
    assert all((s["start"], s["text"]) != (rejected.start, rejected.text) for s in key["statistics"])
    assert all("score" not in s for s in key["sentences"])
    for kind in ("loaded", "statistics", "sentences"):
        assert all(session.text[s["start"] : s["end"]] == s["text"] for s in key[kind])


def test_the_draft_is_saved_after_every_change(tmp_path):
    """With a draft path, is each decision on disk at once, and does load_draft give the same session?"""
    draft = tmp_path / "review.json"
    session = propose(article_from_file(ARTICLE), draft_path=draft)
    assert draft.exists()
    session.reject(_first(session, "loaded"))
    assert (
        json.loads(draft.read_text(encoding="utf-8"))["marks"][_first(session, "loaded")]["decision"]
        == "rejected"
    )
    again = load_draft(draft)
    assert again.marks == session.marks and again.text == session.text and again.source == session.source
    again.accept(0)
    assert load_draft(draft).marks[0].decision == "accepted"


@pytest.mark.parametrize("damage", ["{not json", '{"format": "medialit-review-draft", "version": 1}', "[]"])
def test_a_damaged_draft_is_kept_aside(tmp_path, damage):
    """Is a damaged draft renamed aside (never deleted), with a message naming where it is?"""
    draft = tmp_path / "review.json"
    draft.write_text(damage, encoding="utf-8")
    with pytest.raises(AuthoringError, match=r"kept as review\.json\.damaged-"):
        load_draft(draft)
    assert not draft.exists()
    kept = list(tmp_path.glob("review.json.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == damage


def test_a_draft_whose_marks_no_longer_match_is_kept_aside(tmp_path):
    """Is a draft edited so that a mark's offsets miss its words refused and kept aside?"""
    draft = tmp_path / "review.json"
    propose(article_from_file(ARTICLE), draft_path=draft)
    data = json.loads(draft.read_text(encoding="utf-8"))
    data["marks"][1]["start"] += 1
    draft.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(AuthoringError, match="no longer matches"):
        load_draft(draft)
    assert list(tmp_path.glob("review.json.damaged-*"))


@pytest.mark.parametrize("text", ["", "   \n\n  ", "... !!! ---"])
def test_an_article_with_no_sentences_is_refused(text):
    """Is a text with no sentences refused with a clear message?"""
    with pytest.raises(AuthoringError, match="no sentences"):
        propose(text)


def test_a_pasted_link_is_not_fetched():
    """Is a link pasted as the article's text refused, not fetched behind the teacher's back?"""
    with pytest.raises(AuthoringError, match="link"):
        article_from_text("https://example.org/news/story")


def test_pasted_text_keeps_its_source():
    """Does pasted text give a session whose source says it was pasted?"""
    session = propose("Officials said 40 people were arrested. Critics called it a brutal sweep.")
    assert session.source["name"] == "the pasted text" and session.marks


def test_reopening_the_same_article_resumes_the_saved_review(tmp_path):
    """Does resume_or_propose give back the saved decisions for the same article (a closed tab loses nothing)?"""
    draft = tmp_path / "review.json"
    first = resume_or_propose(article_from_file(ARTICLE), draft)
    first.reject(_first(first, "loaded"))
    again = resume_or_propose(article_from_file(ARTICLE), draft)
    assert again.marks == first.marks and again.progress() == (1, len(first.marks))


def test_another_article_keeps_the_old_review_aside(tmp_path):
    """Does starting a review of another article keep the old draft aside instead of overwriting it?"""
    draft = tmp_path / "review.json"
    old = resume_or_propose(article_from_file(ARTICLE), draft)
    old.accept(0)
    new = resume_or_propose(
        "Officials said 40 people were arrested. Critics called it a brutal sweep.", draft
    )
    assert new.progress()[0] == 0
    kept = list(tmp_path.glob("review.json.replaced-*"))
    assert len(kept) == 1 and load_draft(kept[0]).marks == old.marks
