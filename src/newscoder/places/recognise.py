"""Toponym recognition: spaCy's place entities plus what the gazetteer knows.

The small English model misses places (it tags Vladivostok as a PERSON) and splits or
mislabels others, so its GPE/LOC/FAC entities are topped up with gazetteer matches on
capitalised words, kept only when the place is big enough that a capitalised word naming
it is more likely the place than a surname or a company. Demonyms ("Turkish", "Syrian")
that spaCy tags NORP name their country.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .gazetteer import COUNTRY_FEATURES, Gazetteer, norm

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# A capitalised word outside a place entity must name a place at least this big, so
# that "Jackson said" or "Mobile phones" stay what they are.
MIN_POP_UNTAGGED = 20_000
MIN_POP_PERSON = 100_000  # a single-word PERSON that is a city (Vladivostok, Pyongyang)
MIN_POP_DATELINE = 1_000  # "GREER, S.C. —": a dateline names a place
COMMON = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday god university police "
    "president mr mrs ms dr new north south east west central city county state".split())

_DATELINE_PUNCT = frozenset({",", ":", "—", "–", "-", "("})
_ABBREV = re.compile(r"^(?:[A-Z]\.){2,3}$")  # U.S., D.C., U.K.
_PARENT_GAP = re.compile(r"^\s*,\s*$|^\s+in\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A toponym found in the text, before resolution."""

    start: int
    end: int
    text: str
    label: str  # spaCy label, or GAZ for a gazetteer match, NORP for a demonym
    root: int  # token index of the mention's head, for the parse-based rules


def _trim(span: Span) -> Span | None:
    """Drop a leading 'the' and trailing possessive or punctuation from an entity."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and (doc[start].lower_ == "the" or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].tag_ == "POS"):
        end -= 1
    return doc[start:end] if end > start else None


def _split_commas(span: Span) -> list[Span]:
    """ "Alexandria, Louisiana" tagged as one entity is two toponyms."""
    parts, start = [], span.start
    for tok in span:
        if tok.text == ",":
            if tok.i > start:
                parts.append(span.doc[start:tok.i])
            start = tok.i + 1
    if span.end > start:
        parts.append(span.doc[start:span.end])
    return parts


def _strong(gaz: Gazetteer, text: str, min_pop: int) -> bool:
    """Whether a capitalised phrase most likely names a place of the gazetteer."""
    for row in gaz.lookup(text):
        feature = gaz.feature[row]
        if feature in COUNTRY_FEATURES or feature == "ADM1":
            return True
        if gaz.is_main_name(row, text) and gaz.pop[row] >= min_pop:
            return True
    return False


_PREFIXES = frozenset("new west east north south upper lower fort port saint st mount".split())
_SUFFIXES = frozenset("county parish city".split())


def _extend(span: Span, gaz: Gazetteer, taken: list[bool]) -> Span:
    """Grow a span by a word the model left out when the longer name is a known place:
    "Virginia" after "West" is West Virginia, "Laurel" before "County" Laurel County."""
    doc = span.doc
    start, end = span.start, span.end
    if start > 0 and not taken[start - 1] and doc[start - 1].lower_ in _PREFIXES \
            and doc[start - 1].is_title and gaz.lookup(doc[start - 1:end].text):
        start -= 1
    if end < len(doc) and not taken[end] and doc[end].lower_ in _SUFFIXES \
            and doc[end].is_title and gaz.lookup(doc[start:end + 1].text):
        end += 1
    return doc[start:end]


def _capitalised(tok: Token) -> bool:
    """Title case, "U.S."-like, or a capital then mixed case ("DeKalb", "McAllen")."""
    return tok.is_title or bool(_ABBREV.match(tok.text)) \
        or (tok.is_alpha and tok.text[0].isupper() and not tok.is_upper)


def _datelines(doc: Doc) -> list[Span]:
    """Capitalised place names opening a story or a sentence: "COLUMBUS, Ohio (AP) —",
    "BEIRUT: ..."."""
    out = []
    for tok in doc:
        if not (tok.is_sent_start or tok.i == 0 or doc[tok.i - 1].text in (".", "\n")):
            continue
        end = tok.i
        while end < len(doc) and end - tok.i < 3 and doc[end].is_upper and doc[end].is_alpha \
                and len(doc[end]) >= 2:
            end += 1
        if end > tok.i and end < len(doc) and doc[end].text in _DATELINE_PUNCT \
                and len(doc[tok.i:end].text) >= 4:
            out.append(doc[tok.i:end])
    return out


def find_mentions(doc: Doc, gaz: Gazetteer) -> list[Mention]:
    """The toponyms of a parsed document, in text order, without overlaps."""
    taken = [False] * len(doc)
    found: list[Mention] = []

    def add(span: Span, label: str) -> None:
        span = _extend(span, gaz, taken)
        found.append(Mention(span.start_char, span.end_char, span.text, label, span.root.i))
        for i in range(span.start, span.end):
            taken[i] = True

    for ent in doc.ents:
        if ent.label_ in PLACE_LABELS:
            trimmed = _trim(ent)
            if trimmed is not None:
                for part in _split_commas(trimmed):
                    add(part, ent.label_)
        elif ent.label_ == "NORP":
            trimmed = _trim(ent)
            if trimmed is not None and (norm(trimmed.text) in gaz.demonyms
                                        or norm(trimmed.text) in gaz.adjectives):
                add(trimmed, "NORP")

    for span in _datelines(doc):
        if not any(taken[j] for j in range(span.start, span.end)) \
                and _strong(gaz, span.text, MIN_POP_DATELINE):
            add(span, "GAZ")

    ent_of: dict[int, Span] = {}
    for e in doc.ents:
        for i in range(e.start, e.end):
            ent_of[i] = e
    i = 0
    while i < len(doc):
        tok = doc[i]
        if taken[i] or not _capitalised(tok):
            i += 1
            continue
        # a common word starts no place of its own, but may start a longer name ("New
        # South Wales Police": New South Wales, not Wales)
        common = tok.lower_ in COMMON or tok.is_stop
        for n in (3, 2) if common else (3, 2, 1):
            span = doc[i:i + n]
            if len(span) < n or any(
                    taken[j] or not (doc[j].is_alpha or _ABBREV.match(doc[j].text))
                    for j in range(i, i + n)):
                continue
            if not _capitalised(span[-1]):
                continue
            host = ent_of.get(i)
            min_pop = MIN_POP_UNTAGGED
            if host is not None and host.label_ in ("ORG", "FAC") \
                    and (host.start, host.end) != (span.start, span.end):
                # A place naming an institution ("the Minnesota Department of
                # Transportation", "Mansfield Police") is a toponym of its own.
                pass
            elif host is not None:
                # Inside another entity: only a whole one-word PERSON or ORG that is a
                # big place ("Vladivostok" as PERSON); never part of a person's name.
                if (host.start, host.end) != (span.start, span.end):
                    continue
                min_pop = MIN_POP_PERSON
            if tok.is_sent_start:
                min_pop = max(min_pop, MIN_POP_PERSON)
            if _strong(gaz, span.text, min_pop):
                add(span, "GAZ")
                i += n - 1
                break
        i += 1
    found.sort(key=lambda m: m.start)
    return found


def parents(text: str, spans: list[tuple[int, int]]) -> list[int | None]:
    """For each span, the index of the next one when joined as "X, Y" or "X in Y"."""
    out: list[int | None] = []
    for i, (_, end) in enumerate(spans):
        j = i + 1
        if j < len(spans) and _PARENT_GAP.match(text[end:spans[j][0]]):
            out.append(j)
        else:
            out.append(None)
    return out
