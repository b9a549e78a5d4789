"""Does the teacher's review widget drive the review model headless: decide, add, resume, save, make a lesson?"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

import pytest

from medialit import review_widget as rw
from medialit.errors import LinkError
from medialit.ingest import Article

ARTICLE = Path(__file__).parent / "fixtures" / "authoring" / "county-jail-agreement.txt"
EVIL = "<script>alert(1)</script>"
MISSED = "reckless gamble"  # in the team-written article; the detectors do not mark it


@pytest.fixture
def teacher_lessons(tmp_path, monkeypatch) -> Path:
    """An empty place for the keys and lessons this test saves."""
    folder = tmp_path / "teacher-lessons"
    monkeypatch.setenv("MEDIALIT_TEACHER_LESSONS", str(folder))
    return folder


@pytest.fixture
def widget(tmp_path, teacher_lessons) -> rw.ReviewWidget:
    """A widget with the team-written article loaded and its marks found."""
    tool = rw.review_widget(tmp_path / "work", annotator="Ms T.")
    tool.text_input.value = ARTICLE.read_text(encoding="utf-8")
    assert tool.start(), tool.load_message.value
    return tool


def _index(tool: rw.ReviewWidget, kind: str, text: str | None = None) -> int:
    return next(
        i for i, m in enumerate(tool.session.marks) if m.kind == kind and (text is None or m.text == text)
    )


def _choose(tool: rw.ReviewWidget, phrase: str) -> list[int]:
    """Select the words of ``phrase`` in the picker, as a teacher's clicks would."""
    words = tool.session.words()
    target = phrase.split()
    for i in range(len(words)):
        if [w.text for w in words[i : i + len(target)]] == target:
            tool.picker.selected = list(range(i, i + len(target)))
            return tool.picker.selected
    raise AssertionError(f"{phrase!r} is not in the article")


def test_nothing_is_shown_to_review_before_an_article_is_loaded(tmp_path):
    """Does a fresh widget (no saved draft) show only the loading step, and refuse Accept with a message?"""
    tool = rw.review_widget(tmp_path)
    assert tool.session is None and tool.review_box.layout.display == "none"
    assert not tool.accept()
    assert "Load an article" in tool.message.value


def test_marks_are_shown_one_by_one_with_progress(widget):
    """After Find the marks: is the first pending mark shown with its reason, and progress counted in words?"""
    total = len(widget.session.marks)
    assert widget.review_box.layout.display == "flex"
    assert f"0 of {total} marks reviewed" in widget.progress.value
    assert f"Mark 1 of {total}" in widget.card.value and "Why:" in widget.card.value
    assert widget.reason_input.value == widget.session.marks[0].reason


def test_accept_and_reject_move_on_and_count(widget):
    """Do Accept and Reject record the decision, move to the next pending mark and update the progress?"""
    total = len(widget.session.marks)
    assert widget.accept() and widget.session.marks[0].decision == "accepted"
    assert widget.index == 1
    widget._go(_index(widget, "statistic"))
    statistic = widget.index
    assert widget.reject() and widget.session.marks[statistic].decision == "rejected"
    assert f"2 of {total} marks reviewed" in widget.progress.value


def test_a_sentence_cannot_be_rejected(widget):
    """Is Reject disabled on a sentence, and does pressing it anyway say why, changing nothing?"""
    widget._go(_index(widget, "sentence"))
    assert widget.reject_button.disabled
    assert not widget.reject()
    assert "Change the label instead" in widget.message.value
    assert widget.session.marks[widget.index].decision == "pending"


def test_editing_a_mark_saves_only_what_changed(widget):
    """Does Save my changes change the category, acceptable and neutral wording, marking the mark "changed"?"""
    widget._go(_index(widget, "loaded", "flooding"))
    assert widget.alternative_input.value, "the machine's neutral wording is prefilled"
    here = widget.index
    widget.value_input.value = "exaggeration"
    widget.acceptable_box.value = True
    widget.alternative_input.value = "coming back"
    assert widget.save_changes()
    mark = widget.session.marks[here]
    assert (mark.decision, mark.category, mark.acceptable, mark.alternative) == (
        "changed",
        "exaggeration",
        True,
        "coming back",
    )


def test_saving_without_changes_accepts(widget):
    """Is Save my changes with nothing changed the same as Accept?"""
    widget._go(_index(widget, "loaded", "cruel"))
    here = widget.index
    assert widget.save_changes()
    assert widget.session.marks[here].decision == "accepted"


def test_a_too_short_reason_is_refused_and_nothing_changes(widget):
    """Is a reason too short to teach from refused with a message, leaving the mark pending?"""
    widget._go(_index(widget, "loaded", "cruel"))
    here = widget.index
    widget.reason_input.value = "bad"
    assert not widget.save_changes()
    assert "reason" in widget.message.value and widget.session.marks[here].decision == "pending"


def test_a_missed_phrase_is_added_by_choosing_words(widget):
    """Do chosen words become a teacher's mark with the chosen category and a suggested reason?"""
    before = len(widget.session.marks)
    _choose(widget, MISSED)
    widget.add_kind.value = "loaded"
    widget.add_value.value = "emotive-words"
    assert widget.add_selected(), widget.add_message.value
    added = widget.session.marks[widget.index]
    assert (added.text, added.origin, added.decision, added.category) == (
        MISSED,
        "teacher",
        "added",
        "emotive-words",
    )
    assert added.reason and len(widget.session.marks) == before + 1
    assert widget.picker.selected == []


def test_words_that_are_not_neighbours_are_refused(widget):
    """Are two words far apart refused (one phrase per mark), adding nothing?"""
    before = len(widget.session.marks)
    widget.picker.selected = [0, 5]
    assert not widget.add_selected()
    assert "next to each other" in widget.add_message.value and len(widget.session.marks) == before


def test_a_closed_tab_loses_nothing(widget, tmp_path):
    """After decisions, does a new widget on the same folder resume the review where it was left?"""
    widget.accept()
    _choose(widget, MISSED)
    assert widget.add_selected(), widget.add_message.value
    progress = widget.session.progress_text()
    again = rw.review_widget(tmp_path / "work")
    assert again.session is not None and again.session.progress_text() == progress
    assert any(m.text == MISSED for m in again.session.marks)
    assert "just as you left it" in again.load_message.value


def test_loading_the_same_article_again_resumes_its_review(widget, tmp_path):
    """Does pressing Find the marks on an article already under review bring the decisions back?"""
    widget.accept()
    again = rw.ReviewWidget(tmp_path / "elsewhere")
    again.folder = widget.folder
    again.text_input.value = widget.session.text
    assert again.start()
    assert again.session.marks[0].decision == "accepted"
    assert "reviewed this article before" in again.load_message.value


def test_a_damaged_draft_is_kept_and_explained(tmp_path):
    """Is a damaged draft kept aside (not deleted) with a message, the widget still usable?"""
    drafts = tmp_path / rw.DRAFTS
    drafts.mkdir()
    (drafts / "review-0000.json").write_text("{not json", encoding="utf-8")
    tool = rw.review_widget(tmp_path)
    assert tool.session is None and "could not be read" in tool.load_message.value
    assert [p.name for p in drafts.iterdir() if "damaged" in p.name]


def test_an_article_with_no_sentences_is_refused(tmp_path):
    """Is an article with no words refused with a clear message?"""
    tool = rw.review_widget(tmp_path)
    tool.text_input.value = "  ...  "
    assert not tool.start()
    assert "no sentences" in tool.load_message.value


def test_a_link_is_fetched_only_when_asked(tmp_path, monkeypatch):
    """Is a link in the text box refused (not fetched) by Find the marks, and fetched by Fetch?"""
    fetched = []

    def fake_link(url, **_):
        fetched.append(url)
        return Article(ARTICLE.read_text(encoding="utf-8"), url, kind="html")

    monkeypatch.setattr(rw, "read_link", fake_link)
    tool = rw.review_widget(tmp_path)
    tool.text_input.value = "https://example.org/news"
    assert not tool.start() and not fetched
    assert tool.fetch("https://example.org/news") and fetched == ["https://example.org/news"]
    assert tool.text_input.value.startswith("County Votes")


def test_an_offline_fetch_says_why(tmp_path, monkeypatch):
    """Does a link that cannot be fetched give its reason in the message?"""

    def offline(url, **_):
        raise LinkError("The kit could not reach example.org: you may be offline.")

    monkeypatch.setattr(rw, "read_link", offline)
    tool = rw.review_widget(tmp_path)
    assert not tool.fetch("https://example.org/news")
    assert "offline" in tool.load_message.value


def test_a_file_is_loaded_into_the_box(tmp_path):
    """Does an uploaded text file's article go into the text box, ready for Find the marks?"""
    tool = rw.review_widget(tmp_path)
    assert tool.load_bytes(ARTICLE.read_bytes(), "county.txt")
    assert tool.text_input.value.startswith("County Votes") and "county.txt" in tool.load_message.value


def test_the_upload_button_loads_a_file(tmp_path):
    """Does choosing a file with the upload button put its article in the box, and let the same file be chosen again?"""
    tool = rw.review_widget(tmp_path)
    data = ARTICLE.read_bytes()
    tool.file_input.value = (
        {
            "name": "county.txt",
            "type": "text/plain",
            "size": len(data),
            "content": memoryview(data),
            "last_modified": datetime(2026, 1, 1, tzinfo=timezone.utc),
        },
    )
    assert tool.text_input.value.startswith("County Votes") and tool.file_input.value == ()


def test_a_too_big_file_is_refused(tmp_path):
    """Is a file over the size limit refused with a message, leaving the box as it was?"""
    tool = rw.review_widget(tmp_path)
    assert not tool.load_bytes(b"x" * (rw.MAX_UPLOAD_BYTES + 1), "huge.txt")
    assert "too big" in tool.load_message.value and tool.text_input.value == ""


def test_rendered_text_is_escaped(tmp_path, teacher_lessons):
    """Does markup in an article show as text in the card and the messages, never as HTML?"""
    tool = rw.review_widget(tmp_path)
    tool.text_input.value = f"Officials said {EVIL} was a cruel and dangerous flood of lies.\n"
    assert tool.start()
    shown = tool.card.value + tool.load_message.value + tool.message.value
    assert EVIL not in shown and "&lt;script&gt;" in tool.card.value


def test_save_key_refuses_unreviewed_marks_unless_asked(widget, teacher_lessons):
    """Is a key with pending machine marks refused with the reason, and saved as a draft when the box is ticked?"""
    widget.lesson_id_input.value = "county-jail-vote"
    assert widget.save_key() is None
    assert "not reviewed yet" in widget.save_message.value and widget.make_button.disabled
    widget.unreviewed_box.value = True
    folder = widget.save_key()
    assert folder == teacher_lessons / "county-jail-vote"
    assert json.loads((folder / "article.json").read_text(encoding="utf-8"))["status"] == "draft"


def test_review_save_and_make_a_lesson(widget, teacher_lessons):
    """Reviewing every mark, then Save key and Make lesson: is the key "reviewed" and the notebook written?"""
    while widget.session.next_pending() is not None:
        widget._go(widget.session.next_pending())
        assert widget.accept(), widget.message.value
    assert "All reviewed" in widget.progress.value
    assert widget.lesson_id_input.value == "county-votes-to-end-jail", (
        "suggested from the headline (at most 30 characters)"
    )
    folder = widget.save_key()
    assert folder is not None, widget.save_message.value
    assert json.loads((folder / "article.json").read_text(encoding="utf-8"))["annotator"] == "Ms T."
    notebook = widget.make_lesson()
    assert notebook is not None and notebook.exists(), widget.save_message.value
    assert "present" in widget.save_message.value and notebook.stem in widget.save_message.value


def test_make_lesson_before_saving_says_what_to_do(widget):
    """Does Make lesson before Save key say to save first?"""
    assert widget.make_lesson() is None
    assert "Save the key first" in widget.save_message.value
