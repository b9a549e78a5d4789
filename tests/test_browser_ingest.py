"""Does lesson 05's analysis tool, in a real Chromium and Voilà, take an uploaded web page and show its report?"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from medialit.present import TEMPLATE, voila_environment, write_template

from .conftest import ROOT
from .test_browser import RENDER, Server, _environment, _free_port, _start, _stop, chromium  # noqa: F401
from .test_browser import page as page  # the fixture, re-exported for this module

pytestmark = pytest.mark.browser

LESSON = "08-Your-Own-Article.ipynb"
PAGE = ROOT / "tests" / "fixtures" / "ingest" / "news-with-sidebar.html"


@pytest.fixture
def voila(tmp_path: Path) -> Iterator[Server]:
    """Plain Voilà on lesson 05 with the kit's CDN-free template, no token, answers saved under tmp_path.

    Started here rather than through `medialit present`, so that this test does not depend on how
    `present` secures its server.
    """
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "voila",
        LESSON,
        "--Voila.ip=127.0.0.1",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.root_dir={ROOT / 'lessons'}",
        "--Voila.open_browser=False",
        f"--VoilaConfiguration.template={TEMPLATE}",
    ]
    env = {**_environment(tmp_path), **voila_environment(write_template(tmp_path / "template"))}
    env["MEDIALIT_PROGRESS"] = str(tmp_path / "progress.json")
    server = _start(command, port, tmp_path, env, cwd=ROOT / "lessons")
    try:
        yield server
    finally:
        _stop(server)


def test_upload_a_web_page_in_lesson_05(voila: Server, page: Any) -> None:
    """Uploading a saved news page fills the tool with its article; Analyse shows the report and who is behind it."""
    page.goto(voila.url + "/", wait_until="domcontentloaded")
    tools = page.locator(".medialit-analysis")
    try:
        tools.nth(2).wait_for(
            state="visible", timeout=RENDER
        )  # the crime and jobs passages, then the empty tool
    except Exception as exc:
        page.screenshot(path=str(voila.log.with_name("timeout.png")))
        pytest.fail(
            f"lesson 05's tools did not appear ({type(exc).__name__})\n{voila.log_tail()}", pytrace=False
        )
    tool = tools.last
    tool.scroll_into_view_if_needed()
    with page.expect_file_chooser() as chooser:  # the upload button's file input is never in the page itself
        tool.locator("button.widget-upload").click()
    chooser.value.set_files(str(PAGE))
    box = tool.locator("textarea")
    page.wait_for_function(
        "(el) => el.value.includes('40,000 dollars')", arg=box.element_handle(), timeout=60_000
    )
    assert "Extinct" not in box.input_value(), "the sidebar is left out"
    tool.get_by_text("Who is behind this?").wait_for(timeout=60_000)
    tool.locator("button", has_text="Analyse").click()
    report = tool.locator("iframe.medialit-report")
    report.wait_for(timeout=60_000)
    assert "40,000 dollars" in report.get_attribute("srcdoc")
    text = tool.inner_text()
    assert "Dana Example" in text and "The Riverton Ledger" in text and "2024-03-05" in text
    assert "machine marked" in text
    assert "Error displaying widget" not in page.locator("body").inner_text()
    assert not page.outside, f"Voilà fetched from outside 127.0.0.1: {page.outside[:5]}"
