"""Tests for medialit.corpus: the articles, their metadata and clear errors."""

from __future__ import annotations

import json

import pytest

import medialit
from medialit.datafiles import datasets_dir, read_json, schema_errors
from medialit.errors import DataFileError, MedialitError, UnknownArticleError
from medialit.text import word_count

from .conftest import ARTICLE_IDS, CORPUS_IDS, SEED_IDS, SEEDS, SOURCES


def test_the_real_articles():
    """Does the kit hold the five seed articles in seed order, then the nine adopted from the Baly et al. corpus?"""
    infos = medialit.articles()
    seeds = [i.seed for i in infos if i.id in SEED_IDS]
    assert len(SEED_IDS) == 5 and seeds == sorted(seeds)
    assert [i.id for i in infos[:5]] == SEED_IDS
    assert set(CORPUS_IDS) == {
        "enforcement-surge",
        "chicago-ordinance-column",
        "tactical-units",
        "border-facility-photos",
        "detention-medical",
        "crackdown-agriculture",
        "mississippi-raids-buzzfeed",
        "mississippi-raids-npr",
        "mississippi-raids-breitbart",
        "raids-on-edge",
    }
    assert [i.id for i in infos] == [i for i in ARTICLE_IDS if i != "raids-on-edge"]


def test_held_out_article_is_left_out_of_listings_but_loads():
    """Is the transfer-task article left out of articles() and ids() unless asked, yet loadable with its key?"""
    held = [a.id for a in medialit.articles(include_held_out=True) if a.held_out]
    assert held == ["raids-on-edge"]
    assert "raids-on-edge" not in medialit.corpus.ids()
    assert "raids-on-edge" in medialit.corpus.ids(include_held_out=True)
    assert medialit.load("raids-on-edge").info.held_out
    assert medialit.annotations("raids-on-edge").sentences


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared/seeds is not beside this checkout")
@pytest.mark.parametrize("article_id", SEED_IDS)
def test_articles_are_verbatim_copies_of_the_seeds(article_id):
    """Is each seed article byte for byte the seed file it came from?"""
    seed = SEEDS / medialit.load(article_id).info.seed
    assert (datasets_dir() / "articles" / f"{article_id}.txt").read_bytes() == seed.read_bytes()


def _corpus_record(corpus_id: str) -> dict:
    """The corpus's own record for one text, found by its ID in shared/sources/allsides-ice/."""
    for path in SOURCES.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        if record["ID"] == corpus_id:
            return record
    raise AssertionError(f"no record with ID {corpus_id} in {SOURCES}")


@pytest.mark.skipif(not SOURCES.is_dir(), reason="shared/sources is not beside this checkout")
@pytest.mark.parametrize("article_id", CORPUS_IDS)
def test_corpus_articles_are_verbatim_with_their_record(article_id):
    """Is each adopted article the corpus's title, a blank line and content_original, with its address and rating?"""
    info = medialit.load(article_id).info
    record = _corpus_record(info.provenance.corpus_id)
    assert medialit.load(article_id).text == record["title"] + "\n\n" + record["content_original"]
    assert info.provenance.url == record["url"]
    assert info.rating.value == record["bias_text"] and info.rating.source == "corpus"


def test_corpus_articles_name_their_corpus_and_licence():
    """Does every adopted article name the paper, the repository, its file, the licence and the publisher's copyright?"""
    for article_id in CORPUS_IDS:
        info = medialit.load(article_id).info
        corpus = info.provenance.corpus
        assert info.seed == f"data/jsons/{info.provenance.corpus_id}.json" and info.seed in corpus
        for words in ("Baly et al. 2020", "ramybaly/Article-Bias-Prediction", "Apache-2.0", "copyright"):
            assert words in corpus, (article_id, words)
        assert info.provenance.url.startswith("http")


def test_articles_are_utf8_with_lf_line_ends(article):
    """Are the article files UTF-8 with LF line ends, keeping their artefacts?"""
    raw = (datasets_dir() / "articles" / f"{article.id}.txt").read_bytes()
    assert b"\r" not in raw
    assert raw.decode("utf-8") == article.text


def test_artefacts_are_kept():
    """Are the comment-box line, the missing outlet name and the no-break spaces still there?"""
    assert (
        medialit.load("ice-officer-interview")
        .text.rstrip()
        .endswith("Please let us know if you're having issues with commenting.")
    )
    assert "\n( – Since 2021" in medialit.load("oig-release-report").text
    assert "\u00a0" in medialit.load("ice-officer-interview").text


def test_metadata_matches_the_text(article):
    """Is the title the first line, and the word count the text's own?"""
    assert article.info.title == article.text.split("\n", 1)[0]
    assert article.info.word_count == word_count(article.text)


def test_unknown_facts_stay_null():
    """Is every outlet, author and date either backed by a source or null with 'unknown'?"""
    for info in medialit.articles():
        for fact in (info.outlet, info.author, info.date):
            assert (fact.value is None) == (fact.source == "unknown")
            if fact.source == "inferred":
                assert len(info.notes) > 40, f"{info.id}: an inferred fact needs its reason in notes"


def test_ratings_are_allsides_values_with_a_reason():
    """Is every outlet rating an AllSides value or null, with an inferred one explained in notes?"""
    for info in medialit.articles():
        assert info.rating.value in {"left", "lean-left", "center", "lean-right", "right", None}
        assert (info.rating.value is None) == (info.rating.source == "unknown")
        if info.rating.source == "inferred":
            assert "Rating inferred" in info.notes, f"{info.id}: an inferred rating needs its reason in notes"


def test_rating_refuses_an_unknown_value():
    """Does the schema refuse a rating marked 'unknown' that still names a side?"""
    record = {**_raw_record("ice-officer-interview"), "rating": {"value": "right", "source": "unknown"}}
    assert schema_errors([record], "articles.schema.json")


def _raw_record(article_id: str) -> dict:
    """The raw articles.json record for one article."""
    import json

    records = json.loads((datasets_dir() / "articles.json").read_text(encoding="utf-8"))
    return next(r for r in records if r["id"] == article_id)


def test_stated_facts_appear_in_the_text():
    """Is every 'stated' fact written in the article itself?"""
    for info in medialit.articles():
        text = medialit.load(info.id).text
        assert info.author.source != "stated" or info.author.value.split()[-1] in text
    assert "July 17, 2019" in medialit.load("declined-detainer-report").text


def test_unknown_id_is_a_clear_error():
    """Does an unknown id raise a kit error that lists the known ids?"""
    with pytest.raises(UnknownArticleError) as caught:
        medialit.load("no-such-article")
    message = str(caught.value)
    assert "'no-such-article'" in message
    assert all(article_id in message for article_id in ARTICLE_IDS)
    assert isinstance(caught.value, MedialitError)


def test_datasets_folder_override(tmp_path, monkeypatch):
    """Does a missing MEDIALIT_DATASETS folder give a clear error?"""
    monkeypatch.setenv("MEDIALIT_DATASETS", str(tmp_path / "gone"))
    with pytest.raises(DataFileError, match=r"datasets folder .*gone is missing"):
        datasets_dir()


def test_malformed_metadata_names_file_and_field(tmp_path):
    """Does a metadata file with a bad field fail with the file and the field named?"""
    bad = tmp_path / "articles.json"
    bad.write_text('[{"id": "x", "title": "t"}]', encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        read_json(bad, "articles.schema.json")
    assert str(bad) in str(caught.value)
    assert "'seed' is a required property" in str(caught.value)


def test_invalid_json_is_a_clear_error(tmp_path):
    """Is a truncated JSON file reported as invalid JSON, naming it?"""
    bad = tmp_path / "articles.json"
    bad.write_text('[{"id": ', encoding="utf-8")
    with pytest.raises(DataFileError, match="is not valid JSON"):
        read_json(bad, "articles.schema.json")


def test_unknown_needs_null_value():
    """Does the schema refuse a value marked 'unknown', which would be an invented fact?"""
    record = {
        "id": "x",
        "title": "t",
        "seed": "s",
        "genre_as_presented": "news",
        "word_count": 1,
        "notes": "",
        "outlet": {"value": "Invented Outlet", "source": "unknown"},
        "author": {"value": None, "source": "unknown"},
        "date": {"value": None, "source": "unknown"},
        "rating": {"value": None, "source": "unknown"},
        "provenance": {"corpus": "c", "url": None},
    }
    assert schema_errors([record], "articles.schema.json")
    record["outlet"]["value"] = None
    assert schema_errors([record], "articles.schema.json") == []


def test_explain_gives_the_keys_reason_or_says_not_found():
    """Does explain() give the key's category, speaker and reason, and say so when a phrase is not in the key?"""
    from medialit import explain

    text = explain("ice-officer-interview", "Deluge")
    assert "emotive-metaphor" in text and "speaker: writer" in text
    assert "marks no loaded phrase" in explain("ice-officer-interview", "not a phrase here")


def test_overview_has_one_readable_row_per_article():
    """Does overview() give one row per article (no held-out one), with unknown and inferred facts marked?"""
    from medialit import corpus

    rows = corpus.overview()
    assert [r["article"] for r in rows] == [a.id for a in corpus.articles()]
    assert "raids-on-edge" not in {r["article"] for r in rows}
    by_id = {r["article"]: r for r in rows}
    assert by_id["ice-officer-interview"]["author"] == "unknown"
    assert by_id["ice-officer-interview"]["outlet"].endswith("(inferred)")
    assert by_id["mississippi-raids-npr"]["rating"] == "center"
    assert by_id["mississippi-raids-npr"]["source"].startswith("Baly et al. 2020")
    assert all(isinstance(r["words"], int) and r["words"] > 0 for r in rows)
