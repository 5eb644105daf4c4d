"""Speed and size of the gazetteer and the resolver.

    python benchmarks/bench_places.py [--corpus out/geo/lgl]

Prints: index build seconds (into a fresh temporary cache), index load seconds, the
resident memory the loaded index adds, and the seconds to resolve 10,000 toponyms on one
core (documents of 20 names; names from a prepared corpus's gold spans when given, else
the gazetteer's own names). Targets: build < 60 s, loaded < 300 MB, 10k < 2 s.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def names_from(corpus: Path | None, gaz: object, n: int) -> list[str]:
    if corpus is not None:
        texts = {}
        for line in (corpus / "docs.jsonl").open(encoding="utf-8"):
            d = json.loads(line)
            texts[str(d["id"])] = d["text"]
        spans = [json.loads(line) for line in (corpus / "spans.jsonl").open(encoding="utf-8")]
        names = [texts[str(s["doc_id"])][s["start"]:s["end"]] for s in spans]
    else:
        names = list(gaz.name)  # type: ignore[attr-defined]
    rng = random.Random(0)
    return [rng.choice(names) for _ in range(n)]


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--corpus", type=Path, help="a score_geo.py prepared directory")
    ap.add_argument("-n", type=int, default=10_000)
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["NEWSCODER_CACHE"] = tmp
        from newscoder.places import gazetteer
        from newscoder.places.recognise import parents
        from newscoder.places.resolve import resolve_texts

        t0 = time.perf_counter()
        gazetteer.load()  # builds and writes the index
        build_s = time.perf_counter() - t0
        size_file = gazetteer.index_path().stat().st_size / 2**20
        gazetteer._loaded.clear()
        gc.collect()
        before = rss_mb()
        t0 = time.perf_counter()
        gaz = gazetteer.load()
        load_s = time.perf_counter() - t0
        loaded_mb = rss_mb() - before

    names = names_from(args.corpus, gaz, args.n)
    docs = [names[i:i + 20] for i in range(0, len(names), 20)]
    t0 = time.perf_counter()
    for texts in docs:
        spans, pos = [], 0
        for t in texts:  # lay the names out as "A. B. C." so no parent pattern fires
            spans.append((pos, pos + len(t)))
            pos += len(t) + 2
        resolve_texts(gaz, texts, parents(". ".join(texts), spans))
    resolve_s = time.perf_counter() - t0
    print(f"build_s={build_s:.1f} index_file_mb={size_file:.0f} load_s={load_s:.2f} "
          f"loaded_mb={loaded_mb:.0f} resolve_{args.n}_s={resolve_s:.2f} "
          f"places={len(gaz)} names={len(gaz.names)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
