"""A choice quiz's options as one labelled radio group: a custom widget built with anywidget.

ipywidgets' ``RadioButtons`` renders every ``<input type="radio">`` with an empty ``name``, so a browser
treats all the radio buttons on a page as one group: an arrow key in one quiz changes another quiz's
answer, and "Your answer:" is not tied to its options. This control renders a ``<fieldset>`` whose
``<legend>`` names the group, with radio buttons sharing a ``name`` unique to each view. It only shows and
sets ``value``; scoring stays in :mod:`medialit.quiz`. Each change reaches the kernel as an ordered message
(:mod:`medialit.ordered_choice`), so arrow keys pressed quickly and then Check are scored as the radios show.
"""

from __future__ import annotations

import traitlets

from .ordered_choice import CHOOSER_JS, OrderedChoice

_ESM = (
    CHOOSER_JS
    + r"""
let views = 0;

function render({ model, el }) {
  views += 1;
  const name = `medialit-choice-${model.get("group")}-${views}-${Math.random().toString(36).slice(2, 8)}`;
  const fieldset = document.createElement("fieldset");
  fieldset.className = "medialit-fieldset medialit-choice";
  const legend = document.createElement("legend");
  const list = document.createElement("div");
  list.className = "medialit-choice-options";
  fieldset.append(legend, list);
  el.append(fieldset);
  const choice = chooser(model, sync);

  function sync() {
    for (const input of list.querySelectorAll("input")) {
      input.checked = input.value === choice.shown();
      input.disabled = model.get("disabled");
    }
  }

  function draw() {
    legend.textContent = model.get("label");
    list.replaceChildren();
    for (const [text, value] of model.get("options")) {
      const label = document.createElement("label");
      const input = document.createElement("input");
      input.type = "radio";
      input.name = name;
      input.value = value;
      input.addEventListener("change", () => {
        if (input.checked) choice.choose(value);
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

#: A visible focus ring for every control of a quiz (ipywidgets' own is a 1px light-blue line, nearly
#: invisible on a blue button): 2px in the theme's text colour, outside the control, so it contrasts with
#: the page as text does (>= 4.5:1). Added to the page by each ChoiceGroup and WordPicker.
FOCUS_RING_CSS = """
.medialit-quiz button:focus-visible, .medialit-quiz input:focus-visible, .medialit-quiz select:focus-visible,
.medialit-quiz textarea:focus-visible, .medialit-quiz a:focus-visible {
  outline: 2px solid var(--jp-content-font-color1, #111) !important;
  outline-offset: 2px !important;
}
"""

#: A group of choices (ChoiceGroup's radio buttons, :class:`~medialit.choicechecks.ChoiceChecks`' tick boxes)
#: as one bordered ``<fieldset class="medialit-fieldset">`` with a bold legend and one option per line.
#: Colours come from JupyterLab's theme variables, with light fallbacks for pages without them.
FIELDSET_CSS = """
.medialit-fieldset {
  border: 1px solid var(--jp-border-color1, #767676);
  border-radius: 4px;
  margin: 0.25em 0;
  padding: 0.25em 0.75em 0.5em;
  color: var(--jp-content-font-color1, #111);
  background: var(--jp-layout-color1, #fff);
}
.medialit-fieldset legend {
  font-weight: bold;
  padding: 0 0.25em;
}
.medialit-fieldset label {
  display: block;
  padding: 0.15em 0;
  cursor: pointer;
}
.medialit-fieldset input {
  margin-right: 0.4em;
}
"""


class ChoiceGroup(OrderedChoice):
    """Radio buttons in a ``<fieldset>`` named by ``label``: one group per quiz.

    ``options`` is a list of ``(shown text, value)`` pairs; ``value`` is the chosen value or None (see
    :class:`~medialit.ordered_choice.OrderedChoice` for how the browser changes it).
    ``group`` is part of the radio buttons' ``name`` (each view adds a suffix of its own, so two views of
    one widget never share a group either).
    """

    _esm = _ESM
    _css = FOCUS_RING_CSS + FIELDSET_CSS
    label = traitlets.Unicode("Your answer:").tag(sync=True)
    group = traitlets.Unicode("choice").tag(sync=True)
