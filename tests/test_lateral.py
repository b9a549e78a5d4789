"""Tests for medialit.lateral and lesson 06's written answers: key-based comparison tables, and the path
from a worksheet box to the teacher's gradebook."""

from __future__ import annotations

import ast
import csv
import json

import pytest

from medialit import corpus, gradebook, lateral
from medialit.display.views import response_box
from medialit.progress import ProgressStore, write_export

from .conftest import ROOT

LESSON = "06-Lateral-Reading"
NOTEBOOK = ROOT / "solutions" / f"{LESSON}.ipynb"


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("some 680", "680"),
        ("more than 13,000 employees", "13000"),
        ("seven", "7"),
        ("six cities", "6"),
        ("Hundreds Of People", "hundreds"),
        ("one of the largest worksite operations ever conducted", None),
        ("the eighth-largest poultry producer in the U.S.", None),
        ("several", None),
    ],
)
def test_figure_of_reads_digits_words_and_hundreds(text, figure):
    """Does a key statistic's text give its figure, and a ranking or vague amount none?"""
    assert lateral.figure_of(text) == figure


def test_the_three_reports_share_680_seven_and_hundreds():
    """Do exactly 680, seven and "hundreds" appear in all three raid reports, each in every outlet's column?"""
    rows = lateral.compare_figures(lateral.RAIDS, min_reports=3)
    assert {r["Figure"] for r in rows} == {"680", "7", "hundreds"}
    outlets = [lateral.outlet_name(a) for a in lateral.RAIDS]
    assert outlets == ["BuzzFeed News", "NPR", "Breitbart News"]
    assert all(r[o] != "–" and r["In how many reports"] == "3 of 3" for r in rows for o in outlets)


def test_figures_found_in_one_report_come_after_shared_ones():
    """Are the 2008 comparisons (595, 400) each in one report only, after the shared figures, debatable items out?"""
    rows = lateral.compare_figures(lateral.RAIDS)
    shares = [int(r["In how many reports"].split()[0]) for r in rows]
    assert shares == sorted(shares, reverse=True)
    by_figure = {r["Figure"]: r for r in rows}
    assert by_figure["595"]["Breitbart News"] == "“about 595”" and by_figure["595"]["NPR"] == "–"
    assert by_figure["400"]["In how many reports"] == "1 of 3"
    assert by_figure["13,000"]["NPR"] == "“more than 13,000 employees”", (
        "thousands written as a reader writes them"
    )
    assert "2" not in by_figure, "the key's debatable items (“more than two decades”) are left out"


def test_who_credits_uses_the_keys_source():
    """Is Breitbart's body 680 credited to "federal officials", and a number with no source said to have none?"""
    rows = lateral.who_credits(lateral.RAIDS, "680")
    credited = {(r["Outlet"], r["Credited to"]) for r in rows}
    assert ("Breitbart News", "federal officials") in credited
    assert ("BuzzFeed News", "no one, in that sentence") in credited
    with pytest.raises(ValueError, match="12345"):
        lateral.who_credits(lateral.RAIDS, "12345")


def test_what_to_check_is_the_keys_note_once_per_note():
    """Are the key's what_to_check notes given once each, with its check note or a dash?"""
    rows = lateral.what_to_check(lateral.RAIDS, "595", "400")
    assert [r["Outlet"] for r in rows] == ["Breitbart News", "NPR"]
    key = {s.text: s for s in corpus.annotations("mississippi-raids-npr").statistics}
    assert rows[1]["What to look up"] == key["more than 400 unauthorized workers"].what_to_check
    assert "different 2008 raid" in rows[1]["What the key noticed"]
    notes = [r["What to look up"] for r in lateral.what_to_check(lateral.RAIDS, "680")]
    assert len(notes) == len(set(notes))
    assert lateral.what_to_check(["oig-release-report"], "1500")[0]["What the key noticed"] == "–"


def test_who_is_behind_treats_every_report_alike():
    """Does every report get the same columns, with how each fact is known, and "not known" where it is not?"""
    rows = lateral.who_is_behind([*lateral.RAIDS, "oig-release-report"])
    assert len({tuple(r) for r in rows}) == 1, "one set of columns for every report"
    ratings = [r["Outlet's AllSides rating"] for r in rows]
    assert ratings == ["left", "center", "right", "not known"]
    assert "writer printed in the text" in rows[2]["How the kit knows"]
    assert rows[3]["Outlet"] == "not known" and "outlet and writer not known" in rows[3]["How the kit knows"]


def test_sources_named_come_from_the_assessment():
    """Are the sources and missing voices each report's assessment lists?"""
    rows = lateral.sources_named(lateral.RAIDS)
    npr = corpus.annotations("mississippi-raids-npr").assessment
    assert rows[1]["Sources it names"] == "; ".join(npr.primary_sources_named)
    assert rows[1]["Voices it leaves out"] == "; ".join(npr.missing_voices)


def _response_ids() -> list[str]:
    """The response ids lesson 06 passes to show_response, read from its solution notebook."""
    ids = []
    for cell in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "show_response":
                ids.append(node.args[0].value)
    return ids


def test_lesson_06_written_answers_reach_the_export_and_the_gradebook(tmp_path):
    """Does text saved in lesson 06's worksheet boxes appear in the lesson's export and in the gradebook CSV?"""
    ids = _response_ids()
    assert len(ids) >= 3
    store = ProgressStore(tmp_path / "progress.sqlite3")
    store.set_learner("Ana Lopez")
    for n, response_id in enumerate(ids):
        box = response_box(response_id, "A question?", store=store)
        assert box.lesson == LESSON, "the lesson is inferred from the id"
        box.text_input.value = f"Answer {n}: search ice.gov for the 7 August 2019 release, then the AP story."
        assert box.save()
    inbox = tmp_path / "inbox"
    exported = json.loads(write_export(store, inbox, lesson=LESSON).read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in exported["responses"]) == sorted(ids)
    out = tmp_path / "gradebook.csv"
    assert gradebook.run([inbox], out) == 0
    with out.open(encoding="utf-8", newline="") as handle:
        rows = [r for r in csv.DictReader(handle) if r["kind"] == "response"]
    assert {r["quiz"]: r["lesson"] for r in rows} == dict.fromkeys(ids, LESSON)
    assert {r["response"] for r in rows} == {
        f"Answer {n}: search ice.gov for the 7 August 2019 release, then the AP story."
        for n in range(len(ids))
    }
