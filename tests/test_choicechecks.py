"""Tests for medialit.choicechecks: the kernel side of a multi-answer quiz's group of checkboxes."""

from __future__ import annotations

import pytest
import traitlets

from medialit.choicechecks import ChoiceChecks

OPTIONS = [
    (o, o) for o in ("radical progressive", "areas of the country", "refuse to assist", "illegal aliens")
]
A, B, C, D = (v for _, v in OPTIONS)


@pytest.fixture
def checks() -> ChoiceChecks:
    """A group of checkboxes with nothing ticked."""
    return ChoiceChecks(options=OPTIONS, label="Tick every phrase that applies:")


def _send(checks: ChoiceChecks, content: object) -> None:
    """A custom message as it arrives from the browser."""
    checks._message(checks, content, [])


def test_starts_with_nothing_ticked(checks):
    """Does a new group tick nothing, and name itself with its label?"""
    assert checks.value == [] and checks.ack == 0 and checks.label.startswith("Tick every")


def test_quick_toggles_are_applied_in_order_and_the_last_one_stays(checks):
    """Do quick ticks and unticks (Space on several boxes, one ticked and unticked) arrive in order, leaving
    what the boxes showed last and `ack` at the last seq?"""
    shown = [[B], [B, C], [C], [A, C], [A, C, D]]  # tick B, tick C, untick B, tick A, tick D
    for seq, value in enumerate(shown, start=1):
        _send(checks, {"event": "choose", "value": value, "seq": seq})
        assert checks.value == value and checks.ack == seq


def test_ticked_values_are_kept_once_in_the_options_order(checks):
    """Is a list in another order, or with a value twice, kept in the options' order, each once (the
    answer's shape does not depend on the order the boxes were ticked)?"""
    _send(checks, {"event": "choose", "value": [D, A, D], "seq": 1})
    assert checks.value == [A, D]
    checks.value = (C, B)
    assert checks.value == [B, C]


def test_unknown_and_disabled_toggles_change_nothing_but_are_acknowledged(checks):
    """Is a list naming something that is not an option, or any toggle while disabled, ignored while `ack`
    still moves on (so the browser stops waiting and shows the kernel's boxes again)?"""
    _send(checks, {"event": "choose", "value": [A], "seq": 1})
    _send(checks, {"event": "choose", "value": [A, "radical"], "seq": 2})
    assert checks.value == [A] and checks.ack == 2
    checks.disabled = True
    _send(checks, {"event": "choose", "value": [A, B], "seq": 3})
    assert checks.value == [A] and checks.ack == 3


def test_a_stale_message_never_moves_ack_back(checks):
    """Does a late toggle with a smaller seq (from another view of the same group) leave `ack` at the
    largest seq seen?"""
    checks.choose([C], seq=5)
    checks.choose([A], seq=2)
    assert checks.ack == 5 and checks.value == [A]


def test_value_and_ack_reach_the_browser_in_one_update(checks):
    """Are a toggle's new boxes and its `ack` sent to the browser together, so the view never sees the
    acknowledgement before the value (and flickers back)?"""
    sent = []
    checks.send_state = lambda key=None: sent.append(set(key) if key is not None else None)
    checks.choose([B], seq=1)
    assert sent == [{"value", "ack"}]


def test_malformed_messages_are_ignored(checks):
    """Are messages that are not well-formed toggles (wrong event, a text or None for the list, non-text
    items, float or boolean seq, no seq) ignored?"""
    for content in (
        ["choose", [A], 1],
        {"event": "toggle", "value": [A], "seq": 1},
        {"event": "choose", "value": A, "seq": 1},
        {"event": "choose", "value": None, "seq": 1},
        {"event": "choose", "value": (A,), "seq": 1},
        {"event": "choose", "value": [A, 1], "seq": 1},
        {"event": "choose", "value": [[A]], "seq": 1},
        {"event": "choose", "value": [A], "seq": 1.0},
        {"event": "choose", "value": [A], "seq": True},
        {"event": "choose", "value": [A]},
    ):
        _send(checks, content)
    assert checks.value == [] and checks.ack == 0


def test_only_the_options_can_be_set_from_python(checks):
    """Is a list naming something that is not an option, or None, refused?"""
    for bad in ([A, "illegal"], [[A]], None):
        with pytest.raises(traitlets.TraitError):
            checks.value = bad
    assert checks.value == []
