"""Metonymy: a capital, a seat of power or a country that acts is a government.

"Moscow denied", "supplying Moscow with weapons", "Pyongyang has never had" name the
state, not the place: such toponyms get role ``metonym`` (an actor for the event coder)
and never become an event's location. The test is the dependency parse: the toponym is
the subject of a verb a government can do, or the object of a verb done to one, and
is not the head of a locative phrase ("in Moscow").
"""

from __future__ import annotations

from spacy.tokens import Token

# Features of places that can stand for a government.
SEAT_FEATURES = frozenset({"PPLC", "PCLI", "PCLS", "PCLD"})
# Seats of power that are buildings or streets, as news writes them.
SEATS = frozenset({"white house", "kremlin", "pentagon", "downing street", "elysee",
                   "elysee palace", "zhongnanhai", "blue house", "foggy bottom",
                   "capitol hill", "whitehall", "quai dorsay", "knesset"})
# Subjects of these verbs are places, not governments: "Moscow lies on", "Syria is".
PLACE_VERBS = frozenset(
    "be lie sit border stretch locate situate host experience suffer see get become remain "
    "rain snow flood burn shake tremble sprawl".split())
# Nouns of relations between governments: "ties with Moscow", "Moscow-Pyongyang relations".
RELATION_NOUNS = frozenset(
    "talk relation tie deal agreement negotiation dialogue summit alliance cooperation "
    "rapprochement rift feud dispute".split())
# Objects of these verbs are governments: "supplying Moscow", "urged Beijing".
ACTOR_OBJECT_VERBS = frozenset(
    "supply arm urge accuse sanction warn criticize criticise condemn support back help "
    "fund pressure press call ask tell persuade blame threaten punish recognize recognise "
    "defy reassure court lobby invite join oppose engage".split())


def role(token: Token, feature: str | None, text: str) -> str:
    """``metonym`` or ``location`` for the toponym whose head token is ``token``."""
    from .gazetteer import norm

    seat = norm(text) in SEATS
    if not seat and feature not in SEAT_FEATURES:
        return "location"
    dep, head = token.dep_, token.head
    if dep in ("nsubj", "nsubjpass", "agent") or (dep == "poss" and seat):
        if dep == "nsubj" and head.lemma_ in PLACE_VERBS:
            return "location"
        if head.pos_ in ("VERB", "AUX"):
            return "metonym"
    if dep in ("dobj", "dative") and head.lemma_ in ACTOR_OBJECT_VERBS:
        return "metonym"
    if dep == "conj":
        # "Moscow and Beijing denied": the first conjunct carries the role.
        first = head
        while first.dep_ == "conj" and first.head.i != first.i:
            first = first.head
        if first.i != token.i and first.dep_ in ("nsubj", "nsubjpass") \
                and first.head.pos_ in ("VERB", "AUX") \
                and first.head.lemma_ not in PLACE_VERBS:
            return "metonym"
    if dep == "pobj" and head.lower_ in ("between", "with") and head.head.pos_ == "NOUN" \
            and any(n.lemma_ in RELATION_NOUNS for n in (head.head, *head.head.conjuncts)):
        return "metonym"  # "ties with Moscow", "the trip or arms deals with Moscow"
    if dep == "compound":
        noun = head
        while noun.dep_ == "compound" and noun.head.i != noun.i:
            noun = noun.head  # "Moscow" -> "Pyongyang" -> "relations"
        if noun.lemma_ in RELATION_NOUNS:
            return "metonym"  # "Moscow-Pyongyang relations", "Washington-Beijing talks"
    return "location"
