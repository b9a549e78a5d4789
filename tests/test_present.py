"""Tests for medialit.present: a real student-mode server on 127.0.0.1 needs its token, checks the Host
header, culls idle kernels, and says which option to change when the port is taken."""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from medialit import present

from .conftest import ROOT

CULL_IDLE = 10  # seconds: short, so the culling test does not wait long; long enough for a loaded machine
START = 120.0  # seconds for the server to answer
NOTEBOOK = "00-Hello.ipynb"


@dataclass
class Running:
    """A `present` server: its address, token, process and log."""

    base: str
    port: int
    token: str
    process: subprocess.Popen[bytes]
    log: Path

    def log_text(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, headers: dict[str, str] | None = None) -> tuple[int, str, str]:
    """GET without following redirects: (status, Location header, body)."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers or {}), timeout=60) as response:
            return response.status, response.headers.get("Location", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers.get("Location", ""), exc.read().decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """`serve()` over a one-notebook folder, in its own process group, with a short cull time."""
    folder = tmp_path_factory.mktemp("present")
    lessons = folder / "lessons"
    lessons.mkdir()
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    your_turn = {"tags": ["your-turn"]}
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Hello"),
        nbformat.v4.new_code_cell("x = 1"),
        nbformat.v4.new_markdown_cell("**Your turn** (optional): print a greeting.", metadata=your_turn),
        nbformat.v4.new_code_cell('print("HIDDEN" + "-OUTPUT")', metadata=your_turn),
        nbformat.v4.new_code_cell('print("SHOWN" + "-OUTPUT")'),
    ]
    nbformat.write(nb, lessons / NOTEBOOK)
    port = _free_port()
    code = f"from medialit.present import serve; serve(None, {port}, False, folder={str(lessons)!r}, cull_idle={CULL_IDLE})"
    log = folder / "server.log"
    env = {**os.environ, "MEDIALIT_PROGRESS": str(folder / "progress.sqlite3"), "PYTHONUNBUFFERED": "1"}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=folder,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START
        token = ""
        while time.monotonic() < deadline:
            assert process.poll() is None, log.read_text(encoding="utf-8", errors="replace")
            found = re.search(r"at http://127\.0\.0\.1:\d+/\?token=([\w-]+)", log.read_text(encoding="utf-8"))
            token = found.group(1) if found else ""
            try:
                if token and _get(f"http://127.0.0.1:{port}/login")[0]:
                    break
            except OSError:
                pass
            time.sleep(0.25)
        else:
            pytest.fail(f"the server did not answer:\n{log.read_text(encoding='utf-8')}", pytrace=False)
        yield Running(f"http://127.0.0.1:{port}", port, token, process, log)
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            pass
        try:
            os.killpg(process.pid, signal.SIGKILL)  # any kernel left in the group this test started
        except (ProcessLookupError, PermissionError):
            pass
        process.wait(timeout=15)


def _kernel_id(page: str) -> str:
    found = re.search(r'"kernelId":\s*"([0-9a-f-]{36})"', page)
    assert found, "the rendered page names its kernel"
    return found.group(1)


def test_printed_address_carries_the_token(server):
    """Does `present` print its address with a token in it, as JupyterLab does, and does that address work?"""
    assert len(server.token) >= 32
    assert f"at {server.base}/?token={server.token}" in server.log_text()
    status, _, _ = _get(f"{server.base}/?token={server.token}")
    assert status == 200


def test_refuses_a_request_without_the_token(server):
    """Without the token, is a lesson refused (sent to the login page, no kernel) and the kernel API closed?"""
    status, location, _ = _get(f"{server.base}/voila/render/{NOTEBOOK}")
    assert status == 302 and location.startswith("/login"), (status, location)
    status, _, _ = _get(f"{server.base}/voila/render/{NOTEBOOK}?token=wrong-{server.token}")
    assert status == 302
    assert _get(f"{server.base}/api/kernels/00000000-0000-0000-0000-000000000000")[0] == 403


def test_refuses_a_foreign_host_even_with_the_token_and_a_matching_origin(server):
    """Is a request naming `Host: evil.example:PORT` (Origin to match) refused, while 127.0.0.1 is served?"""
    foreign = {"Host": f"evil.example:{server.port}", "Origin": f"http://evil.example:{server.port}"}
    status, _, body = _get(f"{server.base}/voila/render/{NOTEBOOK}?token={server.token}", foreign)
    assert status == 403 and "kernelId" not in body
    assert "Blocking request with non-local 'Host' evil.example" in server.log_text()
    for host in (f"127.0.0.1:{server.port}", f"localhost:{server.port}"):
        status, _, _ = _get(f"{server.base}/?token={server.token}", {"Host": host})
        assert status == 200, host


def test_an_idle_kernel_is_culled(server):
    """Is the kernel started for a page that then goes away shut down after the (short) cull time?"""
    status, _, page = _get(f"{server.base}/voila/render/{NOTEBOOK}?token={server.token}")
    assert status == 200
    kernel_id = _kernel_id(page)
    kernel = f"{server.base}/api/kernels/{kernel_id}"
    auth = {"Authorization": f"token {server.token}"}
    deadline = time.monotonic() + 90
    while _get(kernel, auth)[0] == 200:
        assert time.monotonic() < deadline, f"the kernel was not culled:\n{server.log_text()[-3000:]}"
        time.sleep(0.5)
    assert _get(kernel, auth)[0] == 404
    culled = re.search(
        rf"Culling 'idle' kernel 'python3' \({kernel_id}\) with 0 connections", server.log_text()
    )
    assert culled, "it was culled for being idle (not lost some other way)"


def test_closing_a_page_shuts_its_kernel_down(server):
    """Does the request a page sends as it closes (its _xsrf cookie's value in a form) shut the kernel down?"""
    jar = http.cookiejar.CookieJar()
    browser = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with browser.open(f"{server.base}/voila/render/{NOTEBOOK}?token={server.token}", timeout=60) as response:
        kernel_id = _kernel_id(response.read().decode("utf-8"))
    xsrf = next((cookie.value for cookie in jar if cookie.name == "_xsrf"), None)
    assert xsrf, "the page sets the _xsrf cookie that Voilà's front end sends back on closing"
    beacon = urllib.request.Request(
        f"{server.base}/voila/api/shutdown/{kernel_id}",
        data=urllib.parse.urlencode({"_xsrf": xsrf}).encode(),
        headers={"Origin": server.base},
        method="POST",
    )
    with browser.open(beacon, timeout=60) as response:
        assert response.status == 204
    assert (
        _get(f"{server.base}/api/kernels/{kernel_id}", {"Authorization": f"token {server.token}"})[0] == 404
    )


def test_your_turn_cells_are_left_out(server):
    """Is a cell tagged `your-turn` left out of the student's page, its prose unseen and its code not run,
    while the cells around it are shown and run?"""
    status, _, page = _get(f"{server.base}/voila/render/{NOTEBOOK}?token={server.token}")
    assert status == 200
    assert "SHOWN-OUTPUT" in page and "Hello" in page
    assert "HIDDEN-OUTPUT" not in page, "the your-turn code cell was not run"
    assert "Your turn" not in page and "print a greeting" not in page, "the your-turn prose is not shown"


def test_a_busy_port_gives_one_line_naming_the_option(tmp_path):
    """When the port is taken, does `present` exit 2 with one line that names --port (and start nothing)?"""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "medialit", "present", "--no-browser", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and f"port {port} is already in use" in done.stderr
    assert "--port" in done.stderr


@pytest.mark.parametrize(("port", "words"), [(0, "does not exist"), (70000, "does not exist")])
def test_check_port_refuses_ports_that_do_not_exist(port, words):
    """Are port numbers outside 1-65535 refused with a reason naming --port?"""
    with pytest.raises(present.PortError, match=words) as caught:
        present.check_port(port)
    assert "--port" in str(caught.value)


def test_voila_command_requires_a_token_and_culls():
    """Does the Voilà command ask for a token (not on its command line) and cull kernels after the time given?"""
    command = present.voila_command(None, 8866, True, ROOT / "lessons", cull_idle=120)
    assert "--Voila.auto_token=True" in command and "--Voila.open_browser=False" in command
    assert "--MappingKernelManager.cull_idle_timeout=120" in command
    assert "--MappingKernelManager.cull_interval=60" in command
    assert not any(part.startswith(("--Voila.token", "--token")) for part in command)
    assert "'allow_remote_access': False" in present.voila_config()
    assert (
        "c.ContentsManager.hide_globs = [" in present.voila_config()
        and "'Teacher-*'" in present.voila_config()
    )
    assert present.url(8866, "abc") == "http://127.0.0.1:8866/?token=abc"


def test_the_browser_opens_the_address_through_a_private_file(tmp_path, monkeypatch):
    """Is the browser sent to a file in the private folder that leads to the tokened address (not given the
    token on its command line), and only once the server answers?"""
    import http.server
    import threading

    opened: list[str] = []
    monkeypatch.setattr(present.webbrowser, "open", opened.append)
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.BaseHTTPRequestHandler) as answering:
        threading.Thread(target=answering.serve_forever, daemon=True).start()
        port = answering.server_address[1]
        address = present.url(port, "secret-token")
        present._open_when_ready(port, address, tmp_path).join(timeout=60)
        answering.shutdown()
    assert opened == [(tmp_path / "open.html").as_uri()]
    assert f'content="0;url={address}"' in (tmp_path / "open.html").read_text(encoding="utf-8")


def test_the_student_app_lists_no_teacher_notebook():
    """Does the student app's list of lessons leave out the teacher's authoring notebook, keeping lesson 00?"""
    names = present.lesson_names(ROOT / "lessons")
    assert (ROOT / "lessons" / "Teacher-Make-A-Lesson.ipynb").exists()
    assert "00-Start-Here" in names and not [n for n in names if n.startswith("Teacher-")]
