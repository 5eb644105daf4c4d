"""By whose account? The reporting chain of a sentence, outermost source first.

"The New York Times reported, citing an anonymous U.S. official" gives [NYT, official];
"Adrienne Watson ... said in a statement, as quoted by WP" gives [WP, Watson];
"according to Reuters" gives [Reuters].
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..actors import DocActors
from ..records import Entity
from .lexicon import word_set

# reporters relay others' words; their subjects are the outer link of the chain
_RELAY = word_set("relay_verb")


def _entities(token: Token, actors: DocActors) -> list[Entity]:
    found = actors.entities(token)
    if found:
        return found
    if token.ent_type_ in ("ORG", "PERSON", "NORP", "GPE") or token.pos_ == "PROPN":
        ent = next((e for e in token.doc.ents if e.start <= token.i < e.end), None)
        text = ent.text if ent is not None else token.text
        start = ent.start_char if ent is not None else token.idx
        return [Entity(text=text, name=text, start=start, end=start + len(text), kind="source")]
    return []


def _pobj(prep: Token) -> Token | None:
    return next((c for c in prep.children if c.dep_ == "pobj"), None)


def _reporting(sent: Span, speech_verbs: frozenset[str]) -> list[tuple[Token, str]]:
    """The words of a sentence that may cite a source ("according", a reporting verb),
    with their lemmas, found once per sentence: every event of the sentence asks."""
    cache = sent.doc.user_data.setdefault("newscoder.reporting", {})
    cached = cache.get(sent.start)
    if cached is not None and cached[0] is speech_verbs:
        return cached[1]  # type: ignore[no-any-return]
    found = []
    for tok in sent:
        lemma = tok.lemma_.lower()
        if tok.lower_ == "according" or tok.pos_ in ("VERB", "AUX") and lemma in speech_verbs:
            found.append((tok, lemma))
    cache[sent.start] = (speech_verbs, found)
    return found


def attribution(sent: Span, trigger: Token, speech_verbs: frozenset[str],
                actors: DocActors) -> list[Entity]:
    """The sources a sentence cites for an event triggered at ``trigger``."""
    links: list[tuple[int, int, Entity]] = []  # (depth, position, entity)
    inside = {t.i for t in trigger.subtree}
    for tok, lemma in _reporting(sent, speech_verbs):
        if tok.lower_ == "according":
            for child in tok.children:
                obj = _pobj(child) if child.lower_ == "to" else None
                if obj is not None:
                    links.extend((0, tok.i, e) for e in _entities(obj, actors))
            continue
        if tok.pos_ not in ("VERB", "AUX") or lemma not in speech_verbs or tok.i in inside:
            continue  # a reporting verb inside the event's own clause reports something else
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children)
        for child in tok.children:
            if child.dep_ == "nsubj" and not passive:
                depth = 0 if lemma in _RELAY else 1
                links.extend((depth, child.i, e) for e in _entities(child, actors))
            elif child.dep_ == "agent":
                obj = _pobj(child)
                if obj is not None:  # "as quoted by WP": the relaying outlet
                    links.extend((0, obj.i, e) for e in _entities(obj, actors))
            elif child.dep_ == "dobj" and lemma in ("cite", "quote"):
                links.extend((1, child.i, e) for e in _entities(child, actors))
    links.sort(key=lambda link: (link[0], link[1]))
    out: list[Entity] = []
    seen: set[str] = set()
    for _, _, ent in links:
        if ent.text not in seen:
            seen.add(ent.text)
            out.append(ent)
    return out
