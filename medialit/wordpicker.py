"""A highlight passage as one keyboard stop: words as toggle buttons with a roving tabindex (anywidget).

A page of ipywidgets ToggleButtons made every word its own Tab stop (148 Tabs to reach lesson 01's sixth
quiz), with no ``aria-pressed``. Here the passage is one group: Tab enters it on one word, the arrow keys
(and Home/End) move between words, Space or Enter (or a click or tap) selects or unselects a word, and
each word says ``aria-pressed``. (Each quiz starts with a :class:`~medialit.skiplink.SkipLink`.) It only shows and sets
``selected``; scoring stays in :mod:`medialit.quiz`.
"""

from __future__ import annotations

import anywidget
import traitlets

from .choicegroup import FOCUS_RING_CSS

_ESM = r"""
function render({ model, el }) {
  const group = document.createElement("div");
  group.setAttribute("role", "group");
  group.className = "medialit-wordpicker";
  el.append(group);
  let current = 0;
  let buttons = [];

  function sync() {
    const chosen = new Set(shown());
    buttons.forEach((button, i) => {
      button.setAttribute("aria-pressed", chosen.has(i) ? "true" : "false");
      button.tabIndex = i === current ? 0 : -1;
      button.disabled = model.get("disabled");
    });
  }

  function move(to) {
    current = Math.max(0, Math.min(buttons.length - 1, to));
    sync();
    buttons[current].focus();
  }

  // A click or Space sends "toggle word i" to the kernel, which applies toggles one by one, in order,
  // and answers with the new `selected` and the number of the last toggle it applied (`ack`). Until the
  // kernel has caught up with every toggle sent, the view shows its own copy, so quick presses are never
  // lost or flicker back (sending the whole list let an older value overwrite a newer one). Numbering
  // continues from the kernel's `ack`, so a view drawn again (a reopened notebook) keeps showing its own
  // toggles until the kernel has applied them.
  let sent = model.get("ack");
  let local = null;
  const shown = () => local ?? model.get("selected");

  function toggle(i) {
    if (model.get("disabled")) return;
    const chosen = new Set(shown());
    chosen.has(i) ? chosen.delete(i) : chosen.add(i);
    local = [...chosen].sort((a, b) => a - b);
    current = i;
    sent += 1;
    model.send({ event: "toggle", index: i, seq: sent });
    sync();
  }

  function fromKernel() {
    if (model.get("ack") >= sent) local = null;
    sync();
  }

  const keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
  group.addEventListener("keydown", (event) => {
    if (event.key in keys) move(current + keys[event.key]);
    else if (event.key === "Home") move(0);
    else if (event.key === "End") move(buttons.length - 1);
    else return;
    event.preventDefault();
  });

  function text(value) {
    const span = document.createElement("span");
    span.className = "medialit-punct";
    span.textContent = value;
    return span;
  }

  function draw() {
    group.setAttribute("aria-label", model.get("label"));
    group.replaceChildren();
    buttons = [];
    for (const unit of model.get("units")) {
      const word = document.createElement("span");
      word.className = "medialit-word";
      if (unit.before) word.append(text(unit.before));
      const button = document.createElement("button");
      button.type = "button";
      button.className = "medialit-word-button";
      button.textContent = unit.word;
      const i = buttons.length;
      button.addEventListener("click", () => toggle(i));
      button.addEventListener("focus", () => { current = i; sync(); });
      buttons.push(button);
      word.append(button);
      if (unit.after) word.append(text(unit.after));
      group.append(word);
      if (unit.paragraph) {
        const gap = document.createElement("span");
        gap.className = "medialit-paragraph";
        group.append(gap);
      }
    }
    current = Math.min(current, Math.max(0, buttons.length - 1));
    sync();
  }

  model.on("change:units", draw);
  model.on("change:label", draw);
  model.on("change:selected", fromKernel);
  model.on("change:ack", fromKernel);
  model.on("change:disabled", sync);
  draw();
  return () => {
    model.off("change:units", draw);
    model.off("change:label", draw);
    model.off("change:selected", fromKernel);
    model.off("change:ack", fromKernel);
    model.off("change:disabled", sync);
  };
}

export default { render };
"""

# Theme colours with light fallbacks; a selected word is marked by a tick and an underline, not colour only.
_CSS = (
    FOCUS_RING_CSS
    + """
.medialit-wordpicker {
  display: flex;
  flex-flow: row wrap;
  align-items: center;
  gap: 4px 2px;
  max-width: 70ch;
  font-family: Georgia, 'DejaVu Serif', serif;
  color: var(--jp-content-font-color1, #111);
  line-height: 1.6;
}
.medialit-word { white-space: nowrap; display: inline-flex; align-items: center; }
.medialit-punct { margin: 0 1px; }
.medialit-paragraph { flex-basis: 100%; height: 0.5em; }
.medialit-word-button {
  font: inherit;
  color: var(--jp-content-font-color1, #111);
  background: var(--jp-layout-color2, #eee);
  border: 1px solid var(--jp-content-font-color2, #555);
  border-radius: 3px;
  padding: 1px 5px;
  margin: 0;
  cursor: pointer;
}
.medialit-word-button[aria-pressed="true"] {
  color: var(--jp-ui-inverse-font-color1, #fff);
  background: var(--jp-brand-color0, #0d47a1);
  border-color: var(--jp-brand-color0, #0d47a1);
  text-decoration: underline;
  text-underline-offset: 3px;
}
.medialit-word-button[aria-pressed="true"]::before { content: "✓ "; }
"""
)


class WordPicker(anywidget.AnyWidget):
    """A passage's words as toggle buttons in one labelled group, reached with one Tab.

    ``units`` is a list of ``{"before": str, "word": str, "after": str, "paragraph": bool}``, one per word:
    the punctuation that stays on the word's line, and whether a paragraph ends after it. ``selected`` is
    the sorted list of selected word indices. The browser sends each click or Space press as a message
    ``{"event": "toggle", "index": i, "seq": n}``; :meth:`toggle` applies them here, one by one and in
    order, and ``ack`` is the ``seq`` of the last one applied.
    """

    _esm = _ESM
    _css = _CSS
    units = traitlets.List(traitlets.Dict()).tag(sync=True)
    selected = traitlets.List(traitlets.Int()).tag(sync=True)
    label = traitlets.Unicode("Words of the passage").tag(sync=True)
    disabled = traitlets.Bool(False).tag(sync=True)
    ack = traitlets.Int(0).tag(sync=True)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.on_msg(self._message)

    def toggle(self, index: int, seq: int | None = None) -> None:
        """Select word ``index`` if it is not selected, else unselect it; record ``seq`` as ``ack``.

        Out-of-range indices and toggles while ``disabled`` change nothing (but are still acknowledged,
        so the browser stops waiting for them).
        """
        chosen = set(self.selected)
        if not self.disabled and 0 <= index < len(self.units):
            chosen ^= {index}
        with self.hold_sync():
            self.selected = sorted(chosen)
            if seq is not None:
                self.ack = max(self.ack, seq)

    def _message(self, _widget: object, content: object, _buffers: object) -> None:
        """A custom message from the browser: only well-formed toggles are applied, anything else ignored."""
        if not isinstance(content, dict) or content.get("event") != "toggle":
            return
        index, seq = content.get("index"), content.get("seq")
        if type(index) is int and type(seq) is int:
            self.toggle(index, seq)
