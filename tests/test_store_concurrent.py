"""Concurrent writers on one store: each document and event stored exactly once, no abort.

In process: several stores (each its own engine and connections, as separate processes
have) write overlapping batches from threads. End to end: three `newscoder code`
processes on overlapping inputs; benchmarks/bench_concurrent.py runs the long version.
Both on SQLite and on PostgreSQL (the ``db_url`` fixture of conftest.py).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from newscoder.records import Document, Entity, Event, EventDate, Evidence
from newscoder.store import StoreResult, open_store

DEV_A = Path(__file__).resolve().parents[2] / "shared" / "data" / "events-dev" / \
    "dev-a.docs.jsonl"


def _doc(n: int, doc_id: str | None = None) -> Document:
    return Document(doc_id=doc_id or f"d{n}", text=f"Russia accused Ukraine of attack {n}.",
                    date=dt.date(2023, 9, 5))


def _events(doc: Document) -> list[Event]:
    return [Event(
        event_id=f"{doc.doc_id}-e{k}", doc_id=doc.doc_id, doc_date=doc.date.isoformat(),
        event_type="ACCUSE", mode=None, context=(), status="asserted",
        actor=(Entity(text="Russia", country="RUS"),),
        recipient=(Entity(text="Ukraine", country="UKR"),),
        date=EventDate(value="2023-09-05", precision="day", text=None, method="document"),
        location=None, attribution=(), quantity=None, score=-2.0, quad="verbal_conflict",
        evidence=Evidence(sentence=doc.text, start=0, end=len(doc.text), trigger="accused"),
    ) for k in range(2)]


def test_store_concurrent_writers_store_each_document_once(db_url: str) -> None:
    db = db_url
    writers = 4
    # every writer gets all 40 documents, in its own order, in batches of 3; the first
    # also writes the first 5 again under other ids (same text and date: duplicates)
    docs = [_doc(n) for n in range(40)]
    orders = [docs[k * 5:] + docs[:k * 5] if k % 2 == 0 else docs[::-1] for k in range(writers)]
    orders[0] = orders[0] + [_doc(n, f"twin-{n}") for n in range(5)]
    results: list[list[StoreResult]] = [[] for _ in range(writers)]
    failures: list[BaseException] = []
    start = threading.Barrier(writers, timeout=60)

    def write(k: int) -> None:
        try:
            store = open_store(db)  # concurrently creates the schema on the first run
            start.wait()
            batch = orders[k]
            for i in range(0, len(batch), 3):
                results[k].extend(store.add_many((d, _events(d)) for d in batch[i:i + 3]))
            store.close()
        except BaseException as exc:  # reported below; a thread's exception is lost
            failures.append(exc)
            start.abort()  # the others must not wait for this one at the barrier

    threads = [threading.Thread(target=write, args=(k,)) for k in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    store = open_store(db)
    assert store.counts() == {"documents": 40, "events": 80}
    assert {r["doc_id"] for r in store.events()} == {f"d{n}" for n in range(40)}
    store.close()
    outcomes = [r.outcome for rs in results for r in rs]
    # each document was stored by exactly one writer; the rest found it there
    assert outcomes.count("stored") == 40
    assert outcomes.count("duplicate") == 5
    assert all(r.duplicate_of == f"d{r.doc_id[5:]}" for rs in results for r in rs
               if r.outcome == "duplicate")


@pytest.mark.skipif(not DEV_A.exists(), reason="../shared/data/events-dev is not present")
def test_store_concurrent_cli_runs_never_abort(tmp_path: Path, db_url: str) -> None:
    lines = [line for line in DEV_A.read_text(encoding="utf-8").splitlines() if line][:12]
    inputs = []
    for k, order in enumerate((lines, lines[4:] + lines[:4], lines[::-1])):
        path = tmp_path / f"part-{k}.jsonl"
        path.write_text("\n".join(order) + "\n", encoding="utf-8")
        inputs.append(path)
    settings = tmp_path / "settings.toml"
    settings.write_text("batch_size = 2\n", encoding="utf-8")  # many small transactions
    env = {**os.environ, "NEWSCODER_SETTINGS": str(settings)}
    db = db_url
    procs = [subprocess.Popen(
        [sys.executable, "-m", "newscoder.cli", "code", str(path), "--db", str(db), "-q",
         "--no-places", "--out", str(tmp_path / f"out-{k}.jsonl")],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        for k, path in enumerate(inputs)]
    errors = [p.communicate(timeout=300)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0], errors
    runs: list[dict[str, dict[str, object]]] = []
    for k in range(len(procs)):
        lines = (tmp_path / f"out-{k}.jsonl").read_text(encoding="utf-8").splitlines()
        runs.append({str(r["event_id"]): r for r in map(json.loads, lines)})
    store = open_store(db)
    stored = list(store.events())
    counts = store.counts()
    store.close()
    assert counts["documents"] == 12
    # each run wrote every event of its 12 documents (stored by it or found there), as a
    # run alone would; the store holds exactly those records, each once
    assert len({r["event_id"] for r in stored}) == len(stored) == counts["events"]
    assert runs[0] and all(run == runs[0] for run in runs)
    assert {str(r["event_id"]): r for r in stored} == runs[0]
