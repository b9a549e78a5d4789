"""Does the answer sheet list every quiz with its lesson, question, the key's answers in words, and reasons?"""

from __future__ import annotations

import html
import re
from datetime import date

import pytest

from medialit import cli
from medialit.answer_sheet import answers_for, readable, render_answer_sheet, sheet_entries
from medialit.quiz import get_quiz, load_quizzes

QUIZZES = load_quizzes()


@pytest.fixture(scope="module")
def sheet():
    return render_answer_sheet(sheet_entries(), today=date(2026, 11, 29))


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def test_every_quiz_appears_once_under_its_lesson(sheet):
    """Is each quiz on the sheet once, in a section after its lesson's heading, with its question?"""
    for quiz in QUIZZES:
        assert sheet.count(f'id="{quiz.id}"') == 1
        lesson_at = sheet.index(f'<h2 id="lesson-{quiz.lesson}"')
        assert sheet.index(f'id="{quiz.id}"') > lesson_at
        assert html.escape(quiz.prompt) in sheet
        assert html.escape(quiz.explanation) in sheet


def test_answers_are_the_keys_in_words(sheet):
    """Does every quiz's answer text appear, as words (no hyphenated key values)?"""
    for quiz in QUIZZES:
        answers, _ = answers_for(quiz)
        assert answers, quiz.id
        for answer in answers:
            assert html.escape(answer.answer) in sheet
            assert "-" not in answer.answer or quiz.kind in ("rewrite", "numeric"), (quiz.id, answer.answer)


def test_choice_answer_and_also_accepted():
    """Is a choice quiz's answer the key's value in words, with the key's other accepted values?"""
    quiz = next(q for q in QUIZZES if q.kind == "choice" and q.spec["ask"] in ("sourcing", "label"))
    (answer,), _ = answers_for(quiz)
    assert answer.answer == readable(quiz.solution())
    assert answer.answer not in answer.also


def test_label_and_sourcing_list_every_item():
    """Do label and sourcing quizzes give one row per sentence or number, with the key's reason?"""
    labels = get_quiz("l03-cities-ending")
    answers, _ = answers_for(labels)
    assert [a.about for a in answers] == [s.text for s in labels.passage.sentences]
    assert all(a.reason for a in answers)
    sourcing = get_quiz("l02-oig-sourcing")
    answers, _ = answers_for(sourcing)
    assert [a.answer for a in answers] == [readable(s.sourcing) for s in sourcing.passage.statistics]


def test_debatable_and_wrong_options_are_noted():
    """Are multi options that cost nothing, and ones to leave unticked, written as notes?"""
    answers, notes = answers_for(get_quiz("l01-which-phrases"))
    assert {a.about for a in answers} == {"“radical progressive”", "“illegal aliens”"}
    assert any("refuse to assist" in n and "no marks lost" in n for n in notes)
    assert any("areas of the country" in n and "leave unticked" in n for n in notes)


def test_page_is_self_contained_printable_and_escaped(sheet):
    """Is the page one file with print CSS, no scripts or external links, and escaped text?"""
    assert sheet.startswith("<!DOCTYPE html>") and "@media print" in sheet and "break-inside:avoid" in sheet
    assert "<script" not in sheet and "http://" not in sheet and "https://" not in sheet
    assert "2026-11-29" in sheet
    entry = sheet_entries([get_quiz("l01-flood-category")])[0]
    hostile = entry.__class__(**{**entry.__dict__, "question": "<img src=x onerror=alert(1)>"})
    assert "<img src=x" not in render_answer_sheet([hostile])


def test_cli_writes_the_file(tmp_path, capsys):
    """Does `answer-sheet --out FILE` write the sheet and say where?"""
    out = tmp_path / "sheet.html"
    assert cli.main(["answer-sheet", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    text = _text(out.read_text(encoding="utf-8"))
    assert f"{len(QUIZZES)} quizzes" in text
