"""Loaded-language detection against BASIL's lexical-bias spans, next to the VADER baseline, per outlet.

    python benchmarks/basil.py [--data ../shared/devdata/basil]

BASIL (Fan et al., EMNLP 2019, "In Plain Sight: Media Bias Through the Lens of Factual Reporting") has
300 articles from Fox News, The New York Times and The Huffington Post, with phrases annotated for
lexical bias ("bias": "lex") by experts who are not on this team. The data is read where it lies and
never copied into the project; without it, the script says so and stops.

Measures, for medialit's loaded-language detector and for VADER (every word with |valence| >= 1.5):
- word level: is each word inside a lexical-bias span, and inside a flagged span?
- span overlap: a flag is right if it overlaps a bias span; a bias span is found if a flag overlaps it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path

from tqdm import tqdm

from medialit.detect import find_loaded
from medialit.evaluate import Score, score_loaded, score_loaded_words
from medialit.schema import LoadedSpan, SpanSet

sys.path.insert(0, str(Path(__file__).resolve().parent))
from accuracy import vader_words  # the same baseline as the accuracy benchmark

DEFAULT_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "devdata" / "basil"
OUTLETS = {"fox": "Fox News", "nyt": "New York Times", "hpo": "HuffPost"}


def load_article(path: Path, annotations: Path) -> tuple[str, str, list[tuple[int, int]]]:
    """(outlet, text, lexical-bias spans) of one BASIL article.

    The text is the body paragraphs, sentences joined by a space and paragraphs by a blank line. Each
    annotation gives offsets into one sentence and its words; it is placed in the first sentence whose
    characters at those offsets are the annotated words.
    """
    article = json.loads(path.read_text(encoding="utf-8"))
    sentences: list[tuple[int, str]] = []
    pieces: list[str] = []
    offset = 0
    for paragraph in article["body-paragraphs"]:
        if pieces:
            pieces.append("\n\n")
            offset += 2
        for n, sentence in enumerate(paragraph):
            if n:
                pieces.append(" ")
                offset += 1
            sentences.append((offset, sentence))
            pieces.append(sentence)
            offset += len(sentence)
    text = "".join(pieces)
    spans = []
    for note in json.loads(annotations.read_text(encoding="utf-8")).get("phrase-level-annotations", []):
        if note.get("bias") != "lex":
            continue
        start, end, words = int(note["start"]), int(note["end"]), note["txt"]
        for at, sentence in sentences:
            if sentence[start:end] == words:
                spans.append((at + start, at + end))
                break
        else:
            where = text.find(words)
            if where >= 0:
                spans.append((where, where + len(words)))
    return article["source"].lower(), text, spans


def key_of(text: str, spans: list[tuple[int, int]]) -> SpanSet:
    """BASIL's spans as an answer key (one category: the benchmark ignores categories)."""
    loaded = [
        LoadedSpan(a, b, text[a:b], "emotive-words", "writer", "BASIL lexical bias", None) for a, b in spans
    ]
    return SpanSet(loaded=tuple(sorted(loaded, key=lambda s: (s.start, s.end))))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help="the BASIL folder (articles/, annotations/)"
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N articles (0: all)")
    args = parser.parse_args()
    articles = sorted((args.data / "articles").glob("*/*.json"))
    if not articles:
        print(f"BASIL not found at {args.data}: nothing to measure (see the script's docstring).")
        return 0
    if args.limit:
        articles = articles[: args.limit]
    scores: dict[tuple[str, str, str], Score] = defaultdict(Score)
    counts: dict[str, int] = defaultdict(int)
    for path in tqdm(articles, desc="BASIL", unit="article", file=sys.stderr):
        notes = args.data / "annotations" / path.parent.name / f"{path.stem}_ann.json"
        if not notes.exists():
            continue
        outlet, text, spans = load_article(path, notes)
        key = key_of(text, spans)
        counts[outlet] += 1
        for system, predicted in (("medialit", find_loaded(text)), ("VADER", vader_words(text))):
            for group in (outlet, "all"):
                scores[group, system, "word"] += score_loaded_words(predicted, key, text)
                scores[group, system, "span"] += score_loaded(predicted, key)["all"]
    print(f"BASIL lexical bias: {sum(counts.values())} articles")
    print(f"{'outlet':16} {'level':5} {'medialit P/R/F1':>18} {'VADER P/R/F1':>18} {'F1 ratio':>8}")
    for group in [*sorted(o for o in counts), "all"]:
        for level in ("word", "span"):
            ours, base = scores[group, "medialit", level], scores[group, "VADER", level]
            ratio = ours.f1 / base.f1 if base.f1 else float("nan")
            name = OUTLETS.get(group, group) + (f" ({counts[group]})" if group in counts else "")
            print(
                f"{name:16} {level:5} {ours.precision:5.2f}/{ours.recall:.2f}/{ours.f1:.2f}"
                f"     {base.precision:5.2f}/{base.recall:.2f}/{base.f1:.2f} {ratio:7.1f}x"
            )
    print("goal: medialit's word-level F1 at least 2x VADER's")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
