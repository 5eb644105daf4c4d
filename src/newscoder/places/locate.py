"""Event location: where an event happened, and how that is known (``Place.method``).

1. ``stated``: a place stated in the event's clause. A sentence names many places ("Putin
   will travel to Russia's Far East from Moscow to meet Kim"); the event's location is
   the one the trigger's parse points at: the destination of a visit ("travel to
   Russia", "arrived at Vladivostok"), the site of an attack ("in Vietnam"), not the
   origin, nor a place inside a noun phrase ("the Russian ambassador to Turkey").
2. ``inherited``: the place stated for an earlier mention of the same event (the same
   trigger word earlier in the document: "clashes in Basra ... the clashes left ...").
3. ``dateline``: for a domestic event, the place the article opens with ("Belgium
   Belgian Federal prosecutor ...", "Madrid - Spain today ...").
4. ``article``: for a domestic event, the country the article is set in (the one most of
   its places lie in), at the place of it the article names most.

Adjectives ("a Ukrainian violinist") and peoples ("recruits Belgians") are never places
of their own, and metonyms are governments, never locations. An event is domestic unless
its clause places things only in other countries than the one inferred ("the minister
returned from Belgrade and criticised ..." in a story set in Iceland); a non-domestic
event with no stated place stays unplaced.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from spacy.attrs import LEMMA, POS
from spacy.tokens import Doc, Span, Token

from newscoder.records import Place

from ..nlp import sentence_of

MOTION = frozenset(
    "travel visit arrive go come fly head return move trip journey tour land reach "
    "leave depart".split())
SITE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "across", "throughout",
                        "into", "on", "within", "around", "off"})
DESTINATION_PREPS = frozenset({"to", "into", "at", "in", "for"})
ORIGIN_PREPS = frozenset({"from", "out"})  # "from Moscow": where the traveller set off
TOPIC_PREPS = frozenset({"against", "with", "of", "about", "over", "toward", "towards",
                         "like", "between", "for", "by"})


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
    if any(t.pos_ == "VERB" for t in path):
        return None  # the place of another clause: "a bill providing funds for Iraq"
    preps = [t.lower_ for t in path if t.dep_ == "prep"]
    nouns = [t for t in path[1:] if t.pos_ in ("NOUN", "PROPN") and t.dep_ != "compound"]
    if nouns and not preps:
        return None  # "Russian ambassador": a modifier, not a site
    if preps and preps[0] in ORIGIN_PREPS:
        return None if motion else 0.2
    if preps and preps[-1] in TOPIC_PREPS and not (motion and preps[-1] in DESTINATION_PREPS):
        # "sanctions against Israel", "talks with Iran", "the war of the United States":
        # what the event is about or aimed at, not where it happens
        return None
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


def _span(place: Place, doc: Doc) -> Span | None:
    return doc.char_span(place.start, place.end, alignment_mode="expand")


def is_site(place: Place, doc: Doc) -> bool:
    """Whether a toponym can be an event's location: a place used as a place, not a
    metonym ("Moscow denied"), an adjective ("Ukrainian violinist") or a people ("recruits
    Belgians"). Every event of a document asks of the same places: answered once."""
    if place.role != "location":
        return False
    cache = doc.user_data.setdefault("newscoder.sites", {})
    key = (place.start, place.end)
    if key not in cache:
        cache[key] = _is_site(place, doc)
    return bool(cache[key])


def _is_site(place: Place, doc: Doc) -> bool:
    span = _span(place, doc)
    if span is None or not len(span):
        return False
    if span.root.pos_ == "ADJ" or any(span.start <= start and end <= span.end
                                      for start, end in _peoples(doc)):
        return False  # an adjective, or a people (an entity NORP within the span)
    return True


def _peoples(doc: Doc) -> list[tuple[int, int]]:
    """The token spans of the document's NORP entities, once per document (``span.ents``
    goes over every entity of the document each time it is asked)."""
    found = doc.user_data.get("newscoder.norp")
    if found is None:
        found = [(e.start, e.end) for e in doc.ents if e.label_ == "NORP"]
        doc.user_data["newscoder.norp"] = found
    return found  # type: ignore[no-any-return]


def locate_event(places: Sequence[Place], trigger: Token) -> Place | None:
    """The place where the event triggered by ``trigger`` happened, with its ``method``
    (see the module's steps), or None when it is neither stated nor inferable.

    ``places`` are the document's places, all sentences.
    """
    stated = stated_place(places, trigger)
    if stated is None and trigger.pos_ != "VERB" and trigger.dep_ in _PHRASE_OF_CLAUSE:
        # "In a rare trip, Kim would travel to Vladivostok": the trip's clause states it
        clause = _clause_of(trigger)
        if clause.i != trigger.i:
            stated = stated_place(places, clause)
    if stated is not None:
        return replace(stated, method="stated")
    doc = trigger.doc
    earlier = _inherited(places, trigger)
    if earlier is not None:
        return replace(earlier, method="inherited")
    for method, place in _document_places(places, doc):
        if place is not None and _domestic(places, trigger, place):
            return replace(place, method=method)
    return None


# a noun event in these relations is told by its clause: "in a rare trip, Kim would
# travel", "the visit took place in Hanoi"
_PHRASE_OF_CLAUSE = frozenset({"pobj", "dobj", "nsubj", "nsubjpass"})


def _inherited(places: Sequence[Place], trigger: Token) -> Place | None:
    """The stated place of the latest earlier mention of the same event: the same word
    (lemma and part of speech) as trigger in an earlier sentence."""
    doc = trigger.doc
    words = doc.user_data.get("newscoder.words")
    if words is None:  # where each word stands, indexed once per document
        words = {}
        # from the attribute arrays, not a Token object per word
        strings = doc.vocab.strings
        lemmas: dict[int, str] = {}
        for i, (lemma, pos) in enumerate(doc.to_array([LEMMA, POS]).tolist()):
            word = lemmas.get(lemma)
            if word is None:
                word = lemmas[lemma] = strings[lemma].lower()
            words.setdefault((word, pos), []).append(i)
        doc.user_data["newscoder.words"] = words
    start = sentence_of(trigger).start
    for i in reversed(words.get((trigger.lemma_.lower(), trigger.pos), ())):
        if i < start:
            found = stated_place(places, doc[i])
            if found is not None:
                return found
    return None


def _document_places(places: Sequence[Place], doc: Doc) -> tuple[tuple[str, Place | None], ...]:
    """The dateline and the article's place, worked out once per document (every event of
    the document asks for them) and kept on the Doc."""
    key = f"newscoder.locate.{id(places)}"
    found = doc.user_data.get(key)
    if found is None:
        found = (("dateline", _dateline(places, doc)), ("article", _article_place(places, doc)))
        doc.user_data[key] = found
    return found  # type: ignore[no-any-return]


def _dateline(places: Sequence[Place], doc: Doc) -> Place | None:
    """The place the article opens with, before its first sentence says anything of it:
    not the subject of a clause ("Australia has plans ..." is an actor)."""
    first = next((t for t in doc if not t.is_space), None)
    if first is None:
        return None
    for place in places:
        if place.start != first.idx or place.country is None:
            continue
        if not is_site(place, doc):
            return None
        span = _span(place, doc)
        assert span is not None
        after = doc[span.end] if span.end < len(doc) else None
        if span.root.dep_ in ("nsubj", "nsubjpass", "poss") \
                or after is not None and after.dep_ == "case":
            return None  # "North Korea's leader ...": the article's first words, no dateline
        return place
    return None


def _article_place(places: Sequence[Place], doc: Doc) -> Place | None:
    """The place of the country most of the article's toponyms (adjectives included:
    "Basque elections" are set in Spain) lie in, none on a tie: of that country's sites
    the one the article names most, the first of those on a tie."""
    located = [p for p in places if p.country and p.role == "location"]
    ranked = Counter(p.country for p in located).most_common(2)
    if not ranked or len(ranked) == 2 and ranked[0][1] == ranked[1][1]:
        return None
    country = ranked[0][0]
    mine = [p for p in located if p.country == country and is_site(p, doc)] \
        or [p for p in located if p.country == country]
    named = Counter(p.name or p.text for p in mine)
    return max(mine, key=lambda p: (named[p.name or p.text], -p.start))


# a toponym in these relations modifies a noun ("Venezuela's bid", "the Fiji government",
# "President Iloilo"): it says whose, not where
_MODIFIER_DEPS = frozenset({"compound", "poss", "appos", "nmod", "amod"})


def _domestic(places: Sequence[Place], trigger: Token, place: Place) -> bool:
    """Whether the event of ``trigger`` may be set in ``place``'s country: not when the
    places its clause (or a clause above it) speaks of as places all lie in other
    countries ("returned from Belgrade and criticised ..." in a story set in Iceland)."""
    sent = sentence_of(trigger)
    doc = sent.doc
    own = []
    for p in places:
        if p.country and sent.start_char <= p.start and p.end <= sent.end_char \
                and is_site(p, doc):
            span = _span(p, doc)
            if span is not None and span.root.dep_ not in _MODIFIER_DEPS \
                    and _governs(_clause_of(span.root), trigger):
                own.append(p.country)
    return not own or place.country in own


def _clause_of(token: Token) -> Token:
    """The verb of the clause that holds ``token`` (the sentence root when none)."""
    cur = token
    for _ in range(12):
        if cur.head.i == cur.i:
            return cur
        cur = cur.head
        if cur.pos_ in ("VERB", "AUX"):
            return cur
    return cur


def _governs(verb: Token, trigger: Token) -> bool:
    """Whether ``verb`` is ``trigger`` or above it in the parse: "In Baghdad, officials
    said troops attacked" sets the attack there; "a bill providing funds for Iraq" does
    not set the signing of the bill in Iraq."""
    return verb.i == trigger.i or verb.is_ancestor(trigger)


# clauses that tell more of the same situation: "met in 2019, when he arrived at X",
# "travelled to Russia and met Putin there"
_SITUATION_DEPS = frozenset({"advcl", "conj", "xcomp", "ccomp"})
_SITUATION_WORDS = frozenset({"when", "where", "as", "while"})


def _same_situation(verb: Token, trigger: Token) -> bool:
    """Whether ``verb``'s clause hangs below ``trigger`` as part of the same situation,
    through adverbial, coordinated or complement clauses (a "when" or "where" clause
    the parser hung on a noun counts), not through a noun it describes."""
    cur = verb
    for _ in range(6):
        if cur.i == trigger.i:
            return True
        if cur.dep_ in _SITUATION_DEPS:
            cur = cur.head
        elif cur.dep_ == "relcl" and any(c.lower_ in _SITUATION_WORDS for c in cur.children):
            cur = cur.head
            while cur.dep_ in ("pobj", "prep") and cur.i != trigger.i:
                cur = cur.head
        else:
            return False
    return False


def stated_place(places: Sequence[Place], trigger: Token) -> Place | None:
    """The place the trigger's sentence states for its event, if it states one.

    Those of the trigger's sentence whose parse connects them to the trigger compete,
    and the nearest of the best kind wins. With none connected, a sentence with a single
    site phrase ("in X") gives that.
    """
    sent = sentence_of(trigger)
    doc = trigger.doc
    best: tuple[float, Place] | None = None
    loose: list[Place] = []
    for place in places:
        if place.start < sent.start_char or place.end > sent.end_char \
                or not is_site(place, doc):
            continue
        span = _span(place, doc)
        if span is None:
            continue
        tok = span.root
        s = _score(tok, trigger)
        if s is None:
            if tok.dep_ == "pobj" and tok.head.lower_ in SITE_PREPS \
                    and (_governs(_clause_of(tok), trigger)
                         or _same_situation(_clause_of(tok), trigger)):
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
