"""Build a large event store (default 1,000,000 events) for the server benchmark, in a
SQLite file or in a PostgreSQL database.

Real coded events (the sample database: the seed article plus wikinews articles, built
on first use) are copied with new ids, dates spread over 2015-2024 at their original
precision, and actor/recipient countries redrawn from a skewed distribution (a few
countries are frequent, as in news), so dyads range from huge to rare. Rows go in with
executemany in large transactions (SQLite) or with COPY (PostgreSQL, one transaction),
with the secondary indexes dropped during the load and built after; the weekly rollups
are then counted from the events, as the migration does.

    .venv/bin/python benchmarks/make_big_db.py --out /tmp/big.db [--events 1000000]
    .venv/bin/python benchmarks/make_big_db.py --out postgresql+psycopg://USER@HOST:PORT/DB

A PostgreSQL database named by ``--out`` must exist; the store's tables in it are dropped
and made anew.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from newscoder.server.sample import cached_sample_db
from newscoder.store import open_store
from newscoder.store.copy import bulk_insert
from newscoder.store.rollup import fill as fill_rollups
from newscoder.store.schema import documents, event_dyads, event_parties, events, metadata

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "examples" / "seed" / "article.txt"
ARTICLES = SHARED / "data" / "wikinews-politics" / "articles.jsonl.gz"
COUNTRIES = ("USA RUS CHN UKR ISR GBR FRA DEU IRN IND PRK KOR JPN TUR PSE SYR PAK AFG IRQ "
             "SAU EGY BRA AUS CAN ITA ESP POL NLD BEL SWE NOR FIN VEN MEX COL ARG ZAF NGA "
             "KEN ETH SDN LBY YEM LBN JOR QAT ARE TWN VNM PHL IDN MYS THA MMR BGD LKA NPL "
             "KAZ UZB BLR GEO ARM AZE SRB HRV HUN CZE AUT CHE GRC CUB NIC HTI").split()
BATCH = 50_000


def _weights() -> list[float]:
    return [1.0 / (rank + 1) ** 1.1 for rank in range(len(COUNTRIES))]


def _new_date(value: str, precision: str, rng: random.Random) -> str:
    day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randrange(3653))
    if precision == "day":
        return day.isoformat()
    if precision == "month":
        return day.isoformat()[:7]
    if precision == "year":
        return day.isoformat()[:4]
    if precision == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return value


def _templates(base: Path) -> list[dict[str, Any]]:
    with sqlite3.connect(base) as conn:
        rows = conn.execute("SELECT record, date_precision, lat, lon, location_country, "
                            "mode, status, sentence FROM events ORDER BY event_id").fetchall()
    return [{"record": json.loads(r[0]), "precision": r[1], "lat": r[2], "lon": r[3],
             "location_country": r[4], "mode": r[5], "status": r[6], "sentence": r[7]}
            for r in rows]


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    sql = []
    for table in (events, event_parties, event_dyads):
        found = conn.execute("SELECT name, sql FROM sqlite_master WHERE type='index' "
                             "AND tbl_name=? AND sql IS NOT NULL", (table.name,)).fetchall()
        for name, ddl in found:
            sql.append(ddl)
            conn.execute(f'DROP INDEX "{name}"')
    return sql


Rows = tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]]]


def _rows(templates: list[dict[str, Any]], n_events: int, seed: int) -> Iterator[Rows]:
    """Per event: its events row, its event_parties rows and its event_dyads rows, in the
    tables' column order."""
    rng = random.Random(seed)
    weights = _weights()
    for i in range(n_events):
        t = templates[i % len(templates)]
        rec = t["record"]
        event_id = hashlib.blake2b(f"{rec['event_id']}/{i}".encode(), digest_size=10).hexdigest()
        date_value = _new_date(rec["date"]["value"], t["precision"], rng)
        remap: dict[str, str] = {}
        drawn = iter(rng.choices(COUNTRIES, weights, k=4))

        def country(code: str | None, _remap: dict[str, str] = remap,
                    _drawn: Any = drawn) -> str | None:
            if code is None:
                return None
            if code not in _remap:
                _remap[code] = next(_drawn, code)
            return _remap[code]

        actor = [{**e, "country": country(e["country"])} for e in rec["actor"]]
        recipient = [{**e, "country": country(e["country"])} for e in rec["recipient"]]
        record = {**rec, "event_id": event_id, "date": {**rec["date"], "value": date_value},
                  "actor": actor, "recipient": recipient}
        a_codes = sorted({e["country"] for e in actor if e["country"]})
        r_codes = sorted({e["country"] for e in recipient if e["country"]})
        row = (event_id, rec["doc_id"], rec["doc_date"], rec["event_type"], t["mode"],
               t["status"], date_value, t["precision"], rec["date"]["method"],
               f" {' '.join(a_codes)} " if a_codes else "",
               f" {' '.join(r_codes)} " if r_codes else "", t["location_country"],
               t["lat"], t["lon"], rec["score"], rec["quad"], t["sentence"],
               json.dumps(record, ensure_ascii=False))
        parties = [(event_id, "actor", c, date_value) for c in a_codes]
        parties.extend((event_id, "recipient", c, date_value) for c in r_codes)
        dyads = [(event_id, a, r, date_value, rec["event_type"], rec["quad"], rec["score"])
                 for a in a_codes for r in r_codes]
        yield row, parties, dyads


def _progress(i: int, started: float) -> None:
    print(f"\r{i:,} events, {time.perf_counter() - started:.0f} s", end="", file=sys.stderr,
          flush=True)


def build(out: Path, n_events: int, base: Path, seed: int = 7) -> dict[str, Any]:
    started = time.perf_counter()
    out.parent.mkdir(parents=True, exist_ok=True)
    for stale in out.parent.glob(out.name + "*"):
        stale.unlink()
    open_store(str(out)).close()  # the schema, exactly as the store makes it
    templates = _templates(base)
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("PRAGMA cache_size=-400000")
    conn.execute("ATTACH DATABASE ? AS base", (str(base),))
    conn.execute("BEGIN")
    conn.execute("INSERT INTO documents SELECT * FROM base.documents")
    conn.execute("COMMIT")
    conn.execute("DETACH DATABASE base")
    indexes = _drop_indexes(conn)
    ev_rows: list[tuple[Any, ...]] = []
    party_rows: list[tuple[Any, ...]] = []
    dyad_rows: list[tuple[Any, ...]] = []

    def flush() -> None:
        conn.execute("BEGIN")
        conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                         ev_rows)
        conn.executemany("INSERT INTO event_parties VALUES (?,?,?,?)", party_rows)
        conn.executemany("INSERT INTO event_dyads VALUES (?,?,?,?,?,?,?)", dyad_rows)
        conn.execute("COMMIT")
        ev_rows.clear()
        party_rows.clear()
        dyad_rows.clear()

    for i, (row, parties, dyads) in enumerate(_rows(templates, n_events, seed)):
        ev_rows.append(row)
        party_rows.extend(parties)
        dyad_rows.extend(dyads)
        if len(ev_rows) >= BATCH:
            flush()
            _progress(i + 1, started)
    if ev_rows:
        flush()
    loaded = time.perf_counter() - started
    for ddl in indexes:
        conn.execute(ddl)
    conn.close()
    store = open_store(str(out))
    with store.engine.begin() as sa_conn:
        fill_rollups(sa_conn)
    store.close()
    conn = sqlite3.connect(out, isolation_level=None)
    conn.execute("ANALYZE")
    conn.close()
    with sqlite3.connect(out) as check:
        check.execute("PRAGMA journal_mode=WAL")
        counts = {t: check.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "event_parties", "event_dyads",
                            "dyad_weekly", "country_weekly")}
    print(file=sys.stderr)
    return {"db": str(out), **counts, "load_s": round(loaded, 1),
            "total_s": round(time.perf_counter() - started, 1),
            "size_mb": round(out.stat().st_size / 2**20)}


def build_postgres(url: str, n_events: int, base: Path, seed: int = 7) -> dict[str, Any]:
    """The same rows in the PostgreSQL database at ``url``: COPY in one transaction, the
    secondary indexes of the three event tables built after the load."""
    from sqlalchemy import func, select, text

    started = time.perf_counter()
    store = open_store(url)
    metadata.drop_all(store.engine)  # the store's tables only; the database stays
    store.close()
    store = open_store(url)  # the schema, exactly as the store makes it
    templates = _templates(base)
    with sqlite3.connect(base) as src:
        doc_rows = src.execute(
            f"SELECT {', '.join(c.name for c in documents.columns)} FROM documents").fetchall()
    tables = (events, event_parties, event_dyads)
    secondary = [index for table in tables for index in table.indexes]
    with store.engine.begin() as conn:
        conn.execute(text("SET LOCAL maintenance_work_mem = '1GB'"))
        bulk_insert(conn, documents, doc_rows)
        for index in secondary:
            index.drop(conn)
        parties: list[tuple[Any, ...]] = []
        dyads: list[tuple[Any, ...]] = []

        def event_rows() -> Iterator[tuple[Any, ...]]:
            # events stream into COPY; the small side rows wait for their own COPY
            for i, (row, p, d) in enumerate(_rows(templates, n_events, seed)):
                parties.extend(p)
                dyads.extend(d)
                if (i + 1) % BATCH == 0:
                    _progress(i + 1, started)
                yield row

        bulk_insert(conn, events, event_rows())
        bulk_insert(conn, event_parties, parties)
        bulk_insert(conn, event_dyads, dyads)
        loaded = time.perf_counter() - started
        for index in secondary:
            index.create(conn)
        fill_rollups(conn)
    # VACUUM runs outside a transaction; it also sets the visibility map that lets the
    # dyad pages' index-only scans skip the table
    with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in (*tables, documents):
            conn.execute(text(f"VACUUM ANALYZE {table.name}"))
    with store.engine.connect() as conn:
        counts = {t: conn.execute(select(func.count()).select_from(text(t))).scalar_one()
                  for t in ("documents", "events", "event_parties", "event_dyads",
                            "dyad_weekly", "country_weekly")}
        size = conn.execute(text("SELECT pg_database_size(current_database())")).scalar_one()
    store.close()
    print(file=sys.stderr)
    return {"db": url, **counts, "load_s": round(loaded, 1),
            "total_s": round(time.perf_counter() - started, 1),
            "size_mb": round(size / 2**20)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default="big.db",
                        help="a SQLite file or a PostgreSQL URL (postgresql+psycopg://...)")
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--base", type=Path, help="a coded store to draw events from "
                        "[built from ../shared: seed + 200 wikinews articles]")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    if "://" in args.out:
        base = args.base or cached_sample_db(Path(tempfile.gettempdir()) / "newscoder-sample",
                                             SEED, ARTICLES)
        print(json.dumps(build_postgres(args.out, args.events, base, args.seed)))
    else:
        out = Path(args.out)
        base = args.base or cached_sample_db(out.parent / "newscoder-sample", SEED, ARTICLES)
        print(json.dumps(build(out, args.events, base, args.seed)))


if __name__ == "__main__":
    main()
