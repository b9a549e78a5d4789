"""Charts for the lessons: titled, labelled, colour-blind-safe, each drawn on a given or new Axes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import corpus, measures
from .display import charts
from .schema import SENTENCE_LABELS, SOURCING

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .prepost import PrePost

#: Okabe and Ito's palette, readable with the common kinds of colour blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
#: The palette without its yellow, which is too pale for small markers on white.
MARKER_COLOURS = tuple(c for c in OKABE_ITO if c != "#F0E442")
#: Hatching, so bars differ without colour too.
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo", "--")
SOURCED = ("named-document", "named-organization-or-person", "other-outlet", "self-citation")


def _axes(ax: Axes | None) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    ax = plt.subplots(figsize=(8, 4))[1]
    charts.register()  # in a notebook: shown with a text alternative and a table of its numbers
    return ax


def _counts_on(axis) -> None:
    """Whole-number ticks only, for an axis that counts things (no "2.5 times used")."""
    from matplotlib.ticker import MaxNLocator

    axis.set_major_locator(MaxNLocator(integer=True))


def _short(article_id: str) -> str:
    return article_id.replace("-", "\n", 1)


def word_choice(article_id: str, ax: Axes | None = None) -> Axes:
    """Bar chart: how often one article uses each word for the same group of people."""
    ax = _axes(ax)
    counts = measures.term_counts([article_id])[article_id]
    terms = list(measures.PEOPLE_TERMS)
    bars = ax.bar(range(len(terms)), [counts[t] for t in terms], color=OKABE_ITO[4])
    for bar, hatch in zip(bars, HATCHES, strict=False):
        bar.set_hatch(hatch)
    ax.set_xticks(range(len(terms)), [t.replace(" ", "\n") for t in terms])
    ax.set_ylabel("times used")
    _counts_on(ax.yaxis)
    ax.set_xlabel("word for the same people")
    ax.set_title(f"Word choice in {article_id}")
    return ax


def loaded_density(ax: Axes | None = None) -> Axes:
    """Bar chart: loaded phrases per 100 words in each article (the answer key's clear-cut ones)."""
    ax = _axes(ax)
    density = measures.loaded_density()
    ids = list(density)
    ax.bar(range(len(ids)), [density[i] for i in ids], color=OKABE_ITO[5], hatch="//", edgecolor="black")
    ax.set_xticks(range(len(ids)), [_short(i) for i in ids], fontsize=8)
    ax.set_ylabel("loaded phrases per 100 words")
    ax.set_xlabel("article")
    ax.set_title("How dense is the loaded language?")
    return ax


def sourced_vs_unsourced(ax: Axes | None = None) -> Axes:
    """Stacked bars: per article, statistics with a named source against those with a vague source or none."""
    ax = _axes(ax)
    counts = measures.sourcing_counts()
    ids = list(counts)
    sourced = [sum(counts[i][c] for c in SOURCED) for i in ids]
    other = [sum(counts[i][c] for c in SOURCING if c not in SOURCED) for i in ids]
    x = range(len(ids))
    ax.bar(x, sourced, color=OKABE_ITO[2], edgecolor="black", label="someone named stands behind it")
    ax.bar(
        x,
        other,
        bottom=sourced,
        color=OKABE_ITO[0],
        hatch="..",
        edgecolor="black",
        label="anonymous, vague or no source",
    )
    ax.set_xticks(list(x), [_short(i) for i in ids], fontsize=8)
    ax.set_ylabel("statistics in the article")
    _counts_on(ax.yaxis)
    ax.set_xlabel("article")
    ax.set_title("Who says so? Statistics by source")
    ax.legend(fontsize=8)
    return ax


def labels_by_position(article_id: str, ax: Axes | None = None) -> Axes:
    """Dot strip: each sentence's label from the start of the article to the end."""
    ax = _axes(ax)
    rows = {label: n for n, label in enumerate(SENTENCE_LABELS)}
    markers = ("s", "o", "^", "D", "v", "x")
    for label, n in rows.items():
        xs = [pos for pos, lab in measures.label_positions(article_id) if lab == label]
        ax.scatter(xs, [n] * len(xs), color=MARKER_COLOURS[n], marker=markers[n], s=60, label=label)
    ax.set_yticks(list(rows.values()), list(rows))
    ax.set_xlabel("position in the article (0 = first sentence, 1 = last)")
    ax.set_ylabel("sentence label")
    ax.set_title(f"Sentence labels through {article_id}")
    ax.set_xlim(-0.05, 1.05)
    return ax


def detector_vs_key(article_id: str, ax: Axes | None = None) -> Axes:
    """Grouped bars: loaded phrases, statistics and opinion sentences as counted by the key and the detectors."""
    from .detect import analyze

    ax = _axes(ax)
    key = corpus.annotations(article_id)
    machine = analyze(corpus.load(article_id).text)
    kinds = ("loaded phrases", "statistics", "writer-opinion sentences")

    def count(report) -> list[int]:
        return [
            len(report.loaded),
            len(report.statistics),
            sum(s.label == "writer-opinion" for s in report.sentences),
        ]

    x = range(len(kinds))
    ax.bar([i - 0.2 for i in x], count(key), width=0.4, color=OKABE_ITO[4], label="answer key")
    ax.bar(
        [i + 0.2 for i in x],
        count(machine),
        width=0.4,
        color=OKABE_ITO[0],
        hatch="//",
        edgecolor="black",
        label="detectors",
    )
    ax.set_xticks(list(x), kinds)
    ax.set_ylabel("how many")
    _counts_on(ax.yaxis)
    ax.set_xlabel("what was counted")
    ax.set_title(f"Answer key and detectors on {article_id}")
    ax.legend(fontsize=8)
    return ax


def class_scores(
    per_quiz: dict[str, list[float]], ax: Axes | None = None, labels: dict[str, str] | None = None
) -> Axes:
    """Horizontal bars: the class's mean score per quiz, hardest at the top, with how many learners answered.

    ``labels`` names a quiz on the axis (for example its question and id); a quiz without one shows its id.
    """
    from matplotlib.patches import Patch

    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.subplots(figsize=(8, max(3.5, 0.28 * len(per_quiz) + 1.8)), layout="constrained")[1]
        charts.register()
    means = {quiz: sum(scores) / len(scores) for quiz, scores in per_quiz.items() if scores}
    order = sorted(means, key=lambda quiz: (means[quiz], quiz))
    low = [means[quiz] < 0.5 for quiz in order]
    bars = ax.barh(
        range(len(order)),
        [means[quiz] for quiz in order],
        color=[OKABE_ITO[5] if is_low else OKABE_ITO[4] for is_low in low],
        edgecolor="black",
        linewidth=0.6,
    )
    for bar, is_low in zip(bars, low, strict=True):
        bar.set_hatch("//" if is_low else "")
    for row, quiz in enumerate(order):
        n = len(per_quiz[quiz])
        ax.text(
            means[quiz] + 0.01,
            row,
            f"{means[quiz]:.2f}  ({n} learner{'s' if n != 1 else ''})",
            va="center",
            fontsize=8,
            bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.5},
        )
    ax.set_yticks(range(len(order)), [(labels or {}).get(quiz, quiz) for quiz in order], fontsize=8)
    ax.set_xlim(0, 1.3)
    ax.set_xticks([0, 0.25, 0.5, 0.75, 1.0])
    ax.axvline(0.5, color=OKABE_ITO[7], linestyle=":", linewidth=1, zorder=0)
    if order:
        ax.set_ylim(len(order) - 0.5, -0.5)
    else:
        ax.text(0.5, 0.5, "no results yet", transform=ax.transAxes, ha="center", va="center")
    ax.set_title("The class's mean score per quiz, hardest first")
    ax.set_xlabel("mean of the learners' latest scores (0 = nothing right, 1 = all right)")
    ax.set_ylabel("quiz")
    ax.legend(
        handles=[
            Patch(facecolor=OKABE_ITO[5], hatch="//", edgecolor="black", label="mean below 0.5"),
            Patch(facecolor=OKABE_ITO[4], edgecolor="black", label="mean 0.5 or above"),
        ],
        loc="upper right",
        fontsize=8,
    )
    return ax


def pre_post_scores(results: list[PrePost], ax: Axes | None = None, names_up_to: int = 12) -> Axes:
    """A slope chart of the transfer task: each learner's total at the start and at the end, and the class mean.

    ``results`` come from :func:`medialit.prepost.pre_post`; learners without both totals are left out (the
    title says how many). Each learner is a thin line from the pre-test to the post-test total (0 to 1); the
    class mean is a thick dashed line. Names are written at the right end when there are at most
    ``names_up_to`` learners.
    """
    ax = _axes(ax)
    complete = [r for r in results if r.pre_total is not None and r.post_total is not None]
    for n, r in enumerate(complete):
        colour = MARKER_COLOURS[n % len(MARKER_COLOURS)]
        ax.plot([0, 1], [r.pre_total, r.post_total], marker="o", color=colour, linewidth=1, alpha=0.8)
        if len(complete) <= names_up_to:
            ax.text(1.04, r.post_total, r.learner, va="center", fontsize=8)
    if complete:
        pre = sum(r.pre_total for r in complete) / len(complete)
        post = sum(r.post_total for r in complete) / len(complete)
        ax.plot(
            [0, 1], [pre, post], color="black", linewidth=3, linestyle="--", marker="s", label="class mean"
        )
        ax.text(-0.04, pre, f"{pre:.2f}", ha="right", va="center", fontsize=9, fontweight="bold")
        ax.text(0.5, (pre + post) / 2 + 0.04, f"class mean {pre:.2f} → {post:.2f}", ha="center", fontsize=9)
        ax.legend(loc="lower right", fontsize=8)
    else:
        ax.text(0.5, 0.5, "no learner has taken both tests yet", transform=ax.transAxes, ha="center")
    left_out = len(results) - len(complete)
    ax.set_title(
        "Transfer task: the same passage at the start and at the end of the course"
        + (
            f"\n({left_out} learner{'s' if left_out != 1 else ''} without both tests left out)"
            if left_out
            else ""
        )
    )
    ax.set_xticks([0, 1], ["start (lesson 00)", "end (lesson 08)"])
    ax.set_xlim(-0.3, 1.5)
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("mean score of the three tasks (0 to 1)")
    return ax
