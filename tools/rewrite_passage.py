"""Replace a phrase in a team-written passage and keep its answer key's offsets, texts and word count consistent.

python tools/rewrite_passage.py PASSAGE_ID "old phrase" "new phrase" [--occurrence N]

Only for the team-written passages in datasets/contrast/: their keys are single-pass, so they are edited directly
(real articles are verbatim and never rewritten). Loaded items lying inside the replaced phrase are dropped (the
rewrite is how a loaded item is toned down); every span after it is shifted, and every span around it is
stretched or shrunk. A statistic or sentence inside the phrase, or a span that only partly overlaps the phrase is an error: rewrite a larger phrase instead.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from medialit.text import word_count

DATASETS = Path(__file__).resolve().parent.parent / "datasets"


def rewrite(passage_id: str, old: str, new: str, occurrence: int = 1) -> list[str]:
    """Replace the ``occurrence``-th ``old`` with ``new`` in text, key and contrast.json; return dropped items.

    Raises ValueError if ``old`` does not occur that often, or if a key span partly overlaps it.
    """
    text_path = DATASETS / "contrast" / f"{passage_id}.txt"
    key_path = DATASETS / "annotations" / f"{passage_id}.json"
    text = text_path.read_text(encoding="utf-8")
    start = -1
    for _ in range(occurrence):
        start = text.find(old, start + 1)
        if start < 0:
            raise ValueError(f"{old!r} does not occur {occurrence} time(s) in {passage_id}")
    end, shift = start + len(old), len(new) - len(old)
    new_text = text[:start] + new + text[end:]
    key = json.loads(key_path.read_text(encoding="utf-8"))
    dropped: list[str] = []
    for kind in ("loaded", "statistics", "sentences"):
        kept = []
        for span in key[kind]:
            if kind == "loaded" and start <= span["start"] and span["end"] <= end:
                dropped.append(f"{kind}: {span['text']}")
                continue
            if span["end"] <= start:
                pass
            elif span["start"] >= end:
                span["start"] += shift
                span["end"] += shift
            elif span["start"] <= start and end <= span["end"]:
                span["end"] += shift
            else:
                raise ValueError(f"{kind} span {span['text']!r} partly overlaps {old!r}")
            span["text"] = new_text[span["start"] : span["end"]]
            kept.append(span)
        key[kind] = kept
    text_path.write_text(new_text, encoding="utf-8")
    key_path.write_text(json.dumps(key, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    registry_path = DATASETS / "contrast.json"
    registry = json.loads(registry_path.read_text(encoding="utf-8"))
    for info in registry:
        if info["id"] == passage_id:
            info["word_count"] = word_count(new_text)
            info["title"] = new_text.split("\n", 1)[0].strip()
    registry_path.write_text(json.dumps(registry, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("passage_id")
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("--occurrence", type=int, default=1)
    args = parser.parse_args()
    for item in rewrite(args.passage_id, args.old, args.new, args.occurrence):
        print("dropped", item)


if __name__ == "__main__":
    main()
