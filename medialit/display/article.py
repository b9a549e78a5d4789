"""An article, some of its sentences, or a short plain text, as readable HTML: proportional type, about 70
characters a line."""

from __future__ import annotations

import html
import re

from .. import corpus
from ..errors import MedialitError, UnknownArticleError
from ..schema import ArticleInfo, Document
from ..teacher_lessons import TeacherLesson, read_lesson_folder, teacher_lessons_dir
from .fragment import HTMLFragment
from .theme import BORDER, MUTED, PAGE, READING_FONT, TEXT

#: Line length in the reading font: 66 characters is the long-standing ideal, 45–75 the comfortable range.
MEASURE = "70ch"


def _paragraphs(text: str) -> str:
    """Escaped paragraphs: a blank line (or a single line break) starts a new one; words never split."""
    blocks = [b.strip() for b in text.replace("\r\n", "\n").split("\n")]
    return "".join(f'<p style="margin:0 0 0.8em">{html.escape(" ".join(b.split()))}</p>' for b in blocks if b)


def _byline(info: ArticleInfo | object | None) -> str:
    if not isinstance(info, ArticleInfo):
        disclaimer = getattr(info, "disclaimer", "")
        return f"<em>{html.escape(disclaimer)}</em>" if disclaimer else ""
    parts = [info.outlet.value, info.author.value, info.date.value]
    return " · ".join(html.escape(str(p)) for p in parts if p and str(p).strip())


def _teacher_lesson(article_id: str) -> TeacherLesson | None:
    """An installed teacher's lesson with this id (teacher-lessons/<id>/), or None."""
    folder = teacher_lessons_dir() / article_id
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article_id) or not folder.is_dir():
        return None
    return read_lesson_folder(folder)


def _teacher_byline(record: dict) -> str:
    source = record["source"]
    parts = [source.get("site_name"), source.get("author"), source.get("date")]
    chosen = f"Chosen by {record['annotator']}"
    return " · ".join(html.escape(str(p)) for p in [*parts, chosen] if p and str(p).strip())


def article_html(
    article_id: str, start_sentence: int | None = None, end_sentence: int | None = None
) -> HTMLFragment:
    """The article's title, outlet · author · date, and text (or sentences ``start..end``, both included).

    The headline is shown once, as the title: a text whose first line is the headline (as the kit's
    articles are stored) is shown from its second line.

    Sentences are counted from 0 as in the answer key (``datasets/annotations``). A part of an article is
    marked "Part of the article" with "…" where text was left out. Everything is escaped.
    A teacher's installed lesson (medialit.teacher_lessons) is shown by its id too, with who chose it.
    Raises UnknownArticleError for an unknown id, MedialitError for sentence numbers out of range.
    """
    try:
        document = corpus.load(article_id)
    except UnknownArticleError:
        teacher = _teacher_lesson(article_id)
        if teacher is None:
            raise
        document = Document(teacher.id, teacher.text, None)
        title, byline, key = teacher.record["title"], _teacher_byline(teacher.record), teacher.key
    else:
        title, byline, key = document.title, _byline(document.info), None
    text, partial = document.text, start_sentence is not None or end_sentence is not None
    if partial:
        sentences = (key or corpus.annotations(article_id)).sentences
        first = 0 if start_sentence is None else start_sentence
        last = len(sentences) - 1 if end_sentence is None else end_sentence
        if not 0 <= first <= last < len(sentences):
            raise MedialitError(
                f"{article_id} has sentences 0 to {len(sentences) - 1}; "
                f"{first} to {last} is not a range of them"
            )
        text = text[sentences[first].start : sentences[last].end]
        text = ("… " if first > 0 else "") + text + (" …" if last < len(sentences) - 1 else "")
    text = _without_headline(text, title)
    note = f'<p style="margin:0 0 0.6em;color:{MUTED}">Part of the article</p>' if partial else ""
    return HTMLFragment(
        f'<article class="medialit-article" style="max-width:{MEASURE};font-family:{READING_FONT};'
        f"font-size:1.05em;line-height:1.6;color:{TEXT};background:{PAGE};border:1px solid {BORDER};"
        "border-radius:6px;padding:0.8em 1.2em;margin:0.5em 0;overflow-wrap:normal;word-break:normal;"
        'hyphens:manual;white-space:normal">'
        f'<h3 style="margin:0 0 0.2em;font-size:1.2em;line-height:1.3">{html.escape(title)}</h3>'
        + (f'<p style="margin:0 0 0.8em;color:{MUTED};font-size:0.9em">{byline}</p>' if byline else "")
        + note
        + _paragraphs(text)
        + "</article>"
    )


def _without_headline(text: str, title: str) -> str:
    """``text`` without a first line that is only the headline ``title`` (white space aside)."""
    first, newline, rest = text.lstrip().partition("\n")
    if newline and title.strip() and " ".join(first.split()) == " ".join(title.split()):
        return rest.lstrip()
    return text


def text_html(text: str) -> HTMLFragment:
    """Plain text (an article's notes, a definition, a disclaimer) in the reading font, about 70 characters a line.

    Each line of ``text`` becomes a paragraph; spaces are kept as they are (non-breaking ones too), and
    everything is escaped, so markup in the text is shown as text. Empty text gives an empty fragment.
    """
    lines = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    body = "".join(f'<p style="margin:0 0 0.6em">{html.escape(line)}</p>' for line in lines if line)
    if not body:
        return HTMLFragment("")
    return HTMLFragment(
        f'<div class="medialit-text" style="max-width:{MEASURE};font-family:{READING_FONT};line-height:1.6;'
        f'color:{TEXT};overflow-wrap:normal;word-break:normal;white-space:normal">{body}</div>'
    )
