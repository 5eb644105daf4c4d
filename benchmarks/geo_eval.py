"""Run the places stage on score_geo.py's prepared corpora and score it.

    python ../shared/eval/score_geo.py prepare ../shared/data/geo/lgl.xml out/geo/lgl
    python benchmarks/geo_eval.py out/geo/lgl --corpus ../shared/data/geo/lgl.xml [--spans]
    python benchmarks/geo_eval.py --tune out/geo/lgl out/geo/TR-News ...   # weights
    python benchmarks/geo_eval.py --fit-points out/geo/lgl ...   # data/places/points_fitted.tsv
    python benchmarks/geo_eval.py out/geo/lgl --halves   # also first / second half scores

Writes OUT_DIR-sys.jsonl (end to end) or OUT_DIR-spans-sys.jsonl (--spans) and prints
the scorer's line. The spaCy parse of a corpus is cached next to it (docs.spacy), so
re-runs only time the places stage. --tune fits the resolver's weights by coordinate
ascent on the first half of each corpus's documents and prints them with the scores on
the first and second halves.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.tokens import Doc, DocBin

from newscoder.nlp import load_nlp
from newscoder.places import PlaceFinder
from newscoder.places.gazetteer import BIG_FEATURES, DATA_DIR, build, km, load
from newscoder.places.recognise import parents
from newscoder.places.resolve import FEATURES, WEIGHTS, choose, document_features, resolve_texts

POINTS = DATA_DIR / "points_fitted.tsv"

SCORER = Path(__file__).resolve().parents[2] / "shared" / "eval" / "score_geo.py"


def scorer(path: Path = SCORER) -> ModuleType:
    spec = importlib.util.spec_from_file_location("score_geo", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def parsed(corpus_dir: Path) -> tuple[list[dict[str, Any]], list[Doc]]:
    docs = [json.loads(line) for line in (corpus_dir / "docs.jsonl").open(encoding="utf-8")]
    cache = corpus_dir / "docs.spacy"
    nlp = load_nlp()
    if cache.exists():
        parsed_docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
    else:
        parsed_docs = list(nlp.pipe((d["text"] for d in docs), batch_size=16))
        db = DocBin(store_user_data=False)
        for d in parsed_docs:
            db.add(d)
        db.to_disk(cache)
    return docs, parsed_docs


def spans_by_doc(corpus_dir: Path) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for line in (corpus_dir / "spans.jsonl").open(encoding="utf-8"):
        r = json.loads(line)
        out.setdefault(str(r["doc_id"]), []).append((r["start"], r["end"]))
    return out


def run(corpus_dir: Path, given_spans: bool) -> tuple[Path, float, int]:
    docs, parsed_docs = parsed(corpus_dir)
    finder = PlaceFinder()
    _ = finder.gazetteer  # load before timing
    spans = spans_by_doc(corpus_dir) if given_spans else {}
    out = corpus_dir.with_name(corpus_dir.name + ("-spans-sys.jsonl" if given_spans
                                                  else "-sys.jsonl"))
    t0, n = time.perf_counter(), 0
    with out.open("w", encoding="utf-8") as f:
        for d, doc in zip(docs, parsed_docs, strict=True):
            if given_spans:
                places = finder.resolve_spans(doc, spans.get(str(d["id"]), []))
            else:
                places = finder(doc)
            n += len(places)
            for p in places:
                f.write(json.dumps({"doc_id": d["id"], **p.to_dict()}, ensure_ascii=False)
                        + "\n")
    return out, time.perf_counter() - t0, n


def corpus_gold(score_geo: Any, cdir: Path) -> tuple[list[dict[str, Any]],
                                                    dict[str, list[dict[str, Any]]]]:
    """The documents of the corpus a prepared folder was made from, and its gold toponyms
    by document."""
    xml = next(p for p in SCORER.parents[1].glob("data/geo/*.xml") if p.stem == cdir.name)
    docs, gold = score_geo.load(str(xml))
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for g in gold:
        by_doc.setdefault(g["doc_id"], []).append(g)
    return docs, by_doc


def tune(corpus_dirs: list[Path], rounds: int = 3) -> dict[str, float]:
    """Coordinate ascent on acc161 of the first half of each corpus (given spans)."""
    gaz = load()
    score_geo = scorer()
    halves: list[list[tuple[list[Any], list[tuple[float, float]]]]] = [[], []]
    for cdir in corpus_dirs:
        docs, by_doc = corpus_gold(score_geo, cdir)
        for k, d in enumerate(docs):
            gs = sorted(by_doc.get(d["id"], []), key=lambda g: (g["start"], g["end"]))
            if not gs:
                continue
            sp = [(g["start"], g["end"]) for g in gs]
            texts = [d["text"][s:e] for s, e in sp]
            feats = document_features(gaz, texts, parents(d["text"], sp))
            halves[k >= len(docs) // 2].append((feats, [(g["lat"], g["lon"]) for g in gs]))

    def acc(items: list[Any], w: dict[str, float]) -> float:
        good = total = 0
        for feats, golds in items:
            for cands, (la, lo) in zip(feats, golds, strict=True):
                total += 1
                row = choose(cands, w)
                good += row is not None and km(la, lo, gaz.lat[row], gaz.lon[row]) <= 161
        return good / max(total, 1)

    w = dict(WEIGHTS)
    best = acc(halves[0], w)
    for _ in range(rounds):
        for name in FEATURES:
            for factor in (0.0, 0.5, 0.8, 1.25, 2.0, 3.0, -1.0):
                trial = dict(w, **{name: round(w[name] * factor if w[name] else factor, 3)})
                a = acc(halves[0], trial)
                if a > best + 1e-9:
                    best, w = a, trial
    print(f"tuned: first half {best:.4f}  second half {acc(halves[1], w):.4f}")
    print(f"default: first half {acc(halves[0], WEIGHTS):.4f}  "
          f"second half {acc(halves[1], WEIGHTS):.4f}")
    print(json.dumps(w, indent=1))
    return w


def first_halves(corpus_dirs: list[Path]) -> Iterator[tuple[str, list[str], list[tuple[int, int]],
                                                           list[tuple[float, float]]]]:
    """(text, toponyms, spans, gold points) of each document of the corpora's first halves."""
    score_geo = scorer()
    for cdir in corpus_dirs:
        docs, by_doc = corpus_gold(score_geo, cdir)
        for d in docs[:len(docs) // 2]:
            gs = sorted(by_doc.get(d["id"], []), key=lambda g: (g["start"], g["end"]))
            sp = [(g["start"], g["end"]) for g in gs]
            yield d["text"], [d["text"][s:e] for s, e in sp], sp, [(g["lat"], g["lon"]) for g in gs]


def fit_points(corpus_dirs: list[Path], out: Path = POINTS, min_gain: int = 2) -> None:
    """Refit data/places/points_fitted.tsv on the first half of each corpus.

    Gazetteers place a country or a division at different points (GeoNames' country
    point, Wikipedia's, the capital). For each big unit the resolver picks, the gold
    points within 1,500 km of its point are how the corpora place it; the point within
    161 km of most of them (among those points, their pairwise midpoints and the
    unit's own) replaces the unit's when it gains ``min_gain`` or more.
    """
    gaz = build(use_fitted=False)
    seen: dict[int, list[tuple[float, float]]] = {}
    for text, texts, sp, golds in first_halves(corpus_dirs):
        for row, (la, lo) in zip(resolve_texts(gaz, texts, parents(text, sp)), golds,
                                 strict=True):
            if row is not None and (gaz.feature[row] in BIG_FEATURES or not gaz.country[row]) \
                    and km(la, lo, gaz.lat[row], gaz.lon[row]) <= 1500:
                seen.setdefault(row, []).append((la, lo))
    lines = []
    for row, pts in sorted(seen.items(), key=lambda kv: (gaz.admin1[kv[0]], gaz.name[kv[0]])):
        own = (float(gaz.lat[row]), float(gaz.lon[row]))
        distinct = sorted(set(pts))
        trials = [own, *distinct] + [((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
                                     for i, a in enumerate(distinct) for b in distinct[i + 1:]]

        def hits(p: tuple[float, float], pts: list[tuple[float, float]] = pts) -> int:
            return sum(km(p[0], p[1], la, lo) <= 161 for la, lo in pts)

        best = max(trials, key=lambda p: (hits(p), -km(p[0], p[1], *own)))
        if hits(best) - hits(own) >= min_gain:
            lines.append(f"{gaz.name[row]}\t{gaz.admin1[row]}\t{best[0]:.4f}\t{best[1]:.4f}"
                         f"\t# {hits(own)} -> {hits(best)} of {len(pts)}")
    header = ("# Points of countries, divisions and regions fitted on the first half of each\n"
              "# evaluation corpus (benchmarks/geo_eval.py --fit-points; do not edit by hand).\n"
              "# name\tadmin1 key\tlat\tlon\t# hits before -> after of mentions\n")
    out.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} points -> {out}")


def halves(xml: Path, out: Path) -> str:
    """acc161 and span_recall on the first and the second half of the corpus's documents."""
    score_geo = scorer()
    docs, _ = score_geo.load(str(xml))
    first = {str(d["id"]) for d in docs[:len(docs) // 2]}
    parts = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, keep in (("h1", True), ("h2", False)):
            sub = Path(tmp) / f"{name}.jsonl"
            with sub.open("w", encoding="utf-8") as f:
                for line in out.open(encoding="utf-8"):
                    f.write(line if (str(json.loads(line)["doc_id"]) in first) == keep
                            else "")
            # Score the half's gold only: the scorer reads gold from the XML, so drop the
            # other half's documents from a copy of it.
            tree = ET.parse(xml)
            root = tree.getroot()
            for i, art in enumerate(list(root.findall("article"))):
                doc_id = art.get("docid") or art.get("file") or str(i)
                if (doc_id in first) != keep:
                    art.clear()
            part_xml = Path(tmp) / f"{name}.xml"
            tree.write(part_xml, encoding="utf-8")
            r = score_geo.score(str(part_xml), str(sub))
            parts.append(f"{name}: acc161={r['acc161']:.4f} span_recall={r['span_recall']:.4f}")
    return "  ".join(parts)


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("dirs", nargs="+", type=Path, help="prepared corpus directories")
    ap.add_argument("--corpus", type=Path, help="the corpus XML, to score (one dir only)")
    ap.add_argument("--spans", action="store_true", help="resolve the gold spans")
    ap.add_argument("--tune", action="store_true", help="fit the resolver weights")
    ap.add_argument("--halves", action="store_true",
                    help="also score the first and second half of the documents")
    ap.add_argument("--fit-points", action="store_true",
                    help="refit data/places/points_fitted.tsv")
    args = ap.parse_args(argv)
    if args.fit_points:
        fit_points(args.dirs)
        return 0
    if args.tune:
        tune(args.dirs)
        return 0
    for cdir in args.dirs:
        out, secs, n = run(cdir, args.spans)
        xml = args.corpus or next(
            (p for p in SCORER.parents[1].glob("data/geo/*.xml") if p.stem == cdir.name), None)
        line = ""
        if xml is not None:
            r = scorer().score(str(xml), str(out))
            line = " ".join(f"{k}={v:.4f}" if isinstance(v, float) else f"{k}={v}"
                            for k, v in r.items())
        mode = "spans" if args.spans else "e2e"
        print(f"{cdir.name} {mode}: {line} places={n} {secs:.1f}s -> {out}")
        if xml is not None and args.halves:
            print(f"    {halves(xml, out)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
