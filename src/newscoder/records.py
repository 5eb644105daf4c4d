"""Records passed between the stages and written to the store.

All records are frozen, slotted dataclasses: stages build new ones instead of mutating,
which keeps batches safe to share between threads and processes. ``to_dict`` gives the
``newscoder.event/1`` JSON shape of SCHEMA.md.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_SCHEMA = "newscoder.event/1"


@dataclass(frozen=True, slots=True)
class Document:
    """One dated article as read from the input."""

    doc_id: str
    text: str
    date: dt.date
    title: str | None = None
    url: str | None = None
    source: str | None = None
    path: str | None = None  # file the document came from, for messages


@dataclass(frozen=True, slots=True)
class Timex:
    """A TIMEX3 expression normalised against the document date."""

    text: str
    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2023-09-04, 2023-09, P3D, PRESENT_REF, XXXX-06 ...
    mod: str | None = None  # TIMEX3 mod: BEFORE, AFTER, START, APPROX ...

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved to a gazetteer entry."""

    text: str
    start: int
    end: int
    role: str  # "location" or "metonym"
    name: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None  # ISO3
    feature: str | None = None  # GeoNames feature code, e.g. PPLC
    # as an event's location, how it was found: stated (in the event's clause), inherited
    # (from an earlier mention of the event), dateline, article (where the story is set)
    method: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.method is None:
            del out["method"]  # a toponym, not an event's location
        return out

    def location_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "geonameid": self.geonameid,
                "lat": self.lat, "lon": self.lon, "country": self.country,
                "method": self.method}


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor: what the text says and the country and sector it codes to."""

    text: str
    name: str | None = None
    country: str | None = None  # ISO3 or an ONTOLOGY extra code (IGO, UNO, NGO ...)
    sector: str | None = None
    start: int = -1
    end: int = -1
    kind: str = "unknown"  # country, adjective, metonym, organisation, person, role, group
    sector_from_text: bool = False  # the text gave the role; the figures table must not override
    # how the country was found: "text" (the mention's own words, a table, coreference) or
    # "context" (the text names none: the clause, earlier events, the article's country)
    method: str = "text"

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "name": self.name, "country": self.country,
                "sector": self.sector, "method": self.method}


@dataclass(frozen=True, slots=True)
class EventDate:
    value: str
    precision: str  # day, month, year, week, quarter, ...
    text: str | None
    method: str  # explicit, relative, dependent, tense, inferred, document
    # the last day of a range running to the time of writing ("since 2006"); None for a
    # point in time (and then left out of the record)
    end: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        if self.end is None:
            del out["end"]
        return out


@dataclass(frozen=True, slots=True)
class Quantity:
    value: float | int
    unit: str | None
    qualifier: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    sentence: str
    start: int
    end: int
    trigger: str
    trigger_start: int = -1
    trigger_end: int = -1
    # what proposed the trigger: "lexicon" (a row of data/events) or "classifier" (the
    # word the learned model weighs most for the type)
    source: str = "lexicon"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Event:
    event_id: str
    doc_id: str
    doc_date: str
    event_type: str
    mode: str | None
    context: tuple[str, ...]
    status: str
    actor: tuple[Entity, ...]
    recipient: tuple[Entity, ...]
    date: EventDate
    location: Place | None
    attribution: tuple[Entity, ...]
    quantity: Quantity | None
    score: float
    quad: str
    evidence: Evidence
    coder_version: str = "0.1.0"
    confidence: float = 1.0  # the coder's probability that the event is reported as coded

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": EVENT_SCHEMA,
            "event_id": self.event_id,
            "doc_id": self.doc_id,
            "doc_date": self.doc_date,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "status": self.status,
            "actor": [e.to_dict() for e in self.actor],
            "recipient": [e.to_dict() for e in self.recipient],
            "date": self.date.to_dict(),
            "location": self.location.location_dict() if self.location else None,
            "attribution": [e.to_dict() for e in self.attribution],
            "quantity": self.quantity.to_dict() if self.quantity else None,
            "score": self.score,
            "quad": self.quad,
            "evidence": self.evidence.to_dict(),
            "confidence": self.confidence,
            "coder": {"name": "newscoder", "version": self.coder_version},
        }


@dataclass(slots=True)
class Analysis:
    """What the stages know about one document; each stage fills its own field."""

    document: Document
    spacy_doc: Any = None
    timexes: list[Timex] = field(default_factory=list)
    actors: Any = None  # newscoder.actors.DocActors
    places: list[Place] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    error: str | None = None  # why a stage failed on this document
