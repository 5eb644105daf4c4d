"""The fast path of GET /api/events (a dyad's page by date, read with the driver, SQLite's
or psycopg, and answered from the stored record texts): the same JSON and errors as the
general path, on SQLite and on the same rows in PostgreSQL (``sample_store``)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newscoder.server import create_app  # noqa: E402
from newscoder.store import open_store, query  # noqa: E402


@pytest.fixture(scope="module")
def client(sample_store: str) -> Iterator[TestClient]:
    """The API in process over the sample, on SQLite and on PostgreSQL in turn."""
    with TestClient(create_app(sample_store), base_url="http://localhost") as c:
        yield c


@pytest.fixture(scope="module")
def dyad(sample_db: Path) -> tuple[str, str, str]:
    """The busiest dyad of the sample and its busiest year."""
    with sqlite3.connect(sample_db) as conn:
        actor, recipient = conn.execute(
            "SELECT actor, recipient FROM event_dyads WHERE actor != recipient "
            "GROUP BY actor, recipient ORDER BY count(*) DESC, actor LIMIT 1").fetchone()
        (year,) = conn.execute(
            "SELECT substr(date_value, 1, 4) AS y FROM event_dyads WHERE actor = ? AND "
            "recipient = ? GROUP BY y ORDER BY count(*) DESC, y LIMIT 1",
            (actor, recipient)).fetchone()
    return actor, recipient, year


def _pages(client: TestClient, **params: Any) -> list[bytes]:
    bodies: list[bytes] = []
    cursor = None
    while True:
        r = client.get("/api/events", params={**params, **({"cursor": cursor} if cursor
                                                             else {})})
        assert r.status_code == 200, r.text
        assert r.headers["content-type"] == "application/json"
        bodies.append(r.content)
        cursor = json.loads(r.content)["next"]
        if cursor is None:
            return bodies


def _slow(monkeypatch: pytest.MonkeyPatch) -> None:
    """Route every page through the general (SQLAlchemy) path."""
    from newscoder.server import api

    monkeypatch.setattr(api, "fast_page", lambda *a, **k: None)
    monkeypatch.setattr(query, "fast_page", lambda *a, **k: None)


def test_fast_page_equals_the_stored_records(client: TestClient, sample_db: Path,
                                             dyad: tuple[str, str, str]) -> None:
    actor, recipient, year = dyad
    store = open_store(str(sample_db))
    try:
        expected = list(store.events(actor=actor, recipient=recipient, since=year,
                                     until=year))
        everything = list(store.events(actor=actor, recipient=recipient))
    finally:
        store.close()
    assert len(expected) > 3
    got = [e for body in _pages(client, actor=actor, recipient=recipient, since=year,
                                until=year, sort="date", limit=3)
           for e in json.loads(body)["events"]]
    assert got == expected  # the stored records, whole and in order
    newest_first = [e for body in _pages(client, actor=actor, recipient=recipient, limit=4)
                    for e in json.loads(body)["events"]]
    assert newest_first == sorted(everything, key=lambda e: (e["date"]["value"],
                                                             e["event_id"]), reverse=True)


@pytest.mark.parametrize("extra", [
    {"since": "Y", "until": "Y"}, {"sort": "date"}, {"sort": "-date", "limit": "2"},
    {"type": "CONSULT"}, {"until": "Y-06"}, {"sort": "score", "limit": "3"},
    {"status": "asserted", "limit": "5"}])
def test_fast_path_bodies_equal_the_general_path(client: TestClient,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 dyad: tuple[str, str, str],
                                                 extra: dict[str, str]) -> None:
    actor, recipient, year = dyad
    params = {"actor": actor, "recipient": recipient, "limit": "3",
              **{k: v.replace("Y", year) for k, v in extra.items()}}
    from newscoder.server import api

    answered = []

    def spy(*args: Any, **kwargs: Any) -> query.Page | None:
        page = query.fast_page(*args, **kwargs)
        answered.append(page is not None)
        return page

    with monkeypatch.context() as m:
        m.setattr(api, "fast_page", spy)
        fast = _pages(client, **params)
    # the route's fast path answers a dyad by date, the general path everything else
    assert answered and all(answered) == (extra.get("sort", "-date").endswith("date")
                                          and "status" not in extra)
    _slow(monkeypatch)
    slow = _pages(client, **params)
    assert [json.loads(b) for b in fast] == [json.loads(b) for b in slow]
    assert fast == slow  # the same bytes, too


@pytest.mark.parametrize("extra,code", [
    ({"limit": "0"}, "invalid_parameter"), ({"limit": "abc"}, "invalid_parameter"),
    ({"since": "2023-13"}, "invalid_parameter"), ({"cursor": "nonsense"}, "invalid_parameter"),
    ({"sort": "when"}, "invalid_parameter"), ({"format": "xml"}, "invalid_parameter"),
    ({"type": "NOPE"}, "invalid_parameter"), ({"colour": "red"}, "unknown_parameter")])
def test_fast_path_errors_equal_the_general_path(client: TestClient,
                                                 monkeypatch: pytest.MonkeyPatch,
                                                 dyad: tuple[str, str, str],
                                                 extra: dict[str, str], code: str) -> None:
    actor, recipient, _ = dyad
    params = {"actor": actor, "recipient": recipient, **extra}
    fast = client.get("/api/events", params=params)
    _slow(monkeypatch)
    slow = client.get("/api/events", params=params)
    assert fast.status_code == slow.status_code == 400
    assert fast.json() == slow.json()
    assert fast.json()["error"]["code"] == code
    twice = client.get(f"/api/events?actor={actor}&recipient={recipient}&limit=2&limit=3")
    assert twice.status_code == 400 and "more than once" in twice.json()["error"]["message"]


def test_fast_page_is_used_only_where_it_answers(sample_store: str,
                                                 dyad: tuple[str, str, str]) -> None:
    actor, recipient, year = dyad
    store = open_store(sample_store)
    try:
        f = query.EventFilter(actor=actor, recipient=recipient, since=year, until=year)
        page = query.fast_page(store.reader, f, limit=2)
        assert page is not None and len(page.records) == 2 and page.next_key
        # a cursor past the filter's own bound keeps the tighter one
        later = query.fast_page(store.reader, f, limit=2, after=page.next_key)
        assert later == query.page_events(store.reader, f, limit=2, after=page.next_key)
        for other in (query.EventFilter(actor=actor),
                      query.EventFilter(actor=actor, recipient=recipient, status="asserted"),
                      query.EventFilter(actor=actor, recipient=recipient, q="x")):
            assert query.fast_page(store.reader, other) is None
        assert query.fast_page(store.reader, f, sort="score") is None
    finally:
        store.close()
