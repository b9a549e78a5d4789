"""Does a written answer box save to the store, come back after a reload, and explain any problem?"""

from __future__ import annotations

import pytest

from medialit.display.responses import lesson_for, save_text, saved_text
from medialit.display.views import response_box


class MemoryStore:
    """The written-answer part of the SQLite ProgressStore's interface (save_response, response)."""

    def __init__(self):
        self.saved = {}

    def save_response(self, response_id, lesson, text, prompt=None):
        self.saved[response_id] = {"id": response_id, "lesson": lesson, "prompt": prompt, "text": text}
        return self.saved[response_id]

    def response(self, response_id):
        return self.saved.get(response_id)


def test_lesson_from_the_id():
    """Is "l01-…" matched to the lesson numbered 01, and an id with no number to nothing?"""
    assert lesson_for("l01-my-reflection") == "01-Loaded-Words"
    assert lesson_for("reflection") is None
    assert lesson_for("l99-x") is None


def test_save_and_reload():
    """Does Save store the text with its lesson and prompt, and does a new box show it again?"""
    store = MemoryStore()
    box = response_box("l01-reflection", "What did you *notice*?", store=store)
    box.text_input.value = "Water words <b>everywhere</b>"
    box.save_button.click()
    assert store.saved["l01-reflection"] == {
        "id": "l01-reflection",
        "lesson": "01-Loaded-Words",
        "prompt": "What did you *notice*?",
        "text": "Water words <b>everywhere</b>",
    }
    assert "✓ Saved" in box.message.value
    again = response_box("l01-reflection", "What did you *notice*?", store=store)
    assert again.text_input.value == "Water words <b>everywhere</b>"
    assert "<em>notice</em>" in again.question.value


def test_empty_text_is_not_saved():
    """Is an empty answer refused with a sentence, and nothing saved?"""
    store = MemoryStore()
    ok, sentence = save_text(store, "l01-r", "01-Loaded-Words", "   ", None)
    assert not ok and "nothing to save" in sentence and store.saved == {}


def test_a_store_that_cannot_save_keeps_the_text():
    """With a store that has no save_response (the old JSON store), is the student told, text kept?"""

    class AnswersOnly:
        def entry(self, quiz_id):
            return None

    store = AnswersOnly()
    box = response_box("l01-reflection", "Why?", store=store)
    box.text_input.value = "because"
    assert not box.save()
    assert box.text_input.value == "because" and "cannot save written answers" in box.message.value
    assert saved_text(store, "l01-reflection") == ""


def test_the_kits_store_saves_and_restores(tmp_path):
    """With the kit's own ProgressStore, does a saved answer come back in a new box?"""
    from medialit.progress import ProgressStore

    store = ProgressStore(tmp_path / "progress.sqlite")
    if not hasattr(store, "save_response"):
        pytest.skip("this ProgressStore cannot save written answers")
    box = response_box("l01-reflection", "Why?", store=store)
    box.text_input.value = "because"
    assert box.save()
    assert response_box("l01-reflection", "Why?", store=store).text_input.value == "because"


def test_a_failing_save_is_explained():
    """Does an error while saving become a message, with the text kept?"""

    class Failing(MemoryStore):
        def save_response(self, *args):
            raise OSError("disk full")

    box = response_box("l01-reflection", "Why?", store=Failing())
    box.text_input.value = "because"
    assert not box.save()
    assert "disk full" in box.message.value and box.text_input.value == "because"


def test_no_lesson_is_an_error():
    """Is an id without a lesson number refused unless the lesson is given?"""
    with pytest.raises(ValueError, match="which lesson"):
        response_box("reflection", "Why?", store=MemoryStore())
    assert response_box("reflection", "Why?", lesson="01-Loaded-Words", store=MemoryStore()).lesson
