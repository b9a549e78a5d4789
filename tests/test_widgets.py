"""Do the quiz, name, progress and export widgets work headless, save answers, and stay safe and readable?"""

from __future__ import annotations

import base64
import dataclasses
import html
import json
import re

import ipywidgets
import pytest
import traitlets

from medialit import widgets as mw
from medialit.choicechecks import ChoiceChecks
from medialit.choicegroup import ChoiceGroup
from medialit.choiceselect import ChoiceSelect
from medialit.datafiles import schema_errors
from medialit.progress import ProgressStore
from medialit.quiz import get_quiz, load_quizzes
from medialit.quiz.scoring import about_item
from medialit.schema import SENTENCE_LABELS, SOURCING
from medialit.wordpicker import WordPicker

from .conftest import ROOT

QUIZZES = load_quizzes()
IDS = [q.id for q in QUIZZES]


@pytest.fixture
def store(tmp_path):
    """A fresh progress database in a temporary folder."""
    return ProgressStore(tmp_path / "progress.sqlite3")


@pytest.fixture(params=QUIZZES, ids=IDS)
def quiz(request):
    """Every quiz in the kit."""
    return request.param


def skip_pre_test(quiz):
    """Skip a transfer pre-test: it reveals no score, hint or answer (tests/test_quiz_transfer.py checks it)."""
    if quiz.spec.get("transfer") == "pre":
        pytest.skip("a transfer pre-test shows no marks; see tests/test_quiz_transfer.py")


def wrong_answer(quiz):
    """An answer that the key does not give full marks, built per kind."""
    solution = quiz.solution()
    if quiz.kind == "choice":
        return next(o for o in quiz.options if not quiz.check(o).correct)
    if quiz.kind == "multi":
        return [next(o for o in quiz.options if o not in solution)]
    if quiz.kind == "highlight":
        return [next(i for i in range(len(quiz.passage.words)) if i not in solution)]
    if quiz.kind == "label-sentences":
        return [next(x for x in SENTENCE_LABELS if not s.accepts(x)) for s in quiz.passage.sentences]
    if quiz.kind == "source-the-number":
        return [next(x for x in SOURCING if not s.accepts(x)) for s in quiz.passage.statistics]
    if quiz.kind == "numeric":
        return "0"
    return about_item(quiz).text  # rewrite: the original, still loaded


def walk(widget):
    """The widget and everything inside it."""
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


# --- every quiz -------------------------------------------------------------------------------------


def test_solution_gets_full_marks_and_is_saved(quiz, store):
    """Does clicking Check on the solution show full marks, with the explanation, and save score 1.0?"""
    skip_pre_test(quiz)
    w = mw.quiz_widget(quiz, store)
    w.set_answer(quiz.solution())
    w.check_button.click()
    assert "Full marks" in w.feedback.value
    assert "✓" in w.feedback.value
    assert w.attempts == 1
    entry = store.entry(quiz.id)
    assert entry["score"] == 1.0 and entry["correct"] is True
    assert entry["lesson"] == quiz.lesson
    assert store.answer(quiz.id) == w.answer
    assert quiz.check(store.answer(quiz.id)).correct


def test_empty_answer_is_not_an_attempt(quiz, store):
    """Does checking an empty answer explain what to do, without counting or saving it?"""
    w = mw.quiz_widget(quiz, store)
    w.check_button.click()
    assert html.escape(quiz.check(w.answer).feedback) in w.feedback.value
    assert w.attempts == 0
    assert store.entry(quiz.id) is None
    assert store.snapshot()["answers"] == {}


def test_wrong_answers_bring_hint_then_answer(quiz, store):
    """After one miss is there a hint, after two a Show answer button that fills in and explains the key?"""
    skip_pre_test(quiz)
    w = mw.quiz_widget(quiz, store)
    assert w.show_answer_button.disabled and w.hint.value == ""
    w.set_answer(wrong_answer(quiz))
    w.check_button.click()
    assert w.attempts == 1
    assert store.entry(quiz.id)["score"] < 1
    assert "Full marks" not in w.feedback.value
    assert re.search(r"Not yet|Partly right", w.feedback.value)
    assert "Hint:" in w.hint.value and html.escape(quiz.hint) in w.hint.value
    assert w.show_answer_button.disabled
    w.check_button.click()
    assert w.attempts == 2 and store.entry(quiz.id)["attempts"] == 2
    assert not w.show_answer_button.disabled
    w.show_answer_button.click()
    assert quiz.check(w.answer).correct
    assert html.escape(quiz.explanation) in w.feedback.value


def test_restore_last_answer(quiz, store):
    """Does a new widget on the same progress file show the answer saved last time?"""
    skip_pre_test(quiz)
    first = mw.quiz_widget(quiz, store)
    first.set_answer(wrong_answer(quiz))
    first.check()
    saved = store.answer(quiz.id)
    again = mw.quiz_widget(quiz, ProgressStore(store.path))  # read back from disk
    assert again.answer == saved
    assert "Restored your last answer" in again.feedback.value
    assert f"{store.entry(quiz.id)['score']:.0%}" in again.feedback.value
    assert again.attempts == 0


def test_show_answer_survives_a_reload(store):
    """Is pressing Show answer saved, so a new widget on the same file still offers it and says so?"""
    quiz = get_quiz("l01-flood-category")
    w = mw.quiz_widget(quiz, store)
    w.set_answer(wrong_answer(quiz))
    w.check()
    w.check()
    w.show_answer_button.click()
    assert store.revealed(quiz.id)
    again = mw.quiz_widget(quiz, ProgressStore(store.path))
    assert not again.show_answer_button.disabled
    assert "looked at the answer key" in again.feedback.value
    fresh = mw.quiz_widget(get_quiz("l02-oig-percent"), ProgressStore(store.path))
    assert fresh.show_answer_button.disabled


def test_root_has_quiz_class(quiz):
    """Can a notebook's CSS or a browser test find the quiz by its class?"""
    w = mw.quiz_widget(quiz)
    assert isinstance(w.root, ipywidgets.VBox)
    assert f"quiz-{quiz.id}" in w.root._dom_classes
    assert "medialit-quiz" in w.root._dom_classes


def test_every_input_is_labelled(quiz):
    """Does every input carry a description (ipywidgets) or label (the kit's own controls) a screen reader
    can announce?"""
    w = mw.quiz_widget(quiz)
    kinds = (ipywidgets.ValueWidget, ipywidgets.Button)
    inputs = [x for x in walk(w.root) if isinstance(x, kinds) and not isinstance(x, ipywidgets.HTML)]
    own = [x for x in walk(w.root) if isinstance(x, ChoiceChecks | ChoiceGroup | ChoiceSelect | WordPicker)]
    assert inputs and set(w._inputs) <= set(inputs + own)
    assert all(x.description.strip() for x in inputs)
    assert all(x.label.strip() for x in own)


def test_try_again_clears(quiz, store):
    """Does Try again empty the inputs and the feedback?"""
    w = mw.quiz_widget(quiz, store)
    w.set_answer(quiz.solution())
    w.check()
    w.retry_button.click()
    assert w.feedback.value == ""
    assert quiz.check(w.answer).empty


def test_works_without_a_store(quiz):
    """Can a quiz be checked when no progress store is given?"""
    skip_pre_test(quiz)
    w = mw.quiz_widget(quiz)
    w.set_answer(quiz.solution())
    assert w.check().correct
    assert "Full marks" in w.feedback.value


# --- particular kinds -------------------------------------------------------------------------------


def test_highlight_is_one_group_of_word_buttons():
    """Is a highlight passage one WordPicker with a unit per word, whose selection is the answer?"""
    quiz = get_quiz("l01-headline-highlight")
    w = mw.quiz_widget(quiz)
    pickers = [x for x in walk(w.root) if isinstance(x, WordPicker)]
    assert len(pickers) == 1 and pickers[0].label.startswith("Words of the passage")
    assert [u["word"] for u in pickers[0].units] == [word.text for word in quiz.passage.words]
    pickers[0].selected = [4]
    assert w.answer == [4]
    w.set_answer([2, 999, "x"])
    assert pickers[0].selected == [2] and w.answer == [2]
    w.set_answer(None)
    assert w.answer == []


def test_highlight_partial_credit(store):
    """Does selecting half of the key's words show "Partly right" with the half-circle icon?"""
    quiz = get_quiz("l01-headline-highlight")
    w = mw.quiz_widget(quiz, store)
    solution = quiz.solution()
    w.set_answer(solution[: len(solution) // 2])
    result = w.check()
    assert 0 < result.score < 1
    assert "Partly right" in w.feedback.value and "◐" in w.feedback.value
    assert "#8a5300" in w.feedback.value


def test_dropdowns_start_blank():
    """Do label dropdowns start on "(choose)", offer every sentence label, and say which sentence they are for?"""
    quiz = get_quiz("l03-oig-ending")
    w = mw.quiz_widget(quiz)
    drops = [x for x in walk(w.root) if isinstance(x, ChoiceSelect)]
    assert len(drops) == len(quiz.passage.sentences)
    assert drops[0].options[0] == ("(choose)", mw.BLANK) and drops[0].value == mw.BLANK
    assert [v for _, v in drops[0].options][1:] == list(SENTENCE_LABELS)
    assert [d.label for d in drops[:2]] == ["Sentence 1:", "Sentence 2:"]
    assert w.answer == [None] * len(drops)


def test_a_label_chosen_in_the_browser_is_the_answer():
    """Does a dropdown change sent from the browser (an ordered message) become the quiz's answer?"""
    quiz = get_quiz("l03-oig-ending")
    w = mw.quiz_widget(quiz)
    solution = quiz.solution()
    for seq, (drop, label) in enumerate(zip(w._inputs, solution, strict=True), start=1):
        drop._message(drop, {"event": "choose", "value": label, "seq": seq}, [])
    assert w.answer == solution and w.check().correct


def test_a_multi_quiz_is_one_labelled_group_of_checkboxes():
    """Is every multi-answer quiz one ChoiceChecks with a legend and a box per option (no ipywidgets
    Checkbox), whose ticked options, in the options' order, are the answer?"""
    multis = [q for q in QUIZZES if q.kind == "multi"]
    assert multis
    for quiz in multis:
        w = mw.QuizWidget(quiz)
        assert not [x for x in walk(w.root) if isinstance(x, ipywidgets.Checkbox)]
        [checks] = [x for x in walk(w.root) if isinstance(x, ChoiceChecks)]
        assert w._inputs == [checks] and checks.label.strip()
        assert [v for _, v in checks.options] == list(quiz.options) and w.answer == []
    quiz = get_quiz("l01-which-phrases")
    w = mw.QuizWidget(quiz)
    w.set_answer([quiz.options[3], "not an option", quiz.options[0]])
    assert w.answer == [quiz.options[0], quiz.options[3]]
    w.set_answer("not a list")
    assert w.answer == []


def test_boxes_ticked_in_the_browser_are_the_answer():
    """Do ticks and unticks sent from the browser (ordered messages) become the quiz's answer, scored as the
    key says?"""
    quiz = get_quiz("l01-which-phrases")
    w = mw.quiz_widget(quiz)
    checks, solution = w._inputs[0], quiz.solution()
    wrong = next(o for o in quiz.options if o not in solution)
    steps = [[wrong], [wrong, *solution[:1]], solution[:1], solution]  # one box ticked then unticked
    for seq, value in enumerate(steps, start=1):
        checks._message(checks, {"event": "choose", "value": value, "seq": seq}, [])
    assert w.answer == [o for o in quiz.options if o in solution] and w.check().correct


def test_typed_answers_sync_once_per_edit_not_per_keystroke():
    """Is a typed answer (numeric, rewrite) sent to the kernel when the student leaves the box, not at each
    keystroke, so that a Check pressed straight after typing is not scored before the last keystrokes?"""
    for quiz_id in ("l02-oig-percent", next(q.id for q in QUIZZES if q.kind == "rewrite")):
        box = mw.quiz_widget(get_quiz(quiz_id))._inputs[0]
        assert isinstance(box, ipywidgets.Text | ipywidgets.Textarea) and box.continuous_update is False


def test_numeric_accepts_typed_text(store):
    """Can a number be typed as text, with a per cent sign?"""
    quiz = get_quiz("l02-oig-percent")
    w = mw.quiz_widget(quiz, store)
    w.set_answer("3.46%")
    assert w.check().correct
    w.set_answer("lots")
    assert w.check().empty  # unreadable: explained, not counted
    assert w.attempts == 1


# --- escaping ----------------------------------------------------------------------------------------

EVIL = "<img src=x onerror=alert(1)>"


def test_text_from_quiz_and_article_is_escaped():
    """Would a "<" in a prompt, passage, option or explanation show as text rather than run as HTML?"""
    real = get_quiz("l01-flood-category")
    quiz = dataclasses.replace(
        real,
        prompt=f"<script>alert(1)</script>{real.prompt}",
        explanation=f"a < b {EVIL}",
        passage=dataclasses.replace(real.passage, text=real.passage.text + EVIL),
        spec={**real.spec, "options": [EVIL, "emotive-metaphor"]},
    )
    w = mw.quiz_widget(quiz)
    shown = "".join(x.value for x in walk(w.root) if isinstance(x, ipywidgets.HTML))
    assert "<script>" not in shown and "<img" not in shown
    assert "&lt;script&gt;" in shown and html.escape(EVIL) in shown
    w.set_answer(EVIL)
    w.check()  # the checker's feedback quotes the student's choice
    assert html.escape(EVIL) in w.feedback.value and "<img" not in w.feedback.value
    w.set_answer("emotive-metaphor")
    w.check()
    w.show_answer()
    assert "a &lt; b" in w.feedback.value and "<img" not in w.feedback.value


def test_student_rewrite_is_escaped(store):
    """Does a rewrite containing "<script>" come back escaped, in the inputs and the feedback?"""
    quiz = get_quiz("l01-rewrite-out-of-control")
    w = mw.quiz_widget(quiz, store)
    w.set_answer("<script>alert('x')</script> out of control")
    w.check()
    assert "<script>" not in w.feedback.value
    assert w.answer == store.answer(quiz.id)


# --- learner, progress, export ----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["", "   ", "../etc", "x" * 100, "<b>Sam</b>"])
def test_learner_name_rejected(store, name):
    """Is an empty, path-like, too long or tag-like name refused with a message, and nothing saved?"""
    w = mw.learner_widget(store)
    w.name_input.value = name
    w.save_button.click()
    assert "✗" in w.message.value and "Please" in w.message.value
    assert "<b>" not in w.message.value
    assert store.learner is None


def test_learner_name_saved_and_prefilled(store):
    """Is "Sam" saved, greeted, and filled in next time?"""
    w = mw.learner_widget(store)
    w.name_input.value = "  Sam "
    w.save_button.click()
    assert store.learner == "Sam"
    assert "Hello, Sam" in w.message.value
    again = mw.learner_widget(ProgressStore(store.path))
    assert again.name_input.value == "Sam"


def test_corrupt_progress_file_warned(tmp_path):
    """Is a corrupt progress file moved aside, and does the name widget say so?"""
    path = tmp_path / "progress.json"
    path.write_text("{not json", encoding="utf-8")
    store = ProgressStore(path)
    assert store.warnings
    assert list(tmp_path.glob("progress.json.corrupt-*"))
    w = mw.learner_widget(store)
    assert "could not be read" in w.warnings.value
    assert html.escape(store.warnings[0]) in w.warnings.value


def test_progress_table(store):
    """Does the progress table say, in words, how many quizzes per lesson are answered and right, on Refresh?"""
    w = mw.progress_widget(store)
    lessons = sorted({q.lesson for q in QUIZZES})
    for lesson in lessons:  # a transfer pre-test is counted apart, as saved, never as right or wrong
        total = sum(q.lesson == lesson and q.spec.get("transfer") != "pre" for q in QUIZZES)
        assert f"None of {total} answered yet" in w.table.value
    quiz = QUIZZES[0]
    qw = mw.quiz_widget(quiz, store)
    qw.set_answer(quiz.solution())
    qw.check()
    total = sum(q.lesson == quiz.lesson and q.spec.get("transfer") != "pre" for q in QUIZZES)
    assert f"1 of {total}" not in w.table.value
    w.refresh_button.click()
    assert f"1 of {total} answered, right" in w.table.value
    assert "%" not in w.table.value


def test_export_writes_valid_file(store, tmp_path):
    """Does the export button write a results file that matches export.schema.json, and show its path?"""
    store.set_learner("Sam")
    for quiz in QUIZZES[:3]:
        w = mw.quiz_widget(quiz, store)
        w.set_answer(quiz.solution())
        w.check()
    out = tmp_path / "out"
    out.mkdir()
    w = mw.export_widget(store, folder=out)
    w.export_button.click()
    files = list(out.glob("*.json"))
    assert len(files) == 1
    assert html.escape(str(files[0].resolve())) in w.message.value
    data = json.loads(files[0].read_text(encoding="utf-8"))
    assert schema_errors(data, "export.schema.json") == []
    assert len(data["results"]) == 3


def test_export_offers_a_download_link(store, tmp_path, monkeypatch):
    """Does the export show a download link whose data: URI is the results file itself (works in Voilà), and
    say where the saved and handed-in copies are?"""
    box = tmp_path / "box"
    box.mkdir()
    monkeypatch.setenv("MEDIALIT_HANDIN", str(box))
    store.set_learner("Zoë O'Neil")
    store.save_response("l05-reflection", "08-Your-Own-Article", "<script>alert(1)</script>")
    w = mw.export_widget(store, folder=tmp_path / "out")
    w.export_button.click()
    link = re.search(
        r'<a class="medialit-download" download="([^"]+)" href="data:application/json;charset=utf-8;'
        r'base64,([A-Za-z0-9+/=]+)"',
        w.message.value,
    )
    assert link, w.message.value
    saved = next((tmp_path / "out").glob("*.json"))
    assert html.unescape(link.group(1)) == saved.name
    assert base64.b64decode(link.group(2)) == saved.read_bytes()
    assert html.escape(str(saved.resolve())) in w.message.value
    assert html.escape(str((box / saved.name).resolve())) in w.message.value
    assert "<script>" not in w.message.value


def test_export_link_works_even_if_no_copy_can_be_saved(store, tmp_path):
    """If the lesson's folder cannot be written, is the download link still offered, with the reason?"""
    store.set_learner("Sam")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder", encoding="utf-8")
    w = mw.export_widget(store, folder=blocked)
    w.export_button.click()
    assert "medialit-download" in w.message.value and "could not be saved" in w.message.value


def test_export_without_name_explains(store, tmp_path):
    """Without a name, does the export button say what to do instead of failing?"""
    w = mw.export_widget(store, folder=tmp_path)
    w.export_button.click()
    assert "✗" in w.message.value and "name" in w.message.value
    assert not list(tmp_path.glob("medialit-results-*"))


# --- display ------------------------------------------------------------------------------------------


def test_show_functions_share_one_default_store(tmp_path, monkeypatch):
    """Do show(), show_learner(), show_progress() and show_export() display widgets sharing one store?"""
    monkeypatch.setenv("MEDIALIT_PROGRESS", str(tmp_path / "default.json"))
    monkeypatch.setattr(mw, "_default_store", None)
    shown = []
    monkeypatch.setattr(mw, "display", shown.append)
    mw.show("l01-flood-category")
    mw.show("l02-oig-percent")
    mw.show_learner()
    mw.show_progress()
    mw.show_export()
    assert len(shown) == 5
    assert all(isinstance(x, ipywidgets.Widget) for x in shown)
    assert "quiz-l01-flood-category" in shown[0]._dom_classes
    assert mw._default_store is not None
    assert mw._default_store.path == tmp_path / "default.sqlite3"
    assert shown[2].store is shown[3].store is mw._default_store


def test_only_widgets_module_calls_display():
    """Are the widget modules (widgets.py, display/views.py) the only ones that import IPython's display?"""
    callers = sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "medialit").rglob("*.py")
        if "IPython.display" in p.read_text(encoding="utf-8")
    )
    assert callers == ["medialit/display/views.py", "medialit/widgets.py"]


# --- accessible rendering (issue 16) ----------------------------------------------------------------


def test_each_choice_quiz_is_its_own_labelled_group():
    """Does every choice quiz give its options a legend and a group name of its own?"""
    groups = {}
    for quiz in QUIZZES:
        if quiz.kind == "choice":
            control = mw.QuizWidget(quiz)._inputs[0]
            assert isinstance(control, ChoiceGroup)
            assert control.label.strip()
            groups[quiz.id] = control.group
    assert len(groups) > 1 and len(set(groups.values())) == len(groups)


def test_a_choice_group_takes_only_its_own_options():
    """Can a choice be set to one of its options or cleared, and is anything else refused?"""
    control = ChoiceGroup(options=[("writer opinion", "writer-opinion"), ("headline", "headline")])
    control.value = "writer-opinion"
    control.value = None
    with pytest.raises(traitlets.TraitError):
        control.value = "writer opinion"


@pytest.mark.parametrize(
    ("gap", "parts"),
    [
        (". \n\n", (".", True, "")),
        (".\n\n“", (".", True, "“")),
        (", (", (",", False, "(")),
        (" ( – ", ("( –", False, "")),
        (" “", ("", False, "“")),
        ("” ", ("”", False, "")),
        (" ", ("", False, "")),
    ],
)
def test_punctuation_goes_with_its_word(gap, parts):
    """Does a closing mark stay with the word before, an opening one with the word after?"""
    assert mw.split_gap(gap) == parts


def test_no_line_of_a_highlight_passage_starts_with_closing_punctuation():
    """In every highlight quiz, does each word carry its punctuation, so no paragraph starts with a closing
    ". " or "," from the paragraph before, no mark is alone between words, and no text is lost?"""
    for quiz in QUIZZES:
        if quiz.kind != "highlight":
            continue
        units = mw.word_units(quiz)
        assert len(units) == len(quiz.passage.words)
        for unit in units:
            assert not unit["before"] or unit["before"][0] not in ".,;:!?)]”’", (quiz.id, unit)
        shown = "".join(u["before"] + u["word"] + u["after"] for u in units)
        assert "".join(shown.split()) == "".join(quiz.passage.text.split()), quiz.id


def test_no_emoji_that_shows_as_a_box():
    """Are the hint and answer-key notes free of emoji that need an emoji font (💡, 👁)?"""
    quiz = next(q for q in QUIZZES if q.kind == "choice" and q.hint)
    w = mw.QuizWidget(quiz)
    w.set_answer(wrong_answer(quiz))
    w.check()
    w.check()
    w.show_answer()
    shown = w.hint.value + w.feedback.value
    assert "Hint:" in shown and "answer key" in shown
    assert not [c for c in shown if ord(c) > 0xFFFF], "no characters outside the Basic Multilingual Plane"


def test_the_hint_goes_once_the_answer_is_right():
    """After a wrong try shows the hint, does a right answer clear it (and Try again keep it meanwhile)?"""
    quiz = next(q for q in QUIZZES if q.kind == "choice" and q.hint and not q.id.startswith("t-"))
    w = mw.QuizWidget(quiz)
    w.set_answer(wrong_answer(quiz))
    w.check()
    assert "Hint:" in w.hint.value
    w.retry()
    assert "Hint:" in w.hint.value
    w.set_answer(quiz.solution())
    assert w.check().correct
    assert w.hint.value == ""


def test_a_number_s_sentence_never_shows_doubled_quotation_marks():
    """In every "who says so?" quiz, is each number's sentence shown in quotation marks with the quotes
    inside it made single, so no “…“a high flight risk.”” appears?"""
    sourcing = [q for q in QUIZZES if q.kind == "source-the-number"]
    assert any("“" in s.text for q in sourcing for s in q.passage.sentences), "a sentence holds a quotation"
    for quiz in sourcing:
        for widget in walk(mw.QuizWidget(quiz).root):
            if isinstance(widget, ipywidgets.HTML) and "Number " in widget.value and "<br>" in widget.value:
                shown = re.sub(
                    r"<[^>]+>", "", widget.value.split("<br>", 1)[1]
                )  # the sentence, after the number
                assert shown.startswith("“") and shown.endswith("”"), (quiz.id, shown)
                assert "“" not in shown[1:-1] and "”" not in shown[1:-1], (quiz.id, shown)
