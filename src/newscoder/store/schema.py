"""The store's tables, in SQLAlchemy Core so that SQLite and PostgreSQL share one schema.

``documents`` holds each article once (keyed by doc_id, deduplicated by a hash of text
and date); ``events`` holds one row per event with the queried fields as columns and the
whole ``newscoder.event/1`` record as JSON; ``event_parties`` indexes actor and recipient
countries for dyad queries; ``event_dyads`` (schema 2) holds one row per actor country x
recipient country of an event, with the fields a dyad's page and timeline need, so that
both read one index range. ``dyad_weekly`` and ``country_weekly`` (schema 3) are the
weekly rollups that ``/api/stats`` reads instead of the events: one row per dyad (or
country and role) x period x event type x quad with the number of events and the sum of
their scores, kept up to date by every write in the same transaction (see ``rollup``).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 3


def _str(length: int) -> Any:
    """A string column that compares and sorts by code point on every back end: SQLite's
    own rule, and PostgreSQL's with the "C" collation, whatever the database's locale
    (under a natural-language collation "2023-09" and "2023-09-30" or event ids could
    sort otherwise, and keyset pages, ``until`` bounds and the order of records with them)."""
    return String(length).with_variant(String(length, collation="C"), "postgresql")


metadata = MetaData()

meta = Table(
    "newscoder_meta", metadata,
    Column("key", _str(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("doc_id", _str(255), primary_key=True),
    Column("content_hash", _str(64), nullable=False, unique=True),
    Column("doc_date", _str(10), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("coder_version", _str(32), nullable=False),
    Column("n_events", Integer, nullable=False),
)

events = Table(
    "events", metadata,
    Column("event_id", _str(40), primary_key=True),
    Column("doc_id", _str(255), ForeignKey("documents.doc_id", ondelete="CASCADE"),
           nullable=False),
    Column("doc_date", _str(10), nullable=False),
    Column("event_type", _str(16), nullable=False),
    Column("mode", _str(32)),
    Column("status", _str(16), nullable=False),
    Column("date_value", _str(16), nullable=False),
    Column("date_precision", _str(16), nullable=False),
    Column("date_method", _str(16), nullable=False),
    Column("actor_countries", _str(255), nullable=False),  # " PRK RUS " for LIKE queries
    Column("recipient_countries", _str(255), nullable=False),
    Column("location_country", _str(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("score", Float, nullable=False),
    Column("quad", _str(32), nullable=False),
    Column("sentence", Text, nullable=False),
    Column("record", Text, nullable=False),  # the newscoder.event/1 JSON record
    Index("ix_events_type_date", "event_type", "date_value"),
    Index("ix_events_date", "date_value"),
    Index("ix_events_doc", "doc_id"),
    Index("ix_events_date_id", "date_value", "event_id"),  # keyset pages by date
    Index("ix_events_score_id", "score", "event_id"),  # keyset pages by score
)

event_parties = Table(
    "event_parties", metadata,
    Column("event_id", _str(40), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False),
    Column("role", _str(10), nullable=False),  # actor or recipient
    Column("country", _str(8), nullable=False),
    Column("date_value", _str(16), nullable=False),
    Index("ix_parties_lookup", "role", "country", "date_value"),
    Index("ix_parties_event", "event_id"),
    Index("ix_parties_page", "role", "country", "date_value", "event_id"),
)

event_dyads = Table(
    "event_dyads", metadata,
    Column("event_id", _str(40), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False),
    Column("actor", _str(8), nullable=False),
    Column("recipient", _str(8), nullable=False),
    Column("date_value", _str(16), nullable=False),
    Column("event_type", _str(16), nullable=False),
    Column("quad", _str(32), nullable=False),
    Column("score", Float, nullable=False),
    Index("ix_dyads_page", "actor", "recipient", "date_value", "event_id"),  # keyset pages
    # covering, in GROUP BY order: a dyad's timeline reads one index range, no sort
    Index("ix_dyads_stats", "actor", "recipient", "date_value", "event_type", "quad", "score"),
    Index("ix_dyads_event", "event_id"),
    Index("ix_dyads_recipient", "recipient", "actor"),
)


def _periods() -> list[Column[Any]]:
    # an event's periods, '' where its date is coarser: the Monday of its ISO week, its
    # month (of the day, so that weeks split at month ends) and its year
    return [Column("week", _str(10), nullable=False),
            Column("month", _str(7), nullable=False),
            Column("year", _str(4), nullable=False),
            Column("event_type", _str(16), nullable=False),
            Column("quad", _str(32), nullable=False),
            Column("n", Integer, nullable=False),
            Column("sum_score", Float, nullable=False)]


ROLLUP_PERIODS = ("week", "month", "year", "event_type", "quad")

dyad_weekly = Table(
    "dyad_weekly", metadata,
    Column("actor", _str(8), nullable=False),
    Column("recipient", _str(8), nullable=False),
    *_periods(),
    PrimaryKeyConstraint("actor", "recipient", *ROLLUP_PERIODS, name="pk_dyad_weekly"),
    sqlite_with_rowid=False,
)

country_weekly = Table(
    "country_weekly", metadata,
    Column("country", _str(8), nullable=False),  # '' with role "all"
    Column("role", _str(10), nullable=False),  # actor, recipient, any (either side), all
    *_periods(),
    PrimaryKeyConstraint("country", "role", *ROLLUP_PERIODS, name="pk_country_weekly"),
    sqlite_with_rowid=False,
)
