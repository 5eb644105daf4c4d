"""Read queries over the store for the HTTP API: filtered keyset pages, aggregates.

Filters are plain values (validated by the caller); every query is SQLAlchemy Core with
bound parameters, so it runs on SQLite and PostgreSQL alike. A query reads from the
narrowest table that answers it: ``event_dyads`` for an actor + recipient pair,
``event_parties`` for one side, ``events`` otherwise, and pages by keyset
``(sort value, event_id)`` so that a page's position survives inserts. Statistics read
the weekly rollups (``dyad_weekly``, ``country_weekly``) when they answer the filter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Engine,
    FromClause,
    and_,
    func,
    literal_column,
    or_,
    select,
)

from .rollup import bucket
from .schema import country_weekly, documents, dyad_weekly, event_dyads, event_parties, events

__all__ = ["EventFilter", "Page", "SORTS", "INTERVALS", "page_events", "fast_page", "event_stats",
           "actor_counts", "actor_partners", "event_record", "document_meta", "bucket"]

SORTS = ("date", "-date", "score", "-score")
INTERVALS = ("day", "week", "month", "year")
UNTIL_END = "\uffff"  # "2023-09" as an upper bound covers every day of September


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Conditions that all must hold; None means no condition."""

    actor: str | None = None
    recipient: str | None = None
    country: str | None = None  # either side
    event_type: str | None = None
    mode: str | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None  # text in the evidence sentence
    bbox: tuple[float, float, float, float] | None = None  # minlon, minlat, maxlon, maxlat
    doc_id: str | None = None


@dataclass(frozen=True, slots=True)
class Page:
    records: list[str]  # the stored JSON text of each record, in order
    next_key: tuple[Any, str] | None  # (sort value, event_id) of the last record, if more


@dataclass(frozen=True, slots=True)
class _Source:
    table: FromClause  # what the query selects from (joined to events when needed)
    date: Any
    event_id: Any
    score: Any
    event_type: Any
    quad: Any
    conditions: list[ColumnElement[bool]]


def _source(f: EventFilter, *, with_events: bool) -> _Source:
    needs_events = with_events or any(
        v is not None for v in (f.country, f.mode, f.status, f.q, f.bbox, f.doc_id))
    conditions: list[ColumnElement[bool]] = []
    if f.actor and f.recipient:
        d = event_dyads
        conditions += [d.c.actor == f.actor, d.c.recipient == f.recipient]
        table: FromClause = (d.join(events, events.c.event_id == d.c.event_id)
                             if needs_events else d)
        src = _Source(table, d.c.date_value, d.c.event_id, d.c.score, d.c.event_type,
                      d.c.quad, conditions)
    elif f.actor or f.recipient:
        p = event_parties
        role, code = ("actor", f.actor) if f.actor else ("recipient", f.recipient)
        conditions += [p.c.role == role, p.c.country == code]
        src = _Source(p.join(events, events.c.event_id == p.c.event_id), p.c.date_value,
                      p.c.event_id, events.c.score, events.c.event_type, events.c.quad,
                      conditions)
    else:
        e = events
        src = _Source(e, e.c.date_value, e.c.event_id, e.c.score, e.c.event_type, e.c.quad,
                      conditions)
    if f.event_type:
        conditions.append(src.event_type == f.event_type)
    if f.since:
        conditions.append(src.date >= f.since)
    if f.until:
        conditions.append(src.date <= f.until + UNTIL_END)
    conditions.extend(_event_conditions(f))
    return src


def _event_conditions(f: EventFilter) -> list[ColumnElement[bool]]:
    e = events
    out: list[ColumnElement[bool]] = []
    if f.country:
        out.append(e.c.event_id.in_(select(event_parties.c.event_id).where(
            event_parties.c.role.in_(("actor", "recipient")),
            event_parties.c.country == f.country)))
    if f.mode:
        out.append(e.c.mode == f.mode)
    if f.status:
        out.append(e.c.status == f.status)
    if f.q:
        out.append(e.c.sentence.icontains(f.q, autoescape=True))
    if f.doc_id:
        out.append(e.c.doc_id == f.doc_id)
    if f.bbox:
        minlon, minlat, maxlon, maxlat = f.bbox
        out.append(e.c.lat.between(minlat, maxlat))
        if minlon <= maxlon:
            out.append(e.c.lon.between(minlon, maxlon))
        else:  # the box crosses the antimeridian
            out.append(or_(e.c.lon >= minlon, e.c.lon <= maxlon))
    return out


def _dyad_page_sql(f: EventFilter, sort: str, limit: int,
                   after: tuple[Any, str] | None) -> tuple[str, tuple[Any, ...]] | None:
    """One SQLite statement (and its parameters) for a dyad's page by date, or None when
    ``f`` or ``sort`` asks for more than ``event_dyads`` and the event's primary key answer.

    The page is a range of the covering index ``ix_dyads_page`` walked in order, each row
    joined to its record by primary key: no sort, no reading of rows past the page.
    """
    if not (f.actor and f.recipient) or sort not in ("date", "-date") or any(
            v is not None for v in (f.country, f.mode, f.status, f.q, f.bbox, f.doc_id)):
        return None
    descending = sort == "-date"
    lo = f.since
    hi = f.until + UNTIL_END if f.until else None
    where = ["d.actor = ?", "d.recipient = ?"]
    args: list[Any] = [f.actor, f.recipient]
    if f.event_type:
        where.append("d.event_type = ?")
        args.append(f.event_type)
    if after is not None:
        value, last_id = after
        if not isinstance(value, str):
            return None
        # one bound of the index range: the tighter of the filter's and the cursor's
        if descending:
            hi = value if hi is None else min(hi, value)
            where.append("(d.date_value < ? OR d.event_id < ?)")
        else:
            lo = value if lo is None else max(lo, value)
            where.append("(d.date_value > ? OR d.event_id > ?)")
        args += [value, last_id]
    if lo is not None:
        where.append("d.date_value >= ?")
        args.append(lo)
    if hi is not None:
        where.append("d.date_value <= ?")
        args.append(hi)
    order = "DESC" if descending else "ASC"
    sql = ("SELECT e.record, d.date_value, d.event_id FROM event_dyads AS d "
           "CROSS JOIN events AS e ON e.event_id = d.event_id "
           f"WHERE {' AND '.join(where)} "
           f"ORDER BY d.date_value {order}, d.event_id {order} LIMIT ?")
    args.append(limit + 1)
    return sql, tuple(args)


def _page(rows: list[Any], limit: int) -> Page:
    more = len(rows) > limit
    rows = rows[:limit]
    next_key = (rows[-1][1], rows[-1][2]) if more and rows else None
    return Page([r[0] for r in rows], next_key)


def fast_page(engine: Engine, f: EventFilter, *, sort: str = "-date", limit: int = 50,
              after: tuple[Any, str] | None = None) -> Page | None:
    """:func:`page_events` for a dyad's page by date on SQLite (about 0.1 ms) or on
    PostgreSQL through psycopg 3, read with the driver on a connection of the engine's
    pool (no statement building); None when the request is not one of those (see
    :func:`page_events`)."""
    name = engine.dialect.name
    if not (name == "sqlite" or (name == "postgresql" and engine.dialect.driver == "psycopg")):
        return None
    plan = _dyad_page_sql(f, sort, limit, after)
    if plan is None:
        return None
    if name == "postgresql":
        # the same statement in psycopg's parameter style; a plain join (SQLite's CROSS
        # JOIN only fixes its join order, which PostgreSQL's planner picks alike: the
        # dyad index range, then each event by primary key). psycopg prepares it on a
        # connection after a few runs, so it is planned once there.
        sql, args = plan
        plan = (sql.replace("CROSS JOIN", "JOIN").replace("?", "%s"), args)
    conn = engine.raw_connection()
    try:
        cursor = conn.cursor()
        try:
            rows = cursor.execute(*plan).fetchall()
        finally:
            cursor.close()
    finally:
        conn.close()
    return _page(rows, limit)


def page_events(engine: Engine, f: EventFilter, *, sort: str = "-date", limit: int = 50,
                after: tuple[Any, str] | None = None) -> Page:
    """One page of records matching ``f``, after the keyset ``after`` if given."""
    fast = fast_page(engine, f, sort=sort, limit=limit, after=after)
    if fast is not None:
        return fast
    src = _source(f, with_events=True)
    key = src.score if sort.endswith("score") else src.date
    descending = sort.startswith("-")
    conditions = list(src.conditions)
    if after is not None:
        value, last_id = after
        if descending:
            conditions += [key <= value, or_(key < value, src.event_id < last_id)]
        else:
            conditions += [key >= value, or_(key > value, src.event_id > last_id)]
    order = ([key.desc(), src.event_id.desc()] if descending
             else [key.asc(), src.event_id.asc()])
    query = (select(events.c.record, key, src.event_id).select_from(src.table)
             .where(and_(True, *conditions)).order_by(*order).limit(limit + 1))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return _page(list(rows), limit)


class _Tally:
    __slots__ = ("count", "total", "by_quad")

    def __init__(self) -> None:
        self.count = 0
        self.total = 0.0
        self.by_quad: dict[str, int] = {}

    def add(self, quad: str, n: int, total: float) -> None:
        self.count += n
        self.total += total
        self.by_quad[quad] = self.by_quad.get(quad, 0) + n

    def mean(self) -> float | None:
        return round(self.total / self.count, 3) if self.count else None


def _rollup_source(f: EventFilter) -> tuple[Any, list[ColumnElement[bool]]] | None:
    """The rollup table and conditions that answer ``f``, or None when none can."""
    if any(v is not None for v in (f.mode, f.status, f.since, f.until, f.q, f.bbox,
                                   f.doc_id)):
        return None
    if f.country and (f.actor or f.recipient):
        return None
    if f.actor and f.recipient:
        t: Any = dyad_weekly
        conditions = [t.c.actor == f.actor, t.c.recipient == f.recipient]
    else:
        t = country_weekly
        if f.actor:
            conditions = [t.c.country == f.actor, t.c.role == "actor"]
        elif f.recipient:
            conditions = [t.c.country == f.recipient, t.c.role == "recipient"]
        elif f.country:
            conditions = [t.c.country == f.country, t.c.role == "any"]
        else:
            conditions = [t.c.country == "", t.c.role == "all"]
    if f.event_type:
        conditions.append(t.c.event_type == f.event_type)
    return t, conditions


def event_stats(engine: Engine, f: EventFilter, *, interval: str = "week",
                use_rollup: bool = True) -> dict[str, Any]:
    """Counts and mean score overall, by type, by quad and by period.

    Read from the weekly rollups when they answer the filter (by week, month or year on
    a dyad, one side's country, a country on either side or everything, optionally of
    one event type), else (or with ``use_rollup=False``) from the events.
    """
    rollup = (_rollup_source(f) if use_rollup and interval in ("week", "month", "year")
              else None)
    if rollup is not None:
        t, conditions = rollup
        where = and_(*conditions)
        period = t.c[interval]
        by_period = (select(period, t.c.quad, func.sum(t.c.n), func.sum(t.c.sum_score))
                     .where(where, period != "").group_by(period, t.c.quad))
        by_kind = (select(t.c.event_type, t.c.quad, func.sum(t.c.n), func.sum(t.c.sum_score))
                   .where(where).group_by(t.c.event_type, t.c.quad))
        with engine.connect() as conn:
            date_rows = conn.execute(by_period).all()
            kind_rows = conn.execute(by_kind).all()
        return _stats(interval, kind_rows, date_rows, binned=True)
    src = _source(f, with_events=False)
    where = and_(True, *src.conditions)
    # two narrow groupings read fewer rows into Python than one by (date, type, quad)
    by_date = (select(src.date, src.quad, func.count(), func.sum(src.score))
               .select_from(src.table).where(where).group_by(src.date, src.quad))
    by_kind = (select(src.event_type, src.quad, func.count(), func.sum(src.score))
               .select_from(src.table).where(where).group_by(src.event_type, src.quad))
    with engine.connect() as conn:
        date_rows = conn.execute(by_date).all()
        kind_rows = conn.execute(by_kind).all()
    return _stats(interval, kind_rows, date_rows, binned=False)


def _stats(interval: str, kind_rows: Any, date_rows: Any, *, binned: bool) -> dict[str, Any]:
    """The stats body from (type, quad, n, sum) rows and (date or period, quad, n, sum)
    rows; ``binned``: the latter are periods already, else date values to bin."""
    overall = _Tally()
    by_type: dict[str, _Tally] = {}
    by_quad: dict[str, _Tally] = {}
    for event_type, quad, n, total in kind_rows:
        n, total = int(n), float(total or 0.0)
        overall.add(quad, n, total)
        by_type.setdefault(event_type, _Tally()).add(quad, n, total)
        by_quad.setdefault(quad, _Tally()).add(quad, n, total)
    periods: dict[str, _Tally] = {}
    n_binned = 0
    for date_value, quad, n, total in date_rows:
        period = date_value if binned else bucket(date_value, interval)
        if period is not None:
            tally = periods.get(period)
            if tally is None:
                tally = periods[period] = _Tally()
            n = int(n)
            tally.add(quad, n, float(total or 0.0))
            n_binned += n
    # ties broken by name: a GROUP BY's rows come in no set order (PostgreSQL hashes them)
    return {
        "interval": interval,
        "count": overall.count,
        "mean_score": overall.mean(),
        "by_type": [{"event_type": k, "count": t.count, "mean_score": t.mean()}
                    for k, t in sorted(by_type.items(), key=lambda kv: (-kv[1].count, kv[0]))],
        "by_quad": [{"quad": k, "count": t.count, "mean_score": t.mean()}
                    for k, t in sorted(by_quad.items(), key=lambda kv: (-kv[1].count, kv[0]))],
        "timeline": [{"period": k, "count": t.count, "mean_score": t.mean(),
                      "by_quad": dict(sorted(t.by_quad.items()))}
                     for k, t in sorted(periods.items())],
        "coarser": overall.count - n_binned,  # dated less precisely than the interval
    }


def actor_counts(engine: Engine) -> list[dict[str, Any]]:
    """Every country with its number of events as actor and as recipient."""
    p = event_parties
    query = select(p.c.country, p.c.role, func.count().label("n")).group_by(p.c.role,
                                                                            p.c.country)
    counts: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for country, role, n in conn.execute(query):
            slot = counts.setdefault(country, {"country": country, "actor": 0, "recipient": 0})
            slot[role] = int(n)
    return sorted(counts.values(), key=lambda c: (-(c["actor"] + c["recipient"]), c["country"]))


def actor_partners(engine: Engine, country: str, limit: int = 20) -> dict[str, Any]:
    """A country's counts and its most frequent counterparts on either side."""
    d = event_dyads
    n = func.count().label("n")
    # ties by country code, so that every back end names the same partners
    as_actor = (select(d.c.recipient, n).where(d.c.actor == country)
                .group_by(d.c.recipient).order_by(literal_column("n").desc(), d.c.recipient)
                .limit(limit))
    as_recipient = (select(d.c.actor, n).where(d.c.recipient == country)
                    .group_by(d.c.actor).order_by(literal_column("n").desc(), d.c.actor)
                    .limit(limit))
    p = event_parties
    totals = (select(p.c.role, func.count()).where(
        p.c.role.in_(("actor", "recipient")), p.c.country == country).group_by(p.c.role))
    with engine.connect() as conn:
        counted = {role: int(k) for role, k in conn.execute(totals)}
        targets = [{"country": c, "count": int(k)} for c, k in conn.execute(as_actor)]
        sources = [{"country": c, "count": int(k)} for c, k in conn.execute(as_recipient)]
    return {"country": country, "actor": counted.get("actor", 0),
            "recipient": counted.get("recipient", 0),
            "recipients": targets, "actors": sources}


def event_record(engine: Engine, event_id: str) -> str | None:
    with engine.connect() as conn:
        return conn.execute(select(events.c.record).where(
            events.c.event_id == event_id)).scalar()


def document_meta(engine: Engine, doc_id: str, *, text: bool = False) -> dict[str, Any] | None:
    cols = [documents.c.doc_id, documents.c.doc_date, documents.c.title, documents.c.url,
            documents.c.source, documents.c.coder_version, documents.c.n_events]
    if text:
        cols.append(documents.c.text)
    with engine.connect() as conn:
        row = conn.execute(select(*cols).where(documents.c.doc_id == doc_id)).first()
    return dict(row._mapping) if row is not None else None
