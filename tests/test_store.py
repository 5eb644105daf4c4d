"""The event store: idempotent writes, deduplication, filters and crash safety, each on
SQLite and on PostgreSQL (the ``db_url`` fixture; PostgreSQL where NEWSCODER_TEST_PG_URL
names a server)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from newscoder.records import Document, Entity, Event, EventDate, Evidence, Place
from newscoder.store import EventStore, content_hash, open_store

TEXT = ("Kim Jong Un will meet Vladimir Putin in Vladivostok this month. "
        "Russia accused Ukraine of shelling Belgorod on Monday.")


def _doc(doc_id: str = "d1", text: str = TEXT, date: str = "2023-09-05",
         **kwargs: str) -> Document:
    return Document(doc_id=doc_id, text=text, date=dt.date.fromisoformat(date), **kwargs)


def _event(doc: Document, n: int, *, event_type: str = "CONSULT", status: str = "asserted",
           actor: str | None = "PRK", recipient: str | None = "RUS",
           date: str = "2023-09", precision: str = "month") -> Event:
    return Event(
        event_id=f"{doc.doc_id}-e{n}", doc_id=doc.doc_id, doc_date=doc.date.isoformat(),
        event_type=event_type, mode=None, context=("military",), status=status,
        actor=(Entity(text=f"actor {actor}", name=None, country=actor, sector="GOV"),),
        recipient=(Entity(text=f"recipient {recipient}", country=recipient),),
        date=EventDate(value=date, precision=precision, text="this month", method="explicit"),
        location=Place(text="Vladivostok", start=40, end=51, role="location",
                       name="Vladivostok", geonameid=2013348, lat=43.1, lon=131.9,
                       country="RUS"),
        attribution=(), quantity=None, score=4.0, quad="verbal_cooperation",
        evidence=Evidence(sentence=doc.text[:63], start=0, end=63, trigger="meet"),
    )


def _events(doc: Document) -> list[Event]:
    return [
        _event(doc, 1),
        _event(doc, 2, event_type="ACCUSE", actor="RUS", recipient="UKR", status="future",
               date="2023-09-30", precision="day"),
        _event(doc, 3, event_type="ASSAULT", actor="RUS", recipient="UKR", status="negated",
               date="2023-10-02", precision="day"),
    ]


@pytest.fixture
def store(db_url: str) -> Iterator[EventStore]:
    s = open_store(db_url)
    yield s
    s.close()


def _ids(records: Iterator[dict[str, object]]) -> list[object]:
    return [r["event_id"] for r in records]


def test_store_add_stores_document_and_events(store: EventStore) -> None:
    doc = _doc()
    coded = _events(doc)
    result = store.add(doc, coded)
    assert (result.doc_id, result.outcome, result.n_events) == ("d1", "stored", 3)
    assert store.counts() == {"documents": 1, "events": 3}
    stored = {r["event_id"]: r for r in store.events()}
    assert stored == {e.event_id: e.to_dict() for e in coded}


def test_store_add_again_is_unchanged(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))
    before = list(store.events())
    result = store.add(doc, _events(doc))
    assert result.outcome == "unchanged"
    assert store.counts() == {"documents": 1, "events": 3}
    assert list(store.events()) == before


def test_store_reopen_keeps_rows(db_url: str) -> None:
    path = db_url
    doc = _doc()
    first = open_store(path)
    first.add(doc, _events(doc))
    first.close()
    second = open_store(path)
    try:
        assert second.counts() == {"documents": 1, "events": 3}
        assert second.add(doc, _events(doc)).outcome == "unchanged"
    finally:
        second.close()


def test_store_same_doc_id_changed_text_replaces(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))
    changed = _doc(text=TEXT + " A correction was added.")
    result = store.add(changed, [_event(changed, 1), _event(changed, 9)])
    assert result.outcome == "stored"
    assert store.counts() == {"documents": 1, "events": 2}
    assert sorted(_ids(store.events())) == ["d1-e1", "d1-e9"]
    meta = store.document("d1")
    assert meta is not None
    assert meta["text"] == changed.text
    assert meta["content_hash"] == content_hash(changed)
    assert meta["n_events"] == 2


def test_store_same_doc_id_new_events_replaces(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))
    result = store.add(doc, [_event(doc, 1, event_type="MEET")])
    assert result.outcome == "stored"
    assert [r["event_type"] for r in store.events()] == ["MEET"]
    assert store.counts() == {"documents": 1, "events": 1}


def test_store_duplicate_text_under_other_id(store: EventStore) -> None:
    doc = _doc("d1")
    store.add(doc, _events(doc))
    twin = _doc("copy-of-d1")
    result = store.add(twin, _events(twin))
    assert result.outcome == "duplicate"
    assert result.duplicate_of == "d1"
    assert result.n_events == 0
    assert store.counts() == {"documents": 1, "events": 3}
    assert store.document("copy-of-d1") is None
    assert {r["doc_id"] for r in store.events()} == {"d1"}


def test_store_same_text_other_date_is_not_duplicate(store: EventStore) -> None:
    doc = _doc("d1")
    store.add(doc, _events(doc))
    later = _doc("d2", date="2023-09-06")
    assert store.add(later, _events(later)).outcome == "stored"
    assert store.counts() == {"documents": 2, "events": 6}


def test_store_duplicate_within_one_batch(store: EventStore) -> None:
    a, b = _doc("a"), _doc("b")
    results = store.add_many([(a, _events(a)), (b, _events(b))])
    assert [r.outcome for r in results] == ["stored", "duplicate"]
    assert store.counts() == {"documents": 1, "events": 3}


def test_store_document_without_events(store: EventStore) -> None:
    doc = _doc()
    result = store.add(doc, [])
    assert (result.outcome, result.n_events) == ("stored", 0)
    assert store.counts() == {"documents": 1, "events": 0}
    assert store.add(doc, []).outcome == "unchanged"


def test_store_filter_actor_recipient(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))
    assert _ids(store.events(actor="PRK")) == ["d1-e1"]
    assert _ids(store.events(actor="prk")) == ["d1-e1"]  # codes are case-insensitive
    assert sorted(_ids(store.events(actor="RUS"))) == ["d1-e2", "d1-e3"]
    assert _ids(store.events(recipient="RUS")) == ["d1-e1"]
    assert sorted(_ids(store.events(actor="RUS", recipient="UKR"))) == ["d1-e2", "d1-e3"]
    assert _ids(store.events(actor="UKR")) == []
    assert _ids(store.events(actor="PRK", recipient="UKR")) == []


def test_store_filter_type_and_status(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))
    assert _ids(store.events(event_type="accuse")) == ["d1-e2"]
    assert _ids(store.events(event_type="ASSAULT")) == ["d1-e3"]
    assert _ids(store.events(status="future")) == ["d1-e2"]
    assert _ids(store.events(status="NEGATED")) == ["d1-e3"]
    assert _ids(store.events(event_type="CONSULT", status="negated")) == []


def test_store_filter_since_until(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _events(doc))  # event dates 2023-09, 2023-09-30, 2023-10-02
    assert _ids(store.events(until="2023-09")) == ["d1-e1", "d1-e2"]  # includes 2023-09-30
    assert _ids(store.events(until="2023-09-30")) == ["d1-e1", "d1-e2"]
    assert _ids(store.events(until="2023-09-29")) == ["d1-e1"]
    assert _ids(store.events(since="2023-09-30")) == ["d1-e2", "d1-e3"]
    assert _ids(store.events(since="2023-10")) == ["d1-e3"]
    assert _ids(store.events(since="2023-09", until="2023-09")) == ["d1-e1", "d1-e2"]
    assert _ids(store.events(until="2023")) == ["d1-e1", "d1-e2", "d1-e3"]
    assert _ids(store.events(since="2024")) == []


def test_store_filter_doc_id_and_limit(store: EventStore) -> None:
    a = _doc("a")
    b = _doc("b", text="Other text.")
    store.add_many([(a, _events(a)), (b, _events(b))])
    assert store.counts() == {"documents": 2, "events": 6}
    assert len(list(store.events(doc_id="b"))) == 3
    limited = list(store.events(limit=2))
    assert len(limited) == 2
    # ordered by event date then id
    assert _ids(limited) == ["a-e1", "b-e1"]


def test_store_document_metadata(store: EventStore) -> None:
    doc = _doc(title="Kim to meet Putin", url="https://example.org/x", source="Wire",
               path="/data/x.jsonl:3")
    store.add(doc, _events(doc))
    meta = store.document("d1")
    assert meta is not None
    assert meta["doc_id"] == "d1"
    assert meta["doc_date"] == "2023-09-05"
    assert meta["title"] == "Kim to meet Putin"
    assert meta["url"] == "https://example.org/x"
    assert meta["source"] == "Wire"
    assert meta["path"] == "/data/x.jsonl:3"
    assert meta["text"] == TEXT
    assert meta["n_events"] == 3
    assert meta["coder_version"] == "0.1.0"
    assert store.document("nope") is None


def test_store_crash_midway_keeps_committed_state(store: EventStore) -> None:
    first = _doc("first")
    store.add(first, _events(first))
    committed = list(store.events())

    b = _doc("b", text="Second document.")
    c = _doc("c", text="Third document.")

    def crashing() -> Iterator[tuple[Document, list[Event]]]:
        yield b, _events(b)
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError, match="killed"):
        store.add_many(crashing())
    # the interrupted transaction is rolled back whole; earlier commits stay
    assert store.counts() == {"documents": 1, "events": 3}
    assert list(store.events()) == committed
    assert store.document("b") is None

    results = store.add_many([(first, _events(first)), (b, _events(b)), (c, _events(c))])
    assert [r.outcome for r in results] == ["unchanged", "stored", "stored"]
    rows = list(store.events())
    assert store.counts() == {"documents": 3, "events": 9}

    again = store.add_many([(first, _events(first)), (b, _events(b)), (c, _events(c))])
    assert [r.outcome for r in again] == ["unchanged"] * 3
    assert list(store.events()) == rows


def test_store_open_creates_file(tmp_path: Path) -> None:
    # SQLite only: a file path names a file that opening creates
    path = tmp_path / "new.db"
    open_store(str(path)).close()
    assert path.exists()


def test_store_open_rejects_newer_schema(db_url: str) -> None:
    from sqlalchemy import update

    from newscoder.errors import StoreError
    from newscoder.store.schema import meta

    s = open_store(db_url)
    with s.engine.begin() as conn:
        conn.execute(update(meta).where(meta.c.key == "schema_version").values(value="999"))
    s.close()
    with pytest.raises(StoreError, match="newer"):
        open_store(db_url)


def test_store_url_without_driver_gets_psycopg() -> None:
    from newscoder.store import _url

    assert _url("postgresql://u@h:5/db") == "postgresql+psycopg://u@h:5/db"
    assert _url("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert _url("postgresql+psycopg2://u@h/db") == "postgresql+psycopg2://u@h/db"
    assert _url("sqlite:///x.db") == "sqlite:///x.db"
    assert _url("x.db").startswith("sqlite:///") and _url("x.db").endswith("x.db")


# -- the weekly rollups --------------------------------------------------------------------

def _parties_event(doc: Document, n: int, actors: tuple[str, ...], recipients: tuple[str, ...],
                   **kwargs: object) -> Event:
    import dataclasses

    ev = _event(doc, n, **kwargs)  # type: ignore[arg-type]
    return dataclasses.replace(
        ev, actor=tuple(Entity(text=f"a {c}", country=c) for c in actors),
        recipient=tuple(Entity(text=f"r {c}", country=c) for c in recipients))


def _mixed(doc: Document) -> list[Event]:
    """Several countries a side, a country on both sides, a week date across a year end,
    a year date, a side without a country."""
    return [
        *_events(doc),
        _parties_event(doc, 4, ("RUS", "BLR"), ("UKR", "RUS"), event_type="ASSAULT",
                       date="2023-10-31", precision="day"),
        _parties_event(doc, 5, ("USA",), ("CHN",), event_type="MEET", date="2020-W01",
                       precision="week"),
        _parties_event(doc, 6, ("USA",), (), event_type="ACCUSE", date="2023",
                       precision="year"),
        dataclasses_replace_score(_parties_event(doc, 7, ("USA",), ("CHN",),
                                                 date="2023-11-05", precision="day"), -2.5),
    ]


def dataclasses_replace_score(ev: Event, score: float) -> Event:
    import dataclasses

    return dataclasses.replace(ev, score=score, quad="verbal_conflict")


def _rollup_rows(conn: object) -> dict[tuple[object, ...], tuple[int, float]]:
    from sqlalchemy import select

    from newscoder.store.schema import country_weekly, dyad_weekly

    out: dict[tuple[object, ...], tuple[int, float]] = {}
    for table in (dyad_weekly, country_weekly):
        for row in conn.execute(select(table)):  # type: ignore[attr-defined]
            m = dict(row._mapping)
            n, total = m.pop("n"), m.pop("sum_score")
            out[(table.name, *sorted(m.items()))] = (n, round(total, 6))
    return out


def _assert_rollups_recount(store: EventStore) -> dict[tuple[object, ...], tuple[int, float]]:
    """The rollups as kept by the writes equal a recount from the events table."""
    from newscoder.store.rollup import fill

    with store.engine.connect() as conn:
        kept = _rollup_rows(conn)
        fill(conn)
        recounted = _rollup_rows(conn)
        conn.rollback()
    assert kept == recounted
    assert all(n > 0 for n, _ in kept.values())  # emptied rows are dropped
    # and against the other tables: a dyad's events, every event once under "all"
    with store.engine.connect() as conn:
        from sqlalchemy import text

        dyads = dict(((a, r), n) for a, r, n in conn.execute(text(
            "SELECT actor, recipient, count(*) FROM event_dyads GROUP BY actor, recipient")))
        rolled = dict(((a, r), n) for a, r, n in conn.execute(text(
            "SELECT actor, recipient, sum(n) FROM dyad_weekly GROUP BY actor, recipient")))
        assert rolled == dyads
        n_all = conn.execute(text(
            "SELECT coalesce(sum(n), 0) FROM country_weekly WHERE role = 'all'")).scalar()
        assert n_all == store.counts()["events"]
    return kept


def test_store_rollups_follow_add_replace_duplicate(store: EventStore) -> None:
    doc = _doc()
    store.add(doc, _mixed(doc))
    first = _assert_rollups_recount(store)
    assert first
    assert store.add(doc, _mixed(doc)).outcome == "unchanged"
    assert _assert_rollups_recount(store) == first
    twin = _doc("copy-of-d1")
    assert store.add(twin, _mixed(twin)).outcome == "duplicate"
    assert _assert_rollups_recount(store) == first
    other = _doc("d2", date="2023-09-06")
    store.add(other, _mixed(other))
    both = _assert_rollups_recount(store)
    assert sum(n for k, (n, _) in both.items() if ("role", "all") in k) == 14
    # re-coding d1 with other events replaces its counts, not adds to them
    store.add(doc, [_event(doc, 1, event_type="MEET"),
                    _parties_event(doc, 8, ("FRA",), ("DEU",), date="2024-02-29",
                                   precision="day")])
    _assert_rollups_recount(store)
    changed = _doc(text=TEXT + " Corrected.")  # same id, new text: replaced
    store.add(changed, [_event(changed, 1)])
    _assert_rollups_recount(store)
    store.add(changed, [])  # and a document that lost all its events
    store.add(other, [])
    assert _assert_rollups_recount(store) == {}


def test_store_rollups_batch_and_failed_batch(store: EventStore) -> None:
    from newscoder.errors import StoreError

    a, b = _doc("a"), _doc("b", date="2023-09-07")
    store.add_many([(a, _mixed(a)), (b, _mixed(b)), (a, _mixed(a))])
    kept = _assert_rollups_recount(store)
    c = _doc("c", date="2023-09-08")
    clash = _mixed(c) + [_event(a, 1)]  # an event id that a stores: the batch fails
    with pytest.raises(StoreError):
        store.add_many([(c, _mixed(c)), (_doc("d", date="2023-09-09"), clash)])
    assert _assert_rollups_recount(store) == kept


@pytest.mark.parametrize("interval", ["week", "month", "year"])
@pytest.mark.parametrize("filters", [
    {"actor": "RUS", "recipient": "UKR"}, {"actor": "USA"}, {"recipient": "RUS"},
    {"country": "RUS"}, {}, {"actor": "USA", "recipient": "CHN", "event_type": "MEET"},
    {"country": "XXX"}])
def test_store_stats_from_rollups_equal_stats_from_events(
        store: EventStore, interval: str, filters: dict[str, str]) -> None:
    from newscoder.store.query import EventFilter, event_stats

    for i, date in enumerate(("2023-09-05", "2023-12-31", "2024-01-01")):
        doc = _doc(f"d{i}", date=date)
        store.add(doc, _mixed(doc))
    f = EventFilter(**filters)
    fast = event_stats(store.reader, f, interval=interval)
    slow = event_stats(store.reader, f, interval=interval, use_rollup=False)
    assert fast == slow


def test_store_upgrade_counts_rollups(db_url: str) -> None:
    from sqlalchemy import text

    path = db_url
    s = open_store(path)
    doc = _doc()
    s.add(doc, _mixed(doc))
    with s.engine.begin() as conn:  # make it look like a schema 2 store
        conn.execute(text("DROP TABLE dyad_weekly"))
        conn.execute(text("DROP TABLE country_weekly"))
        conn.execute(text("UPDATE newscoder_meta SET value = '2'"))
    s.close()
    s = open_store(path)
    try:
        assert _assert_rollups_recount(s)
        with s.engine.connect() as conn:
            assert conn.execute(text("SELECT value FROM newscoder_meta")).scalar() == "3"
    finally:
        s.close()
