"""Render a lesson headless (nbclient) and list each quiz with the text of the outputs around it.

The basis of the "answers stay hidden until asked" test: what a student sees before checking anything is the
lesson as executed, with every widget in its first state (Voilà shows all of it at once). Widgets' text comes
from the widget state nbclient stores in the notebook's metadata.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

_WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
_WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_BLOCK = re.compile(r"<(?:br|/p|/tr|/li|/div|/h\d|/caption|/blockquote)[^>]*>", re.I)


def html_text(markup: str) -> str:
    """Visible text of HTML: block ends become line breaks, cells are separated, tags dropped, entities read."""
    text = _BLOCK.sub("\n", markup)
    text = re.sub(r"</t[dh]>", " \t ", text, flags=re.I)
    return html.unescape(re.sub(r"<[^>]+>", "", text))


@dataclass
class Shown:
    """One output as a student sees it: its cell, its text, whether it is a picture, and the cell's code."""

    cell: int
    text: str
    image: bool
    source: str
    quiz_id: str | None = None  # set when the output is a quiz widget


@dataclass
class QuizContext:
    """A quiz in a rendered lesson, with the outputs above it, beside it (same cell) and below it."""

    quiz_id: str
    cell: int
    above: list[Shown] = field(default_factory=list)
    beside: list[Shown] = field(default_factory=list)
    below: list[Shown] = field(default_factory=list)


def render(path: str | Path, timeout: int = 240) -> nbformat.NotebookNode:
    """Execute a notebook in a fresh kernel, in its own folder, keeping widget state; returns it."""
    path = Path(path)
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        store_widget_state=True,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    return notebook


def _widget_text(states: dict[str, Any], model_id: str, seen: set[str]) -> tuple[str, str | None]:
    """The visible text of a widget and its children, and the quiz id if it is a quiz."""
    if model_id in seen or model_id not in states:
        return "", None
    seen.add(model_id)
    state = states[model_id].get("state", {})
    parts, quiz_id = [], None
    for name in state.get("_dom_classes", ()):
        if name.startswith("quiz-"):
            quiz_id = name[len("quiz-") :]
    for key in ("description", "value"):
        value = state.get(key)
        if isinstance(value, str) and value:
            parts.append(html_text(value))
    labels = state.get("_options_labels")
    if labels:
        parts.append("\n".join(str(label) for label in labels))
    for child in state.get("children", ()):
        if isinstance(child, str) and child.startswith("IPY_MODEL_"):
            text, inner = _widget_text(states, child[len("IPY_MODEL_") :], seen)
            parts.append(text)
            quiz_id = quiz_id or inner
    return "\n".join(p for p in parts if p), quiz_id


def shown_outputs(notebook: nbformat.NotebookNode) -> list[Shown]:
    """Every output of an executed notebook, in order, as text (widgets in their first state)."""
    states = notebook.metadata.get("widgets", {}).get(_WIDGET_STATE, {}).get("state", {})
    shown = []
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if output.get("output_type") == "stream":
                shown.append(Shown(index, output.get("text", ""), False, cell.source))
            elif _WIDGET_VIEW in data:
                text, quiz_id = _widget_text(states, data[_WIDGET_VIEW]["model_id"], set())
                shown.append(Shown(index, text, False, cell.source, quiz_id))
            elif data:
                image = any(kind.startswith("image/") for kind in data)
                if "text/html" in data:
                    text = html_text("".join(data["text/html"]))
                elif "text/markdown" in data:
                    text = "".join(data["text/markdown"])
                else:
                    text = "" if image else "".join(data.get("text/plain", ""))
                shown.append(Shown(index, text, image, cell.source))
    return shown


def quiz_contexts(notebook: nbformat.NotebookNode) -> list[QuizContext]:
    """Each quiz widget in the rendered lesson, in order, with the other outputs above, beside and below it."""
    shown = shown_outputs(notebook)
    contexts = []
    for quiz in (s for s in shown if s.quiz_id):
        others = [s for s in shown if s is not quiz and not s.quiz_id]
        contexts.append(
            QuizContext(
                quiz.quiz_id,
                quiz.cell,
                above=[s for s in others if s.cell < quiz.cell],
                beside=[s for s in others if s.cell == quiz.cell],
                below=[s for s in others if s.cell > quiz.cell],
            )
        )
    return contexts
