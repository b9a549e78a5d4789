"""The words of each finding: its reason and what a reader would need to check."""

from __future__ import annotations

from ...schema import StatisticSpan
from .arithmetic import _check, _fmt, _Sums
from .numbers import _Group
from .sources import _Attr, _mid

# ---------------------------------------------------------------------------------------------
# Wording: the reason, what to check
# ---------------------------------------------------------------------------------------------

_WHAT_TO_CHECK = {
    "named-document": "Find {doc} and check that it gives this figure, for which dates, and how it was counted.",
    "named-organization-or-person": (
        "Look for a published statement or data from {source} with this figure, and check its date and definition."
    ),
    "poll": "Find {doc} itself: its date, the exact question asked, and how many people took part.",
    "other-outlet": "Find {doc} and where its figure came from (which agency, study or data).",
    "self-citation": (
        "Find the data behind the outlet's own earlier report: which agency or study counted it, and when."
    ),
    "anonymous": "Official data or a named source that confirms this figure, because the person who gave it cannot "
    "be checked.",
    "vague": "Which report, study or expert this comes from, and the actual figure behind it.",
    "none": "An official statistic or a named study that gives this figure, with its date and how it was counted.",
}


def _quote(words: str, limit: int = 90) -> str:
    words = " ".join(words.split())  # each run of white space as one space, none at the ends
    return words if len(words) <= limit else words[: limit - 3].rstrip() + "…"


def _span(
    text: str, group: _Group, attr: _Attr | None, how: str, sums: _Sums, paragraph: int
) -> StatisticSpan:
    """The finished record: offsets, class, source, reason, what to check and the arithmetic."""
    start, end = group.start, group.end
    words = text[start:end]
    sourcing = attr.sourcing if attr else "none"
    source = attr.source if attr else None
    if source is not None:
        source = source.strip() or None
        if source is None:
            sourcing = "none"
    shown = _quote(words)
    atoms = group.atoms
    plural = len(atoms) > 1
    vague = group.vague if plural else atoms[0].kind == "vague"
    pct = any(a.pct for a in atoms) if plural else atoms[0].pct
    if vague:
        subject = f"The vague amount “{shown}”"
    elif plural:
        subject = f"The figures “{shown}”"
    elif pct:
        subject = f"The percentage “{shown}”"
    elif atoms[0].kind == "share":
        subject = f"The share “{shown}”"
    else:
        subject = f"The number “{shown}”"
    subject_lower = subject[0].lower() + subject[1:]
    is_, comes, continues = ("are", "come", "continue") if plural else ("is", "comes", "continues")
    said = _mid(source) if source else ""
    if attr is None or source is None:
        reason = (
            f"No one is named as the source of {subject_lower} in this sentence or the one before, "
            "so readers have to take the writer's word for it."
        )
        if vague:
            reason = f"“{shown}” gives an amount without a number, and no one is named as its source."
    elif how == "estimated":
        reason = f"{subject} {is_} called “{source}”, but the text never says who estimated it, so the source is vague."
    elif how == "quote":
        reason = f"{subject} {is_} inside words quoted from {_quote(said)}, so the speaker is the source: {attr.why}."
    elif how == "carry":
        reason = f"{subject} {continues} the sentence before, which credits “{_quote(attr.cue)}”: {attr.why}."
    elif how == "next":
        reason = f"The next sentence credits {subject_lower} to “{_quote(attr.cue)}”: {attr.why}."
    else:
        reason = f"{subject} {comes} with “{_quote(attr.cue or source)}”: {attr.why}."
    doc = (attr.doc if attr and attr.doc else None) or (source or "the document")
    template = _WHAT_TO_CHECK[sourcing]
    if attr is not None and sourcing == "named-organization-or-person" and attr.doc:
        template = _WHAT_TO_CHECK["poll"]
    what = template
    if "{" in template:  # (some name neither the document nor the source)
        what = template.format(doc=_quote(_mid(doc), 150), source=_quote(said or "the source"))
    if vague:
        what = f"What number “{shown}” stands for. " + what
    elif pct and "of" not in group.links:
        what = "What the percentage is a share of (the whole group). " + what
    elif "range" in group.links and group.opener == "between":
        what = "Why a range is given and how it was estimated. " + what
    check = _check(group) if group.links else None  # the arithmetic inside a statistic needs two figures
    for parts, total_pos, values, total in sums.equations(paragraph):
        if any(a.start == total_pos or a.start in parts for a in atoms):
            equation = " + ".join(_fmt(v) for v in values) + f" = {_fmt(total)}"
            note = f"{equation}: the parts add up exactly to the other figure nearby."
            check = f"{check} {note}" if check else note
            break
    # (start, end, text, sourcing, source, reason, what_to_check, check), by position: with keywords the
    # call costs about as much as writing the record's words
    return StatisticSpan(start, end, words, sourcing, source, reason, what, check)
