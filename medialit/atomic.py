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
    path: str | os.PathLike[str],
    write: Callable[[IO[Any]], None],
    *,
    binary: bool = False,
    mode: int | None = None,
    overwrite: bool = True,
) -> None:
    """Call ``write(handle)`` on a new temporary file beside ``path``, then rename it over ``path``.

    Readers see the old file or the new one, never half of one. On any error the
    temporary file is removed and the old file is left as it was. ``mode`` sets the new
    file's permissions exactly (such as 0o640 for a shared hand-in folder); otherwise the
    umask decides. With ``overwrite=False`` an existing ``path`` is never replaced: the file
    is linked into place and FileExistsError is raised if something is already there.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    # O_EXCL never follows or reuses an existing file; 0o666 lets the umask decide the permissions.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        if mode is not None and hasattr(os, "fchmod"):
            os.fchmod(fd, mode)
        options = {} if binary else {"encoding": "utf-8", "newline": ""}
        with os.fdopen(fd, "wb" if binary else "w", **options) as handle:
            write(handle)
            handle.flush()
            os.fsync(handle.fileno())
        if overwrite:
            os.replace(tmp, path)
        else:
            _link_without_overwriting(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _link_without_overwriting(tmp: Path, path: Path) -> None:
    """Put ``tmp`` at ``path`` unless ``path`` exists (FileExistsError); ``tmp`` is removed on success."""
    try:
        os.link(tmp, path)  # atomic, and fails if path exists
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links: check, then rename (a small window, but no link)
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def write_text_atomically(path: str | os.PathLike[str], text: str) -> None:
    """Write UTF-8 text (line ends exactly as given) atomically."""
    replace_atomically(path, lambda handle: handle.write(text))


def write_json_atomically(path: str | os.PathLike[str], data: Any) -> None:
    """Write JSON (UTF-8, readable indentation) atomically."""
    replace_atomically(path, lambda handle: json.dump(data, handle, ensure_ascii=False, indent=1))
