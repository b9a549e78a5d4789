"""Can lesson 01 be used from the keyboard alone, and is each of its choice quizzes a group of its own?"""

from __future__ import annotations

from typing import Any

import pytest

from .test_browser import (  # noqa: F401  (fixtures pytest finds by name)
    CHOICE,
    LESSON,
    RENDER,
    Server,
    _assert_no_widget_errors,
    _wait_for_quizzes,
    chromium,
    lesson,
    page,
    voila,
)

pytestmark = pytest.mark.browser

_GROUPS = """() => [...document.querySelectorAll('.medialit-quiz')]
    .filter(quiz => quiz.querySelector('fieldset.medialit-choice'))
    .map(quiz => {
        const fieldset = quiz.querySelector('fieldset.medialit-choice');
        const radios = [...fieldset.querySelectorAll('input[type=radio]')];
        return {
            quiz: [...quiz.classList].find(c => c.startsWith('quiz-')),
            legend: (fieldset.querySelector(':scope > legend') || {}).textContent || '',
            names: [...new Set(radios.map(r => r.name))],
            checked: radios.findIndex(r => r.checked),
        };
    })"""


def _groups(tab: Any) -> list[dict[str, Any]]:
    """Each choice quiz on the page: its class, its legend, its radios' names and the checked index (-1)."""
    return tab.evaluate(_GROUPS)


def test_arrow_keys_stay_in_one_choice_quiz(voila: Server, page: Any) -> None:  # noqa: F811
    """In lesson 01 in Voilà: does ↓ in one choice quiz change that quiz only, never another one?"""
    page.goto(f"{voila.url}/voila/render/{LESSON}.ipynb", wait_until="domcontentloaded", timeout=RENDER)
    _wait_for_quizzes(page, voila, "in Voilà")
    _assert_no_widget_errors(page)
    before = _groups(page)
    assert len(before) >= 2, f"lesson 01 has several choice quizzes: {before}"
    for group in before:
        assert group["legend"].strip(), f"{group['quiz']} has a legend naming its group"
        assert len(group["names"]) == 1 and group["names"][0], f"{group['quiz']}'s radios share one name"
    names = [g["names"][0] for g in before]
    assert len(set(names)) == len(names), f"every quiz is its own radio group: {names}"

    # Answer the first choice quiz, then move with ↓ inside the next one (the "flood" case).
    first, second = before[0]["quiz"], next(g["quiz"] for g in before[1:])
    page.locator(f".{first} fieldset.medialit-choice input").nth(0).click()
    radio = page.locator(f".{second} fieldset.medialit-choice input").nth(0)
    radio.scroll_into_view_if_needed()
    radio.click()
    radio.press("ArrowDown")
    page.wait_for_function(
        "(q) => document.querySelectorAll(`.${q} fieldset.medialit-choice input`)[1].checked", arg=second
    )
    after = {g["quiz"]: g["checked"] for g in _groups(page)}
    assert after[second] == 1, "↓ moved to the next option of the same quiz"
    assert after[first] == 0, "the other quiz kept its answer"
    untouched = {g["quiz"]: g["checked"] for g in before if g["quiz"] not in (first, second)}
    assert {q: after[q] for q in untouched} == untouched, "no other quiz changed"
    assert f"quiz-{CHOICE}" in after
