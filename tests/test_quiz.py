"""Tests for medialit.quiz: the pure layer that scores answers against the answer key."""

from __future__ import annotations

import textwrap

import pytest

from medialit.errors import DataFileError
from medialit.quiz import KINDS, get_quiz, load_quizzes
from medialit.quiz.loader import read_quiz_file
from medialit.schema import SENTENCE_LABELS

QUIZZES = load_quizzes()


def _wrong_answer(quiz):
    """An answer that the key does not fully accept, built per kind."""
    solution = quiz.solution()
    if quiz.kind == "choice":
        return next(o for o in quiz.options if quiz.check(o).score < 1)
    if quiz.kind == "multi":
        return [o for o in quiz.options if o not in solution][:1] or solution[:1]
    if quiz.kind == "highlight":
        return [next(i for i in range(len(quiz.passage.words)) if i not in solution)]
    if quiz.kind == "label-sentences":
        return ["other"] * len(solution)
    if quiz.kind == "source-the-number":
        return ["named-document" if set(solution) == {"anonymous"} else "anonymous"] * len(solution)
    if quiz.kind == "numeric":
        return solution + 50
    return quiz.passage.sentences[0].text


def test_every_kind_is_used():
    """Do the quiz files use all seven question types?"""
    assert {q.kind for q in QUIZZES} == set(KINDS)


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.id)
def test_solution_scores_full_marks(quiz):
    """Does the key's own answer score 1.0 and say so?"""
    result = quiz.check(quiz.solution())
    assert result.score == 1.0 and result.correct
    assert result.icon == "✓"


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.id)
def test_empty_answer_gets_feedback_not_an_error(quiz):
    """Does an empty answer score 0 with a useful message, marked as not an attempt?"""
    for empty in (None, "", []):
        result = quiz.check(empty)
        assert result.score == 0 and result.empty and len(result.feedback) > 10


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.id)
def test_wrong_answer_scores_below_one_with_feedback(quiz):
    """Does a wrong answer score below 1 and explain itself?"""
    result = quiz.check(_wrong_answer(quiz))
    assert result.score < 1 and not result.correct and not result.empty
    assert result.feedback and result.items


@pytest.mark.parametrize("quiz", QUIZZES, ids=lambda q: q.id)
def test_impossible_answers_never_raise(quiz):
    """Do nonsense answers (wrong types, out-of-range indices) get feedback instead of a traceback?"""
    for nonsense in (
        {"a": 1},
        [10_000],
        "not a number",
        object(),
        [None, None, None, None, None, None, None, None],
    ):
        result = quiz.check(nonsense)
        assert 0 <= result.score <= 1 and result.feedback


def test_highlight_gives_partial_credit():
    """Does finding half the loaded phrases earn partial credit, with found and missed items named?"""
    quiz = get_quiz("l01-headline-highlight")
    solution = quiz.solution()
    result = quiz.check(solution[: len(solution) // 2])
    assert 0 < result.score < 1
    assert {"found", "missed"} <= {item.status for item in result.items}
    assert all(item.reason for item in result.items if item.status in ("found", "missed"))


def test_highlighting_everything_is_not_full_marks():
    """Does selecting every word score low, so guessing everything does not pay?"""
    quiz = get_quiz("l01-headline-highlight")
    assert quiz.check(list(range(len(quiz.passage.words)))).score < 0.5


def test_acceptable_items_are_never_penalised():
    """Does adding a phrase the key marks as debatable keep full marks?"""
    quiz = get_quiz("l01-headline-highlight")
    debatable = [s for s in quiz.passage.loaded if s.acceptable]
    assert debatable
    extra = [i for i, w in enumerate(quiz.passage.words) if debatable[0].start <= w.start < debatable[0].end]
    assert quiz.check(sorted(set(quiz.solution()) | set(extra))).score == 1.0


def test_also_acceptable_labels_earn_credit():
    """Does a sentence label the key also accepts count as right?"""
    quiz = get_quiz("l03-oig-ending")
    answer = [s.also_acceptable[0] if s.also_acceptable else s.label for s in quiz.passage.sentences]
    assert answer != quiz.solution() and quiz.check(answer).score == 1.0


def test_numeric_tolerance():
    """Is 3.46 right for 11,754 of 339,478 (tolerance 0.05), 3.6 too far, and '3.46%' read as a number?"""
    quiz = get_quiz("l02-oig-percent")
    assert quiz.check(3.46).correct and quiz.check("3.46%").correct and quiz.check(3.5).correct
    assert not quiz.check(3.6).correct and "too high" in quiz.check(3.6).feedback


def test_rewrite_reports_what_it_finds_and_never_says_correct():
    """Does the rewrite check list loaded words left in and numbers dropped, without calling anything correct?"""
    quiz = get_quiz("l01-rewrite-out-of-control")
    result = quiz.check("Since then, immigration has grown out of control.")
    statuses = {item.status for item in result.items}
    assert "remains" in statuses and "dropped" in statuses
    assert "correct" not in quiz.check(quiz.solution()).feedback.lower()


def test_answers_come_from_the_key_not_the_quiz_file():
    """Do the quiz files hold no answers: no solution fields, and no key values written in them?"""
    from medialit.datafiles import datasets_dir

    for path in (datasets_dir() / "quizzes").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        for field in ("answer:", "solution:", "correct:"):
            assert field not in text, f"{path.name} holds {field}"


def _write(tmp_path, body: str):
    path = tmp_path / "99-Test.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def test_malformed_yaml_names_file_and_field(tmp_path):
    """Does a quiz missing a field fail with the file and the field named?"""
    path = _write(
        tmp_path,
        """\
        lesson: 99-Test
        quizzes:
          - id: t-one
            kind: choice
            prompt: A question with no hint.
            passage: {article: oig-release-report, sentences: [0, 0]}
            explanation: Some explanation here.
            about: {loaded: Illegals}
            ask: category
        """,
    )
    with pytest.raises(DataFileError) as caught:
        read_quiz_file(path)
    assert "99-Test.yaml" in str(caught.value) and "'hint' is a required property" in str(caught.value)


@pytest.mark.parametrize(
    ("about", "problem"),
    [
        ("{loaded: Nonexistent}", "the key has no loaded 'Nonexistent'"),
        ("{statistic: '11k+'}", "has no 'category'"),
    ],
)
def test_questions_the_key_cannot_answer_fail_at_load(tmp_path, about, problem):
    """Is a question pointing at nothing in the key refused when loading, naming the quiz?"""
    path = _write(
        tmp_path,
        f"""\
        lesson: 99-Test
        quizzes:
          - id: t-two
            kind: choice
            prompt: What kind of loaded language is this?
            passage: {{article: oig-release-report, sentences: [0, 0]}}
            hint: A hint that helps.
            explanation: Some explanation here.
            about: {about}
            ask: category
        """,
    )
    with pytest.raises(DataFileError, match=problem) as caught:
        read_quiz_file(path)
    assert "t-two" in str(caught.value)


def test_unknown_quiz_id():
    """Does asking for a quiz that does not exist list the ones that do?"""
    with pytest.raises(Exception, match="l01-flood-category"):
        get_quiz("no-such-quiz")


def test_one_extra_selection_is_counted_in_the_singular():
    """Does one word outside the key read "1 of your selections is not in the key."?"""
    quiz = get_quiz("l01-headline-highlight")
    key = quiz.passage.key_spans("loaded")
    outside = next(
        i
        for i, w in enumerate(quiz.passage.words)
        if not any(w.start < s.end and s.start < w.end for s in key)
    )
    feedback = quiz.check([*quiz.solution(), outside]).feedback
    assert "1 of your selections is not in the key." in feedback
    assert "selections are" not in feedback


def test_feedback_names_labels_as_the_options_do():
    """Does feedback on sentence labels say "writer opinion", as the options do, never "writer-opinion"?"""
    seen = 0
    for quiz in load_quizzes():
        if quiz.kind != "label-sentences":
            continue
        wrong = [next(x for x in SENTENCE_LABELS if not s.accepts(x)) for s in quiz.passage.sentences]
        for answer in (wrong, quiz.solution()):
            feedback = quiz.check(answer).feedback
            seen += 1
            for label in SENTENCE_LABELS:
                assert label not in feedback or "-" not in label, (quiz.id, label, feedback)
    assert seen


def test_no_doubled_quotation_marks_in_feedback():
    """Is a quoted phrase that ends in a quotation shown without two closing marks in a row (“…””)?"""
    for quiz in load_quizzes():
        if quiz.kind not in ("highlight", "label-sentences", "source-the-number"):
            continue
        feedback = quiz.check(quiz.solution()).feedback
        assert "””" not in feedback and "““" not in feedback, (quiz.id, feedback)


def test_agree_with_counts_a_number_right_only_if_every_report_gives_it():
    """In a multi quiz with agree_with, is a number right only when the other reports' keys give the same figure?"""
    quiz = get_quiz("l06-agree-figures")
    assert quiz.solution() == ["680", "seven"]
    items = {i.text: i for i in quiz.check(list(quiz.options)).items}
    assert items["680"].status == "found" and "“approximately 680 people”" in items["680"].reason
    assert items["six cities"].status == "extra"
    assert items["six cities"].reason == "Not in every report: BuzzFeed News and NPR do not give it."
    assert items["the largest single-state raid in United States history"].status == "neutral"
    assert quiz.check(["680", "seven"]).score == 1.0


@pytest.mark.parametrize(
    ("target", "agree_with", "problem"),
    [
        ("loaded", "[mississippi-raids-npr]", "needs target: statistics"),
        ("statistics", "[no-such-report]", "reports the kit does not have"),
    ],
)
def test_agree_with_is_checked_at_load(tmp_path, target, agree_with, problem):
    """Is agree_with refused on loaded words, or naming a report the kit does not have, naming the quiz?"""
    path = _write(
        tmp_path,
        f"""\
        lesson: 99-Test
        quizzes:
          - id: t-agree
            kind: multi
            prompt: Which of these do all the reports give?
            passage: {{article: mississippi-raids-breitbart, sentences: [1, 1]}}
            target: {target}
            agree_with: {agree_with}
            options: ["680", illegal aliens]
            hint: A hint that helps.
            explanation: Some explanation here.
        """,
    )
    with pytest.raises(DataFileError, match=problem) as caught:
        read_quiz_file(path)
    assert "t-agree" in str(caught.value)
