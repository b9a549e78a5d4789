"""Student mode: serve the lessons with Voilà (quizzes and text, no code cells) on 127.0.0.1."""

from __future__ import annotations

import errno
import html
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import webbrowser
from pathlib import Path
from typing import Any

from .errors import MedialitError
from .lessons import TEACHER_PREFIX, student_lessons

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
HOST = "127.0.0.1"
#: Host names (besides loopback addresses) a request may name in its Host header; any other is refused.
LOCAL_HOSTNAMES = ("localhost",)
#: Seconds a kernel may sit idle with no page connected before it is shut down (0: never).
CULL_IDLE = 600
#: Cell tags whose cells student mode leaves out altogether (markdown and code alike; code is not run):
#: "your-turn" marks an optional coding exercise, its introduction and its code cell (COURSE-PLAN rule 5).
STUDENT_MODE_HIDDEN_TAGS = ("your-turn",)

__all__ = [
    "CULL_IDLE",
    "LESSONS",
    "LOCAL_HOSTNAMES",
    "STUDENT_MODE_HIDDEN_TAGS",
    "PortError",
    "UnknownLessonError",
    "check_port",
    "lesson_names",
    "new_token",
    "resolve_lesson",
    "serve",
    "set_xsrf_cookie",
    "url",
    "voila_command",
    "voila_config",
    "voila_environment",
    "write_template",
]


class UnknownLessonError(MedialitError, ValueError):
    """A lesson name that matches no notebook in lessons/."""


class PortError(MedialitError, OSError):
    """The port asked for cannot be used (taken, privileged or out of range); the message names --port."""


def lesson_names(folder: Path = LESSONS) -> list[str]:
    """The lessons' names (notebook file names without .ipynb), in order; teachers' notebooks are left out."""
    return [p.stem for p in student_lessons(folder)]


def resolve_lesson(lesson: str, folder: Path = LESSONS) -> Path:
    """The notebook for ``lesson``: its full name ("01-Loaded-Words", ".ipynb" optional) or number ("01")."""
    names = lesson_names(folder)
    wanted = Path(lesson.strip()).name.removesuffix(".ipynb")
    matches = [n for n in names if n == wanted]
    if not matches and wanted.isdigit():
        matches = [
            n for n in names if n.split("-", 1)[0].isdigit() and int(n.split("-", 1)[0]) == int(wanted)
        ]
    if len(matches) != 1:
        listing = ", ".join(names) if names else f"none (no notebooks in {folder})"
        raise UnknownLessonError(f"no lesson called {lesson!r}. The lessons are: {listing}")
    return folder / f"{matches[0]}.ipynb"


def _running_as_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


# Voilà's "lab" template links Font Awesome from a CDN although its own bundle already carries the
# icons; on a school network that blocks the CDN those links can hold up the page. This template is
# "lab" with every CDN line taken out, so the student app needs nothing but 127.0.0.1.
TEMPLATE = "medialit"
_TEMPLATE_FILES = {
    "conf.json": json.dumps({"base_template": "lab"}),
    "index.html.j2": """{%- extends 'lab/index.html.j2' -%}
{%- block notebook_css -%}
{%- for line in super().split('\\n') if '//cdn.' not in line %}
{{ line }}
{%- endfor -%}
{%- endblock notebook_css -%}
""",
    # Voilà's base page.html (the index's frame) with its CDN <link> left out and the lab stylesheets.
    "page.html": """<!DOCTYPE HTML>
<html>
  <head>
    <meta charset="utf-8">
    <title>{% block title %} Voilà {% endblock %}</title>
    <meta http-equiv="X-UA-Compatible" content="IE=edge" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0">
    {% block stylesheets %}
    {% if include_css %}
      {{ include_css("static/index.css") }}
      {% if theme == 'dark' %}{{ include_css("static/theme-dark.css") }}
      {% elif theme == 'light' %}{{ include_css("static/theme-light.css") }}
      {% else %}{{ include_lab_theme(theme) }}{% endif %}
    {% endif %}
    {% endblock %}
    {% block meta %}{% endblock %}
  </head>
  <body data-base-url="{{ base_url }}voila/" data-voila="voila">
    <noscript><div id='noscript'>{% trans %} Voilà requires JavaScript. Please enable it to proceed. {% endtrans %}</div></noscript>
    <div>{% block body %}{% endblock %}</div>
    {% block scripts %}{% endblock %}
  </body>
</html>
""",
}


def write_template(root: Path) -> Path:
    """Write the CDN-free Voilà template under ``root`` (a Jupyter data folder); return ``root``."""
    folder = root / "voila" / "templates" / TEMPLATE
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in _TEMPLATE_FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return root


def voila_command(
    lesson: str | None, port: int, open_browser: bool, folder: Path = LESSONS, cull_idle: int = CULL_IDLE
) -> list[str]:
    """The command that runs Voilà on 127.0.0.1:``port`` over ``folder`` (the index) or one lesson.

    Source cells stay hidden (Voilà's default) and the port is not silently changed when it is
    taken, so the printed address is always the right one. The template is :data:`TEMPLATE`, found
    through $JUPYTER_PATH (see :func:`voila_environment`). A token is required (Voilà's ``auto_token``;
    the token itself comes from $JUPYTER_TOKEN, so it never shows in the process list). Kernels idle for
    ``cull_idle`` seconds with no page connected are shut down (jupyter_server's
    ``MappingKernelManager.cull_idle_timeout``; 0 turns this off). ``open_browser`` is accepted for
    compatibility and ignored: Voilà would open its address without the token, so :func:`serve` opens it.
    """
    del open_browser
    target = [resolve_lesson(lesson, folder).name] if lesson else []
    command = [
        sys.executable,
        "-m",
        "voila",
        *target,
        f"--Voila.ip={HOST}",
        f"--Voila.port={port}",
        "--Voila.port_retries=0",
        f"--Voila.root_dir={folder}",
        "--Voila.open_browser=False",
        "--Voila.auto_token=True",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.strip_sources=True",
        f"--MappingKernelManager.cull_idle_timeout={max(0, int(cull_idle))}",
        f"--MappingKernelManager.cull_interval={max(1, min(60, int(cull_idle) // 2))}",
    ]
    if _running_as_root() and _voila_knows("allow_root"):
        command.append("--Voila.allow_root=True")  # Voilà 0.5's own server has no root check; later ones may
    return command


def voila_config() -> str:
    """A ``voila.py`` with the settings that cannot be given on a command line.

    - The Host header check: Voilà's own server turns jupyter_server's check off
      (``allow_remote_access=True``); these tornado settings turn it back on, so a request whose Host is
      not 127.0.0.1, ::1 or :data:`LOCAL_HOSTNAMES` (a DNS-rebinding page, say) gets 403 even when its
      Origin matches.
    - :func:`set_xsrf_cookie` as Voilà's ``prelaunch_hook``, so closing a page shuts its kernel down.
    - Teachers' notebooks (``Teacher-*``, :data:`medialit.lessons.TEACHER_PREFIX`) left out of the index
      (jupyter_server's ``ContentsManager.hide_globs``, its defaults kept): students see only lessons.
    - Cells tagged with one of :data:`STUDENT_MODE_HIDDEN_TAGS` are removed before the notebook runs, by
      nbconvert's ``TagRemovePreprocessor`` (one of the exporter's default preprocessors, which Voilà runs
      on the notebook before the template executes its cells): a hidden "Your turn" cell is neither shown
      nor run, so a placeholder such as ``x = ...`` never prints anything.
    """
    settings = {"allow_remote_access": False, "local_hostnames": list(LOCAL_HOSTNAMES)}
    hidden = ["__pycache__", "*.pyc", "*.pyo", ".DS_Store", "*~", f"{TEACHER_PREFIX}*"]
    return (
        "# Written by medialit.present for one run of student mode.\n"
        f"c.Voila.tornado_settings = {settings!r}\n"
        f"c.ContentsManager.hide_globs = {hidden!r}\n"
        "from medialit.present import set_xsrf_cookie\n"
        "c.VoilaConfiguration.prelaunch_hook = set_xsrf_cookie\n"
        "c.TagRemovePreprocessor.enabled = True\n"
        f"c.TagRemovePreprocessor.remove_cell_tags = {set(STUDENT_MODE_HIDDEN_TAGS)!r}\n"
    )


def set_xsrf_cookie(request: Any, notebook: Any = None, cwd: str | None = None) -> None:
    """Voilà prelaunch hook: have tornado set its ``_xsrf`` cookie along with the lesson's page.

    When a page closes, Voilà's front end asks the server to shut the page's kernel down, sending the
    ``_xsrf`` cookie's value; a page opened straight from the printed address never got that cookie,
    so the request was refused (403) and the kernel kept running. Reading ``xsrf_token`` sets it.
    Returns None: the notebook is left as it is.
    """
    del notebook, cwd
    _ = request.xsrf_token


def voila_environment(template_root: Path, token: str | None = None) -> dict[str, str]:
    """This process's environment (so $MEDIALIT_PROGRESS reaches the kernels), with the template's folder
    first on $JUPYTER_PATH, and the ``token`` in $JUPYTER_TOKEN when one is given."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(template_root), env.get("JUPYTER_PATH", "")) if p)
    if token is not None:
        env["JUPYTER_TOKEN"] = token
    return env


def new_token() -> str:
    """A fresh random token for one run of student mode (32 URL-safe characters)."""
    return secrets.token_urlsafe(24)


def check_port(port: int) -> None:
    """Raise :class:`PortError` (one line, naming ``--port``) if 127.0.0.1:``port`` cannot be listened on."""
    if not 1 <= port <= 65535:
        raise PortError(f"port {port} does not exist; choose one from 1024 to 65535 with --port")
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as Voilà's server does
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise PortError(
                    f"port {port} is already in use (is student mode already running?); "
                    f"choose another with --port, for example --port {port + 1 if port < 65535 else 8867}"
                ) from None
            if exc.errno == errno.EACCES:
                raise PortError(
                    f"port {port} needs administrator rights; choose one above 1023 with --port"
                ) from None
            raise PortError(
                f"port {port} cannot be used ({exc.strerror}); choose another with --port"
            ) from None


def _voila_knows(option: str) -> bool:
    """Whether this Voilà has a ``--Voila.<option>`` setting."""
    from voila.app import Voila

    return option in Voila.class_trait_names()


def url(port: int, token: str | None = None) -> str:
    """The address students open: the start page listing the lessons, or the one lesson served; with the
    token in it when one is given, as JupyterLab prints its address."""
    return f"http://{HOST}:{port}/" + (f"?token={token}" if token else "")


def serve(
    lesson: str | None,
    port: int = 8866,
    open_browser: bool = True,
    folder: Path = LESSONS,
    cull_idle: int = CULL_IDLE,
) -> int:
    """Run Voilà on 127.0.0.1:``port`` until Ctrl+C; return its exit code.

    With no ``lesson`` the start page lists every lesson in ``folder``; with one ("01-Loaded-Words"
    or "01") only that lesson is served. Answers are saved as in JupyterLab: the kernel's ProgressStore
    writes to $MEDIALIT_PROGRESS (or its default), which the kernel inherits from here. Every request needs
    the token printed in the address; requests naming another host are refused; kernels idle for
    ``cull_idle`` seconds with no page open are shut down. Raises :class:`PortError` if the port is taken.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise MedialitError(f"there is no lessons folder at {folder}")
    what = f"lesson {resolve_lesson(lesson, folder).stem}" if lesson else "the lessons (start page: the list)"
    check_port(port)
    token = new_token()
    with tempfile.TemporaryDirectory(prefix="medialit-voila-") as tmp:
        root = Path(tmp)
        (root / "voila.py").write_text(voila_config(), encoding="utf-8")
        command = [
            *voila_command(lesson, port, False, folder, cull_idle),
            f"--Voila.config_file_paths={root}",
        ]
        env = voila_environment(write_template(root), token)
        address = url(port, token)
        print(f"[medialit] serving {what} with Voilà at {address}", flush=True)
        print("[medialit] open that address (with its token) in a browser; stop with Ctrl+C", flush=True)
        opener = _open_when_ready(port, address, root) if open_browser else None
        try:
            return _run(command, cwd=folder, env=env)
        finally:
            if opener is not None:
                opener.join(timeout=1)


def _open_when_ready(port: int, address: str, folder: Path) -> threading.Thread:
    """Open ``address`` in the default browser once the server answers, through a file in ``folder``
    (readable only by this user) so the token is not on a command line that others can see."""
    page = folder / "open.html"
    target = html.escape(address, quote=True)
    page.write_text(
        f'<!DOCTYPE html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url={target}">'
        f'<title>medialit</title><p><a href="{target}">Open the lessons</a></p>',
        encoding="utf-8",
    )

    def wait_then_open() -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}/login", timeout=2):
                    pass
            except urllib.error.HTTPError:
                pass  # it answers, if not with 200
            except OSError:
                time.sleep(0.25)
                continue
            webbrowser.open(page.as_uri())
            return

    thread = threading.Thread(target=wait_then_open, daemon=True)
    thread.start()
    return thread


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> int:
    """Run Voilà and wait; Ctrl+C or SIGTERM here stops it (and so its kernels) rather than orphaning it."""
    process = subprocess.Popen(command, cwd=cwd, env=env)

    def forward(signum: int, _frame: object) -> None:
        process.send_signal(signum)

    try:
        previous = signal.signal(signal.SIGTERM, forward)
    except ValueError:  # not the main thread: leave signals alone
        previous = None
    try:
        return process.wait()
    except KeyboardInterrupt:  # Voilà got the same Ctrl+C: give it time to shut its kernels down
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=15)
        return 0
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        if process.poll() is None:
            process.kill()
