"""Is the pre/post transfer task a fair measurement: paired, unseen elsewhere, silent before, compared after?"""

from __future__ import annotations

import dataclasses
import re

import pytest

import medialit
from medialit import widgets as mw
from medialit.datafiles import schema_errors
from medialit.progress import ProgressStore
from medialit.quiz import QuizDataError, get_quiz, load_quizzes
from medialit.quiz.transfer import PRE_SAVED, comparison, partner_id, tally, validate_transfer

from .conftest import ROOT

HELD_OUT = {a.id for a in medialit.articles(include_held_out=True) if a.held_out}
PRE = [q for q in load_quizzes() if q.spec.get("transfer") == "pre"]
POST = [q for q in load_quizzes() if q.spec.get("transfer") == "post"]
# Files that may name the held-out article: its data, its key and passes, and the transfer quizzes' files.
ALLOWED = {
    "datasets/articles.json",
    "datasets/README.md",
    "datasets/quizzes/00-Start-Here.yaml",
    "datasets/quizzes/08-Your-Own-Article.yaml",
    "datasets/annotations/passes/consistency_exceptions.json",
    "datasets/annotations/passes/decisions.json",
    "datasets/annotations/passes/corrections.json",
}


WRONG = {"highlight": [0], "source-the-number": ["self-citation"], "label-sentences": ["headline"]}


@pytest.fixture
def store(tmp_path):
    """A fresh progress database in a temporary folder."""
    return ProgressStore(tmp_path / "progress.sqlite3")


def test_three_tasks_given_twice_at_the_start_and_the_end():
    """Are loaded words, numbers and sentence labels each asked in lesson 00 (pre) and lesson 08 (post)?"""
    assert {q.kind for q in PRE} == {"highlight", "source-the-number", "label-sentences"}
    assert {q.lesson for q in PRE} == {"00-Start-Here"} and {q.lesson for q in POST} == {
        "08-Your-Own-Article"
    }
    assert sorted(partner_id(q) for q in PRE) == sorted(q.id for q in POST)
    for post in POST:
        pre = get_quiz(partner_id(post))
        assert (pre.kind, pre.passage.text, pre.prompt) == (post.kind, post.passage.text, post.prompt)


def test_passage_is_200_to_250_words_from_the_held_out_article():
    """Is the passage 200-250 words of the unseen article, clear of the scraped headline lists?"""
    assert HELD_OUT == {"raids-on-edge"}
    for quiz in PRE + POST:
        assert quiz.passage.article_id == "raids-on-edge"
        assert 200 <= len(quiz.passage.text.split()) <= 250
        assert "MORE" not in quiz.passage.text and "ADVERTISEMENT" not in quiz.passage.text


def test_the_held_out_article_is_used_nowhere_else():
    """Does no file outside the article's own data and the transfer quizzes name it or quote its passage?"""
    article = "raids-on-edge"
    passage = PRE[0].passage.text
    phrases = [*(m.group() for m in re.finditer(r"[A-Z][^.“”]{40,80}", passage)), "Sandweg"][-5:]
    offenders = []
    for path in ROOT.rglob("*"):
        rel = path.relative_to(ROOT).as_posix()
        if (
            not path.is_file()
            or rel.startswith((".venv/", ".git/", "tests/", "datasets/annotations/", "datasets/articles/"))
            or rel.startswith(("build/", "dist/"))  # packaging output: copies of datasets/
            or ".egg-info/" in rel
            or rel in ALLOWED
            or path.suffix not in {".py", ".ipynb", ".md", ".yaml", ".json", ".txt", ".html", ".csv"}
        ):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if article in text or any(p in text for p in phrases):
            offenders.append(rel)
    assert not offenders, f"{article} must stay unseen until the post-test; named in: {offenders}"
    for quiz in load_quizzes():
        if quiz.passage.article_id == article:
            assert quiz.id.startswith(("t-pre-", "t-post-")), quiz.id
    assert article not in medialit.corpus.ids()


def test_validation_refuses_a_broken_pairing():
    """Does loading refuse an unpaired transfer quiz, a wrong id, and another quiz on the held-out article?"""
    quizzes = load_quizzes()
    validate_transfer(quizzes, HELD_OUT)
    post = next(q for q in quizzes if q.id == "t-post-loaded")
    with pytest.raises(QuizDataError, match="missing"):
        validate_transfer([q for q in quizzes if q.id != "t-pre-loaded"], HELD_OUT)
    with pytest.raises(QuizDataError, match="t-post-"):
        validate_transfer([*quizzes, dataclasses.replace(post, id="x-post-loaded")], HELD_OUT)
    sneaky = dataclasses.replace(
        post, id="l01-sneaky", spec={k: v for k, v in post.spec.items() if k != "transfer"}
    )
    with pytest.raises(QuizDataError, match="held out"):
        validate_transfer([*quizzes, sneaky], HELD_OUT)
    other_passage = dataclasses.replace(
        post, spec={**post.spec, "passage": {"article": "raids-on-edge", "sentences": [8, 9]}}
    )
    with pytest.raises(QuizDataError, match="same question"):
        validate_transfer([q if q.id != post.id else other_passage for q in quizzes], HELD_OUT)


def test_schema_knows_only_pre_and_post():
    """Does the quiz schema refuse a transfer value other than pre and post?"""
    spec = {**PRE[0].spec, "transfer": "middle"}
    assert schema_errors({"lesson": "00-Start-Here", "quizzes": [spec]}, "quiz.schema.json")
    assert not schema_errors({"lesson": "00-Start-Here", "quizzes": [PRE[0].spec]}, "quiz.schema.json")


@pytest.mark.parametrize("quiz", PRE, ids=[q.id for q in PRE])
def test_pre_test_saves_the_score_and_reveals_nothing(quiz, store):
    """Does a pre-test save the score but show no score, answer, hint, explanation or show-answer button?"""
    w = mw.quiz_widget(quiz, store)
    key_reasons = [
        s.reason for s in (*quiz.passage.loaded, *quiz.passage.statistics, *quiz.passage.sentences)
    ]
    for attempt in range(3):  # wrong answers never bring a hint or the answer
        w.set_answer(quiz.solution() if attempt == 2 else WRONG[quiz.kind])
        w.check()
        shown = w.feedback.value + w.hint.value
        assert "Saved. You will see this passage again at the end of the course." in shown
        assert "%" not in shown and "Full marks" not in shown and "Hint" not in shown
        assert quiz.explanation not in shown and not any(r and r in shown for r in key_reasons)
    assert [b.description for b in w.root.children[-3].children] == ["Save"]
    assert store.entry(quiz.id)["score"] == 1.0 and not store.revealed(quiz.id)
    again = mw.quiz_widget(quiz, ProgressStore(store.path))
    assert "%" not in again.feedback.value and again.answer == w.answer
    assert PRE_SAVED.startswith("Saved.")


def test_post_test_gives_feedback_then_both_attempts_in_words(store):
    """Does the post-test mark the answer, explain it, and say 'At the start: x of n ... Now: y of n'?"""
    pre, post = get_quiz("t-pre-loaded"), get_quiz("t-post-loaded")
    round_up = next(i for i, w in enumerate(pre.passage.words) if w.text == "round")
    first = mw.quiz_widget(pre, store)
    first.set_answer([round_up, round_up + 1])
    first.check()
    later = mw.quiz_widget(post, store)
    later.set_answer(post.solution())
    later.check()
    clear = len([s for s in post.passage.loaded if not s.acceptable])
    debatable = len(post.passage.loaded) - clear
    assert "Full marks" in later.feedback.value and "Why:" in later.feedback.value
    assert (
        f"At the start: 0 of {clear} clear-cut loaded words or phrases, and 1 of {debatable} debatable ones. "
        f"Now: {clear} of {clear}, and 0 of {debatable}."
    ) in later.feedback.value


def test_post_test_without_a_pre_test_says_so():
    """Without a saved pre-test, does the post-test say there is nothing to compare with?"""
    post = get_quiz("t-post-numbers")
    w = mw.quiz_widget(post)
    w.set_answer(post.solution())
    w.check()
    n = len(post.passage.statistics)
    assert f"Now: {n} of {n} numbers sourced right. There is no saved answer" in w.feedback.value


def test_tally_and_comparison_count_items_not_scores():
    """Do the counts say how many items were right, whatever extra selections did to the score?"""
    quiz = get_quiz("t-post-sentences")
    n = len(quiz.passage.sentences)
    half = [s.label if i % 2 else None for i, s in enumerate(quiz.passage.sentences)]
    assert tally(quiz, half) == (n // 2, n)
    assert comparison(quiz, half, quiz.solution()) == (
        f"At the start: {n // 2} of {n} sentences labelled right. Now: {n} of {n}."
    )
    loaded = get_quiz("t-post-loaded")
    every_word = list(range(len(loaded.passage.words)))
    assert (
        tally(loaded, every_word) == (len(loaded.passage.loaded),) * 2
    )  # all found, though the score is low
    assert loaded.check(every_word).score < 0.5
    assert tally(loaded, ["x"]) == (0, len(loaded.passage.loaded))


def test_progress_table_counts_the_pre_test_as_saved_not_marked(store):
    """Does the progress table say the pre-test was saved, without saying whether it was right?"""
    for quiz in PRE:
        w = mw.quiz_widget(quiz, store)
        w.set_answer(quiz.solution())
        w.check()
    table = mw.progress_widget(store).table.value
    assert (
        f'The short test at the start</th><td style="padding:2px 8px">{len(PRE)} of {len(PRE)} saved' in table
    )
    assert "00-Start-Here" in table and "None of" in table.split("00-Start-Here", 1)[1].split("</tr>", 1)[0]
