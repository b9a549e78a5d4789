"""Tests for medialit.ordered_choice: the kernel side of the kit's choice controls (radio group and select)."""

from __future__ import annotations

import pytest

from medialit.choicegroup import ChoiceGroup
from medialit.choiceselect import ChoiceSelect
from medialit.ordered_choice import OrderedChoice

OPTIONS = [
    ("(choose)", ""),
    ("headline", "headline"),
    ("writer opinion", "writer-opinion"),
    ("other", "other"),
]


@pytest.fixture(params=[ChoiceGroup, ChoiceSelect], ids=["ChoiceGroup", "ChoiceSelect"])
def control(request: pytest.FixtureRequest) -> OrderedChoice:
    """Each of the kit's choice controls, blank."""
    return request.param(options=OPTIONS, value="")


def _send(control: OrderedChoice, content: object) -> None:
    """A custom message as it arrives from the browser."""
    control._message(control, content, [])


def test_quick_changes_are_applied_in_order_and_the_last_one_stays(control):
    """Do many quick changes (arrow keys) all arrive in order, leaving the last value and `ack` at the last seq?"""
    for seq, value in enumerate(["headline", "writer-opinion", "other", "writer-opinion"], start=1):
        _send(control, {"event": "choose", "value": value, "seq": seq})
        assert control.value == value and control.ack == seq


def test_unknown_and_disabled_changes_change_nothing_but_are_acknowledged(control):
    """Is a value that is not an option, or a change on a disabled control, ignored while `ack` still moves on
    (so the browser stops waiting and shows the kernel's value again)?"""
    _send(control, {"event": "choose", "value": "writer opinion", "seq": 1})
    assert control.value == "" and control.ack == 1
    _send(control, {"event": "choose", "value": "headline", "seq": 2})
    control.disabled = True
    _send(control, {"event": "choose", "value": "other", "seq": 3})
    assert control.value == "headline" and control.ack == 3


def test_a_stale_message_never_moves_ack_back(control):
    """Does a late change with a smaller seq (from another view of the same control) leave `ack` at the
    largest seq seen?"""
    control.choose("other", seq=5)
    control.choose("headline", seq=2)
    assert control.ack == 5 and control.value == "headline"


def test_value_and_ack_reach_the_browser_in_one_update(control):
    """Are a change's new value and its `ack` sent to the browser together, so the view never sees the
    acknowledgement before the value (and flickers back)?"""
    sent = []
    control.send_state = lambda key=None: sent.append(set(key) if key is not None else None)
    control.choose("headline", seq=1)
    assert sent == [{"value", "ack"}]


def test_malformed_messages_are_ignored(control):
    """Are messages that are not well-formed changes (wrong event, non-text values, float or boolean seq)
    ignored?"""
    for content in (
        "choose",
        {"event": "toggle", "value": "headline", "seq": 1},
        {"event": "choose", "value": None, "seq": 1},
        {"event": "choose", "value": 1, "seq": 1},
        {"event": "choose", "value": "headline", "seq": 1.0},
        {"event": "choose", "value": "headline", "seq": True},
        {"event": "choose", "value": "headline"},
    ):
        _send(control, content)
    assert control.value == "" and control.ack == 0
