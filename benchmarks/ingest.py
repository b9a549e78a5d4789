"""How well medialit.ingest reduces saved news pages to their article, against the kit's old HTML-to-text, in one run.

    python benchmarks/ingest.py            # the 20 pages in ../shared/devdata/pages/ (see its README)

For each page, expected.json lists snippets that belong to the article ("with") and snippets of boilerplate that
must not be kept ("without"), as trafilatura's own evaluation defines them. There is no full reference text, so the
two shares are measured on the words of those snippets:

- article share: of the snippet words found in the output, the share that are article words
  (with-words kept / (with-words kept + without-words kept)): how little boilerplate gets through;
- kept share: the share of the article ("with") snippet words found in the output.

Trafilatura was tuned on these pages, so its figures here flatter it a little. Figures, not assertions: the tests
check correctness and never time anything. The pages are read from ../shared/devdata/ and never copied.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path

from medialit.errors import MedialitError
from medialit.ingest import read_bytes

PAGES = Path(__file__).resolve().parent.parent.parent / "shared" / "devdata" / "pages"
_WORD = re.compile(r"\w+")


# --- the baseline: the kit's own HTML-to-text before medialit.ingest (medialit/htmltext.py, retired) -----------

_BLOCKS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote article section header footer tr table figcaption pre hr title".split()
)
_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            self.skipping += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def old_html_to_text(data: bytes) -> str:
    """The old kit: every readable text of the page (scripts and styles dropped), strict UTF-8 with replacement."""
    collector = _TextCollector()
    collector.feed(data.decode("utf-8", errors="replace"))
    collector.close()
    lines = (re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in "".join(collector.parts).split("\n"))
    return "\n\n".join(line for line in lines if line) + "\n"


def ingest_text(data: bytes, name: str) -> str:
    """The kit now: medialit.ingest's article text (trafilatura); a refused page counts as empty output."""
    try:
        return read_bytes(data, name).text
    except MedialitError as exc:
        print(f"  ({exc})", file=sys.stderr)
        return ""


# --- scoring ---------------------------------------------------------------------------------------------------


def _words(snippet: str) -> int:
    return len(_WORD.findall(snippet))


def score(output: str, expected: dict) -> tuple[float, float]:
    """(article share, kept share) of one page's output, measured on its snippets' words (0-1 each)."""
    flat = " ".join(output.split())
    kept = sum(_words(s) for s in expected["with"] if " ".join(s.split()) in flat)
    leaked = sum(_words(s) for s in expected["without"] if " ".join(s.split()) in flat)
    total = sum(_words(s) for s in expected["with"])
    return (kept / (kept + leaked) if kept + leaked else 0.0), (kept / total if total else 0.0)


def run(name: str, extract: Callable[[bytes, str], str], expected: dict[str, dict]) -> dict[str, list[float]]:
    rows: dict[str, list[float]] = {"article": [], "kept": [], "seconds": []}
    for page, wanted in expected.items():
        data = (PAGES / page).read_bytes()
        started = time.perf_counter()
        output = extract(data, page)
        rows["seconds"].append(time.perf_counter() - started)
        article, kept = score(output, wanted)
        rows["article"].append(article)
        rows["kept"].append(kept)
        print(f"  {name:18} {page:40} article {article:6.1%}  kept {kept:6.1%}")
    return rows


def main() -> int:
    if not (PAGES / "expected.json").exists():
        print(f"skipped: {PAGES} is absent (the saved pages are development data, never shipped).")
        return 0
    expected = json.loads((PAGES / "expected.json").read_text(encoding="utf-8"))
    results = {
        "old html_to_text": run("old html_to_text", lambda data, _: old_html_to_text(data), expected),
        "medialit.ingest": run("medialit.ingest", ingest_text, expected),
    }
    print(
        f"\n{len(expected)} saved pages from {PAGES.name}/; shares are of the snippet words (see the docstring)."
    )
    print(f"{'':18} {'article share':>22} {'kept share':>22} {'time per page':>14}")
    print(f"{'':18} {'median':>10} {'mean':>11} {'median':>10} {'mean':>11} {'mean':>14}")
    for name, rows in results.items():
        print(
            f"{name:18} {statistics.median(rows['article']):10.1%} {statistics.mean(rows['article']):11.1%} "
            f"{statistics.median(rows['kept']):10.1%} {statistics.mean(rows['kept']):11.1%} "
            f"{1000 * statistics.mean(rows['seconds']):11.0f} ms"
        )
    print("goal: medialit.ingest at least 95% article share and 95% kept share (median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
