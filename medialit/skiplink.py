"""A "Skip to the next quiz" link at the top of each quiz, for keyboard and screen-reader users (anywidget).

WCAG 2.2 success criterion 2.4.1 (bypass blocks): a long passage of word buttons or a column of dropdowns
should not have to be tabbed through to reach the next quiz. The link is hidden until it has keyboard focus.
"""

from __future__ import annotations

import anywidget

_ESM = r"""
function render({ el }) {
  const skip = document.createElement("a");
  skip.href = "#";
  skip.className = "medialit-skip";
  skip.textContent = "Skip to the next quiz";
  skip.addEventListener("click", (event) => {
    event.preventDefault();
    const quizzes = [...document.querySelectorAll(".medialit-quiz")];
    const next = quizzes[quizzes.indexOf(el.closest(".medialit-quiz")) + 1];
    const target = next && next.querySelector("button, input, select, textarea, a[href], [tabindex='0']");
    if (target) {
      target.scrollIntoView({ block: "center" });
      target.focus();
    }
  });
  el.append(skip);
}

export default { render };
"""

_CSS = """
.medialit-skip {
  position: absolute;
  left: -10000px;
  color: var(--jp-content-link-color, #0b57d0);
}
.medialit-skip:focus { position: static; display: inline-block; margin-bottom: 0.25em; }
"""


class SkipLink(anywidget.AnyWidget):
    """A link, visible only when focused, that moves focus to the first control of the next quiz."""

    _esm = _ESM
    _css = _CSS
