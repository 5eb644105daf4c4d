"""Bulk writes and store-to-store copies: a coded SQLite store into PostgreSQL, say.

:func:`bulk_insert` writes rows with PostgreSQL's ``COPY ... FROM STDIN`` (psycopg 3)
where it can, which loads hundreds of thousands of rows a second, and with executemany
elsewhere. :func:`copy_store` copies every table of one store into a new, empty one, in
one transaction, without coding anything again (the rollups come along as they are).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Table, insert, select, text
from sqlalchemy.engine import Connection

from ..errors import StoreError
from .schema import country_weekly, documents, dyad_weekly, event_dyads, event_parties, events

__all__ = ["TABLES", "bulk_insert", "copy_store"]

# every table with rows, parents before the tables that refer to them
TABLES: tuple[Table, ...] = (documents, events, event_parties, event_dyads, dyad_weekly,
                             country_weekly)
CHUNK = 20_000  # rows read or written at a time where COPY is not available


def bulk_insert(conn: Connection, table: Table, rows: Iterable[Sequence[Any]]) -> int:
    """Insert ``rows`` (tuples in the order of ``table.columns``) in the caller's
    transaction; the number inserted."""
    if conn.dialect.name == "postgresql" and conn.dialect.driver == "psycopg":
        columns = ", ".join(f'"{c.name}"' for c in table.columns)
        # the driver's own connection: the same session and transaction as ``conn``
        dbapi: Any = conn.connection.driver_connection
        n = 0
        with dbapi.cursor() as cursor, cursor.copy(
                f'COPY "{table.name}" ({columns}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        return n
    names = [c.name for c in table.columns]
    n = 0
    iterator = iter(rows)
    while chunk := list(itertools.islice(iterator, CHUNK)):
        conn.execute(insert(table), [dict(zip(names, row, strict=True)) for row in chunk])
        n += len(chunk)
    return n


def copy_store(source: str, target: str) -> dict[str, int]:
    """Copy every row of the store at ``source`` into the new or empty store at
    ``target`` (paths or URLs, as :func:`open_store` takes); rows copied per table."""
    from . import open_store

    src = open_store(source)
    dst = open_store(target)
    try:
        if any(dst.counts().values()):
            raise StoreError(f"{target}: not empty; copy into a new store")
        copied: dict[str, int] = {}
        with src.reader.connect() as reader, dst.engine.begin() as writer:
            for table in TABLES:
                result = reader.execute(select(*table.columns).execution_options(
                    stream_results=True, yield_per=CHUNK))
                copied[table.name] = bulk_insert(writer, table, (tuple(r) for r in result))
            if writer.dialect.name == "postgresql":
                # fresh statistics, so that the planner picks the indexes right away
                for table in TABLES:
                    writer.execute(text(f'ANALYZE "{table.name}"'))
        return copied
    finally:
        src.close()
        dst.close()
