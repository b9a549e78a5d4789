"""Atomic file writes: a temporary file beside the target, flushed to disk, then renamed over it."""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

__all__ = ["replace_atomically", "write_json_atomically", "write_text_atomically"]


def replace_atomically(
    path: str | os.PathLike[str], write: Callable[[IO[Any]], None], *, binary: bool = False
) -> None:
    """Call ``write(handle)`` on a new temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never half of one. On any error the
    temporary file is removed and the old file is left as it was.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # O_EXCL never follows or reuses an existing file; 0o666 lets the umask decide the permissions.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        options = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, "wb" if binary else "w", **options) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text (line ends exactly as given) atomically."""
    replace_atomically(path, lambda handle: handle.write(text))


def write_json_atomically(path: str | os.PathLike[str], data: Any) -> None:
    """Write JSON (UTF-8, readable indentation) atomically."""
    replace_atomically(path, lambda handle: json.dump(data, handle, ensure_ascii=False, indent=1))
