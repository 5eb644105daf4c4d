"""Bring an older store up to :data:`SCHEMA_VERSION` when it is opened.

Schema 2 adds the ``event_dyads`` table (filled here from ``event_parties``) and the
composite indexes that keyset pagination reads; ``create_all`` makes new tables but not
new indexes on old tables, so missing indexes are created here too. Schema 3 adds the
weekly rollups ``dyad_weekly`` and ``country_weekly``, counted here from ``events``.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import and_, insert, select, update

from .rollup import fill as fill_rollups
from .schema import SCHEMA_VERSION, event_dyads, event_parties, events, meta, metadata

log = logging.getLogger(__name__)


def _fill_dyads(conn: Any) -> None:
    actor = event_parties.alias("a")
    recipient = event_parties.alias("r")
    rows = select(actor.c.event_id, actor.c.country, recipient.c.country, events.c.date_value,
                  events.c.event_type, events.c.quad, events.c.score).select_from(
        actor.join(recipient, and_(recipient.c.event_id == actor.c.event_id,
                                   recipient.c.role == "recipient"))
        .join(events, events.c.event_id == actor.c.event_id)).where(actor.c.role == "actor")
    conn.execute(insert(event_dyads).from_select(
        ["event_id", "actor", "recipient", "date_value", "event_type", "quad", "score"], rows))


def upgrade(conn: Any, version: int) -> None:
    """Create missing indexes; migrate the data of a store older than this schema."""
    for table in metadata.sorted_tables:
        for index in table.indexes:
            index.create(conn, checkfirst=True)
    if version >= SCHEMA_VERSION:
        return
    log.info("upgrading the event store from schema %d to %d", version, SCHEMA_VERSION)
    if version < 2:
        conn.execute(event_dyads.delete())
        _fill_dyads(conn)
    if version < 3:
        n = fill_rollups(conn)
        log.info("counted %d events into the weekly rollups", n)
    conn.execute(update(meta).where(meta.c.key == "schema_version").values(
        value=str(SCHEMA_VERSION)))
