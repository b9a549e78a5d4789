"""Precision of the loaded-language detector on a hand-labelled sample of its flags in news the team did not tune on.

    python benchmarks/precision.py

The sample (benchmarks/loaded_precision_sample.csv) holds 50 flags: every flag the detector raised on
the nine real articles added in datasets/articles/ (not the five teaching articles), and 13 drawn at
random (seed 14) from its flags on BASIL articles. One person labelled each flag "right" (the word or
phrase is loaded, or debatable and marked so) or "wrong" (plain or literal), with a note where it was
not obvious. BASIL rows keep only the article id and offsets, never its text.

The script prints the labelled precision, and how many of the sampled flags today's detector still
raises (a change to the detector makes the labels stale: draw and label a new sample then).
"""

from __future__ import annotations

import csv
import sys
from collections import Counter
from pathlib import Path

from medialit.detect import find_loaded

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil import DEFAULT_DATA, load_article  # the same reading of BASIL as basil.py

HERE = Path(__file__).resolve().parent
SAMPLE = HERE / "loaded_precision_sample.csv"
ARTICLES = HERE.parent / "datasets" / "articles"


def text_of(source: str) -> str | None:
    """The text a sampled flag came from, or None when BASIL is not on this machine."""
    if not source.startswith("basil:"):
        return (ARTICLES / f"{source}.txt").read_text(encoding="utf-8")
    year, name = source.removeprefix("basil:").split("/")
    article = DEFAULT_DATA / "articles" / year / f"{name}.json"
    if not article.exists():
        return None
    return load_article(article, DEFAULT_DATA / "annotations" / year / f"{name}_ann.json")[1]


def main() -> int:
    rows = list(csv.DictReader(SAMPLE.open(encoding="utf-8")))
    labels = Counter(row["label"] for row in rows)
    by_group = Counter((row["source"].split(":")[0] == "basil", row["label"]) for row in rows)
    still = unknown = 0
    flags: dict[str, set[tuple[int, int]]] = {}
    for row in rows:
        if row["source"] not in flags:
            text = text_of(row["source"])
            flags[row["source"]] = set() if text is None else {(s.start, s.end) for s in find_loaded(text)}
            if text is None:
                unknown += 1
        still += (int(row["start"]), int(row["end"])) in flags[row["source"]]
    total = len(rows)
    print(f"hand-labelled flags: {total}; right: {labels['right']}; precision {labels['right'] / total:.0%}")
    for basil, name in ((False, "kit's nine real articles"), (True, "BASIL articles")):
        right, wrong = by_group[basil, "right"], by_group[basil, "wrong"]
        print(f"  {name:25} {right}/{right + wrong} right")
    print(
        f"sampled flags today's detector still raises: {still}/{total}"
        + (" (BASIL absent)" if unknown else "")
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
