"""A multi-answer quiz's options as one labelled group of checkboxes: a custom widget built with anywidget.

One ipywidgets ``Checkbox`` per option left the options ungrouped ("Tick every phrase that applies" was not
tied to them) and synced each tick as a state update, which ipywidgets holds back while the last one awaits
the kernel, so ticks made quickly and then Check could be scored without the last tick. This control renders
a ``<fieldset>`` whose ``<legend>`` names the group, with a native ``<input type="checkbox">`` and
``<label>`` per option, and sends each tick or untick as an ordered message carrying the whole list of
ticked values (:mod:`medialit.ordered_choice`). It only shows and sets ``value``; scoring stays in
:mod:`medialit.quiz`.
"""

from __future__ import annotations

from typing import Any

import traitlets

from .choicegroup import FIELDSET_CSS, FOCUS_RING_CSS
from .ordered_choice import CHOOSER_JS, OrderedChoice

_ESM = (
    CHOOSER_JS
    + r"""
function render({ model, el }) {
  const fieldset = document.createElement("fieldset");
  fieldset.className = "medialit-fieldset medialit-checks";
  const legend = document.createElement("legend");
  const list = document.createElement("div");
  list.className = "medialit-checks-options";
  fieldset.append(legend, list);
  el.append(fieldset);
  const choice = chooser(model, sync);

  function sync() {
    const chosen = new Set(choice.shown());
    for (const input of list.querySelectorAll("input")) {
      input.checked = chosen.has(input.value);
      input.disabled = model.get("disabled");
    }
  }

  function draw() {
    legend.textContent = model.get("label");
    list.replaceChildren();
    const values = model.get("options").map(([, value]) => value);
    for (const [text, value] of model.get("options")) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "checkbox";
      input.value = value;
      // The whole list, in the options' order, as the box shows it now (one tick or untick changed).
      input.addEventListener("change", () => {
        const chosen = new Set(choice.shown());
        if (input.checked) chosen.add(value);
        else chosen.delete(value);
        choice.choose(values.filter((v) => chosen.has(v)));
      });
      label.append(input, document.createTextNode(` ${text}`));
      list.append(label);
    }
    sync();
  }

  return follow(model, choice, draw, sync);
}

export default { render };
"""
)


class ChoiceChecks(OrderedChoice):
    """Checkboxes in a ``<fieldset>`` named by ``label``: one group per multi-answer quiz.

    ``options`` is a list of ``(shown text, value)`` pairs; ``value`` is the list of ticked values, always
    in the options' order and each once (``[]`` when none is ticked). The browser sends each tick or untick
    as ``{"event": "choose", "value": [ticked values], "seq": n}`` (see
    :class:`~medialit.ordered_choice.OrderedChoice`); a list naming any value that is not an option changes
    nothing. Setting ``value`` from Python to such a list raises ``traitlets.TraitError``.
    """

    _esm = _ESM
    _css = FOCUS_RING_CSS + FIELDSET_CSS  # the same look as ChoiceGroup's radio group
    value = traitlets.List(traitlets.Unicode()).tag(sync=True)
    label = traitlets.Unicode("Tick every one that applies:").tag(sync=True)

    @traitlets.validate("value")
    def _known_value(self, proposal: traitlets.Bunch) -> list[str]:
        """Only the options' values, each kept once and put in the options' order."""
        chosen = proposal["value"]
        if not self._allowed(chosen):
            raise traitlets.TraitError(f"{chosen!r} names something that is not one of the options")
        return [v for _, v in self.options if v in set(chosen)]

    def _allowed(self, value: Any) -> bool:
        """Whether ``value`` is a list or tuple of the options' values."""
        known = {v for _, v in self.options}
        return isinstance(value, list | tuple) and all(isinstance(v, str) and v in known for v in value)

    @staticmethod
    def _well_formed(value: object) -> bool:
        """Whether a message's ``value`` is a list of texts."""
        return type(value) is list and all(type(v) is str for v in value)
