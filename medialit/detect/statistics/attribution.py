"""Who stands behind each figure: attributions in each sentence, pronouns, quotation speakers, carry-over."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from itertools import compress

from ..parsed import ParsedText
from .cues import (
    _BEFORE_VERB,
    _DETERMINERS,
    _HEADLINE_VERBS,
    _PARTICIPLES,
    _PASSIVE,
    _RANK,
    _STOP,
    _Lexicon,
    _lexicon,
)
from .keywords import (
    ANONYMOUS_PHRASE,
    ATTRIBUTION,
    DOCUMENT,
    MENTION,
    OUTLET,
    QUOTED_TITLE,
    SELF_INTRO,
    SELF_PHRASE,
    TITLE,
    VAGUE_PHRASE,
    sentence_keywords,
)
from .masked import mask, sentence_tokens
from .numbers import _Group, _plural_like
from .sources import (
    _Attr,
    _classify,
    _clean_title,
    _Context,
    _is_acronym,
    _is_cap,
    _mid,
    _np_backward,
    _np_forward,
    _orig,
    _Sentence,
    _sentence_subject,
    _slice,
    _wordlike,
)


def _attribution(doc: ParsedText) -> tuple[list[_Sentence], dict[int, _Attr]]:
    """Each sentence's credited sources, and the speaker of each quotation (by its index in ``doc.quotes``)."""
    lex = _lexicon()
    norm, regions = doc.normalized, list(doc.quotes)
    masked = mask(norm, regions, lex)
    paragraphs = doc.newlines
    keywords = sentence_keywords(doc).sentences
    infos = [
        _Sentence(s, bisect_right(paragraphs, s.start), masked, i, keywords[i])
        for i, s in enumerate(doc.sentences)
    ]
    ctx = _context(norm, infos, lex)
    for info in infos:
        if info.keywords & ATTRIBUTION:
            attrs = _attributions(info, ctx, lex)
            if attrs:  # the rest keep their empty defaults
                attrs.sort(key=_position)
                info.attrs = attrs
                info.attr_pos = [a.pos for a in attrs]
    _resolve_pronouns(infos)
    for info in infos:
        if info.attrs:
            info.best = _best(info.attrs)
    return infos, _quote_speakers(doc.text, regions, infos)


def _position(attr: _Attr) -> int:
    return attr.pos


# ---------------------------------------------------------------------------------------------
# Whose words: masking quotations, finding attributions
# ---------------------------------------------------------------------------------------------


def quote_speakers(doc: ParsedText) -> dict[tuple[int, int], str]:
    """Who speaks each quotation of ``doc``: (start, end) -> the speaker's words as the text gives them.

    A pronoun speaker ("he said") is replaced by the source it refers back to; quotations whose
    speaker cannot be found are left out.
    """
    _, speakers = doc.derived("statistics.attribution", _attribution)
    return {doc.quotes[r]: attr.antecedent or attr.source for r, attr in sorted(speakers.items())}


def _context(norm: str, infos: list[_Sentence], lex: _Lexicon) -> _Context:
    self_outlets: list[str] = []
    titles: list[str] = []
    owners: set[str] = set()
    naming_outlets: list[_Sentence] = []
    for info in infos:
        if not info.keywords & (SELF_INTRO | OUTLET | TITLE | QUOTED_TITLE):
            continue  # none of the patterns below can match
        m = info.masked
        if info.keywords & SELF_INTRO:
            for pattern, needles in zip(lex.self_intro, lex.self_intro_needles, strict=True):
                if any(map(m.__contains__, needles)):  # else the pattern cannot match
                    self_outlets.extend(match.group("outlet") for match in pattern.finditer(m))
        if info.keywords & OUTLET:
            naming_outlets.append(info)
        if not info.keywords & (TITLE | QUOTED_TITLE) or info.headline:
            continue
        sentence_titles = [t.group() for t in lex.title.finditer(m)] if info.keywords & TITLE else []
        at = info.span.start
        if info.keywords & QUOTED_TITLE:
            quoted = _phrases(lex, "quoted_title", m, _lower_case(m))
            sentence_titles += [norm[at + q.end() : at + q.end() + 80] for q in quoted]
        sentence_titles = [_clean_title(t) for t in sentence_titles]
        sentence_titles = [t for t in sentence_titles if t]
        if sentence_titles:
            titles.extend(sentence_titles)
            for token in sentence_tokens(m)[0]:
                word = token[2]
                if _is_acronym(word) and word not in " ".join(sentence_titles):
                    owners.add(word.lower())
    self_lower = tuple(dict.fromkeys(s.lower() for s in self_outlets))
    return _Context(self_outlets, titles, owners, _other_outlet(naming_outlets, self_lower, lex), self_lower)


def _other_outlet(infos: list[_Sentence], self_lower: tuple[str, ...], lex: _Lexicon) -> str | None:
    """The first news outlet the sentences ``infos`` name that is not the one publishing the piece."""
    for info in infos:
        for match in lex.outlet.finditer(info.masked):
            if match.group().lower() not in self_lower:
                return match.group()
    return None


def _attributions(info: _Sentence, ctx: _Context, lex: _Lexicon) -> list[_Attr]:
    """Every source credited in the writer's own words in one sentence."""
    m = info.masked
    base = info.span.start
    toks, lows = sentence_tokens(m)
    attrs: list[_Attr] = []

    def add(np: tuple[int, int] | None, cue_index: int, cue: str, introduces: bool = False) -> None:
        if np is None:
            return
        first, last = np
        end = last
        attr = _classify(info, toks, lows, first, last, ctx, lex)
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
                by = _classify(info, toks, lows, author[0], author[1], ctx, lex)
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

    # "by", "from" and "in" credit someone only next to a document word (keywords.DOCUMENT).
    cue_words = lex.openers[1] if info.keywords & DOCUMENT else lex.openers[0]
    cues = list(compress(range(len(lows)), map(cue_words.__contains__, lows)))
    if not _HEADLINE_VERBS <= cue_words and not _HEADLINE_VERBS.isdisjoint(lows) and info.headline:
        # "Report finds ...": a headline's verbs that are not cues anyway
        cues = sorted({*cues, *(i for i, low in enumerate(lows) if low in _HEADLINE_VERBS)})
    kinds = lex.kinds
    for i in cues:  # the rest do nothing
        low = lows[i]
        if low == "according" and i + 1 < len(toks) and lows[i + 1] == "to":
            np = _np_forward(toks, lows, i + 2, info, lex)
            if np:
                add(np, i, _slice(info, toks, i, np[1]))
        elif low in ("by", "from", "in") and i + 1 < len(toks):
            before = lows[i - 1] if i else ""
            by_source = low == "by" and (
                before in kinds["document"] or before in kinds["poll"] or before in _PARTICIPLES
            )
            if not by_source and (low == "by" or lex.cited_heads.isdisjoint(lows[i + 1 : i + _NP_REACH])):
                continue  # no source can follow: "by" needs a document before it, "in" one after it
            np = _np_forward(toks, lows, i + 1, info, lex)
            if not np:
                continue
            doc_head = lows[np[1]] in lex.cited_heads
            if (doc_head and low in ("in", "from")) or by_source:
                add(np, i, _slice(info, toks, i - (1 if by_source else 0), np[1]), introduces=by_source)
        elif (low in kinds["verb"] and toks[i][2][:1].islower()) or (
            low in _HEADLINE_VERBS and info.headline
        ):
            _verb_attribution(info, toks, lows, i, lex, add)
    phrases = info.keywords & (VAGUE_PHRASE | ANONYMOUS_PHRASE | SELF_PHRASE)
    lowered = _lower_case(m) if phrases else None
    for match in _phrases(lex, "vague_phrase", m, lowered) if phrases & VAGUE_PHRASE else ():
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
    for match in _phrases(lex, "anonymous_phrase", m, lowered) if phrases & ANONYMOUS_PHRASE else ():
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
    for match in _phrases(lex, "self_phrase", m, lowered) if phrases & SELF_PHRASE else ():
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


def _lower_case(text: str) -> str | None:
    """``text`` in lower case, if a pattern of lower-case ASCII matches there just as it matches ``text``
    ignoring case; else None.

    Ignoring case, ``re`` matches a lower-case ASCII letter with each character whose lower case it is,
    and also "i" with "\u0130" and "\u0131" and "s" with "\u017f" (its case equivalences). The first of
    those lowers to two characters, so a text whose lower case is as long, without the other two, will do.
    """
    lowered = text.lower()
    if len(lowered) != len(text) or "\u0131" in lowered or "\u017f" in lowered:
        return None
    return lowered


def _phrases(lex: _Lexicon, name: str, text: str, lowered: str | None) -> Iterator[re.Match[str]]:
    """The matches of the case-insensitive pattern ``name`` of ``lex`` (a phrase list, or the words that
    introduce a quoted title) in ``text``; ``lowered`` is :func:`_lower_case` of ``text``.

    A pattern written in lower-case ASCII finds the same matches without IGNORECASE in the lowered text
    (the same offsets), and finds them faster.
    """
    fast = lex.case_sensitive.get(name) if lowered is not None else None
    return getattr(lex, name).finditer(text) if fast is None else fast.finditer(lowered)


# Tokens after a noun phrase's first one that it can reach (sources._np_forward: twelve words, and
# up to four more for a bracket or "of the report").
_NP_REACH = 18

_SPEECH_VERBS = frozenset(
    "said say says told estimated estimate estimates reported counted warned argue argued".split()
)


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
    if before == ",":  # "The Trade Secretary, Jane Doe, said" or "Jane Doe, the mayor, said"
        np = _appositive(toks, lows, j, info, lex)
        if np:
            add(np, i, _slice(info, toks, np[0], i))
            return
    if before in (",", '"', "'", ":", "-") or before.startswith("~"):
        np = _np_forward(toks, lows, i + 1, info, lex)
        if np and (lows[i + 1] in _DETERMINERS or _is_cap(toks[i + 1][2])):
            add(np, i, _slice(info, toks, i, np[1]))
            return
    if j >= 0 and (lows[j] == "and" or lows[j].endswith("ly") or before in ('"', "'")):
        np = _sentence_subject(toks, lows, info, lex, i)
        if np:
            add(np, i, _slice(info, toks, np[0], np[1]) + " ... " + toks[i][2])


def _appositive(toks, lows, comma: int, info: _Sentence, lex: _Lexicon) -> tuple[int, int] | None:
    """The speaker set off by commas just before a verb: the name in "The Trade Secretary, Jane Doe, said",
    or the name before the role in "Jane Doe, the mayor, said"."""
    opening = next((k for k in range(comma - 1, max(comma - 8, -1), -1) if toks[k][2] == ","), None)
    if opening is None or opening + 1 >= comma:
        return None
    inner = toks[opening + 1 : comma]
    if all(_is_cap(t[2]) and _wordlike(t[2]) for t in inner):
        return (opening + 1, comma - 1)
    return _np_backward(toks, lows, opening - 1, info, lex)


# A person named with a title ("Mr Smith", "Dr. Jane Doe"): whom a later "he" or "she" most likely means.
_TITLED_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof|Sen|Rep|Gov|Gen|Judge|President|Mayor|Sheriff|Senator|Governor)\.?"
    r"\s[A-Z][\w'-]+(?:\s[A-Z][\w'-]+)?"
)


def _mentions(info: _Sentence) -> list[_Attr]:
    """People named with a title in the writer's words of one sentence, as possible antecedents of "he"."""
    if not info.keywords & MENTION:
        return []
    base = info.span.start
    return [
        _Attr(
            "named-organization-or-person",
            m.group(),
            "",
            f"{m.group()} is named, but no document is given to check",
            base + m.start(),
        )
        for m in _TITLED_NAME.finditer(info.masked)
    ]


def _resolve_pronouns(infos: list[_Sentence]) -> None:
    """'He said' takes the class of the last person named or speaking, 'it found' of the last body, 'the
    survey' of the last named survey or report, a few sentences back."""
    last: dict[str, tuple[_Attr, int]] = {}
    reach = {"person": 5, "body": 5, "doc": 10}
    for i, info in enumerate(infos):
        for mention in _mentions(info):  # mentioned before this sentence's own speakers are read
            if not any(a.pos <= mention.pos < a.span[1] or a.source == mention.source for a in info.attrs):
                earlier = last.get("person")
                if earlier is None or earlier[1] < i or earlier[0].pos < mention.pos:
                    first_pronoun = min((a.pos for a in info.attrs if a.refers == "person"), default=None)
                    if first_pronoun is None or mention.pos < first_pronoun:
                        last["person"] = (mention, i)
        for attr in info.attrs:  # in order of position
            if attr.refers:
                earlier = last.get(attr.refers)
                if earlier is not None and i - earlier[1] <= reach[attr.refers]:
                    before = earlier[0]
                    attr.sourcing = before.sourcing
                    attr.why = f"“{attr.source}” refers back to {_mid(before.source)}: {before.why}"
                    attr.doc = before.doc
                    attr.antecedent = before.antecedent or before.source
                continue
            if attr.sourcing in ("named-organization-or-person", "anonymous"):
                last["person"] = (attr, i)
            if attr.sourcing in ("named-organization-or-person", "named-document", "other-outlet"):
                last["body"] = (attr, i)
            if attr.introduces_doc:
                last["doc"] = (attr, i)


def _best(attrs: Sequence[_Attr]) -> _Attr | None:
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
            near = (first,) if first == last else (first, last)  # both are sentences of the text
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
        if chosen is None and r - 1 in speakers and _continues(text, regions[r - 1], a):
            chosen = speakers[r - 1]  # the same speaker, still talking in a new paragraph
        if chosen is not None:
            speakers[r] = chosen
    return speakers


_OUR = re.compile(r"\b[Oo]ur\s$")
_ESTIMATED = re.compile(r"\b(?:an\s)?estimated\b", re.IGNORECASE)


def _continues(text: str, previous: tuple[int, int], start: int) -> bool:
    """Does a quotation opening a paragraph at ``start`` carry on the ``previous`` one, left open at the end
    of the paragraph before (the way a speech running over paragraphs is printed)?"""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip():
        return False  # the quotation does not open its paragraph
    end = previous[1]
    line_end = text.find("\n", end)
    if text[end : len(text) if line_end < 0 else line_end].strip():
        return False  # the previous quotation closed before the end of its paragraph
    return text[end - 1] not in '"\u201d' and not text[previous[0] : end].strip().endswith(('"', "\u201d"))


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
    if _OUR.search(norm, max(info.span.start, group.start - 6), group.start):
        why = "the outlet is pointing to its own figure, not to the data behind it"
        return _Attr("self-citation", "our", "our", why, group.start - 4), "sentence"
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
    estimate = _ESTIMATED.search(norm[group.start : group.end])
    if estimate:
        words = _orig(
            info,
            group.start - info.span.start + estimate.start(),
            group.start - info.span.start + estimate.end(),
        )
        return _Attr("vague", words, words, "", group.start + estimate.start()), "estimated"
    return None, "none"
