"""Does the kit's own prose follow one vocabulary rule for both sides?

The kit's own voice uses plain descriptions ("immigrants without legal status") and symmetric slant labels
("favours stricter enforcement" / "favours less enforcement"). Words that one side or the other chooses for people
("illegals", "illegal aliens", "undocumented", "newcomers", ...) and one-sided slant labels ("pro-immigration",
"restrictionist", ...) may appear only where the kit is not speaking for itself:

- inside quotation marks ("…", “…”, ‘…’ or '…'): a quotation of article text, or the word itself under discussion;
- inside `code` or a Markdown block quote (a line starting with ">"): quoted material.

So to discuss a word, put it in quotation marks. That is the whole allow mechanism.
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
import yaml

from .conftest import ROOT

#: Words the kit never uses in its own voice, each with the plain wording to use instead.
ONE_SIDED = {
    r"\bundocumented\b": "immigrants without legal status",
    r"\billegal (?:immigrant|alien|migrant)s?\b": "immigrants without legal status",
    r"\billegals\b": "immigrants without legal status",
    r"\ban illegal\b(?! \w)": "an immigrant without legal status",
    r"\baliens?\b": "noncitizens (when a source document uses it) or immigrants without legal status",
    r"\bnewcomers?\b": "immigrants, or people who recently arrived",
    r"\bunauthori[sz]ed (?:immigrant|worker|migrant)s?\b": "immigrants without legal status",
    r"\bpro-immigration\b": "favours less enforcement",
    r"\banti-immigra(?:nt|tion)\b": "favours stricter enforcement",
    r"\brestrictionists?\b": "favours stricter enforcement",
    r"\bpro-enforcement\b": "favours stricter enforcement",
    r"\bfavou?rs? immigration\b": "favours less enforcement",
}
# Not inside an identifier such as `contrast-newcomers-feature`: ids name a text, they are not prose.
_ONE_SIDED = re.compile("|".join(f"(?<![-\\w])(?:{p})(?![-\\w])" for p in ONE_SIDED), re.IGNORECASE)
# A quotation may wrap onto the next line; a straight single quote counts only where it cannot be an apostrophe.
_QUOTED = re.compile(r"“[^”]*”|\"[^\"]{0,300}\"|‘[^’]*’|(?<!\w)'[^'\n]{1,80}'(?!\w)|`[^`\n]*`")
_BLOCK_QUOTE = re.compile(r"^\s*>.*$", re.MULTILINE)


def own_voice(text: str) -> str:
    """``text`` with quotations, code and block quotes blanked out: what is left is the kit's own voice."""
    blank = lambda match: " " * len(match.group(0))  # noqa: E731 (offsets stay put)
    return _QUOTED.sub(blank, _BLOCK_QUOTE.sub(blank, text))


def one_sided_terms(text: str) -> list[str]:
    """Every one-sided term used in the kit's own voice in ``text``."""
    return [m.group(0) for m in _ONE_SIDED.finditer(own_voice(text))]


def _notebook_markdown(path: Path) -> list[tuple[str, str]]:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    return [
        (f"{path.name} cell {n}", "".join(cell["source"]))
        for n, cell in enumerate(notebook["cells"])
        if cell["cell_type"] == "markdown"
    ]


def _quiz_texts(path: Path) -> list[tuple[str, str]]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [
        (f"{path.name} {quiz['id']} {field}", quiz[field])
        for quiz in data["quizzes"]
        for field in ("prompt", "hint", "explanation")
    ]


def _python_strings(path: Path) -> list[tuple[str, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        (f"{path.name} line {node.lineno}", node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]


def _contrast_records() -> list[tuple[str, str]]:
    records = json.loads((ROOT / "datasets" / "contrast.json").read_text(encoding="utf-8"))
    return [(f"contrast.json {r['id']} {f}", r[f]) for r in records for f in ("purpose", "disclaimer")]


def _contrast_keys() -> list[tuple[str, str]]:
    """The kit's words in the contrast passages' keys: reasons, alternatives and the assessment."""
    found = []
    for path in sorted((ROOT / "datasets" / "annotations").glob("contrast-*.json")):
        key = json.loads(path.read_text(encoding="utf-8"))
        for kind in ("loaded", "statistics", "sentences"):
            for n, item in enumerate(key[kind]):
                for field in ("reason", "alternative", "what_to_check"):
                    if item.get(field):
                        found.append((f"{path.name} {kind}/{n} {field}", item[field]))
        assessment = key.get("assessment") or {}
        for field in ("genre_in_fact", "summary"):
            found.append((f"{path.name} assessment {field}", assessment.get(field, "")))
        found.extend((f"{path.name} missing voice", v) for v in assessment.get("missing_voices", []))
    return found


def kit_prose() -> list[tuple[str, str]]:
    """(where, text) for every piece of prose written in the kit's own voice that this test scans."""
    found: list[tuple[str, str]] = []
    for path in sorted((ROOT / "solutions").glob("*.ipynb")):
        found += _notebook_markdown(path)
    for name in (
        "README.md",
        "lessons/TEACHER_GUIDE.md",
        "datasets/README.md",
        "datasets/quizzes/README.md",
        "datasets/lexicons/README.md",
    ):
        found.append((name, (ROOT / name).read_text(encoding="utf-8")))
    for path in sorted((ROOT / "datasets" / "quizzes").glob("*.yaml")):
        found += _quiz_texts(path)
    for name in ("widgets.py", "report.py", "glossary.py"):
        if (ROOT / "medialit" / name).exists():
            found += _python_strings(ROOT / "medialit" / name)
    glossary = ROOT / "datasets" / "glossary.yaml"
    if glossary.exists():
        for entry in yaml.safe_load(glossary.read_text(encoding="utf-8"))["terms"]:
            found.append((f"glossary.yaml {entry['term']}", entry["definition"]))
    return found + _contrast_records() + _contrast_keys()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Undocumented immigrants were held.", ["Undocumented"]),
        ("The article calls them “illegal aliens”.", []),
        ('Is "undocumented immigrant" neutral?', []),
        ("> Thousands of illegals crossed.", []),
        ("A pro-immigration passage and a restrictionist one.", ["pro-immigration", "restrictionist"]),
        ("an illegal act is not an illegal", ["an illegal"]),
        ("Immigrants without legal status were held.", []),
        ("See contrast-newcomers-feature for soft words.", []),
    ],
)
def test_the_scanner_finds_own_voice_terms_only(text, expected):
    """Does the scanner flag a one-sided term in the kit's voice, and allow it when quoted?"""
    assert [t.lower() for t in one_sided_terms(text)] == [t.lower() for t in expected]


def test_the_scan_covers_every_kind_of_prose():
    """Are lessons, guides, quizzes, widget strings and contrast keys all in the scan?"""
    places = " ".join(where for where, _ in kit_prose())
    for part in (
        "00-Start-Here.ipynb",
        "TEACHER_GUIDE.md",
        "README.md",
        ".yaml l01-",
        "widgets.py",
        "contrast-",
    ):
        assert part in places


def test_kit_prose_uses_one_vocabulary():
    """Does the kit's own voice avoid every one-sided word for people and every one-sided slant label?"""
    problems = []
    for where, text in kit_prose():
        for term in one_sided_terms(text):
            key = next(p for p in ONE_SIDED if re.fullmatch(p, term, re.IGNORECASE))
            problems.append(
                f"{where}: {term!r} (the kit's own words: {ONE_SIDED[key]!r}; quote it to discuss it)"
            )
    assert not problems, "\n".join(problems)


def _paragraphs(text: str) -> list[str]:
    return [p for p in re.split(r"\n\s*\n", text) if p.strip()]


def test_no_side_s_word_is_called_neutral():
    """Does the kit never call one side's word ("undocumented", "illegal immigrant", ...) neutral, except in a question?"""
    problems = []
    for where, text in kit_prose():
        for sentence in re.split(r"(?<=[.!?])\s+|\n\s*\n|\n\s*- |\|", text):  # sentences, list items, cells
            if re.search(r"\bneutral\b(?!-)", sentence) and not sentence.rstrip().endswith("?"):
                if re.search(r"undocumented|illegal (?:immigrant|alien)|newcomer", sentence, re.IGNORECASE):
                    problems.append(f"{where}: {sentence.strip()[:120]}")
    assert not problems, "\n".join(problems)


def test_ap_guidance_is_quoted_in_full():
    """Where the kit cites the AP against calling a person "illegal", does it also give its advice on "undocumented"?"""
    cited = 0
    for where, text in kit_prose():
        for paragraph in _paragraphs(text):
            if re.search(r"\bAP\b|Associated Press", paragraph) and "illegal" in paragraph.lower():
                cited += 1
                assert "undocumented" in paragraph.lower(), (
                    f"{where} cites the AP on 'illegal' only: {paragraph[:100]}"
                )
    assert cited, "the kit should cite the AP's guidance somewhere"
