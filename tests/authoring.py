"""A teacher's review, scripted: the team-written test article, decisions through the pure layer, a saved key."""

from __future__ import annotations

from pathlib import Path

from medialit.authoring import ReviewSession, article_from_file, propose
from medialit.authoring.key import save_key

ARTICLE = Path(__file__).parent / "fixtures" / "authoring" / "county-jail-agreement.txt"
LESSON_ID = "county-jail-vote"
LESSON = "T-County-Jail-Vote"


def _index(session: ReviewSession, kind: str, text: str) -> int:
    return next(i for i, m in enumerate(session.marks) if m.kind == kind and m.text.startswith(text))


def scripted_review(session: ReviewSession) -> ReviewSession:
    """The decisions a teacher might make on the test article, then every other mark accepted as proposed."""
    session.reject(_index(session, "statistic", "Some experts"))  # an amount, not a number
    session.change(
        _index(session, "sentence", "The decision is"),
        label="writer-opinion",
        reason="The writer judges the decision, with no source: opinion set among the news.",
    )
    session.change(_index(session, "loaded", "cruel"), acceptable=False, alternative="harsh")
    text = session.text
    at = text.index("reckless gamble")
    session.add(
        "loaded",
        at,
        at + len("reckless gamble"),
        category="exaggeration",
        reason="Calls the vote a wild bet with people's safety; the article gives no facts for that.",
        alternative="risk",
    )
    words = session.words()
    first = next(i for i, w in enumerate(words) if w.text == "holding")
    session.add_words(
        "loaded",
        first,
        first + 1,
        category="emotive-metaphor",
        reason="The commissioner pictures the jail as a pen for animals.",
        alternative="place to hold people",
    )
    while (index := session.next_pending()) is not None:
        session.accept(index)
    return session


def reviewed_session() -> ReviewSession:
    """The test article, proposed by the detectors and reviewed by :func:`scripted_review`."""
    return scripted_review(propose(article_from_file(ARTICLE)))


def saved_lesson(root: Path) -> Path:
    """The reviewed key saved as a teacher lesson under ``root``; returns its folder."""
    return save_key(reviewed_session(), LESSON_ID, "Ms. Rivera (test)", folder=root / LESSON_ID)
