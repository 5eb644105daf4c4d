"""Read routes of the HTTP API: events, one event, documents, actors, statistics."""

from __future__ import annotations

import json
import time
from typing import Annotated, Any

from fastapi import APIRouter, Path, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ..store import EventStore
from ..store.query import (
    Page,
    actor_counts,
    actor_partners,
    document_meta,
    event_record,
    event_stats,
    fast_page,
    page_events,
)
from . import params
from .cache import ResultCache
from .errors import ApiError
from .exports import export_response
from .models import ActorList, ActorProfile, DocumentOut, ErrorBody, EventOut, EventsPage, Stats
from .vocab import STATUSES, country_names, event_types, modes

router = APIRouter(prefix="/api", tags=["events"])
ERRORS: dict[int | str, dict[str, Any]] = {400: {"model": ErrorBody}, 404: {"model": ErrorBody}}
ACTORS_TTL = 30.0



def _param(name: str, description: str, example: str | None = None) -> dict[str, Any]:
    spec: dict[str, Any] = {"name": name, "in": "query", "required": False,
                            "description": description, "schema": {"type": "string"}}
    if example:
        spec["example"] = example
    return spec


# Parameters are parsed by ``params`` from the raw query string (one validation, no
# per-request model building); these entries describe them in OpenAPI.
FILTER_DOCS = [
    _param("actor", "ISO3 country code of an actor (or IGO, UNO ...)", "RUS"),
    _param("recipient", "ISO3 country code of a recipient", "UKR"),
    _param("country", "ISO3 country code on either side"),
    _param("type", "PLOVER event type", "CONSULT"),
    _param("mode", "PLOVER mode", "visit"),
    _param("status", "asserted, future, hypothetical or negated"),
    _param("since", "first event date: YYYY, YYYY-MM or YYYY-MM-DD", "2023-09"),
    _param("until", "last event date; a month or year includes all of it", "2023-09"),
    _param("q", "text in the evidence sentence"),
    _param("bbox", "minlon,minlat,maxlon,maxlat", "124,33,146,46"),
]
PAGING_DOCS = [
    _param("limit", "page size, 1-1000 [50]; for csv/jsonl, the most records"),
    _param("cursor", "the `next` of the previous page"),
    _param("sort", "date, -date (default), score or -score"),
]
FORMAT_DOC = _param("format", "json (a page, default), csv or jsonl (the whole selection)")
INTERVAL_DOC = _param("interval", "day, week (default), month or year")


def _store(request: Request) -> EventStore:
    store: EventStore = request.app.state.store
    return store


def _json(body: Any, status: int = 200) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status_code=status,
                    media_type="application/json")


def _page_body(page: Page, sort: str) -> str:
    """The JSON page, built from the stored record texts as they are (never re-parsed)."""
    cursor = params.encode_cursor(sort, page.next_key) if page.next_key else None
    return ('{"events":[' + ",".join(page.records) + '],"next":'
            + ('"' + cursor + '"' if cursor else "null") + "}")


def _events(request: Request, fmt: str | None) -> Response:
    params.check_known(request, params.FILTERS + params.PAGING)
    qp = request.query_params
    f = params.event_filter(request)
    sort = params.sort(qp.get("sort"))
    after = params.decode_cursor(qp.get("cursor"), sort)
    fmt = fmt or qp.get("format") or "json"
    engine = _store(request).reader
    if fmt in ("csv", "jsonl"):
        limit = params.limit(qp.get("limit")) if qp.get("limit") else None
        return export_response(engine, f, fmt, sort=sort, after=after, limit=limit)
    if fmt != "json":
        raise ApiError(400, "invalid_parameter", "format: choose one of json, csv, jsonl")
    page = page_events(engine, f, sort=sort, limit=params.limit(qp.get("limit")), after=after)
    return Response(_page_body(page, sort), media_type="application/json")


def _fast_events(request: Request) -> Response | None:
    """A JSON page that one index range answers (a dyad by date on SQLite, about 0.1 ms
    of SQLite), read right here in the event loop rather than through a worker thread;
    None for every other request, or when the query string is not valid (the thread's
    :func:`_events` then answers it, errors included)."""
    qp = request.query_params
    if not (qp.get("actor") and qp.get("recipient")) or qp.get("format", "json") != "json":
        return None
    try:
        params.check_known(request, params.FILTERS + params.PAGING)
        f = params.event_filter(request)
        sort = params.sort(qp.get("sort"))
        after = params.decode_cursor(qp.get("cursor"), sort)
        limit = params.limit(qp.get("limit"))
    except ApiError:
        return None
    page = fast_page(_store(request).reader, f, sort=sort, limit=limit, after=after)
    if page is None:
        return None
    return Response(_page_body(page, sort), media_type="application/json")


@router.get("/events", response_model=EventsPage, responses=ERRORS,
            summary="Events matching filters, a page at a time",
            openapi_extra={"parameters": [*FILTER_DOCS, *PAGING_DOCS, FORMAT_DOC]})
async def list_events(request: Request) -> Response:
    fast = _fast_events(request)
    if fast is not None:
        return fast
    return await run_in_threadpool(_events, request, None)


@router.get("/events.csv", responses=ERRORS, summary="Events matching filters as CSV",
            response_class=Response,
            openapi_extra={"parameters": [*FILTER_DOCS, *PAGING_DOCS]})
def events_csv(request: Request) -> Response:
    return _events(request, "csv")


@router.get("/events.jsonl", responses=ERRORS, response_class=Response,
            summary="Events matching filters as JSON Lines",
            openapi_extra={"parameters": [*FILTER_DOCS, *PAGING_DOCS]})
def events_jsonl(request: Request) -> Response:
    return _events(request, "jsonl")


@router.get("/events/{event_id}", response_model=EventOut, responses=ERRORS,
            summary="One event with its evidence and document metadata")
def get_event(request: Request, event_id: Annotated[str, Path(max_length=200)]) -> Response:
    params.check_known(request, ())
    engine = _store(request).reader
    record = event_record(engine, event_id)
    if record is None:
        raise ApiError(404, "not_found", f"no event {event_id!r}")
    event = json.loads(record)
    event["document"] = document_meta(engine, event["doc_id"])
    return _json(event)


@router.get("/documents/{doc_id}", response_model=DocumentOut, responses=ERRORS,
            summary="A document's metadata, text and events")
def get_document(request: Request, doc_id: Annotated[str, Path(max_length=255)]) -> Response:
    params.check_known(request, ())
    store = _store(request)
    doc = document_meta(store.reader, doc_id, text=True)
    if doc is None:
        raise ApiError(404, "not_found", f"no document {doc_id!r}")
    doc["events"] = list(store.events(doc_id=doc_id))
    return _json(doc)


@router.get("/actors", response_model=ActorList, responses=ERRORS,
            summary="Countries with their numbers of events as actor and recipient")
def list_actors(request: Request) -> Response:
    params.check_known(request, ())
    state = request.app.state
    cached = state.cache.get("actors")
    if cached is None or time.monotonic() - cached[0] > ACTORS_TTL:
        names = country_names()
        actors = [{**a, "name": names.get(a["country"])}
                  for a in actor_counts(_store(request).reader)]
        cached = (time.monotonic(), json.dumps({"actors": actors}, ensure_ascii=False))
        state.cache["actors"] = cached
    return Response(cached[1], media_type="application/json")


@router.get("/actors/{code}", response_model=ActorProfile, responses=ERRORS,
            summary="A country's counts and most frequent counterparts")
def get_actor(request: Request, code: str) -> Response:
    params.check_known(request, ())
    country = params.country("code", code)
    assert country is not None
    profile = actor_partners(_store(request).reader, country)
    names = country_names()
    profile["name"] = names.get(country)
    for side in ("actors", "recipients"):
        for row in profile[side]:
            row["name"] = names.get(row["country"])
    return _json(profile)


@router.get("/stats", response_model=Stats, responses=ERRORS,
            summary="Counts and mean PLOVER score by type, quad and period",
            openapi_extra={"parameters": [*FILTER_DOCS, INTERVAL_DOC]})
def get_stats(request: Request) -> Response:
    params.check_known(request, params.FILTERS + ("interval",))
    f = params.event_filter(request)
    interval = params.interval(request.query_params.get("interval"))
    filters = {k: v for k, v in request.query_params.items() if k in params.FILTERS}

    def compute() -> str:
        stats = event_stats(_store(request).reader, f, interval=interval)
        return json.dumps({"filters": filters, **stats}, ensure_ascii=False)

    cache: ResultCache = request.app.state.stats_cache
    body = cache.get((f, interval, tuple(sorted(filters.items()))), compute)
    return Response(body, media_type="application/json")


@router.get("/vocabulary", summary="Event types with their quads, modes and statuses")
def get_vocabulary(request: Request) -> Response:
    params.check_known(request, ())
    return _json({"types": event_types(), "modes": sorted(modes()),
                  "statuses": list(STATUSES)})
