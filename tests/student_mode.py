"""Open lessons in student mode (`python -m medialit present`, Voilà) in Chromium and read what a student sees.

Shared by tests/test_student_mode.py and tools/student_mode_screenshots.py, so the test and the screenshots
wait for the same thing: every cell run, Voilà's spinner gone, every output and widget drawn. No pytest here.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
]
SERVER_START = 180.0  # seconds for `present` to answer HTTP on a loaded machine
RENDER = 300_000  # milliseconds for a whole lesson to run and draw in Voilà

#: Voilà has run every cell and shown the page (its #loading spinner is removed by voila_finish), turned every
#: output it sent into a drawn output (no cell-output <script> left), and no widget still says it is loading.
_DRAWN = """() => {
    const cells = document.getElementById('rendered_cells');
    if (document.getElementById('loading') || !cells || cells.style.display === 'none') return false;
    if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) return false;
    return !document.body.innerText.includes('Loading widget');
}"""

#: The text of each output a student sees (innerText: hidden elements and <script>s do not count).
_OUTPUTS = """() => [...document.querySelectorAll('#rendered_cells .jp-OutputArea-output')].map(el => ({
    text: el.innerText,
    monospace: el.classList.contains('jp-RenderedText'),
    stderr: el.getAttribute('data-mime-type') === 'application/vnd.jupyter.stderr',
    cell: Number((el.closest('[cell-index]') || {getAttribute: () => -1}).getAttribute('cell-index')),
}))"""

#: Python reprs that must never reach a student: what each is, and a pattern for it.
REPRS: dict[str, str] = {
    "a dict": r"\{'|\{\"",
    "a list of tuples": r"\[\(",
    "a list of strings": r"\['",
    "a tuple of strings": r"\('[^'\n]*',\s*'",
    "a collection or a kit object": (
        r"\b(?:FreqDist|Counter|defaultdict|OrderedDict|dict_items|dict_keys|dict_values|Attributed|Span|SpanSet"
        r"|Sentence|SentenceSpan|Quiz|Article|ArticleInfo|array|np\.\w+)\("
    ),
    "a dataclass or named tuple": r"\b[A-Z]\w*\(\w+=",
    "an object's address": r"<(?:medialit|matplotlib|function|bound method|module)\b|object at 0x[0-9a-f]+",
    "a chart object": r"<Figure size|<Axes\b|\bText\(\d",
    "a bare None or Ellipsis": r"(?m)^\s*(?:None|Ellipsis)\s*$",
}
#: Longest line of monospace text (printed output) a student may be shown; articles and tables are designed HTML.
MONOSPACE_LINE = 80
#: What a student must not see either: Python errors, Voilà's note about one, widgets that failed to draw.
ERRORS = (
    "Traceback",
    "There was an error when executing cell",
    "Error displaying widget",
    "Failed to load model",
)


@dataclass
class StudentMode:
    """A running `python -m medialit present`: its address, token, process and log file."""

    url: str
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    def lesson_address(self, lesson: str, theme: str | None = None) -> str:
        """The address of ``lesson`` (a notebook name without .ipynb) with the token, and Voilà's theme if given."""
        address = f"{self.url}/voila/render/{lesson}.ipynb?token={self.token}"
        return address + (f"&theme={theme}" if theme else "")

    def log_tail(self, chars: int = 4000) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-chars:]


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(folder: Path, cwd: Path = ROOT) -> StudentMode:
    """Start `python -m medialit present --no-browser` from ``cwd`` (it serves cwd's lessons/), with its log
    and progress file in ``folder``; return once it answers HTTP. Raises RuntimeError (with the log) if it
    exits or does not answer within SERVER_START seconds."""
    port = free_port()
    log = folder / "present.log"
    env = {**os.environ, "MEDIALIT_PROGRESS": str(folder / "progress.json"), "PYTHONUNBUFFERED": "1"}
    command = [sys.executable, "-m", "medialit", "present", "--no-browser", "--port", str(port)]
    with log.open("wb") as out:
        process = subprocess.Popen(
            command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    server = StudentMode(f"http://127.0.0.1:{port}", "", process, log)
    deadline = time.monotonic() + SERVER_START
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"`present` exited with {process.returncode}:\n{server.log_tail()}")
        found = re.search(r"http://127\.0\.0\.1:\d+/\?token=([\w-]+)", server.log_tail(20_000))
        if found:
            server.token = found.group(1)
            try:
                with urllib.request.urlopen(f"{server.url}/login", timeout=5):
                    return server
            except urllib.error.HTTPError:
                return server  # it answers, if not with 200
            except OSError:
                pass
        time.sleep(0.25)
    stop(server)
    raise RuntimeError(f"`present` did not answer within {SERVER_START:.0f} s:\n{server.log_tail()}")


def stop(server: StudentMode) -> None:
    """Stop the server (it shuts its kernels down); kill its process group if it will not go."""
    process = server.process
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
    try:
        os.killpg(process.pid, 9)  # kernels left behind, in the group started here
    except (ProcessLookupError, PermissionError):
        pass
    process.wait(timeout=15)


def open_lesson(page: Any, server: StudentMode, lesson: str, theme: str | None = None) -> None:
    """Open ``lesson`` in ``page`` (a Playwright page) and wait until it is drawn and has stopped changing."""
    page.goto(server.lesson_address(lesson, theme), wait_until="domcontentloaded", timeout=RENDER)
    page.wait_for_function(_DRAWN, timeout=RENDER, polling=500)
    count = -1
    while count != (now := page.locator(".jp-OutputArea-output, .jupyter-widgets").count()):
        count = now
        page.wait_for_timeout(1500)  # widgets that draw other widgets: wait until nothing new appears


def outputs(page: Any) -> list[dict[str, Any]]:
    """Each output on the page: its visible ``text``, whether it is ``stderr`` or ``monospace`` (printed text),
    and its ``cell`` (1-based)."""
    return page.evaluate(_OUTPUTS)


def cells_shown(page: Any) -> int:
    """How many cells Voilà rendered (it stops at the first cell that raises)."""
    return page.locator("#rendered_cells [cell-index]").count()


def find_reprs(text: str) -> list[str]:
    """Each Python repr in ``text``: what it is, and the text around it (for the failure message)."""
    found = []
    for what, pattern in REPRS.items():
        for match in re.finditer(pattern, text):
            around = text[max(0, match.start() - 40) : match.end() + 40].replace("\n", " ")
            found.append(f"{what}: …{around}…")
    return found


def problems(page: Any) -> list[str]:
    """Everything wrong in what the student sees: reprs, errors, stderr output (warnings), and printed
    (monospace) text with lines over MONOSPACE_LINE characters, such as an article printed as it is."""
    found = []
    for output in outputs(page):
        where = f"cell {output['cell']}"
        found += [f"{where}: {line}" for line in find_reprs(output["text"])]
        found += [f"{where}: shows {error!r}" for error in ERRORS if error in output["text"]]
        if output["stderr"]:
            found.append(f"{where}: stderr output {output['text'][:120]!r}")
        elif output["monospace"]:
            long = [line for line in output["text"].splitlines() if len(line) > MONOSPACE_LINE]
            if long:
                found.append(
                    f"{where}: monospace text, {len(long)} line(s) over {MONOSPACE_LINE}: {long[0][:80]!r}"
                )
    return found
