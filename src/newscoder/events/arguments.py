"""Who did it and to whom: actor and recipient entities of a trigger, read off the parse.

Verbs take their subject as actor (climbing through controlled, coordinated and adverbial
clauses when the clause has no subject of its own: "is expected to travel", "...,
urging Kim") and their object, dative or prepositional object as recipient. Nouns take
the actor from their own phrase ("Israeli airstrikes", "a summit between Kim and Trump",
"an attack by rebels") or from the subject of the light verb that carries them.
"""

from __future__ import annotations

import functools

from spacy.tokens import Doc, Token

from ..actors import DocActors
from ..records import Entity
from .lexicon import EventLexicon, data_lines, word_set
from .triggers import Found

_SUBJECT_DEPS = ("nsubj", "csubj")
_CLIMB_DEPS = ("xcomp", "advcl", "conj", "ccomp", "relcl", "acl", "pcomp", "prep", "acomp")
_CONTROLLED_DEPS = ("xcomp", "advcl", "pcomp", "prep")  # a clause whose subject is its head's
# the word classes are data: data/events/word_sets.tsv says what each is for
_RELATIVE = word_set("relative_pronoun")
_RECIPIENT_PREPS = word_set("recipient_prep")
_NOUN_RECIPIENT_PREPS = word_set("noun_recipient_prep")
_OBJECT_PARTY_PREPS = _NOUN_RECIPIENT_PREPS | word_set("object_party_prep")
_CIRCUMSTANCE_PREPS = word_set("circumstance_prep")
_SOURCE_FROM_TYPES = {t.upper() for t in word_set("source_from_type")}
_INSTRUMENT_PREPS = word_set("instrument_prep")
_COMMUNICATIONS = word_set("communication_noun")
_OBJECT_CONTROL = word_set("object_control_verb")


def subject_of(token: Token) -> Token | None:
    """The subject of a verb (nominal or clausal; the holder of a stance: "Israel is
    opposed to")."""
    stative = is_stative(token)
    for child in token.children:
        if child.dep_ in _SUBJECT_DEPS or stative and child.dep_ == "nsubjpass":
            return child
    return None


def _own_agent(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "agent":
            for obj in child.children:
                if obj.dep_ == "pobj":
                    return obj
    return None


def _agent(token: Token) -> Token | None:
    """The by-agent of a passive verb, also where coordinated passives share it: "was shot
    and killed by Israeli forces" (the parser hangs the agent on the last conjunct)."""
    found = _own_agent(token)
    if found is not None:
        return found
    for child in token.children:
        if child.dep_ == "conj" and child.pos_ == "VERB":
            found = _own_agent(child)
            if found is not None:
                return found
    if token.dep_ == "conj" and token.head.pos_ == "VERB":
        return _own_agent(token.head)
    return None


def _instrument_actor(token: Token, actors: DocActors, lex: EventLexicon) -> list[Entity]:
    """Who carried out a passive event with no by-agent, from the event it happened in:
    "were killed in the Israeli offensive", "died during a US air raid"."""
    nouns = lex.nouns
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in _INSTRUMENT_PREPS:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in nouns:
                    found = _modifier_entities(obj, actors)
                    if found:
                        return found
    return []


def _controller_object(head: Token) -> Token | None:
    for child in head.children:
        if child.dep_ in ("dobj", "dative"):
            return child
    return None


def verb_actor(token: Token, actors: DocActors, lex: EventLexicon, force: bool = False
               ) -> tuple[list[Entity], Token | None]:
    """Actor entities of a verb and the clause head whose subject gave them.

    A subject that names no known actor ("Islamic fundamentalists") still stands as an
    entity of unknown country, so that the event is not lost."""
    found, head = _verb_actor(token, actors, force)
    if found:
        return found, head
    if is_passive(token):
        found = _instrument_actor(token, actors, lex)
        if found:
            return found, token
    subj = subject_of(token) or _agent(token)
    if subj is not None and subj.pos_ in ("NOUN", "PROPN") and subj.lower_ not in _RELATIVE \
            and subj.lemma_.lower() not in lex.nouns:
        # (an event is no actor: "the air strikes have made supplying aid difficult")
        return [unknown_entity(subj)], token
    return [], None


def unknown_entity(head: Token) -> Entity:
    words = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "punct")]
    words = words or [head]
    start, end = words[0].idx, head.idx + len(head.text)
    text = "".join(t.text_with_ws for t in words).strip()
    return Entity(text=text, name=None, start=start, end=end, kind="unknown")


_REPORTERS = ("JRN",)  # sectors whose speakers report events they took no part in


def _verb_actor(token: Token, actors: DocActors, force: bool = False
                ) -> tuple[list[Entity], Token | None]:
    current = token
    # "was shot and killed": the second participle shares the first's passive voice
    patient = is_passive(token) or _shared_passive(token)
    # a passive participle with no subject of its own ("arrived after being released")
    # befalls the subject of the clause it hangs from: that subject is no actor
    controlled = patient and not any(c.dep_ == "nsubjpass" for c in token.children)
    subjected = False  # a clause on the way had a subject of its own that named no one
    reported = False  # the clause just left is the complement of the one now looked at
    for step in range(6):
        passive = is_passive(current)
        if step and controlled and not passive:
            return [], None
        if passive:
            # the trigger's own passive subject is its recipient ("Kim was arrested");
            # a governing passive's subject controls the trigger ("Kim is expected to
            # go"), unless the trigger is passive itself: then it is the patient again
            # ("civilians are reported to have been killed")
            subj = _agent(current) or (_passive_subject(current) if step and not patient
                                       and not subjected else None)
        else:
            # a participle the parser left without its passive auxiliary still has its
            # by-agent ("was intercepted ... and boarded by special forces"); one that
            # describes a noun only for a use of force ("a protester shot by police"), not
            # for words or meetings ("a lunch hosted by the ambassador", "a bill signed by
            # the minister": on the PLOVER sentences three more events, none gold)
            subj = subject_of(current) or (_own_agent(current) if current.dep_ != "acl"
                                           or force else None)
        if subj is not None and subj.lower_ in _RELATIVE and current.dep_ == "relcl":
            subj = current.head
        if subj is not None:
            found = actors.entities(subj)
            if found and step and reported and all(e.sector in _REPORTERS for e in found):
                # "Interfax stated that X was arrested": the outlet reports the arrest,
                # it made none; the actor is the context's
                return [], None
            if found:
                return found, current
            subjected = subjected or subj.pos_ in ("NOUN", "PROPN", "NUM")
        reported = current.dep_ == "ccomp"
        if reported and force and any(c.dep_ in ("nsubj", "nsubjpass") for c in current.children):
            # a reported clause with a subject of its own, even one that names no known
            # actor, has its own doer: the speaker only tells of the act ("AU officials
            # said rebels attacked the base", "police said one civilian was killed")
            return [], None
        if current.dep_ not in _CLIMB_DEPS or current.head.i == current.i:
            return [], None
        controlled = controlled and current.dep_ in _CONTROLLED_DEPS
        head = current.head
        if current.dep_ == "xcomp" and head.lemma_.lower() in _OBJECT_CONTROL and not patient:
            ctrl = _controller_object(head)
            if ctrl is not None:
                found = actors.entities(ctrl)
                return found, head if found else None
        if current.dep_ in ("relcl", "acl") and head.pos_ in ("NOUN", "PROPN"):
            found = actors.entities(head)
            if found and current.dep_ == "acl":
                return found, head
        if current.dep_ == "acl" and current.tag_ == "VBN":
            # a past participle describing a noun befalls it ("and 120 wounded"): that
            # noun is the clause's subject, so no governing passive subject controls it
            subjected = True
        current = head
    return [], None


def reports_only(entity: Entity, doc: Doc, lex: EventLexicon) -> bool:
    """A news outlet as the speaker of a reporting verb ("Interfax stated that ..."): it
    reports the event; it is neither its actor nor its context's."""
    if entity.sector not in _REPORTERS:
        return False
    span = doc.char_span(entity.start, entity.end, alignment_mode="expand")
    if span is None or not len(span):
        return False
    head = first_conjunct(span.root)
    return head.dep_ == "nsubj" and head.head.lemma_.lower() in lex.speech_verbs


def first_conjunct(token: Token) -> Token:
    """The first of the phrases a phrase is joined to ("France" of "France and Italy")."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    return token


def _shared_passive(token: Token) -> bool:
    """A participle joined to a passive verb, with no subject or auxiliary of its own:
    "Uria was shot and killed", "was arrested and charged"."""
    return token.dep_ == "conj" and token.tag_ == "VBN" and is_passive(token.head) \
        and not any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") for c in token.children)


def patient_span(token: Token) -> tuple[int, int] | None:
    """Character range of a passive trigger's subject phrase (the one it befalls), looking
    through the clauses it is raised from ("civilians are reported to have been killed")
    and the passive it is coordinated with ("was arrested and charged"). None for an
    active trigger: "Kim is expected to visit" befalls no one."""
    if not (is_passive(token) or token.dep_ == "conj" and is_passive(token.head)):
        return None
    current = token
    for _ in range(3):
        subj = _passive_subject(current)
        if subj is None and current is not token and not is_passive(current) \
                and token.dep_ in _CONTROLLED_DEPS:
            subj = subject_of(current)  # "returned home after being freed": the returner
        if subj is not None:
            words = list(subj.subtree)
            return words[0].idx, words[-1].idx + len(words[-1].text)
        if current.dep_ not in ("xcomp", "conj", "advcl", "pcomp", "prep") \
                or current.head.i == current.i:
            break
        current = current.head
    return None


def is_passive(token: Token) -> bool:
    """A verb done to its subject ("was arrested"), not a stance its subject holds ("is
    opposed to")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children) \
        and not is_stative(token)


def is_stative(token: Token) -> bool:
    """ "is opposed to", "is committed to talks", "are determined to fight": a stance
    participle with its complement and no agent ("crimes were committed by" is done)."""
    if token.lemma_.lower() not in stative_participles():
        return False
    kids = list(token.children)
    return not any(c.dep_ == "agent" for c in kids) and any(
        c.dep_ in ("xcomp", "pcomp") or c.dep_ == "prep" and c.lower_ in ("to", "in", "on")
        for c in kids)


@functools.lru_cache(maxsize=1)
def stative_participles() -> frozenset[str]:
    return frozenset(line.strip().lower() for line in data_lines("events",
                                                                 "stative_participles.txt"))


def _passive_subject(token: Token) -> Token | None:
    return next((c for c in token.children if c.dep_ == "nsubjpass"), None)


def verb_recipient(token: Token, found: Found, actors: DocActors) -> list[Entity]:
    out: list[Entity] = []
    particle = found.row.particle
    instrument = set(found.row.objects) if found.row.event_type != "MOBILIZE" else None
    for child in token.children:
        if child.dep_ == "dative" and child.pos_ == "ADP":  # "sent aid to Fiji"
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(actors.entities(obj))
        elif child.dep_ in ("dobj", "dative", "iobj"):
            # the thing deployed, sent or launched is no recipient ("deployed troops")
            if child.dep_ == "dobj" and (instrument is None or child.lemma_.lower() in
                                         instrument):
                continue
            out.extend(actors.entities(child))
            # "supplying Moscow with weapons" / "accused X of Y": one recipient is enough
        elif child.dep_ == "nsubjpass" and is_passive(token):
            out.extend(actors.entities(child))
        elif child.dep_ == "prep" and (child.lower_ in _RECIPIENT_PREPS
                                       or child.lower_ == particle
                                       or child.lower_ == "from" and _answers(token)):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    out.extend(actors.entities(obj))
    if not out:
        # "ties with North Korea", "welcomed Reagan's statement", "an admission by Moscow"
        for child in token.children:
            if child.dep_ == "dobj" or child.dep_ == "nsubjpass" and is_passive(token):
                out.extend(noun_recipient(child, actors, _OBJECT_PARTY_PREPS))
                out.extend(_modifier_entities(child, actors))
    if not out and found.row.has("absorb"):
        out.extend(complement_recipient(token, actors))
    return out


def claimed_act(token: Token) -> Token | None:
    """The act a claim is for: "bombing" in "claimed responsibility for the bombing" (the
    for-phrase hangs from the object or, after a time, from the verb; "for which" leads
    back to the noun the clause describes)."""
    heads = [token, *(c for c in token.children if c.dep_ == "dobj")]
    for head in heads:
        for prep in head.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                act = next((g for g in prep.children if g.dep_ == "pobj"), None)
                if act is not None and act.tag_ in ("WDT", "WP") and token.dep_ == "relcl":
                    return token.head  # "the bombing, for which the group claimed ..."
                return act
    return None


def purpose_recipient(token: Token, actors: DocActors) -> list[Entity]:
    """Whom a protest is aimed at, from its purpose clause ("to demand the removal of X",
    "to protest Y's decision") or an against-phrase."""
    for child in token.children:
        if child.dep_ in ("advcl", "xcomp", "acl"):
            for grand in child.children:
                if grand.dep_ == "dobj":
                    found = actors.entities(grand) or noun_recipient(
                        grand, actors, _OBJECT_PARTY_PREPS) or _modifier_entities(grand, actors)
                    if found:
                        return found
        if child.dep_ == "prep" and child.lower_ in ("against", "over"):
            for obj in child.children:
                if obj.dep_ == "pobj":
                    found = actors.entities(obj) or _modifier_entities(obj, actors) or \
                        noun_recipient(obj, actors, _OBJECT_PARTY_PREPS)
                    if found:
                        return found
        if child.dep_ == "prep" and child.lower_ == "in":
            # "in protest of the Russian government's refusal", "in protest at X"
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_.lower() in ("protest", "opposition"):
                    for prep in obj.children:
                        if prep.dep_ == "prep" and prep.lower_ in ("of", "at", "against",
                                                                   "over", "to"):
                            for target in prep.children:
                                if target.dep_ == "pobj":
                                    found = actors.entities(target) or _modifier_entities(
                                        target, actors)
                                    if found:
                                        return found
    return []


def _answers(token: Token) -> bool:
    """The verb answers a communication ("accepted demands from X", "rejected an offer
    from X"), whose sender is the recipient of the answer."""
    return any(c.dep_ == "dobj" and c.lemma_.lower() in _COMMUNICATIONS for c in token.children)


def complement_recipient(token: Token, actors: DocActors, depth: int = 0) -> list[Entity]:
    """Whom an absorbed complement is about: "demanded that the US cancel" (its subject),
    "offered to hand over to Great Britain" (its recipient)."""
    for child in token.children:
        if child.dep_ == "ccomp":
            subj = subject_of(child) or _passive_subject(child)
            if subj is not None:
                # "demanded that the US cancel", "... that control of the ministry be ..."
                found = actors.entities(subj) or noun_recipient(
                    subj, actors, _OBJECT_PARTY_PREPS) or _modifier_entities(subj, actors)
                if found:
                    return found
        if child.dep_ in ("xcomp", "ccomp") and depth < 3:
            out: list[Entity] = []
            for grand in child.children:
                if grand.dep_ in ("dobj", "dative", "iobj"):
                    out.extend(actors.entities(grand))
                elif grand.dep_ == "prep" and grand.lower_ in _RECIPIENT_PREPS:
                    for obj in grand.children:
                        if obj.dep_ == "pobj":
                            # "refused to respond to a demand from the US President"
                            out.extend(actors.entities(obj) or noun_recipient(
                                obj, actors, _OBJECT_PARTY_PREPS))
            if not out:
                for grand in child.children:
                    if grand.dep_ == "dobj":
                        out.extend(noun_recipient(grand, actors, _OBJECT_PARTY_PREPS))
                        out.extend(_modifier_entities(grand, actors))
            return out or complement_recipient(child, actors, depth + 1)
    return []


def noun_actor(found: Found, actors: DocActors, lex: EventLexicon) -> list[Entity]:
    noun = found.token
    # a mediation "between Syria and Arafat" names the parties mediated, not the mediator
    third_party = found.row.mode == "third-party"
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "between" and not third_party:
            parties: list[Entity] = []
            for obj in child.children:
                if obj.dep_ == "pobj":
                    parties.extend(actors.entities(obj))
            if parties:
                return parties
        # (a word of its source: "criticism from the opposition", "requests from the USA")
        if child.dep_ == "agent" or (child.dep_ == "prep" and child.lower_ == "by") or (
                child.dep_ == "prep" and child.lower_ == "from"
                and found.row.event_type in _SOURCE_FROM_TYPES):
            for obj in child.children:
                if obj.dep_ == "pobj" and actors.entities(obj):
                    return actors.entities(obj)
    own = _modifier_entities(noun, actors)
    if own:
        return own
    if found.light_verb is not None:
        ents, _ = verb_actor(found.light_verb, actors, lex)
        return ents
    if noun.dep_ == "pobj" and noun.head.lower_ in _CIRCUMSTANCE_PREPS \
            and noun.head.head.pos_ == "VERB":
        # "threw stones during demonstrations", "remained on alert", "were engaged in
        # ethnic cleansing": the clause's subject
        verb = noun.head.head
        ents, _ = _verb_actor(verb, actors)
        passive = _passive_subject(verb)
        if not ents and passive is not None:
            ents = actors.entities(passive)
        return ents
    return []


def _modifier_entities(noun: Token, actors: DocActors) -> list[Entity]:
    out: list[Entity] = []
    for child in noun.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and child.i < noun.i:
            for ent in actors.entities(child) or _adjective_entities(child, actors):
                if ent not in out:
                    out.append(ent)
    return out


def _adjective_entities(token: Token, actors: DocActors) -> list[Entity]:
    """Adjectives are not phrase heads in the actor index; look them up directly."""
    got = actors.by_head.get(token.i)
    if got:
        return got
    return actors.modifier_entity(token)


def noun_recipient(noun: Token, actors: DocActors,
                   preps: frozenset[str] = _NOUN_RECIPIENT_PREPS) -> list[Entity]:
    out: list[Entity] = []
    for child in noun.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    # "concern over Moscow-Pyongyang relations": the parties of the object
                    out.extend(actors.entities(obj) or _modifier_entities(obj, actors))
    return out


def _identity(entity: Entity) -> tuple[str | None, str | None, str | None]:
    # unnamed mentions ("Iranian authorities", "workers") are told apart by their words
    return (entity.name or entity.text.lower(), entity.country, entity.sector if not
            entity.name else None)


def distinct(actor: list[Entity], recipient: list[Entity]) -> list[Entity]:
    """Recipients that are not the actor itself."""
    keys = {_identity(a) for a in actor}
    out: list[Entity] = []
    for ent in recipient:
        key = _identity(ent)
        if key in keys:
            continue
        keys.add(key)
        out.append(ent)
    return out
