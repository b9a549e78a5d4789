"""Can lesson 01 be used from the keyboard alone, and is each of its choice quizzes a group of its own?"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from . import test_browser
from .test_browser import (  # noqa: F401  (fixtures pytest finds by name)
    CHOICE,
    LESSON,
    RENDER,
    Server,
    _assert_no_widget_errors,
    _wait_for_quizzes,
    chromium,
    lab,
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


def _lesson_address(server: Server, notebook: str, theme: str | None = None) -> str:
    """A lesson's address in student mode, with the server's token and, if given, Voilà's theme."""
    address = server.address(f"/voila/render/{notebook}.ipynb")
    return address if theme is None else address + ("&" if "?" in address else "?") + f"theme={theme}"


def _groups(tab: Any) -> list[dict[str, Any]]:
    """Each choice quiz on the page: its class, its legend, its radios' names and the checked index (-1)."""
    return tab.evaluate(_GROUPS)


def test_arrow_keys_stay_in_one_choice_quiz(voila: Server, page: Any) -> None:  # noqa: F811
    """In lesson 01 in Voilà: does ↓ in one choice quiz change that quiz only, never another one?"""
    page.goto(_lesson_address(voila, LESSON), wait_until="domcontentloaded", timeout=RENDER)
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


# --- colours from the theme -------------------------------------------------------------------------

_COLOUR_HELPERS = r"""
    const rgba = (css) => {
        const m = css.match(/rgba?\(([^)]+)\)/);
        if (!m) return null;
        const v = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number);
        return [v[0], v[1], v[2], v.length > 3 ? v[3] : 1];
    };
    const over = (top, under) => top.slice(0, 3).map((c, i) => c * top[3] + under[i] * (1 - top[3])).concat([1]);
    const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c && c[3] > 0) { layers.push(c); if (c[3] >= 1) break; }
        }
        return layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
    };
"""

_PAIRS = (
    "() => {"
    + _COLOUR_HELPERS
    + r"""
    const pairs = [];
    for (const el of document.querySelectorAll('.medialit-quiz *')) {
        const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
        if (!own || !el.getClientRects().length) continue;
        const bg = background(el);
        pairs.push({kind: 'text', what: el.tagName + ' ' + el.textContent.trim().slice(0, 40),
                    fg: over(rgba(getComputedStyle(el).color), bg), bg});
    }
    for (const el of document.querySelectorAll('.medialit-passage, .medialit-quiz [role=status]')) {
        const style = getComputedStyle(el);
        if (!el.getClientRects().length || parseFloat(style.borderLeftWidth) === 0) continue;
        const bg = background(el);
        pairs.push({kind: 'mark', what: 'bar beside ' + el.textContent.trim().slice(0, 40),
                    fg: over(rgba(style.borderLeftColor), bg), bg});
    }
    return pairs;
}"""
)

_FOCUS_RING = (
    "() => {"
    + _COLOUR_HELPERS
    + r"""
    const el = document.activeElement, style = getComputedStyle(el);
    const bg = background(el.parentElement);
    return {style: style.outlineStyle, width: parseFloat(style.outlineWidth),
            colour: over(rgba(style.outlineColor), bg), bg};
}"""
)


def _assert_focus_ring(tab: Any) -> None:
    """The focused control has a solid outline at least 2px wide and at least 3:1 against the page."""
    ring = tab.evaluate(_FOCUS_RING)
    assert ring["style"] != "none" and ring["width"] >= 2, ring
    assert contrast(ring["colour"], ring["bg"]) >= 3, ring


def _luminance(rgb: list[float]) -> float:
    """WCAG 2.2's relative luminance of an sRGB colour given as 0-255 channels."""
    linear = [
        (c / 255) / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb[:3]
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: list[float], b: list[float]) -> float:
    """WCAG 2.2's contrast ratio of two colours (1 to 21)."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_contrast_formula():
    """Does the contrast ratio give WCAG's figures: 21:1 for black on white, 1:1 for a colour on itself?"""
    assert round(contrast([0, 0, 0], [255, 255, 255]), 2) == 21.0
    assert contrast([17, 17, 17], [17, 17, 17]) == 1.0
    assert round(contrast([17, 17, 17], [33, 33, 33]), 2) == 1.17  # the Voilà dark figure


def _low_contrast(tab: Any) -> tuple[int, list[str]]:
    """How many colour pairs of the kit's elements were measured, and those below 4.5:1 (text) or 3:1 (marks)."""
    pairs = tab.evaluate(_PAIRS)
    low = [
        f"{p['kind']} {contrast(p['fg'], p['bg']):.2f}:1 {p['what']!r} fg={p['fg'][:3]} bg={p['bg'][:3]}"
        for p in pairs
        if contrast(p["fg"], p["bg"]) < (4.5 if p["kind"] == "text" else 3.0)
    ]
    return len(pairs), low


def _assert_theme(tab: Any, dark: bool) -> None:
    """The theme really is dark (or light): the first passage's background is dark (or light)."""
    pairs = [p for p in tab.evaluate(_PAIRS) if p["kind"] == "mark"]
    assert pairs, "a passage was measured"
    assert (_luminance(pairs[0]["bg"]) < 0.2) == dark, f"background {pairs[0]['bg']} for dark={dark}"


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_voila_text_contrast_in_light_and_dark(voila: Server, page: Any, theme: str) -> None:  # noqa: F811
    """In Voilà's light and dark themes, is every text of the kit's quizzes at least 4.5:1 against its
    background, and every bar beside a passage or message at least 3:1?"""
    page.goto(
        _lesson_address(voila, LESSON, theme),
        wait_until="domcontentloaded",
        timeout=RENDER,
    )
    _wait_for_quizzes(page, voila, f"in Voilà ({theme})")
    choice = page.locator(f".quiz-{CHOICE}")
    choice.locator("fieldset.medialit-choice input").nth(0).click()
    choice.locator("button", has_text="Check").click()  # a message with its coloured bar
    choice.locator("[role=status]").first.wait_for(timeout=60_000)
    _assert_theme(page, dark=theme == "dark")
    measured, low = _low_contrast(page)
    print(f"\n[browser] Voilà {theme}: {measured} colour pairs measured, {len(low)} below the thresholds")
    assert measured > 50
    assert not low, "\n".join(low[:20])


_SELECT_PAIRS = (
    "() => {"
    + _COLOUR_HELPERS
    + r"""
    return [...document.querySelectorAll('.medialit-select select')].flatMap(el => {
        const style = getComputedStyle(el), bg = background(el), page = background(el.parentElement);
        const what = (el.labels[0] || {}).textContent || el.id;
        return [
            {kind: 'text', what: 'list ' + what, fg: over(rgba(style.color), bg), bg},
            {kind: 'mark', what: 'border of list ' + what, fg: over(rgba(style.borderTopColor), page), bg: page},
        ];
    });
}"""
)


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_voila_label_lists_contrast_in_light_and_dark(voila: Server, page: Any, theme: str) -> None:  # noqa: F811
    """In lesson 05 (label-the-sentences quizzes) in Voilà's light and dark themes, is every drop-down list's
    text at least 4.5:1 against its background and its border at least 3:1 against the page (WCAG 1.4.11), and
    every other text of the kit's quizzes at least 4.5:1?"""
    page.goto(_lesson_address(voila, LABEL_LESSON, theme), wait_until="domcontentloaded", timeout=RENDER)
    page.locator(f".quiz-{LABEL_QUIZ} .medialit-select select").first.wait_for(
        state="visible", timeout=RENDER
    )
    pairs = page.evaluate(_SELECT_PAIRS)
    low = [
        f"{p['kind']} {contrast(p['fg'], p['bg']):.2f}:1 {p['what']!r} fg={p['fg'][:3]} bg={p['bg'][:3]}"
        for p in pairs
        if contrast(p["fg"], p["bg"]) < (4.5 if p["kind"] == "text" else 3.0)
    ]
    assert (_luminance(pairs[0]["bg"]) < 0.2) == (theme == "dark"), f"the {theme} theme: {pairs[0]}"
    measured, other = _low_contrast(page)
    print(
        f"\n[browser] Voilà {theme}, {LABEL_LESSON}: {len(pairs) // 2} lists, {measured} other pairs measured"
    )
    assert len(pairs) >= 12
    assert not low + other, "\n".join((low + other)[:20])


@pytest.fixture(params=["JupyterLab Light", "JupyterLab Dark"])
def themed_lab(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> tuple[Server, str]:
    """test_browser's JupyterLab server, with the theme set in its settings (a setting, not a click)."""
    plain = test_browser._lab_settings

    def with_theme(folder: Path) -> Path:
        settings = plain(folder)
        path = settings / "@jupyterlab" / "apputils-extension" / "themes.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"theme": request.param}), encoding="utf-8")
        return settings

    monkeypatch.setattr(test_browser, "_lab_settings", with_theme)
    return request.getfixturevalue("lab"), request.param


def test_jupyterlab_text_contrast_in_light_and_dark(themed_lab: tuple[Server, str], page: Any) -> None:  # noqa: F811
    """In JupyterLab Light and Dark, after Run All Cells in lesson 01, is every text of the kit's quizzes
    at least 4.5:1 and every bar beside a passage at least 3:1, and does axe-core find no serious or
    critical violation on the kit's own elements?"""
    server, theme = themed_lab
    page.goto(f"{server.url}/lab/tree/lessons/{LESSON}.ipynb", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=RENDER)
    test_browser._kernel_idle(page)
    assert page.evaluate("document.body.dataset.jpThemeLight") == ("false" if "Dark" in theme else "true")
    test_browser._run_all(page, "Run", "Run All Cells")
    _wait_for_quizzes(page, server, "after Run All Cells")
    test_browser._kernel_idle(page)
    _assert_theme(page, dark="Dark" in theme)
    measured, low = _low_contrast(page)
    print(f"\n[browser] {theme}: {measured} colour pairs measured, {len(low)} below the thresholds")
    if "Dark" in theme:  # for a person to look at: docs/jupyterlab-dark-lesson-01.png
        test_browser._screenshot(page, "jupyterlab-dark-lesson-01.png", server.log.parent)
    assert measured > 50
    assert not low, "\n".join(low[:20])
    _report_axe(page, f"JupyterLab {LESSON} {theme}")


# --- keyboard only --------------------------------------------------------------------------------------

_WHERE = """() => {
    const el = document.activeElement;
    const quiz = el && el.closest('.medialit-quiz');
    return {
        quiz: quiz ? [...quiz.classList].find(c => c.startsWith('quiz-')) : null,
        tag: el ? el.tagName : null,
        role: el ? (el.className || el.type || '') : '',
        text: el ? (el.textContent || el.value || '').trim().slice(0, 40) : '',
    };
}"""


def _tab_until(tab: Any, wanted: Any, limit: int = 40) -> int:
    """Press Tab until ``wanted(where)`` holds for the focused element; return how many Tabs it took."""
    for n in range(1, limit + 1):
        tab.keyboard.press("Tab")
        if wanted(tab.evaluate(_WHERE)):
            return n
    pytest.fail(f"not reached in {limit} Tabs; focus is on {tab.evaluate(_WHERE)}", pytrace=False)


def test_keyboard_only_answers_a_highlight_and_a_choice_quiz(voila: Server, page: Any) -> None:  # noqa: F811
    """With no mouse, in lesson 01 in Voilà: is the highlight passage one Tab stop whose words the arrow
    keys reach and Space selects (aria-pressed), does a choice quiz take arrow keys, do both Check buttons
    work from the keyboard with full marks, and does the skip link move on to the next quiz?"""
    expected = test_browser._expected()
    page.goto(_lesson_address(voila, LESSON), wait_until="domcontentloaded", timeout=RENDER)
    _wait_for_quizzes(page, voila, "in Voilà")
    highlight_class = f"quiz-{test_browser.HIGHLIGHT}"
    words = page.locator(f".{highlight_class} .medialit-word-button")
    assert words.count() == len(expected["words"])
    assert words.evaluate_all("(b) => b.filter(x => x.tabIndex === 0).length") == 1, "one Tab stop"

    tabs = _tab_until(page, lambda w: w["quiz"] == highlight_class and "medialit-word-button" in w["role"])
    _assert_focus_ring(page)
    at = 0
    for i in expected["indices"]:
        for _ in range(i - at):
            page.keyboard.press("ArrowRight")
        at = i
        page.keyboard.press("Space")
        assert words.nth(i).get_attribute("aria-pressed") == "true", i
    assert page.evaluate(_WHERE)["text"].endswith(expected["words"][at])
    tabs += _tab_until(page, lambda w: w["quiz"] == highlight_class and w["text"] == "Check", limit=3)
    _assert_focus_ring(page)
    page.keyboard.press("Enter")
    feedback = test_browser._feedback(page.locator(f".{highlight_class}"))
    try:
        feedback.filter(has_text="Full marks").wait_for(timeout=test_browser.FEEDBACK)
    except Exception:
        pressed = words.evaluate_all(
            "(b) => b.map((x, i) => x.ariaPressed === 'true' ? i : -1).filter(i => i >= 0)"
        )
        pytest.fail(f"feedback {feedback.inner_text()!r}; pressed {pressed}; expected {expected['indices']}")

    choice_class = f"quiz-{CHOICE}"
    tabs += _tab_until(page, lambda w: w["quiz"] == choice_class and w["role"] == "radio")
    options = page.locator(f".{choice_class} fieldset.medialit-choice label")
    labels = [t.strip() for t in options.all_inner_texts()]
    target = labels.index(expected["label"])
    if target == 0:
        page.keyboard.press("Space")
    for _ in range(target):
        page.keyboard.press("ArrowDown")
    assert options.nth(target).locator("input").is_checked()
    tabs += _tab_until(page, lambda w: w["quiz"] == choice_class and w["text"] == "Check", limit=3)
    page.keyboard.press("Enter")
    test_browser._feedback(page.locator(f".{choice_class}")).filter(has_text="Full marks").wait_for(
        timeout=test_browser.FEEDBACK
    )
    print(f"\n[browser] keyboard only: {tabs} Tabs to answer and check both quizzes")

    page.locator(f".{highlight_class} .medialit-skip").focus()
    page.keyboard.press("Enter")
    where = page.evaluate(_WHERE)
    assert where["quiz"] and where["quiz"] != highlight_class, f"the skip link moved on: {where}"


# --- axe-core -------------------------------------------------------------------------------------------

_SERIOUS = ("serious", "critical")
_OURS = """(selector) => {
    const el = document.querySelector(selector);
    return !!(el && el.closest('.medialit-quiz, .medialit-learner, .medialit-progress, [class*="medialit-"]'));
}"""


def _axe_violations(tab: Any) -> tuple[list[str], list[str]]:
    """Serious and critical axe-core violations (axe-core as bundled in axe-playwright-python, offline):
    those on the kit's widgets, and those elsewhere on the page (the notebook's chrome, and cell outputs
    such as the lessons' matplotlib charts, whose <img> has no alt text: image-alt, not yet fixed)."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        test_browser._not_available("axe-playwright-python is missing (pip install -e '.[test]')")
    response = Axe().run(tab, options={"resultTypes": ["violations"]}).response
    ours, theirs = [], []
    for violation in response["violations"]:
        if violation["impact"] not in _SERIOUS:
            continue
        for node in violation["nodes"]:
            target = node["target"][0] if node["target"] else ""
            mine = isinstance(target, str) and tab.evaluate(_OURS, target)
            line = f"{violation['id']} ({violation['impact']}): {target} {node['html'][:100]}"
            (ours if mine else theirs).append(line)
    return ours, theirs


def _lessons() -> list[str]:
    """Every student lesson in lessons/ (teacher notebooks, named "Teacher-…", are not lessons)."""
    found = sorted(p.stem for p in (test_browser.ROOT / "lessons").glob("[0-9][0-9]-*.ipynb"))
    return found or ["00-Start-Here", LESSON]


#: Violations axe-core finds in JupyterLab's own chrome (not the kit's elements), with the upstream issue.
UPSTREAM = {
    "aria-allowed-attr": "jupyterlab/jupyterlab#16891 (aria-pressed on toolbar jp-button elements)",
    "aria-input-field-name": "jupyterlab/jupyterlab#10347 (code cell editors have no accessible name; "
    "CodeMirror leaves the label to the application: codemirror/dev#1127)",
}


def _report_axe(tab: Any, where: str) -> None:
    """Run axe-core; print what it finds outside the kit's elements; fail on any serious or critical
    violation of the kit's own."""
    ours, theirs = _axe_violations(tab)
    print(f"\n[browser] axe-core, {where}: {len(ours)} on the kit, {len(theirs)} elsewhere")
    rules = sorted({line.split(" ", 1)[0] for line in theirs})
    for rule in rules:
        print(
            f"[browser]   outside the kit's elements: {rule}, upstream: {UPSTREAM.get(rule, 'not yet traced')}"
        )
    assert not ours, "\n".join(ours[:20])


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("notebook", _lessons())
def test_axe_in_voila(voila: Server, page: Any, notebook: str, theme: str) -> None:  # noqa: F811
    """In Voilà, light and dark, every lesson: does axe-core find no serious or critical violation on the
    kit's own elements (quizzes, tables, articles, charts)? (Any elsewhere on the page are printed.)"""
    page.goto(
        _lesson_address(voila, notebook, theme),
        wait_until="domcontentloaded",
        timeout=RENDER,
    )
    page.locator(".medialit-quiz").first.wait_for(state="visible", timeout=RENDER)
    page.wait_for_function(
        "() => document.querySelectorAll('.medialit-quiz').length >= 1 && !document.querySelector('.jp-Spinner')",
        timeout=RENDER,
    )
    _report_axe(page, f"Voilà {notebook} {theme}")


def test_axe_in_jupyterlab_lesson_00(themed_lab: tuple[Server, str], page: Any) -> None:  # noqa: F811
    """In JupyterLab Light and Dark, after Run All Cells in lesson 00: does axe-core find no serious or
    critical violation on the kit's own elements? (Lesson 01 is checked in the contrast test above.)"""
    server, theme = themed_lab
    page.goto(f"{server.url}/lab/tree/lessons/00-Start-Here.ipynb", wait_until="domcontentloaded")
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=RENDER)
    test_browser._kernel_idle(page)
    test_browser._run_all(page, "Run", "Run All Cells")
    page.locator(".medialit-quiz").first.wait_for(state="visible", timeout=RENDER)
    test_browser._kernel_idle(page)
    _report_axe(page, f"JupyterLab 00-Start-Here {theme}")


LABEL_LESSON, LABEL_QUIZ = "05-News-or-Opinion", "l03-cities-ending"
_SHOWN = "(s) => (s.selectedOptions[0] || {}).textContent"  # the text a <select> shows as chosen


def test_keyboard_only_answers_a_label_quiz(voila: Server, page: Any) -> None:  # noqa: F811
    """With no mouse, in lesson 05 in Voilà: do Tab and the arrow keys reach and set every sentence's label
    in a label-the-sentences quiz, and does Enter on Check, pressed right after the last ↓, give full marks
    (the last change reaches the kernel before the click)?"""
    from medialit.quiz import get_quiz
    from medialit.schema import SENTENCE_LABELS

    labels = get_quiz(LABEL_QUIZ).solution()
    page.goto(_lesson_address(voila, LABEL_LESSON), wait_until="domcontentloaded", timeout=RENDER)
    quiz_class = f"quiz-{LABEL_QUIZ}"
    selects = page.locator(f".{quiz_class} select")
    selects.first.wait_for(state="visible", timeout=RENDER)
    assert selects.count() == len(labels)
    page.locator(f".{quiz_class} .medialit-skip").focus()  # the quiz's first Tab stop: its skip link
    tabs = 0
    for n, label in enumerate(labels):
        tabs += _tab_until(page, lambda w, n=n: w["quiz"] == quiz_class and w["tag"] == "SELECT", limit=5)
        _assert_focus_ring(page)
        for _ in range(1 + SENTENCE_LABELS.index(label)):  # past "(choose)", then down the list
            page.keyboard.press("ArrowDown")
        assert selects.nth(n).evaluate(_SHOWN) == test_browser._readable(label), n
    tabs += _tab_until(page, lambda w: w["quiz"] == quiz_class and w["text"] == "Check", limit=3)
    page.keyboard.press("Enter")
    feedback = test_browser._feedback(page.locator(f".{quiz_class}"))
    try:
        feedback.filter(has_text="Full marks").wait_for(timeout=test_browser.FEEDBACK)
    except Exception:
        chosen = selects.evaluate_all(f"(s) => s.map({_SHOWN})")
        pytest.fail(f"feedback {feedback.inner_text()!r}; labels chosen {chosen}; expected {labels}")
    print(f"\n[browser] keyboard only: {tabs} Tabs to label {len(labels)} sentences and check")


def test_quick_arrow_keys_then_check_score_the_choice_shown(voila: Server, page: Any) -> None:  # noqa: F811
    """In lesson 01 in Voilà, with the keyboard: after ↓ pressed many times quickly in a choice quiz (once
    round all its options and on to the right one) and Enter on Check straight after, is the answer the
    radios show the one scored (full marks), not one the kernel had not yet heard about?"""
    expected = test_browser._expected()
    page.goto(_lesson_address(voila, LESSON), wait_until="domcontentloaded", timeout=RENDER)
    _wait_for_quizzes(page, voila, "in Voilà")
    choice_class = f"quiz-{CHOICE}"
    options = page.locator(f".{choice_class} fieldset.medialit-choice label")
    labels = [t.strip() for t in options.all_inner_texts()]
    target = labels.index(expected["label"])
    first = options.nth(0).locator("input")
    first.scroll_into_view_if_needed()
    first.focus()
    page.keyboard.press("Space")
    presses = len(labels) + (target or len(labels))  # round once, then on to the answer (never 0 presses)
    for _ in range(presses):
        page.keyboard.press("ArrowDown")
    assert options.nth(target).locator("input").is_checked(), "the radios show the right answer"
    _tab_until(page, lambda w: w["quiz"] == choice_class and w["text"] == "Check", limit=3)
    page.keyboard.press("Enter")
    feedback = test_browser._feedback(page.locator(f".{choice_class}"))
    try:
        feedback.filter(has_text="Full marks").wait_for(timeout=test_browser.FEEDBACK)
    except Exception:
        pytest.fail(f"feedback {feedback.inner_text()!r} after {presses} ↓ ending on {expected['label']!r}")
    print(f"\n[browser] {presses} quick ↓ then Check: the option shown was the one scored")


MULTI = "l01-which-phrases"  # lesson 01's multi-answer quiz ("Tick all that apply")
_TICKED = "(boxes) => boxes.filter(b => b.checked).map(b => b.value)"


def test_quick_spaces_then_check_score_the_boxes_shown(voila: Server, page: Any) -> None:  # noqa: F811
    """In lesson 01 in Voilà, with the keyboard only: in a multi-answer quiz (a fieldset with a legend), after
    Space pressed quickly on several boxes (one of them ticked and unticked again) and Enter on Check
    straight after, are the boxes shown the answer scored (full marks), not ticks the kernel had not yet
    heard about?"""
    from medialit.quiz import get_quiz

    quiz = get_quiz(MULTI)
    solution = quiz.solution()
    wrong = next(o for o in quiz.options if o not in solution)
    page.goto(_lesson_address(voila, LESSON), wait_until="domcontentloaded", timeout=RENDER)
    quiz_class = f"quiz-{MULTI}"
    fieldset = page.locator(f".{quiz_class} fieldset.medialit-checks")
    fieldset.wait_for(state="visible", timeout=RENDER)
    assert fieldset.locator(":scope > legend").inner_text().strip(), "the group has a legend"
    boxes = fieldset.locator("input[type=checkbox]")
    assert boxes.evaluate_all("(b) => b.map(x => x.value)") == list(quiz.options)

    page.locator(f".{quiz_class} .medialit-skip").focus()  # the quiz's first Tab stop: its skip link
    _tab_until(page, lambda w: w["quiz"] == quiz_class and w["role"] == "checkbox")
    _assert_focus_ring(page)
    # Then one quick run of keys, with nothing read from the page between them: Space on each box as needed
    # (twice on one the key leaves unticked), Tab to the next box, from the last one on to Check, and Enter.
    keys = []
    for option in quiz.options:
        keys += ["Space"] * (2 if option == wrong else int(option in solution)) + ["Tab"]
    for key in [*keys, "Enter"]:
        page.keyboard.press(key)
    assert page.evaluate(_WHERE)["text"] == "Check", "Tab from the last box reached Check"
    ticked = boxes.evaluate_all(_TICKED)
    assert ticked == [o for o in quiz.options if o in solution], "the boxes show the key's answer"
    feedback = test_browser._feedback(page.locator(f".{quiz_class}"))
    try:
        feedback.filter(has_text="Full marks").wait_for(timeout=test_browser.FEEDBACK)
    except Exception:
        pytest.fail(f"feedback {feedback.inner_text()!r}; boxes ticked {ticked}; key {solution}")
    spaces = keys.count("Space")
    print(
        f"\n[browser] {spaces} quick Space presses (one box ticked and unticked), then Check: the boxes were scored"
    )
