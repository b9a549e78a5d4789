"""Student mode: serve the lessons with Voilà (quizzes and text, no code cells) on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from .errors import MedialitError

ROOT = Path(__file__).resolve().parent.parent
LESSONS = ROOT / "lessons"
HOST = "127.0.0.1"

__all__ = [
    "LESSONS",
    "UnknownLessonError",
    "lesson_names",
    "resolve_lesson",
    "serve",
    "url",
    "voila_command",
    "voila_environment",
    "write_template",
]


class UnknownLessonError(MedialitError, ValueError):
    """A lesson name that matches no notebook in lessons/."""


def lesson_names(folder: Path = LESSONS) -> list[str]:
    """The lessons' names (notebook file names without .ipynb), in order."""
    return sorted(p.stem for p in folder.glob("*.ipynb") if not p.name.startswith("."))


def resolve_lesson(lesson: str, folder: Path = LESSONS) -> Path:
    """The notebook for ``lesson``: its full name ("01-Loaded-Language", ".ipynb" optional) or number ("01")."""
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


def voila_command(lesson: str | None, port: int, open_browser: bool, folder: Path = LESSONS) -> list[str]:
    """The command that runs Voilà on 127.0.0.1:``port`` over ``folder`` (the index) or one lesson.

    Source cells stay hidden (Voilà's default) and the port is not silently changed when it is
    taken, so the printed address is always the right one. The template is :data:`TEMPLATE`, found
    through $JUPYTER_PATH (see :func:`voila_environment`).
    """
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
        f"--Voila.open_browser={open_browser}",
        f"--VoilaConfiguration.template={TEMPLATE}",
        "--VoilaConfiguration.strip_sources=True",
    ]
    if _running_as_root() and _voila_knows("allow_root"):
        command.append("--Voila.allow_root=True")  # Voilà 0.5's own server has no root check; later ones may
    return command


def voila_environment(template_root: Path) -> dict[str, str]:
    """This process's environment (so $MEDIALIT_PROGRESS reaches the kernels), with the template's folder
    first on $JUPYTER_PATH."""
    env = dict(os.environ)
    env["JUPYTER_PATH"] = os.pathsep.join(p for p in (str(template_root), env.get("JUPYTER_PATH", "")) if p)
    return env


def _voila_knows(option: str) -> bool:
    """Whether this Voilà has a ``--Voila.<option>`` setting."""
    from voila.app import Voila

    return option in Voila.class_trait_names()


def url(port: int) -> str:
    """The address students open: the start page listing the lessons, or the one lesson served."""
    return f"http://{HOST}:{port}/"


def serve(lesson: str | None, port: int = 8866, open_browser: bool = True, folder: Path = LESSONS) -> int:
    """Run Voilà on 127.0.0.1:``port`` until Ctrl+C; return its exit code.

    With no ``lesson`` the start page lists every lesson in ``folder``; with one ("01-Loaded-Language"
    or "01") only that lesson is served. Answers are saved as in JupyterLab: the kernel's ProgressStore
    writes to $MEDIALIT_PROGRESS (or ~/.medialit/progress.json), which the kernel inherits from here.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise MedialitError(f"there is no lessons folder at {folder}")
    what = f"lesson {resolve_lesson(lesson, folder).stem}" if lesson else "the lessons (start page: the list)"
    with tempfile.TemporaryDirectory(prefix="medialit-voila-") as tmp:
        command = voila_command(lesson, port, open_browser, folder)
        env = voila_environment(write_template(Path(tmp)))
        print(f"[medialit] serving {what} with Voilà at {url(port)}", flush=True)
        print("[medialit] open that address in a browser; stop with Ctrl+C", flush=True)
        return _run(command, cwd=folder, env=env)


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
