"""The weekly rollups behind ``/api/stats``: counts and score sums by period, kept exact.

``dyad_weekly`` has one row per actor country x recipient country x (week, month, year)
x event type x quad; ``country_weekly`` the same per country and role: ``actor``,
``recipient``, ``any`` (either side, each event once) and, under country '', ``all``
events. A write adds the deltas of the events it stores and subtracts those of the
events it replaces, in its own transaction, so the rollups always equal a recount from
``events`` (``fill`` does that recount, for the migration and bulk loads).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, and_, bindparam, delete, insert, select, update

from .schema import ROLLUP_PERIODS, country_weekly, dyad_weekly, events

__all__ = ["Deltas", "bucket", "periods", "apply", "fill"]

Key = tuple[str, ...]


@lru_cache(maxsize=65536)
def bucket(value: str, interval: str) -> str | None:
    """The period of a TIMEX3 date value, or None when the value is coarser than it."""
    if interval == "year":
        return value[:4] if value[:4].isdigit() else None
    day: dt.date | None = None
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
        elif len(value) == 8 and value[5] == "W":
            day = dt.date.fromisocalendar(int(value[:4]), int(value[6:8]), 1)
    except ValueError:
        return None
    if interval == "month":
        if day is not None:
            return day.isoformat()[:7]
        return value if len(value) == 7 and value[4] == "-" and value[5:].isdigit() else None
    if day is None:
        return None
    if interval == "week":
        return (day - dt.timedelta(days=day.weekday())).isoformat()
    return day.isoformat()


@lru_cache(maxsize=65536)
def periods(value: str) -> tuple[str, str, str]:
    """(week, month, year) of a date value as :func:`bucket` bins it, '' where coarser."""
    return (bucket(value, "week") or "", bucket(value, "month") or "",
            bucket(value, "year") or "")


class Deltas:
    """Changes to the rollups: key -> [events, score sum], summed over many events."""

    __slots__ = ("dyads", "countries")

    def __init__(self) -> None:
        self.dyads: dict[Key, list[Any]] = {}
        self.countries: dict[Key, list[Any]] = {}

    @staticmethod
    def _bump(table: dict[Key, list[Any]], key: Key, sign: int, score: float) -> None:
        slot = table.get(key)
        if slot is None:
            table[key] = [sign, sign * score]
        else:
            slot[0] += sign
            slot[1] += sign * score

    def add(self, actor: Iterable[str], recipient: Iterable[str], date_value: str,
            event_type: str, quad: str, score: float, sign: int = 1) -> None:
        """Count one event (``sign=-1``: uncount it); ``actor``/``recipient`` are its
        distinct countries on each side."""
        actor, recipient = list(actor), list(recipient)
        tail = (*periods(date_value), event_type, quad)
        bump = self._bump
        for a in actor:
            for r in recipient:
                bump(self.dyads, (a, r, *tail), sign, score)
            bump(self.countries, (a, "actor", *tail), sign, score)
        for r in recipient:
            bump(self.countries, (r, "recipient", *tail), sign, score)
        for c in sorted(set(actor) | set(recipient)):
            bump(self.countries, (c, "any", *tail), sign, score)
        bump(self.countries, ("", "all", *tail), sign, score)


def _key_columns(table: Table) -> list[str]:
    head = ["actor", "recipient"] if table is dyad_weekly else ["country", "role"]
    return [*head, *ROLLUP_PERIODS]


def _rows(table: Table, changes: dict[Key, list[Any]]) -> list[dict[str, Any]]:
    names = _key_columns(table)
    return [{**dict(zip(names, key, strict=True)), "n": n, "sum_score": total}
            for key, (n, total) in changes.items() if n != 0 or total != 0]


@lru_cache(maxsize=8)
def _upsert(dialect: str, table: Table) -> Any:
    """The INSERT .. ON CONFLICT DO UPDATE that adds rows to ``table``, built once per
    dialect: every stored document runs it, and building it each time cost more than
    running it. Only the dialect in use is imported (importing PostgreSQL's took 0.3 s
    of a SQLite run)."""
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        stmt: Any = sqlite.insert(table)
    else:
        from sqlalchemy.dialects import postgresql

        stmt = postgresql.insert(table)
    return stmt.on_conflict_do_update(index_elements=_key_columns(table), set_={
        "n": table.c.n + stmt.excluded.n,
        "sum_score": table.c.sum_score + stmt.excluded.sum_score})


def apply(conn: Any, deltas: Deltas) -> None:
    """Add ``deltas`` to the rollups (in the caller's transaction); drop emptied rows."""
    for table, changes in ((dyad_weekly, deltas.dyads), (country_weekly, deltas.countries)):
        rows = _rows(table, changes)
        if not rows:
            continue
        names = _key_columns(table)
        dialect = conn.dialect.name
        if dialect in ("sqlite", "postgresql"):
            conn.execute(_upsert(dialect, table), rows)
        else:  # portable: update, insert where there was nothing to update
            where = and_(*(table.c[c] == bindparam(f"k_{c}") for c in names))
            for row in rows:
                keyed = {f"k_{c}": row[c] for c in names}
                done = conn.execute(update(table).where(where).values(
                    n=table.c.n + row["n"], sum_score=table.c.sum_score + row["sum_score"]),
                    keyed).rowcount
                if not done:
                    conn.execute(insert(table).values(**row))
        shrunk = [{f"k_{c}": row[c] for c in names} for row in rows if row["n"] < 0]
        if shrunk:
            conn.execute(delete(table).where(and_(
                *(table.c[c] == bindparam(f"k_{c}") for c in names), table.c.n <= 0)), shrunk)


def deltas_of_stored(conn: Any, doc_id: str, deltas: Deltas) -> None:
    """Subtract the events now stored for ``doc_id`` (before they are replaced)."""
    query = select(events.c.actor_countries, events.c.recipient_countries,
                   events.c.date_value, events.c.event_type, events.c.quad,
                   events.c.score).where(events.c.doc_id == doc_id)
    for actor, recipient, date_value, event_type, quad, score in conn.execute(query):
        deltas.add(actor.split(), recipient.split(), date_value, event_type, quad, score, -1)


def fill(conn: Any, chunk: int = 20_000) -> int:
    """Recount both rollups from ``events``; the number of events read."""
    conn.execute(delete(dyad_weekly))
    conn.execute(delete(country_weekly))
    deltas = Deltas()
    query = select(events.c.actor_countries, events.c.recipient_countries,
                   events.c.date_value, events.c.event_type, events.c.quad, events.c.score)
    n = 0
    # streamed, as an option of this statement only: Connection.execution_options would
    # set it on the connection, and PostgreSQL's server-side cursors cannot run the
    # inserts below
    for actor, recipient, date_value, event_type, quad, score in conn.execute(
            query.execution_options(stream_results=True, yield_per=chunk)):
        deltas.add(actor.split(), recipient.split(), date_value, event_type, quad, score)
        n += 1
    from .copy import bulk_insert  # COPY on PostgreSQL: a recount writes many rows

    for table, changes in ((dyad_weekly, deltas.dyads), (country_weekly, deltas.countries)):
        names = [c.name for c in table.columns]
        bulk_insert(conn, table, (tuple(row[c] for c in names) for row in _rows(table, changes)))
    return n
