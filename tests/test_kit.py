"""Does `kit.py start` open lesson 00 in a working copy, with no news prompt, so that `git pull` never conflicts?"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .conftest import ROOT

_SPEC = importlib.util.spec_from_file_location("kit", ROOT / "kit.py")
kit = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(kit)

GIT = shutil.which("git")


def test_the_teacher_notebook_is_copied_to_my_work_too(tmp_path: Path):
    """Does `kit.py start` copy the teacher's authoring notebook into my-work/ along with the lessons?"""
    copied = kit.prepare_work(ROOT / "lessons", tmp_path / "my-work")
    assert "Teacher-Make-A-Lesson.ipynb" in copied and "00-Start-Here.ipynb" in copied


def test_the_working_copy_is_made_once_and_never_overwritten(tmp_path: Path):
    """Are missing lessons copied into my-work/, while a student's changed copy is left alone?"""
    lessons, work = tmp_path / "lessons", tmp_path / "my-work"
    lessons.mkdir()
    (lessons / "00-Start-Here.ipynb").write_text("original 00", encoding="utf-8")
    (lessons / "01-Loaded-Words.ipynb").write_text("original 01", encoding="utf-8")
    assert kit.prepare_work(lessons, work) == ["00-Start-Here.ipynb", "01-Loaded-Words.ipynb"]
    (work / "00-Start-Here.ipynb").write_text("the student's work", encoding="utf-8")
    (lessons / "00-Start-Here.ipynb").write_text("updated 00", encoding="utf-8")
    (lessons / "03-Who-Says-So.ipynb").write_text("new 02", encoding="utf-8")
    assert kit.prepare_work(lessons, work) == ["03-Who-Says-So.ipynb"]
    assert (work / "00-Start-Here.ipynb").read_text(encoding="utf-8") == "the student's work"


def test_the_lab_command_opens_lesson_00_in_the_working_copy(tmp_path: Path):
    """Does the command serve my-work/ on 127.0.0.1 with lesson 00 as the address it prints, and no news?"""
    command = kit.lab_command(Path("python"), tmp_path / "my-work")
    assert "--ServerApp.ip=127.0.0.1" in command
    assert f"--ServerApp.root_dir={tmp_path / 'my-work'}" in command
    assert "--LabApp.default_url=/lab/tree/00-Start-Here.ipynb" in command
    assert "--LabApp.news_url=None" in command


def test_lab_settings_turn_the_news_prompt_off_and_keep_other_settings(tmp_path: Path):
    """Does overrides.json get fetchNews "false", keeping what an administrator already set there?"""
    python = tmp_path / "venv" / "bin" / "python"
    path = python.parent.parent / "share" / "jupyter" / "lab" / "settings" / "overrides.json"
    path.parent.mkdir(parents=True)
    path.write_text(json.dumps({"@jupyterlab/apputils-extension:themes": {"theme": "JupyterLab Dark"}}))
    assert kit.write_lab_settings(python) == path
    settings = json.loads(path.read_text(encoding="utf-8"))
    assert settings["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    assert settings["@jupyterlab/apputils-extension:themes"] == {"theme": "JupyterLab Dark"}


def test_the_licence_is_an_spdx_string():
    """Is pyproject's licence the SPDX string form, which setuptools builds without a deprecation warning?"""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "MIT"
    assert not any(c.startswith("License ::") for c in project.get("classifiers", []))


def _git(*args: str, cwd: Path) -> str:
    done = subprocess.run([GIT, *args], cwd=cwd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stdout}{done.stderr}"
    return done.stdout


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_git_pull_after_a_lesson_has_run_does_not_conflict(tmp_path: Path):
    """After a student runs and saves lessons in my-work/ and exports results, does `git pull` update cleanly?"""
    upstream, clone = tmp_path / "upstream", tmp_path / "clone"
    (upstream / "lessons").mkdir(parents=True)
    shutil.copyfile(ROOT / ".gitignore", upstream / ".gitignore")
    (upstream / "lessons" / "00-Start-Here.ipynb").write_text('{"cells": []}', encoding="utf-8")
    identity = ("-c", "user.name=Test", "-c", "user.email=test@example.invalid")
    _git("init", "-q", "-b", "main", cwd=upstream)
    _git("add", "-A", cwd=upstream)
    _git(*identity, "commit", "-qm", "kit", cwd=upstream)
    _git("clone", "-q", str(upstream), str(clone), cwd=tmp_path)

    work = clone / "my-work"
    kit.prepare_work(clone / "lessons", work)
    (work / "00-Start-Here.ipynb").write_text('{"cells": ["the student ran it"]}', encoding="utf-8")
    (work / "medialit-results-Ana-all.json").write_text("{}", encoding="utf-8")
    assert _git("status", "--porcelain", cwd=clone) == ""

    (upstream / "lessons" / "00-Start-Here.ipynb").write_text('{"cells": ["improved"]}', encoding="utf-8")
    _git(*identity, "commit", "-qam", "a better lesson 00", cwd=upstream)
    _git("pull", "-q", "--ff-only", cwd=clone)
    assert "improved" in (clone / "lessons" / "00-Start-Here.ipynb").read_text(encoding="utf-8")
    assert "the student ran it" in (work / "00-Start-Here.ipynb").read_text(encoding="utf-8")


def _answers(address: str, process: subprocess.Popen, seconds: float = 60) -> bool:
    """Does ``address`` answer 200 within ``seconds`` (while the server is still running)?"""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(address, timeout=30) as response:
                return response.status == 200
        except OSError:
            time.sleep(0.5)
    return False


def _assert_no_news_prompt(address: str) -> None:
    """In Chromium (when installed): lesson 00 opens, and no "get notified about news?" toast covers it."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        if os.environ.get("MEDIALIT_REQUIRE_BROWSER") == "1":
            pytest.fail("MEDIALIT_REQUIRE_BROWSER=1 but /usr/bin/chromium is missing", pytrace=False)
        return
    from playwright.sync_api import sync_playwright

    from .test_browser import CHROMIUM_ARGS

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(chromium), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.goto(address, wait_until="domcontentloaded")
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=120_000)
            page.wait_for_function("document.title.startsWith('00-Start')", timeout=60_000)
            page.wait_for_timeout(3000)  # the news question, when it is on, appears a moment after the page
            body = page.locator("body").inner_text().lower()
            assert "jupyter news" not in body and "notified" not in body
        finally:
            browser.close()


def test_start_prints_an_address_that_opens_lesson_00(tmp_path: Path):
    """Does a real `kit.py start` print a tokened 127.0.0.1 address for lesson 00, which then answers?"""
    stamp = Path(sys.prefix) / "medialit-install.txt"
    if not stamp.exists() or stamp.read_text() not in {kit.install_stamp(""), kit.install_stamp("test")}:
        # kit.py would reinstall into this very venv from the temporary copy, breaking it for later tests.
        pytest.skip("this venv was installed from an older pyproject.toml: run `python3 kit.py test` instead")
    clone = tmp_path / "kit"
    shutil.copytree(
        ROOT, clone, ignore=shutil.ignore_patterns(".venv", ".git", "my-work", "__pycache__", "*.egg-info")
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "MEDIALIT_VENV": sys.prefix, "PYTHONUNBUFFERED": "1"}
    env.pop("MEDIALIT_WORK", None)
    log = tmp_path / "start.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "kit.py",
                "start",
                "--no-browser",
                f"--ServerApp.port={port}",
                "--ServerApp.port_retries=0",
            ],
            cwd=clone,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        address = None
        deadline = time.monotonic() + 120
        while address is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.5)
            found = re.search(r"http://127\.0\.0\.1:\d+/\S*\?token=\w+", log.read_text(errors="replace"))
            address = found.group(0) if found else None
        output = log.read_text(errors="replace")
        assert address, f"no address printed:\n{output[-3000:]}"
        assert "/lab/tree/00-Start-Here.ipynb?token=" in address
        assert _answers(address, process), (
            f"the address does not answer:\n{log.read_text(errors='replace')[-3000:]}"
        )
        assert (clone / "my-work" / "00-Start-Here.ipynb").exists()
        _assert_no_news_prompt(address)
        assert "DeprecationWarning" not in output
        assert "Ctrl+C" in output
    finally:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
