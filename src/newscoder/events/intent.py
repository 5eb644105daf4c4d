"""Statements of intention and refusal, as PLOVER codes them.

An actor's own stated future act is a verbal event: "Portugal will support Turkey's bid,
Soares said" and "Syria is willing to withdraw" are promises (AGREE, CONCEDE); "farmers
said they would blockade Paris" and "plans to impose restrictions" are threats
(THREATEN), as is a conditioned one ("will withdraw its force unless X arranges a
ceasefire"); "Syria says it will not accept refugees" is a refusal (REJECT). What others
merely expect ("is expected to travel") keeps its own type with status ``future``.
"""

from __future__ import annotations

from .lexicon import modal_words
from .status import Modality

_PROMISE = {"CONSULT": "AGREE", "AID": "AGREE", "COOPERATE": "AGREE", "SUPPORT": "AGREE",
            "RETREAT": "CONCEDE"}
_THREAT = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
_FUTURE = modal_words("future")
# acts whose denial by the actor is a refusal ("would not accept", "will not lift the
# ban"); "will not attack" denies a hostile act, which is no refusal, and a meeting that
# will not happen stays a denied meeting ("she will not visit Waitangi": dev-a's gold)
_REFUSABLE = {"AGREE", "SUPPORT", "COOPERATE", "AID", "RETREAT", "CONCEDE"}


def reinterpret(event_type: str, mood: Modality, *, stated_intent: bool,
                own_words: bool) -> tuple[str, str]:
    """The event type and status once intention and refusal are taken into account.

    ``stated_intent``: the trigger's lexicon row is itself an intention (agree, pledge).
    ``own_words``: the reporting verb's speaker is the event's actor.
    """
    stated = mood.speech_verb is not None and mood.modal in _FUTURE
    if mood.status == "negated":
        # a refusal needs no reporting verb: "he would not accept any legislation" (the
        # actor's own denied future); a denied past act is only that ("didn't accept the
        # arguments" as a refusal: dev-b one false event more)
        refused = stated or (not mood.conditional and event_type in _REFUSABLE
                             and mood.modal in _FUTURE)
        if refused and event_type not in ("REJECT", "ACCUSE", "REQUEST"):
            return "REJECT", "asserted"
        return event_type, mood.status
    if mood.status not in ("future", "hypothetical"):
        return event_type, mood.status
    if stated_intent and stated:
        return event_type, "asserted"  # "said he would boost cooperation": the pledge
    if mood.ultimatum and mood.modal in _FUTURE and event_type not in ("REQUEST", "AGREE"):
        return "THREATEN", "asserted"  # "will withdraw its force unless ..." is a threat
    if not (mood.intent or (stated and (own_words or event_type != "CONSULT"))):
        return event_type, mood.status
    if event_type in _PROMISE:
        return _PROMISE[event_type], "asserted"
    if event_type in _THREAT:
        return "THREATEN", "asserted"
    return event_type, mood.status
