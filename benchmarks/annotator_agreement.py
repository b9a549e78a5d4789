"""How far do the two independent annotation passes agree? Span overlap and sentence-label kappa, by group.

python benchmarks/annotator_agreement.py
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from reconcile_passes import PASSES, pair_spans  # noqa: E402


def cohen_kappa(first: list[str], second: list[str]) -> float:
    """Agreement beyond chance between two label sequences of the same items."""
    n = len(first)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    count_a, count_b = Counter(first), Counter(second)
    expected = sum(count_a[label] * count_b[label] for label in count_a) / (n * n)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(article_id: str) -> dict:
    """Counts for one article's two passes: spans each marked, spans paired by overlap, labels that agree."""
    a = json.loads((PASSES / "a" / f"{article_id}.json").read_text(encoding="utf-8"))
    b = json.loads((PASSES / "b" / f"{article_id}.json").read_text(encoding="utf-8"))
    loaded_pairs, _ = pair_spans(a["loaded"], b["loaded"])
    stat_pairs, _ = pair_spans(a["statistics"], b["statistics"])
    return {
        "loaded": (len(a["loaded"]), len(b["loaded"]), len(loaded_pairs)),
        "same_category": sum(x["category"] == y["category"] for x, y in loaded_pairs),
        "statistics": (len(a["statistics"]), len(b["statistics"]), len(stat_pairs)),
        "same_sourcing": sum(x["sourcing"] == y["sourcing"] for x, y in stat_pairs),
        "labels_a": [s["label"] for s in a["sentences"]],
        "labels_b": [s["label"] for s in b["sentences"]],
    }


def _row(name: str, rows: list[dict]) -> str:
    def total(field: str, i: int) -> int:
        return sum(r[field][i] for r in rows)

    labels_a = [label for r in rows for label in r["labels_a"]]
    labels_b = [label for r in rows for label in r["labels_b"]]
    agree = sum(x == y for x, y in zip(labels_a, labels_b, strict=True))
    paired_loaded, paired_stats = total("loaded", 2), total("statistics", 2)
    return (
        f"{name:28} {total('loaded', 0):>5}/{total('loaded', 1)}/{paired_loaded:<5}"
        f" {sum(r['same_category'] for r in rows):>5}/{paired_loaded:<5}"
        f" {total('statistics', 0):>5}/{total('statistics', 1)}/{paired_stats:<5}"
        f" {sum(r['same_sourcing'] for r in rows):>5}/{paired_stats:<5}"
        f" {agree:>5}/{len(labels_a):<5} {cohen_kappa(labels_a, labels_b):6.2f}"
    )


def main() -> None:
    sys.path.insert(0, str(ROOT))
    import medialit

    groups = {
        "the five seed articles": [a.id for a in medialit.articles() if "/" not in a.seed],
        "the nine corpus articles": [a.id for a in medialit.articles() if "/" in a.seed],
    }
    rows = {article_id: agreement(article_id) for ids in groups.values() for article_id in ids}
    header = f"{'article':28} {'loaded A/B/both':>16} {'same cat.':>11} {'stats A/B/both':>15} {'same src.':>11} {'labels agree':>12} {'kappa':>6}"
    for group, ids in groups.items():
        print(f"\n{group}\n{header}")
        for article_id in ids:
            print(_row(article_id, [rows[article_id]]))
        print(_row(f"all {len(ids)}", [rows[i] for i in ids]))
    print(_row(f"\nall {len(rows)} articles", list(rows.values())))
    print(
        "\n'both' counts spans one pass marked that overlap a span the other marked (paired one to one); "
        "'same cat.' and 'same src.' count those pairs given the same loaded category or sourcing class. "
        "Kappa is Cohen's, over sentence labels.\n"
        "Both passes worked from the same written brief, which raises agreement; read these figures as "
        "optimistic, and as consistency, not proof that the calls are right."
    )


if __name__ == "__main__":
    main()
