"""Throughput of `newscoder code` end to end against the bare spaCy pipeline.

Both run in this process on the same texts: first the bare model (`nlp.pipe` over the
texts, nothing else), then newscoder from reading the file to committing the store. The
ratio is what counts; absolute times on shared machines mean little. The ratio of CPU
times is printed too: on a machine that others load it drifts less than that of wall times.

    python benchmarks/bench_throughput.py [N=500] [--workers W]
"""

from __future__ import annotations

import argparse
import gzip
import itertools
import json
import tempfile
import time
from pathlib import Path

import spacy

from newscoder.coding import code_documents
from newscoder.read import read_inputs
from newscoder.settings import Settings
from newscoder.store import open_store

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikinews-politics" / \
    "articles.jsonl.gz"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", nargs="?", type=int, default=500)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "sample.jsonl"
        with gzip.open(CORPUS, "rt", encoding="utf-8") as src:
            lines = list(itertools.islice(src, args.n))
        sample.write_text("".join(lines), encoding="utf-8")
        texts = [json.loads(line)["text"] for line in lines]
        words = sum(len(t.split()) for t in texts)

        settings = Settings(db=str(Path(tmp) / "bench.db"), workers=args.workers)
        nlp = spacy.load(settings.model)
        list(nlp.pipe(texts[:20]))  # warm up both sides alike

        cpu: list[float] = []

        def bare_run() -> float:
            start, start_cpu = time.perf_counter(), time.process_time()
            for _ in nlp.pipe(texts, batch_size=settings.batch_size):
                pass
            cpu.append(time.process_time() - start_cpu)
            return time.perf_counter() - start

        before = bare_run()

        store = open_store(settings.db)
        start, start_cpu = time.perf_counter(), time.process_time()
        n_events = 0
        batch = []
        documents = (d for d in read_inputs([sample]) if not isinstance(d, Exception))
        for coded in code_documents(documents, settings):
            batch.append((coded.document, coded.events))
            n_events += len(coded.events)
            if len(batch) >= settings.batch_size:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
        full = time.perf_counter() - start
        full_cpu = time.process_time() - start_cpu
        store.close()
        # the baseline runs before and after, so that drifting machine load hits both sides
        bare = (before + bare_run()) / 2

    print(f"documents {len(texts)}, words {words:,}, events {n_events:,}, workers {args.workers}")
    for label, seconds in ((f"bare spaCy ({settings.model})", bare),
                           ("newscoder code end to end", full)):
        print(f"{label:40} {len(texts) / seconds:8.1f} docs/s {words / seconds:9.0f} words/s")
    print(f"ratio newscoder / spaCy: {bare / full:.2f} (target >= 0.75)")
    print(f"ratio of CPU times:      {sum(cpu) / len(cpu) / full_cpu:.2f}")


if __name__ == "__main__":
    main()
