"""Pydantic models of the HTTP edge: they describe requests and answers in OpenAPI.

Answers are built from stored JSON directly (no validation round trip on the hot path);
these classes are what the description promises, kept in step by the API tests.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ErrorDetail(BaseModel):
    code: str = Field(examples=["invalid_parameter"])
    message: str


class ErrorBody(BaseModel):
    error: ErrorDetail


class EventRecord(_Open):
    """A ``newscoder.event/1`` record (SCHEMA.md)."""

    schema_: str = Field(alias="schema", examples=["newscoder.event/1"])
    event_id: str
    doc_id: str
    doc_date: str
    event_type: str
    mode: str | None
    context: list[str]
    status: str
    actor: list[dict[str, Any]]
    recipient: list[dict[str, Any]]
    date: dict[str, Any]
    location: dict[str, Any] | None
    attribution: list[dict[str, Any]]
    score: float
    quad: str
    evidence: dict[str, Any]
    coder: dict[str, Any]


class EventsPage(BaseModel):
    events: list[EventRecord]
    next: str | None = Field(description="cursor of the next page, null on the last")


class DocumentMeta(_Open):
    doc_id: str
    doc_date: str
    title: str | None
    url: str | None
    source: str | None


class EventOut(EventRecord):
    document: DocumentMeta | None


class DocumentOut(DocumentMeta):
    text: str
    events: list[EventRecord]


class ActorCount(BaseModel):
    country: str
    name: str | None
    actor: int
    recipient: int


class ActorList(BaseModel):
    actors: list[ActorCount]


class Counterpart(BaseModel):
    country: str
    name: str | None
    count: int


class ActorProfile(BaseModel):
    country: str
    name: str | None
    actor: int
    recipient: int
    actors: list[Counterpart] = Field(description="who acts on this country, most first")
    recipients: list[Counterpart] = Field(description="whom this country acts on")


class Group(_Open):
    count: int
    mean_score: float | None


class Period(Group):
    period: str
    by_quad: dict[str, int]


class Stats(BaseModel):
    filters: dict[str, str]
    interval: str
    count: int
    mean_score: float | None
    by_type: list[Group]
    by_quad: list[Group]
    timeline: list[Period]
    coarser: int = Field(description="events dated less precisely than the interval")


class DocumentIn(BaseModel):
    """One article; POST one as JSON, or many as JSON Lines (or a JSON array)."""

    text: str
    date: str = Field(examples=["2023-09-05"])
    id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None


class Outcome(BaseModel):
    doc_id: str
    outcome: str = Field(description="stored, unchanged, duplicate or failed")
    n_events: int
    duplicate_of: str | None = None
    error: str | None = None


class IngestResult(BaseModel):
    documents: list[Outcome]
    events: list[EventRecord]
