"""Which language a text is in (py3langid, offline), and the note for text the English detectors should skip."""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["LANGUAGE_NAMES", "confident_language", "detect_language", "language_name", "language_note"]

#: Names for the commonest codes; other languages are named by their ISO 639-1 code.
LANGUAGE_NAMES = {
    "en": "English", "es": "Spanish", "de": "German", "fr": "French", "it": "Italian", "pt": "Portuguese",
    "nl": "Dutch", "pl": "Polish", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic", "zh": "Chinese",
    "ja": "Japanese", "ko": "Korean", "tr": "Turkish", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "el": "Greek", "he": "Hebrew", "hi": "Hindi", "vi": "Vietnamese", "tl": "Tagalog",
}  # fmt: skip
#: Below this confidence (0-1) a text is not called non-English: short English texts can look like anything.
MIN_CONFIDENCE = 0.8
_SAMPLE_CHARS = 5000
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """The ISO 639-1 code of ``text``'s language and py3langid's confidence (0-1), judged on its first 5,000 characters.

    Returns ``(None, 0.0)`` for a text with fewer than three words, which is too short to tell.
    """
    sample = text[:_SAMPLE_CHARS]
    if len(_WORD.findall(sample)) < 3:
        return None, 0.0
    code, confidence = _identifier().classify(sample)
    return str(code), float(confidence)


def confident_language(text: str) -> str | None:
    """``text``'s language code when py3langid is at least ``MIN_CONFIDENCE`` sure of it, else ``None``."""
    code, confidence = detect_language(text)
    return code if confidence >= MIN_CONFIDENCE else None


def language_name(code: str) -> str:
    """``"German"`` for ``"de"``; the code itself when the kit has no name for it."""
    return LANGUAGE_NAMES.get(code, code)


def language_note(
    detected: str | None, chosen: str | None = None, *, override: str = "--language en"
) -> str | None:
    """Why the English detectors should not run on a text, or ``None`` when they should.

    ``detected`` is the text's language from :func:`confident_language`;
    ``chosen`` is the reader's own choice (an ISO 639-1 code such as
    ``"en"``), which wins; ``override`` names how to insist on English, for
    the message. The detectors' word lists and VADER are English: run on
    German, "die" reads as the English verb.
    """
    if chosen is not None:
        if chosen.lower() in {"en", "english"}:
            return None
        said = f"is marked as {language_name(chosen.lower())} ({chosen.lower()})"
    elif detected is None or detected == "en":
        return None
    else:
        said = f"looks like {language_name(detected)} ({detected})"
    return (
        f"This text {said}. The detectors are built for English, so no flags were given: "
        f"their English word lists would misread it. If it is English, use {override}."
    )
