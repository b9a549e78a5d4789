"""Tests for medialit.glossary: plain definitions students can reach from the lessons."""

from __future__ import annotations

import json

import pytest

from medialit import glossary
from medialit.datafiles import datasets_dir
from medialit.errors import DataFileError
from medialit.readability import flesch_kincaid_grade

from .conftest import ROOT

ASKED_FOR = [
    "detainer",
    "recognizance",
    "prosecutorial discretion",
    "sanctuary policy",
    "asylum",
    "deportation",
    "removal",
    "OIG",
    "ICE",
    "CBP",
]


@pytest.mark.parametrize("word", ASKED_FOR)
def test_the_words_students_ask_about_are_defined(word):
    """Does the glossary define each word that issue 11 names?"""
    assert glossary.define(word).startswith(f"{word}: ")


def test_other_forms_and_case_find_the_entry():
    """Do a plural, another form and odd capitals find the same entry?"""
    assert glossary.lookup("Detainers").term == "detainer"
    assert glossary.lookup("  release on   recognizance ").term == "recognizance"
    assert glossary.lookup("Immigration and Customs Enforcement").term == "ICE"


def test_unknown_word_names_the_closest():
    """Does an unknown or misspelt word get a clear error that suggests the right one?"""
    with pytest.raises(glossary.UnknownTermError, match="Did you mean 'recognizance'"):
        glossary.define("recognisance")


@pytest.mark.parametrize("entry", glossary.entries(), ids=lambda e: e.term)
def test_definitions_are_easy_to_read(entry):
    """Is every definition at reading grade 8 or below, in sentences of 30 words or fewer?"""
    assert flesch_kincaid_grade(entry.definition) <= 8.0
    assert all(len(sentence.split()) <= 30 for sentence in entry.definition.split(". "))


@pytest.mark.parametrize("entry", glossary.entries(), ids=lambda e: e.term)
def test_each_word_is_where_students_first_meet_it(entry):
    """Does the word (or one of its forms) appear in the article, passage or lesson named as where it is first met?"""
    folders = [datasets_dir() / "articles", datasets_dir() / "contrast"]
    texts = [f / f"{entry.first_met}.txt" for f in folders if (f / f"{entry.first_met}.txt").exists()]
    lesson = ROOT / "solutions" / f"{entry.first_met}.ipynb"
    assert texts or lesson.exists(), f"{entry.term}: no text or lesson {entry.first_met!r}"
    if texts:
        text = texts[0].read_text(encoding="utf-8")
    else:
        text = "".join("".join(c["source"]) for c in json.loads(lesson.read_text(encoding="utf-8"))["cells"])
    text = " ".join(text.split()).casefold()
    assert any(name.casefold() in text for name in (entry.term, *entry.also))


def test_glossary_page_is_current():
    """Is lessons/GLOSSARY.md exactly what the glossary makes (python -m medialit.glossary)?"""
    assert (ROOT / "lessons" / "GLOSSARY.md").read_text(encoding="utf-8") == glossary.markdown()


def test_lessons_link_to_the_glossary():
    """Does lesson 00 link the glossary page and look a word up, and do the lessons that meet the words do so too?"""
    for name in ("00-Start-Here", "01-Loaded-Words", "03-Who-Says-So", "05-News-or-Opinion"):
        notebook = json.loads((ROOT / "solutions" / f"{name}.ipynb").read_text(encoding="utf-8"))
        sources = ["".join(cell["source"]) for cell in notebook["cells"]]
        assert any("GLOSSARY.md" in s for s in sources), name
        assert any("glossary.define(" in s or "glossary.lookup(" in s for s in sources), name


def test_damaged_glossary_is_a_clear_error(tmp_path, monkeypatch):
    """Does a glossary that breaks the schema, or lists a word twice, fail naming the file and the problem?"""
    (tmp_path / "schema").symlink_to(datasets_dir() / "schema")
    monkeypatch.setenv("MEDIALIT_DATASETS", str(tmp_path))
    glossary._entries.cache_clear()
    try:
        (tmp_path / "glossary.yaml").write_text("terms:\n  - term: ICE\n", encoding="utf-8")
        with pytest.raises(DataFileError, match=r"glossary\.schema\.json"):
            glossary.entries()
        twice = "  - {term: ICE, definition: An agency of the government., first_met: oig-release-report}\n"
        (tmp_path / "glossary.yaml").write_text("terms:\n" + twice + twice, encoding="utf-8")
        with pytest.raises(DataFileError, match="listed twice"):
            glossary.entries()
    finally:
        glossary._entries.cache_clear()
