"""One value chosen from a list, sent from the browser as ordered messages: the base of the kit's choice controls.

A control whose view syncs its value with ``model.save_changes()`` can lose a race with the Check button:
ipywidgets' JavaScript holds back a model's next state update while its last one awaits the kernel's
reply (so three quick arrow-key presses are three updates, the later ones held back), but sends a
button's click at once, so Check can be scored before the last change arrives. Here the view sends every
change as a custom message ``{"event": "choose", "value": v, "seq": n}``, which ipywidgets never holds
back, so the kernel receives changes and clicks in the order the student made them. The kernel applies
each change in order and answers with ``value`` and ``ack`` (the largest ``seq`` applied); until ``ack``
catches up, the view shows its own copy, so quick changes never flicker back (as
:class:`~medialit.wordpicker.WordPicker` does for its toggles).
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

#: The browser half, pasted into each control's ESM: ``chooser(model, sync)`` gives ``shown()`` (the value
#: to show: the view's own copy while changes are on their way, else the kernel's), ``choose(value)`` (send
#: one change) and ``fromKernel()`` (to call when ``value`` or ``ack`` changes). Numbering continues from the
#: kernel's ``ack``, so a view drawn again (a reopened notebook) keeps showing its own changes until the
#: kernel has applied them. ``follow(model, choice, draw, sync)`` draws the view, keeps it in step with the
#: model, and returns the clean-up that a view's ``render`` returns.
CHOOSER_JS = r"""
function chooser(model, sync) {
  let sent = model.get("ack");
  let local = null;
  return {
    shown: () => (local === null ? model.get("value") : local.value),
    choose(value) {
      if (model.get("disabled")) return;
      local = { value };
      sent += 1;
      model.send({ event: "choose", value, seq: sent });
      sync();
    },
    fromKernel() {
      if (model.get("ack") >= sent) local = null;
      sync();
    },
  };
}

// Draw the view, redraw it on new options or a new label, show the kernel's value once it has caught up,
// and grey it out while disabled. Returns what stops all that (anywidget calls it when the view goes).
function follow(model, choice, draw, sync) {
  const handlers = [
    ["change:options", draw],
    ["change:label", draw],
    ["change:value", choice.fromKernel],
    ["change:ack", choice.fromKernel],
    ["change:disabled", sync],
  ];
  for (const [event, handler] of handlers) model.on(event, handler);
  draw();
  return () => {
    for (const [event, handler] of handlers) model.off(event, handler);
  };
}
"""


class OrderedChoice(anywidget.AnyWidget):
    """A value chosen from ``options``, changed from the browser by ordered ``choose`` messages.

    ``options`` is a list of ``(shown text, value)`` pairs; ``value`` is the chosen value or None; ``ack``
    is the largest ``seq`` of a ``choose`` message applied so far. Subclasses give the view (``_esm``,
    built with :data:`CHOOSER_JS`) and its ``_css``; one whose ``value`` is not a single option's value
    (:class:`~medialit.choicechecks.ChoiceChecks`: a list of them) also gives ``value``, its validator,
    :meth:`_allowed` and :meth:`_well_formed`.
    """

    options = traitlets.List(traitlets.Tuple(traitlets.Unicode(), traitlets.Unicode())).tag(sync=True)
    value = traitlets.Unicode(None, allow_none=True).tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    ack = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._message)

    @traitlets.validate("value")
    def _known_value(self, proposal: traitlets.Bunch) -> str | None:
        """Only None or one of the options' values (as ipywidgets' RadioButtons and Dropdown allow)."""
        value = proposal["value"]
        if value is not None and not self._allowed(value):
            raise traitlets.TraitError(f"{value!r} is not one of the options")
        return value

    def _allowed(self, value: Any) -> bool:
        """Whether ``value`` may be chosen: here, one of the options' values (a subclass may widen this)."""
        return value in {v for _, v in self.options}

    @staticmethod
    def _well_formed(value: object) -> bool:
        """Whether a message's ``value`` has the type ``value`` holds: here a text (a subclass may change it)."""
        return type(value) is str

    def choose(self, value: Any, seq: int | None = None) -> None:
        """Make ``value`` the chosen one, as the browser asks; record ``seq`` as ``ack`` if it is larger.

        A value that is not allowed (not one of the options), or any change while ``disabled``, changes
        nothing (but is still acknowledged, so the browser stops waiting for it and shows the kernel's value
        again).
        """
        with self.hold_sync():
            if not self.disabled and self._allowed(value):
                self.value = value
            if seq is not None:
                self.ack = max(self.ack, seq)

    def _message(self, _widget: object, content: object, _buffers: object) -> None:
        """A custom message from the browser: only well-formed ``choose`` messages are applied."""
        if not isinstance(content, dict) or content.get("event") != "choose":
            return
        value, seq = content.get("value"), content.get("seq")
        if self._well_formed(value) and type(seq) is int:
            self.choose(value, seq)
