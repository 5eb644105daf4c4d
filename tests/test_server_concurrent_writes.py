"""Concurrent writers through a real server and the CLI: a `newscoder serve` process takes
overlapping documents from two threads while a `newscoder code` process codes the same
JSON Lines file into the same store, SQLite or PostgreSQL (``db_url``); each document must
be stored exactly once, with the events an undisturbed single run (into SQLite) gives it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from newscoder import open_store
from server_process import free_port, wait_until_serving

httpx = pytest.importorskip("httpx")

TOKEN = "concurrent-token-5d2e91"
ARTICLES = [
    {"id": "cw-1", "date": "2024-03-04",
     "text": "Russia accused Ukraine of shelling Belgorod on Monday."},
    {"id": "cw-2", "date": "2024-03-05",
     "text": "France and Germany signed a defence agreement in Paris on Tuesday."},
    {"id": "cw-3", "date": "2024-03-06",
     "text": "Police arrested dozens of protesters in Tbilisi after a rally against the "
             "government of Georgia."},
    {"id": "cw-4", "date": "2024-03-07",
     "text": "China condemned the United States for sending warships through the Taiwan "
             "Strait on Thursday."},
    {"id": "cw-5", "date": "2024-03-08",
     "text": "The president of Kenya met the prime minister of Ethiopia in Nairobi to "
             "discuss trade."},
    {"id": "cw-6", "date": "2024-03-09",
     "text": "Israel said it would send a delegation to Egypt for talks on a ceasefire."},
]



def _code(jsonl: Path, db: Path | str, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newscoder.cli", "code", str(jsonl),
                             "--db", str(db), "-q"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)


def _rows(db: Path | str, sql: str) -> list[Any]:
    from sqlalchemy import text

    store = open_store(str(db))
    try:
        with store.engine.connect() as conn:
            return list(conn.execute(text(sql)))
    finally:
        store.close()


def _per_text(db: Path | str) -> dict[str, tuple[int, int]]:
    """content hash -> (documents with it, events of them), read from the store."""
    rows = _rows(db, "SELECT d.content_hash, count(DISTINCT d.doc_id), count(e.event_id) "
                     "FROM documents d LEFT JOIN events e ON e.doc_id = d.doc_id "
                     "GROUP BY d.content_hash")
    return {digest: (int(n_docs), int(n_events)) for digest, n_docs, n_events in rows}


def test_server_and_cli_write_each_document_once(tmp_path: Path, db_url: str) -> None:
    jsonl = tmp_path / "articles.jsonl"
    jsonl.write_text("".join(json.dumps(a) + "\n" for a in ARTICLES), encoding="utf-8")
    settings = tmp_path / "settings.toml"
    settings.write_text("batch_size = 1\n", encoding="utf-8")  # a commit per document
    env = {**os.environ, "NEWSCODER_SETTINGS": str(settings)}
    env.pop("NEWSCODER_TOKEN", None)
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n", encoding="utf-8")
    shared, alone = db_url, tmp_path / "alone.db"
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "newscoder.cli", "serve", "--db", shared, "--port",
         str(port), "--workers", "1", "--token-file", str(token_file)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    baseline = _code(jsonl, alone, env)  # the undisturbed run, while the server starts
    headers = {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/x-ndjson"}
    try:
        wait_until_serving(base, server)
        # load the server's model first, so that its writes overlap the CLI's
        r = httpx.post(f"{base}/api/documents", content=json.dumps(ARTICLES[0]),
                       headers=headers, timeout=60)
        assert r.status_code == 200, r.text
        assert baseline.wait(timeout=60) == 0, baseline.communicate()[1]

        cli = _code(jsonl, shared, env)
        answers: list[tuple[int, str]] = []
        overlapping = [0]  # answers given while the CLI was still running
        errors: list[BaseException] = []

        def post(docs: list[dict[str, Any]]) -> None:
            # again and again until the CLI is done: writes land before, between and
            # after its batches; the first of each overlaps the other thread
            try:
                with httpx.Client(base_url=base, headers=headers, timeout=60) as client:
                    rounds = 0
                    while rounds < 2 or (cli.poll() is None and rounds < 200):
                        for doc in docs:
                            r = client.post("/api/documents", content=json.dumps(doc))
                            answers.append((r.status_code, r.text))
                            overlapping[0] += cli.poll() is None
                        body = "\n".join(json.dumps(d) for d in docs) + "\n"
                        r = client.post("/api/documents", content=body)
                        answers.append((r.status_code, r.text))
                        rounds += 1
            except BaseException as exc:  # noqa: BLE001 - reported below
                errors.append(exc)

        # overlapping halves, and two documents again without ids (the server names them
        # from their text: the same text must not be stored a second time)
        anonymous = [{k: v for k, v in a.items() if k != "id"} for a in ARTICLES[3:5]]
        threads = [threading.Thread(target=post, args=(ARTICLES[:4],)),
                   threading.Thread(target=post, args=(ARTICLES[2:] + anonymous,))]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=120)
        assert cli.wait(timeout=60) == 0, cli.communicate()[1]
        assert not errors, errors
        assert overlapping[0] > 0, "the posts did not overlap the CLI's run"
        assert answers and all(status == 200 for status, _ in answers), [
            a for a in answers if a[0] != 200][:3]
        outcomes = {d["outcome"] for _, text in answers for d in json.loads(text)["documents"]}
        assert outcomes <= {"stored", "unchanged", "duplicate"}, outcomes
        stats = httpx.get(f"{base}/api/stats", timeout=30)
        assert stats.status_code == 200
    finally:
        server.terminate()
        server.wait(timeout=30)

    want = _per_text(alone)
    got = _per_text(shared)
    assert len(want) == len(ARTICLES)
    assert all(n_docs == 1 for n_docs, _ in got.values()), got
    assert got == want  # every text once, with the undisturbed run's event count
    assert sum(n_events for _, n_events in want.values()) > 0  # the articles give events
    assert stats.json()["count"] == sum(n_events for _, n_events in want.values())
    counts = []
    for db in (shared, alone):
        store = open_store(str(db))
        try:
            counts.append(store.counts())
        finally:
            store.close()
    assert counts[0] == counts[1] == {"documents": len(ARTICLES),
                                      "events": counts[1]["events"]}
    # an id from the file, or the server's name for a document posted without one that
    # got there first
    stored = [r[0] for r in _rows(shared, "SELECT doc_id FROM documents")]
    assert all(d in {a["id"] for a in ARTICLES} or d.startswith("api-") for d in stored)
