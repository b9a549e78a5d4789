"""Accuracy of medialit's detectors against the answer key, next to VADER and TextBlob baselines in the same run.

    python benchmarks/accuracy.py            # needs the 'benchmarks' extra: pip install -e .[benchmarks]

Baselines, as the issue defines them:
- loaded language: every word VADER rates at |valence| >= 1.5 counts as loaded;
- opinion: TextBlob subjectivity >= 0.5 counts as opinion (labelled writer-opinion).
The five seed articles are the kit's own teaching data (the lexicon and rules were written with them in view);
the nine corpus articles (real, from outlets rated left, center and right; added after the detectors were tuned)
and the nine contrast passages (written separately) are the fairer tests.
"""

from __future__ import annotations

import re
import sys

from textblob import TextBlob
from tqdm import tqdm

import medialit
from medialit import corpus
from medialit.evaluate import Evaluation, evaluate, score_loaded, score_loaded_words, score_sentences
from medialit.lexicon import vader_valence
from medialit.schema import LoadedSpan, SentenceSpan, SpanSet

WORD = re.compile(r"\w+(?:['’]\w+)*")


def vader_words(text: str) -> list[LoadedSpan]:
    """The VADER baseline: every word with |valence| >= 1.5."""
    valence = vader_valence()
    return [
        LoadedSpan(m.start(), m.end(), m.group(), "exaggeration", "writer", "VADER valence >= 1.5", None)
        for m in WORD.finditer(text)
        if abs(valence.get(m.group().lower().replace("’", "'"), 0.0)) >= 1.5
    ]


def textblob_sentences(key: SpanSet) -> list[SentenceSpan]:
    """The TextBlob baseline: a sentence with subjectivity >= 0.5 is opinion, else a fact."""
    return [
        SentenceSpan(
            s.start,
            s.end,
            s.text,
            "writer-opinion" if TextBlob(s.text).sentiment.subjectivity >= 0.5 else "attributed-fact",
        )
        for s in key.sentences
    ]


def run(ids: list[str], name: str) -> None:
    ours, vader, textblob = Evaluation(), Evaluation(), Evaluation()
    for doc_id in tqdm(ids, desc=name, unit="text", file=sys.stderr):
        text, key = corpus.load(doc_id).text, corpus.annotations(doc_id)
        report = medialit.analyze(text)
        ours.merge(evaluate(report, key))
        ours.add("loaded", "words", score_loaded_words(report.loaded, key, text))
        vader.add("loaded", "all", score_loaded(vader_words(text), key)["all"])
        vader.add("loaded", "words", score_loaded_words(vader_words(text), key, text))
        for label, score in score_sentences(textblob_sentences(key), key).items():
            textblob.add("sentences", label, score)
    o, v, t = ours.scores, vader.scores, textblob.scores
    ratio = o["loaded"]["all"].f1 / v["loaded"]["all"].f1 if v["loaded"]["all"].f1 else float("inf")
    print(f"\n== {name}: {len(ids)} texts ==")
    print(f"{'measure':44} {'medialit':>9} {'baseline':>9}")
    rows = [
        ("loaded phrases (overlap), F1 (baseline VADER)", o["loaded"]["all"], v["loaded"]["all"]),
        ("loaded, word by word, F1 (baseline VADER)", o["loaded"]["words"], v["loaded"]["words"]),
        ("opinion sentences, F1 (baseline TextBlob)", o["sentences"]["opinion"], t["sentences"]["opinion"]),
        ("writer-opinion sentences, F1", o["sentences"]["writer-opinion"], t["sentences"]["writer-opinion"]),
        ("sentence labels, accuracy", o["sentences"]["all"], None),
        ("statistics found, F1", o["statistics"]["all"], None),
    ]
    for label, mine, base in rows:
        print(f"{label:44} {mine.f1:9.2f} {base.f1 if base else float('nan'):9.2f}")
    print(
        f"{'  loaded: precision / recall':44} {o['loaded']['all'].precision:4.2f}/{o['loaded']['all'].recall:4.2f}"
        f" {v['loaded']['all'].precision:4.2f}/{v['loaded']['all'].recall:4.2f}"
    )
    words = o["loaded"]["words"].f1 / v["loaded"]["words"].f1 if v["loaded"]["words"].f1 else float("inf")
    print(
        f"loaded F1 ratio, medialit / VADER: {ratio:.1f}x by phrase overlap, {words:.1f}x word by word (goal: 2x)"
    )
    if ours.sourcing_total:
        print(
            f"statistics with the right sourcing: {ours.sourcing_correct}/{ours.sourcing_total} "
            f"({ours.sourcing_correct / ours.sourcing_total:.0%})"
        )


def main() -> None:
    seeds = [a.id for a in corpus.articles() if "/" not in a.seed]
    adopted = [a.id for a in corpus.articles() if "/" in a.seed]
    run(seeds, f"the {len(seeds)} seed articles (teaching data)")
    run(adopted, f"the {len(adopted)} corpus articles (held out from tuning)")
    run([c.id for c in corpus.contrast_passages()], "the nine contrast passages (held out from tuning)")


if __name__ == "__main__":
    main()
