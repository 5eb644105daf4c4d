"""The HTTP API, in process, on a database coded from the seed and 200 wikinews articles,
served from SQLite and from the same rows in PostgreSQL (``sample_store``): every answer
is checked against the SQLite file's tables, so both back ends give the same figures.
A real ``newscoder serve`` process on each is compared answer by answer too."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newscoder.errors import SettingsError  # noqa: E402
from newscoder.export import COLUMNS  # noqa: E402
from newscoder.server import create_app, is_loopback, run  # noqa: E402


@pytest.fixture(scope="module")
def client(sample_store: str) -> Iterator[TestClient]:
    """The API in process over the sample, on SQLite and on PostgreSQL in turn."""
    with TestClient(create_app(sample_store), base_url="http://localhost") as c:
        yield c


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    cursor = None
    while True:
        query = {**params, "limit": 37, **({"cursor": cursor} if cursor else {})}
        r = client.get("/api/events", params=query)
        assert r.status_code == 200, r.text
        body = r.json()
        out.extend(body["events"])
        cursor = body["next"]
        if cursor is None:
            return out


def _sql(db: Path, query: str, *args: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(db) as conn:
        return conn.execute(query, args).fetchall()


def _countries(entities: list[dict[str, Any]]) -> set[str]:
    return {e["country"] for e in entities if e["country"]}


def test_server_events_page_walks_every_event_once(client: TestClient, sample_db: Path) -> None:
    events = _all(client)
    ids = [e["event_id"] for e in events]
    assert len(ids) == len(set(ids)) == _sql(sample_db, "SELECT count(*) FROM events")[0][0]
    assert len(ids) > 200
    first = events[0]
    assert first["schema"] == "newscoder.event/1"
    assert {"actor", "recipient", "date", "evidence", "location", "quad", "score"} <= set(first)
    dates = [e["date"]["value"] for e in events]
    assert dates == sorted(dates, reverse=True)  # default sort: newest first


@pytest.mark.parametrize("sort", ["date", "-date", "score", "-score"])
def test_server_events_sorts(client: TestClient, sort: str) -> None:
    events = _all(client, sort=sort)
    key = [e["date"]["value"] if "date" in sort else e["score"] for e in events]
    assert key == sorted(key, reverse=sort.startswith("-"))
    assert len({e["event_id"] for e in events}) == len(events)


def test_server_events_filter_by_sides(client: TestClient) -> None:
    by_actor = _all(client, actor="PRK")
    assert by_actor and all("PRK" in _countries(e["actor"]) for e in by_actor)
    by_recipient = _all(client, recipient="RUS")
    assert by_recipient and all("RUS" in _countries(e["recipient"]) for e in by_recipient)
    dyad = _all(client, actor="PRK", recipient="RUS")
    assert dyad and {e["event_id"] for e in dyad} == (
        {e["event_id"] for e in by_actor} & {e["event_id"] for e in by_recipient})
    either = _all(client, country="USA")
    assert {e["event_id"] for e in either} == {
        e["event_id"] for e in _all(client) if "USA" in _countries(e["actor"])
        | _countries(e["recipient"])}
    assert _all(client, actor="prk") == by_actor  # codes are case-insensitive


def test_server_events_filter_type_status_mode(client: TestClient) -> None:
    everything = _all(client)
    for name, value, get in (("type", "CONSULT", lambda e: e["event_type"]),
                             ("status", "future", lambda e: e["status"]),
                             ("mode", "visit", lambda e: e["mode"])):
        got = _all(client, **{name: value})
        assert got, name
        assert [e["event_id"] for e in got] == [e["event_id"] for e in everything
                                                if get(e) == value]


def test_server_events_month_until_covers_the_whole_month(client: TestClient) -> None:
    september = _all(client, since="2023-09", until="2023-09")
    values = {e["date"]["value"] for e in september}
    assert "2023-09-05" in values  # the seed article's day
    assert all(v.startswith("2023-09") for v in values)
    everything = _all(client)
    assert len(september) == sum(e["date"]["value"].startswith("2023-09") for e in everything)
    year = _all(client, since="2023", until="2023")
    assert len(year) >= len(september)
    assert all(e["date"]["value"].startswith("2023") for e in year)


def test_server_events_text_and_bbox(client: TestClient) -> None:
    found = _all(client, q="kim jong")
    assert found and all("kim jong" in e["evidence"]["sentence"].lower() for e in found)
    assert _all(client, q="100%_no_such_text") == []
    korea = _all(client, bbox="124,33,146,46")  # Korea, Japan, Vladivostok
    assert korea
    for e in korea:
        loc = e["location"]
        assert 124 <= loc["lon"] <= 146 and 33 <= loc["lat"] <= 46
    world = _all(client, bbox="-180,-90,180,90")
    assert all(e["location"] and e["location"]["lat"] is not None for e in world)
    assert len(world) > len(korea)


def test_server_event_detail_has_evidence_and_document(client: TestClient) -> None:
    event = _all(client, actor="PRK", recipient="RUS")[0]
    r = client.get(f"/api/events/{event['event_id']}")
    assert r.status_code == 200
    body = r.json()
    assert body["evidence"] == event["evidence"]
    assert body["document"]["doc_id"] == event["doc_id"]
    assert {"title", "url", "doc_date", "source"} <= set(body["document"])
    doc = client.get(f"/api/documents/{event['doc_id']}").json()
    ev = body["evidence"]
    assert doc["text"][ev["start"]:ev["end"]] == ev["sentence"]
    if ev["trigger_start"] >= 0:
        assert doc["text"][ev["trigger_start"]:ev["trigger_end"]].lower() == ev["trigger"].lower()
    assert event["event_id"] in {e["event_id"] for e in doc["events"]}


def test_server_actors_match_the_tables(client: TestClient, sample_db: Path) -> None:
    actors = {a["country"]: a for a in client.get("/api/actors").json()["actors"]}
    expected = _sql(sample_db, "SELECT country, role, count(*) FROM event_parties "
                               "GROUP BY country, role")
    for country, role, n in expected:
        assert actors[country][role] == n
    assert actors["RUS"]["name"] == "Russia"
    profile = client.get("/api/actors/RUS").json()
    assert profile["actor"] == actors["RUS"]["actor"]
    assert "PRK" in {p["country"] for p in profile["actors"]}


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_server_stats_dyad_timeline_adds_up(client: TestClient, interval: str) -> None:
    events = _all(client, actor="PRK", recipient="RUS")
    stats = client.get("/api/stats", params={"actor": "PRK", "recipient": "RUS",
                                             "interval": interval}).json()
    assert stats["count"] == len(events)
    assert stats["mean_score"] == pytest.approx(
        sum(e["score"] for e in events) / len(events), abs=1e-3)
    assert sum(p["count"] for p in stats["timeline"]) + stats["coarser"] == len(events)
    assert sum(t["count"] for t in stats["by_type"]) == len(events)
    assert all(sum(p["by_quad"].values()) == p["count"] for p in stats["timeline"])
    if interval == "week":
        import datetime as dt
        assert all(dt.date.fromisoformat(p["period"]).weekday() == 0 for p in stats["timeline"])


def test_server_stats_country(client: TestClient) -> None:
    stats = client.get("/api/stats", params={"country": "USA", "interval": "month"}).json()
    assert stats["count"] == len(_all(client, country="USA"))
    assert all(len(p["period"]) == 7 for p in stats["timeline"])


def test_server_export_csv_and_jsonl(client: TestClient) -> None:
    expected = [e["event_id"] for e in _all(client, country="USA")]
    r = client.get("/api/events.csv", params={"country": "USA"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert list(rows[0]) == COLUMNS
    assert [row["event_id"] for row in rows] == expected
    same = client.get("/api/events", params={"country": "USA", "format": "csv"})
    assert same.text == r.text
    lines = client.get("/api/events.jsonl", params={"country": "USA"}).text.splitlines()
    assert [json.loads(line)["event_id"] for line in lines] == expected
    capped = client.get("/api/events.jsonl", params={"country": "USA", "limit": 3})
    assert len(capped.text.splitlines()) == 3


def test_server_openapi_describes_the_routes(client: TestClient) -> None:
    spec = client.get("/api/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/actors", "/api/stats",
                 "/api/documents", "/api/documents/{doc_id}", "/api/events.csv"):
        assert path in spec["paths"]
    names = {p["name"] for p in spec["paths"]["/api/events"]["get"]["parameters"]}
    assert {"actor", "recipient", "country", "since", "until", "q", "bbox", "cursor",
            "sort", "limit"} <= names


def test_server_dashboard_assets_are_local(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "http://" not in page.text and "https://" not in page.text
    for asset in ("/static/app.js", "/static/charts.js", "/static/app.css"):
        r = client.get(asset)
        assert r.status_code == 200 and len(r.text) > 500
        assert "https://" not in r.text.replace("http://www.w3.org/2000/svg", "")


@pytest.mark.parametrize("host,loopback", [("127.0.0.1", True), ("::1", True),
                                           ("localhost", True), ("0.0.0.0", False),
                                           ("192.168.1.4", False), ("example.org", False)])
def test_server_is_loopback(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_server_run_refuses_open_writes_off_loopback(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="without a token"):
        run(str(tmp_path / "x.db"), host="0.0.0.0", port=8000, token=None)


def test_server_store_upgrade_fills_dyads_and_indexes(sample_db: Path, tmp_path: Path) -> None:
    # SQLite only: it edits a copy of the file into an old schema with sqlite3
    import shutil

    from newscoder.store import open_store

    old = tmp_path / "v1.db"
    shutil.copy(sample_db, old)
    expected = _sql(old, "SELECT count(*) FROM event_dyads")[0][0]
    assert expected > 0
    with sqlite3.connect(old) as conn:  # make it look like a schema 1 store
        conn.execute("DELETE FROM event_dyads")
        conn.execute("DROP INDEX ix_dyads_stats")
        conn.execute("DROP INDEX ix_events_date_id")
        conn.execute("UPDATE newscoder_meta SET value = '1' WHERE key = 'schema_version'")
    open_store(str(old)).close()
    assert _sql(old, "SELECT count(*) FROM event_dyads")[0][0] == expected
    names = {r[0] for r in _sql(old, "SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"ix_dyads_stats", "ix_events_date_id", "ix_parties_page"} <= names
    from newscoder.store.schema import SCHEMA_VERSION

    assert _sql(old, "SELECT value FROM newscoder_meta WHERE key = 'schema_version'") == [
        (str(SCHEMA_VERSION),)]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_server_stats_cache_follows_writes(sample_db: Path, tmp_path: Path,
                                           backend: str) -> None:
    import shutil

    from conftest import copied_store

    copy = tmp_path / "copy.db"
    shutil.copy(sample_db, copy)
    # a copy of the sample of its own: SQLite (answers cached until a commit) or
    # PostgreSQL (not cached: every answer computed)
    with copied_store(copy, backend, "cache") as db:
        _stats_follow_writes(db)


def _stats_follow_writes(db: str) -> None:
    import datetime as dt

    from newscoder.records import Document, Entity, Event, EventDate, Evidence
    from newscoder.store import open_store

    query = {"actor": "PRK", "recipient": "RUS", "interval": "week"}
    with TestClient(create_app(str(db)), base_url="http://localhost") as c:
        before = c.get("/api/stats", params=query).json()
        assert c.get("/api/stats", params=query).json() == before  # from the cache
        doc = Document(doc_id="cache-test", text="Kim met Putin.", date=dt.date(2024, 5, 6))
        ev = Event(event_id="cache-test-e1", doc_id=doc.doc_id, doc_date="2024-05-06",
                   event_type="CONSULT", mode=None, context=(), status="asserted",
                   actor=(Entity(text="Kim", country="PRK"),),
                   recipient=(Entity(text="Putin", country="RUS"),),
                   date=EventDate(value="2024-05-06", precision="day", text="",
                                  method="document"),
                   location=None, attribution=(), quantity=None, score=1.0,
                   quad="verbal_cooperation",
                   evidence=Evidence(sentence=doc.text, start=0, end=14, trigger="met"))
        writer = open_store(db)  # another connection, as another process would be
        try:
            writer.add(doc, [ev])
        finally:
            writer.close()
        after = c.get("/api/stats", params=query).json()
        assert after["count"] == before["count"] + 1
        assert {"period": "2024-05-06", "count": 1, "mean_score": 1.0,
                "by_quad": {"verbal_cooperation": 1}} in after["timeline"]
    with TestClient(create_app(str(db), stats_cache=0), base_url="http://localhost") as c:
        assert c.get("/api/stats", params=query).json() == after


def test_server_run_workers() -> None:
    from newscoder.server.run import default_workers

    assert 1 <= default_workers() <= 4
    with pytest.raises(SettingsError, match="workers"):
        run("x.db", workers=0)


# what a client reads from a server: pages (walked by cursor), statistics, actors, exports
SAME_FIGURES = [
    "/api/events?sort=score&limit=100", "/api/events?actor=PRK&recipient=RUS&limit=5",
    "/api/events?country=USA&since=2020&sort=date", "/api/events?q=minister&limit=50",
    "/api/events?type=CONSULT&status=asserted", "/api/events?bbox=-30,30,60,72",
    "/api/stats", "/api/stats?interval=day", "/api/stats?interval=year",
    "/api/stats?actor=PRK&recipient=RUS&interval=week", "/api/stats?country=USA&interval=month",
    "/api/stats?recipient=RUS&since=2023", "/api/stats?actor=USA&type=CONSULT",
    "/api/actors", "/api/actors/RUS", "/api/actors/USA", "/api/events.csv?country=RUS",
    "/api/events.jsonl?actor=USA"]


def _every_page(client: Any, url: str) -> list[Any]:
    """The JSON of every page of ``url`` (followed by cursor), or its one body."""
    bodies: list[Any] = []
    cursor = None
    while True:
        r = client.get(url + (f"&cursor={cursor}" if cursor else ""))
        assert r.status_code == 200, (url, r.text)
        if not url.startswith("/api/events?"):
            return [r.text if "." in url.split("?")[0] else r.json()]
        bodies.append(r.json())
        cursor = bodies[-1]["next"]
        if cursor is None:
            return bodies


def test_server_process_on_postgresql_gives_the_sqlite_figures(
        sample_db: Path, sample_pg: str, tmp_path: Path) -> None:
    """`newscoder serve --db postgresql+psycopg://...` and `newscoder serve --db FILE` on the
    same rows answer every read alike, byte for byte where the body is a file."""
    from server_process import free_port, wait_until_serving

    env = {**os.environ, "NEWSCODER_SETTINGS": str(tmp_path / "none.toml")}
    env.pop("NEWSCODER_TOKEN", None)
    servers: list[tuple[subprocess.Popen[bytes], str]] = []
    try:
        for db in (str(sample_db), sample_pg):
            port = free_port()
            proc = subprocess.Popen(
                [sys.executable, "-m", "newscoder.cli", "serve", "--db", db, "--port",
                 str(port), "--workers", "1"], env=env, stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE)
            servers.append((proc, f"http://127.0.0.1:{port}"))
        import httpx

        answers = []
        for proc, base in servers:
            wait_until_serving(base, proc)
            with httpx.Client(base_url=base, timeout=60) as c:
                answers.append({url: _every_page(c, url) for url in SAME_FIGURES})
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=30)
    on_sqlite, on_pg = answers
    assert on_sqlite["/api/stats"][0]["count"] > 200  # the sample, not an empty store
    for url in SAME_FIGURES:
        assert on_pg[url] == on_sqlite[url], url
