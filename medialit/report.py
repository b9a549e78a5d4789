"""A self-contained HTML page that highlights a detector report or answer key over its text."""

from __future__ import annotations

import html
import itertools

from .schema import LOADED_CATEGORIES, SOURCING, SpanSet
from .wording import count, quoted

__all__ = ["CATEGORY_STYLES", "render_html"]

# Okabe-Ito colours (safe for colour-blind readers); each category also has its own underline style and a
# text label, so nothing depends on colour alone. Text stays black on white (contrast 21:1).
CATEGORY_STYLES: dict[str, tuple[str, str, str]] = {
    "emotive-words": ("#56B4E9", "wavy", "feeling"),
    "emotive-metaphor": ("#0072B2", "wavy", "metaphor"),
    "labeling": ("#D55E00", "solid", "label"),
    "exaggeration": ("#CC79A7", "double", "exaggeration"),
    "appeal-to-fear": ("#000000", "dashed", "fear"),
    "sarcasm-or-doubt": ("#009E73", "dotted", "doubt"),
    "euphemism": ("#E69F00", "solid", "euphemism"),
}
OPINION_LABELS = {"writer-opinion": "writer's opinion", "quoted-opinion": "quoted opinion"}

_CSS = """
body { font: 17px/1.7 Georgia, serif; max-width: 70ch; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font: bold 1.3rem system-ui, sans-serif; } .meta { font: 0.9rem system-ui, sans-serif; color: #333; }
.legend { font: 0.9rem/2.4 system-ui, sans-serif; border: 1px solid #767676; padding: 0.5rem 1rem; margin: 1rem 0; }
.legend > span { display: inline-block; margin-right: 1.25rem; white-space: nowrap; }
.loaded { text-decoration-line: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
.tag { font: bold 0.7rem/1 system-ui, sans-serif; vertical-align: baseline; margin-left: 2px; color: #111; }
.stat { border: 1.5px solid #555; border-radius: 3px; padding: 0 2px; }
.sent { font: bold 0.75rem system-ui, sans-serif; background: #eee; border: 1px solid #555; padding: 0 3px;
        margin-right: 3px; }
.opinion { background: #f3f0e0; }
/* The reason shows on focus (Tab, or a tap on a touch screen) as well as on hover, not only in a tooltip. */
.loaded:focus::after, .stat:focus::after, .loaded:hover::after, .stat:hover::after {
  content: " — " attr(data-reason); font: 0.85rem/1.4 system-ui, sans-serif; background: #fff8d6;
  color: #111; border: 1px solid #767676; padding: 0 4px; margin-left: 2px; }
.loaded:focus, .stat:focus { outline: 2px solid #111; outline-offset: 2px; }
"""


def _legend() -> str:
    items = []
    for category in LOADED_CATEGORIES:
        colour, style, short = CATEGORY_STYLES[category]
        items.append(
            f'<span><span class="loaded" style="text-decoration-color:{colour};text-decoration-style:{style}">'
            f'{html.escape(category)}</span><span class="tag">[{short}]</span></span>'
        )
    items.append('<span><span class="stat">number</span><span class="tag">[who says so]</span></span>')
    items.append('<span><span class="sent">writer\'s opinion</span> sentence shaded</span>')
    return '<div class="legend" role="note"><strong>Key:</strong> ' + " ".join(items) + "</div>"


def _tip(*parts: str | None) -> str:
    return html.escape(" ".join(p for p in parts if p), quote=True)


def render_html(
    text: str,
    report: SpanSet,
    title: str = "medialit analysis",
    note: str | None = None,
    *,
    machine: bool = True,
) -> str:
    """One HTML page, with no external files: the text with loaded words, numbers and opinion marked.

    The text is cut at every span boundary; each piece is HTML-escaped and
    wrapped in the marks active over it, so the markup stays well-formed even
    where spans cross. Hover a mark (or reach it with Tab) to read its reason.
    ``machine=False`` says the page shows the answer key rather than a detector's guesses.
    """
    marks = [(s.start, s.end, "sentence", s) for s in report.sentences if s.label in OPINION_LABELS]
    marks += [(s.start, s.end, "loaded", s) for s in report.loaded]
    marks += [(s.start, s.end, "stat", s) for s in report.statistics]
    cuts = sorted({0, len(text)} | {m[0] for m in marks} | {m[1] for m in marks})
    starting: dict[int, list] = {}
    for mark in marks:
        starting.setdefault(mark[0], []).append(mark)
    active: list = []
    body: list[str] = []
    for a, b in itertools.pairwise(cuts):
        active = [m for m in active if m[1] > a] + starting.get(a, [])
        piece = html.escape(text[a:b]).replace("\n", "<br>\n")
        for start, end, kind, span in sorted(
            active, key=lambda m: ("stat", "loaded", "sentence").index(m[2])
        ):
            piece = _wrap(piece, kind, span, first=start == a, last=end == b)
        body.append(piece)
    opinion = sum(s.label == "writer-opinion" for s in report.sentences)
    counts = (
        f"{count(len(report.loaded), 'loaded word or phrase', 'loaded words or phrases')}, "
        f"{count(len(report.statistics), 'number', 'numbers')}, "
        f"{count(opinion, 'sentence', 'sentences')} of the writer's opinion"
    )
    note_html = f'<p class="meta">{html.escape(note)}</p>' if note else ""
    caveat = (
        "Machine analysis makes mistakes: check each mark yourself."
        if machine
        else "The answer key: two annotators' reconciled calls; hover a mark for the reason."
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>{html.escape(title)}</title><style>{_CSS}</style></head><body>"
        f'<h1>{html.escape(title)}</h1><p class="meta">{counts}. {caveat}</p>'
        f'{note_html}{_legend()}<div class="text">{"".join(body)}</div></body></html>\n'
    )


def _wrap(piece: str, kind: str, span, *, first: bool, last: bool) -> str:
    """Wrap one escaped piece of text in one mark; the label tag follows the span's last piece."""
    if kind == "sentence":
        label = OPINION_LABELS[span.label]
        lead = f'<span class="sent">{html.escape(label)}</span>' if first else ""
        return f'<span class="opinion" title="{_tip(span.reason or label)}">{lead}{piece}</span>'
    if kind == "loaded":
        colour, style, short = CATEGORY_STYLES[span.category]
        tip = _tip(
            f"{span.category}:",
            span.reason,
            f"Neutral wording: {span.alternative}" if span.alternative else None,
        )
        tag = f'\u2060<span class="tag">[{short}]</span>' if last else ""
        return (
            f'<span class="loaded" tabindex="0" title="{tip}" data-reason="{tip}" style="text-decoration-color:{colour};'
            f'text-decoration-style:{style}">{piece}</span>{tag}'
        )
    short = html.escape(span.sourcing if span.sourcing in SOURCING else "number")
    tag = f'\u2060<span class="tag">[{short}]</span>' if last else ""
    tip = _tip(span.sourcing + ":", span.reason)
    return f'<span class="stat" tabindex="0" title="{tip}" data-reason="{tip}">{piece}</span>{tag}'


def render_text(text: str, report: SpanSet) -> str:
    """A plain-text listing of a report, for the terminal."""
    lines = [f"Loaded language ({len(report.loaded)}):"]
    for s in report.loaded:
        who = " (quoted)" if s.speaker == "quoted" else ""
        lines.append(f"  {s.start:>6}  {quoted(s.text)} [{s.category}]{who}: {s.reason}")
    lines.append(f"\nNumbers and who says so ({len(report.statistics)}):")
    for s in report.statistics:
        source = f" source: {quoted(s.source)}" if s.source else ""
        check = f"\n          check: {s.check}" if s.check else ""
        lines.append(f"  {s.start:>6}  {quoted(s.text)} [{s.sourcing}]{source}{check}")
    lines.append(f"\nSentences ({len(report.sentences)}):")
    for s in report.sentences:
        score = f" {s.score:.2f}" if s.score is not None else ""
        lines.append(f"  {s.start:>6}  [{s.label}{score}] {s.text[:100]}{'…' if len(s.text) > 100 else ''}")
    return "\n".join(lines) + "\n"
