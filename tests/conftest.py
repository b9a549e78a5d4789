"""Shared fixtures: the repository root, the seed and source folders and the article ids."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

# Teachers' lessons installed in this checkout (teacher-lessons/) stay out of the tests, which see an empty folder.
# Set before any test module is collected: some read every quiz (load_quizzes) at import time.
os.environ["MEDIALIT_TEACHER_LESSONS"] = tempfile.mkdtemp(prefix="medialit-test-teacher-lessons-")

import medialit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
SOURCES = ROOT.parent / "shared" / "sources" / "allsides-ice"
# Every real article, the one held out for the transfer task included: the data checks cover it too.
ARTICLE_IDS = [a.id for a in medialit.articles(include_held_out=True)]
SEED_IDS = [a.id for a in medialit.articles(include_held_out=True) if "/" not in a.seed]
CORPUS_IDS = [a.id for a in medialit.articles(include_held_out=True) if "/" in a.seed]


@pytest.fixture(params=ARTICLE_IDS)
def article(request):
    """Each real article, loaded through the front door."""
    return medialit.load(request.param)
