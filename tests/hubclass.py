"""A simulated class on a real local JupyterHub: start the hub, and have students run lesson 00 through it.

Used by tests/test_hub.py (30 students, everything must work) and benchmarks/hub_load.py (10, 20 and 30
students, with timings and memory). The hub loads deploy/jupyterhub_config.py (so the idle culler and the
hand-in folder are the deployed ones) plus a test authenticator (dummy) and SimpleLocalProcessSpawner.
Every student's server and kernel are real: the lesson's code cells and the quiz checks go through the
Jupyter server's kernel websocket, exactly as JupyterLab sends them.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEPLOY_CONFIG = ROOT / "deploy" / "jupyterhub_config.py"
LESSON_00 = ROOT / "lessons" / "00-Start-Here.ipynb"
#: Where .ci/run installs configurable-http-proxy (npm install --prefix .ci/node).
NODE_BIN = ROOT / ".ci" / "node" / "node_modules" / ".bin"
#: Seconds a simulated student waits for a new kernel to answer before starting another one.
KERNEL_PATIENCE = 120
#: The five quizzes of lesson 00, checked in this order.
QUIZZES = (
    "l00-heading-label",
    "l00-byline-label",
    "l00-quoted-speaker",
    "l00-writer-speaker",
    "l00-find-numbers",
)

# Run in each student's kernel before the lesson: the name box of lesson 00, filled in.
SET_NAME = "from medialit.progress import ProgressStore\nProgressStore().set_learner({name!r})"
# One quiz check: the answer key's own answer put into the displayed widget, then its Check button's code.
CHECK = (
    "from medialit import widgets as _w\n"
    "_quiz = next(q for q in _w.SHOWN if q.quiz.id == {quiz_id!r})\n"
    "_quiz.set_answer(_quiz.quiz.solution())\n"
    "_result = _quiz.check()\n"
    "assert _result.correct, _result.feedback\n"
    "print(_result.score)"
)
# The export button's work: write_export(store, folder) saves a copy in the folder and one in $MEDIALIT_HANDIN.
EXPORT = "from medialit import progress as _p\nprint(_p.write_export(_p.ProgressStore(), '.'))"


def require_hub() -> bool:
    """True when a missing hub prerequisite must fail the run instead of skipping (CI)."""
    return os.environ.get("CI", "").lower() == "true" or os.environ.get("MEDIALIT_REQUIRE_HUB") == "1"


def missing_prerequisite(reason: str) -> None:
    """Skip a test with ``reason`` locally; fail it in CI (``CI=true`` or ``MEDIALIT_REQUIRE_HUB=1``)."""
    import pytest

    if require_hub():
        pytest.fail(f"{reason} (required because CI=true or MEDIALIT_REQUIRE_HUB=1)")
    pytest.skip(reason)


class HubError(RuntimeError):
    """The hub, a server or a kernel did not do what a student needs; the message says which step."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody is listening on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def find_proxy() -> str | None:
    """The configurable-http-proxy command: the project's npm install in .ci/node, else on PATH, else None."""
    local = NODE_BIN / "configurable-http-proxy"
    return str(local) if local.exists() else shutil.which("configurable-http-proxy")


def lesson_cells(path: Path = LESSON_00) -> list[str]:
    """The code cells of a lesson notebook, in order."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]


@dataclass
class StudentRun:
    """What one simulated student did, with times in seconds and memory in bytes (None if not reached)."""

    name: str
    login_to_kernel: float | None = None  # token issued -> server started -> kernel answered kernel_info
    lesson_seconds: float | None = None  # all of lesson 00's code cells
    check_seconds: list[float] = field(default_factory=list)  # each quiz check, request to reply
    export_path: str | None = None
    rss_bytes: int | None = (
        None  # single-user server + kernel: resident set size (shared pages counted in full)
    )
    pss_bytes: int | None = None  # the same, proportional set size (shared pages split between processes)
    reconnects: int = 0  # times the kernel websocket was dropped by the server and reopened
    server_retries: int = 0  # times the student restarted a server that stopped or gave no working kernel
    step: str = "not started"  # the last step begun
    error: str | None = None


class Hub:
    """A JupyterHub on 127.0.0.1 in ``folder``, run as a subprocess; use it as a context manager.

    ``hub.url`` is the proxy's address; ``hub.handin`` the hand-in folder; ``hub.api(...)`` calls the REST
    API as an admin service. Leaving the context stops the hub, its servers and the proxy.
    """

    def __init__(self, folder: Path, startup_timeout: float = 120) -> None:
        self.folder = folder
        self.handin = folder / "handin"
        self.homes = folder / "home"
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.token = secrets.token_hex(32)
        self.marker = uuid.uuid4().hex  # in every server's environment, to find (and end) only our processes
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None

    def _config(self) -> str:
        bin_dir = Path(sys.executable).parent
        return f"""
c = get_config()  # noqa
load_subconfig({str(DEPLOY_CONFIG)!r})
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.hub_port = {free_port()}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.command = [{find_proxy()!r}]
c.JupyterHub.db_url = "sqlite:///{self.folder / "jupyterhub.sqlite"}"
c.JupyterHub.cookie_secret_file = {str(self.folder / "cookie_secret")!r}
c.JupyterHub.pid_file = {str(self.folder / "jupyterhub.pid")!r}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(self.homes)!r} + "/{{username}}"
c.Spawner.cmd = [{str(bin_dir / "jupyterhub-singleuser")!r}]
c.Spawner.args.append("--ServerApp.allow_root=True")
c.Spawner.environment.update({{"MEDIALIT_HUBTEST": {self.marker!r}, "MPLBACKEND": "Agg",
                              "PATH": {str(bin_dir)!r} + ":/usr/bin:/bin"}})
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.JupyterHub.services.append({{"name": "classroom", "api_token": {self.token!r}}})
c.JupyterHub.load_roles.append({{"name": "admin", "services": ["classroom"]}})
"""

    def __enter__(self) -> Hub:
        if find_proxy() is None:
            raise HubError(
                "configurable-http-proxy is missing: npm install --prefix .ci/node configurable-http-proxy"
            )
        self.handin.mkdir(parents=True, exist_ok=True)
        self.homes.mkdir(parents=True, exist_ok=True)
        problem = ""
        for _attempt in range(
            3
        ):  # a port chosen free can be taken by another program before the hub binds it
            problem = self._start()
            if not problem:
                return self
            self.__exit__(None, None, None)
            (self.folder / "jupyterhub.sqlite").unlink(missing_ok=True)
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
        raise HubError(problem)

    def _start(self) -> str:
        """Start the hub and wait until its API answers; "" on success, else what went wrong."""
        import requests

        config = self.folder / "jupyterhub_config.py"
        config.write_text(self._config(), encoding="utf-8")
        env = {**os.environ, "MEDIALIT_HANDIN": str(self.handin)}
        env["PATH"] = f"{Path(sys.executable).parent}:{env.get('PATH', '/usr/bin:/bin')}"
        self.log = (self.folder / "jupyterhub.log").open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(config)],
            cwd=self.folder,
            env=env,
            stdout=self.log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:  # bounded by the startup timeout
            if self.process.poll() is not None:
                return f"the hub exited ({self.process.returncode}):\n{self.log_tail()}"
            try:
                if requests.get(f"{self.url}/hub/api/", timeout=5).ok:
                    return ""
            except requests.RequestException:
                pass
            time.sleep(0.5)
        return f"the hub did not answer within {self.startup_timeout:.0f} s:\n{self.log_tail()}"

    def log_tail(self, lines: int = 40) -> str:
        """The last lines of the hub's log."""
        path = self.folder / "jupyterhub.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def api(self, method: str, path: str, token: str | None = None, **kwargs: Any) -> Any:
        """Call the hub's REST API (``/hub/api`` + path) as the admin service or with ``token``."""
        import requests

        headers = {"Authorization": f"token {token or self.token}"}
        reply = requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs)
        if not reply.ok:
            raise HubError(f"{method} {path}: HTTP {reply.status_code} {reply.text[:200]}")
        return reply.json() if reply.content else None

    def our_processes(self) -> list:
        """The servers and kernels this hub started (found by the marker in their environment)."""
        import psutil

        found = []
        for proc in psutil.process_iter():
            try:
                if proc.environ().get("MEDIALIT_HUBTEST") == self.marker:
                    found.append(proc)
            except (psutil.Error, OSError):
                continue
        return found

    def __exit__(self, *exc: object) -> None:
        import psutil

        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)  # the hub stops its servers and the proxy
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)
        for proc in self.our_processes():  # anything the hub did not stop
            proc.kill()
        proxy_pid = self.folder / "jupyterhub-proxy.pid"  # a proxy left behind by a hub that crashed
        try:
            proxy = psutil.Process(int(proxy_pid.read_text()))
            if "configurable-http-proxy" in " ".join(proxy.cmdline()):
                proxy.kill()
        except (OSError, ValueError, psutil.Error):
            pass
        self.log.close()


class Kernel:
    """A kernel on a student's single-user server, driven through its websocket (the JSON protocol).

    Like JupyterLab, it reconnects when the server drops the websocket (at most ``MAX_RECONNECTS`` times),
    with the same session id, so the server replays the messages it buffered meanwhile; ``reconnects``
    counts how often that happened.
    """

    MAX_RECONNECTS = 3

    def __init__(self, server: str, token: str, timeout: float) -> None:
        import requests

        self.server, self.token, self.timeout = server, token, timeout
        headers = {"Authorization": f"token {token}"}
        reply = requests.post(
            f"{server}/api/kernels", headers=headers, json={"name": "python3"}, timeout=timeout
        )
        if not reply.ok:
            raise HubError(f"starting a kernel: HTTP {reply.status_code} {reply.text[:200]}")
        self.id = reply.json()["id"]
        self.session = uuid.uuid4().hex
        self.reconnects = 0
        self.ws = self._connect()

    def _connect(self):
        import websocket

        url = self.server.replace("http://", "ws://")
        url += f"/api/kernels/{self.id}/channels?session_id={self.session}"
        return websocket.create_connection(
            url, header=[f"Authorization: token {self.token}"], timeout=self.timeout
        )

    def _receive(self, deadline: float, resend: str | None) -> dict:
        """The next message; on a dropped connection, reconnect (and send ``resend`` again, if given)."""
        import websocket

        while True:  # bounded by MAX_RECONNECTS
            self.ws.settimeout(max(0.1, min(self.timeout, deadline - time.monotonic())))
            try:
                return json.loads(self.ws.recv())
            except (websocket.WebSocketConnectionClosedException, ConnectionError):
                if self.reconnects >= self.MAX_RECONNECTS:
                    raise
                self.reconnects += 1
                self.ws = self._connect()
                if resend is not None:
                    self.ws.send(resend)

    def request(self, msg_type: str, content: dict[str, Any], deadline: float) -> tuple[dict, list[dict]]:
        """Send one shell request; return its reply and the iopub messages it caused (until idle)."""
        msg_id = uuid.uuid4().hex
        header = {
            "msg_id": msg_id,
            "msg_type": msg_type,
            "session": self.session,
            "username": "student",
            "version": "5.3",
            "date": datetime.now(timezone.utc).isoformat(),
        }
        frame = json.dumps(
            {"header": header, "parent_header": {}, "metadata": {}, "content": content, "channel": "shell"}
        )
        self.ws.send(frame)
        # A kernel_info_request is safe to send twice; an execution is not (the server replays its replies).
        resend = frame if msg_type == "kernel_info_request" else None
        reply, outputs, idle = None, [], False
        while reply is None or not idle:  # bounded: every receive has a timeout, and the deadline stops it
            if time.monotonic() > deadline:
                raise HubError(f"no reply to {msg_type} before the time limit")
            message = self._receive(deadline, resend)
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            if message["channel"] == "shell":
                reply = message
            elif message["channel"] == "iopub":
                if message["msg_type"] == "status" and message["content"]["execution_state"] == "idle":
                    idle = True
                elif message["msg_type"] in {"stream", "error"}:
                    outputs.append(message)
        return reply, outputs

    def run(self, code: str, deadline: float) -> str:
        """Run ``code``; its printed output, or HubError with the traceback's last line."""
        content = {"code": code, "silent": False, "store_history": True, "user_expressions": {}}
        reply, outputs = self.request("execute_request", {**content, "allow_stdin": False}, deadline)
        if reply["content"]["status"] != "ok":
            detail = reply["content"].get("evalue") or reply["content"]["status"]
            raise HubError(f"the kernel failed on:\n{code}\n{reply['content'].get('ename')}: {detail}")
        return "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")

    def close(self) -> None:
        self.ws.close()


def _start_server(hub: Hub, name: str, token: str, deadline: float) -> bool:
    """Ask the hub to start the student's server and wait; True when it is ready, False if it stopped."""
    hub.api("POST", f"/users/{name}/server", token=token)
    while True:  # bounded by the deadline
        model = hub.api("GET", f"/users/{name}", token=token)
        server = model.get("servers", {}).get("")
        if server and server.get("ready"):
            return True
        if not server and model.get("pending") is None:
            return False
        if time.monotonic() > deadline:
            raise HubError(f"the server for {name} was not ready before the time limit")
        time.sleep(0.5)


def _stop_server(hub: Hub, name: str, token: str, deadline: float) -> None:
    """Ask the hub to stop the student's server, and wait until it has."""
    try:
        hub.api("DELETE", f"/users/{name}/server", token=token)
    except HubError:  # already stopped (the hub may not have noticed yet): the wait below settles it
        pass
    while True:  # bounded by the deadline
        model = hub.api("GET", f"/users/{name}", token=token)
        if not model.get("servers", {}).get("") and model.get("pending") is None:
            return
        if time.monotonic() > deadline:
            raise HubError(f"the server for {name} did not stop before the time limit")
        time.sleep(0.5)


def run_student(hub: Hub, name: str, deadline: float, cells: list[str]) -> StudentRun:
    """One student: log in, start a server, run lesson 00, check its five quizzes, export. Never raises."""
    result = StudentRun(name)
    kernel = None
    started = time.monotonic()
    try:
        result.step = "log in"
        hub.api("POST", f"/users/{name}")
        token = hub.api("POST", f"/users/{name}/tokens", json={"note": "classroom"})["token"]
        kernel = None
        for attempt in range(3):  # bounded: a student restarts a server that gives no kernel, twice at most
            if attempt:  # as from the hub's control panel: Stop My Server, then Start My Server
                result.server_retries += 1
                result.step = "restart the server"
                _stop_server(hub, name, token, deadline)
            result.step = "start a server"
            if not _start_server(hub, name, token, deadline):
                continue
            result.step = "start a kernel"
            try:
                kernel = Kernel(
                    f"{hub.url}/user/{name}", token, timeout=max(1.0, deadline - time.monotonic())
                )
                # A student waits two minutes for a new kernel before giving up on it.
                kernel.request("kernel_info_request", {}, min(deadline, time.monotonic() + KERNEL_PATIENCE))
                break
            except Exception:
                if kernel is not None:
                    kernel.close()
                kernel = None
                if attempt == 2 or time.monotonic() > deadline:
                    raise
        if kernel is None:
            raise HubError(f"the server for {name} stopped while starting, three times:\n{hub.log_tail(15)}")
        result.login_to_kernel = time.monotonic() - started

        result.step = "run lesson 00"
        began = time.monotonic()
        kernel.run(SET_NAME.format(name=name), deadline)
        for code in cells:
            kernel.run(code, deadline)
        result.lesson_seconds = time.monotonic() - began

        for quiz_id in QUIZZES:
            result.step = f"check {quiz_id}"
            began = time.monotonic()
            kernel.run(CHECK.format(quiz_id=quiz_id), deadline)
            result.check_seconds.append(time.monotonic() - began)
        result.step = "export"
        result.export_path = kernel.run(EXPORT, deadline).strip()
        result.step = "done"
    except Exception as exc:  # hub, HTTP and websocket errors alike: reported per student, never lost
        when = time.monotonic() - started
        result.error = f"{result.step}, after {when:.0f} s: {type(exc).__name__}: {exc}"
    finally:
        if kernel is not None:
            result.reconnects = kernel.reconnects
            kernel.close()
    return result


def memory_per_student(hub: Hub) -> dict[str, tuple[int, int]]:
    """Memory of each student's single-user server plus its kernels, by user name: (RSS, PSS) in bytes.

    RSS counts shared library pages once per process; PSS splits them between the processes sharing them,
    so the PSS of all students adds up to the memory they really take (Linux; RSS elsewhere).
    """
    import psutil

    totals: dict[str, tuple[int, int]] = {}
    for proc in hub.our_processes():
        try:
            user = proc.environ().get("JUPYTERHUB_USER", "?")
            info = proc.memory_full_info()
            rss, pss = totals.get(user, (0, 0))
            totals[user] = (rss + info.rss, pss + getattr(info, "pss", info.rss))
        except psutil.Error:
            continue
    return totals


def run_class(hub: Hub, students: int, time_limit: float, prefix: str = "student") -> list[StudentRun]:
    """``students`` students at once (one thread each), all stopped by ``time_limit`` seconds from now."""
    deadline = time.monotonic() + time_limit
    cells = lesson_cells()
    names = [f"{prefix}{n:02d}" for n in range(1, students + 1)]
    results: dict[str, StudentRun] = {}

    def one(name: str) -> None:
        results[name] = run_student(hub, name, deadline, cells)

    threads = [threading.Thread(target=one, args=(name,), daemon=True) for name in names]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 30)
    memory = memory_per_student(hub)
    runs = [
        results.get(name) or StudentRun(name, error="did not finish before the time limit") for name in names
    ]
    for run in runs:
        run.rss_bytes, run.pss_bytes = memory.get(run.name, (None, None))
    return runs
