"""Query-string filters -> validated :class:`EventFilter`; opaque keyset cursors.

Every value is checked against its vocabulary or pattern before it reaches a query, and
an unknown parameter is an error rather than silently ignored (a typo must not return
the unfiltered table).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import math
import re
from collections.abc import Iterable
from typing import Any

from fastapi import Request

from ..store.query import INTERVALS, SORTS, EventFilter
from .errors import ApiError
from .vocab import STATUSES, event_types, modes

FILTERS = ("actor", "recipient", "country", "type", "mode", "status", "since", "until", "q",
           "bbox")
PAGING = ("limit", "cursor", "sort", "format")
MAX_LIMIT = 1000
MAX_Q = 200

_COUNTRY = re.compile(r"[A-Za-z]{3}")
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")


def _bad(name: str, message: str) -> ApiError:
    return ApiError(400, "invalid_parameter", f"{name}: {message}")


def check_known(request: Request, allowed: Iterable[str]) -> None:
    allowed = set(allowed)
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise ApiError(400, "unknown_parameter",
                       f"unknown parameter {', '.join(unknown)}; "
                       f"known: {', '.join(sorted(allowed))}")
    for name in request.query_params:
        if len(request.query_params.getlist(name)) > 1:
            raise _bad(name, "given more than once")


def country(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _COUNTRY.fullmatch(value):
        raise _bad(name, f"expected a three-letter country code such as RUS, got {value!r}")
    return value.upper()


def date_bound(name: str, value: str | None) -> str | None:
    if value is None or value == "":
        return None
    if not _DATE.fullmatch(value):
        raise _bad(name, f"expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    padded = value + "-01-01"[len(value) - 4:] if len(value) < 10 else value
    try:
        dt.date.fromisoformat(padded)
    except ValueError:
        raise _bad(name, f"not a calendar date: {value!r}") from None
    return value


def _choice(name: str, value: str | None, allowed: Iterable[str], *, upper: bool) -> str | None:
    if value is None or value == "":
        return None
    wanted = value.upper() if upper else value.lower()
    allowed = sorted(allowed)
    if wanted not in allowed:
        raise _bad(name, f"unknown value {value!r}; choose one of {', '.join(allowed)}")
    return wanted


def bbox(value: str | None) -> tuple[float, float, float, float] | None:
    if value is None or value == "":
        return None
    try:
        parts = tuple(float(p) for p in value.split(","))
    except ValueError:
        parts = ()
    if len(parts) != 4 or not all(math.isfinite(p) for p in parts):
        raise _bad("bbox", "expected minlon,minlat,maxlon,maxlat as four numbers")
    minlon, minlat, maxlon, maxlat = parts
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= maxlat <= 90):
        raise _bad("bbox", "longitudes must lie in [-180, 180], latitudes in [-90, 90] "
                           "with minlat <= maxlat")
    return minlon, minlat, maxlon, maxlat


def event_filter(request: Request) -> EventFilter:
    """The filters of a request's query string (unknown names are checked elsewhere)."""
    qp = request.query_params
    q = qp.get("q") or None
    if q is not None and len(q) > MAX_Q:
        raise _bad("q", f"at most {MAX_Q} characters")
    since, until = date_bound("since", qp.get("since")), date_bound("until", qp.get("until"))
    if since and until and since > until + "\uffff":
        raise _bad("since", "is after until")
    return EventFilter(
        actor=country("actor", qp.get("actor")),
        recipient=country("recipient", qp.get("recipient")),
        country=country("country", qp.get("country")),
        event_type=_choice("type", qp.get("type"), event_types(), upper=True),
        mode=_choice("mode", qp.get("mode"), modes(), upper=False),
        status=_choice("status", qp.get("status"), STATUSES, upper=False),
        since=since, until=until, q=q, bbox=bbox(qp.get("bbox")))


def sort(value: str | None) -> str:
    return _choice("sort", value or "-date", SORTS, upper=False) or "-date"


def interval(value: str | None) -> str:
    return _choice("interval", value or "week", INTERVALS, upper=False) or "week"


def limit(value: str | None, default: int = 50) -> int:
    if value is None or value == "":
        return default
    # ASCII digits only ('²'.isdigit() is true, int('²') fails) and a few of them (int()
    # refuses over 4,300 digits)
    if not (value.isascii() and value.isdigit() and len(value) <= 6) or not (
            1 <= int(value) <= MAX_LIMIT):
        raise _bad("limit", f"expected a whole number from 1 to {MAX_LIMIT}")
    return int(value)


def encode_cursor(sort_name: str, key: tuple[Any, str]) -> str:
    raw = json.dumps([sort_name, key[0], key[1]], separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(value: str | None, sort_name: str) -> tuple[Any, str] | None:
    if value is None or value == "":
        return None
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
        name, key, event_id = json.loads(raw)
    except (binascii.Error, ValueError, TypeError, RecursionError):
        raise _bad("cursor", "not a cursor this API returned") from None
    if name != sort_name:
        raise _bad("cursor", f"made for sort={name}; repeat the request with that sort")
    numeric = sort_name.endswith("score")
    if not isinstance(event_id, str) or (
            not isinstance(key, (int, float)) if numeric else not isinstance(key, str)):
        raise _bad("cursor", "not a cursor this API returned")
    return key, event_id
