"""A labelled drop-down list whose changes reach the kernel in order: a custom widget built with anywidget.

Used for the label-the-sentences and "who says so?" quizzes. ipywidgets' ``Dropdown`` syncs each change
of its ``<select>`` as a state update, and holds back an update while the last one awaits the kernel, so a
student who presses ↓ three times and then Enter on Check could be scored on the second-to-last label
(seen in CI). This control sends every change as an ordered message (:mod:`medialit.ordered_choice`).
It is a native ``<select>`` (the keyboard and screen readers know it) tied to a visible ``<label>``, in the
theme's colours with light fallbacks, and it only shows and sets ``value``: scoring stays in
:mod:`medialit.quiz`.
"""

from __future__ import annotations

import traitlets

from .choicegroup import FOCUS_RING_CSS
from .ordered_choice import CHOOSER_JS, OrderedChoice

_ESM = (
    CHOOSER_JS
    + r"""
let views = 0;

function render({ model, el }) {
  views += 1;
  const id = `medialit-select-${views}-${Math.random().toString(36).slice(2, 8)}`;
  const row = document.createElement("div");
  row.className = "medialit-select";
  const label = document.createElement("label");
  label.htmlFor = id;
  const select = document.createElement("select");
  select.id = id;
  row.append(label, select);
  el.append(row);
  const choice = chooser(model, sync);

  function sync() {
    const value = choice.shown();
    select.value = value ?? "";
    if (value === null || select.value !== value) select.selectedIndex = -1;
    select.disabled = model.get("disabled");
  }

  function draw() {
    label.textContent = model.get("label");
    select.replaceChildren(...model.get("options").map(([text, value]) => new Option(text, value)));
    sync();
  }

  select.addEventListener("change", () => choice.choose(select.value));
  return follow(model, choice, draw, sync);
}

export default { render };
"""
)

# Theme colours with light fallbacks: text >= 4.5:1, and the list's border >= 3:1, as a control's outline
# must be (WCAG 1.4.11), in JupyterLab Light and Dark (--jp-border-color1 is 1.9:1 and 2.6:1 there, too faint,
# so the border takes the secondary text colour, as the WordPicker's words do). The focus ring is the kit's own.
_CSS = (
    FOCUS_RING_CSS
    + """
.medialit-select {
  display: flex;
  flex-flow: row wrap;
  align-items: center;
  gap: 0.25em 0.5em;
  margin: 0.25em 0;
  color: var(--jp-content-font-color1, #111);
}
.medialit-select select {
  font: inherit;
  min-width: 14em;
  max-width: 100%;
  padding: 2px 4px;
  color: var(--jp-content-font-color1, #111);
  background: var(--jp-layout-color1, #fff);
  border: 1px solid var(--jp-content-font-color2, #555);
  border-radius: 3px;
}
.medialit-select option {
  color: var(--jp-content-font-color1, #111);
  background: var(--jp-layout-color1, #fff);
}
.medialit-select select:disabled { cursor: not-allowed; }
"""
)


class ChoiceSelect(OrderedChoice):
    """A ``<select>`` of ``options`` with a visible ``<label>`` reading ``label`` (e.g. "Sentence 1:").

    ``options`` is a list of ``(shown text, value)`` pairs; ``value`` is the chosen value or None (nothing
    shown as chosen). See :class:`~medialit.ordered_choice.OrderedChoice` for how the browser changes it.
    """

    _esm = _ESM
    _css = _CSS
    label = traitlets.Unicode("Choose:").tag(sync=True)
