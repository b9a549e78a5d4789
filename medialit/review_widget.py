"""The teacher's review widget: load an article, decide on the machine's marks, save the key, make the lesson.

A thin layer over :mod:`medialit.authoring`: every decision is a call on a
:class:`~medialit.authoring.ReviewSession`, which checks it and saves the draft
at once, so a closed tab loses nothing. This module only shows the session and
turns clicks into those calls. Headless use (tests): set the inputs' values and
call the methods the buttons call (``start``, ``accept``, ``reject``,
``save_changes``, ``add_selected``, ``save_key``, ``make_lesson``).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .authoring import CHOICES, MAIN_FIELD, ReviewSession, load_draft, resume_or_propose
from .authoring.article import check_has_sentences
from .authoring.key import save_key
from .authoring.lesson import make_lesson
from .errors import MedialitError
from .ingest import is_link, read_bytes, read_link
from .teacher_lessons import suggest_id
from .widgets import GREEN, RED, TEXT, TEXT2, _message, _text, text_units
from .wording import readable
from .wordpicker import WordPicker

__all__ = ["DRAFTS", "ReviewWidget", "draft_path_for", "mark_card_html", "review_widget"]

#: The folder (inside the widget's folder) where each article's review draft is kept.
DRAFTS = "review-drafts"
MAX_UPLOAD_BYTES = 5_000_000  # an article's file; larger ones are refused with a message
_WIDE = {"description_width": "initial"}
_KIND_NAMES = {"loaded": "Loaded language", "statistic": "A number", "sentence": "A sentence"}
_VALUE_NAMES = {"loaded": "Category:", "statistic": "Who says so?", "sentence": "Label:"}
_DECISION_WORDS = {
    "pending": "not reviewed yet",
    "accepted": "accepted",
    "rejected": "rejected: left out of the key",
    "changed": "changed by you",
    "added": "added by you",
}
# A visible focus ring for the review's own controls (2px in the text colour, as medialit.choicegroup's).
_STYLE = """<style>
.medialit-review button:focus-visible, .medialit-review input:focus-visible,
.medialit-review select:focus-visible, .medialit-review textarea:focus-visible {
  outline: 2px solid var(--jp-content-font-color1, #111) !important;
  outline-offset: 2px !important;
}
</style>"""


def draft_path_for(folder: Path, text: str) -> Path:
    """Where the review of ``text`` is saved: one draft per article, named by a hash of its text."""
    return folder / DRAFTS / f"review-{hashlib.sha256(text.encode('utf-8')).hexdigest()[:16]}.json"


def _short(text: str, limit: int = 80) -> str:
    """``text`` cut to ``limit`` characters at a space, with "…" when it was cut."""
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def mark_card_html(session: ReviewSession, index: int) -> str:
    """One mark as the teacher sees it: what kind, the call, the decision so far, in context, and why; escaped."""
    mark = session.marks[index]
    if mark.kind == "sentence":
        quoted = _text(mark.text)
    else:
        before, marked, after = session.context(index)
        quoted = f"{_text(before)}<strong><u>{_text(marked)}</u></strong>{_text(after)}"
    who = "the machine" if mark.origin == "machine" else "you"
    rows = [
        ("Marked by", who),
        (_VALUE_NAMES[mark.kind].rstrip(":?"), readable(mark.value) or "(none)"),
        ("Decision", _DECISION_WORDS[mark.decision]),
    ]
    if mark.kind == "loaded" and mark.alternative:
        rows.append(("Neutral wording", mark.alternative))
    if mark.kind == "statistic" and mark.source:
        rows.append(("Source named", mark.source))
    if mark.acceptable:
        rows.append(("Debatable", "yes: students earn credit either way"))
    table = "".join(
        f'<tr><th scope="row" style="text-align:left;padding:1px 8px 1px 0">{_text(k)}</th>'
        f"<td>{_text(v)}</td></tr>"
        for k, v in rows
    )
    reason = _text(mark.reason) if mark.reason else "<em>(no reason given yet)</em>"
    return (
        f'<div class="medialit-review-card" style="color:{TEXT};line-height:1.5">'
        f'<h4 style="margin:0.3em 0">Mark {index + 1} of {len(session.marks)}: '
        f"{_text(_KIND_NAMES[mark.kind])} · “{_text(_short(mark.text))}”</h4>"
        f'<blockquote style="border-left:4px solid {TEXT2};margin:0.25em 0;padding:0.25em 0.75em;'
        f"font-family:Georgia,'DejaVu Serif',serif;max-width:70ch\">{quoted}</blockquote>"
        f'<table style="border-collapse:collapse">{table}</table>'
        f"<p><strong>Why:</strong> {reason}</p></div>"
    )


def _section(name: str, heading: str, *children: widgets.Widget) -> widgets.VBox:
    """One step of the review, under its heading, with the class ``medialit-review-<name>``."""
    box = widgets.VBox([widgets.HTML(heading), *children])
    box.add_class(f"medialit-review-{name}")
    return box


class ReviewWidget(widgets.VBox):
    """Load an article, review the machine's marks one by one, add missed ones, save the key, make the lesson.

    ``folder`` holds the review drafts (``review-drafts/``); the newest draft there is resumed at once. The
    key and lesson go where :func:`medialit.authoring.key.save_key` puts them (``teacher-lessons/<id>/``)
    unless ``lessons_folder`` is given. ``session`` is the review in progress (None before an article is
    loaded) and ``index`` the mark shown.
    """

    def __init__(
        self, folder: str | Path = ".", annotator: str = "", lessons_folder: str | Path | None = None
    ) -> None:
        self.folder = Path(folder)
        self.lessons_folder = Path(lessons_folder) if lessons_folder is not None else None
        self.session: ReviewSession | None = None
        self.index = 0
        self.saved_to: Path | None = None
        self.lesson_path: Path | None = None
        self._article_source: Any = None  # the Article last loaded from a file or link

        # --- loading ---
        self.title_input = widgets.Text(description="Title:", placeholder="the headline", style=_WIDE)
        self.text_input = widgets.Textarea(
            description="Article text:",
            placeholder="Paste the article's text here (headline first), or load a file or a link below.",
            style=_WIDE,
            layout=widgets.Layout(width="100%", height="10em"),
        )
        self.file_input = widgets.FileUpload(
            accept=".txt,.html,.htm,.pdf,.docx", multiple=False, description="Load a file"
        )
        self.link_input = widgets.Text(
            description="Or a link:",
            placeholder="https://… (fetched only when you press Fetch)",
            style=_WIDE,
            layout=widgets.Layout(width="60%"),
        )
        self.fetch_button = widgets.Button(
            description="Fetch", icon="download", tooltip="Fetch this page now"
        )
        self.start_button = widgets.Button(
            description="Find the marks",
            icon="search",
            button_style="primary",
            tooltip="Run the detectors on the article and start the review",
            layout=widgets.Layout(width="auto"),
        )
        self.load_message = widgets.HTML()
        self.file_input.observe(self._uploaded, names="value")
        self.fetch_button.on_click(lambda _: self.fetch())
        self.start_button.on_click(lambda _: self.start())

        # --- reviewing one mark ---
        self.progress = widgets.HTML()
        self.card = widgets.HTML()
        self.previous_button = self._button("Previous", "arrow-left", "Show the mark before", self.previous)
        self.next_button = self._button("Next", "arrow-right", "Show the next mark", self.next)
        self.pending_button = self._button(
            "Next to review", "forward", "Show the next mark nobody has decided on", self.next_pending
        )
        self.accept_button = self._button(
            "Accept", "check", "Keep this mark as it is", self.accept, "success"
        )
        self.reject_button = self._button("Reject", "times", "Leave this mark out of the key", self.reject)
        self.value_input = widgets.Dropdown(description="Category:", style=_WIDE)
        self.acceptable_box = widgets.Checkbox(
            description="Debatable: students earn credit whether or not they mark it (acceptable)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.reason_input = widgets.Textarea(
            description="Reason:", style=_WIDE, layout=widgets.Layout(width="100%", height="4em")
        )
        self.alternative_input = widgets.Text(
            description="Neutral wording:", style=_WIDE, layout=widgets.Layout(width="100%")
        )
        self.change_button = self._button(
            "Save my changes", "save", "Save the category, reason and wording above", self.save_changes
        )
        self.message = widgets.HTML()

        # --- adding a missed mark ---
        self.picker = WordPicker(label="Words of the article: choose the words of a mark the machine missed")
        self.add_kind = widgets.Dropdown(
            options=[("Loaded language", "loaded"), ("A number", "statistic")],
            value="loaded",
            description="It is:",
            style=_WIDE,
        )
        self.add_value = widgets.Dropdown(description="Category:", style=_WIDE)
        self.add_reason = widgets.Textarea(
            description="Reason:",
            placeholder="Why? (leave empty for a suggested reason you can edit afterwards)",
            style=_WIDE,
            layout=widgets.Layout(width="100%", height="3em"),
        )
        self.add_alternative = widgets.Text(
            description="Neutral wording:", style=_WIDE, layout=widgets.Layout(width="100%")
        )
        self.add_button = self._button("Add this mark", "plus", "Mark the chosen words", self.add_selected)
        self.add_message = widgets.HTML()
        self.add_kind.observe(lambda _: self._fill_add_values(), names="value")
        self._fill_add_values()

        # --- saving ---
        self.lesson_id_input = widgets.Text(
            description="Lesson id:", placeholder="e.g. county-jail-vote", style=_WIDE
        )
        self.annotator_input = widgets.Text(
            value=annotator, description="Reviewed by:", placeholder="your name or initials", style=_WIDE
        )
        self.unreviewed_box = widgets.Checkbox(
            description="Save even though some marks are not reviewed yet (the key is saved as a draft)",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.save_button = self._button("Save key", "save", "Save the answer key", self.save_key, "primary")
        self.make_button = self._button(
            "Make lesson",
            "book",
            "Write the quizzes and the lesson notebook from the saved key",
            self.make_lesson,
        )
        self.make_button.disabled = True
        self.save_message = widgets.HTML()

        self.review_box = widgets.VBox(
            [
                _section(
                    "decide",
                    "<h3>2. Review the marks</h3>",
                    self.progress,
                    self.card,
                    widgets.HBox([self.accept_button, self.reject_button]),
                    self.value_input,
                    self.acceptable_box,
                    self.reason_input,
                    self.alternative_input,
                    widgets.HBox([self.change_button]),
                    widgets.HBox([self.previous_button, self.next_button, self.pending_button]),
                    self.message,
                ),
                _section(
                    "add",
                    "<h3>3. Add a mark the machine missed</h3><p>Choose its words in the article (click them, "
                    "or Tab to the article, move with the arrow keys and press Space), then say what it is.</p>",
                    self.picker,
                    self.add_kind,
                    self.add_value,
                    self.add_reason,
                    self.add_alternative,
                    widgets.HBox([self.add_button]),
                    self.add_message,
                ),
                _section(
                    "save",
                    "<h3>4. Save the key and make the lesson</h3>",
                    self.lesson_id_input,
                    self.annotator_input,
                    self.unreviewed_box,
                    widgets.HBox([self.save_button, self.make_button]),
                    self.save_message,
                ),
            ],
            layout=widgets.Layout(display="none"),
        )
        super().__init__(
            [
                widgets.HTML(_STYLE),
                widgets.HTML("<h3>1. Load an article</h3>"),
                self.title_input,
                self.text_input,
                widgets.HBox([self.file_input, self.start_button]),
                widgets.HBox([self.link_input, self.fetch_button]),
                self.load_message,
                self.review_box,
            ]
        )
        self.add_class("medialit-review")
        self.resume()

    @staticmethod
    def _button(description: str, icon: str, tooltip: str, action: Any, style: str = "") -> widgets.Button:
        button = widgets.Button(
            description=description,
            icon=icon,
            tooltip=tooltip,
            button_style=style,
            layout=widgets.Layout(width="auto"),
        )
        button.on_click(lambda _: action())
        return button

    # --- loading ----------------------------------------------------------------------------------------

    def _fail(self, where: widgets.HTML, problem: Any) -> None:
        where.value = _message(f"✗ {_text(problem)}", RED)

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[-1] if isinstance(files, list | tuple) else next(iter(files.values()))
        self.load_bytes(bytes(upload.get("content", b"")), str(upload.get("name") or "the file"))
        self.file_input.value = ()  # so loading the same file again is noticed

    def load_bytes(self, data: bytes, name: str = "the file") -> bool:
        """Read a file's article (text, web page, PDF or Word) into the text box, or say why not."""
        if len(data) > MAX_UPLOAD_BYTES:
            self._fail(
                self.load_message, f"{name} is too big ({len(data):,} bytes). Paste the article's text."
            )
            return False
        try:
            article = check_has_sentences(read_bytes(data, name))
        except MedialitError as exc:
            self._fail(self.load_message, exc)
            return False
        return self._loaded(article)

    def fetch(self, url: str | None = None) -> bool:
        """Fetch the link now (only when the teacher asks) and put its article into the text box."""
        url = (url if url is not None else self.link_input.value).strip()
        if not is_link(url):
            self._fail(self.load_message, "Type or paste a link starting with https://, then press Fetch.")
            return False
        self.load_message.value = _message(f"Fetching {_text(url)} …")
        try:
            article = check_has_sentences(read_link(url))
        except MedialitError as exc:
            self._fail(self.load_message, exc)
            return False
        return self._loaded(article)

    def _loaded(self, article: Any) -> bool:
        self._article_source = article
        self.text_input.value = article.text
        if "title" in article.metadata:
            self.title_input.value = article.metadata["title"].value
        self.load_message.value = _message(
            f"✓ Loaded {_text(article.name)}. Check the text, then press “Find the marks”.", GREEN
        )
        return True

    def start(self) -> bool:
        """Start reviewing the text in the box: resume its saved review if there is one, else find the marks."""
        text = self.text_input.value.replace("\r\n", "\n").replace("\r", "\n")
        article = self._article_source
        if article is None or article.text != text:
            article = text
        try:
            session = resume_or_propose(article, draft_path_for(self.folder, text))
        except (MedialitError, OSError) as exc:
            self._fail(self.load_message, exc)
            return False
        if any(mark.reviewed for mark in session.marks):
            note = "You reviewed this article before: your decisions are back."
        else:
            note = "The machine's marks are ready. The machine makes mistakes: check every one."
        if self.title_input.value.strip():
            session.source.setdefault("title", self.title_input.value.strip())
        self._show(session, note)
        return True

    def resume(self) -> bool:
        """Open the newest saved review in the folder, if any (called when the widget is made)."""
        drafts = sorted((self.folder / DRAFTS).glob("review-*.json"), key=lambda p: p.stat().st_mtime)
        if not drafts:
            return False
        try:
            session = load_draft(drafts[-1])
        except (MedialitError, OSError) as exc:
            self._fail(self.load_message, exc)
            return False
        self.text_input.value = session.text
        self.title_input.value = str(session.source.get("title") or "")
        self._show(session, "Your saved review is back, just as you left it.")
        return True

    def _show(self, session: ReviewSession, note: str) -> None:
        self.session = session
        self.review_box.layout.display = "flex"
        self.picker.units = text_units(session.text, session.words())
        self.picker.selected = []
        headline = next((m.text for m in session.marks if m.kind == "sentence"), "")
        title = str(session.source.get("title") or self.title_input.value or headline)
        if not self.lesson_id_input.value.strip():
            self.lesson_id_input.value = suggest_id(title)
        self.load_message.value = _message(f"✓ {_text(note)} ({_text(session.progress_text())})", GREEN)
        first = session.next_pending()
        self._go(first if first is not None else 0)

    # --- reviewing ----------------------------------------------------------------------------------------

    def _go(self, index: int) -> None:
        """Show mark ``index``: its card, and its fields in the inputs (prefilled with the machine's)."""
        session = self.session
        if session is None or not session.marks:
            return
        self.index = index % len(session.marks)
        mark = session.marks[self.index]
        self.card.value = mark_card_html(session, self.index)
        vocabulary = CHOICES[mark.kind]
        self.value_input.options = [(readable(v), v) for v in vocabulary]
        self.value_input.value = mark.value if mark.value in vocabulary else vocabulary[0]
        self.value_input.description = _VALUE_NAMES[mark.kind]
        self.acceptable_box.value = mark.acceptable
        self.acceptable_box.layout.display = "none" if mark.kind == "sentence" else "flex"
        self.reason_input.value = mark.reason or ""
        self.alternative_input.value = mark.alternative or ""
        self.alternative_input.layout.display = "flex" if mark.kind == "loaded" else "none"
        self.reject_button.disabled = mark.kind == "sentence"
        self.reject_button.tooltip = (
            "Every sentence keeps a label: change it instead" if mark.kind == "sentence" else "Leave it out"
        )
        self._progress()

    def _progress(self) -> None:
        assert self.session is not None
        done, total = self.session.progress()
        extra = " All reviewed: save the key below." if done == total else ""
        self.progress.value = (
            f'<p role="status" aria-live="polite" style="color:{TEXT};font-weight:bold;margin:0.25em 0">'
            f"{_text(self.session.progress_text())}.{_text(extra)}</p>"
        )

    def _decide(self, action: Any, done: str) -> bool:
        if self.session is None:
            self._fail(self.message, "Load an article and press “Find the marks” first.")
            return False
        try:
            mark = action()
        except MedialitError as exc:
            self._fail(self.message, exc)
            return False
        self.message.value = _message(f"✓ “{_text(_short(mark.text, 60))}”: {_text(done)}. Saved.", GREEN)
        following = self.session.next_pending(self.index)
        self._go(following if following is not None else self.index)
        return True

    def accept(self) -> bool:
        """Accept the mark shown, save the draft, and move to the next mark to review."""
        return self._decide(lambda: self.session.accept(self.index), "accepted")

    def reject(self) -> bool:
        """Reject the mark shown (it stays listed, out of the key), save, and move on."""
        return self._decide(lambda: self.session.reject(self.index), "rejected")

    def save_changes(self) -> bool:
        """Save the fields edited for the mark shown (only those that differ), and move on."""
        session = self.session
        if session is None:
            return self._decide(lambda: None, "")
        mark = session.marks[self.index]
        wanted: dict[str, Any] = {
            {"loaded": "category", "statistic": "sourcing", "sentence": "label"}[
                mark.kind
            ]: self.value_input.value,
            "reason": self.reason_input.value.strip(),
        }
        if mark.kind != "sentence":
            wanted["acceptable"] = self.acceptable_box.value
        if mark.kind == "loaded":
            wanted["alternative"] = self.alternative_input.value.strip() or None
        current = {name: getattr(mark, name) for name in wanted}
        current["reason"] = (mark.reason or "").strip()
        changes = {name: value for name, value in wanted.items() if value != current[name]}
        if not changes:
            return self.accept()
        return self._decide(lambda: session.change(self.index, **changes), "changed")

    def previous(self) -> None:
        """Show the mark before this one."""
        self._go(self.index - 1)

    def next(self) -> None:
        """Show the mark after this one."""
        self._go(self.index + 1)

    def next_pending(self) -> None:
        """Show the next mark nobody has decided on (or say that all are reviewed)."""
        if self.session is None:
            return
        following = self.session.next_pending(self.index)
        if following is None:
            self.message.value = _message("✓ Every mark is reviewed. Save the key below.", GREEN)
        else:
            self._go(following)

    # --- adding a mark -----------------------------------------------------------------------------------

    def _fill_add_values(self) -> None:
        kind = self.add_kind.value
        self.add_value.options = [(readable(v), v) for v in CHOICES[kind]]
        self.add_value.value = CHOICES[kind][0]
        self.add_value.description = _VALUE_NAMES[kind]
        self.add_alternative.layout.display = "flex" if kind == "loaded" else "none"

    def add_selected(self) -> bool:
        """Add a mark over the words chosen in the article (they must be next to each other), and show it."""
        session = self.session
        chosen = sorted(self.picker.selected)
        if session is None or not chosen:
            self._fail(self.add_message, "Choose the words of the phrase in the article first.")
            return False
        first, last = chosen[0], chosen[-1]
        if chosen != list(range(first, last + 1)):
            self._fail(self.add_message, "Choose words that are next to each other: one phrase per mark.")
            return False
        kind = self.add_kind.value
        values: dict[str, Any] = {MAIN_FIELD[kind]: self.add_value.value}
        if self.add_reason.value.strip():
            values["reason"] = self.add_reason.value.strip()
        if kind == "loaded" and self.add_alternative.value.strip():
            values["alternative"] = self.add_alternative.value.strip()
        try:
            index = session.add_words(kind, first, last, **values)
        except MedialitError as exc:
            self._fail(self.add_message, exc)
            return False
        self.picker.selected = []
        self.add_reason.value = self.add_alternative.value = ""
        self._go(index)
        self.add_message.value = _message(
            f"✓ Added “{_text(session.marks[index].text)}”. Saved. Edit its reason above if you like.", GREEN
        )
        return True

    # --- the key and the lesson ------------------------------------------------------------------------

    def save_key(self) -> Path | None:
        """Save the answer key and the article record (see :func:`medialit.authoring.key.save_key`)."""
        if self.session is None:
            self._fail(self.save_message, "Load an article and review its marks first.")
            return None
        try:
            folder = save_key(
                self.session,
                self.lesson_id_input.value.strip(),
                self.annotator_input.value,
                folder=self.lessons_folder / self.lesson_id_input.value.strip()
                if self.lessons_folder
                else None,
                title=self.title_input.value.strip() or None,
                allow_unreviewed=self.unreviewed_box.value,
            )
        except (MedialitError, OSError) as exc:
            self._fail(self.save_message, exc)
            return None
        self.saved_to = folder
        self.make_button.disabled = False
        self.save_message.value = _message(
            f"✓ Saved the key in <code>{_text(folder)}</code>. Now press “Make lesson”.", GREEN
        )
        return folder

    def make_lesson(self) -> Path | None:
        """Write the quizzes and the lesson notebook from the saved key, and say where they are."""
        if self.saved_to is None:
            self._fail(self.save_message, "Save the key first, then make the lesson.")
            return None
        try:
            made = make_lesson(self.saved_to)
        except (MedialitError, OSError) as exc:
            self._fail(self.save_message, exc)
            return None
        notebook = self.lesson_path = made.notebook
        self.save_message.value = _message(
            f"✓ The lesson is ready, with {made.count} quizzes: <code>{_text(notebook)}</code>. Open it in JupyterLab to try it, or give it "
            f"to your students: in the kit's folder, run <code>.venv/bin/python -m medialit present "
            f"{_text(notebook.stem)}</code>.",
            GREEN,
        )
        return notebook


def review_widget(
    folder: str | Path = ".", annotator: str = "", lessons_folder: str | Path | None = None
) -> ReviewWidget:
    """The review widget; drafts are kept in ``folder``/review-drafts/, and the newest one is resumed."""
    return ReviewWidget(folder, annotator, lessons_folder)
