"""Concurrent writers: several `newscoder code` processes on overlapping inputs, one store.

Each trial starts PROCS processes at once on a fresh SQLite store. Each is given every
article of dev-a, in its own order (see ``split``), and a few articles appear again
under another id (same text and date: stored once). A trial is
compared with an undisturbed single-process run over the same articles:

- aborts: processes that exited with a status other than 0, or printed an error;
- lost: documents (by content hash) or events of the undisturbed run that are missing;
- duplicated: rows beyond one per document content, or events stored more often than
  the undisturbed run stores them.

    python benchmarks/bench_concurrent.py [--procs 4] [--trials 10] [--batch-size 4]
                                          [--input ../shared/data/events-dev/dev-a.docs.jsonl]
                                          [--url postgresql+psycopg://...]

With ``--url`` the trials write to that database instead (emptied before each trial);
the undisturbed run stays on SQLite, as what is compared does not depend on the store.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEV_A = Path(__file__).resolve().parents[2] / "shared" / "data" / "events-dev" / \
    "dev-a.docs.jsonl"
TWINS = 5  # articles that one process also reads under another id


def split(lines: list[str], procs: int) -> list[list[str]]:
    """One input a process, each with every line: even processes read them in order, odd
    ones backwards, each starting a few lines further on (writers meet on the same
    articles at about the same time, and cross); the first also reads TWINS articles
    again under another id."""
    if procs == 1:
        return [lines]
    step = max(1, len(lines) // (4 * procs))
    windows = []
    for n in range(procs):
        rotated = lines[n * step:] + lines[:n * step]
        windows.append(rotated if n % 2 == 0 else rotated[::-1])
    for line in lines[-TWINS:]:
        record = json.loads(line)
        record["id"] = f"twin-{record['id']}"
        windows[0].append(json.dumps(record, ensure_ascii=False) + "\n")
    return windows


def run(inputs: list[Path], db: Path | str, env: dict[str, str]) -> list[tuple[int, str]]:
    """Start one `newscoder code` per input at once; their exit statuses and stderr."""
    procs = [subprocess.Popen([sys.executable, "-m", "newscoder.cli", "code", str(path),
                               "--db", str(db), "-q"], env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for path in inputs]
    return [(p.wait(), p.stderr.read() if p.stderr else "") for p in procs]


def _url(db: Path | str) -> str:
    return str(db) if "://" in str(db) else f"sqlite:///{db}"


def empty(url: str) -> None:
    """Drop newscoder's tables, so that a trial starts from a new store."""
    from sqlalchemy import create_engine

    from newscoder.store.schema import metadata

    engine = create_engine(url)
    metadata.drop_all(engine)
    engine.dispose()


def contents(db: Path | str) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """Documents by content hash and events by what they say (not by ids, which depend
    on which twin won), each with how many rows hold it."""
    from sqlalchemy import create_engine, text

    engine = create_engine(_url(db))
    with engine.connect() as conn:
        docs = collections.Counter(h for (h,) in conn.execute(text(
            "SELECT content_hash FROM documents")))
        events: collections.Counter[str] = collections.Counter()
        for digest, record in conn.execute(text(
                "SELECT d.content_hash, e.record FROM events e JOIN documents d USING (doc_id)")):
            r = json.loads(record)
            for key in ("event_id", "doc_id"):
                r.pop(key, None)
            events[digest + json.dumps(r, sort_keys=True)] += 1
    engine.dispose()
    return docs, events


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--input", type=Path, default=DEV_A, help="JSON Lines articles")
    parser.add_argument("--procs", type=int, default=4)
    parser.add_argument("--trials", type=int, default=10)
    parser.add_argument("--url", help="trial database URL (PostgreSQL) instead of SQLite")
    parser.add_argument("--batch-size", type=int, default=4,
                        help="documents per transaction: small batches, more contention")
    args = parser.parse_args()
    lines = [line if line.endswith("\n") else line + "\n"
             for line in args.input.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        settings = tmp / "settings.toml"
        settings.write_text(f"batch_size = {args.batch_size}\n", encoding="utf-8")
        env = {**os.environ, "NEWSCODER_SETTINGS": str(settings)}
        inputs = []
        for n, window in enumerate(split(lines, args.procs)):
            path = tmp / f"part-{n}.jsonl"
            path.write_text("".join(window), encoding="utf-8")
            inputs.append(path)
        union = tmp / "all.jsonl"
        union.write_text("".join(line for path in inputs
                                 for line in path.read_text(encoding="utf-8").splitlines(True)),
                         encoding="utf-8")
        [(status, stderr)] = run([union], tmp / "baseline.db", env)
        if status != 0:
            sys.exit(f"the undisturbed run failed ({status}):\n{stderr}")
        want_docs, want_events = contents(tmp / "baseline.db")
        print(f"{args.procs} processes x {args.trials} trials on {len(lines)} articles "
              f"(all in every input, {TWINS} twins), batch size {args.batch_size}, "
              f"{'PostgreSQL' if args.url else 'SQLite'}; "
              f"undisturbed: {len(want_docs)} documents, {sum(want_events.values())} events")
        totals = collections.Counter[str]()
        for trial in range(1, args.trials + 1):
            db: Path | str = tmp / f"trial-{trial}.db"
            if args.url:
                db = args.url
                empty(args.url)
            started = time.perf_counter()
            results = run(inputs, db, env)
            seconds = time.perf_counter() - started
            aborts = sum(1 for status, stderr in results
                         if status != 0 or "error" in stderr.lower())
            docs, events = contents(db)
            row = {
                "aborts": aborts,
                "lost_docs": sum(1 for h in want_docs if h not in docs),
                "dup_docs": sum(n - 1 for n in docs.values()) + sum(
                    1 for h in docs if h not in want_docs),
                "lost_events": sum((want_events - events).values()),
                "dup_events": sum((events - want_events).values()),
            }
            totals.update(row)
            print(f"trial {trial:2d}: {seconds:5.1f} s  " +
                  "  ".join(f"{k} {v}" for k, v in row.items()))
            for status, stderr in results:
                if status != 0 or "error" in stderr.lower():
                    print(f"  exit {status}: {stderr.strip()[-400:]}")
        print("total:", "  ".join(f"{k} {totals[k]}" for k in
                                  ("aborts", "lost_docs", "dup_docs", "lost_events",
                                   "dup_events")))
        sys.exit(1 if sum(totals.values()) else 0)


if __name__ == "__main__":
    main()
