"""Jupyter widgets for quizzes, the learner's name, progress and export: a thin layer over medialit.quiz."""

from __future__ import annotations

import html
from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from .choicechecks import ChoiceChecks
from .choicegroup import ChoiceGroup
from .choiceselect import ChoiceSelect
from .display import reveal as _reveal
from .display.views import reveal_after, show_article, show_counts, show_response, show_table, show_text
from .display.wording import progress_words, tally
from .errors import MedialitError
from .progress import LearnerNameError, ProgressStore, hand_in
from .quiz import Quiz, Result, get_quiz, load_quizzes
from .quiz.model import PARTLY, RIGHT, WRONG
from .quiz.scoring import about_item
from .quiz.transfer import PRE_SAVED, comparison, partner_id, phase
from .schema import LOADED_CATEGORIES, SENTENCE_LABELS, SOURCING, SentenceSpan
from .skiplink import SkipLink
from .wording import nested, quoted, readable
from .wordpicker import WordPicker

__all__ = [
    "QuizWidget",
    "analysis_widget",
    "export_widget",
    "learner_widget",
    "progress_widget",
    "quiz_widget",
    "reveal_after",
    "show",
    "show_analysis",
    "show_article",
    "show_comparison",
    "show_counts",
    "show_export",
    "show_html_report",
    "show_learner",
    "show_progress",
    "show_response",
    "show_table",
    "show_text",
]

# Colours come from the notebook's theme (JupyterLab's CSS variables, also in Voila), so text stays readable
# in light and dark themes; the fallbacks are for pages without them (contrast >= 4.5:1 on white). Text is
# always the theme's text colour; a message's kind shows as a coloured bar beside it (a mark: >= 3:1 in
# JupyterLab Light and Dark), and every message also carries an icon and words.
TEXT = "var(--jp-content-font-color1, #111)"
TEXT2 = "var(--jp-content-font-color2, #333)"
GREEN = "var(--jp-success-color1, #006400)"
RED = "var(--jp-error-color1, #b00020)"
AMBER = "var(--jp-warn-color0, #8a5300)"
GREY = TEXT2
LINK = "var(--jp-content-link-color, #0b57d0)"
READING = "font-family:Georgia,'DejaVu Serif',serif;max-width:70ch"  # a proportional reading face, ~70/line
BLANK = ""  # the value of a dropdown's "(choose)" entry
_VERDICTS = {RIGHT: ("Full marks", GREEN), PARTLY: ("Partly right", AMBER), WRONG: ("Not yet", RED)}
_WIDE = {"description_width": "initial"}

_default_store: ProgressStore | None = None


def _store(store: ProgressStore | None) -> ProgressStore:
    """``store``, or the notebook's one shared default store (created on first use)."""
    global _default_store
    if store is not None:
        return store
    if _default_store is None:
        _default_store = ProgressStore()
    return _default_store


def _text(value: Any) -> str:
    """Plain text as safe HTML: escaped, with line breaks kept."""
    return html.escape(str(value)).replace("\n", "<br>")


_readable = readable  # the name tests and older notebooks use


def _message(body: str, colour: str = GREY) -> str:
    return (
        f'<div role="status" aria-live="polite" style="color:{TEXT};border-left:4px solid {colour};'
        f'padding-left:0.5em;margin:0.25em 0;line-height:1.5">{body}</div>'
    )


def _passage_html(quiz: Quiz) -> str:
    """The passage, escaped; the phrase or number a question is about is marked (bold and underlined)."""
    passage = quiz.passage
    mark = None
    if quiz.kind in ("choice", "numeric"):
        try:
            item = about_item(quiz)
        except (MedialitError, KeyError, ValueError):
            item = None
        if item is not None and not isinstance(item, SentenceSpan):
            mark = (item.start - passage.start, item.end - passage.start)
    if mark and 0 <= mark[0] < mark[1] <= len(passage.text):
        a, b = mark
        body = (
            _text(passage.text[:a])
            + f"<strong><u>{_text(passage.text[a:b])}</u></strong>"
            + _text(passage.text[b:])
        )
    else:
        body = _text(passage.text)
    return (
        f'<blockquote class="medialit-passage" style="border-left:4px solid {TEXT2};margin:0.5em 0;'
        f'padding:0.25em 0.75em;color:{TEXT};line-height:1.6;{READING}">{body}</blockquote>'
    )


def _sentence_of(quiz: Quiz, start: int) -> SentenceSpan | None:
    return next((s for s in quiz.passage.sentences if s.start <= start < s.end), None)


def split_gap(gap: str) -> tuple[str, bool, str]:
    """The text between two words, split by where it belongs: ``(closing, paragraph, opening)``.

    ``closing`` stays on the line of the word before (a full stop, a comma, a free-standing dash or
    bracket), ``paragraph`` says a line break comes between, and ``opening`` stays with the word after (an
    opening bracket or quotation mark touching it). ``split_gap(".\\n\\n“")`` -> ``(".", True, "“")``;
    ``split_gap(", (")`` -> ``(",", False, "(")``; ``split_gap(" ( – ")`` -> ``("( –", False, "")``.
    """
    if "\n" in gap:
        head, _, rest = gap.partition("\n")
        middle, _, tail = rest.rpartition("\n")
        return " ".join((head.strip() + " " + middle.strip()).split()), True, tail.strip()
    tokens = gap.split()
    if not tokens:
        return "", False, ""
    opening = tokens.pop() if not gap[-1].isspace() and (len(tokens) > 1 or gap[0].isspace()) else ""
    return " ".join(tokens), False, opening


def word_units(quiz: Quiz) -> list[dict[str, Any]]:
    """A highlight passage as the WordPicker's units: each word with the punctuation kept on its line.

    Returns one ``{"before", "word", "after", "paragraph"}`` dict per word of ``quiz.passage.words``, in
    order, so unit ``i`` is word index ``i`` (the index ``quiz.check`` takes).
    """
    passage = quiz.passage
    return text_units(passage.text, passage.words, passage.start)


def text_units(text: str, words: Sequence[Any], offset: int = 0) -> list[dict[str, Any]]:
    """``text``'s words as the WordPicker's units (see :func:`word_units`), one per item of ``words``.

    ``words`` are spans with ``start``, ``end`` and ``text`` in order (offsets ``offset`` larger than
    ``text``'s own, as for a passage cut from an article); the text between them is split by
    :func:`split_gap`.
    """
    units: list[dict[str, Any]] = []
    at = offset
    end_of_text = offset + len(text)
    for word in [*words, None]:
        end = word.start if word is not None else end_of_text
        closing, paragraph, opening = split_gap(text[at - offset : end - offset])
        if units:
            units[-1]["after"] = closing
            units[-1]["paragraph"] = paragraph
        else:
            opening = " ".join(p for p in (closing, opening) if p)
        if word is None:
            if units and opening:
                units[-1]["after"] = " ".join(p for p in (units[-1]["after"], opening) if p)
            break
        units.append({"before": opening, "word": word.text, "after": "", "paragraph": False})
        at = word.end
    return units


class QuizWidget:
    """One quiz as widgets: the question, inputs for its kind, and Check / Try again / Show answer.

    ``root`` is the box to display. Scoring is done by ``quiz.check``; this class only shows it.
    ``attempts`` counts checked, non-empty answers given in this widget.

    A transfer pre-test (``transfer: pre``) is a measurement: one Save button, and after saving only
    :data:`~medialit.quiz.transfer.PRE_SAVED` (no score, hint, answer or explanation). A post-test
    (``transfer: post``) gives full feedback, then the pre- and post-test side by side in words.
    """

    def __init__(self, quiz: Quiz, store: ProgressStore | None = None) -> None:
        self.quiz = quiz
        self.store = store
        self.attempts = 0
        self._misses = 0
        self._inputs: list[widgets.Widget] = []
        self.feedback = widgets.HTML(value="")
        self.hint = widgets.HTML(value="")
        self.check_button = widgets.Button(
            description="Check", icon="check", button_style="primary", tooltip="Check your answer"
        )
        self.retry_button = widgets.Button(
            description="Try again", icon="undo", tooltip="Clear your answer and start again"
        )
        self.show_answer_button = widgets.Button(
            description="Show answer",
            icon="eye",
            disabled=True,
            tooltip="Available after two tries: fill in the answer key's answer",
        )
        self.phase = phase(quiz)
        if self.phase == "pre":
            self.check_button.description, self.check_button.icon = "Save", "save"
            self.check_button.tooltip = "Save your answer (nothing is marked yet)"
        self.check_button.on_click(lambda _: self.check())
        self.retry_button.on_click(lambda _: self.retry())
        self.show_answer_button.on_click(lambda _: self.show_answer())

        header = widgets.HTML(value=f'<p style="font-weight:bold;margin:0.25em 0">{_text(quiz.prompt)}</p>')
        body = self._build_inputs()
        buttons = widgets.HBox(
            [self.check_button]
            if self.phase == "pre"
            else [self.check_button, self.retry_button, self.show_answer_button]
        )
        self.root = widgets.VBox([SkipLink(), header, *body, buttons, self.feedback, self.hint])
        self.root.add_class("medialit-quiz")
        self.root.add_class(f"quiz-{quiz.id}")
        self._restore()

    # --- inputs per kind ----------------------------------------------------------------------------

    def _build_inputs(self) -> list[widgets.Widget]:
        builder: dict[str, Callable[[], list[widgets.Widget]]] = {
            "choice": self._choice,
            "multi": self._multi,
            "highlight": self._highlight,
            "label-sentences": self._labels,
            "source-the-number": self._sourcing,
            "numeric": self._numeric,
            "rewrite": self._rewrite,
        }
        return builder[self.quiz.kind]()

    def _passage(self) -> widgets.HTML:
        return widgets.HTML(value=_passage_html(self.quiz))

    def _choice(self) -> list[widgets.Widget]:
        radio = ChoiceGroup(
            options=[(_readable(o), o) for o in self.quiz.options], label="Your answer:", group=self.quiz.id
        )
        self._inputs = [radio]
        return [self._passage(), radio]

    def _multi(self) -> list[widgets.Widget]:
        checks = ChoiceChecks(
            options=[(o, o) for o in self.quiz.options], label="Tick every phrase that applies:"
        )
        self._inputs = [checks]
        return [self._passage(), checks]

    def _highlight(self) -> list[widgets.Widget]:
        picker = WordPicker(units=word_units(self.quiz), label=f"Words of the passage: {self.quiz.prompt}")
        self._inputs = [picker]
        note = widgets.HTML(
            value="<p>Click a word (or Tab to the passage, move with the arrow keys and press Space) to select "
            "it; selected words are marked ✓ and underlined. Click or press Space again to unselect.</p>"
        )
        return [note, picker]

    def _dropdowns(self, vocabulary: tuple[str, ...], description: str, count: int) -> list[ChoiceSelect]:
        """``count`` labelled drop-down lists of ``vocabulary``, each starting on "(choose)".

        A ChoiceSelect, not ipywidgets' Dropdown, so that each change reaches the kernel before a Check
        pressed right after it (see medialit.ordered_choice).
        """
        options = [("(choose)", BLANK), *[(_readable(v), v) for v in vocabulary]]
        return [
            ChoiceSelect(options=options, value=BLANK, label=f"{description} {n + 1}:") for n in range(count)
        ]

    def _labels(self) -> list[widgets.Widget]:
        sentences = self.quiz.passage.sentences
        self._inputs = self._dropdowns(SENTENCE_LABELS, "Sentence", len(sentences))
        parts: list[widgets.Widget] = []
        for n, (sentence, dropdown) in enumerate(zip(sentences, self._inputs, strict=True)):
            parts.append(
                widgets.HTML(
                    value=f'<p style="margin:0.75em 0 0.25em"><strong>{n + 1}.</strong> {_text(sentence.text)}</p>'
                )
            )
            parts.append(dropdown)
        return parts

    def _sourcing(self) -> list[widgets.Widget]:
        passage = self.quiz.passage
        self._inputs = self._dropdowns(SOURCING, "Who says so? Number", len(passage.statistics))
        parts: list[widgets.Widget] = [self._passage()]
        for n, (stat, dropdown) in enumerate(zip(passage.statistics, self._inputs, strict=True)):
            sentence = _sentence_of(self.quiz, stat.start)
            context = ""
            if sentence is not None and sentence.start <= stat.start and stat.end <= sentence.end:
                a, b = stat.start - sentence.start, stat.end - sentence.start
                before, figure, after = (nested(sentence.text[i:j]) for i, j in ((0, a), (a, b), (b, None)))
                context = (
                    f'<br><span style="color:{TEXT2}">“{_text(before)}<strong><u>'
                    f"{_text(figure)}</u></strong>{_text(after)}”</span>"
                )
            parts.append(
                widgets.HTML(
                    value=f'<p style="margin:0.75em 0 0.25em"><strong>Number {n + 1}: '
                    f"{_text(stat.text)}</strong>{context}</p>"
                )
            )
            parts.append(dropdown)
        return parts

    # A typed answer is synced once, when the student leaves the box (Tab or a click on Check), not at
    # every keystroke: ipywidgets holds back a model's update while its last one awaits the kernel, so
    # quick typing then Check could be scored without the last keystrokes.
    def _numeric(self) -> list[widgets.Widget]:
        box = widgets.Text(
            value="",
            description="Your answer (%):",
            placeholder="e.g. 12.5",
            style=_WIDE,
            continuous_update=False,
        )
        self._inputs = [box]
        return [self._passage(), box]

    def _rewrite(self) -> list[widgets.Widget]:
        sentence = about_item(self.quiz)
        box = widgets.Textarea(
            value="",
            description="Your version:",
            placeholder="Write the sentence again, keeping the facts.",
            style=_WIDE,
            continuous_update=False,
            layout=widgets.Layout(width="100%", height="6em"),
        )
        self._inputs = [box]
        original = widgets.HTML(
            value=f"<p>The sentence to rewrite:</p>{_passage_html(self.quiz)}"
            if sentence.text == self.quiz.passage.text
            else f"{_passage_html(self.quiz)}<p>The sentence to rewrite:</p>"
            f'<blockquote style="margin:0.5em 0;padding:0.25em 0.75em;border-left:4px solid {TEXT2};{READING}">'
            f"{_text(sentence.text)}</blockquote>"
        )
        return [original, box]

    # --- the answer ---------------------------------------------------------------------------------

    @property
    def answer(self) -> Any:
        """The current answer, in the type ``quiz.check`` takes for this kind."""
        kind, inputs = self.quiz.kind, self._inputs
        if kind == "choice":
            return inputs[0].value
        if kind == "multi":
            return list(inputs[0].value)  # the ticked options, in the options' order
        if kind == "highlight":
            return sorted(inputs[0].selected)
        if kind in ("label-sentences", "source-the-number"):
            return [d.value if d.value != BLANK else None for d in inputs]
        if kind == "numeric":
            return inputs[0].value.strip()
        return inputs[0].value

    def set_answer(self, answer: Any) -> None:
        """Put ``answer`` into the inputs (None clears them); parts that do not fit are left blank."""
        kind, inputs = self.quiz.kind, self._inputs
        if kind == "choice":
            inputs[0].value = answer if answer in self.quiz.options else None
        elif kind == "multi":
            chosen = set(answer) if isinstance(answer, list | tuple) else set()
            inputs[0].value = [o for o in self.quiz.options if o in chosen]
        elif kind == "highlight":
            chosen = {i for i in answer if isinstance(i, int)} if isinstance(answer, list | tuple) else set()
            inputs[0].selected = sorted(i for i in chosen if 0 <= i < len(self.quiz.passage.words))
        elif kind in ("label-sentences", "source-the-number"):
            values = list(answer) if isinstance(answer, list | tuple) else []
            for n, dropdown in enumerate(inputs):
                value = values[n] if n < len(values) else None
                allowed = {v for _, v in dropdown.options}
                dropdown.value = value if value in allowed and value is not None else BLANK
        else:
            inputs[0].value = "" if answer is None else str(answer)

    # --- the buttons --------------------------------------------------------------------------------

    def check(self) -> Result:
        """Check the current answer, show the feedback, save it, and offer the hint or the answer."""
        answer = self.answer
        result = self.quiz.check(answer)
        if result.empty:
            self.feedback.value = _message(f"<strong>ℹ</strong> {_text(result.feedback)}")
            return result
        self.attempts += 1
        notes = []
        if self.store is not None:
            try:
                self.store.record(self.quiz.id, self.quiz.lesson, answer, result.score, result.correct)
            except (MedialitError, OSError, TypeError, ValueError) as exc:
                notes.append(f"<p>⚠ Your answer was checked but could not be saved: {_text(exc)}</p>")
            else:
                if getattr(self.store, "in_memory", False):
                    notes.append(
                        "<p>⚠ Your answer is kept only until this lesson closes: it cannot be saved.</p>"
                    )
        if self.phase == "pre":
            self.feedback.value = _message(f"<strong>✓</strong> {_text(PRE_SAVED)}") + "".join(notes)
            return result  # a measurement: nothing is revealed, so nothing held back appears either
        body = self._verdict(result) + "".join(notes)
        if self.phase == "post":
            body += _message(f"<strong>{_text(self._compared())}</strong>", TEXT)
        if result.correct:
            self.hint.value = ""  # a hint for an earlier wrong answer would now only confuse
            if self.quiz.explanation not in result.feedback:
                body += f"<p><strong>Why:</strong> {_text(self.quiz.explanation)}</p>"
        else:
            self._misses += 1
            self._offer_help()
        self.feedback.value = body
        _reveal.announce(self.quiz.id, _reveal.CHECKED)  # content held back by reveal_after appears
        return result

    def _compared(self) -> str:
        """The saved pre-test answer and this post-test answer, counted against today's key, in words."""
        before = None
        if self.store is not None:
            try:
                before = self.store.answer(partner_id(self.quiz))
            except (MedialitError, OSError, ValueError):
                before = None
        return comparison(self.quiz, before, self.answer)

    def _verdict(self, result: Result) -> str:
        """The icon and words for the result, then the checker's feedback (its own head line not repeated)."""
        verdict, colour = _VERDICTS[result.icon]
        head, _, rest = result.feedback.partition("\n")
        head = head.removeprefix(result.icon).strip()
        lines = rest if head.startswith(verdict) else f"{head}\n{rest}".strip("\n")
        return _message(
            f'<strong style="font-size:1.1em">{result.icon} {verdict}</strong> (score {result.score:.0%})'
            f'<div style="color:{TEXT}">{_text(lines)}</div>',
            colour,
        )

    def _offer_help(self) -> None:
        if self._misses >= 1 and self.quiz.hint:
            self.hint.value = _message(f"<strong>Hint:</strong> {_text(self.quiz.hint)}", AMBER)
        if self._misses >= 2:
            self.show_answer_button.disabled = False
            self.show_answer_button.tooltip = "Fill in the answer key's answer"

    def show_answer(self) -> None:
        """Fill in the answer key's answer and explain it; the store notes that it was shown."""
        self.set_answer(self.quiz.solution())
        note = ""
        if self.store is not None:
            try:
                self.store.record_reveal(self.quiz.id, self.quiz.lesson)
            except (MedialitError, OSError, ValueError) as exc:
                note = f"<p>⚠ This could not be noted in your progress: {_text(exc)}</p>"
        self.feedback.value = _message(
            "<strong>The answer key's answer is filled in above.</strong>"
            f"<p><strong>Why:</strong> {_text(self.quiz.explanation)}</p>{note}",
            TEXT,
        )
        _reveal.announce(self.quiz.id, _reveal.REVEALED)

    def retry(self) -> None:
        """Clear the inputs and the feedback (the hint, once shown, stays until the answer is right)."""
        self.set_answer(None)
        self.feedback.value = ""

    def _restore(self) -> None:
        if self.store is None:
            return
        entry = self.store.entry(self.quiz.id)
        if not entry or entry.get("answer") is None:
            return
        try:
            self.set_answer(entry["answer"])
        except Exception:  # any stored value that does not fit (ipywidgets raises TraitError)
            self.set_answer(None)  # a saved answer that does not fit this quiz any more: start blank
            return
        if self.phase == "pre":
            self.feedback.value = _message(
                "↺ Your saved answer is filled in. You can change it and save again."
            )
            return
        score = entry.get("score", 0.0)
        self.feedback.value = _message(
            f"↺ Restored your last answer (score {score:.0%}). Press Check to see why."
        )
        if self.store.revealed(self.quiz.id):
            self._misses = 2
            self._offer_help()
            self.feedback.value += _message("You looked at the answer key's answer for this quiz before.")
        elif not entry.get("correct"):
            self._misses = 1
            self._offer_help()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.root._repr_mimebundle_(**kwargs)


def quiz_widget(quiz: Quiz, store: ProgressStore | None = None) -> QuizWidget:
    """The widgets for one quiz; answers are saved to ``store`` when one is given."""
    return QuizWidget(quiz, store)


# --- learner, progress, export ------------------------------------------------------------------------


class LearnerWidget(widgets.VBox):
    """Type your name and save it; shows any warning about the progress file."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self.name_input = widgets.Text(
            value=store.learner or "",
            description="Your name:",
            placeholder="a name or nickname your teacher will recognise",
            style=_WIDE,
        )
        self.save_button = widgets.Button(description="Save name", icon="save", tooltip="Save your name")
        self.message = widgets.HTML(value="")
        self.warnings = widgets.HTML(
            value="".join(_message(f"⚠ {_text(w)}", RED) for w in store.warnings),
        )
        self.save_button.on_click(lambda _: self.save())
        if store.learner:
            self.message.value = _message(f"Hello, {_text(store.learner)}!")
        super().__init__([self.warnings, widgets.HBox([self.name_input, self.save_button]), self.message])
        self.add_class("medialit-learner")

    def save(self) -> None:
        """Check and save the typed name, then greet the learner or say what to change."""
        try:
            name = self.store.set_learner(self.name_input.value)
        except LearnerNameError as exc:
            self.message.value = _message(f"✗ {_text(exc)}", RED)
            return
        except (MedialitError, OSError) as exc:
            self.message.value = _message(f"✗ Your name could not be saved: {_text(exc)}", RED)
            return
        self.name_input.value = name
        self.message.value = _message(f"✓ Saved. Hello, {_text(name)}!", GREEN)


def learner_widget(store: ProgressStore) -> widgets.Widget:
    """A name box and Save button; names are checked by ``store.set_learner``."""
    return LearnerWidget(store)


class ProgressWidget(widgets.VBox):
    """Per lesson, in words: quizzes answered out of all, and how many right ("2 of 5 answered, both right")."""

    def __init__(self, store: ProgressStore) -> None:
        self.store = store
        self.table = widgets.HTML(value="")
        self.refresh_button = widgets.Button(
            description="Refresh", icon="refresh", tooltip="Update the table"
        )
        self.refresh_button.on_click(lambda _: self.refresh())
        super().__init__([self.table, self.refresh_button])
        self.add_class("medialit-progress")
        self.refresh()

    def refresh(self) -> None:
        """Read the store again and redraw the table."""
        everything = load_quizzes()
        # A transfer pre-test is a measurement: it is counted as saved, never as right or wrong.
        pre_tests = {q.id for q in everything if phase(q) == "pre"}
        quizzes = [q for q in everything if q.id not in pre_tests]
        totals = Counter(q.lesson for q in quizzes)
        # by quiz id, so an answer to a quiz that moved lesson counts where the quiz is now
        lesson_of = {q.id: q.lesson for q in quizzes}
        answers = self.store.snapshot().get("answers", {})
        cells = [
            (lesson, progress_words(*_tally_of(answers, lesson_of, lesson, total)))
            for lesson, total in sorted(totals.items())
        ]
        if pre_tests:
            saved = sum(answers.get(q, {}).get("score") is not None for q in pre_tests)
            cells.append(("The short test at the start", f"{saved} of {len(pre_tests)} saved (not marked)"))
        rows = "".join(
            f'<tr><th scope="row" style="text-align:left;padding:2px 8px">{_text(name)}</th>'
            f'<td style="padding:2px 8px">{_text(words)}</td></tr>'
            for name, words in cells
        )
        who = f" for {_text(self.store.learner)}" if self.store.learner else ""
        self.table.value = (
            f'<table style="border-collapse:collapse;color:{TEXT}"><caption style="text-align:left">'
            f"<strong>Your progress{who}</strong></caption>"
            '<tr><th scope="col" style="text-align:left;padding:2px 8px">Lesson</th>'
            f'<th scope="col" style="text-align:left;padding:2px 8px">Quizzes</th></tr>{rows}</table>'
        )


def _tally_of(answers: dict[str, Any], lesson_of: dict[str, str], lesson: str, total: int) -> tuple[int, ...]:
    """(answered, total, right, partly right) for one lesson, for ``progress_words``."""
    answered, right, partly = tally(e for quiz_id, e in answers.items() if lesson_of.get(quiz_id) == lesson)
    return answered, total, right, partly


def progress_widget(store: ProgressStore) -> widgets.Widget:
    """A table of answered quizzes and scores per lesson, with a Refresh button."""
    return ProgressWidget(store)


class ExportWidget(widgets.VBox):
    """A button that makes the results file for the teacher: a download link, and where copies were saved.

    The link is a ``data:`` URI in an HTML widget, so it works offline, in JupyterLab and in Voilà (where a
    student cannot reach the server's folders). A copy is also saved in ``folder`` and, when
    ``$MEDIALIT_HANDIN`` is set, in that hand-in folder; the full paths are shown.
    """

    def __init__(self, store: ProgressStore, folder: str = ".", lesson: str | None = None) -> None:
        self.store, self.folder, self.lesson = store, folder, lesson
        self.export_button = widgets.Button(
            description="Save results for my teacher",
            icon="download",
            tooltip="Make a results file you can download and hand in",
            layout=widgets.Layout(width="auto"),
        )
        self.message = widgets.HTML(value="")
        self.export_button.on_click(lambda _: self.export())
        super().__init__([self.export_button, self.message])
        self.add_class("medialit-export")

    def export(self) -> None:
        """Make the file, then show the download link and the saved copies' paths, or what went wrong."""
        try:
            result = hand_in(self.store, self.folder, self.lesson)
        except (MedialitError, OSError) as exc:
            self.message.value = _message(f"✗ {_text(exc)}", RED)
            return
        link = (
            f'<a class="medialit-download" download="{html.escape(result.filename)}" '
            f'href="{result.data_uri}" style="font-weight:bold;color:{LINK}">'
            f"⬇ Download {_text(result.filename)}</a> and hand it in as your teacher asks."
        )
        parts = [_message(f"✓ Your results are ready. {link}", GREEN)]
        if result.saved is not None:
            parts.append(_message(f"A copy is saved at <code>{_text(result.saved)}</code>"))
        if result.handed_in is not None:
            parts.append(_message(f"✓ Handed in: <code>{_text(result.handed_in)}</code>", GREEN))
        parts += [_message(f"⚠ {_text(problem)}", AMBER) for problem in result.problems]
        self.message.value = "".join(parts)


def export_widget(store: ProgressStore, folder: str = ".", lesson: str | None = None) -> widgets.Widget:
    """A button that makes the teacher's results file: a download link, and a copy in ``folder``."""
    return ExportWidget(store, folder, lesson)


# --- display --------------------------------------------------------------------------------------------


#: Every quiz widget shown in this kernel, in order: lets a test answer a whole executed notebook's quizzes.
SHOWN: list[QuizWidget] = []


def show(quiz_id: str, store: ProgressStore | None = None) -> None:
    """Display one quiz by id (answers saved to ``store``, or the notebook's shared store)."""
    widget = quiz_widget(get_quiz(quiz_id), _store(store))
    SHOWN.append(widget)
    display(widget.root)


def show_learner(store: ProgressStore | None = None) -> None:
    """Display the name box."""
    display(learner_widget(_store(store)))


def show_progress(store: ProgressStore | None = None) -> None:
    """Display the progress table."""
    display(progress_widget(_store(store)))


def show_export(store: ProgressStore | None = None, lesson: str | None = None) -> None:
    """Display the export button (the file is written into the notebook's folder)."""
    display(export_widget(_store(store), ".", lesson))


# --- highlighted reports, key against machine, and the analysis tool (lessons 07 and 05) -----------------

import re  # noqa: E402
from pathlib import Path  # noqa: E402

from . import corpus  # noqa: E402
from .atomic import write_text_atomically  # noqa: E402
from .detect import analyze  # noqa: E402
from .evaluate import compare_spans  # noqa: E402
from .ingest import (  # noqa: E402
    FIELD_LABELS,
    Article,
    confident_language,
    is_link,
    language_note,
    looks_like_html,
    read_bytes,
    read_link,
)
from .report import render_html  # noqa: E402
from .schema import SpanSet  # noqa: E402
from .text import word_count  # noqa: E402

#: The analysis tool refuses longer texts (about 30,000 words) and larger files, with a message.
MAX_ANALYSIS_CHARS = 200_000
MAX_UPLOAD_BYTES = 8 * 1024 * 1024  # under the 10 MiB a Jupyter server takes in one message
_BAR = "#0072B2"  # Okabe-Ito blue


def report_frame_html(
    text: str,
    spans: SpanSet,
    title: str = "medialit analysis",
    note: str | None = None,
    height: int = 460,
    machine: bool = True,
) -> str:
    """The page from ``medialit.report.render_html`` inside a sandboxed frame, ready for an HTML widget.

    The frame keeps the page's own styles from restyling the notebook, and
    ``sandbox`` with no permissions means nothing in it can ever run. The
    text is escaped twice over: once by ``render_html``, once as the frame's
    ``srcdoc`` attribute.
    """
    page = render_html(text, spans, title=title, note=note, machine=machine)
    return (
        f'<iframe class="medialit-report" title="{html.escape(title, quote=True)}" sandbox="" '
        f'srcdoc="{html.escape(page, quote=True)}" '
        f'style="width:100%;height:{int(height)}px;border:1px solid #999;border-radius:4px;background:#fff">'
        "</iframe>"
    )


def report_view(
    text: str, spans: SpanSet, title: str = "medialit analysis", note: str | None = None, machine: bool = True
) -> widgets.HTML:
    """A widget showing ``text`` with ``spans`` highlighted: a detector report, or the answer key (machine=False)."""
    view = widgets.HTML(
        value=report_frame_html(text, spans, title, note, machine=machine),
        layout=widgets.Layout(width="100%"),
    )
    view.add_class("medialit-report-view")
    return view


def show_html_report(
    text: str, spans: SpanSet, title: str = "medialit analysis", note: str | None = None, machine: bool = True
) -> None:
    """Display the highlighted view of ``text``: hover a mark, or reach it with Tab, to read its reason."""
    display(report_view(text, spans, title, note, machine=machine))


# --- the answer key against the machine -------------------------------------------------------------------


def _context(text: str, start: int, end: int, width: int = 45) -> str:
    """The words around ``text[start:end]``, escaped, with the item in bold."""
    a, b = max(0, start - width), min(len(text), end + width)
    before = ("…" if a else "") + text[a:start]
    after = text[end:b] + ("…" if b < len(text) else "")
    return f"{_text(before)}<strong>{_text(text[start:end])}</strong>{_text(after)}".replace("<br>", " ")


def _items(rows: list[str], empty: str = "none") -> str:
    if not rows:
        return f'<p style="margin:0.25em 0 0.75em 1em;color:{TEXT2}"><em>{empty}</em></p>'
    return '<ul style="margin:0.25em 0 0.75em 0">' + "".join(f"<li>{row}</li>" for row in rows) + "</ul>"


def _inline(rows: list[str]) -> str:
    """Short items on one line, separated by commas."""
    if not rows:
        return _items([])
    return f'<p style="margin:0.25em 0 0.75em 1em">{", ".join(rows)}</p>'


def _heading(title: str, count: int) -> str:
    return f'<p style="margin:0.5em 0 0;font-weight:bold">{title} ({count})</p>'


def comparison_html(text: str, key: SpanSet, report: SpanSet) -> str:
    """A plain, escaped summary of where the machine agrees with the answer key and where it does not."""
    diff = compare_spans(key, report)
    loaded, stats, sentences = diff["loaded"], diff["statistics"], diff["sentences"]
    parts = [f'<div class="medialit-comparison" style="color:{TEXT};line-height:1.5">']

    parts.append("<h4>Loaded words and phrases</h4>")
    found = [
        _text(quoted(k.text)) + (f" (the machine marked {_text(quoted(p.text))})" if p.text != k.text else "")
        for k, p in loaded["both"]
    ]
    parts.append(_heading("✓ Found by both", len(found)) + _inline(found))
    parts.append(
        _heading("✗ In the key, missed by the machine", len(loaded["missed"]))
        + _items([_context(text, k.start, k.end) + f" [{_text(k.category)}]" for k in loaded["missed"]])
    )
    parts.append(
        _heading("⚠ Marked by the machine, not in the key (false alarms?)", len(loaded["extra"]))
        + _items([_context(text, p.start, p.end) + f" [{_text(p.category)}]" for p in loaded["extra"]])
    )
    if loaded["debatable"]:
        skipped = ", ".join(_text(quoted(k.text)) for k in loaded["debatable"])
        parts.append(
            f'<p style="margin:0.25em 0 0.75em">Debatable ones the machine skipped (no one loses marks '
            f"for these either way): {skipped}</p>"
        )

    parts.append("<h4>Numbers and who says so</h4>")
    parts.append(
        _heading("✓ Found by both", len(stats["both"]))
        + _inline([_text(quoted(k.text)) for k, _ in stats["both"]])
    )
    parts.append(
        _heading("✗ Found by both, but a different answer to “who says so?”", len(stats["sourcing"]))
        + _items(
            [
                _context(text, k.start, k.end)
                + f"<br>answer key: <strong>{_text(_readable(k.sourcing))}</strong>; machine: "
                f"<strong>{_text(_readable(p.sourcing))}</strong>"
                for k, p in stats["sourcing"]
            ]
        )
    )
    parts.append(
        _heading("✗ In the key, missed by the machine", len(stats["missed"]))
        + _items([_context(text, k.start, k.end) for k in stats["missed"]])
    )
    parts.append(
        _heading("⚠ Marked by the machine, not in the key", len(stats["extra"]))
        + _items([_context(text, p.start, p.end) for p in stats["extra"]])
    )

    parts.append("<h4>Sentence labels</h4>")
    total = len(sentences["agree"]) + len(sentences["disagree"])
    parts.append(
        f"<p>The machine's label is one the key accepts for {len(sentences['agree'])} of {total} sentences.</p>"
    )
    rows = []
    for k, label in sentences["disagree"]:
        accepted = ", ".join(_readable(x) for x in (k.label, *k.also_acceptable))
        short = k.text if len(k.text) <= 160 else k.text[:157] + "…"
        rows.append(
            f"{_text(quoted(short))}<br>machine: <strong>{_text(_readable(label) if label else 'no label')}</strong>; "
            f"answer key: <strong>{_text(accepted)}</strong>"
        )
    parts.append(_heading("✗ Sentences where they disagree", len(rows)) + _items(rows))
    parts.append("</div>")
    return "".join(parts)


def comparison_widget(article_id: str) -> widgets.HTML:
    """Answer key against machine for one article or contrast passage, as a widget."""
    text = corpus.load(article_id).text
    view = widgets.HTML(value=comparison_html(text, corpus.annotations(article_id), analyze(text)))
    view.add_class("medialit-comparison-view")
    return view


def show_comparison(article_id: str) -> None:
    """Display where the machine agrees with the answer key on ``article_id``, and where it does not."""
    display(comparison_widget(article_id))


# --- the analysis tool ------------------------------------------------------------------------------------


def _bars(title: str, counts: list[tuple[str, int]]) -> str:
    """A small bar chart in HTML: every count is also written as a number, so nothing depends on the bars."""
    top = max((n for _, n in counts), default=0) or 1
    rows = "".join(
        f'<tr><th scope="row" style="text-align:left;font-weight:normal;padding:1px 8px 1px 0">'
        f"{_text(_readable(name))}</th>"
        f'<td style="padding:1px 4px;text-align:right">{n}</td>'
        f'<td style="padding:1px 0;width:12em"><div aria-hidden="true" style="background:{_BAR};height:0.8em;'
        f'width:{100 * n / top:.0f}%"></div></td></tr>'
        for name, n in counts
    )
    return (
        f'<table style="border-collapse:collapse;margin:0.25em 1.5em 0.5em 0;color:{TEXT};display:inline-table;'
        f'vertical-align:top"><caption style="text-align:left;font-weight:bold">{_text(title)}</caption>'
        f"{rows}</table>"
    )


def _plural(n: int, one: str, many: str) -> str:
    return one if n == 1 else many


def analysis_summary_html(report: SpanSet, words: int | None = None) -> str:
    """What the machine marked, in one sentence and three small bar charts, escaped."""
    unsourced = sum(s.sourcing in ("anonymous", "vague", "none") for s in report.statistics)
    opinion = sum(s.label == "writer-opinion" for s in report.sentences)
    length = f"In {words:,} words, the" if words is not None else "The"
    line = (
        f"{length} machine marked <strong>{len(report.loaded)}</strong> loaded "
        f"{_plural(len(report.loaded), 'word or phrase', 'words or phrases')}, "
        f"<strong>{len(report.statistics)}</strong> {_plural(len(report.statistics), 'number', 'numbers')} "
        f"({unsourced} with nobody named behind {_plural(unsourced, 'it', 'them')}) and "
        f"<strong>{opinion}</strong> of {len(report.sentences)} "
        f"{_plural(len(report.sentences), 'sentence', 'sentences')} as the writer's own opinion."
    )
    loaded = Counter(s.category for s in report.loaded)
    sourcing = Counter(s.sourcing for s in report.statistics)
    labels = Counter(s.label for s in report.sentences)
    charts = (
        _bars("Loaded language", [(c, loaded[c]) for c in LOADED_CATEGORIES])
        + _bars("Who says so?", [(c, sourcing[c]) for c in SOURCING])
        + _bars("Sentences", [(c, labels[c]) for c in SENTENCE_LABELS])
    )
    return _message(
        f"<p>{line}</p><div>{charts}</div><p><em>The machine makes mistakes: check every mark yourself.</em></p>",
        TEXT,
    )


_PASTED = "the pasted text"


def source_html(article: Article | None) -> str:
    """ "Who is behind this?": the title, author, date, publisher and link the kit found, each with where from, escaped."""
    heading = '<h4 style="margin:0.3em 0">Who is behind this?</h4>'
    if article is None:
        return _message(
            f"{heading}<p>You pasted this text, so the kit cannot tell. Find the writer, the outlet and the date "
            "on the article's page.</p>",
            TEXT,
        )
    rows = "".join(
        f'<tr><th scope="row" style="text-align:left;padding:1px 8px 1px 0">{label}</th>'
        f"<td>{_text(article.metadata[key].value)} "
        f'<span style="color:{GREY}">(from {_text(article.metadata[key].source)})</span></td></tr>'
        for key, label in FIELD_LABELS.items()
        if key in article.metadata
    )
    if not rows:
        return _message(
            f"{heading}<p>The kit found no title, author, date or publisher in {_text(article.name)}. "
            "Look for them yourself: a text with no name behind it deserves extra care.</p>",
            TEXT,
        )
    return _message(
        f'{heading}<table style="border-collapse:collapse">{rows}</table>'
        "<p><em>Check these yourself: pages can leave them out or get them wrong.</em></p>",
        TEXT,
    )


class AnalysisWidget(widgets.VBox):
    """Paste a text, load a file (.txt, .html, .pdf, .docx) or fetch a link, click Analyse, read the marks.

    Files and links are read by ``medialit.ingest``: a web page is reduced to
    its article (never run), and what the kit finds about who is behind it is
    shown under "Who is behind this?". A link is fetched only when Fetch is
    clicked. Text that is not English gets a note and no flags, unless "It is
    in English" is ticked. The report is shown escaped, in a sandboxed
    frame. Headless use: set ``text_input.value`` (or call ``load_bytes`` /
    ``load_link``), call ``analyse()`` and read ``output.value``.
    """

    def __init__(self, text: str = "", title: str = "", folder: str | Path = ".") -> None:
        self.folder = Path(folder)
        self.result: SpanSet | None = None
        self.analysed_text: str | None = None
        self.article: Article | None = (
            None  # the file or page last loaded, while the box still holds its text
        )
        self.title_input = widgets.Text(
            value=title,
            description="Title:",
            placeholder="the headline, or a name for this text",
            style=_WIDE,
        )
        self.text_input = widgets.Textarea(
            value=text,
            description="Article text:",
            placeholder="Paste the text of a news article here (headline first), or load a file or a link below.",
            style=_WIDE,
            layout=widgets.Layout(width="100%", height="12em"),
        )
        self.file_input = widgets.FileUpload(
            accept=".txt,.html,.htm,.pdf,.docx",
            multiple=False,
            description="Load a file",
            tooltip="A .txt, .html, .pdf or .docx file",
        )
        self.link_input = widgets.Text(
            description="Or a link:",
            placeholder="https://… (the page is fetched only when you click Fetch)",
            style=_WIDE,
            layout=widgets.Layout(width="60%"),
        )
        self.fetch_button = widgets.Button(
            description="Fetch",
            icon="download",
            tooltip="Fetch the page at this link and take out its article",
        )
        self.english_box = widgets.Checkbox(
            value=False,
            description="It is in English: analyse it even if the kit thinks it is another language",
            indent=False,
            layout=widgets.Layout(width="auto"),
        )
        self.analyse_button = widgets.Button(
            description="Analyse", icon="search", button_style="primary", tooltip="Run the three detectors"
        )
        self.save_button = widgets.Button(
            description="Save the report",
            icon="save",
            disabled=True,
            tooltip="Save the highlighted report as a web page you can hand in",
        )
        self.message = widgets.HTML(value="")
        self.source = widgets.HTML(value="")
        self.summary = widgets.HTML(value="")
        self.output = widgets.HTML(value="", layout=widgets.Layout(width="100%"))
        self.file_input.observe(self._uploaded, names="value")
        self.fetch_button.on_click(lambda _: self.load_link())
        self.analyse_button.on_click(lambda _: self.analyse())
        self.save_button.on_click(lambda _: self.save())
        super().__init__(
            [
                self.title_input,
                self.text_input,
                widgets.HBox([self.file_input, self.analyse_button, self.save_button]),
                widgets.HBox([self.link_input, self.fetch_button]),
                self.english_box,
                self.message,
                self.source,
                self.summary,
                self.output,
            ]
        )
        self.add_class("medialit-analysis")
        if text.strip():
            self.analyse()

    def _fail(self, problem: str) -> None:
        self.message.value = _message(f"✗ {_text(problem)}", RED)
        self.summary.value = self.output.value = ""
        self.result = self.analysed_text = None
        self.save_button.disabled = True

    def _uploaded(self, change: dict[str, Any]) -> None:
        files = change["new"]
        if not files:
            return
        upload = files[-1] if isinstance(files, list | tuple) else next(iter(files.values()))
        self.load_bytes(bytes(upload.get("content", b"")), str(upload.get("name") or "the file"))
        self.file_input.value = ()  # so loading the same file again is noticed

    def _loaded(self, article: Article) -> bool:
        """Put a loaded article's text in the box, its title in the title box, and say who is behind it."""
        if not article.text.strip():
            self._fail(f"{article.name} has no text in it. Choose a file with the article's text.")
            return False
        self.article = article
        self.text_input.value = article.text
        if "title" in article.metadata:
            self.title_input.value = article.metadata["title"].value
        elif not self.title_input.value.strip():
            self.title_input.value = Path(article.name).stem
        notes = "".join(f" {_text(note)}" for note in article.notes)
        self.message.value = _message(
            f"✓ Loaded {_text(article.name)} ({word_count(article.text):,} words).{notes} Now click Analyse.",
            GREEN,
        )
        self.source.value = source_html(article)
        return True

    def load_bytes(self, data: bytes, name: str = "the file") -> bool:
        """Put a file's text into the box (a page's article, a PDF's or Word file's text), or explain why not."""
        if len(data) > MAX_UPLOAD_BYTES:
            self._fail(
                f"{name} is {len(data):,} bytes, too big for the analysis tool "
                f"(the limit is {MAX_UPLOAD_BYTES:,}). Copy the article's text into the box instead."
            )
            return False
        try:
            article = read_bytes(data, name)
        except MedialitError as exc:
            self._fail(str(exc))
            return False
        return self._loaded(article)

    def load_link(self, url: str | None = None) -> bool:
        """Fetch the page at ``url`` (default: the link box) and put its article into the box, or explain why not."""
        url = (url if url is not None else self.link_input.value).strip()
        if not is_link(url):
            self._fail("Type or paste a link starting with https:// into the link box, then click Fetch.")
            return False
        self.message.value = _message(f"Fetching {_text(url)} …")
        try:
            article = read_link(url)
        except MedialitError as exc:
            self._fail(str(exc))
            return False
        return self._loaded(article)

    def _article(self, raw: str) -> Article:
        """The article behind the box's text: the one loaded, a pasted web page reduced, or the pasted text."""
        if self.article is not None and raw == self.article.text:
            return self.article
        self.article = None
        if looks_like_html(raw):
            # A lone surrogate (half of an emoji, cut off) cannot be encoded in UTF-8: it becomes "?".
            return read_bytes(raw.encode("utf-8", "replace"), "the pasted page", kind="html")
        return Article(raw, _PASTED, language=confident_language(raw))

    def analyse(self) -> SpanSet | None:
        """Analyse the text in the box and show the summary and the highlighted report (or what is wrong)."""
        raw = self.text_input.value.replace("\r\n", "\n").replace("\r", "\n")
        if is_link(raw):
            if not self.load_link(raw):
                return None
            raw = self.text_input.value
        if not raw.strip():
            self._fail("There is no text to analyse yet. Paste an article into the box, or load a file.")
            return None
        if "\x00" in raw:
            self._fail("This looks like a binary file, not text. Paste the article's words instead.")
            return None
        if len(raw) > MAX_ANALYSIS_CHARS:
            self._fail(
                f"This text has {len(raw):,} characters; the tool takes at most {MAX_ANALYSIS_CHARS:,}. "
                "Paste one article at a time."
            )
            return None
        try:
            article = self._article(raw)
        except MedialitError as exc:
            self._fail(str(exc))
            return None
        skip = language_note(
            article.language,
            "en" if self.english_box.value else None,
            override="tick “It is in English” and click Analyse again",
        )
        notes = [*article.notes, *([skip] if skip else [])]
        note = " ".join(notes) or None
        title = self.title_input.value.strip() or "Your article"
        text = article.text
        self.result, self.analysed_text = (SpanSet() if skip else analyze(text)), text
        self.source.value = source_html(None if article.name == _PASTED else article)
        self.summary.value = analysis_summary_html(self.result, word_count(text))
        self.output.value = report_frame_html(text, self.result, title=title, note=note)
        self.message.value = _message(
            "✓ Analysed. Hover over (or Tab to) a mark in the report to read the machine's reason."
            + (f" {_text(note)}" if note else ""),
            GREEN if not skip else AMBER,
        )
        self.save_button.disabled = False
        return self.result

    def save(self) -> Path | None:
        """Write the highlighted report as a web page into the folder, and say where it went."""
        if self.result is None or self.analysed_text is None:
            self._fail("Click Analyse first, then save the report.")
            return None
        title = self.title_input.value.strip() or "Your article"
        safe = re.sub(r"[^\w\-]+", "-", title).strip("-")[:40] or "article"
        path = self.folder / f"medialit-report-{safe}.html"
        try:
            write_text_atomically(path, render_html(self.analysed_text, self.result, title=title))
        except OSError as exc:
            self.message.value = _message(f"✗ The report could not be saved: {_text(exc)}", RED)
            return None
        self.message.value = _message(f"✓ Saved the report to <code>{_text(path)}</code>", GREEN)
        return path


def analysis_widget(text: str = "", title: str = "", folder: str | Path = ".") -> AnalysisWidget:
    """The analysis tool; given ``text``, it is analysed at once. Reports are saved into ``folder``."""
    return AnalysisWidget(text, title, folder)


def show_analysis(text: str = "", title: str = "") -> None:
    """Display the analysis tool (empty, or with ``text`` already analysed)."""
    display(analysis_widget(text, title))
