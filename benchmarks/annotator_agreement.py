"""How far do the two independent annotation passes agree? Prints span overlap and sentence-label kappa.

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


def main() -> None:
    print(
        f"{'article':26} {'loaded A/B/both':>16} {'stats A/B/both':>15} {'same sourcing':>14} {'labels agree':>13} {'kappa':>6}"
    )
    all_a: list[str] = []
    all_b: list[str] = []
    for path in sorted((PASSES / "a").glob("*.json")):
        a = json.loads(path.read_text(encoding="utf-8"))
        b = json.loads((PASSES / "b" / path.name).read_text(encoding="utf-8"))
        loaded_pairs, _ = pair_spans(a["loaded"], b["loaded"])
        stat_pairs, _ = pair_spans(a["statistics"], b["statistics"])
        same_sourcing = sum(x["sourcing"] == y["sourcing"] for x, y in stat_pairs)
        labels_a = [s["label"] for s in a["sentences"]]
        labels_b = [s["label"] for s in b["sentences"]]
        all_a += labels_a
        all_b += labels_b
        agree = sum(x == y for x, y in zip(labels_a, labels_b, strict=True))
        print(
            f"{path.stem:26} {len(a['loaded']):>6}/{len(b['loaded'])}/{len(loaded_pairs):<4}"
            f" {len(a['statistics']):>7}/{len(b['statistics'])}/{len(stat_pairs):<4}"
            f" {same_sourcing:>6}/{len(stat_pairs):<7} {agree:>6}/{len(labels_a):<6} {cohen_kappa(labels_a, labels_b):6.2f}"
        )
    print(
        f"{'all articles':26} {'':>16} {'':>15} {'':>14} {sum(x == y for x, y in zip(all_a, all_b, strict=True)):>6}/{len(all_a):<6} "
        f"{cohen_kappa(all_a, all_b):6.2f}"
    )
    print(
        "\nBoth passes worked from the same written brief, which raises agreement; read these figures as "
        "optimistic, and as consistency, not proof that the calls are right."
    )


if __name__ == "__main__":
    main()
