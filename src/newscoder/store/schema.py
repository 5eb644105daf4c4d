"""The store's tables, in SQLAlchemy Core so that SQLite and PostgreSQL share one schema.

``documents`` holds each article once (keyed by doc_id, deduplicated by a hash of text
and date); ``events`` holds one row per event with the queried fields as columns and the
whole ``newscoder.event/1`` record as JSON; ``event_parties`` indexes actor and recipient
countries for dyad queries; ``event_dyads`` (schema 2) holds one row per actor country x
recipient country of an event, with the fields a dyad's page and timeline need, so that
both read one index range.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 2

metadata = MetaData()

meta = Table(
    "newscoder_meta", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("doc_id", String(255), primary_key=True),
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("doc_date", String(10), nullable=False),
    Column("title", Text),
    Column("url", Text),
    Column("source", Text),
    Column("path", Text),
    Column("text", Text, nullable=False),
    Column("coder_version", String(32), nullable=False),
    Column("n_events", Integer, nullable=False),
)

events = Table(
    "events", metadata,
    Column("event_id", String(40), primary_key=True),
    Column("doc_id", String(255), ForeignKey("documents.doc_id", ondelete="CASCADE"),
           nullable=False),
    Column("doc_date", String(10), nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("mode", String(32)),
    Column("status", String(16), nullable=False),
    Column("date_value", String(16), nullable=False),
    Column("date_precision", String(16), nullable=False),
    Column("date_method", String(16), nullable=False),
    Column("actor_countries", String(255), nullable=False),  # " PRK RUS " for LIKE queries
    Column("recipient_countries", String(255), nullable=False),
    Column("location_country", String(3)),
    Column("lat", Float),
    Column("lon", Float),
    Column("score", Float, nullable=False),
    Column("quad", String(32), nullable=False),
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
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False),
    Column("role", String(10), nullable=False),  # actor or recipient
    Column("country", String(8), nullable=False),
    Column("date_value", String(16), nullable=False),
    Index("ix_parties_lookup", "role", "country", "date_value"),
    Index("ix_parties_event", "event_id"),
    Index("ix_parties_page", "role", "country", "date_value", "event_id"),
)

event_dyads = Table(
    "event_dyads", metadata,
    Column("event_id", String(40), ForeignKey("events.event_id", ondelete="CASCADE"),
           nullable=False),
    Column("actor", String(8), nullable=False),
    Column("recipient", String(8), nullable=False),
    Column("date_value", String(16), nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("quad", String(32), nullable=False),
    Column("score", Float, nullable=False),
    Index("ix_dyads_page", "actor", "recipient", "date_value", "event_id"),  # keyset pages
    # covering, in GROUP BY order: a dyad's timeline reads one index range, no sort
    Index("ix_dyads_stats", "actor", "recipient", "date_value", "event_type", "quad", "score"),
    Index("ix_dyads_event", "event_id"),
    Index("ix_dyads_recipient", "recipient", "actor"),
)
