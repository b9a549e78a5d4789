"""The sourcing cue lists (``datasets/lexicons/sourcing_cues.csv``) and the fixed word lists, compiled once."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ...errors import DataFileError
from ...lexicon import read_table
from ..phrases import PhrasePattern

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

# Words before "by" that make what follows the author: "a report compiled by", "a plan announced by".
_PARTICIPLES = frozenset(
    """
    compiled conducted published released reported estimated commissioned gathered collected produced
    issued provided obtained counted calculated cited confirmed documented tracked measured
    announced unveiled proposed introduced presented outlined drafted authored signed approved endorsed
    backed launched ordered
    """.split()
)
# "in the report", "from Census data": documents a figure can be found in (not "in a statement").
_CITED_DOCS = (_SPECIFIC_DOCS - {"statement", "release", "overview"}) | frozenset(
    "data figures statistics records numbers estimates database dataset survey poll".split()
)
# Verbs that attribute in a headline's present tense ("Report finds ...").
_HEADLINE_VERBS = frozenset("say says show shows find finds reveal reveals".split())

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
# The words a _WORD_ATOM match can begin with, so it is tried only where one of them starts.
_WORD_ATOM_AT = PhrasePattern(
    _WORD_ATOM,
    [
        *_UNITS,
        *_TENS,
        *"a half several many twice double triple quadruple".split(),
        *"dozens hundreds thousands millions billions trillions tens".split(),
    ],
)
_AGE_AFTER = re.compile(r"[- ](?:year|yr|month|week|day)s?[- ]old\b|\syears?\sold\b|[- ]year-olds?\b", re.I)
_AGE_APPOSITION = re.compile(r"[A-Za-z][\w'.-]{1,30}\s?[,(]\s?$")
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s$", re.I)
_TIME_AFTER = re.compile(r"\s?(?:a\.m\.|p\.m\.|am\b|pm\b|o'clock\b|GMT\b|EST\b|EDT\b|PST\b|PDT\b)", re.I)
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


@dataclass(frozen=True)
class _Lexicon:
    """The compiled cue lists."""

    #: The cues of each kind of :data:`CUE_KINDS` in lower case (an empty set for a kind the file lacks).
    kinds: dict[str, frozenset[str]]
    outlet: re.Pattern[str]
    self_intro: tuple[re.Pattern[str], ...]
    #: For each pattern of self_intro, strings of which every match holds one: a quick test before it.
    self_intro_needles: tuple[tuple[str, ...], ...]
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
    #: Nouns that can name a source: the rows of kinds role, voice, vague-source, document, poll,
    #: outlet-noun and org-noun.
    source_nouns: frozenset[str]
    #: The phrase-list patterns above, by name, tried only where one of their phrases can begin.
    at_words: dict[str, PhrasePattern]
    #: Words that can open an attribution outside a headline: the verbs and "according"; then the same
    #: with "by", "from" and "in", which credit someone only next to a document word.
    openers: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset())
    #: The phrase-list patterns above and quoted_title, by name, without IGNORECASE where they are
    #: lower-case ASCII: for text already in lower case (see attribution._lower_case), where they find
    #: the same matches faster.
    case_sensitive: dict[str, re.Pattern[str]] = field(default_factory=dict)
    #: Heads of what "in" or "from" can cite ("in the report", "from Census data"): the fixed list of
    #: cited documents and the rows of kinds poll and outlet-noun.
    cited_heads: frozenset[str] = frozenset()

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
    lexicon = _Lexicon(
        kinds={kind: frozenset(kinds.get(kind, ())) for kind in CUE_KINDS},
        outlet=re.compile(outlet),
        self_intro=tuple(re.compile(pattern) for pattern in self_intro),
        self_intro_needles=(
            ("exclusive",),
            ("exclusively",),
            ("exclusive",),
            ("learned", "learnt", "obtained", "confirmed", "reviewed", "seen"),
            ("can", "could"),
            ("Copyright", "(c)", "(C)", "©"),
            (")",),
        ),
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
        source_nouns=frozenset(
            word
            for kind in ("role", "voice", "vague-source", "document", "poll", "outlet-noun", "org-noun")
            for word in kinds.get(kind, ())
        ),
        at_words={},
        openers=(
            frozenset({"according", *kinds.get("verb", ())}),
            frozenset({"according", "by", "from", "in", *kinds.get("verb", ())}),
        ),
        cited_heads=_CITED_DOCS | frozenset(kinds.get("poll", ())) | frozenset(kinds.get("outlet-noun", ())),
    )
    phrases = {"size": ["a", "an"]} | {
        name: get(name.replace("_", "-"))
        for name in ("vague_phrase", "anonymous_phrase", "self_phrase", "quantity", "quantifier", "idiom")
    }
    lexicon.at_words.update(
        (name, PhrasePattern(getattr(lexicon, name), words)) for name, words in phrases.items()
    )
    for name in ("vague_phrase", "anonymous_phrase", "self_phrase", "quoted_title"):
        pattern: re.Pattern[str] = getattr(lexicon, name)
        if pattern.pattern.isascii() and pattern.pattern == pattern.pattern.lower():
            lexicon.case_sensitive[name] = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    return lexicon


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


_PLURAL_LIKE = frozenset("people children men women police staff personnel families folks cattle".split())


def _plural_like(word: str) -> bool:
    low = word.lower()
    return low in _PLURAL_LIKE or (
        low.endswith("s") and not low.endswith(("ss", "ous", "is", "us", "ics")) and len(low) > 3
    )
