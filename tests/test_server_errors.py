"""Writes and bad input: POST /api/documents, tokens, limits, malformed and hostile values."""

from __future__ import annotations

import json
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newscoder.server import create_app  # noqa: E402

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ARTICLE = {"text": "Russian President Vladimir Putin met Chinese President Xi Jinping in "
                   "Moscow on Tuesday. Russia accused Ukraine of shelling Belgorod.",
           "date": "2024-03-05", "title": "Putin meets Xi", "url": "https://example.org/a",
           "source": "test"}



@pytest.fixture(scope="module")
def db(sample_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("server-writes") / "events.db"
    shutil.copy(sample_db, copy)
    return copy


@pytest.fixture(scope="module")
def client(db: Path) -> Iterator[TestClient]:
    app = create_app(str(db), token=TOKEN, max_body=64 * 1024)
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost") as c:
        yield c


def _counts(db: Path) -> tuple[int, int, int]:
    with sqlite3.connect(db) as conn:
        return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[return-value]
                     for t in ("documents", "events", "event_parties"))


def _error(r: Any, status: int, code: str | None = None) -> str:
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message"}
    assert body["error"]["message"]
    if code:
        assert body["error"]["code"] == code
    return str(body["error"]["message"])


def test_server_post_document_codes_and_stores(client: TestClient, db: Path) -> None:
    before = _counts(db)
    r = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 200, r.text
    body = r.json()
    [outcome] = body["documents"]
    assert outcome["outcome"] == "stored" and outcome["n_events"] == len(body["events"]) > 0
    assert any(e["event_type"] == "CONSULT" and {a["country"] for a in e["actor"]} == {"RUS"}
               for e in body["events"])
    doc = client.get(f"/api/documents/{outcome['doc_id']}").json()
    assert doc["title"] == "Putin meets Xi" and doc["text"] == ARTICLE["text"]
    assert _counts(db)[0] == before[0] + 1
    again = client.post("/api/documents", json=ARTICLE, headers=AUTH).json()
    assert again["documents"][0]["outcome"] == "unchanged"  # same id from the same content
    assert _counts(db)[0] == before[0] + 1


def test_server_post_json_lines(client: TestClient, db: Path) -> None:
    lines = "\n".join(json.dumps({"id": f"jl-{n}", "text": t, "date": "2024-04-0" + str(n)})
                      for n, t in enumerate(["France condemned the attack on Kyiv.",
                                             "Japan will send aid to Turkey."], 1))
    r = client.post("/api/documents", content=lines.encode(), headers={
        **AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code == 200, r.text
    assert [d["doc_id"] for d in r.json()["documents"]] == ["jl-1", "jl-2"]
    assert client.get("/api/events", params={"actor": "FRA", "since": "2024-04"}).json()["events"]


def test_server_cursor_is_stable_under_inserts(client: TestClient) -> None:
    first = client.get("/api/events", params={"sort": "date", "limit": 20}).json()
    seen = {e["event_id"] for e in first["events"]}
    early = {"id": "early", "text": "Germany criticised Poland over the border dispute.",
             "date": "1990-01-02"}
    assert client.post("/api/documents", json=early, headers=AUTH).status_code == 200
    second = client.get("/api/events", params={"sort": "date", "limit": 20,
                                               "cursor": first["next"]}).json()
    assert not seen & {e["event_id"] for e in second["events"]}
    last = first["events"][-1]["date"]["value"]
    assert all(e["date"]["value"] >= last for e in second["events"])


@pytest.mark.parametrize("headers,code", [({}, "unauthorized"),
                                          ({"Authorization": "Bearer wrong"}, "unauthorized"),
                                          ({"Authorization": f"Basic {TOKEN}"}, "unauthorized")])
def test_server_writes_need_the_token(client: TestClient, db: Path, headers: dict[str, str],
                                      code: str) -> None:
    before = _counts(db)
    r = client.post("/api/documents", json={**ARTICLE, "id": "no-token"}, headers=headers)
    _error(r, 401, code)
    assert r.headers["www-authenticate"] == "Bearer"
    assert _counts(db) == before


def test_server_oversized_bodies_are_refused(client: TestClient, db: Path) -> None:
    before = _counts(db)
    big = {**ARTICLE, "id": "big", "text": "Russia met China. " * 10_000}
    _error(client.post("/api/documents", json=big, headers=AUTH), 413, "payload_too_large")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit counts while reading
        payload = json.dumps(big).encode()
        for i in range(0, len(payload), 8192):
            yield payload[i:i + 8192]

    _error(client.post("/api/documents", content=chunks(), headers={
        **AUTH, "Content-Type": "application/json"}), 413)
    assert _counts(db) == before
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


@pytest.mark.parametrize("body,code", [
    (b'{"text": "Russia met China.", "date": ', "malformed_json"),
    (b"not json at all", "malformed_json"),
    (b'{"text": "a"}\n{"text": "b", "date": "2024-01-01"', "malformed_json"),
    (b'{"text": "Russia met China."}', "invalid_document"),
    (b'{"text": "Russia met China.", "date": "yesterday"}', "invalid_document"),
    (b'{"text": 5, "date": "2024-01-01"}', "invalid_document"),
    (b'{"text": "   ", "date": "2024-01-01"}', "invalid_document"),
    (b'[1, 2]', "invalid_document"),
    (b"", "empty_body"),
    (b"\xff\xfe\x00", "bad_encoding"),
    # a good first line does not get stored when a later line is bad
    (b'{"id": "good", "text": "Russia met China.", "date": "2024-01-01"}\n{"text": "x"}',
     "invalid_document"),
])
def test_server_malformed_documents_store_nothing(client: TestClient, db: Path, body: bytes,
                                                  code: str) -> None:
    before = _counts(db)
    _error(client.post("/api/documents", content=body, headers={
        **AUTH, "Content-Type": "application/json"}), 400, code)
    assert _counts(db) == before
    assert client.get("/api/documents/good").status_code == 404


@pytest.mark.parametrize("params,code", [
    ({"actr": "RUS"}, "unknown_parameter"),
    ({"actor": "RUS", "colour": "red"}, "unknown_parameter"),
    ({"actor": "RUS' OR '1'='1"}, "invalid_parameter"),
    ({"recipient": "RUS;DROP TABLE events"}, "invalid_parameter"),
    ({"country": "1=1"}, "invalid_parameter"),
    ({"type": "CONSULT' --"}, "invalid_parameter"),
    ({"status": "asserted OR 1=1"}, "invalid_parameter"),
    ({"mode": "visit'); DELETE FROM events; --"}, "invalid_parameter"),
    ({"since": "2023-09-01' OR 'a'='a"}, "invalid_parameter"),
    ({"until": "2023-13"}, "invalid_parameter"),
    ({"since": "2024", "until": "2023"}, "invalid_parameter"),
    ({"bbox": "1,2,3"}, "invalid_parameter"),
    ({"bbox": "0,50,10,40"}, "invalid_parameter"),
    ({"bbox": "nan,0,1,1"}, "invalid_parameter"),
    ({"limit": "0"}, "invalid_parameter"),
    ({"limit": "50; SELECT 1"}, "invalid_parameter"),
    ({"limit": "100000"}, "invalid_parameter"),
    ({"sort": "event_id"}, "invalid_parameter"),
    ({"cursor": "garbage!"}, "invalid_parameter"),
    ({"format": "xml"}, "invalid_parameter"),
    ({"q": "x" * 201}, "invalid_parameter"),
])
def test_server_bad_filters_are_4xx(client: TestClient, db: Path, params: dict[str, str],
                                    code: str) -> None:
    before = _counts(db)
    _error(client.get("/api/events", params=params), 400, code)
    assert _counts(db) == before


def test_server_bad_stats_and_actor_params(client: TestClient) -> None:
    _error(client.get("/api/stats", params={"interval": "hour"}), 400, "invalid_parameter")
    _error(client.get("/api/stats", params={"limit": "5"}), 400, "unknown_parameter")
    _error(client.get("/api/actors/R'S"), 400, "invalid_parameter")
    _error(client.get("/api/actors", params={"x": "1"}), 400, "unknown_parameter")


def test_server_cursor_of_another_sort_is_refused(client: TestClient) -> None:
    cursor = client.get("/api/events", params={"limit": 2}).json()["next"]
    msg = _error(client.get("/api/events", params={"cursor": cursor, "sort": "score"}), 400)
    assert "sort" in msg


def test_server_sql_in_text_search_is_just_text(client: TestClient, db: Path) -> None:
    before = _counts(db)
    for q in ("'; DROP TABLE events; --", "%' OR '1'='1", "_", "%"):
        r = client.get("/api/events", params={"q": q})
        assert r.status_code == 200
        assert all(q in e["evidence"]["sentence"] for e in r.json()["events"])
    assert _counts(db) == before


def test_server_unknown_things_are_404_in_the_error_shape(client: TestClient) -> None:
    _error(client.get("/api/events/no-such-event"), 404, "not_found")
    _error(client.get("/api/documents/no-such-doc"), 404, "not_found")
    _error(client.get("/api/nothing-here"), 404, "not_found")
    _error(client.delete("/api/events"), 405, "method_not_allowed")
    _error(client.post("/api/documents?dry=1", json=ARTICLE, headers=AUTH), 400,
           "unknown_parameter")


def test_server_keeps_serving_after_bad_input(client: TestClient) -> None:
    r = client.get("/api/events", params={"limit": 5})
    assert r.status_code == 200 and len(r.json()["events"]) == 5
