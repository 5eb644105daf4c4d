"""Kill -9 at random points of a `newscoder code` run, rerun, compare with an undisturbed run.

An undisturbed run codes the first N Wikinews articles into a fresh SQLite store. Each
trial starts the same run on a fresh store, kills it with SIGKILL after a random time
between the model's load and 90% of the undisturbed run's duration (redrawn, up to three
times, if the run ended first, so that every kill lands mid-run), reruns it to completion and
compares every table (documents, events, parties, dyads, rollups) row for row with the
undisturbed store.

    python benchmarks/bench_kill.py [--n 500] [--trials 20] [--seed 12] [--batch-size 8]

Small batches (one transaction each) put most kill points between two commits.
"""

from __future__ import annotations

import argparse
import collections
import gzip
import itertools
import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-politics" / \
    "articles.jsonl.gz"
TABLES = ("documents", "events", "event_parties", "event_dyads", "dyad_weekly",
          "country_weekly", "newscoder_meta")


def command(sample: Path, db: Path) -> list[str]:
    return [sys.executable, "-m", "newscoder.cli", "code", str(sample), "--db", str(db), "-q"]


def snapshot(db: Path) -> dict[str, collections.Counter[tuple[object, ...]]]:
    """Every table as a multiset of rows (row order and rowids do not count)."""
    with sqlite3.connect(db) as conn:
        return {table: collections.Counter(
            tuple(round(v, 9) if isinstance(v, float) else v for v in row)
            for row in conn.execute(f"SELECT * FROM {table}")) for table in TABLES}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=500, help="articles")
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--batch-size", type=int, default=8,
                        help="documents per transaction")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        sample = tmp / "sample.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
            sample.write_text("".join(itertools.islice(src, args.n)), encoding="utf-8")
        settings = tmp / "settings.toml"
        settings.write_text(f"batch_size = {args.batch_size}\n", encoding="utf-8")
        env = {**os.environ, "NEWSCODER_SETTINGS": str(settings)}
        first = tmp / "first.jsonl"
        first.write_text(sample.read_text(encoding="utf-8").split("\n", 1)[0] + "\n",
                         encoding="utf-8")
        started = time.perf_counter()
        # the model's load and one article: about when the first write lands
        subprocess.run(command(first, tmp / "first.db"), env=env, check=False,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        load = time.perf_counter() - started
        started = time.perf_counter()
        done = subprocess.run(command(sample, tmp / "baseline.db"), env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        total = time.perf_counter() - started
        if done.returncode not in (0, 1):
            sys.exit(f"the undisturbed run failed ({done.returncode}):\n{done.stderr}")
        want = snapshot(tmp / "baseline.db")
        print(f"{args.n} articles: undisturbed run {total:.1f} s, "
              f"{sum(want['documents'].values())} documents, "
              f"{sum(want['events'].values())} events; {args.trials} kills between "
              f"{load * 0.5:.1f} s and {load * 0.5 + (total - load * 0.5) * 0.9:.1f} s",
              flush=True)
        equal = mid_run = 0
        for trial in range(1, args.trials + 1):
            db = tmp / f"trial-{trial}.db"
            # kill points inside the measured run (a margin for the run's jitter); a run
            # that ends before its kill point is redrawn, so every trial is a mid-run kill
            for _attempt in range(3):
                db.unlink(missing_ok=True)
                for suffix in ("-wal", "-shm", "-journal"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
                at = rng.uniform(load * 0.5, load * 0.5 + (total - load * 0.5) * 0.9)
                proc = subprocess.Popen(command(sample, db), env=env,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                time.sleep(at)
                killed = proc.poll() is None
                if killed:
                    os.kill(proc.pid, signal.SIGKILL)
                proc.wait()
                if killed:
                    break
            mid_run += killed
            stored = 0
            if db.exists():
                with sqlite3.connect(db) as conn:
                    try:
                        stored = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
                    except sqlite3.OperationalError:  # killed before the schema was made
                        stored = 0
            rerun = subprocess.run(command(sample, db), env=env, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True)
            got = snapshot(db)
            diff = {t: sum(((want[t] - got[t]) + (got[t] - want[t])).values()) for t in TABLES}
            same = not any(diff.values()) and rerun.returncode == done.returncode
            equal += same
            print(f"trial {trial:2d}: kill at {at:5.1f} s ({'killed' if killed else 'had ended'}"
                  f", {stored} documents stored), rerun exit {rerun.returncode}: "
                  + ("equal" if same else f"DIFFERENT {diff}"), flush=True)
        print(f"killed mid-run: {mid_run} of {args.trials}; "
              f"equal to the undisturbed run: {equal} of {args.trials}")
        sys.exit(0 if equal == mid_run == args.trials else 1)


if __name__ == "__main__":
    main()
