"""Statistics and their sourcing: numbers and quantity claims, and who stands behind them.

:func:`find_statistics` finds every number or quantity claim in a text and sorts it into one of the
seven sourcing classes of :data:`medialit.schema.SOURCING`, with a reason a student can follow, what
a reader would need to check, and the arithmetic where the text allows it.

What counts as a statistic (see section 2 of ``datasets/ANNOTATION_GUIDE.md``): numbers in digits
("11,754", "11k+", "$5 million", "3%"), number words ("two days", "thousands", "a dozen"), ranges
("between 7,860 and 8,931"), "X of Y" ("191 of 266, 71%"), the qualifiers that belong to the claim
("more than", "an estimated", "roughly"), and vague quantities ("many", "a significant portion",
"the vast majority", "lots of"). Dates, years, ages, times, ordinals, names ("EB-5", "Table 3") and
idioms ("15 minutes of fame") are skipped.

Who stands behind a figure is read from the sentence and its neighbours:

* quotation marks and block quotes (:func:`medialit.detect.quotes.quoted_regions`): a figure inside
  someone's quoted words is credited to the speaker;
* attribution: "according to X", "X said/reported/found/estimated", "said X", "a report by X",
  "in the X report";
* what the source is: a titled document ("the Declined Detainer Report"), an organisation or person
  with a name, a news outlet, the publishing outlet itself (the one the piece names with "told X
  exclusively" or "X has learned", or "we reported"), a role with no name ("the agent", "an
  official"), or words that only sound like a source ("studies show", "an estimated");
* a sentence that carries on from the one before ("Of those, ...", "Another ...") keeps its source.

The cue words live in ``datasets/lexicons/sourcing_cues.csv`` (columns ``cue,kind,note``, every cell
filled), so teachers can add outlets, roles or phrases; :data:`CUE_KINDS` lists the kinds. Rows of the
kinds role, voice, vague-source, document, poll, outlet-noun, org-noun, verb, ambiguous-verb and locator
are single words compared one word at a time; the other kinds may be phrases. Outlet names are matched
with their capitals, everything else ignores case.

Everything works one sentence at a time with precompiled regular expressions, bounded look-arounds and
bounded walks over words, so the time grows linearly with the text. If NLTK's sentence splitter gives
up on a pathological line, a plain split on end marks is used instead.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from ..errors import DataFileError
from ..lexicon import read_table
from ..schema import StatisticSpan
from ..text import TextSpan, normalize, sentence_spans
from .quotes import quoted_regions

__all__ = ["CUE_FILE", "CUE_KINDS", "find_statistics", "sourcing_cues"]

CUE_FILE = "sourcing_cues.csv"
CUE_COLUMNS = ("cue", "kind", "note")

#: The kinds of row ``sourcing_cues.csv`` may hold.
CUE_KINDS: tuple[str, ...] = (
    "outlet",
    "outlet-word",
    "role",
    "voice",
    "vague-source",
    "document",
    "poll",
    "outlet-noun",
    "org-noun",
    "verb",
    "ambiguous-verb",
    "anonymous-phrase",
    "vague-phrase",
    "self-phrase",
    "carry",
    "quantity",
    "size-word",
    "size-noun",
    "quantifier",
    "qualifier",
    "idiom",
    "locator",
)

# Sourcing classes from strongest to weakest: when a sentence credits several sources, the
# strongest one that the figure could rest on is reported.
_RANK = {
    "named-document": 0,
    "named-organization-or-person": 1,
    "other-outlet": 2,
    "self-citation": 3,
    "anonymous": 4,
    "vague": 5,
    "none": 6,
}

# ---------------------------------------------------------------------------------------------
# Fixed word lists (grammar, not topic: teachers extend the CSV instead)
# ---------------------------------------------------------------------------------------------

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_WORD_VALUE: dict[str, float] = {w: float(i) for i, w in enumerate(_UNITS)}
_WORD_VALUE.update({w: float(20 + 10 * i) for i, w in enumerate(_TENS)})
_SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "quarter": 0.25, "fifth": 0.2, "tenth": 0.1}
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_DETERMINERS = frozenset(
    "the a an this that these those its their his her our my your one some any each every".split()
)
_DEFINITE = frozenset("the this that these those its their his her our".split())
_INDEFINITE = frozenset("a an one some any".split())
_PRONOUNS = frozenset("he she they it".split())
_FIRST_PERSON = frozenset("we us our".split())
# Words that end a noun phrase when walking over it.
_STOP = frozenset(
    """
    that which who whom whose and or but nor to of in at for from with by on into onto over under
    about as than if when while because so where how what why is was are were be been being am has
    have had do does did will would could should may might can must shall not no it they he she we
    you i there here then also just only even still yet very too more most less least such own same
    said says say told reported found after before since until during without within across through
    between among against per via up down out off all both either neither each every whether though
    although unless once now ago later earlier
    """.split()
)
# Auxiliaries and adverbs that may stand between a source and its verb ("the agent also said").
_BEFORE_VERB = frozenset(
    """
    also has have had previously recently earlier later reportedly repeatedly publicly once further
    then first now just already still further separately initially originally subsequently again
    """.split()
)
_PASSIVE = frozenset("is was were are be been being get got gets getting".split())
# Words after a number that are not the thing counted.
_TAIL_STOP = _STOP | frozenset(
    """
    a an the this these those its their his her our my your some any each every other others
    percent per cent a.m p.m am pm o'clock last next ago
    """.split()
) - {"more"}
_ADJECTIVE_ENDINGS = tuple("al ic ive ous ent ant ful less ary ible able ish ian ese ed ern ior".split())
_ADJECTIVES = frozenset(
    "new old other additional different extra young small large big major minor high low top key foreign local "
    "federal illegal lawful violent frontline more fewer".split()
)
# Words after "many/some/most" that show the quantifier is not counting anything.
_QUANTIFIER_BLOCKERS = frozenset("likely say believe think way ways time kind sort type thing things".split())
# Head nouns after a definite article that point to a particular earlier report.
_SPECIFIC_DOCS = frozenset(
    """
    report study audit review analysis assessment findings census memo memorandum filing document
    investigation inquiry overview statement paper release survey poll
    """.split()
)

_SPACE = re.compile(r"\s+")
_TOKEN = re.compile(
    r"~+|(?:[A-Za-z]\.){2,}|[$€£¥]?[0-9](?:[0-9,.]*[0-9])?%?|[^\W_](?:[\w'&-]{0,60}[^\W_])?|\S",
)
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_DIGIT_ATOM = re.compile(
    r"(?<![\w$€£¥.,/:#@])"
    r"(?P<cur>[$€£¥])?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]{1,15}(?:\.[0-9]{1,10})?)"
    r"(?P<suf>\s?(?:%|percent\b|per\s?cent\b)|[kK](?![A-Za-z])|\s?(?:bn|BN)(?![A-Za-z])|[mM](?![A-Za-z])"
    r"|\s(?:hundred|thousand|million|billion|trillion)s?\b)?"
    r"(?P<plus>\+)?"
    r"(?![0-9]|[.,][0-9]|[A-Za-z]|/[0-9]|:[0-9]|\([a-z0-9]\))"
)
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS], key=len, reverse=True))
_SCALE_WORD = "hundred|thousand|million|billion|trillion"
_WORD_ATOM = re.compile(
    rf"\b(?=[abdefhmnoqstz])(?:"  # the first letters of all the words below
    rf"(?P<frac>(?:a|one|two|three|four|nine)[- ](?:half|halves|third|thirds|quarter|quarters|fifth|fifths|"
    rf"tenth|tenths))"
    rf"|(?P<num>(?:{_NUMBER_WORD})(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?"
    rf"(?:\s(?:{_SCALE_WORD})){{0,2}}(?:\s(?:and\s)?(?:a\s)?half)?)"
    rf"|(?P<aone>(?:a|one)\s(?:dozen|{_SCALE_WORD})(?:\s(?:{_SCALE_WORD}))?)"
    rf"|(?P<halfa>half\sa\s(?:dozen|{_SCALE_WORD}))"
    rf"|(?P<plural>(?:several|a\sfew|many)\s(?:hundred|thousand|million|billion)"
    rf"|(?:dozens|hundreds|thousands|millions|billions|trillions|tens)"
    rf"(?:\sof\s(?:thousands|millions|billions))?)"
    rf"|(?P<half>half)"
    rf"|(?P<twice>twice|double|triple|quadruple)"
    rf")\b",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(r"[- ](?:year|yr|month|week|day)s?[- ]old\b|\syears?\sold\b|[- ]year-olds?\b", re.I)
_AGE_APPOSITION = re.compile(r"[A-Za-z][\w'.-]{1,30}\s?[,(]\s?$")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s$", re.I)
_TIME_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|GMT\b|EST\b|EDT\b|PST\b|PDT\b)", re.I)
_LETTER_HYPHEN_BEFORE = re.compile(r"[A-Za-z]-$")
_PRECEDING_WORD = re.compile(r"([A-Za-z][A-Za-z'.]{0,20})\.?\s{1,3}$")
_FOLLOWING_WORD = re.compile(r"\s{1,3}([A-Za-z][A-Za-z']{0,20})")
_TAIL_WORD = re.compile(r"\s{1,3}([A-Za-z][A-Za-z'-]{0,30})(?![\w])")
_OR_MORE = re.compile(r"\s{1,3}or\s(?:more|fewer|less|so|higher|lower)\b", re.I)
_OF_PHRASE = re.compile(r"\s{1,3}of(?:\s(?:the|these|those|all|our|its|their))?(?=\s)", re.IGNORECASE)
_GAP_PAREN = re.compile(r"\s{0,2}\(\s{0,2}")
_CLOSE_PAREN = re.compile(r"\s{0,2}\)")
_GAP_OF = re.compile(r"\s{0,2}\)?\s{1,3}(?:out\s)?of\s(?:the\s|a\stotal\sof\s)?", re.I)
_GAP_RANGE = re.compile(r"\s{0,3}(?:and|to|through|-)\s{0,3}", re.I)
_GAP_PCT = re.compile(r"\s{0,2},?\s{0,3}(?:or\s)?", re.I)
_GAP_IN = re.compile(r"\s{1,3}in\s(?:every\s)?", re.I)
_RANGE_OPENER = re.compile(r"\b(?:between|from)\s$", re.I)
_APPROXIMATE = re.compile(
    r"\b(?:more|less|fewer|over|under|nearly|almost|about|around|approx\w*|roughly|close|some|least|most|up|"
    r"just|estimated|average|many|few|much|little|neighbou?rhood|upwards|well|mere|whopping|barely|above|below)\b",
    re.IGNORECASE,
)
_HEADLINE_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
_QUOTE_CHARS = "\"'"
# Words without which no self-introduction can match: a cheap pre-check.
_SELF_INTRO_HINT = re.compile(
    r"(?=[elocrs(©])(?:exclusiv|learn|obtain|confirm|review|seen|reveal|report|copyright|\([cC]\)|©)"
    r"|^[A-Z]{2,}.{0,40}\) ?-",
    re.I,
)


@dataclass(frozen=True)
class _Lexicon:
    """The compiled cue lists."""

    kinds: dict[str, frozenset[str]]
    outlet: re.Pattern[str]
    self_intro: tuple[re.Pattern[str], ...]
    vague_phrase: re.Pattern[str]
    anonymous_phrase: re.Pattern[str]
    self_phrase: re.Pattern[str]
    carry: re.Pattern[str]
    quantity: re.Pattern[str]
    size: re.Pattern[str]
    quantifier: re.Pattern[str]
    qualifier: re.Pattern[str]
    idiom: re.Pattern[str]
    title: re.Pattern[str]
    quoted_title: re.Pattern[str]
    qualifier_ends: frozenset[str]  # the last word of every qualifier

    def has(self, kind: str, word: str) -> bool:
        return word in self.kinds.get(kind, frozenset())


def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted({p for p in phrases if p}, key=lambda p: (-len(p), p))  # ties in a fixed order
    return "|".join(re.escape(p).replace(r"\ ", r"\s{1,3}") for p in ordered)


def _any_of(phrases: Sequence[str]) -> str:
    """A regex matching any of the phrases (longest first), behind the quick first-letters look-ahead."""
    return f"{_ahead(phrases)}(?:{_alternation(phrases)})"


def _ahead(phrases: Sequence[str]) -> str:
    """A look-ahead that every match of the phrases passes: the same matches, but the many places where
    none can start are passed over at once (on the first two letters, when every phrase has them)."""
    phrases = [p for p in phrases if p]
    firsts = "".join(sorted({p[0] for p in phrases}))
    seconds = "".join(sorted({p[1:2] for p in phrases}))
    second = f"[{re.escape(seconds)}]" if all(ch.isalnum() for ch in seconds) else ""
    return f"(?=[{re.escape(firsts)}]{second})" if phrases else ""


def sourcing_cues() -> tuple[dict[str, str], ...]:
    """The rows of ``datasets/lexicons/sourcing_cues.csv``, checked: every kind is known."""
    rows = read_table(CUE_FILE, CUE_COLUMNS)
    for n, row in enumerate(rows, start=2):
        if row["kind"] not in CUE_KINDS:
            raise DataFileError(f"{CUE_FILE}, line {n} ({row['cue']!r}): kind must be one of {CUE_KINDS}")
    return rows


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    kinds: dict[str, set[str]] = {}
    as_written: dict[str, set[str]] = {}  # outlet names keep their capitals for matching
    for row in sourcing_cues():
        kinds.setdefault(row["kind"], set()).add(row["cue"].lower())
        as_written.setdefault(row["kind"], set()).add(row["cue"])

    def get(kind: str) -> list[str]:
        return sorted(as_written.get(kind, ()) if kind.startswith("outlet") else kinds.get(kind, ()))

    outlet_words = _alternation(get("outlet-word"))
    outlet = (
        rf"(?<![\w])(?=[A-Z{re.escape(''.join(sorted({p[0] for p in get('outlet') if p})))}])"
        rf"(?:{_alternation(get('outlet'))}"
        rf"|(?:The\s)?(?:[A-Z][\w&'.-]{{0,30}}\s){{1,3}}(?:{outlet_words}))(?![\w])"
    )
    # The outlet that publishes the piece need not be a famous one: any capitalised name will do here.
    o = r"(?P<outlet>(?:The\s)?[A-Z][\w&'.-]{0,30}(?:\s[A-Z][\w&'.-]{0,30}){0,3})"
    self_intro = (
        rf"\b(?=[st])(?:spoke|spoken|speaking|talked|talking|told|said)\s(?:exclusively\s)?(?:to|with)\s{o}"
        rf"\s(?:exclusively|in\san\sexclusive)",
        rf"\btold\s{o}\sexclusively",
        rf"\bexclusive(?:ly)?\s(?:to|for|with)\s{o}",
        rf"(?=[A-Z]){o}\s(?:has|have)\s(?:learned|learnt|obtained|confirmed|reviewed|seen)\b",
        rf"(?=[A-Z]){o}\s(?:can|could)\s(?:reveal|report|confirm)\b",
        rf"(?:Copyright|\([cC]\)|©)\s?(?:[0-9]{{4}}\s?,?\s?)?{o}",
        rf"^[A-Z][A-Z .,'-]{{1,40}}\s?\({o}\)\s?-",  # a dateline: WASHINGTON (Reuters) -
    )
    doc_words = "Report|Study|Survey|Review|Audit|Assessment|Analysis|Index|Census|Yearbook|Database|Dataset|"
    doc_words += "Factbook|Almanac|Memorandum|Memo|Estimates|Poll|Inquiry|Investigation"
    size_words = _alternation(get("size-word"))
    return _Lexicon(
        kinds={k: frozenset(v) for k, v in kinds.items()},
        outlet=re.compile(outlet),
        self_intro=tuple(re.compile(pattern) for pattern in self_intro),
        vague_phrase=re.compile(rf"\b{_any_of(get('vague-phrase'))}\b", re.IGNORECASE),
        anonymous_phrase=re.compile(
            rf"\b{_any_of(get('anonymous-phrase'))}\b",
            re.IGNORECASE,
        ),
        self_phrase=re.compile(rf"\b{_any_of(get('self-phrase'))}\b", re.IGNORECASE),
        carry=re.compile(rf"[\s\"'(]{{0,3}}(?:{_alternation(get('carry'))})\b", re.IGNORECASE),
        quantity=re.compile(rf"\b{_any_of(get('quantity'))}(?![\w-])", re.IGNORECASE),
        size=re.compile(
            rf"\b(?=a)(?:a|an)\s(?:(?:{size_words})\s){{1,2}}(?:{_alternation(get('size-noun'))})\b",
            re.IGNORECASE,
        ),
        quantifier=re.compile(rf"\b{_any_of(get('quantifier'))}\b", re.IGNORECASE),
        qualifier=re.compile(
            rf"(?:\b{_any_of(get('qualifier'))}\s{{1,3}}){{1,3}}$",
            re.IGNORECASE,
        ),
        idiom=re.compile(rf"(?<![\w]){_any_of(get('idiom'))}(?![\w])", re.IGNORECASE),
        title=re.compile(
            rf"(?<![\w])(?=[A-Z0-9])(?:[A-Z0-9][\w'&-]{{0,30}}\s){{1,6}}(?:{doc_words})(?![\w])"
        ),
        quoted_title=re.compile(
            r"\b(?=[rsapmd])(?:report|study|survey|audit|review|analysis|paper|memo|document|assessment),?\s(?:\w{1,20}\s)?"
            r"(?:titled|entitled|called|named)\s?[:,]?\s{0,3}[\"']",
            re.IGNORECASE,
        ),
        qualifier_ends=frozenset(q.split()[-1] for q in get("qualifier")),
    )


# ---------------------------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------------------------


@dataclass
class _Atom:
    """One number or quantity phrase before merging."""

    start: int
    end: int
    value: float | None
    pct: bool = False
    kind: str = "digits"  # digits, words, share ("a third", "half"), vague
    approx: bool = False
    label: str = ""  # the number's own words, without qualifiers ("3%")


@dataclass
class _Group:
    """Atoms merged into one statistic ("191 of 266, 71%")."""

    start: int
    end: int
    atoms: list[_Atom]
    links: list[str] = field(default_factory=list)  # how atom i+1 joins atom i: of, pct, paren, range, in
    opener: str = ""  # between / from

    @property
    def vague(self) -> bool:
        return all(a.kind == "vague" for a in self.atoms)


@dataclass
class _Attr:
    """A source credited somewhere in a sentence."""

    sourcing: str
    source: str  # the source's words, exactly as in the text
    cue: str  # the words that credit it (for the reason)
    why: str  # why that class, in plain words
    pos: int  # where the cue sits (offset into the text)
    doc: str | None = None  # the document a reader could look up, if known
    refers: str = ""  # "person" (he, she), "body" (it), "doc" (the survey): resolved from earlier sentences
    span: tuple[int, int] = (0, 0)  # where the source's words are
    introduces_doc: bool = False  # names a report, poll or data set that a later "the report" can mean


@dataclass
class _Context:
    """Facts about the whole text that change how a source is read."""

    self_outlets: list[str]
    titles: list[str]
    owners: set[str]
    other_outlets: list[str]


@dataclass
class _Sentence:
    span: TextSpan
    paragraph: int
    masked: str  # normalised, with other people's words replaced by "~"
    headline: bool
    attrs: list[_Attr] = field(default_factory=list)  # sorted by position
    attr_pos: list[int] = field(default_factory=list)
    best: _Attr | None = None  # the strongest of attrs
    decided: _Attr | None = None  # the source its figures were given, for the next sentence


# ---------------------------------------------------------------------------------------------
# The public function
# ---------------------------------------------------------------------------------------------


def find_statistics(text: str, sentences: Sequence[TextSpan] | None = None) -> list[StatisticSpan]:
    """Every number or quantity claim in ``text``, with its sourcing class and a reason.

    ``sentences`` default to :func:`medialit.text.sentence_spans`. Spans are sorted by start, do not
    overlap, and ``text[span.start:span.end] == span.text``.
    """
    if not text or not text.strip():
        return []
    if sentences is None:
        sentences = _sentences(text)
    lex = _lexicon()
    norm = normalize(text)
    regions = quoted_regions(text)
    masked = _mask(norm, regions, lex)
    paragraphs = [m.start() for m in re.finditer(r"\n", text)]
    infos = [
        _Sentence(s, bisect_right(paragraphs, s.start), masked[s.start : s.end], _is_headline(masked, s, i))
        for i, s in enumerate(sentences)
    ]
    ctx = _context(norm, infos, lex)
    for info in infos:
        info.attrs = _attributions(info, ctx, lex)
    _resolve_pronouns(infos)
    for info in infos:
        info.attrs.sort(key=lambda a: a.pos)
        info.attr_pos = [a.pos for a in info.attrs]
        info.best = _best(info.attrs)
    speakers = _quote_speakers(text, regions, infos)
    region_starts = [a for a, _ in regions]

    found: list[StatisticSpan] = []
    numbers: list[tuple[int, int, float]] = []  # (paragraph, position, value) for sum checks
    groups_by_sentence: list[list[_Group]] = []

    for info in infos:
        groups = _candidates(norm, info, lex)
        groups_by_sentence.append(groups)
        for group in groups:
            for atom in group.atoms:
                if atom.kind == "digits" and not atom.pct and atom.value is not None and not atom.approx:
                    numbers.append((info.paragraph, atom.start, atom.value))
    sums = _Sums(numbers)
    for i, (info, groups) in enumerate(zip(infos, groups_by_sentence, strict=True)):
        for group in groups:
            attr, how = _decide(group, i, infos, regions, region_starts, speakers, norm, lex)
            found.append(_span(text, group, attr, how, sums, info.paragraph))
        info.decided = _sentence_decision(info)
    found.sort(key=lambda s: (s.start, -s.end))
    kept: list[StatisticSpan] = []
    for span in found:  # sentences handed in by a caller might overlap; spans must not
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


_SIMPLE_SENTENCE = re.compile(r"[^\n]*?[.!?\u2026]+(?=\s|$)|[^\n]+")


def _sentences(text: str) -> list[TextSpan]:
    """:func:`medialit.text.sentence_spans`, or a plain split on end marks where it gives up.

    NLTK's Punkt guards its own regular expressions with a time limit and raises on some very long
    lines; a detector for classroom texts should still answer.
    """
    try:
        return sentence_spans(text)
    except (TimeoutError, ValueError, RecursionError):
        spans = []
        for match in _SIMPLE_SENTENCE.finditer(text):
            start, end = match.start(), match.end()
            while start < end and text[start].isspace():
                start += 1
            while end > start and text[end - 1].isspace():
                end -= 1
            if end > start:
                spans.append(TextSpan(start, end, text[start:end]))
        return spans


# ---------------------------------------------------------------------------------------------
# Whose words: masking quotations, finding attributions
# ---------------------------------------------------------------------------------------------


def _mask(norm: str, regions: list[tuple[int, int]], lex: _Lexicon) -> str:
    """``norm`` with quoted words replaced by '~' (same length), keeping the quote marks.

    A quotation that opens with an attribution verb ("the OIG “determined ICE released ...")
    keeps that first word, because it is the writer's verb for the speaker.
    """
    pieces: list[str] = []
    last = 0
    verbs = lex.kinds.get("verb", frozenset())
    for a, b in regions:
        if a < last or b <= a:
            continue
        pieces.append(norm[last:a])
        if norm[a] in _QUOTE_CHARS and b - a >= 2:
            inner_start, inner_end = a + 1, b - 1 if norm[b - 1] in _QUOTE_CHARS else b
            match = re.match(r"[a-z]{2,20}\b", norm[inner_start : min(inner_end, inner_start + 24)])
            keep = match.end() if match and match.group() in verbs else 0
            pieces.append(norm[a : inner_start + keep])
            pieces.append("~" * (inner_end - inner_start - keep))
            pieces.append(norm[inner_end:b])
        else:
            pieces.append("~" * (b - a))
        last = b
    pieces.append(norm[last:])
    return "".join(pieces)


def _is_headline(norm: str, s: TextSpan, index: int) -> bool:
    """Title case (most longer words capitalised), as headlines and section headings are."""
    words = _HEADLINE_WORD.findall(norm, s.start, min(s.end, s.start + 400))
    if len(words) < 2:
        return index == 0
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= 0.7 * len(words)


def _context(norm: str, infos: list[_Sentence], lex: _Lexicon) -> _Context:
    self_outlets: list[str] = []
    titles: list[str] = []
    owners: set[str] = set()
    outlets_seen: list[str] = []
    for info in infos:
        m = info.masked
        if _SELF_INTRO_HINT.search(m):
            for pattern in lex.self_intro:
                self_outlets.extend(match.group("outlet") for match in pattern.finditer(m))
        outlets_seen.extend(o.group() for o in lex.outlet.finditer(m))
        if info.headline:
            continue
        sentence_titles = [t.group() for t in lex.title.finditer(m)]
        at = info.span.start
        sentence_titles += [norm[at + q.end() : at + q.end() + 80] for q in lex.quoted_title.finditer(m)]
        sentence_titles = [_clean_title(t) for t in sentence_titles]
        sentence_titles = [t for t in sentence_titles if t]
        if sentence_titles:
            titles.extend(sentence_titles)
            for token in _tokens(m):
                word = token[2]
                if _is_acronym(word) and word not in " ".join(sentence_titles):
                    owners.add(word.lower())
    self_lower = {s.lower() for s in self_outlets}
    other = [o for o in outlets_seen if o.lower() not in self_lower]
    return _Context(self_outlets, titles, owners, other)


def _clean_title(title: str) -> str:
    """A document title without quote marks and leading 'the', 'according to'."""
    title = title.strip().strip("\"'").strip()
    cut = title.find('"')
    if cut > 0:
        title = title[:cut]
    words = title.split()
    while words and words[0].lower() in ("the", "a", "an", "according", "to", "in", "on", "from"):
        words = words[1:]
    return " ".join(words)


def _tokens(s: str) -> list[tuple[int, int, str]]:
    """(start, end, words) of each token. Only white space lies between tokens (any other character is
    a token of its own), so splitting on them and adding up the lengths gives the offsets."""
    pieces = _TOKEN_SPLIT.split(s)  # gap, token, gap, token, ..., gap
    offsets = list(accumulate(map(len, pieces), initial=0))
    return list(zip(offsets[1:-1:2], offsets[2::2], pieces[1::2], strict=True))


def _is_acronym(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and word[0].isalpha()


def _wordlike(word: str) -> bool:
    return word.replace("'", "").replace("-", "").isalpha()


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


@lru_cache(maxsize=65536)
def _low(word: str) -> str:
    low = word.lower()
    for ending in ("'s", "'"):
        if low.endswith(ending) and len(low) > len(ending) + 1:
            return low[: -len(ending)]
    return low


def _noun_kinds(lex: _Lexicon, low: str) -> bool:
    return any(
        lex.has(k, low)
        for k in ("role", "voice", "vague-source", "document", "poll", "outlet-noun", "org-noun")
    )


def _attributions(info: _Sentence, ctx: _Context, lex: _Lexicon) -> list[_Attr]:
    """Every source credited in the writer's own words in one sentence."""
    m = info.masked
    base = info.span.start
    toks = _tokens(m)
    lows = [_low(t[2]) for t in toks]
    attrs: list[_Attr] = []

    def add(
        np: tuple[int, int] | None, cue_index: int, cue: str, kind: str = "", introduces: bool = False
    ) -> None:
        if np is None:
            return
        first, last = np
        end = last
        attr = _classify(info, toks, first, last, ctx, lex, kind)
        if (
            attr is not None
            and attr.sourcing in ("vague", "named-document")
            and (
                lex.has("document", lows[last])
                or lex.has("poll", lows[last])
                or lex.has("outlet-noun", lows[last])
            )
            and last + 2 < len(toks)
            and lows[last + 1] in ("by", "from", "of")
        ):
            # "a statement from the regional field office": whoever issued the document is the source
            author = _np_forward(toks, lows, last + 2, info, lex)
            if author is not None:
                by = _classify(info, toks, author[0], author[1], ctx, lex, kind)
                if by is not None and by.sourcing != "vague" and not (attr.sourcing == "named-document"):
                    by.source = _slice(info, toks, first, author[1])
                    by.introduces_doc = True
                    attr, end = by, author[1]
        if attr is not None:
            attr.cue = cue
            attr.pos = base + toks[cue_index][0]
            attr.span = (base + toks[first][0], base + toks[end][1])
            attr.introduces_doc = attr.introduces_doc or introduces
            attrs.append(attr)

    triggers = _HEADLINE_TRIGGERS if info.headline else _TRIGGERS
    verbs = lex.kinds.get("verb", frozenset())
    for i in [i for i, low in enumerate(lows) if low in triggers or low in verbs]:  # the rest do nothing
        low = lows[i]
        if low == "according" and i + 1 < len(toks) and lows[i + 1] == "to":
            np = _np_forward(toks, lows, i + 2, info, lex)
            if np:
                add(np, i, _slice(info, toks, i, np[1]))
        elif low in ("by", "from", "in") and i + 1 < len(toks):
            np = _np_forward(toks, lows, i + 1, info, lex)
            if not np:
                continue
            head = lows[np[1]]
            before = lows[i - 1] if i else ""
            doc_head = head in _CITED_DOCS or lex.has("poll", head) or lex.has("outlet-noun", head)
            by_source = low == "by" and (
                lex.has("document", before) or lex.has("poll", before) or before in _PARTICIPLES
            )
            if (doc_head and low in ("in", "from")) or by_source:
                add(np, i, _slice(info, toks, i - (1 if by_source else 0), np[1]), introduces=by_source)
        elif (lex.has("verb", low) and toks[i][2][:1].islower()) or (
            low in _HEADLINE_VERBS and info.headline
        ):
            _verb_attribution(info, toks, lows, i, lex, add)
    for match in lex.vague_phrase.finditer(m):
        attrs.append(
            _Attr(
                "vague",
                _orig(info, match.start(), match.end()),
                _orig(info, match.start(), match.end()),
                "it sounds like a source but points to nothing a reader could find",
                base + match.start(),
                span=(base + match.start(), base + match.end()),
            )
        )
    for match in lex.anonymous_phrase.finditer(m):
        # "a source familiar with the matter": the role just before the phrase is the source
        cut = next((x for x, t in enumerate(toks) if t[0] >= match.start()), len(toks))
        roles = [x for x in range(cut - 1, max(cut - 7, -1), -1) if lex.has("role", lows[x])]
        if roles:
            first = roles[0]
            while (
                first > 0
                and first > roles[0] - 3
                and _wordlike(toks[first - 1][2])
                and lows[first - 1] not in _STOP
            ):
                first -= 1
            words = _orig(info, toks[first][0], toks[roles[0]][1])
        else:
            words = _orig(info, match.start(), match.end())
        attrs.append(
            _Attr(
                "anonymous",
                words,
                _orig(info, match.start(), match.end()),
                "the source's name is held back on purpose, so readers cannot check who said it",
                base + match.start(),
            )
        )
    for match in lex.self_phrase.finditer(m):
        words = _orig(info, match.start(), match.end())
        attrs.append(
            _Attr(
                "self-citation",
                words,
                words,
                "the outlet is pointing to its own reporting, not to the data behind it",
                base + match.start(),
            )
        )
    return attrs


_PARTICIPLES = frozenset(
    """
    compiled conducted published released reported estimated commissioned gathered collected produced
    issued provided obtained counted calculated cited confirmed documented tracked measured
    """.split()
)
# "in the report", "from Census data": documents a figure can be found in (not "in a statement").
_CITED_DOCS = (_SPECIFIC_DOCS - {"statement", "release", "overview"}) | frozenset(
    "data figures statistics records numbers estimates database dataset survey poll".split()
)
_SPEECH_VERBS = frozenset(
    "said say says told estimated estimate estimates reported counted warned argue argued".split()
)
_HEADLINE_VERBS = frozenset("say says show shows find finds reveal reveals".split())
# Words that can open an attribution, besides the lexicon's verbs.
_TRIGGERS = frozenset(("according", "by", "from", "in"))
_HEADLINE_TRIGGERS = _TRIGGERS | _HEADLINE_VERBS


def _slice(info: _Sentence, toks: list[tuple[int, int, str]], first: int, last: int) -> str:
    return _orig(info, toks[first][0], toks[last][1])


def _orig(info: _Sentence, a: int, b: int) -> str:
    return info.span.text[a:b]


def _verb_attribution(info, toks, lows, i, lex, add) -> None:
    """'X said', 'said X', '... and found' (the subject is the sentence's subject)."""
    low = lows[i]
    nxt = lows[i + 1] if i + 1 < len(toks) else ""
    if lex.has("ambiguous-verb", low) and not (
        nxt
        in ("that", "how", "what", "a", "an", "more", "some", "many", "nearly", "about", "over", "roughly")
        or nxt[:1].isdigit()
        or nxt in (",", ":", '"', "'", ".", "")
        or nxt.startswith("~")
    ):
        return
    j = i - 1
    skipped = 0
    while j >= 0 and lows[j] in _BEFORE_VERB and skipped < 3:
        j -= 1
        skipped += 1
    if j >= 0 and lows[j] in _PASSIVE:
        if nxt == "by":
            np = _np_forward(toks, lows, i + 2, info, lex)
            if np:
                add(np, i, _slice(info, toks, i, np[1]))
        return
    np = _np_backward(toks, lows, j, info, lex)
    if np is None and j >= 0 and low in _SPEECH_VERBS and toks[j][2].islower() and _plural_like(toks[j][2]):
        np = _np_backward(toks, lows, j, info, lex, group=True)  # "organizers said", "residents say"
    if np:
        add(np, i, _slice(info, toks, np[0], i))
        return
    before = toks[j][2] if j >= 0 else ""
    if before in (",", '"', "'", ":", "-") or before.startswith("~"):
        np = _np_forward(toks, lows, i + 1, info, lex)
        if np and (lows[i + 1] in _DETERMINERS or _is_cap(toks[i + 1][2])):
            add(np, i, _slice(info, toks, i, np[1]))
            return
    if j >= 0 and (lows[j] == "and" or lows[j].endswith("ly") or before in ('"', "'")):
        np = _sentence_subject(toks, lows, info, lex, i)
        if np:
            add(np, i, _slice(info, toks, np[0], np[1]) + " ... " + toks[i][2])


def _head_ok(word: str, low: str, lex: _Lexicon) -> bool:
    if low in _DETERMINERS or (low in _STOP and low not in _PRONOUNS):
        return False
    return (
        _is_cap(word)
        or word == ")"
        or _noun_kinds(lex, low)
        or low in _PRONOUNS
        or low in _FIRST_PERSON
        or lex.has("outlet-word", low)
    )


def _np_backward(
    toks, lows, j: int, info: _Sentence, lex: _Lexicon, group: bool = False
) -> tuple[int, int] | None:
    """The noun phrase that ends at token ``j`` (a source before its verb), or None.

    ``group`` lets any plural noun be the head ("organizers said"), not only the lexicon's.
    """
    if j < 0:
        return None
    word = toks[j][2]
    if not (_head_ok(word, lows[j], lex) or group) or word.startswith("~"):
        return None
    if lows[j] in _PRONOUNS or lows[j] in _FIRST_PERSON:
        return (j, j)
    k = j - 1
    if word == ")":  # "the Office of Inspector General (OIG) found"
        opening = next((x for x in range(j - 1, max(j - 5, -1), -1) if toks[x][2] == "("), None)
        if opening is None or opening == 0 or not _is_cap(toks[opening - 1][2]):
            return None
        k = opening - 1
    lowercase = 0
    while k >= 0 and j - k < 12:
        w, low = toks[k][2], lows[k]
        if low in _DETERMINERS:
            k -= 1
            break
        if w == ")":
            opening = next((x for x in range(k - 1, max(k - 5, -1), -1) if toks[x][2] == "("), None)
            if opening is None:
                break
            k = opening - 1
            continue
        if w.startswith("~") or not (w[:1].isalnum()):
            break
        if _is_cap(w) or w[:1].isdigit():
            k -= 1
            continue
        if low in ("and", "&", "of") and k > 0 and _is_cap(toks[k - 1][2]) and _is_cap(toks[k + 1][2]):
            k -= 1
            continue
        if low in _STOP or low in _BEFORE_VERB or lowercase >= 3 or not _wordlike(w):
            break
        lowercase += 1
        k -= 1
    first = k + 1
    # A sentence-opening word that is not part of a name ("In", "Now") is not part of the source.
    while first < j and toks[first][2][:1].isupper() and lows[first] in _STOP:
        first += 1
    return (first, j)


def _np_forward(toks, lows, i: int, info: _Sentence, lex: _Lexicon) -> tuple[int, int] | None:
    """The noun phrase that starts at token ``i`` ("according to [the Declined Detainer Report]")."""
    n = len(toks)
    if i >= n:
        return None
    k = i
    if lows[k] in _DETERMINERS:
        k += 1
    last = None
    lowercase = 0
    while k < n and k - i < 12:
        w, low = toks[k][2], lows[k]
        if w == "(":
            closing = next((x for x in range(k + 1, min(k + 5, n)) if toks[x][2] == ")"), None)
            if closing is None or last is None:
                break
            last = closing
            k = closing + 1
            continue
        if w.startswith("~") or not w[:1].isalnum():
            break
        if k > i and low in _DETERMINERS:
            break
        if _is_cap(w) and low in _STOP and last is None:
            return None  # "In its findings": an opening phrase, not a source
        if _is_cap(w) or (w[:1].isdigit() and (last is not None or (k + 1 < n and _is_cap(toks[k + 1][2])))):
            last = k
            k += 1
            continue
        if (
            low in ("and", "&", "of")
            and last is not None
            and k + 1 < n
            and (_is_cap(toks[k + 1][2]) or (lows[k + 1] == "the" and k + 2 < n and _is_cap(toks[k + 2][2])))
        ):
            k += 1
            continue
        if (
            low == "of"
            and last is not None
            and k + 2 < n
            and lows[k + 1] in _DEFINITE
            and lex.has("document", lows[k + 2])
            and lex.has("locator", lows[last])
        ) or (
            low == "of"
            and last is not None
            and k + 2 < n
            and lows[k + 1] in _DEFINITE
            and lex.has("document", lows[k + 2])
            and _is_cap(toks[last][2])
            and len(toks[last][2]) <= 3
        ):
            last = k + 2  # "Table B of the report", "page 14 of the study"
            break
        if low in _STOP or lowercase >= 4 or not _wordlike(w):
            break
        lowercase += 1
        last = k
        k += 1
        if _noun_kinds(lex, low) and not (k < n and (_is_cap(toks[k][2]) or _noun_kinds(lex, lows[k]))):
            break  # the head noun: "the office", "an ... officer"
    if last is None:
        return None
    if not _head_ok(toks[last][2], lows[last], lex):
        return None
    return (i, last)


def _sentence_subject(toks, lows, info: _Sentence, lex: _Lexicon, verb: int) -> tuple[int, int] | None:
    """The subject at the start of the sentence, after an opening phrase such as 'In its findings,'."""
    starts = [0]
    comma = next((x for x in range(min(len(toks), 10)) if toks[x][2] == ","), None)
    if comma is not None:
        starts.insert(0, comma + 1)
    for start in starts:
        if start >= verb:
            continue
        np = _np_forward(toks, lows, start, info, lex)
        if np and np[1] < verb:
            head = lows[np[1]]
            if _noun_kinds(lex, head) or (_is_cap(toks[np[1]][2]) and not (np[0] == 0 and head in _STOP)):
                return np
    return None


def _classify(info: _Sentence, toks, first: int, last: int, ctx: _Context, lex: _Lexicon, kind: str):
    """Which sourcing class the noun phrase toks[first..last] is, with a reason; None if not a source."""
    source = _slice(info, toks, first, last)
    np_norm = info.masked[toks[first][0] : toks[last][1]]
    words = [t[2] for t in toks[first : last + 1]]
    if any(w[:1].isdigit() and not (len(w) == 4 and w.isdigit()) for w in words):
        return None  # "the 500 people surveyed" is a statistic, not a source
    lows = [_low(w) for w in words]
    head = lows[-1]
    pos = info.span.start + toks[first][0]

    def attr(
        sourcing: str, why: str, doc: str | None = None, refers: str = "", introduces: bool = False
    ) -> _Attr:
        return _Attr(sourcing, source, "", why, pos, doc, refers, introduces)

    if head in _PRONOUNS and len(lows) == 1:
        if head == "it":
            return attr("vague", f"“{source}” does not say who or what this is", refers="body")
        return attr(
            "anonymous", f"“{source}” is not named, so readers cannot check who said it", refers="person"
        )
    if lows[0] in _FIRST_PERSON:
        return attr("self-citation", "the writer's own outlet is citing itself, not the data behind it")
    for own in ctx.self_outlets:
        if own.lower() in np_norm.lower():
            return attr(
                "self-citation", f"{source} appears to be the outlet that published this piece, citing itself"
            )
    outlet = lex.outlet.search(np_norm)
    if outlet and not lex.has("poll", head):
        return attr(
            "other-outlet",
            f"{outlet.group()} is another news outlet, so the figure rests on its reporting",
            doc=f"{outlet.group()}'s original report",
        )
    headline = info.headline
    proper = [
        i
        for i, w in enumerate(words)
        if (_is_acronym(w) or (_is_cap(w) and not (headline and _noun_kinds(lex, lows[i]))))
        and not (
            toks[first + i][0] == 0
            and (lows[i] in _STOP or lows[i] in _DETERMINERS or _noun_kinds(lex, lows[i]))
        )
        and lows[i] not in _MONTHS
    ]
    named = [i for i in proper if i != len(words) - 1 or not _noun_kinds(lex, head)]
    title = lex.title.search(np_norm) if not headline else None
    if title or any(lows[i] in ("table", "page", "section", "chapter", "figure") for i in proper):
        return attr(
            "named-document",
            "a document with a name that a reader could look up",
            doc=source,
            introduces=True,
        )
    determiner = lows[0] if lows[0] in _DETERMINERS else ""
    first_title = ctx.titles[0].rstrip(".") if ctx.titles else None
    if first_title and len(first_title) > 60:
        first_title = first_title[:57].rstrip() + "…"
    doc_hint = f"the report the article names (“{first_title}”)" if first_title else None
    owner_doc = f"the report by {_mid(source)}" + (f" (“{first_title}”)" if first_title else "")
    organisation_name = _is_cap(words[-1]) and not headline and any(lex.has("org-noun", w) for w in lows)
    if (lex.has("document", head) or lex.has("poll", head)) and not organisation_name:
        if named:
            if lex.has("poll", head):
                return attr(
                    "named-organization-or-person",
                    "it names who ran the poll, but not which poll, its date or its question",
                    doc=_mid(source),
                    introduces=True,
                )
            return attr(
                "named-document",
                "it names whose report or data this is, so a reader could look it up",
                doc=source,
                introduces=True,
            )
        if determiner in _DEFINITE and head in _SPECIFIC_DOCS:
            if ctx.titles:
                return attr("named-document", "it points back to the report the article names", doc=doc_hint)
            if ctx.other_outlets:
                return attr(
                    "other-outlet",
                    "it points back to another outlet's report",
                    doc=f"the original report by {ctx.other_outlets[0]}",
                )
            return attr("vague", "it points back to a report, but the text never says whose", refers="doc")
        if ctx.titles and determiner in _INDEFINITE | _DEFINITE:
            return attr("named-document", "the article names this report elsewhere", doc=doc_hint)
        return attr("vague", "it does not say whose report, study or data this is, so nobody could find it")
    if lex.has("outlet-noun", head):
        if ctx.other_outlets:
            return attr(
                "other-outlet",
                "it points to another news outlet's reporting",
                doc=f"the original piece in {ctx.other_outlets[0]}",
            )
        return attr("vague", "it does not say which outlet or piece this is")
    roles = [i for i, w in enumerate(lows) if lex.has("role", w) or lex.has("voice", w)]
    if roles:
        r = roles[-1]
        after = words[r + 1 :]
        if after and (_is_cap(after[0]) or re.match(r"(?:[A-Za-z]\.){2,}", after[0])):
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        if lex.has("voice", lows[r]) and named:
            return attr("named-organization-or-person", "the organisation speaking is named, but no document")
        return attr("anonymous", f"no name is given for {_mid(source)}, so readers cannot check who said it")
    if lex.has("vague-source", head):
        if named:
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        return attr("vague", "it sounds like a source but names nobody a reader could find")
    if lex.has("org-noun", head) and not named:
        if determiner in _DEFINITE:
            if ctx.owners:
                return attr(
                    "named-document", "it is the body whose named report the article cites", doc=owner_doc
                )
            return attr(
                "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
            )
        return attr("vague", "it does not say which organisation this is")
    if not named and not _is_cap(words[-1]) and _plural_like(words[-1]):
        return attr("anonymous", f"no name is given for {_mid(source)}, so readers cannot check who said it")
    if named or _is_cap(words[-1]):
        acronyms = {w.lower() for w in words if _is_acronym(w)}
        if acronyms & ctx.owners:
            return attr(
                "named-document", "it is the body whose named report the article cites", doc=owner_doc
            )
        if len(words) == 1 and toks[first][0] == 0 and head.endswith("s") and not _is_acronym(words[0]):
            return attr("vague", "a whole group is given as the source, with nobody named")
        return attr(
            "named-organization-or-person", f"{_mid(source)} is named, but no document is given to check"
        )
    return None


def _resolve_pronouns(infos: list[_Sentence]) -> None:
    """'He said' takes the class of the last speaker, 'it found' of the last body, 'the survey' of the last
    named survey or report, a few sentences back."""
    last: dict[str, tuple[_Attr, int]] = {}
    reach = {"person": 5, "body": 5, "doc": 10}
    for i, info in enumerate(infos):
        for attr in sorted(info.attrs, key=lambda a: a.pos):
            if attr.refers:
                earlier = last.get(attr.refers)
                if earlier is not None and i - earlier[1] <= reach[attr.refers]:
                    before = earlier[0]
                    attr.sourcing = before.sourcing
                    attr.why = f"“{attr.source}” refers back to {_mid(before.source)}: {before.why}"
                    attr.doc = before.doc
                continue
            if attr.sourcing in ("named-organization-or-person", "anonymous"):
                last["person"] = (attr, i)
            if attr.sourcing in ("named-organization-or-person", "named-document", "other-outlet"):
                last["body"] = (attr, i)
            if attr.introduces_doc:
                last["doc"] = (attr, i)


def _best(attrs: list[_Attr]) -> _Attr | None:
    return min(attrs, key=lambda a: (_RANK[a.sourcing], a.pos)) if attrs else None


def _quote_speakers(text: str, regions, infos: list[_Sentence]) -> dict[int, _Attr]:
    """For each quoted region (by index), the attribution of whoever speaks it."""
    starts = [info.span.start for info in infos]
    speakers: dict[int, _Attr] = {}
    line_attr: dict[int, _Attr | None] = {}
    for r, (a, b) in enumerate(regions):
        first = max(bisect_right(starts, a) - 1, 0)
        last = max(bisect_right(starts, max(b - 1, a)) - 1, 0)
        if first >= len(infos):
            continue
        block = text[a] not in "\"'\u201c\u201d\u2018\u2019"
        chosen: _Attr | None = None
        if block:
            chosen = _block_speaker(infos, first, line_attr)
        else:
            near = [x for x in sorted({first, last}) if x < len(infos)]
            options = [_nearest(infos[x], a, b) for x in near]
            options = [o for o in options if o is not None]
            chosen = (
                min(options, key=lambda att: min(abs(att.pos - b), abs(a - att.pos))) if options else None
            )
            if chosen is None:
                para = infos[first].paragraph
                around = [x for x in range(first - 1, max(first - 4, -1), -1) if infos[x].paragraph == para]
                around += [
                    x for x in range(last + 1, min(last + 3, len(infos))) if infos[x].paragraph == para
                ]
                for x in around:
                    chosen = _nearest(infos[x], a, b)
                    if chosen is not None:
                        break
        if chosen is not None:
            speakers[r] = chosen
    return speakers


def _nearest(info: _Sentence, a: int, b: int) -> _Attr | None:
    """The attribution in ``info`` closest to the quotation a..b."""
    attrs = info.attrs
    if not attrs:
        return None
    before = bisect_right(info.attr_pos, a)
    after = bisect_right(info.attr_pos, b)
    picks = attrs[max(before - 1, 0) : before + 1] + attrs[max(after - 1, 0) : after + 1]
    return min(picks, key=lambda att: min(abs(att.pos - b), abs(a - att.pos)))


def _block_speaker(infos: list[_Sentence], first: int, cache: dict[int, _Attr | None]) -> _Attr | None:
    """A block quote's speaker: the writer's line that introduces it with a colon, a few lines up."""
    para = infos[first].paragraph
    x = first - 1
    while x >= max(first - 60, 0) and infos[x].paragraph >= para - 6:
        info = infos[x]
        if info.paragraph < para and info.span.text.rstrip().endswith(":"):
            if x not in cache:
                cache[x] = max(info.attrs, key=lambda att: att.pos) if info.attrs else None
            return cache[x]
        x -= 1
    return None


def _sentence_decision(info: _Sentence) -> _Attr | None:
    return info.decided if info.decided is not None else info.best


def _decide(
    group: _Group, i: int, infos, regions, region_starts, speakers, norm, lex
) -> tuple[_Attr | None, str]:
    """Who stands behind one statistic, and how we know: quote, sentence, carry, next, estimated, none."""
    info = infos[i]
    r = bisect_right(region_starts, group.start) - 1
    if r >= 0 and regions[r][0] <= group.start and group.end <= regions[r][1] and r in speakers:
        chosen = speakers[r]
        info.decided = info.decided or chosen
        return chosen, "quote"
    best = info.best
    if best is not None and best.span[0] < group.end and group.start < best.span[1]:
        # "two-thirds of respondents said": the people counted are not the source of the count
        others = [a for a in info.attrs[:50] if not (a.span[0] < group.end and group.start < a.span[1])]
        best = _best(others)
    if best is not None:
        info.decided = info.decided or best
        return best, "sentence"
    if i > 0 and infos[i - 1].paragraph == info.paragraph and lex.carry.match(info.masked):
        previous = _sentence_decision(infos[i - 1])
        if previous is not None:
            info.decided = previous
            return previous, "carry"
    if (
        i + 1 < len(infos)
        and infos[i + 1].paragraph == info.paragraph
        and lex.carry.match(infos[i + 1].masked)
    ):
        following = infos[i + 1].best
        if following is not None:
            return following, "next"
    estimate = re.search(r"\b(?:an\s)?estimated\b", norm[group.start : group.end], re.IGNORECASE)
    if estimate:
        words = _orig(
            info,
            group.start - info.span.start + estimate.start(),
            group.start - info.span.start + estimate.end(),
        )
        return _Attr("vague", words, words, "", group.start + estimate.start()), "estimated"
    return None, "none"


# ---------------------------------------------------------------------------------------------
# Finding the numbers and quantities
# ---------------------------------------------------------------------------------------------


def _candidates(norm: str, info: _Sentence, lex: _Lexicon) -> list[_Group]:
    """The statistics in one sentence, merged and without idioms."""
    a0, b0 = info.span.start, info.span.end
    atoms: list[_Atom] = []
    for match in _DIGIT_ATOM.finditer(norm, a0, b0):
        atom = _digit_atom(norm, match, a0, lex)
        if atom is not None:
            atoms.append(atom)
    for match in _WORD_ATOM.finditer(norm, a0, b0):
        atom = _word_atom(norm, match, a0, b0, lex)
        if atom is not None:
            atoms.append(atom)
    atoms.sort(key=lambda a: (a.start, -a.end))
    groups = _merge_atoms(norm, atoms, a0, b0)
    for atom in _vague_atoms(norm, a0, b0, lex):
        groups.append(_Group(atom.start, atom.end, [atom]))
    idioms = [(m.start(), m.end()) for m in lex.idiom.finditer(norm, a0, b0)]
    if idioms:
        idiom_starts = [a for a, _ in idioms]
        reach = []  # the furthest end of any idiom so far
        for _, b in idioms:
            reach.append(max(b, reach[-1]) if reach else b)
        kept = []
        for g in groups:
            x = bisect_right(idiom_starts, g.end - 1) - 1  # the last idiom starting before the group ends
            if x >= 0 and reach[x] > g.start:
                continue
            kept.append(g)
        groups = kept
    groups.sort(key=lambda g: (g.start, -g.end))
    merged: list[_Group] = []
    for group in groups:
        if merged and group.start < merged[-1].end:
            last = merged[-1]
            if group.end > last.end:
                last.end = group.end
            if not last.links and group.links:
                last.atoms, last.links, last.opener = group.atoms, group.links, group.opener
            elif last.vague and not group.vague:
                last.atoms = [*group.atoms, *last.atoms]
            continue
        merged.append(group)
    for group in merged:
        while group.end > group.start and norm[group.end - 1] in " ,;:-(":
            group.end -= 1
    return [g for g in merged if g.end > g.start]


def _qualified_start(norm: str, start: int, a0: int, lex: _Lexicon) -> tuple[int, bool]:
    """Move ``start`` back over qualifiers that belong to the claim ("more than", "an estimated")."""
    window = norm[max(a0, start - 60) : start]
    last_word = window.rstrip().rpartition(" ")[2].lower()
    if last_word not in lex.qualifier_ends:
        return start, False
    match = lex.qualifier.search(window)
    if not match:
        return start, False
    return start - (len(window) - match.start()), bool(_APPROXIMATE.search(match.group()))


def _preceding_word(norm: str, start: int, a0: int) -> str:
    window = norm[max(a0, start - 24) : start]
    # A match holds no white space before its last 1-3 characters, so it starts in the last word.
    words = window.rstrip()
    last = words.rsplit(None, 1)[-1] if words else ""
    match = _PRECEDING_WORD.search(window, len(words) - len(last))
    return match.group(1).lower().rstrip(".") if match else ""


def _following_word(norm: str, end: int, b0: int) -> str:
    match = _FOLLOWING_WORD.match(norm, end, b0)
    return match.group(1).lower() if match else ""


def _digit_atom(norm: str, match: re.Match[str], a0: int, lex: _Lexicon) -> _Atom | None:
    start, end = match.start(), match.end()
    digits, suffix = match.group("num"), (match.group("suf") or "").strip().lower()
    before = norm[max(a0, start - 2) : start]
    if _LETTER_HYPHEN_BEFORE.search(before):
        return None  # a name such as EB-5 or COVID-19
    plain = "," not in digits and "." not in digits and not match.group("cur") and not suffix
    value = float(digits.replace(",", ""))
    previous = _preceding_word(norm, start, a0)
    following = _following_word(norm, end, len(norm))
    if plain and len(digits) == 4 and 1800 <= value <= 2199:
        qualified, _ = _qualified_start(norm, start, a0, lex)
        if qualified == start or previous in ("past", "last", "next", "the"):
            return None  # a year
    if previous in _MONTHS or previous in _WEEKDAYS or (plain and value <= 31 and following in _MONTHS):
        return None  # a date
    if plain and lex.has("locator", previous) and previous not in ("number",):
        return None  # Table 3, page 14, Title 42
    if previous in ("no", "nos", "#") and plain:
        return None
    if _AGE_AFTER.match(norm, end) or _AGE_BEFORE.search(norm[max(a0, start - 8) : start]):
        return None
    if plain and (_TIME_AFTER.match(norm, end) or norm[end : end + 1] == ":"):
        return None
    if plain and start > 0 and norm[start - 1] == "(" and norm[end : end + 1] == ")" and value < 10:
        return None  # a list marker: (1)
    if (
        plain
        and value <= 120
        and norm[end : end + 1] in ",)"
        and _AGE_APPOSITION.search(norm[max(a0, start - 40) : start])
    ):
        return None  # "The senator, 64, said": an age
    pct = suffix in ("%", "percent", "per cent", "percent") or suffix.startswith("per")
    if suffix in ("k",):
        value *= 1e3
    elif suffix in ("m",):
        value *= 1e6
    elif suffix == "bn":
        value *= 1e9
    elif suffix.rstrip("s") in _SCALES:
        value *= _SCALES[suffix.rstrip("s")]
    new_start, approx = _qualified_start(norm, start, a0, lex)
    approx = approx or bool(match.group("plus"))
    return _Atom(new_start, end, value, pct=pct, kind="digits", approx=approx, label=norm[start:end])


def _word_value(phrase: str) -> float | None:
    words = re.findall(r"[a-z]+", phrase.lower())
    total, current = 0.0, 0.0
    seen = False
    for w in words:
        if w in _WORD_VALUE:
            current += _WORD_VALUE[w]
            seen = True
        elif w in ("a", "one") and not seen:
            current = 1.0
            seen = True
        elif w in ("dozen",):
            current = (current or 1) * 12
        elif w in _SCALES:
            current = (current or 1) * _SCALES[w]
            if _SCALES[w] >= 1e3:
                total, current = total + current, 0.0
        elif w == "half":
            current += 0.5
            seen = True
    value = total + current
    return value if seen or value else None


def _word_atom(norm: str, match: re.Match[str], a0: int, b0: int, lex: _Lexicon) -> _Atom | None:
    start, end = match.start(), match.end()
    phrase = match.group().lower()
    previous = _preceding_word(norm, start, a0)
    following = _following_word(norm, end, b0)
    if _AGE_AFTER.match(norm, end) or _LETTER_HYPHEN_BEFORE.search(norm[max(a0, start - 2) : start]):
        return None
    if lex.has("locator", previous) and _is_cap(norm[start]):
        return None
    value: float | None
    kind = "words"
    if match.group("num"):
        if phrase == "one" and not re.match(r"\s(?:in|out\sof)\s", norm[end : end + 9]):
            return None  # "one" is usually a pronoun or "a": one such example, one American citizen
        value = _word_value(phrase)
    elif match.group("aone") or match.group("halfa"):
        value = _word_value(phrase)
    elif match.group("plural"):
        if phrase == "tens":
            return None
        value = None
        kind = "vague"
    elif match.group("frac"):
        if previous == "and" or not (
            following in ("of", "are", "were", "is", "was", "have", "had", "say", "said", "")
            or norm[end : end + 1] in ",.;"
        ):
            return None
        num, den = re.split(r"[- ]", phrase, maxsplit=1)
        value = (_word_value(num) or 1) * _FRACTIONS.get(den.rstrip("s").replace("halve", "half"), 0) * 100
        kind = "share"
    elif match.group("half"):
        qualified, _ = _qualified_start(norm, start, a0, lex)
        if following not in ("of", "the") and qualified == start:
            return None
        value = 50.0
        kind = "share"
    else:  # twice, double
        if following not in ("as", "the"):
            return None
        value = None
        kind = "vague"
    new_start, approx = _qualified_start(norm, start, a0, lex)
    return _Atom(new_start, end, value, kind=kind, approx=approx, label=norm[start:end])


def _merge_atoms(norm: str, atoms: list[_Atom], a0: int, b0: int) -> list[_Group]:
    """Join atoms that make one claim: '11,754 (3%) of 339,478', 'between 7,860 and 8,931'."""
    groups: list[_Group] = []
    for atom in atoms:
        if groups and atom.start < groups[-1].end:
            continue  # the same words found twice (a word atom inside a longer one)
        if groups and _link(norm, groups[-1], atom):
            continue
        opener = _RANGE_OPENER.search(norm[max(a0, atom.start - 10) : atom.start])
        groups.append(
            _Group(atom.start, atom.end, [atom], opener=opener.group().strip().lower() if opener else "")
        )
    for group in groups:
        if "range" in group.links and group.opener:
            group.start -= len(group.opener) + 1
        _add_tail(norm, group, b0)
    return groups


def _numeric(atom: _Atom) -> bool:
    """A count that arithmetic can use (not "many", not a share such as "a third")."""
    return atom.kind in ("digits", "words") and atom.value is not None


def _link(norm: str, group: _Group, atom: _Atom) -> bool:
    if len(group.atoms) >= 4:
        return False
    last = group.atoms[-1]
    gap = norm[group.end : atom.start]
    if len(gap) > 14:
        return False
    kind = ""
    if atom.pct and _GAP_PAREN.fullmatch(gap):
        close = _CLOSE_PAREN.match(norm, atom.end)
        if close:
            group.atoms.append(atom)
            group.links.append("paren")
            group.end = close.end()
            return True
    if (
        _numeric(last)
        and _numeric(atom)
        and not atom.pct
        and _GAP_OF.fullmatch(gap)
        and "of" not in group.links
    ):
        kind = "of"
    elif (
        atom.pct
        and not last.pct
        and _numeric(last)
        and _GAP_PCT.fullmatch(gap)
        and ("," in gap or "or" in gap)
    ):
        kind = "pct"
    elif _numeric(last) and _numeric(atom) and not atom.pct and _GAP_IN.fullmatch(gap):
        kind = "in"
    elif (
        _numeric(last)
        and _numeric(atom)
        and last.pct == atom.pct
        and _GAP_RANGE.fullmatch(gap)
        and (group.opener or gap.strip() in ("-", "to", "through"))
        and not group.links
    ):
        if gap.strip().lower() == "and" and group.opener != "between":
            return False
        kind = "range"
        if gap.strip() == "-" and not group.opener and (last.value or 0) > (atom.value or 0):
            kind = "score"  # a vote or a score (7-2), not a range
    if not kind:
        return False
    group.atoms.append(atom)
    group.links.append(kind)
    group.end = atom.end
    return True


def _add_tail(norm: str, group: _Group, b0: int) -> None:
    """Take in the thing counted: '15 individuals', '200 bodies or more', 'half of Americans'."""
    end = group.end
    last = group.atoms[-1]
    if last.pct or last.kind in ("vague", "share"):
        of = _OF_PHRASE.match(norm, end, b0)
        if of:
            after = _noun_phrase_end(norm, of.end(), b0, capital_ok=True)
            if after > of.end():
                end = after
    if end == group.end:
        end = _noun_phrase_end(norm, end, b0)
    more = _OR_MORE.match(norm, end, b0)
    if more:
        end = more.end()
    group.end = end


def _adjective_like(low: str) -> bool:
    return low in _ADJECTIVES or "-" in low or (low.endswith(_ADJECTIVE_ENDINGS) and not _plural_like(low))


def _noun_phrase_end(norm: str, end: int, b0: int, capital_ok: bool = False) -> int:
    """Where the noun after a number ends: 'days', 'illegal immigrants', 'additional thousands'.

    Up to two describing words and then a noun; a phrase that stops on a describing word ("numerous
    innocent American lives") keeps only what came before it.
    """
    noun_end = end
    for _ in range(3):
        word = _TAIL_WORD.match(norm, end, b0)
        if not word:
            break
        w = word.group(1)
        low = w.lower()
        if not (w[0].islower() or capital_ok) or low in _TAIL_STOP or low in _MONTHS or low.endswith("ly"):
            break
        end = word.end()
        if not _adjective_like(low):
            return end
        capital_ok = False
    return noun_end


_PLURAL_LIKE = frozenset("people children men women police staff personnel families folks cattle".split())


def _plural_like(word: str) -> bool:
    low = word.lower()
    return low in _PLURAL_LIKE or (
        low.endswith("s") and not low.endswith(("ss", "ous", "is", "us", "ics")) and len(low) > 3
    )


def _vague_atoms(norm: str, a0: int, b0: int, lex: _Lexicon) -> list[_Atom]:
    """Quantities without a number: 'many', 'a significant portion', 'lots of', 'the vast majority'."""
    found: list[_Atom] = []
    for match in lex.quantity.finditer(norm, a0, b0):
        phrase = match.group().lower()
        following = _following_word(norm, match.end(), b0)
        if phrase.endswith(("majority", "minority")) and not (
            following
            in ("of", "are", "were", "is", "was", "have", "had", "say", "said", "agree", "support", "")
            or norm[match.end() : match.end() + 1] in ",.;"
        ):
            continue
        found.append(_vague(norm, match.start(), match.end(), a0, b0, lex))
    for match in lex.size.finditer(norm, a0, b0):
        found.append(_vague(norm, match.start(), match.end(), a0, b0, lex))
    for match in lex.quantifier.finditer(norm, a0, b0):
        word = match.group().lower()
        previous = _preceding_word(norm, match.start(), a0)
        following_match = _FOLLOWING_WORD.match(norm, match.end(), b0)
        following = following_match.group(1) if following_match else ""
        low_following = following.lower()
        if low_following in _QUANTIFIER_BLOCKERS:
            continue
        if word == "many" and previous in ("however", "that", "as"):
            continue  # "however many officers", "that many fewer people": not a claim about how many
        if norm[match.end() : match.end() + 2].strip()[:1].isdigit():
            continue  # "some 5,000": a qualifier, found with the number
        if word in ("some", "most", "few", "fewer"):
            if word == "most" and previous in ("the", "at", "what", "which", "is", "are", "was", "were"):
                continue
            if word in ("few", "fewer") and previous in ("a", "many", "much", "far", "no"):
                continue
            verbs = ("are", "were", "have", "had", "say", "said", "agree", "believe", "do", "did")
            second = _FOLLOWING_WORD.match(norm, following_match.end(), b0) if following_match else None
            adjective_then_plural = (
                second is not None
                and low_following not in _STOP
                and not _plural_like(following)
                and _plural_like(second.group(1))
                and second.group(1).lower() not in _STOP
            )
            if not (
                low_following == "of"
                or _plural_like(following)
                or (word == "most" and low_following in verbs)
                or adjective_then_plural
            ):
                continue
        elif word in ("dozens", "hundreds", "thousands", "millions", "billions"):
            pass
        elif not following and norm[match.end() : match.end() + 1] not in ",.":
            continue
        found.append(_vague(norm, match.start(), match.end(), a0, b0, lex))
    return found


def _vague(norm: str, start: int, end: int, a0: int, b0: int, lex: _Lexicon) -> _Atom:
    new_start, _ = _qualified_start(norm, start, a0, lex)
    atom = _Atom(new_start, end, None, kind="vague", approx=True, label=norm[start:end])
    group = _Group(new_start, end, [atom])
    _add_tail(norm, group, b0)
    atom.end = group.end
    return atom


# ---------------------------------------------------------------------------------------------
# Arithmetic
# ---------------------------------------------------------------------------------------------


def _fmt(value: float) -> str:
    if abs(value) >= 1e6 and (value / 1e5).is_integer():
        return f"{value / 1e6:g} million"
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(value: float) -> str:
    digits = 2 if abs(value) < 10 else 1
    return f"{value:.{digits}f}%"


def _verdict(actual: float, stated: float, label: str, approx: bool) -> str:
    decimals = len(label.split(".")[1].rstrip("% percnt")) if "." in label else 0
    scale = 10**decimals
    rounded = math.floor(actual * scale + 0.5) / scale
    cut = math.floor(actual * scale) / scale
    if abs(rounded - stated) < 1e-9:
        if abs(actual - stated) < 0.05 / scale:
            return f", so “{label}” holds"
        return f", so “{label}” holds (rounded {'down' if actual > stated else 'up'})"
    if abs(cut - stated) < 1e-9:
        return f"; the stated {label} is cut off rather than rounded (it would round to {rounded:g}%)"
    if approx and abs(actual - stated) <= 1.5:
        return f", so “{label}” roughly holds"
    return f", so “{label}” does not hold: the two numbers give {_pct(actual)}"


def _check(group: _Group) -> str | None:
    """The arithmetic that can be done inside one statistic."""
    numbers = [a for a in group.atoms if _numeric(a) and not a.pct]
    stated = next((a for a in group.atoms if a.pct and a.value is not None), None)
    if ("of" in group.links or "in" in group.links) and len(numbers) >= 2:
        x, y = numbers[0].value, numbers[1].value
        assert x is not None and y is not None
        if y == 0:
            return None
        share = 100 * x / y
        text = f"{_fmt(x)} ÷ {_fmt(y)} = {_pct(share)}"
        if x > y:
            return (
                text
                + f": the first number is bigger than the whole ({_fmt(y)}), so check what each one counts."
            )
        if stated is not None:
            label = stated.label.strip() or f"{_fmt(stated.value or 0)}%"
            return text + _verdict(share, stated.value or 0, label, stated.approx) + "."
        rest = y - x
        return text + f"; the other {_fmt(rest)} ({_pct(100 - share)}) are the rest of the {_fmt(y)}."
    if "range" in group.links:
        a, b = group.atoms[0].value, group.atoms[1].value
        if a is None or b is None:
            return None
        unit = " percentage points" if group.atoms[0].pct else ""
        approx = " (both ends are approximate)" if group.atoms[0].approx or group.atoms[1].approx else ""
        if group.opener == "between":
            return (
                f"The range runs from {_fmt(a)} to {_fmt(b)}: a spread of {_fmt(abs(b - a))}{unit}, "
                f"with {_fmt((a + b) / 2)} in the middle."
            )
        change = f"{_fmt(b)} − {_fmt(a)} = {_fmt(b - a)}{unit}"
        if a > 0 and not unit:
            ratio = b / a
            words = ""
            if ratio >= 4:
                words = f", so it grew about {ratio:.0f}-fold"
            elif ratio >= 3:
                words = ", so it more than tripled"
            elif ratio >= 2:
                words = ", so it more than doubled"
            elif ratio < 1:
                words = f", a fall of {_pct(100 * (1 - ratio))}"
            else:
                words = f", a rise of {_pct(100 * (ratio - 1))}"
            return f"{change}; {_fmt(b)} ÷ {_fmt(a)} ≈ {ratio:.1f}{words}{approx}."
        return change + approx + "."
    return None


@dataclass
class _Sums:
    """Exact sums among the whole numbers of a paragraph and the one before: '328 + 813 + 10,613 = 11,754'."""

    numbers: list[tuple[int, int, float]]  # (paragraph, position, value)
    by_paragraph: dict[int, list[tuple[int, float]]] = field(default_factory=dict)
    found: dict[int, list[tuple[list[int], int, list[float], float]]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for p, pos, v in self.numbers:
            if v >= 10 and v.is_integer():
                self.by_paragraph.setdefault(p, []).append((pos, v))

    def equations(self, paragraph: int) -> list[tuple[list[int], int, list[float], float]]:
        """(positions of the parts, position of the total, part values, total), for up to 8 numbers."""
        if paragraph in self.found:
            return self.found[paragraph]
        window = self.by_paragraph.get(paragraph - 1, []) + self.by_paragraph.get(paragraph, [])
        equations: list[tuple[list[int], int, list[float], float]] = []
        if 3 <= len(window) <= 8:  # more numbers than this and exact sums turn up by chance
            where: dict[float, int] = {}
            for pos, v in window:
                where.setdefault(v, pos)
            n = len(window)
            for i in range(n):
                for j in range(i + 1, n):
                    for k in [None, *range(j + 1, n)]:
                        parts = [window[i], window[j]] + ([window[k]] if k is not None else [])
                        total = sum(v for _, v in parts)
                        if total >= 100 and total in where and where[total] not in [p for p, _ in parts]:
                            equations.append(
                                ([p for p, _ in parts], where[total], [v for _, v in parts], total)
                            )
        self.found[paragraph] = equations
        return equations


# ---------------------------------------------------------------------------------------------
# Wording: the reason, what to check
# ---------------------------------------------------------------------------------------------

_WHAT_TO_CHECK = {
    "named-document": "Find {doc} and check that it gives this figure, for which dates, and how it was counted.",
    "named-organization-or-person": (
        "Look for a published statement or data from {source} with this figure, and check its date and definition."
    ),
    "poll": "Find {doc} itself: its date, the exact question asked, and how many people took part.",
    "other-outlet": "Find {doc} and where its figure came from (which agency, study or data).",
    "self-citation": (
        "Find the data behind the outlet's own earlier report: which agency or study counted it, and when."
    ),
    "anonymous": "Official data or a named source that confirms this figure, because the person who gave it cannot "
    "be checked.",
    "vague": "Which report, study or expert this comes from, and the actual figure behind it.",
    "none": "An official statistic or a named study that gives this figure, with its date and how it was counted.",
}


def _mid(words: str) -> str:
    """'The officer' in the middle of a sentence: 'the officer'."""
    first, _, rest = words.partition(" ")
    if first in ("The", "A", "An", "This", "That", "These", "Those", "Its", "Their") and rest:
        return first.lower() + " " + rest
    return words


def _quote(words: str, limit: int = 90) -> str:
    words = _SPACE.sub(" ", words).strip()
    return words if len(words) <= limit else words[: limit - 3].rstrip() + "…"


def _span(
    text: str, group: _Group, attr: _Attr | None, how: str, sums: _Sums, paragraph: int
) -> StatisticSpan:
    """The finished record: offsets, class, source, reason, what to check and the arithmetic."""
    start, end = group.start, group.end
    words = text[start:end]
    sourcing = attr.sourcing if attr else "none"
    source = attr.source if attr else None
    if source is not None:
        source = source.strip() or None
        if source is None:
            sourcing = "none"
    shown = _quote(words)
    if group.vague:
        subject = f"The vague amount “{shown}”"
    elif len(group.atoms) > 1:
        subject = f"The figures “{shown}”"
    elif any(a.pct for a in group.atoms):
        subject = f"The percentage “{shown}”"
    elif any(a.kind == "share" for a in group.atoms):
        subject = f"The share “{shown}”"
    else:
        subject = f"The number “{shown}”"
    subject_lower = subject[0].lower() + subject[1:]
    plural = len(group.atoms) > 1
    is_, comes, continues = ("are", "come", "continue") if plural else ("is", "comes", "continues")
    said = _mid(source) if source else ""
    if attr is None or source is None:
        reason = (
            f"No one is named as the source of {subject_lower} in this sentence or the one before, "
            "so readers have to take the writer's word for it."
        )
        if group.vague:
            reason = f"“{shown}” gives an amount without a number, and no one is named as its source."
    elif how == "estimated":
        reason = f"{subject} {is_} called “{source}”, but the text never says who estimated it, so the source is vague."
    elif how == "quote":
        reason = f"{subject} {is_} inside words quoted from {_quote(said)}, so the speaker is the source: {attr.why}."
    elif how == "carry":
        reason = f"{subject} {continues} the sentence before, which credits “{_quote(attr.cue)}”: {attr.why}."
    elif how == "next":
        reason = f"The next sentence credits {subject_lower} to “{_quote(attr.cue)}”: {attr.why}."
    else:
        reason = f"{subject} {comes} with “{_quote(attr.cue or source)}”: {attr.why}."
    doc = (attr.doc if attr and attr.doc else None) or (source or "the document")
    template = _WHAT_TO_CHECK[sourcing]
    if attr is not None and sourcing == "named-organization-or-person" and attr.doc:
        template = _WHAT_TO_CHECK["poll"]
    what = template.format(doc=_quote(_mid(doc), 150), source=_quote(said or "the source"))
    if group.vague:
        what = f"What number “{shown}” stands for. " + what
    elif any(a.pct for a in group.atoms) and "of" not in group.links:
        what = "What the percentage is a share of (the whole group). " + what
    elif "range" in group.links and group.opener == "between":
        what = "Why a range is given and how it was estimated. " + what
    check = _check(group)
    positions = {a.start for a in group.atoms}
    for parts, total_pos, values, total in sums.equations(paragraph):
        if positions & {*parts, total_pos}:
            equation = " + ".join(_fmt(v) for v in values) + f" = {_fmt(total)}"
            note = f"{equation}: the parts add up exactly to the other figure nearby."
            check = f"{check} {note}" if check else note
            break
    return StatisticSpan(
        start=start,
        end=end,
        text=words,
        sourcing=sourcing,
        source=source,
        reason=reason,
        what_to_check=what,
        check=check,
        acceptable=False,
        also_acceptable=(),
    )
