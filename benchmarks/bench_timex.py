#!/usr/bin/env python3
"""Throughput of the TIMEX3 tagger alone, on one core.

    python benchmarks/bench_timex.py [ARTICLES.jsonl.gz] [N]

Tags the first N (default 500) articles of a JSON Lines corpus with id/date/text fields
(default ../shared/data/wikinews-politics/articles.jsonl.gz) and prints words a second.
"""

from __future__ import annotations

import datetime as dt
import gzip
import json
import sys
import time
from pathlib import Path

from newscoder.timex import TimexTagger

DEFAULT = (Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
           / "wikinews-politics" / "articles.jsonl.gz")


def main(argv: list[str]) -> int:
    path = Path(argv[1]) if len(argv) > 1 else DEFAULT
    n = int(argv[2]) if len(argv) > 2 else 500
    docs: list[tuple[str, dt.date]] = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.append((r["text"], dt.date.fromisoformat(str(r["date"])[:10])))
            if len(docs) >= n:
                break
    tagger = TimexTagger()  # loading the data files is not part of the measure
    words = sum(len(text.split()) for text, _ in docs)
    start = time.perf_counter()
    found = sum(len(tagger(text, date)) for text, date in docs)
    seconds = time.perf_counter() - start
    print(f"{len(docs)} documents, {words} words, {found} timexes in {seconds:.2f} s: "
          f"{words / seconds:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
