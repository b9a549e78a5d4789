"""Where the datasets live, and reading their JSON checked against datasets/schema/."""

from __future__ import annotations

import json
import os
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from jsonschema import Draft202012Validator

from .errors import DataFileError


def datasets_dir() -> Path:
    """The ``datasets/`` folder: ``$MEDIALIT_DATASETS``, else the copy inside an installed wheel, else the checkout's.

    A wheel carries the repository's top-level ``datasets/`` as ``medialit/datasets`` (see pyproject.toml), read
    through :mod:`importlib.resources`; a source checkout or editable install reads the top-level folder itself.
    Raises :class:`DataFileError` if neither exists.
    """
    override = os.environ.get("MEDIALIT_DATASETS")
    if override:
        folder = Path(override)
    else:
        packaged = Path(str(resources.files("medialit") / "datasets"))
        folder = packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "datasets"
    if not folder.is_dir():
        raise DataFileError(
            f"the datasets folder {folder} is missing; reinstall the kit (pip install medialit, or "
            "pip install -e . in its repository) or set MEDIALIT_DATASETS"
        )
    return folder


@cache
def _validator(schema_name: str, definition: str | None) -> Draft202012Validator:
    path = datasets_dir() / "schema" / schema_name
    schema = json.loads(path.read_text(encoding="utf-8"))
    if definition is not None:  # that definition alone: not also the whole file's top-level rules
        schema = {"$schema": schema.get("$schema"), "$defs": schema["$defs"], "$ref": f"#/$defs/{definition}"}
    return Draft202012Validator(schema)


def schema_errors(data: Any, schema_name: str, definition: str | None = None) -> list[str]:
    """Every way ``data`` breaks the schema, each as 'where: what'; empty if it is valid."""
    found = []
    for error in sorted(_validator(schema_name, definition).iter_errors(data), key=lambda e: list(e.path)):
        where = "/".join(str(part) for part in error.absolute_path) or "(top level)"
        found.append(f"{where}: {error.message}")
    return found


def read_json(path: Path, schema_name: str, definition: str | None = None) -> Any:
    """Load a JSON data file and check it, or raise :class:`DataFileError` naming file and field."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataFileError(f"{path}: no such data file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise DataFileError(f"{path} is not valid JSON: {exc}") from None
    problems = schema_errors(data, schema_name, definition)
    if problems:
        shown = "; ".join(problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        raise DataFileError(f"{path} does not match {schema_name}: {shown}{more}")
    return data


def read_yaml(path: Path, schema_name: str) -> Any:
    """Load a YAML data file (safe loader only) and check it, or raise :class:`DataFileError` naming file and field."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise DataFileError(f"{path} cannot be read as YAML: {exc}") from None
    problems = schema_errors(data, schema_name)
    if problems:
        raise DataFileError(f"{path} does not match {schema_name}: " + "; ".join(problems[:5]))
    return data
