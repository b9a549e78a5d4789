"""The learner's progress: every checked answer, name, revealed answer and free-text response, in SQLite."""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ..errors import MedialitError
from .aside import keep_aside
from .database import NewerDatabaseError, connect, is_damaged, prepare, transaction
from .migrate import import_legacy
from .values import (
    MAX_ATTEMPTS,
    ProgressValueError,
    answer_json,
    check_correct,
    check_id,
    check_lesson,
    check_score,
    check_text,
    now,
    parse_time,
    validate_learner_name,
)

__all__ = ["ProgressFileError", "ProgressStore", "progress_path"]

FORMAT = "medialit-progress/2"
_SQLITE_FILES = ("-wal", "-shm")


class ProgressFileError(MedialitError):
    """A progress database that cannot be written just now (the message says why)."""


def progress_path() -> Path:
    """Where progress is saved: ``$MEDIALIT_PROGRESS`` (a file), else ``~/.medialit/progress.sqlite3``.

    A path ending in ``.json`` (the old format) means the database beside it with the suffix ``.sqlite3``;
    the JSON file itself is imported once (see :class:`ProgressStore`).
    """
    override = os.environ.get("MEDIALIT_PROGRESS")
    return Path(override).expanduser() if override else Path.home() / ".medialit" / "progress.sqlite3"


def _locations(path: Path) -> tuple[Path, Path | None]:
    """The database file, and the old JSON file to import if it exists."""
    if path.suffix.lower() == ".json":
        return path.with_suffix(".sqlite3"), path
    if path.name == "progress.sqlite3":
        return path, path.with_name("progress.json")
    return path, None


def _identity(path: Path) -> tuple[int, int, int] | None:
    """(process id, device, inode) of ``path`` now, or None if it is missing."""
    try:
        status = path.stat()
    except OSError:
        return None
    return (os.getpid(), status.st_dev, status.st_ino)


def _copy_into_memory(path: Path, memory: sqlite3.Connection) -> sqlite3.Connection:
    """``memory`` holding a copy of the database at ``path``, read without writing anything beside it
    (read-only, else as an immutable file); ``memory`` unchanged if neither works."""
    for mode in ("mode=ro", "immutable=1"):
        try:
            source = sqlite3.connect(f"file:{quote(str(path))}?{mode}", uri=True)
            try:
                source.backup(memory)
            finally:
                source.close()
            return memory
        except sqlite3.Error:
            memory.close()
            memory = connect(":memory:")
    return memory


class ProgressStore:
    """A learner's progress, in one SQLite database that any number of open lessons share safely.

    Every check is one short transaction (``BEGIN IMMEDIATE`` ... ``COMMIT``, on disk when it returns);
    nothing is cached, so one lesson's write never overwrites another's: every read asks the database.
    The database is in WAL mode and a write waits up to 20 s for another lesson's. Every attempt is kept;
    the latest and best answer per quiz are derived when read. Rows that do not make sense are skipped
    with a warning. The connection is reopened if the file is replaced or the process forks.

    Opening never blocks a lesson: a damaged file (not SQLite, truncated, failing its integrity check,
    or an old ``progress.json`` that cannot be read) is kept aside as ``<name>.corrupt-<time>`` and a
    fresh store is used. If the folder cannot be written, the store lives in memory only (what was saved
    before is still shown) and :attr:`in_memory` is True. Each case adds a sentence to :attr:`warnings`.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path, self._legacy = _locations(Path(path) if path is not None else progress_path())
        self.warnings: list[str] = []
        self.in_memory = False
        self._con: sqlite3.Connection | None = None
        self._identity: tuple[int, int, int] | None = None  # (process id, device, inode) of the connection
        self._reported: set[str] = set()
        self._open()

    def close(self) -> None:
        """Close the connection (the store reopens it if used again)."""
        if self._con is not None and not self.in_memory:
            self._con.close()
            self._con = self._identity = None

    def backup(self, target: str | os.PathLike[str]) -> Path:
        """Copy everything saved into a new database file ``target`` (safe while lessons are writing).

        Uses SQLite's online backup; raises ProgressFileError if ``target`` exists or cannot be written.
        """
        target = Path(target)
        if target.exists():
            raise ProgressFileError(f"{target} already exists; choose a new file name for the backup")
        with self._db() as con:
            copy = sqlite3.connect(target)
            try:
                con.backup(copy)
            except sqlite3.Error as exc:
                raise ProgressFileError(f"the backup to {target} failed ({exc})") from None
            finally:
                copy.close()
        return target

    # --- opening --------------------------------------------------------------------------------------

    def _open(self, retry: bool = True) -> None:
        found = _identity(self.path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            con = connect(str(self.path))
            try:
                prepare(con, check=True)
                if self._legacy is not None and self._legacy.exists():
                    self.warnings += import_legacy(con, self._legacy, self.path.name)
            except BaseException:
                con.close()
                raise
            self._con, self._identity = con, _identity(self.path)
            return
        except (sqlite3.Error, OSError) as exc:
            problem = exc
        if isinstance(problem, NewerDatabaseError):
            self._use_memory(
                f"Your progress in {self.path} was saved by a newer version of medialit ({problem}); "
                "ask your teacher to update the kit. Until then, nothing you do now will be saved.",
                copy=False,
            )
        elif is_damaged(problem) and retry and _identity(self.path) != found:
            self._open(retry=False)  # another lesson has just replaced the file: use the new one
        elif is_damaged(problem) and retry:
            try:
                aside = keep_aside(self.path, "corrupt", companions=_SQLITE_FILES)
            except OSError as move:
                self._use_memory(
                    f"Your saved progress in {self.path} could not be read ({problem}), and it could not "
                    f"be moved aside ({move.strerror or move}). It was left as it was. "
                    "Nothing you do now will be saved: tell your teacher.",
                    copy=False,
                )
                return
            self.warnings.append(
                f"Your saved progress in {self.path} could not be read ({problem}). It was kept as "
                f"{aside.name}; your teacher can look at it. New answers are saved in a fresh file."
            )
            self._open(retry=False)
        else:  # a folder that cannot be written, a file still damaged, or one locked for over 20 s
            self._use_memory(
                f"Your progress cannot be saved in {self.path} ({problem}). The lesson still works, but "
                "nothing you do now will be saved when it closes: tell your teacher.",
                copy=not is_damaged(problem),
            )

    def _use_memory(self, warning: str, *, copy: bool) -> None:
        """Switch to an in-memory database, with a copy of what the file holds when it can be read."""
        self.warnings.append(warning)
        self.in_memory = True
        memory = connect(":memory:")
        if copy and self.path.exists():
            memory = _copy_into_memory(self.path, memory)
        try:
            prepare(memory)
        except sqlite3.Error:
            memory.close()
            memory = connect(":memory:")
            prepare(memory)
        if copy and self._legacy is not None and self._legacy.exists():
            self.warnings += import_legacy(memory, self._legacy, "kept in memory")
        self._con = memory

    def _reconnect(self) -> sqlite3.Connection:
        """A connection to the file as it is now (after a fork, or if it was replaced or removed)."""
        if self._con is not None and self._identity is not None and self._identity[0] == os.getpid():
            self._con.close()
            self._warn_once(
                "replaced",
                f"Your progress file {self.path} was replaced or removed while the lesson was open; "
                "new answers are saved in the file now there.",
            )
        self._con = self._identity = None
        try:
            con = connect(str(self.path))
            prepare(con)
        except sqlite3.Error as exc:
            raise ProgressFileError(f"the progress file {self.path} cannot be opened ({exc})") from None
        self._con, self._identity = con, _identity(self.path)
        return con

    @contextmanager
    def _db(self) -> Iterator[sqlite3.Connection]:
        """The connection, checked to be this process's and to the file now at :attr:`path`."""
        con = self._con
        if not self.in_memory and (con is None or self._identity != _identity(self.path)):
            con = self._reconnect()
        assert con is not None
        try:
            yield con
        except sqlite3.Error as exc:
            raise ProgressFileError(
                f"the progress file {self.path} cannot be used just now ({exc})"
            ) from None

    def _write(self, sql: str, params: tuple[Any, ...]) -> None:
        with self._db() as con, transaction(con):
            con.execute(sql, params)

    def _warn_once(self, key: str, message: str) -> None:
        if key not in self._reported:
            self._reported.add(key)
            self.warnings.append(message)

    # --- the learner ----------------------------------------------------------------------------------

    @property
    def learner(self) -> str | None:
        """The learner's name, as saved last (by any open lesson), or None."""
        try:
            with self._db() as con:
                return self._learner(con)
        except ProgressFileError as exc:
            self._warn_once(str(exc), f"Your saved progress could not be read: {exc}")
            return None

    def _learner(self, con: sqlite3.Connection) -> str | None:
        for row_id, name in con.execute("SELECT id, name FROM names ORDER BY id DESC"):
            try:
                return validate_learner_name(name) if isinstance(name, str) else validate_learner_name("")
            except MedialitError:
                self._warn_once(
                    f"names:{row_id}", f"A saved name could not be read and was skipped ({name!r:.40})."
                )
        return None

    def set_learner(self, name: str) -> str:
        """Validate and save the learner's name; returns it as stored.

        Raises LearnerNameError (saying what to change) or ProgressFileError.
        """
        cleaned = validate_learner_name(name)
        self._write("INSERT INTO names (name, set_at) VALUES (?, ?)", (cleaned, now()))
        return cleaned

    # --- quizzes --------------------------------------------------------------------------------------

    def record(self, quiz_id: str, lesson: str, answer: Any, score: float, correct: bool) -> dict[str, Any]:
        """Save one checked answer as a new attempt; returns the quiz's :meth:`entry` afterwards.

        ``answer`` is plain JSON data; ``score`` a number from 0 to 1. Raises ProgressValueError for a bad
        quiz id or lesson, an answer that is not JSON data, a NaN, infinite or out-of-range score, or a
        quiz already checked MAX_ATTEMPTS (1,000) times; ProgressFileError if the file cannot be written.
        """
        row = (check_id(quiz_id), check_lesson(lesson), answer_json(answer), check_score(score))
        row += (int(check_correct(correct)), now())
        with self._db() as con:
            with transaction(con):
                count = con.execute("SELECT count(*) FROM attempts WHERE quiz = ?", (quiz_id,)).fetchone()[0]
                earlier = con.execute(
                    "SELECT count FROM earlier_attempts WHERE quiz = ?", (quiz_id,)
                ).fetchone()
                if count + (earlier[0] if earlier else 0) >= MAX_ATTEMPTS:
                    raise ProgressValueError(
                        f"quiz {quiz_id} has already been checked {MAX_ATTEMPTS:,} times; no more are saved"
                    )
                con.execute(
                    "INSERT INTO attempts (quiz, lesson, answer, score, correct, at) VALUES (?, ?, ?, ?, ?, ?)",
                    row,
                )
            entry = self._entries(con, quiz_id).get(quiz_id)
        assert entry is not None
        return entry

    def _entries(self, con: sqlite3.Connection, quiz_id: str | None = None) -> dict[str, dict[str, Any]]:
        """Per quiz (or just ``quiz_id``): the latest answer, best score, counts, times and history."""
        where, params = ("WHERE quiz = ?", (quiz_id,)) if quiz_id is not None else ("", ())
        rows = con.execute(
            f"SELECT id, quiz, lesson, answer, score, correct, at FROM attempts {where} ORDER BY id", params
        ).fetchall()
        earlier = {
            r[0]: r
            for r in con.execute(
                f"SELECT quiz, lesson, count, first_at, best_score FROM earlier_attempts {where}", params
            )
        }
        revealed = {r[0] for r in con.execute(f"SELECT DISTINCT quiz FROM reveals {where}", params)}
        entries: dict[str, dict[str, Any]] = {}
        for row in rows:
            attempt = self._attempt(row)
            if attempt is None:
                continue
            quiz = row[1]
            entry = entries.get(quiz)
            if entry is None:
                before = self._earlier(earlier.get(quiz)) or {
                    "count": 0,
                    "first_at": attempt["at"],
                    "best_score": 0.0,
                }
                entry = entries[quiz] = {
                    "lesson": attempt["lesson"],
                    "answer": None,
                    "score": 0.0,
                    "correct": False,
                    "best_score": before["best_score"],
                    "attempts": before["count"],
                    "first_at": before["first_at"],
                    "last_at": attempt["at"],
                    "revealed": quiz in revealed,
                    "history": [],
                }
            entry.update(
                lesson=attempt["lesson"],
                answer=attempt["answer"],
                score=attempt["score"],
                correct=attempt["correct"],
                best_score=max(entry["best_score"], attempt["score"]),
                attempts=entry["attempts"] + 1,
                last_at=attempt["at"],
            )
            entry["first_at"] = min(entry["first_at"], attempt["at"])
            entry["history"].append({k: attempt[k] for k in ("at", "score", "correct", "answer")})
        return entries

    def _attempt(self, row: tuple[Any, ...]) -> dict[str, Any] | None:
        """One attempts row as a dict, or None (with a warning) if any field is of the wrong type or range."""
        row_id, quiz, lesson, answer, score, correct, at = row
        try:
            if not isinstance(answer, str):
                raise ProgressValueError("the answer is not JSON text")
            try:
                value = json.loads(answer)
            except (ValueError, RecursionError):
                raise ProgressValueError("the answer is not valid JSON") from None
            return {
                "quiz": check_id(quiz),
                "lesson": check_lesson(lesson),
                "answer": value,
                "score": check_score(score),
                "correct": check_correct(correct),
                "at": parse_time(at),
            }
        except ProgressValueError as exc:
            self._warn_once(
                f"attempts:{row_id}",
                f"A saved answer (for {str(quiz)[:40]!r}) could not be read and was skipped: {exc}.",
            )
            return None

    def _earlier(self, row: tuple[Any, ...] | None) -> dict[str, Any] | None:
        if row is None:
            return None
        quiz, _, count, first_at, best = row
        try:
            if isinstance(count, bool) or not isinstance(count, int) or not 0 <= count < MAX_ATTEMPTS:
                raise ProgressValueError(f"{count!r} is not a count of attempts")
            return {"count": count, "first_at": parse_time(first_at), "best_score": check_score(best)}
        except ProgressValueError as exc:
            self._warn_once(
                f"earlier:{quiz}", f"The imported attempt count for {str(quiz)[:40]!r} was skipped: {exc}."
            )
            return None

    def entry(self, quiz_id: str) -> dict[str, Any] | None:
        """What is saved for one quiz, or None.

        Keys: ``lesson``, ``answer`` (the latest), ``score`` and ``correct`` (of the latest), ``best_score``,
        ``attempts`` (count), ``first_at`` and ``last_at`` (ISO 8601, UTC), ``revealed`` (Show answer
        pressed), ``history`` (each attempt's ``at``, ``score``, ``correct`` and ``answer``, oldest first).
        """
        try:
            with self._db() as con:
                return self._entries(con, quiz_id).get(quiz_id)
        except ProgressFileError as exc:
            self._warn_once(str(exc), f"Your saved progress could not be read: {exc}")
            return None

    def answer(self, quiz_id: str) -> Any:
        """The last answer checked for a quiz, or None."""
        entry = self.entry(quiz_id)
        return entry["answer"] if entry else None

    def record_reveal(self, quiz_id: str, lesson: str) -> None:
        """Note that the learner pressed "Show answer" for a quiz (kept for the teacher and after a reload)."""
        self._write(
            "INSERT INTO reveals (quiz, lesson, at) VALUES (?, ?, ?)",
            (check_id(quiz_id), check_lesson(lesson), now()),
        )

    def revealed(self, quiz_id: str) -> bool:
        """Has the learner pressed "Show answer" for this quiz (in any open lesson, at any time)?"""
        try:
            with self._db() as con:
                return (
                    con.execute("SELECT 1 FROM reveals WHERE quiz = ? LIMIT 1", (quiz_id,)).fetchone()
                    is not None
                )
        except ProgressFileError:
            return False

    def lesson_scores(self, quizzes_per_lesson: dict[str, int]) -> dict[str, dict[str, float]]:
        """Per lesson: quizzes answered, quizzes in the lesson, and the mean of the latest scores (unanswered = 0)."""
        entries = self.snapshot()["answers"].values()
        out = {}
        for lesson, total in quizzes_per_lesson.items():
            scores = [e["score"] for e in entries if e["lesson"] == lesson]
            out[lesson] = {
                "answered": len(scores),
                "total": total,
                "score": sum(scores) / total if total else 0.0,
            }
        return out

    # --- free text ------------------------------------------------------------------------------------

    def save_response(
        self, response_id: str, lesson: str, text: str, prompt: str | None = None
    ) -> dict[str, Any]:
        """Save free text (a rewrite, reflection or worksheet answer); every save is kept, the latest counts.

        ``response_id`` is like a quiz id ("l05-reflection"); ``prompt`` the question asked, if any.
        Returns the saved response (see :meth:`response`). Raises ProgressValueError or ProgressFileError.
        """
        saved = {
            "id": check_id(response_id, "response id"),
            "lesson": check_lesson(lesson),
            "prompt": None if prompt is None else check_text(prompt, "the prompt"),
            "text": check_text(text),
            "saved_at": now(),
        }
        self._write(
            "INSERT INTO responses (response, lesson, prompt, text, saved_at) VALUES (?, ?, ?, ?, ?)",
            tuple(saved.values()),
        )
        return saved

    def response(self, response_id: str) -> dict[str, Any] | None:
        """The latest text saved under ``response_id`` (keys id, lesson, prompt, text, saved_at), or None."""
        try:
            with self._db() as con:
                return self._responses(con, response_id).get(response_id)
        except ProgressFileError:
            return None

    def _responses(
        self, con: sqlite3.Connection, response_id: str | None = None
    ) -> dict[str, dict[str, Any]]:
        where, params = ("WHERE response = ?", (response_id,)) if response_id is not None else ("", ())
        latest: dict[str, dict[str, Any]] = {}
        sql = f"SELECT id, response, lesson, prompt, text, saved_at FROM responses {where} ORDER BY id"
        for row_id, rid, lesson, prompt, text, saved_at in con.execute(sql, params):
            try:
                latest[check_id(rid, "response id")] = {
                    "id": rid,
                    "lesson": check_lesson(lesson),
                    "prompt": None if prompt is None else check_text(prompt, "the prompt"),
                    "text": check_text(text),
                    "saved_at": parse_time(saved_at),
                }
            except ProgressValueError as exc:
                self._warn_once(
                    f"responses:{row_id}", f"A saved text could not be read and was skipped: {exc}."
                )
        return latest

    # --- everything -----------------------------------------------------------------------------------

    def snapshot(self) -> dict[str, Any]:
        """Everything saved, read in one transaction (so it is consistent), as plain data.

        ``{"format": "medialit-progress/2", "kit_version", "path", "learner", "answers": {quiz id: entry},
        "responses": {response id: response}}`` with entries as :meth:`entry` returns them.
        """
        from .. import __version__

        out: dict[str, Any] = {"format": FORMAT, "kit_version": __version__, "path": str(self.path)}
        try:
            with self._db() as con:
                con.execute("BEGIN")
                try:
                    out.update(
                        learner=self._learner(con), answers=self._entries(con), responses=self._responses(con)
                    )
                finally:
                    con.execute("COMMIT")
        except ProgressFileError as exc:
            self._warn_once(str(exc), f"Your saved progress could not be read: {exc}")
            out.update(learner=None, answers={}, responses={})
        return out
