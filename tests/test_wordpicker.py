"""Tests for medialit.wordpicker: the kernel side of the highlight passage."""

from __future__ import annotations

from medialit.wordpicker import WordPicker


def _picker(words: int = 5) -> WordPicker:
    return WordPicker(
        units=[{"before": "", "word": f"w{i}", "after": "", "paragraph": False} for i in range(words)]
    )


def test_quick_toggles_are_applied_in_order_and_none_is_lost():
    """Do many quick toggle messages all count, in order, with `ack` at the last one?"""
    picker = _picker()
    for seq, index in enumerate([0, 2, 4, 2, 1], start=1):
        picker._message(picker, {"event": "toggle", "index": index, "seq": seq}, [])
    assert picker.selected == [0, 1, 4]
    assert picker.ack == 5


def test_out_of_range_and_disabled_toggles_change_nothing_but_are_acknowledged():
    """Is a toggle past the last word, or on a checked (disabled) quiz, ignored, while `ack` still moves on?"""
    picker = _picker(3)
    picker.toggle(7, seq=1)
    picker.toggle(-1, seq=2)
    assert picker.selected == [] and picker.ack == 2
    picker.toggle(1, seq=3)
    picker.disabled = True
    picker.toggle(0, seq=4)
    assert picker.selected == [1] and picker.ack == 4


def test_malformed_messages_are_ignored():
    """Are messages that are not well-formed toggles (wrong event, strings, floats, booleans) ignored?"""
    picker = _picker()
    for content in (
        "toggle",
        {"event": "select", "index": 1, "seq": 1},
        {"event": "toggle", "index": "1", "seq": 1},
        {"event": "toggle", "index": 1.0, "seq": 1},
        {"event": "toggle", "index": True, "seq": 1},
        {"event": "toggle", "index": 1},
    ):
        picker._message(picker, content, [])
    assert picker.selected == [] and picker.ack == 0


def test_an_old_acknowledgement_never_moves_ack_back():
    """Does a late toggle with a smaller seq leave `ack` at the largest seq seen?"""
    picker = _picker()
    picker.toggle(0, seq=3)
    picker.toggle(1, seq=2)
    assert picker.ack == 3 and picker.selected == [0, 1]
