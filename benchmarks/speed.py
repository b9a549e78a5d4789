"""Speed of medialit.analyze() against VADER's polarity_scores over the same sentences, in one run.

    python benchmarks/speed.py             # words per second, and the ratio to VADER (fastest of 5 turns each)
    python benchmarks/speed.py --scaling   # also 1 MB against 10 MB: linear time means about 10x

Figures, not assertions: the tests check correctness and never time anything.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable

from tqdm import tqdm
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

import medialit
from medialit import corpus
from medialit.text import sentence_spans, word_count


def corpus_text() -> str:
    return "\n\n".join(corpus.load(doc_id).text for doc_id in corpus.ids())


def _timed(run: Callable[[], object]) -> tuple[float, float]:
    """(wall-clock seconds, CPU seconds of this process) that ``run()`` took."""
    wall, cpu = time.perf_counter(), time.process_time()
    run()
    return time.perf_counter() - wall, time.process_time() - cpu


def words_per_second(repeat: int, rounds: int) -> None:
    """Time VADER and ``analyze()`` over the same text, taking turns ``rounds`` times; the fastest of each counts.

    On a shared machine other work slows any one timing by chance; taking turns and keeping each side's
    fastest round compares the two under the same conditions as nearly as one run can. CPU time (what
    this process itself used) is printed too: it depends far less on what else the machine is doing.
    """
    text = "\n\n".join([corpus_text()] * repeat)
    sentences = [s.text for s in sentence_spans(text)]
    words = word_count(text)
    analyzer = SentimentIntensityAnalyzer()  # VADER reads its lexicon here, outside the timing...
    medialit.analyze("Officials said 12 people were “flooding” in.")  # ...and medialit on its first call
    vader, ours = [], []
    for _ in tqdm(range(rounds), desc="rounds", file=sys.stderr):
        vader.append(_timed(lambda: [analyzer.polarity_scores(sentence) for sentence in sentences]))
        ours.append(_timed(lambda: medialit.analyze(text)))
    print(
        f"{words:,} words in {len(sentences):,} sentences (the corpus repeated {repeat} times), fastest of {rounds}"
    )
    for n, clock in enumerate(("wall clock", "CPU time")):
        vader_seconds, ours_seconds = min(t[n] for t in vader), min(t[n] for t in ours)
        ratios = sorted(v[n] / o[n] for v, o in zip(vader, ours, strict=True))
        print(f"{clock}:")
        print(f"  VADER polarity_scores, sentence by sentence: {words / vader_seconds:10,.0f} words/s")
        print(f"  medialit.analyze(), all three detectors:     {words / ours_seconds:10,.0f} words/s")
        print(f"  medialit / VADER speed: {vader_seconds / ours_seconds:.2f}x (goal: at least 1.0x)")
        print(
            f"  round by round: {', '.join(f'{r:.2f}x' for r in ratios)} (median {ratios[len(ratios) // 2]:.2f}x)"
        )


def scaling() -> None:
    one = corpus_text()
    timings = {}
    medialit.analyze("Officials said 12 people were “flooding” in.")  # lexicons load on the first call
    for megabytes in (1, 10):
        text = (one * (megabytes * 1_000_000 // len(one) + 1))[: megabytes * 1_000_000]
        timings[megabytes] = _timed(lambda text=text: medialit.analyze(text))
        wall, cpu = timings[megabytes]
        print(f"{megabytes:>2} MB: {wall:.1f} s ({cpu:.1f} s of CPU time)")
    wall, cpu = (timings[10][n] / timings[1][n] for n in (0, 1))
    print(f"10 MB / 1 MB time: {wall:.1f}x, CPU time {cpu:.1f}x (linear time gives about 10x)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="how many copies of the corpus to time")
    parser.add_argument(
        "--rounds", type=int, default=5, help="how many times each side is timed, taking turns"
    )
    parser.add_argument("--scaling", action="store_true", help="also time 1 MB and 10 MB texts")
    args = parser.parse_args()
    words_per_second(args.repeat, max(1, args.rounds))
    if args.scaling:
        scaling()


if __name__ == "__main__":
    main()
