"""Reasons a student can follow: why the rules gave a sentence its label, naming the cues they found."""

from __future__ import annotations

from .rules import _WEIGHTS, _Cue, _Reading
from .words import CUE_KINDS

_EXTRA_NAMES = {
    "person": "the writer says 'I', 'we' or 'you'",
    "question": "rhetorical question",
    "exclamation": "exclamation",
    "loaded": "loaded term",
    "valence": "strongly emotional word",
    "speaker": "the speaker talks about 'I' or 'we'",
    "verdict": "a judgement stated as plain fact",
    "requirement": "says what is required",
    "scare": "scare quotes, which hold a word at a distance",
}


def _reason(text: str, r: _Reading, label: str) -> str:
    """The reason for ``label``, which :func:`_decide` gave a sentence of the story that reads ``r``."""
    attributed = bool(r.attribution) or r.quoted_share > 0 or r.lead_in
    if label == "writer-opinion":
        return _reason_writer(text, r, attributed)
    if label == "quoted-opinion":
        return _reason_quoted(text, r, r.stance)
    return _reason_fact(text, r, attributed=attributed)


def _name(kind: str) -> str:
    return _EXTRA_NAMES.get(kind) or CUE_KINDS.get(kind, kind)


def _cue_list(text: str, cues: list[_Cue], limit: int = 3) -> list[str]:
    """ "'clearly' (certainty marker) and 'crucial' (evaluative word)", strongest first."""
    if not cues:
        return []
    if len(cues) == 1:  # the usual case
        return ["1 loaded term" if cues[0][2] == "loaded" else _cue_words(text, cues[0])]
    seen: set[str] = set()
    taken: set[int] = set()
    taken_kinds: set[str] = set()
    parts = []
    named = [cue for cue in cues if cue[2] != "loaded"]  # loaded terms are only counted
    n_loaded = len(cues) - len(named)
    if len(named) > 1:
        named.sort(key=lambda c: (-_WEIGHTS.get(c[2], 0.0), c[0]))
    for cue in named:
        start, _, kind = cue
        if start in taken or kind in taken_kinds:
            continue
        taken.add(start)
        if kind in ("person", "speaker", "valence"):
            taken_kinds.add(kind)  # one example is enough
        part = _cue_words(text, cue)
        if part not in seen:
            seen.add(part)
            parts.append(part)
    if n_loaded:
        parts.append(f"{n_loaded} loaded term{'s' if n_loaded > 1 else ''}")
    return parts[:limit]


def _cue_words(text: str, cue: _Cue) -> str:
    """How a reason shows one cue: "'clearly' (certainty marker)", "a rhetorical question"."""
    start, end, kind = cue
    if kind == "question":
        return f"a {_name(kind)}"
    if kind == "exclamation":
        return "an exclamation mark"
    return f"'{' '.join(text[start:end].split())}' ({_name(kind)})"


def _join(parts: list[str]) -> str:
    if len(parts) > 1:
        return ", ".join(parts[:-1]) + " and " + parts[-1]
    return parts[0] if parts else "no clear cue"


def _source_words(text: str, r: _Reading) -> str:
    if r.attribution:
        start, end, _ = r.attribution[0]
        return f"'{' '.join(text[start:end].split())}' credits a source"
    if r.quoted_share > 0 and r.in_marks:
        return "the words are in quotation marks"
    if r.quoted_share > 0:
        return "it is set as a block quote, the speaker still talking"
    return "it follows a lead-in ending in a colon"


def _reason_writer(text: str, r: _Reading, attributed: bool) -> str:
    cues = _join(_cue_list(text, r.writer))
    if attributed:
        return f"Writer's own judgement around the quote or source: {cues}, in the writer's words."
    return f"Writer's own judgement: {cues}, with no one quoted or credited."


def _reason_quoted(text: str, r: _Reading, stance: list[_Cue]) -> str:
    if r.quoted:
        return f"Someone else's opinion: {_source_words(text, r)}, and the quoted words include {_join(_cue_list(text, r.quoted))}."
    if stance:
        start, end, _ = stance[0]
        verb = " ".join(text[start:end].split())
        return f"Someone else's opinion: '{verb}' reports what a source thinks, not a checked fact."
    return (
        f"Someone else's opinion: {_source_words(text, r)}, and it gives a view rather than a checkable fact."
    )


def _reason_fact(text: str, r: _Reading, attributed: bool) -> str:
    parts = _cue_list(text, r.writer + r.quoted) if r.writer or r.quoted else []
    tail = ""
    if parts:
        many = len(parts) > 1 or (parts[0][0].isdigit() and not parts[0].startswith("1 "))
        verb = "The cues {} are" if many else "The cue {} is"
        tail = " " + verb.format(_join(parts)) + " too weak to call it opinion."
    if attributed:
        return f"A fact with a source: {_source_words(text, r)}.{tail}"
    return f"States something as fact without saying who says so.{tail}"
