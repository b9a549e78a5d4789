"""The widgets for the designed displays: held-back content, a free-text answer box, and show_* helpers."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
from IPython.display import HTML, display

from ..quiz import get_quiz
from . import reveal
from .article import article_html, text_html
from .content import content_html, figure_html
from .fragment import HTMLFragment
from .responses import lesson_for, save_text, saved_text
from .tables import counts_html, table_html
from .theme import BORDER, MUTED


def _default_store(store: Any) -> Any:
    # the lesson's one shared store; imported late because widgets.py imports this module
    from ..widgets import _store

    return _store(store)


def _as_widgets(item: Any) -> list[widgets.Widget]:
    """One piece of content as widgets; a callable is called now, and pyplot figures it opens are shown."""
    if isinstance(item, widgets.Widget):
        return [item]
    if callable(item) and not hasattr(item, "_repr_html_"):
        import matplotlib.pyplot as plt

        before = set(plt.get_fignums())
        result = item()
        new = [plt.figure(n) for n in plt.get_fignums() if n not in before]
        if result is None:
            return [widgets.HTML(value=figure_html(f)) for f in new]
        for figure in new:  # a figure the callable opened besides the one it returned: not shown twice later
            if figure is not getattr(result, "figure", result):
                plt.close(figure)
        return _as_widgets(result)
    return [widgets.HTML(value=content_html(item))]


class RevealView(widgets.VBox):
    """Content held in the kernel until quiz ``quiz_id`` is checked or its answer shown, then shown for good.

    It opens already revealed when ``store`` has a checked attempt or a reveal for the quiz, or the quiz was
    answered earlier in this kernel. ``revealed`` says whether the content is showing.
    """

    def __init__(self, quiz_id: str, content: Sequence[Any], store: Any = None) -> None:
        get_quiz(quiz_id)  # an unknown id is the author's mistake: say so now, not when nothing ever appears
        self.quiz_id, self._content, self.revealed = quiz_id, list(content), False
        self.waiting = widgets.HTML(
            value=f'<p role="note" style="color:{MUTED};border-left:4px solid {BORDER};padding:0.25em 0.75em;'
            f'margin:0.5em 0"><em>⏳ {reveal.WAITING}</em></p>'
        )
        super().__init__([self.waiting])
        self.add_class("medialit-reveal")
        self.add_class(f"reveal-{quiz_id}")
        if reveal.answered_here(quiz_id) or reveal.stored_answer(store, quiz_id):
            self.show_content()
        else:
            reveal.on_answered(quiz_id, self._answered)

    def _answered(self, quiz_id: str, how: str) -> None:
        self.show_content()

    def show_content(self) -> None:
        """Replace the waiting line with the content (a problem with one piece is shown in its place)."""
        if self.revealed:
            return
        children: list[widgets.Widget] = []
        for item in self._content:
            try:
                children.extend(_as_widgets(item))
            except Exception as exc:
                children.append(widgets.HTML(value=content_html(f"⚠ This part could not be shown: {exc}")))
        self.children = tuple(children)
        self.revealed = True


def reveal_view(quiz_id: str, *content: Any, store: Any = None) -> RevealView:
    """The widget behind :func:`reveal_after`, not yet displayed (``store``: the lesson's store by default)."""
    return RevealView(quiz_id, content, _default_store(store))


def reveal_after(quiz_id: str, *content: Any, store: Any = None) -> None:
    """Display ``content`` only once quiz ``quiz_id`` has been checked or its answer shown.

    ``content``: Markdown text (``str``, raw HTML escaped); a table or article from ``table_html`` /
    ``counts_html`` / ``article_html``; a matplotlib Figure or Axes; an ipywidgets Widget; or a function
    returning one of these (called when revealed, so a chart is drawn only then). Until then a short line
    says to answer the quiz first. Works in JupyterLab and Voilà: the content waits in the kernel.
    Raises UnknownQuizError (a MedialitError) for an unknown quiz id.
    """
    display(reveal_view(quiz_id, *content, store=store))


class ResponseBox(widgets.VBox):
    """A question, a box for a written answer, and Save: saved with ``store.save_response`` for the teacher."""

    def __init__(self, response_id: str, prompt: str, lesson: str, store: Any) -> None:
        self.response_id, self.prompt, self.lesson, self.store = response_id, prompt, lesson, store
        self.question = widgets.HTML(value=content_html(prompt))
        self.text_input = widgets.Textarea(
            value=saved_text(store, response_id),
            placeholder="Write your answer here.",
            layout=widgets.Layout(width="100%", height="7em"),
        )
        self.save_button = widgets.Button(
            description="Save",
            icon="save",
            button_style="primary",
            tooltip="Save your answer for your teacher",
        )
        self.message = widgets.HTML(value="")
        self.save_button.on_click(lambda _: self.save())
        if self.text_input.value:
            self.message.value = self._line("↺ Your saved answer is in the box.", MUTED)
        super().__init__([self.question, self.text_input, self.save_button, self.message])
        self.add_class("medialit-response")
        self.add_class(f"response-{response_id}")

    @staticmethod
    def _line(text: str, colour: str) -> str:
        import html

        return f'<div role="status" aria-live="polite" style="color:{colour}">{html.escape(text)}</div>'

    def save(self) -> bool:
        """Save the box's text; the message says whether it worked. Returns True when saved."""
        ok, sentence = save_text(
            self.store, self.response_id, self.lesson, self.text_input.value, self.prompt
        )
        self.message.value = self._line(("✓ " if ok else "✗ ") + sentence, "#006400" if ok else "#B00020")
        return ok


def response_box(response_id: str, prompt: str, lesson: str | None = None, store: Any = None) -> ResponseBox:
    """The widget behind :func:`show_response`. Raises ValueError when no lesson is given or can be inferred."""
    lesson = lesson or lesson_for(response_id)
    if not lesson:
        raise ValueError(f"say which lesson {response_id!r} belongs to: show_response(..., lesson='06-...')")
    return ResponseBox(response_id, prompt, lesson, _default_store(store))


def show_response(response_id: str, prompt: str, lesson: str | None = None, store: Any = None) -> None:
    """Display a free-text question with a Save button; the answer goes into the teacher's export.

    ``prompt`` is Markdown. ``lesson`` defaults to the lesson numbered in the id ("l06-…" → lesson 06).
    """
    display(response_box(response_id, prompt, lesson, store))


def show_table(
    rows: Iterable[Mapping[str, Any] | Sequence[Any]],
    columns: Sequence[str] | None = None,
    caption: str | None = None,
) -> None:
    """Display rows as a designed, escaped table (see ``medialit.display.tables.table_html``)."""
    display(HTML(table_html(rows, columns, caption)))


def show_counts(
    counts: Mapping[str, int], caption: str | None = None, label: str = "", value: str = "Count"
) -> None:
    """Display a Counter / FreqDist / dict of counts as a table, largest first."""
    display(HTML(counts_html(counts, caption, label, value)))


def show_article(article_id: str, start_sentence: int | None = None, end_sentence: int | None = None) -> None:
    """Display an article (or sentences start..end, counted from 0) in a readable font, about 70 characters a line."""
    display(HTML(article_html(article_id, start_sentence, end_sentence)))


def show_text(text: str) -> None:
    """Display plain text (notes, a definition, a disclaimer) escaped, in the reading font: never monospace."""
    display(HTML(text_html(text)))


__all__ = [
    "HTMLFragment",
    "ResponseBox",
    "RevealView",
    "response_box",
    "reveal_after",
    "reveal_view",
    "show_article",
    "show_counts",
    "show_response",
    "show_table",
    "show_text",
]
