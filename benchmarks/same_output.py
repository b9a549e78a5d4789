"""Does a change to the detectors keep `analyze`'s output the same? Save every report before, compare after.

    python benchmarks/same_output.py --save /tmp/before       # on the old code
    python benchmarks/same_output.py --compare /tmp/before    # on the new code: lists every text that differs

The texts: the kit's teaching articles and contrast passages, datasets/articles/, and, where they are on this
machine, BASIL's 300 articles and the saved web pages in ../shared/devdata/ (read as `analyze` reads a file).
Each report is the `analyze --format json` dictionary (:meth:`medialit.schema.SpanSet.to_dict`). The snapshot
folder must lie outside the project: it holds output derived from development data that is never shipped.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path

from tqdm import tqdm

import medialit
from medialit import corpus
from medialit.ingest import read_path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from basil import DEFAULT_DATA, load_article  # the same reading of BASIL as basil.py

HERE = Path(__file__).resolve().parent
ARTICLES = HERE.parent / "datasets" / "articles"
PAGES = DEFAULT_DATA.parent / "pages"


def texts() -> Iterator[tuple[str, str]]:
    """(name, text) of every text the check covers, in a fixed order."""
    for doc_id in corpus.ids():
        yield f"corpus:{doc_id}", corpus.load(doc_id).text
    for path in sorted(ARTICLES.glob("*.txt")):
        yield f"articles:{path.stem}", path.read_text(encoding="utf-8")
    for path in sorted((DEFAULT_DATA / "articles").glob("*/*.json")):
        notes = DEFAULT_DATA / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if notes.exists():
            yield f"basil:{path.parent.name}/{path.stem}", load_article(path, notes)[1]
    for path in sorted(PAGES.glob("*.html")):
        yield f"pages:{path.stem}", read_path(path).text


def snapshot_name(name: str) -> str:
    return name.replace(":", "__").replace("/", "_") + ".json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--save", type=Path, metavar="DIR", help="write every report into DIR")
    action.add_argument("--compare", type=Path, metavar="DIR", help="compare every report with DIR's")
    args = parser.parse_args()
    folder = args.save or args.compare
    if folder.resolve().is_relative_to(HERE.parent):
        parser.error("keep the snapshot outside the project: it holds output derived from development data")
    if args.save:
        folder.mkdir(parents=True, exist_ok=True)
    checked, differ, missing = 0, [], []
    for name, text in tqdm(list(texts()), desc="analyze", unit="text", file=sys.stderr):
        report = json.dumps(medialit.analyze(text).to_dict(), ensure_ascii=False, indent=1, sort_keys=True)
        path = folder / snapshot_name(name)
        checked += 1
        if args.save:
            path.write_text(report, encoding="utf-8")
        elif not path.exists():
            missing.append(name)
        elif path.read_text(encoding="utf-8") != report:
            differ.append(name)
    if args.save:
        print(f"saved {checked} reports in {folder}")
        return 0
    print(f"compared {checked} reports: {checked - len(differ) - len(missing)} the same")
    for name in differ:
        print(f"  differs: {name}")
    for name in missing:
        print(f"  not in the snapshot: {name}")
    return 1 if differ or missing else 0


if __name__ == "__main__":
    raise SystemExit(main())
