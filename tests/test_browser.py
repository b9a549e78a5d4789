"""Do lesson 01's quizzes render, check and restore in a real Chromium, in Voilà and in JupyterLab?"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from medialit.progress import ProgressStore
from medialit.quiz import get_quiz
from medialit.widgets import _readable

from .conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
REQUIRED = os.environ.get("MEDIALIT_REQUIRE_BROWSER") == "1"
LESSON = "01-Loaded-Words"
HIGHLIGHT = "l01-headline-highlight"
CHOICE = "l01-flood-category"
SERVER_START = 120.0  # seconds for a server to answer HTTP
RENDER = 180_000  # milliseconds for a lesson's cells to run and its widgets to appear
FEEDBACK = 60_000  # milliseconds from pressing Check to the feedback
VIEWPORT = {"width": 1280, "height": 1000}


def _not_available(reason: str) -> None:
    """Skip locally; fail when CI says a browser is required (MEDIALIT_REQUIRE_BROWSER=1)."""
    if REQUIRED:
        pytest.fail(f"MEDIALIT_REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    pytest.skip(f"{reason} (CI installs it and sets MEDIALIT_REQUIRE_BROWSER=1)")


@pytest.fixture(scope="module")
def chromium() -> Iterator[Any]:
    """Debian's Chromium driven by Playwright (never a browser Playwright downloads)."""
    if not CHROMIUM.exists():
        _not_available(f"{CHROMIUM} is missing (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _not_available("the playwright package is missing (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


# --- the notebook under test --------------------------------------------------------------------------


@dataclass
class Lesson:
    """Where the lesson notebook lives: ``root`` is the folder served, ``path`` the notebook inside it."""

    root: Path
    path: str
    real: bool  # the kit's own lessons/01-Loaded-Words.ipynb, or a stand-in with just the two quizzes


def _has_quizzes(notebook: Path) -> bool:
    text = notebook.read_text(encoding="utf-8") if notebook.exists() else ""
    return HIGHLIGHT in text and CHOICE in text


def _stand_in(folder: Path) -> Path:
    """A two-quiz notebook, used only while lessons/01-Loaded-Words.ipynb does not exist yet."""
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# 01 · Loaded language (stand-in for the browser tests)"),
        nbformat.v4.new_code_cell(f'from medialit import widgets\n\nwidgets.show("{HIGHLIGHT}")'),
        nbformat.v4.new_code_cell(f'widgets.show("{CHOICE}")'),
    ]
    path = folder / "lessons" / f"{LESSON}.ipynb"
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def lesson(tmp_path_factory: pytest.TempPathFactory) -> Lesson:
    """The real lesson 01 when it holds both quizzes; otherwise a stand-in in a temporary folder."""
    real = ROOT / "lessons" / f"{LESSON}.ipynb"
    if _has_quizzes(real):
        return Lesson(ROOT, f"lessons/{LESSON}.ipynb", True)
    folder = tmp_path_factory.mktemp("stand-in")
    _stand_in(folder)
    print(f"\n[browser] {real.relative_to(ROOT)} is missing or lacks {HIGHLIGHT}/{CHOICE}: using a stand-in")
    return Lesson(folder, f"lessons/{LESSON}.ipynb", False)


# --- servers ------------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A server subprocess on 127.0.0.1 and the progress file its kernels write."""

    url: str
    progress: Path
    process: subprocess.Popen[bytes]
    log: Path
    token: str = ""  # student mode's token, read from the address `present` prints; empty for JupyterLab

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]

    def address(self, path: str = "/") -> str:
        """The server's address for ``path``, with the token (once is enough: it sets a cookie)."""
        return self.url + path + (f"?token={self.token}" if self.token else "")


def _start(command: list[str], port: int, folder: Path, env: dict[str, str], cwd: Path) -> Server:
    """Start ``command`` and wait until its port answers HTTP; fail with its log if it does not."""
    log = folder / "server.log"
    progress = Path(env["MEDIALIT_PROGRESS"])
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = Server(f"http://127.0.0.1:{port}", progress, process, log)
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server exited with {process.returncode}:\n{server.log_tail()}", pytrace=False)
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=([\w-]+)", server.log_tail(20_000))
        server.token = found.group(1) if found else ""
        try:
            with urllib.request.urlopen(server.url + "/", timeout=5):
                return server
        except urllib.error.HTTPError:
            return server  # it answers, if not with 200
        except (urllib.error.URLError, OSError):
            time.sleep(0.25)
    _stop(server)
    pytest.fail(f"the server did not answer within {SERVER_START:.0f} s:\n{server.log_tail()}", pytrace=False)


def _stop(server: Server) -> None:
    """Stop the server (it shuts its kernels down); kill its process group if it will not go."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, 9)  # kernels left behind, in the group this test started
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=15)


def _environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["MEDIALIT_PROGRESS"] = str(folder / "progress.json")
    env["PYTHONUNBUFFERED"] = "1"
    return env


@pytest.fixture
def voila(lesson: Lesson, tmp_path: Path) -> Iterator[Server]:
    """Voilà through the kit's own `python -m medialit present` (a plain Voilà for the stand-in)."""
    port = _free_port()
    if lesson.real:
        command = [sys.executable, "-m", "medialit", "present", "--no-browser", "--port", str(port)]
    else:
        folder = lesson.root / "lessons"
        code = f"from medialit.present import serve; serve(None, {port}, False, folder={str(folder)!r})"
        command = [sys.executable, "-c", code]
    server = _start(command, port, tmp_path, _environment(tmp_path), cwd=lesson.root)
    try:
        yield server
    finally:
        _stop(server)


def _lab_settings(folder: Path) -> Path:
    """JupyterLab settings for the test: every cell in the page, and no autosave into the lesson."""
    settings = folder / "lab-settings"
    for plugin, values in {
        "@jupyterlab/notebook-extension/tracker": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin": {"autosave": False},
        "@jupyterlab/apputils-extension/notification": {"fetchNews": "false", "checkForUpdates": False},
    }.items():
        package, name = plugin.rsplit("/", 1)
        path = settings / package / f"{name}.jupyterlab-settings"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")
    return settings


def lab_command(port: int, root: Path, checkpoints: Path) -> list[str]:
    """The command for a test JupyterLab on 127.0.0.1:``port`` over ``root``: no token, no news or update
    checks, checkpoints kept in ``checkpoints`` (as root, with --allow-root)."""
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={root}",
        f"--FileCheckpoints.root_dir={checkpoints}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    return command


@pytest.fixture
def lab(lesson: Lesson, tmp_path: Path) -> Iterator[Server]:
    """JupyterLab over the repository (or the stand-in's folder), with no token and no network calls."""
    port = _free_port()
    command = lab_command(port, lesson.root, tmp_path / "checkpoints")  # no .ipynb_checkpoints/ in lessons/
    env = _environment(tmp_path)
    env["JUPYTERLAB_SETTINGS_DIR"] = str(_lab_settings(tmp_path))
    env["JUPYTERLAB_WORKSPACES_DIR"] = str(tmp_path / "lab-workspaces")
    server = _start(command, port, tmp_path, env, cwd=lesson.root)
    try:
        yield server
    finally:
        _stop(server)


# --- driving the quizzes ------------------------------------------------------------------------------


@pytest.fixture
def page(chromium: Any) -> Iterator[Any]:
    """A fresh page; collects the hosts of any request that leaves 127.0.0.1."""
    context = chromium.new_context(viewport=VIEWPORT)
    # Voilà runs a lesson before its page is complete: on a loaded machine that takes longer than
    # Playwright's default 30 s, so navigations get as long as a lesson's render.
    context.set_default_navigation_timeout(RENDER)
    page = context.new_page()
    page.outside = []  # type: ignore[attr-defined]
    page.on(
        "request",
        lambda r: (
            None
            if re.match(r"^(https?|wss?)://127\.0\.0\.1[:/]", r.url) or r.url.startswith(("data:", "blob:"))
            else page.outside.append(r.url)
        ),
    )
    page.on("dialog", lambda dialog: dialog.accept())  # "leave the page?" when reloading JupyterLab
    try:
        yield page
    finally:
        context.close()


def _expected() -> dict[str, Any]:
    """The right answers, from the answer key: word indices and texts, and the option's label."""
    highlight, choice = get_quiz(HIGHLIGHT), get_quiz(CHOICE)
    indices = sorted(highlight.solution())
    return {
        "words": [w.text for w in highlight.passage.words],
        "indices": indices,
        "option": choice.solution(),
        "label": _readable(choice.solution()),
    }


def _feedback(quiz: Any) -> Any:
    """The feedback line: the quiz box's second-to-last child (the hint is the last)."""
    return quiz.locator(":scope > .widget-html:nth-last-child(2)")


_TIMER = """(root, expected) => {
    window.__medialitTimer = {start: null, end: null};
    const feedback = root.querySelector(':scope > .widget-html:nth-last-child(2)');
    const button = [...root.querySelectorAll('button')].find(b => b.textContent.trim() === 'Check');
    button.addEventListener('click', () => { window.__medialitTimer.start = performance.now(); },
                            {capture: true, once: true});
    const seen = () => {
        const t = window.__medialitTimer;
        if (t.start !== null && t.end === null && feedback.textContent.includes(expected)) {
            t.end = performance.now();
            observer.disconnect();
        }
    };
    const observer = new MutationObserver(seen);
    observer.observe(feedback, {subtree: true, childList: true, characterData: true});
}"""


def _check_and_time(page: Any, quiz: Any, expected: str) -> tuple[str, float]:
    """Press Check; return the feedback text and the milliseconds from the click to its appearing."""
    quiz.evaluate(_TIMER, expected)
    quiz.locator("button", has_text=re.compile(r"^\s*Check\s*$")).click()
    page.wait_for_function("window.__medialitTimer.end !== null", timeout=FEEDBACK)
    elapsed = page.evaluate("window.__medialitTimer.end - window.__medialitTimer.start")
    return _feedback(quiz).inner_text(), float(elapsed)


def _answer_quizzes(page: Any, expected: dict[str, Any], where: str) -> dict[str, float]:
    """Click the right words and the right option, check both, and assert the feedback is full marks."""
    highlight = page.locator(f".quiz-{HIGHLIGHT}")
    words = highlight.locator(".medialit-wordpicker .medialit-word-button")
    assert words.count() == len(expected["words"]), "one toggle button per word of the passage"
    for i in expected["indices"]:
        word = words.nth(i)
        assert word.inner_text().strip() == expected["words"][i]
        word.click()
        page.wait_for_function(
            "(el) => el.getAttribute('aria-pressed') === 'true'", arg=word.element_handle()
        )
    text, highlight_ms = _check_and_time(page, highlight, "Full marks")
    assert "Full marks" in text and "Not yet" not in text, text

    choice = page.locator(f".quiz-{CHOICE}")
    choice.scroll_into_view_if_needed()
    option = choice.locator(".medialit-choice label").filter(
        has_text=re.compile(rf"^\s*{re.escape(expected['label'])}\s*$")
    )
    option.click()
    assert option.locator("input").is_checked()
    text, choice_ms = _check_and_time(page, choice, "Full marks")
    assert "Full marks" in text, text
    print(
        f"\n[browser] {where}: click to feedback {highlight_ms:.0f} ms (highlight), {choice_ms:.0f} ms (choice)"
    )
    return {"highlight": highlight_ms, "choice": choice_ms}


def _assert_saved(progress: Path, expected: dict[str, Any]) -> None:
    """The progress store holds both checked answers, marked correct."""
    answers = ProgressStore(progress).snapshot()["answers"]
    assert sorted(answers[HIGHLIGHT]["answer"]) == expected["indices"]
    assert answers[CHOICE]["answer"] == expected["option"]
    assert answers[HIGHLIGHT]["correct"] and answers[CHOICE]["correct"]


def _assert_restored(page: Any, expected: dict[str, Any]) -> None:
    """After a reload: the saved words are toggled on (and only they), the option is selected, "Restored" shows."""
    highlight = page.locator(f".quiz-{HIGHLIGHT}")
    highlight.wait_for(state="visible", timeout=RENDER)
    words = highlight.locator(".medialit-wordpicker .medialit-word-button")
    _feedback(highlight).filter(has_text="Restored").wait_for(timeout=FEEDBACK)
    active = words.evaluate_all(
        "(buttons) => buttons.map((b, i) => b.getAttribute('aria-pressed') === 'true' ? i : -1).filter(i => i >= 0)"
    )
    assert active == expected["indices"]
    choice = page.locator(f".quiz-{CHOICE}")
    assert "Restored" in _feedback(choice).inner_text()
    checked = choice.locator(".medialit-choice input:checked")
    assert checked.count() == 1
    label = checked.locator("xpath=..").inner_text().strip()
    assert label == expected["label"]


def _assert_no_widget_errors(page: Any) -> None:
    body = page.locator("body").inner_text()
    assert "Error displaying widget" not in body
    assert "Failed to load model class" not in body


def _picture(page: Any, quiz: str, folder: Path) -> Path:
    """One quiz, with a little of the page around it, as it shows in the window."""
    box = page.locator(f".quiz-{quiz}")
    box.evaluate("(el) => el.scrollIntoView({block: 'center'})")
    page.wait_for_timeout(200)
    where = box.bounding_box()
    x0, y0 = max(0.0, where["x"] - 12), max(0.0, where["y"] - 12)
    x1 = min(VIEWPORT["width"], where["x"] + where["width"] + 12)
    y1 = min(VIEWPORT["height"], where["y"] + where["height"] + 12)
    path = folder / f"{quiz}.png"
    page.screenshot(path=str(path), clip={"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0})
    return path


def screenshot_path(name: str) -> Path:
    """Where a screenshot for a person to look at goes: ``$MEDIALIT_SCREENSHOTS/<name>``, or a temporary folder.

    A test run never writes into the checkout, so running the tests changes no tracked file and a later
    ``git pull`` of the kit cannot conflict. ``MEDIALIT_SCREENSHOTS=docs python3 kit.py test tests/test_browser*.py``
    refreshes the README's pictures in docs/.
    """
    chosen = os.environ.get("MEDIALIT_SCREENSHOTS")
    folder = Path(chosen).resolve() if chosen else Path(tempfile.gettempdir()) / "medialit-screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder / name


def _screenshot(page: Any, name: str, folder: Path) -> Path:
    """:func:`screenshot_path` of ``name``: the highlight quiz above the choice quiz, each with its feedback,
    for a person to look at (``folder`` holds the pieces)."""
    import matplotlib.image
    import numpy as np

    parts = [matplotlib.image.imread(_picture(page, quiz, folder))[..., :3] for quiz in (HIGHLIGHT, CHOICE)]
    width = max(part.shape[1] for part in parts)
    padded = [np.pad(p, ((0, 0), (0, width - p.shape[1]), (0, 0)), constant_values=1.0) for p in parts]
    rule = np.full((16, width, 3), 0.75, dtype=padded[0].dtype)
    rule[:6], rule[10:] = 1.0, 1.0  # a grey line between the two quizzes
    path = screenshot_path(name)
    matplotlib.image.imsave(path, np.concatenate([padded[0], rule, padded[1]]))
    return path


def test_voila_lesson_01(voila: Server, lesson: Lesson, page: Any) -> None:
    """In Voilà (student mode): the index lists lesson 01; its quizzes check, save, and come back on reload."""
    expected = _expected()
    assert voila.token, "student mode prints its address with a token"
    page.goto(voila.address("/"), wait_until="domcontentloaded", timeout=RENDER)
    page.get_by_text(f"{LESSON}.ipynb", exact=True).wait_for(timeout=RENDER)  # the index lists lesson 01
    # Voilà runs the lesson before the page is complete: allow RENDER, not Playwright's default 30 s
    page.goto(f"{voila.url}/voila/render/{LESSON}.ipynb", wait_until="domcontentloaded", timeout=RENDER)
    _wait_for_quizzes(page, voila, "in Voilà")
    _assert_no_widget_errors(page)
    assert page.locator(".jp-CodeCell .jp-InputArea, .jp-InputArea-editor").count() == 0, "code is hidden"
    assert "widgets.show(" not in page.locator("body").inner_text(), "code is hidden"
    _answer_quizzes(page, expected, "Voilà")
    _assert_saved(voila.progress, expected)
    print(f"[browser] screenshot: {_screenshot(page, 'voila-lesson-01.png', voila.log.parent)}")

    page.reload(wait_until="domcontentloaded", timeout=RENDER)
    _wait_for_quizzes(page, voila, "after reloading Voilà")
    _assert_restored(page, expected)
    _assert_no_widget_errors(page)
    assert not page.outside, f"Voilà fetched from outside 127.0.0.1: {page.outside[:5]}"


def _kernel_idle(page: Any) -> None:
    """Wait until JupyterLab's status bar says the notebook's kernel is idle."""
    page.locator(".jp-StatusBar-Widget", has_text=re.compile(r"\|\s*Idle")).first.wait_for(timeout=RENDER)


def _wait_for_quizzes(page: Any, server: Server, when: str) -> None:
    """Wait for both quizzes; on a timeout keep a screenshot and show the server's log."""
    try:
        for quiz in (HIGHLIGHT, CHOICE):
            page.locator(f".quiz-{quiz}").wait_for(state="visible", timeout=RENDER)
    except Exception as exc:
        shot = server.log.with_name("timeout.png")
        page.screenshot(path=str(shot))
        pytest.fail(
            f"the quizzes did not appear {when} ({type(exc).__name__}); screenshot {shot}\n{server.log_tail()}",
            pytrace=False,
        )


def _run_all(page: Any, menu: str, item: str) -> None:
    """Click a top menu and one of its items (e.g. Run > Run All Cells), accepting any dialog that follows."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(rf"^{menu}$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(rf"^{re.escape(item)}")).first.click()


def test_jupyterlab_lesson_01(lab: Server, lesson: Lesson, page: Any) -> None:
    """In JupyterLab: Run All Cells, then the quizzes check, save, and come back after a kernel restart."""
    expected = _expected()
    page.goto(f"{lab.url}/lab/tree/{lesson.path}", wait_until="domcontentloaded", timeout=RENDER)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=RENDER)
    _kernel_idle(page)
    _run_all(page, "Run", "Run All Cells")
    _wait_for_quizzes(page, lab, "after Run All Cells")
    _kernel_idle(page)  # every cell has run: Check is not queued behind them
    _assert_no_widget_errors(page)
    _answer_quizzes(page, expected, "JupyterLab")
    _assert_saved(lab.progress, expected)
    print(f"[browser] screenshot: {_screenshot(page, 'jupyterlab-lesson-01.png', lab.log.parent)}")

    page.reload(wait_until="domcontentloaded", timeout=RENDER)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=RENDER)
    _kernel_idle(page)
    _run_all(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog button.jp-mod-accept").click()
    _wait_for_quizzes(page, lab, "after restarting the kernel")
    _assert_restored(page, expected)
    _assert_no_widget_errors(page)
    if page.outside:
        print(f"[browser] JupyterLab fetched from outside 127.0.0.1: {page.outside[:5]}")


# --- the student app's lesson names (no browser needed) -----------------------------------------------


def test_present_finds_a_lesson_by_name_or_number(tmp_path: Path) -> None:
    """Does `present` accept "01-Loaded-Words", "01-Loaded-Words.ipynb", "01" and "1"?"""
    from medialit.present import resolve_lesson

    for name in ("00-Start-Here", f"{LESSON}", "03-Who-Says-So"):
        (tmp_path / f"{name}.ipynb").write_text("{}", encoding="utf-8")
    for asked in (LESSON, f"{LESSON}.ipynb", "01", "1"):
        assert resolve_lesson(asked, tmp_path) == tmp_path / f"{LESSON}.ipynb"


def test_present_names_the_lessons_when_one_is_unknown(tmp_path: Path) -> None:
    """Does an unknown lesson give a clear error (exit code 2) that lists the lessons?"""
    done = subprocess.run(
        [sys.executable, "-m", "medialit", "present", "99-No-Such-Lesson", "--no-browser"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 2
    assert "99-No-Such-Lesson" in done.stderr and "00-Start-Here" in done.stderr
