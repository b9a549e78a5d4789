"""The progress database file: its SQL schema, version upgrades, and connections (WAL, busy timeout)."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager

__all__ = [
    "BUSY_TIMEOUT_SECONDS",
    "SCHEMA_VERSION",
    "connect",
    "is_damaged",
    "prepare",
    "transaction",
]

#: Marks the file as a medialit progress database (``PRAGMA application_id``; "MLP1" in ASCII).
APPLICATION_ID = 0x4D4C5031
#: The schema this kit writes; ``UPGRADES[n]`` brings a database from version n to n + 1.
SCHEMA_VERSION = 1
#: How long a write waits for another lesson's write to finish before giving up (seconds).
BUSY_TIMEOUT_SECONDS = 20.0

_ROW_PROBLEM = re.compile(r"^(CHECK constraint failed|NULL value in) ")

_VERSION_1 = """
CREATE TABLE names (            -- every name the learner saved, the latest counts
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    set_at TEXT NOT NULL
);
CREATE TABLE attempts (         -- every checked answer, never updated or deleted
    id INTEGER PRIMARY KEY,
    quiz TEXT NOT NULL,
    lesson TEXT NOT NULL,
    answer TEXT NOT NULL,       -- the answer as JSON
    score REAL NOT NULL CHECK (score >= 0 AND score <= 1),
    correct INTEGER NOT NULL CHECK (correct IN (0, 1)),
    at TEXT NOT NULL            -- ISO 8601, UTC
);
CREATE INDEX attempts_by_quiz ON attempts (quiz, id);
CREATE TABLE earlier_attempts ( -- what progress.json (which kept no history) knew before the last attempt
    quiz TEXT PRIMARY KEY,
    lesson TEXT NOT NULL,
    count INTEGER NOT NULL CHECK (count >= 0),
    first_at TEXT NOT NULL,
    best_score REAL NOT NULL CHECK (best_score >= 0 AND best_score <= 1)
);
CREATE TABLE reveals (          -- each press of "Show answer"
    id INTEGER PRIMARY KEY,
    quiz TEXT NOT NULL,
    lesson TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX reveals_by_quiz ON reveals (quiz);
CREATE TABLE responses (        -- free text (rewrites, reflections, worksheets), every save kept, the latest counts
    id INTEGER PRIMARY KEY,
    response TEXT NOT NULL,     -- the response id, such as "l05-reflection"
    lesson TEXT NOT NULL,
    prompt TEXT,
    text TEXT NOT NULL,
    saved_at TEXT NOT NULL
);
CREATE INDEX responses_by_id ON responses (response, id);
CREATE TABLE imports (          -- old progress.json files already imported, by SHA-256, so none is imported twice
    sha256 TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    at TEXT NOT NULL
);
"""


def _create_version_1(con: sqlite3.Connection) -> None:
    for statement in _VERSION_1.split(";"):
        if statement.strip():
            con.execute(statement)


#: One step per schema version. A later kit adds ``UPGRADES[1]`` (ALTER TABLE ... for version 2) and so on;
#: steps run in order inside one transaction, so a database is never left half upgraded.
UPGRADES: dict[int, Callable[[sqlite3.Connection], None]] = {0: _create_version_1}


class NewerDatabaseError(sqlite3.DatabaseError):
    """A database written by a newer version of the kit, which this one must not change."""


class ForeignDatabaseError(sqlite3.DatabaseError):
    """A SQLite file that some other program made: not a medialit progress database."""


def connect(target: str) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit) that waits for other writers.

    ``target`` is a file path or ``":memory:"``. Raises ``sqlite3.Error`` when the file cannot be opened.
    """
    con = sqlite3.connect(target, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None, check_same_thread=False)
    con.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_SECONDS * 1000)}")
    con.execute("PRAGMA synchronous = FULL")  # a check is on disk when Check returns, even if power fails
    return con


@contextmanager
def transaction(con: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """One short write transaction: ``BEGIN IMMEDIATE`` (takes the write lock at once, so two kernels
    never deadlock upgrading a read), then COMMIT, or ROLLBACK on any error."""
    con.execute("BEGIN IMMEDIATE")
    try:
        yield con
    except BaseException:
        con.execute("ROLLBACK")
        raise
    con.execute("COMMIT")


def prepare(con: sqlite3.Connection, *, check: bool = False) -> None:
    """Make ``con``'s database current: WAL mode, the schema created or upgraded; optionally an integrity check.

    Raises :class:`NewerDatabaseError`, :class:`ForeignDatabaseError`, or ``sqlite3.DatabaseError`` for a
    damaged file (``PRAGMA integrity_check`` failing counts as damaged).
    """
    version = _check_ours(con)
    if check:  # before anything is written, so that a damaged file is kept aside exactly as it was
        # A row breaking a CHECK or NOT NULL constraint is not damage to the file: such rows are skipped,
        # with a warning, when they are read (ProgressStore validates every row).
        problems = [
            row[0] for row in con.execute("PRAGMA integrity_check(20)") if not _ROW_PROBLEM.match(row[0])
        ]
        if problems not in ([], ["ok"]):
            detail = " ".join("; ".join(problems).split())
            raise sqlite3.DatabaseError(f"integrity check failed: {detail[:160]}")
    if version != SCHEMA_VERSION or check:
        con.execute("PRAGMA journal_mode = WAL")  # kept in the file; a no-op once set
    if version != SCHEMA_VERSION:
        with transaction(con):
            version = _check_ours(con)  # again, now that no other lesson can be creating it
            for step in range(version, SCHEMA_VERSION):
                UPGRADES[step](con)
            con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            con.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _check_ours(con: sqlite3.Connection) -> int:
    """The schema version; raises if the file is another program's database or from a newer kit."""
    version = con.execute("PRAGMA user_version").fetchone()[0]
    app = con.execute("PRAGMA application_id").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(f"made by a newer medialit (schema version {version})")
    if version == 0 and (app not in (0, APPLICATION_ID) or _has_tables(con)):
        raise ForeignDatabaseError("a SQLite file, but not a medialit progress database")
    return version


def _has_tables(con: sqlite3.Connection) -> bool:
    return con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0


def _error_name(exc: sqlite3.Error) -> str:
    return getattr(exc, "sqlite_errorname", "") or ""


def is_damaged(exc: BaseException) -> bool:
    """Does ``exc`` mean the file is not a (readable) medialit database, so it should be kept aside?"""
    if isinstance(exc, ForeignDatabaseError):
        return True
    if isinstance(exc, NewerDatabaseError) or not isinstance(exc, sqlite3.DatabaseError):
        return False
    name, text = _error_name(exc), str(exc).lower()
    return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT")) or any(
        words in text for words in ("not a database", "malformed", "integrity check", "no such table")
    )
