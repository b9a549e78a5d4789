"""Is the kit balanced? Real words per outlet rating, quizzes per side and technique, loaded density, reading grade.

python benchmarks/balance.py

Sides are named the same way for both: a real article by its outlet's AllSides rating (articles.json `rating`),
a team-written passage by its `slant` (contrast.json). An article text in datasets/articles/ that has no record in
articles.json yet takes its rating from ../shared/sources/allsides-ice/ (matched by headline), and is marked so.
"""

from __future__ import annotations

import json
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from medialit import corpus
from medialit.balance import SIDE_NAMES, SIDE_OF_RATING, SIDES, is_invented, quiz_techniques, side
from medialit.datafiles import datasets_dir, read_json
from medialit.quiz import load_quizzes
from medialit.readability import flesch_kincaid_grade, student_texts, summarize
from medialit.text import word_count

ROOT = Path(__file__).resolve().parent.parent
SHARED_SOURCES = ROOT.parent / "shared" / "sources" / "allsides-ice"
SAMPLES_WAY = {"right", "unrated"}  # the five sample articles: one right-rated (inferred), four unrated


@dataclass(frozen=True)
class Text:
    """One text the kit holds, with the side it leans and its key's clear-cut loaded items (None: no key)."""

    id: str
    words: int
    side: str
    invented: bool
    registered: bool
    clear_cut: int | None


def _unregistered_ratings() -> dict[str, str | None]:
    """Headline -> AllSides rating, from the shared corpus files (empty if they are not beside the checkout)."""
    ratings: dict[str, str | None] = {}
    for path in sorted(SHARED_SOURCES.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        ratings[record["title"].strip()] = record.get("bias_text") or None
    return ratings


def _clear_cut(doc_id: str) -> int | None:
    path = datasets_dir() / "annotations" / f"{doc_id}.json"
    if not path.exists():
        return None
    key = read_json(path, "spans.schema.json", "answer_key")
    return sum(1 for item in key["loaded"] if not item.get("acceptable"))


def texts() -> list[Text]:
    """Every registered article and passage, then every article text not yet in articles.json."""
    found = [
        Text(i, word_count(corpus.load(i).text), side(i), is_invented(i), True, _clear_cut(i))
        for i in corpus.ids()
    ]
    known = set(corpus.ids())
    ratings = _unregistered_ratings()
    for path in sorted((datasets_dir() / "articles").glob("*.txt")):
        if path.stem in known:
            continue
        text = path.read_text(encoding="utf-8")
        rating = ratings.get(text.split("\n", 1)[0].strip())
        found.append(
            Text(path.stem, word_count(text), SIDE_OF_RATING[rating], False, False, _clear_cut(path.stem))
        )
    return found


def print_real_words(all_texts: list[Text]) -> None:
    print("1. Real articles and words per outlet rating (side)")
    for s in SIDES:
        real = [t for t in all_texts if not t.invented and t.side == s]
        pending = sum(not t.registered for t in real)
        note = f"  ({pending} not yet in articles.json; rating from shared/sources)" if pending else ""
        print(f"   {SIDE_NAMES[s]:52} {len(real):3} articles {sum(t.words for t in real):6} words{note}")
    invented = [t for t in all_texts if t.invented]
    print(
        f"   {'team-written passages (all sides)':52} {len(invented):3} passages {sum(t.words for t in invented):5} words"
    )


def print_quizzes() -> None:
    quizzes = load_quizzes()
    by_side = Counter(side(q.passage.article_id) for q in quizzes)
    invented = Counter(side(q.passage.article_id) for q in quizzes if is_invented(q.passage.article_id))
    print(f"\n2. Quiz items per side ({len(quizzes)} in all)")
    for s in SIDES:
        print(
            f"   {SIDE_NAMES[s]:52} {by_side[s]:3} ({100 * by_side[s] / len(quizzes):4.1f}%), {invented[s]} on team-written passages"
        )
    other = sum(by_side[s] for s in SIDES if s not in SAMPLES_WAY)
    print(
        f"   not leaning the way of the five samples (left + center): {other} of {len(quizzes)} = {100 * other / len(quizzes):.1f}%"
        f" (goal: at least 40%, {'met' if other >= 0.4 * len(quizzes) else 'NOT met'})"
    )
    table: dict[str, Counter] = defaultdict(Counter)
    for quiz in quizzes:
        for technique in quiz_techniques(quiz):
            table[technique][side(quiz.passage.article_id)] += 1
    one_sided = 0
    print("\n   Quiz items per technique and side (a quiz counts once for each technique it asks about)")
    print(f"   {'technique':30}" + "".join(f"{s:>9}" for s in SIDES) + "   missing a side")
    for technique in sorted(table):
        row = table[technique]
        gaps = [] if row["left"] + row["center"] else ["left or center"]
        gaps += [] if row["right"] + row["unrated"] else ["right or unrated"]
        print(f"   {technique:30}" + "".join(f"{row[s]:9}" for s in SIDES) + f"   {', '.join(gaps)}")
        one_sided += bool(gaps)
    print(
        f"   techniques quizzed on one side only: {one_sided} (goal: 0, {'met' if not one_sided else 'NOT met'})"
    )


def print_density(all_texts: list[Text]) -> None:
    print("\n3. Clear-cut loaded items (not 'acceptable', any speaker) per 100 words, texts with a key")
    real = [t for t in all_texts if not t.invented and t.clear_cut is not None]
    average = 100 * sum(t.clear_cut for t in real) / sum(t.words for t in real)
    print(f"   all real articles: {average:.2f} (±30% band: {0.7 * average:.2f} to {1.3 * average:.2f})")
    for kind, invented in (("real", False), ("team-written", True)):
        for s in SIDES:
            group = [
                t for t in all_texts if t.invented == invented and t.side == s and t.clear_cut is not None
            ]
            if group:
                items, words = sum(t.clear_cut for t in group), sum(t.words for t in group)
                print(
                    f"   {kind:13} {SIDE_NAMES[s]:52} {items:3} items / {words:5} words = {100 * items / words:5.2f}"
                )
    no_key = [t.id for t in all_texts if t.clear_cut is None]
    if no_key:
        print(f"   no answer key yet: {', '.join(no_key)}")
    print("   each team-written passage:")
    for t in all_texts:
        if t.invented and t.clear_cut is not None:
            density = 100 * t.clear_cut / t.words
            band = (
                "in band"
                if 0.7 * average <= density <= 1.3 * average
                else ("neutral" if t.side == "center" else "OUT")
            )
            print(f"     {t.id:42} {t.clear_cut:2} / {t.words:3} = {density:5.2f}  {band}")


def print_reading_grade() -> None:
    found = student_texts()
    grades = [(flesch_kincaid_grade(t.text), t) for t in found]
    print(
        "\n4. Flesch–Kincaid grade of what students read on 'Show answer' (pyphen syllables; goal: median ≤ 8, 90th percentile ≤ 10)"
    )
    for label, pick in (
        ("all", lambda t: True),
        ("key reasons", lambda t: t.field == "reason"),
        ("  real articles", lambda t: t.field == "reason" and "/contrast-" not in t.where),
        ("  contrast passages", lambda t: t.field == "reason" and "/contrast-" in t.where),
        ("quiz explanations", lambda t: t.field == "explanation"),
        ("quiz hints", lambda t: t.field == "hint"),
    ):
        summary = summarize(g for g, t in grades if pick(t))
        print(
            f"   {label:20} {summary.count:4} texts  median {summary.median:5.1f}  90th percentile {summary.p90:5.1f}"
        )
    overall = summarize(g for g, _ in grades)
    met = overall.median <= 8 and overall.p90 <= 10
    print(f"   goal {'met' if met else 'NOT met'} over all {overall.count} texts")
    over = [g for g, _ in grades if g > 10]
    print(f"   {len(over)} texts above grade 10; the five hardest:")
    for grade, t in sorted(grades, key=lambda pair: -pair[0])[:5]:
        print(f"     {grade:5.1f}  {t.where} {t.field}: {t.text[:70]}")
    print(f"   (mean {statistics.fmean(g for g, _ in grades):.1f})")


def main() -> None:
    all_texts = texts()
    print_real_words(all_texts)
    print_quizzes()
    print_density(all_texts)
    print_reading_grade()


if __name__ == "__main__":
    main()
