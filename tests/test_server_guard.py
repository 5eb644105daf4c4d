"""A hostile browser: foreign Host (DNS rebinding), cross-origin writes (CSRF), content
types, security headers, malformed values, and the token kept out of workers' sight."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from server_process import free_port, wait_until_serving

pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from newscoder.server import create_app  # noqa: E402
from newscoder.server.guard import LOOPBACK_HOSTS, served_hosts  # noqa: E402

TOKEN = "guard-token-8f1c2a"
ARTICLE = {"id": "guard-1", "text": "Russia accused Ukraine of shelling Belgorod on Monday.",
           "date": "2024-03-05"}
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options",
                    "referrer-policy")


@pytest.fixture(scope="module", params=[None, TOKEN], ids=["no-token", "token"])
def server(request: pytest.FixtureRequest,
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path, dict[
               str, str]]]:
    """A server over an empty store, without and with a token; the auth headers to use."""
    db = tmp_path_factory.mktemp("guard") / "events.db"
    app = create_app(str(db), token=request.param)
    auth = {"Authorization": f"Bearer {TOKEN}"} if request.param else {}
    with TestClient(app, raise_server_exceptions=False, base_url="http://localhost:8000") as c:
        yield c, db, auth


def _documents(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute("SELECT count(*) FROM documents").fetchone()[0])


def _code(r: Any) -> str:
    return str(r.json()["error"]["code"])


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "127.0.0.1.nip.io",
                                  "localhost.evil.example", "192.168.1.7:8000", ""])
def test_server_guard_foreign_host_is_refused(server: Any, host: str) -> None:
    client, db, auth = server
    r = client.get("/api/events", headers={"Host": host})
    assert r.status_code == 400 and _code(r) == "invalid_host"
    r = client.post("/api/documents", json=ARTICLE, headers={**auth, "Host": host})
    assert r.status_code == 400 and _code(r) == "invalid_host"
    assert _documents(db) == 0
    assert all(name in r.headers for name in SECURITY_HEADERS)


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000",
                                  "LOCALHOST:8000"])
def test_server_guard_loopback_names_are_answered(server: Any, host: str) -> None:
    client, _db, _auth = server
    assert client.get("/api/vocabulary", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("headers", [
    {"Origin": "https://evil.example"},
    {"Origin": "http://localhost:9999"},  # another port is another origin
    {"Origin": "null"},  # sandboxed frames, file: pages
    {"Origin": "http://localhost.evil.example:8000"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},
])
def test_server_guard_cross_origin_post_is_refused(server: Any,
                                                   headers: dict[str, str]) -> None:
    client, db, auth = server
    for content_type in ("application/json", "text/plain"):
        r = client.post("/api/documents", content=json.dumps(ARTICLE).encode(), headers={
            **auth, **headers, "Content-Type": content_type})
        assert r.status_code == 403 and _code(r) == "cross_origin", r.text
    assert _documents(db) == 0


@pytest.mark.parametrize("content_type", ["text/plain", "text/plain;charset=utf-8",
                                          "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", None])
def test_server_guard_post_needs_a_json_content_type(server: Any,
                                                     content_type: str | None) -> None:
    client, db, auth = server
    headers = {**auth, "Content-Type": content_type} if content_type else auth
    r = client.post("/api/documents", content=json.dumps(ARTICLE).encode(), headers=headers)
    assert r.status_code == 415 and _code(r) == "unsupported_media_type", r.text
    assert _documents(db) == 0


def test_server_guard_same_origin_post_is_stored(server: Any) -> None:
    client, db, auth = server
    r = client.post("/api/documents", content=json.dumps(ARTICLE).encode(), headers={
        **auth, "Origin": "http://localhost:8000", "Sec-Fetch-Site": "same-origin",
        "Content-Type": "application/json; charset=utf-8"})
    assert r.status_code == 200, r.text
    assert _documents(db) == 1


@pytest.mark.parametrize("path", ["/", "/static/app.js", "/api/events", "/api/vocabulary",
                                  "/api/events?limit=0", "/api/nothing", "/api/openapi.json"])
def test_server_guard_security_headers_on_every_answer(server: Any, path: str) -> None:
    client, _db, _auth = server
    r = client.get(path)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["x-frame-options"] == "DENY"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp and "default-src 'self'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize("query", [
    {"limit": "²"}, {"limit": "1" * 5000}, {"limit": "٣"}, {"limit": "-1"},
    {"since": "２０２３"}, {"cursor": "W" * 3000 + "="},
    {"bbox": "1" * 400 + ",0,1,1"},
])
def test_server_guard_malformed_parameters_are_4xx(server: Any, query: dict[str, str]) -> None:
    client, _db, _auth = server
    r = client.get("/api/events", params=query)
    assert r.status_code == 400, r.text
    assert _code(r) == "invalid_parameter"


def test_server_guard_deep_cursor_is_4xx(server: Any) -> None:
    import base64

    client, _db, _auth = server
    deep = base64.urlsafe_b64encode(b"[" * 20_000 + b"]" * 20_000).decode().rstrip("=")
    r = client.get("/api/events", params={"cursor": deep})
    assert r.status_code == 400 and _code(r) == "invalid_parameter"


@pytest.mark.parametrize("body", [b"[" * 100_000 + b"]" * 100_000,
                                  b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
                                  b'{"text": "x", "date": "2024-01-01", "n": ' + b"9" * 5000
                                  + b"}",
                                  b"[" * 100_000 + b"\n" + b"[" * 100_000])
def test_server_guard_hostile_json_bodies_are_4xx(server: Any, body: bytes) -> None:
    client, db, auth = server
    r = client.post("/api/documents", content=body, headers={
        **auth, "Content-Type": "application/json"})
    assert r.status_code == 400, r.text
    assert _code(r) == "malformed_json"
    assert _documents(db) == 0 or _documents(db) == 1  # only the same-origin article


def test_server_guard_served_hosts() -> None:
    assert served_hosts("127.0.0.1") == (*LOOPBACK_HOSTS, "127.0.0.1")
    assert served_hosts("::1") == (*LOOPBACK_HOSTS, "[::1]")
    assert served_hosts("0.0.0.0") is None  # the names it is reached under are unknown
    assert served_hosts("0.0.0.0", ["events.example.org"]) == (
        *LOOPBACK_HOSTS, "events.example.org")
    assert "10.0.0.5" in (served_hosts("10.0.0.5") or ())



def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc")
def test_server_guard_token_file_never_reaches_workers(tmp_path: Path) -> None:
    httpx = pytest.importorskip("httpx")
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NEWSCODER_SETTINGS": str(tmp_path / "none.toml")}
    env.pop("NEWSCODER_TOKEN", None)
    proc = subprocess.Popen(
        [sys.executable, "-m", "newscoder.cli", "serve", "--db", str(tmp_path / "e.db"),
         "--port", str(port), "--workers", "2", "--token-file", str(token_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_serving(base, proc)
        post = {"Content-Type": "application/json"}
        r = httpx.post(f"{base}/api/documents", content=b"{}", headers=post)
        assert r.status_code == 401  # the token from the file is required
        r = httpx.post(f"{base}/api/documents", content=b"{}",
                       headers={**post, "Authorization": f"Bearer {TOKEN}"})
        assert r.status_code == 400  # accepted, then the empty document is refused
        processes = [proc.pid]
        for pid in processes:  # the server, uvicorn's supervisor, workers ...
            processes.extend(p for p in _children(pid) if p not in processes)
        assert len(processes) >= 3
        for pid in processes:
            for what in ("cmdline", "environ"):
                data = Path(f"/proc/{pid}/{what}").read_bytes()
                assert TOKEN.encode() not in data, f"token in {what} of process {pid}"
    finally:
        proc.terminate()
        proc.wait(timeout=30)
