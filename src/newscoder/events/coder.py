"""The events stage: every PLOVER event of every sentence of a document.

For each trigger the stage gathers actor and recipient, status, date, location,
attribution, quantity, context and score, then merges mentions of one event within a
sentence ("expected to travel to Russia this month to meet Putin" is one planned visit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from ..actors import DocActors
from ..records import Document, Entity, Event, EventDate, Evidence, Place, Timex
from ..version import __version__
from .arguments import (
    distinct,
    noun_actor,
    noun_recipient,
    purpose_recipient,
    subject_of,
    verb_actor,
    verb_recipient,
)
from .attribution import attribution
from .dating import Anchored, anchor_timexes, date_for, document_date
from .intent import reinterpret
from .lexicon import EventLexicon, load_event_lexicon
from .quantity import quantity
from .status import modality
from .triggers import Found, find_triggers

Locator = Callable[[Sequence[Place], Token], Place | None]

_MATERIAL_WITHOUT_ACTOR = {"ASSAULT", "PROTEST", "COERCE"}
_TARGETS_THE_PLACE = {"PROTEST": "GOV", "COERCE": None, "THREATEN": None, "ASSAULT": None,
                      "SANCTION": None}


def _date_of(value: EventDate) -> dt.date | None:
    parts = value.value.split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 1
        day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 1
        return dt.date(year, month, day)
    except (ValueError, IndexError):
        return None


def _sentence_bounds(sent: Span) -> tuple[int, int]:
    words = [t for t in sent if not t.is_space]
    if not words:
        return sent.start_char, sent.end_char
    return words[0].idx, words[-1].idx + len(words[-1].text)


def _countries(entities: Sequence[Entity]) -> frozenset[str]:
    return frozenset(e.country for e in entities if e.country)


class EventCoder:
    """Pipeline stage turning a parsed, actor-resolved document into events."""

    name = "events"

    def __init__(self, lexicon: EventLexicon | None = None, locate: Locator | None = None) -> None:
        self.lex = lexicon or load_event_lexicon()
        self.locate = locate

    def code(self, document: Document, doc: Doc, actors: DocActors, timexes: list[Timex],
             places: Sequence[Place] = ()) -> list[Event]:
        anchored = anchor_timexes(doc, timexes, document.date)
        events: list[Event] = []
        for sent in doc.sents:
            found = [self._event(document, sent, item, actors, anchored, places, events)
                     for item in find_triggers(sent, self.lex)]
            events.extend(_merge([e for e in found if e is not None]))
        return events

    # -- one trigger ----------------------------------------------------------------------
    def _event(self, document: Document, sent: Span, item: Found, actors: DocActors,
               anchored: list[Anchored], places: Sequence[Place],
               earlier: list[Event]) -> Event | None:
        token, row = item.token, item.row
        location = self.locate(places, token) if self.locate and places else None
        parties = self._parties(item, actors, location)
        if parties is None:
            return None
        actor, recipient = parties
        event_type, status = self._interpret(item, actor, actors)

        date = date_for(token, anchored) or self._inherited(event_type, actor, earlier) \
            or document_date(document.date)
        if item.is_noun and token.dep_ == "pobj" and token.head.lower_ in ("after", "before") \
                and date.method == "inferred" and len(date.value) > 4:
            # "months after a summit": an earlier event of roughly known time; keep the year
            date = replace(date, value=date.value[:4], precision="year")
        when = _date_of(date) or document.date
        actor = [actors.on_date(e, when) for e in actor]
        recipient = [actors.on_date(e, when) for e in recipient]

        start, end = _sentence_bounds(sent)
        carrier = item.light_verb
        trigger_text = f"{carrier.text} … {token.text}" if carrier is not None \
            and carrier.i < token.i else token.text
        evidence = Evidence(sentence=document.text[start:end], start=start, end=end,
                            trigger=trigger_text, trigger_start=token.idx,
                            trigger_end=token.idx + len(token.text))
        mode = row.mode if event_type == row.event_type else None
        return Event(
            event_id=_event_id(document, token.idx, event_type),
            doc_id=document.doc_id, doc_date=document.date.isoformat(),
            event_type=event_type, mode=mode,
            context=self._context(row.context, token, item.is_noun),
            status=status, actor=tuple(actor), recipient=tuple(recipient), date=date,
            location=location,
            attribution=tuple(attribution(sent, token, self.lex.speech_verbs, actors)),
            quantity=quantity(token, item.is_noun),
            score=self.lex.score(event_type, mode),
            quad=self.lex.quads[event_type], evidence=evidence, coder_version=__version__,
        )

    def _parties(self, item: Found, actors: DocActors,
                 location: Place | None) -> tuple[list[Entity], list[Entity]] | None:
        """Actor and recipient of a trigger, or None when it codes no event."""
        token, row = item.token, item.row
        if item.is_noun:
            actor = noun_actor(item, actors)
            recipient = noun_recipient(token, actors)
            if item.light_verb is not None and not recipient:
                recipient = [e for e in verb_recipient(item.light_verb, item, actors)
                             if e not in actor]
        elif item.speaker is not None:
            actor, _ = verb_actor(item.speaker, actors)
            recipient, _ = verb_actor(token, actors)
        else:
            actor, _ = verb_actor(token, actors)
            recipient = verb_recipient(token, item, actors)
        if not recipient and row.event_type == "PROTEST":
            # "a hunger strike to demand the resignation of President Ben Bella"
            recipient = purpose_recipient(token, actors) or (
                purpose_recipient(item.light_verb, actors) if item.light_verb else [])
        recipient = distinct(actor, recipient)
        stated = bool(actor or recipient)  # before any party is inferred from the place
        placed = location is not None and location.country is not None
        if not recipient and placed and (row.mode == "visit"
                                         or row.event_type in _TARGETS_THE_PLACE):
            # a visit's host is the country visited; a protest with no stated target is
            # addressed to the authorities where it is held; a curfew, a threat or an
            # attack with none falls on the place itself
            assert location is not None
            recipient = [Entity(text=location.text, name=location.name, country=location.country,
                                sector=_TARGETS_THE_PLACE.get(row.event_type),
                                start=location.start, end=location.end, kind="place")]
        if row.event_type == "PROTEST" and placed:
            # protesters whose nationality goes unsaid are taken as people of the place
            assert location is not None
            actor = [a if a.country else replace(a, country=location.country, sector=a.sector
                                                   or "CVL") for a in actor]
        if row.has("symmetric") and not recipient and len(_countries(actor)) >= 2:
            # "Kim and Putin met": each party of a mutual act is the other's counterpart
            recipient = list(actor)
        if row.has("need_recipient") and not recipient:
            return None
        if not stated or not actor and row.event_type not in _MATERIAL_WITHOUT_ACTOR:
            return None  # no party named in the text: "planning an attack" codes nothing
        return actor, recipient

    def _interpret(self, item: Found, actor: list[Entity],
                   actors: DocActors) -> tuple[str, str]:
        """Event type and status once modality, intention and reporting are read."""
        row = item.row
        mood = modality(item.speaker or item.light_verb or item.token, self.lex)
        own_words = False
        if mood.speech_verb is not None:
            subject = subject_of(mood.speech_verb)
            speaker = _countries(actors.entities(subject)) if subject is not None else frozenset()
            own_words = bool(speaker & _countries(actor))
        if mood.intent and mood.intender is not None:
            # "we are prepared to counter a test by North Korea": the intention is the
            # speaker's, not North Korea's
            holder, _ = verb_actor(mood.intender, actors)
            if holder and not _countries(holder) & _countries(actor):
                mood = replace(mood, intent=False)
        event_type, status = reinterpret(row.event_type, mood, stated_intent=row.has("intent"),
                                         own_words=own_words)
        if row.has("joint") and len(_countries(actor)) >= 2:
            event_type = "COOPERATE"  # "French and Egyptian warships launched war games"
        return event_type, status

    def _inherited(self, event_type: str, actor: list[Entity],
                   earlier: list[Event]) -> EventDate | None:
        """The date of an earlier mention of the same event: same type, a shared actor."""
        countries = _countries(actor)
        for event in reversed(earlier):
            if event.event_type == event_type and countries & _countries(event.actor) \
                    and event.date.method in ("explicit", "relative"):
                return replace(event.date, method="inferred")
        return None

    def _context(self, base: tuple[str, ...], token: Token, is_noun: bool) -> tuple[str, ...]:
        words = token.subtree if is_noun else (
            t for child in token.children
            if child.dep_ in ("dobj", "prep", "xcomp", "dative", "nsubjpass")
            for t in child.subtree)
        found = list(base)
        for word in words:
            context = self.lex.contexts.get(word.lower_)
            if context and context not in found:
                found.append(context)
        return tuple(found)


def _event_id(document: Document, offset: int, event_type: str) -> str:
    key = f"{document.doc_id}|{document.date.isoformat()}|{offset}|{event_type}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:20]


def _parties(event: Event) -> frozenset[str]:
    return _countries(event.actor) or frozenset(a.text for a in event.actor)


def _merge(events: list[Event]) -> list[Event]:
    """One event per type and actor in a sentence: mentions of the same act ("Kim and
    Putin met in 2019, when the North Korean leader arrived" is one meeting)."""
    out: list[Event] = []
    for event in events:
        mine = _parties(event)
        twin = next((i for i, e in enumerate(out) if e.event_type == event.event_type
                     and (mine <= _parties(e) or _parties(e) <= mine)), None)
        if twin is None:
            out.append(event)
            continue
        first = out[twin]
        actors = list(first.actor) + [a for a in event.actor if a.country not in
                                      _countries(first.actor) and a not in first.actor]
        recipients = list(first.recipient) + [r for r in event.recipient
                                             if r not in first.recipient]
        better_date = first.date if first.date.method in ("explicit", "relative") \
            or event.date.method not in ("explicit", "relative") else event.date
        mirrored = set(first.recipient) == set(first.actor)  # a mutual act's parties
        out[twin] = replace(first, actor=tuple(actors),
                            recipient=tuple(actors) if mirrored else tuple(
                                distinct(actors, recipients)),
                            date=better_date, location=first.location or event.location,
                            quantity=first.quantity or event.quantity,
                            context=tuple(dict.fromkeys(first.context + event.context)))
    return out
