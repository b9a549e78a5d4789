"""Merge two independent annotation passes into the answer key, by fixed rules plus recorded decisions.

    python tools/reconcile_passes.py            # writes datasets/annotations/<id>.json
    python tools/reconcile_passes.py --report   # lists what the passes disagree on, writes nothing
    python tools/reconcile_passes.py --one-pass <id>   # a provisional key from pass A alone

An article whose pass B has not arrived yet is skipped with a note, unless it is named with --one-pass: then
its key is built from pass A alone (as if both passes agreed), and its notes say so. Never commit a copy of
pass A as pass B.

Inputs: datasets/annotations/passes/{a,b}/<id>.json (two annotators working
apart), datasets/annotations/passes/decisions.json (the reconciler's calls
where the rules below do not settle a disagreement) and
datasets/annotations/passes/corrections.json (fixes from a later review of the
whole key, applied last: changes to items, keyed like decisions, and items both
passes missed, under "add"; each carries a "note" saying why).

The rules:
- Spans are paired one to one by the largest overlap.
- A loaded phrase both passes marked keeps the shorter span (the "smallest
  phrase" rule); it is `acceptable` if either pass said so.
- A loaded phrase or statistic only one pass marked is kept and marked
  `acceptable`, since a careful reader left it out.
- A statistic keeps the longer span (qualifiers like "more than" are part of
  the claim); where the sourcing classes differ, pass A's stands and pass B's is
  added to `also_acceptable`, unless a decision says otherwise.
- A sentence label both passes gave stands; where they differ, a decision
  names the label, and the other goes to `also_acceptable`.
- The article-level assessment is pass A's.
- Review corrections are applied last; their "note" is kept in the corrections
  file, not in the key.

A decision (decisions.json, under the article id) is keyed by the merged
item's "start:end". It may name a sentence `label`, change any field of a
loaded phrase or statistic, or `drop` one (for example where the passes broke
the every-occurrence rule); its `note` says why and is not copied into the key.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSES = ROOT / "datasets" / "annotations" / "passes"
ONE_PASS_NOTE = " (Only one of two annotators marked this, so either answer earns credit.)"


def _overlap(a: dict, b: dict) -> int:
    return max(0, min(a["end"], b["end"]) - max(a["start"], b["start"]))


def pair_spans(first: list[dict], second: list[dict]) -> tuple[list[tuple[dict, dict]], list[dict]]:
    """Pair items one to one, largest overlap first; return the pairs and the unpaired items."""
    candidates = sorted(
        ((_overlap(a, b), i, j) for i, a in enumerate(first) for j, b in enumerate(second) if _overlap(a, b)),
        reverse=True,
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    pairs = []
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((first[i], second[j]))
    alone = [a for i, a in enumerate(first) if i not in used_a] + [
        b for j, b in enumerate(second) if j not in used_b
    ]
    return pairs, alone


def _key(item: dict) -> str:
    return f"{item['start']}:{item['end']}"


def merge_loaded(a_items: list[dict], b_items: list[dict], decisions: dict) -> list[dict]:
    pairs, alone = pair_spans(a_items, b_items)
    merged = []
    for a, b in pairs:
        chosen = min((a, b), key=lambda s: (s["end"] - s["start"], s is b))
        item = {**chosen, "acceptable": a["acceptable"] or b["acceptable"]}
        merged.append(item)
    for item in alone:
        merged.append({**item, "acceptable": True, "reason": item["reason"].rstrip() + ONE_PASS_NOTE})
    return _apply(merged, decisions)


def merge_statistics(a_items: list[dict], b_items: list[dict], decisions: dict) -> list[dict]:
    pairs, alone = pair_spans(a_items, b_items)
    merged = []
    for a, b in pairs:
        chosen = max((a, b), key=lambda s: (s["end"] - s["start"], s is a))
        checks = [s["check"] for s in (a, b) if s["check"]]
        also = {*a["also_acceptable"], *b["also_acceptable"], b["sourcing"]} - {a["sourcing"]}
        merged.append(
            {
                **chosen,
                "sourcing": a["sourcing"],
                "source": a["source"] if a["source"] is not None else b["source"],
                "check": max(checks, key=len) if checks else None,
                "acceptable": a["acceptable"] or b["acceptable"],
                "also_acceptable": sorted(also),
            }
        )
    for item in alone:
        merged.append({**item, "acceptable": True, "reason": item["reason"].rstrip() + ONE_PASS_NOTE})
    return _apply([_trim_number(s) for s in merged], decisions)


def _trim_number(item: dict) -> dict:
    """Drop a trailing comma or full stop the span picked up after its number."""
    text = item["text"]
    while text and text[-1] in ",." and len(text) > 1 and text[-2].isdigit():
        text = text[:-1]
    return {**item, "text": text, "end": item["start"] + len(text)}


def merge_sentences(
    a_items: list[dict], b_items: list[dict], decisions: dict
) -> tuple[list[dict], list[str]]:
    merged, undecided = [], []
    for a, b in zip(a_items, b_items, strict=True):
        assert (a["start"], a["end"]) == (b["start"], b["end"]), "passes must label the same sentences"
        decision = decisions.get(_key(a), {})
        label = decision.get("label") or (a["label"] if a["label"] == b["label"] else None)
        if label is None:
            undecided.append(f"{_key(a)} A={a['label']} B={b['label']}: {a['text'][:90]}")
            label = a["label"]
        also = {*a["also_acceptable"], *b["also_acceptable"], a["label"], b["label"]} - {label}
        reasons = [r for r in (a["reason"], b["reason"]) if r]
        if not reasons:
            reason = None
        elif a["label"] == b["label"] or len(reasons) < 2:
            reason = reasons[0]
        else:
            reason = " ".join(reasons)
        merged.append({**a, "label": label, "reason": reason, "also_acceptable": sorted(also)})
    return _apply(merged, decisions), undecided


def _apply(items: list[dict], decisions: dict) -> list[dict]:
    out = []
    for item in items:
        change = decisions.get(_key(item))
        if change and change.get("drop"):
            continue
        out.append({**item, **{k: v for k, v in (change or {}).items() if k != "note"}})
    return sorted(out, key=lambda s: (s["start"], s["end"]))


def merge_assessment(a: dict, b: dict) -> dict:
    """Pass A's assessment stands whole: a union of two lists of prose repeats itself in other words.

    Pass B's stays in datasets/annotations/passes/b/ for comparison.
    """
    return a


def load_corrections() -> dict:
    """The review corrections file (``{article_id: {kind: {"start:end": change}, "add": {kind: [item]}}}``), or {}."""
    path = PASSES / "corrections.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def apply_corrections(kind: str, items: list[dict], fixes: dict) -> list[dict]:
    """Items after the review: changed or dropped by "start:end", plus the review's own additions."""
    added = [{k: v for k, v in item.items() if k != "note"} for item in fixes.get("add", {}).get(kind, [])]
    return sorted(_apply(items, fixes.get(kind, {})) + added, key=lambda s: (s["start"], s["end"]))


ONE_PASS_NOTES = (
    "Provisional: built from annotation pass A alone (datasets/annotations/passes/a/); rebuild it with "
    "tools/reconcile_passes.py when the second, independent pass arrives."
)


def reconcile(
    article_id: str, decisions: dict, corrections: dict | None = None, one_pass: bool = False
) -> tuple[dict, list[str]]:
    """The answer key for ``article_id`` and the sentence disagreements no decision settles.

    ``corrections`` defaults to datasets/annotations/passes/corrections.json. With ``one_pass`` the key is
    built from pass A alone, as if pass B agreed with it on every item.
    """
    a = json.loads((PASSES / "a" / f"{article_id}.json").read_text(encoding="utf-8"))
    b = a if one_pass else json.loads((PASSES / "b" / f"{article_id}.json").read_text(encoding="utf-8"))
    mine = decisions.get(article_id, {})
    fixes = (load_corrections() if corrections is None else corrections).get(article_id, {})
    sentences, undecided = merge_sentences(a["sentences"], b["sentences"], mine.get("sentences", {}))
    loaded = merge_loaded(a["loaded"], b["loaded"], mine.get("loaded", {}))
    statistics = merge_statistics(a["statistics"], b["statistics"], mine.get("statistics", {}))
    key = {
        "article_id": article_id,
        "loaded": apply_corrections("loaded", loaded, fixes),
        "statistics": apply_corrections("statistics", statistics, fixes),
        "sentences": apply_corrections("sentences", sentences, fixes),
        "assessment": merge_assessment(a["assessment"], b["assessment"]),
        "notes": ONE_PASS_NOTES
        if one_pass
        else mine.get(
            "notes", "Reconciled from two independent annotation passes (datasets/annotations/passes/)."
        ),
    }
    return key, undecided


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="list disagreements; write nothing")
    parser.add_argument(
        "--one-pass",
        action="append",
        default=[],
        metavar="ID",
        help="build this article's key from pass A alone until pass B arrives (repeatable)",
    )
    args = parser.parse_args(argv)
    decisions_file = PASSES / "decisions.json"
    decisions = json.loads(decisions_file.read_text(encoding="utf-8")) if decisions_file.exists() else {}
    problems = 0
    for path in sorted((PASSES / "a").glob("*.json")):
        one_pass = path.stem in args.one_pass
        if not one_pass and not (PASSES / "b" / path.name).exists():
            print(f"{path.stem}: no pass B yet; skipped (use --one-pass {path.stem} for a provisional key)")
            continue
        if one_pass and args.report:
            continue
        key, undecided = reconcile(path.stem, decisions, one_pass=one_pass)
        for line in undecided:
            print(f"{path.stem}: sentence label undecided: {line}")
        problems += len(undecided)
        if args.report:
            pairs, alone = pair_spans(
                *(json.loads((PASSES / p / path.name).read_text())["loaded"] for p in "ab")
            )
            for a, b in pairs:
                if (a["category"], a["speaker"]) != (b["category"], b["speaker"]):
                    print(
                        f"{path.stem}: loaded {_key(a)} {a['text']!r}: A={a['category']}/{a['speaker']} "
                        f"B={b['category']}/{b['speaker']} (B span {b['text']!r})"
                    )
            for s in alone:
                print(f"{path.stem}: loaded only in one pass: {s['text']!r} ({s['category']})")
        else:
            out = ROOT / "datasets" / "annotations" / path.name
            out.write_text(json.dumps(key, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return 1 if problems and not args.report else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
