"""Shared fixtures: the repository root, the seed folder and the article ids."""

from __future__ import annotations

from pathlib import Path

import pytest

import medialit

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
ARTICLE_IDS = [a.id for a in medialit.articles()]


@pytest.fixture(params=ARTICLE_IDS)
def article(request):
    """Each sample article, loaded through the front door."""
    return medialit.load(request.param)
