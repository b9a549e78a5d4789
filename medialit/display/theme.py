"""Colours and type for the designed displays: JupyterLab's theme variables, with light-theme fallbacks."""

from __future__ import annotations

#: Body text, secondary text, borders, a faint row shade and the page (fallbacks give at least 4.5:1 on white).
TEXT = "var(--jp-content-font-color1, #111)"
MUTED = "var(--jp-content-font-color2, #333)"
BORDER = "var(--jp-border-color1, #999)"
SHADE = "var(--jp-layout-color2, #f3f3f3)"
PAGE = "var(--jp-layout-color0, #fff)"
ACCENT = "var(--jp-brand-color1, #0b5394)"

#: A proportional reading font (the notebook's own, then common system fonts).
READING_FONT = (
    "var(--jp-content-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
    "sans-serif)"
)
