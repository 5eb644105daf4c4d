"""Peak memory of `newscoder code` on the whole Wikinews politics corpus, in one run.

    python benchmarks/bench_memory.py [CORPUS] [--workers N]

Runs the real command line in a child process into a temporary database and prints the
child's peak resident set size (target: <= 1 GB), documents, events and wall time.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-politics" / \
    "articles.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", nargs="?", default=str(CORPUS))
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        start = time.perf_counter()
        run = subprocess.run([sys.executable, "-m", "newscoder.cli", "code", args.corpus,
                              "--db", str(db), "--workers", str(args.workers), "-q"],
                             capture_output=True, text=True)
        seconds = time.perf_counter() - start
        skipped = sum(1 for line in run.stderr.splitlines() if line.startswith("skipped"))
        from newscoder.store import open_store

        counts = open_store(str(db)).counts()
    # ru_maxrss of children is the largest single child (kilobytes on Linux)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"documents stored {counts['documents']:,}, events {counts['events']:,}, "
          f"inputs skipped {skipped:,}, exit status {run.returncode}")
    print(f"wall time {seconds:.0f} s, workers {args.workers}")
    print(f"peak memory of one process: {peak_mb:.0f} MB (target <= 1024 MB)")


if __name__ == "__main__":
    main()
