"""Tests for medialit.report: the highlighted HTML page and the text listing."""

from __future__ import annotations

from html.parser import HTMLParser

import medialit
from medialit.report import CATEGORY_STYLES, render_html, render_text
from medialit.schema import LOADED_CATEGORIES, LoadedSpan, SpanSet, StatisticSpan


class _Balance(HTMLParser):
    VOID = frozenset({"meta", "br"})

    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.scripts = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(tag)


def _check_well_formed(page: str) -> _Balance:
    parser = _Balance()
    parser.feed(page)
    assert parser.errors == [] and parser.stack == []
    return parser


def test_article_text_is_escaped():
    """Can a hostile text inject markup or script into the page?"""
    text = 'Click <script>alert("x")</script> & <img src=x onerror=alert(1)> now.'
    report = SpanSet(loaded=(LoadedSpan(6, 14, text[6:14], "labeling", "writer", "a <b>reason</b>", None),))
    page = render_html(text, report, title="<title>")
    parser = _check_well_formed(page)
    assert parser.scripts == 0
    assert "&lt;scri" in page and "alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "<img" not in page and "<b>reason" not in page


def test_crossing_spans_stay_well_formed():
    """Do a loaded phrase and a number that cross each other still give balanced markup?"""
    text = "Over 300 families were torn apart."
    report = SpanSet(
        loaded=(LoadedSpan(5, 17, "300 families", "exaggeration", "writer", "crossing span here", None),),
        statistics=(StatisticSpan(0, 8, "Over 300", "none", None, "no source given", "who counted", None),),
    )
    _check_well_formed(render_html(text, report))


def test_every_category_has_its_own_style_and_label():
    """Is each category told apart by underline style and a text label, not by colour alone?"""
    styles = {(style, label) for _, style, label in CATEGORY_STYLES.values()}
    assert len(styles) == len(LOADED_CATEGORIES)
    page = render_html("x", SpanSet())
    for category in LOADED_CATEGORIES:
        assert category in page, "the legend names every category"


def test_the_answer_key_renders():
    """Does every article's answer key render as one balanced page with every loaded phrase marked?"""
    for info in medialit.articles():
        text, key = medialit.load(info.id).text, medialit.annotations(info.id)
        page = render_html(text, key, title=info.title)
        _check_well_formed(page)
        assert page.count('class="loaded"') >= len(key.loaded)


def test_text_listing_names_each_span():
    """Does the terminal listing show each loaded phrase and number?"""
    key = medialit.annotations("oig-release-report")
    listing = render_text(medialit.load("oig-release-report").text, key)
    assert all(f"“{s.text}”" in listing for s in (*key.loaded, *key.statistics))


def test_counts_agree_with_their_nouns():
    """Does a report with one number say "1 number", not "1 numbers"?"""
    text = "Some 300 people came."
    report = SpanSet(statistics=(StatisticSpan(5, 8, "300", "none", None, "no source given", None, None),))
    page = render_html(text, report)
    assert "1 number," in page and "1 numbers" not in page
    assert "0 loaded words or phrases" in page and "0 sentences of the writer" in page


def test_key_tags_sit_on_the_line_and_stay_with_their_terms():
    """Are tags on the baseline (not raised onto the line above), with room between the key's lines, and
    glued to their term by a word joiner so a line break never parts them?"""
    page = render_html(
        "A flood came.", SpanSet(loaded=(LoadedSpan(2, 7, "flood", "emotive-metaphor", "writer", "r", None),))
    )
    css = page[page.index("<style>") : page.index("</style>")]
    assert "vertical-align: super" not in css
    legend_rule = next(line for line in css.splitlines() if line.startswith(".legend {"))
    assert "/2.4" in legend_rule, "the key's lines leave room for wavy and double underlines"
    assert 'flood</span>\u2060<span class="tag">[metaphor]</span>' in page


def test_listing_quotes_without_doubled_marks():
    """Does the terminal listing show a phrase that ends in a quotation without “…”” doubled marks?"""
    text = "He warned of an “invasion.” Then left."
    span = LoadedSpan(16, 27, text[16:27], "emotive-metaphor", "quoted", "war imagery", None)
    listing = render_text(text, SpanSet(loaded=(span,)))
    assert "“‘invasion.’”" in listing and "””" not in listing


def test_reasons_show_on_focus_and_tap_not_only_in_a_tooltip():
    """Does every mark carry its reason where CSS shows it on focus (Tab or tap), with a focus ring?"""
    text = "A flood of 300 came."
    report = SpanSet(
        loaded=(LoadedSpan(2, 7, "flood", "emotive-metaphor", "writer", "water imagery", None),),
        statistics=(StatisticSpan(11, 14, "300", "none", None, "no source given", None, None),),
    )
    page = render_html(text, report)
    assert page.count('data-reason="') == 2 and "water imagery" in page.split('data-reason="')[1]
    assert ".loaded:focus::after" in page and "attr(data-reason)" in page
    assert ".loaded:focus, .stat:focus { outline: 2px" in page
