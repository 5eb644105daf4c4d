"""Harm that is no attack: people hurt or killed in a mishap, dying of natural causes, or
nobody hurt at all.

The gold codes an ASSAULT only where someone uses force: "died in a car accident", "has
died at age 76", "a helicopter has crashed, killing 31" and "no one at the embassy was
injured" report no attack (train: such ASSAULT events were all false).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from .lexicon import word_set

_HARM = word_set("harm_verb")
_MISHAP = word_set("mishap_word")
_NATURAL = word_set("natural_death")
_NOBODY = word_set("nobody_word")
_PATIENT_DEPS = ("nsubjpass", "nsubj", "dobj")
# a trigger in these relations shares the clause of its head ("crashed, killing 31")
_CLAUSE_DEPS = ("advcl", "xcomp", "conj")


def harmless(trigger: Token) -> bool:
    """A verb of harm whose clause names a mishap or a natural death, or whose patient is
    nobody and whose cause goes unnamed."""
    lemma = trigger.lemma_.lower()
    if lemma not in _HARM:
        return False
    causes = _MISHAP | _NATURAL if lemma == "die" else _MISHAP
    if any(t.lemma_.lower() in causes or t.lower_ in causes for t in _clause(trigger)):
        return True
    return _nobody_hurt(trigger)


def _clause(trigger: Token) -> Iterator[Token]:
    yield from trigger.subtree
    if trigger.dep_ in _CLAUSE_DEPS:
        yield trigger.head


def befalls_nobody(trigger: Token) -> bool:
    """A passive whose subject is nobody or no thing, its doer unnamed ("no evacuations
    were ordered", "none were arrested"): the event did not take place."""
    return _nobody_hurt(trigger, ("nsubjpass",))


def _nobody_hurt(trigger: Token, deps: tuple[str, ...] = _PATIENT_DEPS) -> bool:
    if any(c.dep_ == "agent" for c in trigger.children):
        return False  # "nobody was injured by the blast": the blast is the attack
    for child in trigger.children:
        if child.dep_ not in deps:
            continue
        if child.lower_ in _NOBODY:
            return True
        if any(d.dep_ == "det" and d.lower_ == "no" for d in child.children):
            return True  # "no one", "no soldiers"
    return False
