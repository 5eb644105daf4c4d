"""Train the event classifier from annotated articles.

    python -m newscoder.events.train [--docs ../shared/data/events-dev/train.docs.jsonl]
        [--gold ../shared/data/events-dev/train.gold.jsonl] [--out PATH] [--c 0.3]

Codes the articles with the rules alone, turns each sentence into features
(:mod:`newscoder.events.features`) and labels (the gold types anchored in it), fits one
L2-regularised logistic regression per PLOVER type with scikit-learn (the ``train``
extra; coding needs only the weights) and writes the weights, pruned of near-zero ones,
to ``newscoder/data/events/classifier.json.gz``. Deterministic for the same input.
"""

from __future__ import annotations

import argparse
import hashlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..pipeline import Pipeline
from ..read import read_inputs
from ..records import Document
from ..settings import load_settings
from .classifier import MODEL_FILE, EventClassifier
from .corpus import gold_by_sentence, labels, read_gold

log = logging.getLogger(__name__)

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "events-dev"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "events" / MODEL_FILE
PRUNE = 1e-3  # weights smaller than this change no decision; left out of the file


Row = tuple[list[str], set[str], set[str]]  # features, required types, optional types


def sentence_rows(docs_path: Path, gold_path: Path) -> Iterator[Row]:
    """(features, required types, optional types) for every sentence of the articles."""
    gold = read_gold(gold_path)
    pipeline = Pipeline(load_settings(learned=False))
    documents = [d for d in read_inputs([docs_path]) if isinstance(d, Document)]
    for analysis in pipeline.pipe(documents, until="actors"):
        document, doc = analysis.document, analysis.spacy_doc
        if analysis.error or document.doc_id not in gold:
            continue
        anchored = gold_by_sentence(doc, gold[document.doc_id])
        for sent, features in pipeline.events.features(
                document, doc, analysis.actors, analysis.timexes, analysis.places):
            required, optional = labels(anchored.get(sent.start, []))
            yield features, required, optional


def fit(rows: list[Row], types: list[str], c: float) -> EventClassifier:
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vectoriser = DictVectorizer()
    x = vectoriser.fit_transform([dict.fromkeys(features, 1) for features, _, _ in rows])
    names = vectoriser.get_feature_names_out()
    intercepts: list[float] = []
    weights: dict[str, dict[int, float]] = {}
    for index, event_type in enumerate(types):
        # a sentence whose only event of this type is optional is neither a positive
        # nor a negative example of it
        keep = [n for n, (_, required, optional) in enumerate(rows)
                if event_type in required or event_type not in optional]
        y = [event_type in rows[n][1] for n in keep]
        model = LogisticRegression(C=c, max_iter=5000).fit(x[keep], y)
        intercepts.append(round(float(model.intercept_[0]), 4))
        for name, weight in zip(names, model.coef_[0], strict=True):
            if abs(weight) >= PRUNE:
                weights.setdefault(str(name), {})[index] = round(float(weight), 4)
    return EventClassifier(types, intercepts, weights)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=SHARED / "train.docs.jsonl")
    parser.add_argument("--gold", type=Path, default=SHARED / "train.gold.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    rows = list(sentence_rows(args.docs, args.gold))
    from .lexicon import load_event_lexicon

    types = sorted(load_event_lexicon().quads)
    model = fit(rows, types, args.c)
    digest = hashlib.sha256(args.docs.read_bytes() + args.gold.read_bytes()).hexdigest()[:16]
    meta: dict[str, Any] = {"sentences": len(rows), "positive": sum(1 for r in rows if r[1]),
                            "c": args.c, "data_sha256": digest, "features": len(model.weights)}
    model.meta = meta
    model.save(args.out)
    log.info("trained on %d sentences (%d with events): %d features -> %s",
             meta["sentences"], meta["positive"], meta["features"], args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
