"""medialit: a media-literacy teaching kit for Jupyter. Front door: articles(), load(), annotations(), analyze()."""

from __future__ import annotations

from . import glossary
from .corpus import annotations, articles, contrast_passages, explain, load
from .detect import analyze

__version__ = "0.1.0"

__all__ = [
    "__version__",
    "analyze",
    "annotations",
    "articles",
    "contrast_passages",
    "explain",
    "glossary",
    "load",
]
