"""The event store: documents and events in SQLite (default) or PostgreSQL.

Writing is idempotent: a document is stored with all its events in one transaction,
replacing what an earlier run stored for it, so a run killed midway and repeated neither
loses nor duplicates anything. The same text and date under another id is stored once.

Any number of processes may write at once (``newscoder code`` runs, server workers):
writers take the database's write lock when their transaction begins (SQLite ``BEGIN
IMMEDIATE``; a transaction-scoped advisory lock on PostgreSQL), so the duplicate check
and the insert see the same state; the document insert skips on a conflicting content
hash or id all the same, and a transaction that meets a busy database, a serialisation
failure or a deadlock is retried from the start.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import random
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import (
    ColumnElement,
    Engine,
    and_,
    create_engine,
    delete,
    event,
    insert,
    or_,
    select,
    text,
)
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError, SQLAlchemyError

from ..errors import StoreError
from ..records import Document, Event
from .migrate import upgrade
from .rollup import Deltas, deltas_of_stored
from .rollup import apply as apply_deltas
from .schema import (
    SCHEMA_VERSION,
    documents,
    event_dyads,
    event_parties,
    events,
    meta,
    metadata,
)

__all__ = ["EventStore", "StoreResult", "content_hash", "open_store"]

log = logging.getLogger(__name__)
T = TypeVar("T")

# How long a SQLite connection waits for another writer's lock before it reports the
# database busy; a batch of documents holds the lock for milliseconds, so this is only
# reached behind a stalled writer, and then the whole transaction is retried.
BUSY_TIMEOUT_S = 60.0
WRITE_ATTEMPTS = 8  # tries of one write transaction before giving up
_WRITE_OPTION = "newscoder_write"  # execution option: this transaction writes
# the one PostgreSQL advisory lock all newscoder writers of a database take ("nwsc")
_PG_WRITE_LOCK = 0x6E777363
# SQLSTATEs after which PostgreSQL asks to repeat the transaction: serialisation
# failure, deadlock, lock not available
_PG_RETRY = {"40001", "40P01", "55P03"}


def content_hash(document: Document) -> str:
    key = f"{document.date.isoformat()}\n{document.text}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoreResult:
    doc_id: str
    outcome: str  # stored, unchanged, duplicate
    n_events: int
    duplicate_of: str | None = None


def _url(target: str) -> str:
    """The SQLAlchemy URL of a ``--db`` value: a path is a SQLite file; a PostgreSQL URL
    without a driver (``postgresql://``, ``postgres://``) gets psycopg 3, the driver the
    ``postgres`` extra installs (SQLAlchemy's own default is psycopg2)."""
    if "://" not in target:
        return f"sqlite:///{Path(target).expanduser()}"
    scheme, rest = target.split("://", 1)
    if scheme in ("postgresql", "postgres"):
        return f"postgresql+psycopg://{rest}"
    return target


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # The driver would begin its own transaction only at the first INSERT, after the
    # duplicate check's SELECTs, leaving a gap in which another process inserts the same
    # document; _sqlite_begin emits BEGIN itself instead.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # set first: switching a new file to WAL takes a lock other processes may hold
    cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _sqlite_begin(conn: Connection) -> None:
    # a writer takes the write lock now (IMMEDIATE), waiting up to the busy timeout, so
    # what it reads before it writes is still true when it writes; readers do not block
    immediate = conn.get_execution_options().get(_WRITE_OPTION, False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _retryable(exc: DBAPIError) -> bool:
    """Whether repeating the transaction may succeed: the database was busy or locked,
    or it aborted the transaction to resolve a conflict."""
    if isinstance(exc.orig, _Lost):
        return True
    sqlstate = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if sqlstate in _PG_RETRY:
        return True
    message = str(exc.orig).lower()
    return "database is locked" in message or "database is busy" in message or (
        "database table is locked" in message)


class _Lost(Exception):
    """A document insert skipped on a conflict the transaction's check did not see."""


def _write(engine: Engine, work: Callable[[Connection], T]) -> T:
    """Run ``work`` in a write transaction, retried while the database is busy."""
    writer = engine.execution_options(**{_WRITE_OPTION: True})
    for attempt in range(1, WRITE_ATTEMPTS + 1):
        try:
            with writer.begin() as conn:
                if conn.dialect.name == "postgresql":
                    # one writer at a time: the check-then-insert of each document and the
                    # rollup arithmetic see every earlier writer's commit (SQLite's BEGIN
                    # IMMEDIATE does the same there)
                    conn.execute(text("SELECT pg_advisory_xact_lock(:key)"),
                                 {"key": _PG_WRITE_LOCK})
                return work(conn)
        except DBAPIError as exc:
            if attempt == WRITE_ATTEMPTS or not _retryable(exc):
                raise
            pause = min(2.0, 0.05 * 2 ** attempt) * (0.5 + random.random())
            log.info("event store busy (%s); retrying in %.2f s", exc.orig, pause)
            time.sleep(pause)
    raise AssertionError("unreachable")


READER_MMAP = 1 << 30  # bytes of the file a reader maps
READER_POOL = 8  # connections a reader pool keeps


def _sqlite_reader_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # readers never write (a bug cannot take the write lock), map the file into memory
    # (pages shared between connections and processes) and keep a small private cache
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only=ON")
    cursor.execute(f"PRAGMA mmap_size={READER_MMAP}")
    cursor.execute("PRAGMA cache_size=-16384")
    cursor.close()


def _insert_or_skip(conn: Connection) -> Any:
    """INSERT INTO documents that does nothing on a conflicting id or content hash."""
    return _insert_or_skip_in(conn.dialect.name)


@functools.lru_cache(maxsize=4)
def _insert_or_skip_in(dialect: str) -> Any:
    """The statement of :func:`_insert_or_skip`, built once per dialect (every stored
    document runs it)."""
    if dialect == "sqlite":
        from sqlalchemy.dialects import sqlite

        return sqlite.insert(documents).on_conflict_do_nothing()
    if dialect == "postgresql":
        from sqlalchemy.dialects import postgresql

        return postgresql.insert(documents).on_conflict_do_nothing()
    return insert(documents)


def _parties(value: str) -> str:
    return f" {value} " if value else ""


class EventStore:
    """Documents and their events; open with :func:`open_store`.

    ``engine`` reads and writes; ``reader`` (for a SQLite file: its own pool of
    read-only, memory-mapped connections; for PostgreSQL: its own pool in autocommit;
    else ``engine``) serves queries.
    """

    def __init__(self, engine: Engine, reader: Engine | None = None) -> None:
        self.engine = engine
        self.reader = reader or engine

    # -- writing --------------------------------------------------------------------------
    def add(self, document: Document, coded: list[Event]) -> StoreResult:
        return self.add_many([(document, coded)])[0]

    def add_many(self, items: Iterable[tuple[Document, list[Event]]]) -> list[StoreResult]:
        """Store documents with their events, one transaction for the lot."""
        batch = list(items)  # a retry goes over them again

        def work(conn: Connection) -> list[StoreResult]:
            return [self._add(conn, document, coded) for document, coded in batch]

        try:
            return _write(self.engine, work)
        except SQLAlchemyError as exc:
            raise StoreError(f"cannot write to the event store: {exc.__class__.__name__}: "
                             f"{exc.orig if hasattr(exc, 'orig') else exc}") from exc

    def _add(self, conn: Any, document: Document, coded: list[Event]) -> StoreResult:
        digest = content_hash(document)
        found = conn.execute(select(documents.c.doc_id, documents.c.content_hash).where(
            or_(documents.c.content_hash == digest,
                documents.c.doc_id == document.doc_id))).all()
        twin = next((doc_id for doc_id, digest_ in found if digest_ == digest), None)
        known = any(doc_id == document.doc_id for doc_id, _ in found)
        if twin is not None and twin != document.doc_id:
            return StoreResult(document.doc_id, "duplicate", 0, duplicate_of=twin)
        records = [e.to_dict() for e in coded]
        if twin == document.doc_id:
            stored = conn.execute(select(events.c.record).where(
                events.c.doc_id == document.doc_id)).scalars().all()
            if sorted(stored) == sorted(json.dumps(r, ensure_ascii=False) for r in records):
                return StoreResult(document.doc_id, "unchanged", len(records))
        deltas = Deltas()  # the rollups lose the replaced events and gain the new ones
        if known:  # a new document has nothing to replace: skip five statements
            deltas_of_stored(conn, document.doc_id, deltas)
            for table in (event_parties, event_dyads):
                conn.execute(delete(table).where(table.c.event_id.in_(
                    select(events.c.event_id).where(events.c.doc_id == document.doc_id))))
            conn.execute(delete(events).where(events.c.doc_id == document.doc_id))
            conn.execute(delete(documents).where(documents.c.doc_id == document.doc_id))
        # the values as parameters of the one statement, not baked into a new one
        inserted = conn.execute(_insert_or_skip(conn), dict(
            doc_id=document.doc_id, content_hash=digest, doc_date=document.date.isoformat(),
            title=document.title, url=document.url, source=document.source, path=document.path,
            text=document.text, coder_version=coded[0].coder_version if coded else "",
            n_events=len(coded)))
        if inserted.rowcount == 0:
            # another writer stored this text or id after the check above: only possible
            # where writers are not serialised; start the transaction again to see it
            raise DBAPIError("insert documents", None, _Lost(document.doc_id))
        rows: list[dict[str, Any]] = []
        parties: list[dict[str, Any]] = []
        dyads: list[dict[str, Any]] = []
        seen: set[str] = set()
        for ev, rec in zip(coded, records, strict=True):
            if ev.event_id in seen:
                continue
            seen.add(ev.event_id)
            actor = sorted({e.country for e in ev.actor if e.country})
            recipient = sorted({e.country for e in ev.recipient if e.country})
            rows.append(dict(
                event_id=ev.event_id, doc_id=ev.doc_id, doc_date=ev.doc_date,
                event_type=ev.event_type, mode=ev.mode, status=ev.status,
                date_value=ev.date.value, date_precision=ev.date.precision,
                date_method=ev.date.method, actor_countries=_parties(" ".join(actor)),
                recipient_countries=_parties(" ".join(recipient)),
                location_country=ev.location.country if ev.location else None,
                lat=ev.location.lat if ev.location else None,
                lon=ev.location.lon if ev.location else None,
                score=ev.score, quad=ev.quad, sentence=ev.evidence.sentence,
                record=json.dumps(rec, ensure_ascii=False)))
            parties.extend(dict(event_id=ev.event_id, role="actor", country=c,
                                date_value=ev.date.value) for c in actor)
            parties.extend(dict(event_id=ev.event_id, role="recipient", country=c,
                                date_value=ev.date.value) for c in recipient)
            dyads.extend(dict(event_id=ev.event_id, actor=a, recipient=r,
                              date_value=ev.date.value, event_type=ev.event_type,
                              quad=ev.quad, score=ev.score)
                         for a in actor for r in recipient)
            deltas.add(actor, recipient, ev.date.value, ev.event_type, ev.quad, ev.score)
        if rows:
            conn.execute(insert(events), rows)
        if parties:
            conn.execute(insert(event_parties), parties)
        if dyads:
            conn.execute(insert(event_dyads), dyads)
        apply_deltas(conn, deltas)
        return StoreResult(document.doc_id, "stored", len(rows))

    # -- reading --------------------------------------------------------------------------
    def events(self, *, actor: str | None = None, recipient: str | None = None,
               event_type: str | None = None, status: str | None = None,
               since: str | None = None, until: str | None = None, doc_id: str | None = None,
               limit: int | None = None) -> Iterator[dict[str, Any]]:
        """Event records matching all given filters, by event date then id."""
        conditions: list[ColumnElement[bool]] = []
        for role, code in (("actor", actor), ("recipient", recipient)):
            if code:
                sub = select(event_parties.c.event_id).where(and_(
                    event_parties.c.role == role, event_parties.c.country == code.upper()))
                conditions.append(events.c.event_id.in_(sub))
        if event_type:
            conditions.append(events.c.event_type == event_type.upper())
        if status:
            conditions.append(events.c.status == status.lower())
        if since:
            conditions.append(events.c.date_value >= since)
        if until:
            # "2023-09" covers every day of September: compare against the prefix's end
            conditions.append(events.c.date_value <= until + "\uffff")
        if doc_id:
            conditions.append(events.c.doc_id == doc_id)
        query = select(events.c.record).where(and_(True, *conditions)).order_by(
            events.c.date_value, events.c.event_id)
        if limit:
            query = query.limit(limit)
        with self.reader.connect() as conn:
            for (record,) in conn.execute(query):
                yield json.loads(record)

    def document(self, doc_id: str) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(documents).where(documents.c.doc_id == doc_id)).first()
        return dict(row._mapping) if row is not None else None

    def counts(self) -> dict[str, int]:
        from sqlalchemy import func

        with self.engine.connect() as conn:
            n_docs = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            n_events = conn.execute(select(func.count()).select_from(events)).scalar_one()
        return {"documents": int(n_docs), "events": int(n_events)}

    def close(self) -> None:
        if self.reader is not self.engine:
            self.reader.dispose()
        self.engine.dispose()


def _create_or_upgrade(conn: Connection, target: str) -> None:
    metadata.create_all(conn)
    version = conn.execute(select(meta.c.value).where(meta.c.key == "schema_version")).scalar()
    if version is None:
        conn.execute(insert(meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
    elif int(version) > SCHEMA_VERSION:
        raise StoreError(f"{target}: made by a newer newscoder (schema {version}); "
                         "upgrade newscoder to read it")
    else:
        upgrade(conn, int(version))


def open_store(target: str = "newscoder.db") -> EventStore:
    """Open (and create or migrate) the store at a SQLite path or an SQLAlchemy URL."""
    url = _url(target)
    try:
        engine = create_engine(url)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        # in a write transaction: processes opening a new store at once create it once
        _write(engine, lambda conn: _create_or_upgrade(conn, target))
        reader = None
        if engine.dialect.name == "sqlite" and engine.url.database not in (None, "",
                                                                           ":memory:"):
            reader = create_engine(url, pool_size=READER_POOL, max_overflow=READER_POOL)
            event.listen(reader, "connect", _sqlite_reader_pragmas)
        elif engine.dialect.name == "postgresql":
            # queries in autocommit, each statement its own snapshot (as SQLite's readers,
            # which begin no transaction): no BEGIN and ROLLBACK round trips around every
            # page, and nothing to reset when a connection goes back to the pool
            reader = create_engine(url, isolation_level="AUTOCOMMIT", pool_reset_on_return=None,
                                   pool_size=READER_POOL, max_overflow=2 * READER_POOL)
    except SQLAlchemyError as exc:
        raise StoreError(f"{target}: cannot open the event store: {exc}") from exc
    return EventStore(engine, reader)
