"""Keeping a file aside: renamed beside itself with a label and a time stamp, never deleted or overwritten."""

from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

__all__ = ["keep_aside"]


def keep_aside(path: Path, label: str, *, companions: tuple[str, ...] = ()) -> Path:
    """Rename ``path`` to ``<name>.<label>-<UTC time>`` (``-2``, ``-3`` ... if taken) and return the new path.

    ``companions`` are suffixes of files that belong to it (SQLite's ``-wal`` and ``-shm``), moved along
    under the same new name when present. Raises OSError (such as PermissionError in a read-only folder)
    if the file itself cannot be moved; then nothing has changed.
    """
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    base = path.with_name(f"{path.name}.{label}-{stamp}")
    aside, n = base, 1
    while aside.exists() or any(Path(f"{aside}{c}").exists() for c in companions):
        n += 1
        aside = base.with_name(f"{base.name}-{n}")
    os.rename(path, aside)
    for suffix in companions:
        companion = Path(f"{path}{suffix}")
        if companion.exists():
            try:
                os.rename(companion, f"{aside}{suffix}")
            except OSError:
                pass  # the main file is safe; a stray -wal/-shm beside a fresh database is ignored by SQLite
    return aside
