"""Saved progress: a SQLite store of checked answers and free text per learner, and the export for teachers.

The parts: :mod:`.store` (the store), :mod:`.database` (schema and upgrades), :mod:`.migrate` (the old
JSON file), :mod:`.values` (what may be stored) and :mod:`.export` (the results file and hand-in).
"""

from __future__ import annotations

from .export import (
    EXPORT_FORMAT,
    HandIn,
    export_file_name,
    export_results,
    hand_in,
    handin_folder,
    write_export,
)
from .store import ProgressFileError, ProgressStore, progress_path
from .values import LearnerNameError, ProgressValueError, validate_learner_name

__all__ = [
    "EXPORT_FORMAT",
    "HandIn",
    "LearnerNameError",
    "ProgressFileError",
    "ProgressStore",
    "ProgressValueError",
    "export_file_name",
    "export_results",
    "hand_in",
    "handin_folder",
    "progress_path",
    "validate_learner_name",
    "write_export",
]
