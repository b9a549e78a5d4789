"""Tests for medialit.detect.analyze: the three detectors over one parse."""

from __future__ import annotations

import gc

import pytest

import medialit
from medialit import detect


@pytest.mark.parametrize("enabled", [True, False])
def test_cycle_collector_is_paused_during_an_analysis_and_restored(monkeypatch, enabled):
    """Is Python's cycle collector paused while analyze() works, and left as it was found afterwards?"""
    seen = []
    original = detect.find_loaded

    def spying(doc):
        seen.append(gc.isenabled())
        return original(doc)

    monkeypatch.setattr(detect, "find_loaded", spying)
    (gc.enable if enabled else gc.disable)()
    try:
        assert medialit.analyze("Officials said 12 people were “flooding” in.").statistics
        assert seen == [False] and gc.isenabled() is enabled
    finally:
        gc.enable()


def test_cycle_collector_is_restored_after_an_error(monkeypatch):
    """If a detector raises, is the cycle collector running again afterwards?"""

    def failing(doc):
        raise RuntimeError("a detector failed")

    monkeypatch.setattr(detect, "find_loaded", failing)
    gc.enable()
    with pytest.raises(RuntimeError, match="a detector failed"):
        medialit.analyze("Officials said 12 people were in.")
    assert gc.isenabled()
