"""Event location: the one place of a sentence where its event happened.

A sentence names many places ("Putin will travel to Russia's Far East from Moscow to
meet Kim"); the event's location is the one the trigger's parse points at: the
destination of a visit ("travel to Russia", "arrived at Vladivostok"), the site of an
attack ("in Vietnam"), not the origin, nor a place inside a noun phrase ("the Russian
ambassador to Turkey"). Metonyms are governments, never locations.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from newscoder.records import Place

MOTION = frozenset(
    "travel visit arrive go come fly head return move trip journey tour land reach "
    "leave depart".split())
SITE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                        "into", "on", "within", "around", "off"})
DESTINATION_PREPS = frozenset({"to", "into", "at", "in", "for"})
ORIGIN_PREPS = frozenset({"from", "out"})  # "from Moscow": where the traveller set off


def _path_to(token: Token, trigger: Token, limit: int = 4) -> list[Token] | None:
    """Tokens from ``token`` up the parse to ``trigger`` (exclusive), or None."""
    path: list[Token] = []
    cur = token
    for _ in range(limit):
        if cur.i == trigger.i:
            return path
        if cur.head.i == cur.i:
            return None
        path.append(cur)
        cur = cur.head
    return path if cur.i == trigger.i else None


def _score(place_tok: Token, trigger: Token) -> float | None:
    """How surely a toponym is the trigger's location; None when it is not."""
    path = _path_to(place_tok, trigger)
    motion = trigger.lemma_.lower() in MOTION
    if path is None:
        return None
    preps = [t.lower_ for t in path if t.dep_ == "prep"]
    nouns = [t for t in path[1:] if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"]
    if nouns and not preps:
        return None  # "Russian ambassador": a modifier, not a site
    if preps and preps[0] in ORIGIN_PREPS:
        return None if motion else 0.2
    if place_tok.dep_ in ("nsubj", "nsubjpass"):
        return None  # the toponym is the doer (a metonym) or what the event is about
    if place_tok.dep_ == "dobj" and motion:
        return 3.0  # "visited Russia"
    if preps:
        p = preps[0]
        if motion and p in DESTINATION_PREPS:
            return 3.0 - 0.1 * len(nouns)
        if p in SITE_PREPS:
            return 2.5 - 0.5 * len(nouns)
        return 1.0 - 0.2 * len(nouns)
    if place_tok.dep_ in ("npadvmod", "advmod", "obl"):
        return 1.5
    return 0.5


def locate_event(places: Sequence[Place], trigger: Token) -> Place | None:
    """The place where the event triggered by ``trigger`` happened, if its sentence says.

    ``places`` are the document's places (any sentence); those of the trigger's sentence
    whose parse connects them to the trigger compete, and the nearest of the best kind
    wins. With none connected, a sentence with a single site phrase ("in X") gives that.
    """
    sent = trigger.sent
    doc = trigger.doc
    best: tuple[float, Place] | None = None
    loose: list[Place] = []
    for place in places:
        if place.role != "location" or place.start < sent.start_char or place.end > sent.end_char:
            continue
        span = doc.char_span(place.start, place.end, alignment_mode="expand")
        if span is None:
            continue
        tok = span.root
        s = _score(tok, trigger)
        if s is None:
            if tok.dep_ == "pobj" and tok.head.lower_ in SITE_PREPS:
                loose.append(place)
            continue
        s -= 0.01 * abs(tok.i - trigger.i)  # nearer wins a tie
        if best is None or s > best[0]:
            best = (s, place)
    if best is not None:
        return best[1]
    if len(loose) == 1:
        return loose[0]
    return None
