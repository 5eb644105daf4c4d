"""Train the event classifier and the event ranker from annotated articles.

    python -m newscoder.events.train [--docs ../shared/data/events-dev/train.docs.jsonl]
        [--gold ../shared/data/events-dev/train.gold.jsonl] [--out DIR] [--c 1.0]
        [--cross-validate EVENTS.jsonl]

1. **The classifier** (:mod:`.classifier`): the articles are coded with the rules alone,
   each sentence becomes features (:mod:`.features`) and labels (the gold types anchored
   in it), and one L2-regularised logistic regression per PLOVER type is fitted.
2. **The ranker** (:mod:`.ranking`): it must learn how the classifier behaves on articles
   it has not seen, so the articles are split into ``FOLDS`` folds; for each, a classifier
   fitted on the other folds proposes its candidates, and every candidate is labelled by
   whether it matches a required gold event (type and actor country, as the scorer
   matches). One logistic regression over all the candidates is the ranker.

3. **Cross-validation** (``--cross-validate``, writes no model): every article coded by
   the whole pipeline with a classifier fitted on the other folds, so that the training
   articles measure the coder as articles it has not seen would.

scikit-learn fits them (the ``train`` extra; coding needs only the weights). The weights,
pruned of near-zero ones, go to ``newscoder/data/events/classifier.json.gz`` and
``ranker.json.gz``. Deterministic for the same input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
from pathlib import Path
from typing import Any

from ..pipeline import Pipeline
from ..read import read_inputs
from ..records import Analysis, Document
from ..settings import load_settings
from .classifier import MODEL_FILE, EventClassifier
from .corpus import GoldDocument, candidate_label, gold_by_sentence, labels, read_gold
from .ranking import CONFIRMED
from .ranking import MODEL_FILE as RANKER_FILE

log = logging.getLogger(__name__)

SHARED = Path(__file__).resolve().parents[4] / "shared" / "data" / "events-dev"
DEFAULT_OUT = Path(__file__).resolve().parents[1] / "data" / "events"
PRUNE = 1e-3  # weights smaller than this change no decision; left out of the file
FOLDS = 5
NEVER_SEEN = -10.0  # the log-odds of a type no training sentence reports


Row = tuple[list[str], set[str], set[str]]  # features, required types, optional types


def analyse(docs_path: Path, gold: dict[str, GoldDocument], pipeline: Pipeline
            ) -> list[Analysis]:
    """The annotated articles parsed, with their times, places and actors."""
    documents = [d for d in read_inputs([docs_path]) if isinstance(d, Document)]
    return [a for a in pipeline.pipe(documents, until="actors")
            if not a.error and a.document.doc_id in gold]


def sentence_rows(analysis: Analysis, gold: GoldDocument, pipeline: Pipeline) -> list[Row]:
    """(features, required types, optional types) for every sentence of an article."""
    document, doc = analysis.document, analysis.spacy_doc
    anchored = gold_by_sentence(doc, gold)
    out: list[Row] = []
    for sent, features in pipeline.events.features(
            document, doc, analysis.actors, analysis.timexes, analysis.places):
        required, optional = labels(anchored.get(sent.start, []))
        out.append((features, required, optional))
    return out


def candidate_rows(analysis: Analysis, gold: GoldDocument, pipeline: Pipeline) -> list[Row]:
    """The ranker's rows of an article: each candidate event's features, labelled."""
    document = analysis.document
    out: list[Row] = []
    for event, features in pipeline.events.candidates(
            document, analysis.spacy_doc, analysis.actors, analysis.timexes,
            analysis.places):
        label = candidate_label(document.text, event.evidence.start, event.evidence.end,
                                event.event_type, (a.country for a in event.actor), gold)
        if label is not None:  # a match of an optional gold event teaches nothing
            out.append((features, {CONFIRMED} if label else set(), set()))
    return out


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
        if len(set(y)) < 2:
            # a type no sentence (or every sentence) of a small annotation set reports:
            # nothing to learn, so the model always (never) gives it
            intercepts.append(NEVER_SEEN if not any(y) else -NEVER_SEEN)
            continue
        model = LogisticRegression(C=c, max_iter=5000).fit(x[keep], y)
        intercepts.append(round(float(model.intercept_[0]), 4))
        for name, weight in zip(names, model.coef_[0], strict=True):
            if abs(weight) >= PRUNE:
                weights.setdefault(str(name), {})[index] = round(float(weight), 4)
    return EventClassifier(types, intercepts, weights)


def _sentences(docs_path: Path, gold: dict[str, GoldDocument]
               ) -> tuple[Pipeline, list[Analysis], list[list[Row]], list[str]]:
    """The rules-only pipeline, the annotated articles analysed by it, their sentence rows
    (article by article) and the PLOVER types."""
    from .lexicon import load_event_lexicon

    pipeline = Pipeline(load_settings(learned=False))
    analyses = analyse(docs_path, gold, pipeline)
    rows = [sentence_rows(a, gold[a.document.doc_id], pipeline) for a in analyses]
    return pipeline, analyses, rows, sorted(load_event_lexicon().quads)


def _other_folds(rows: list[list[Row]], fold: int) -> list[Row]:
    return [r for n, article in enumerate(rows) if n % FOLDS != fold for r in article]


def train(docs_path: Path, gold_path: Path, c: float = 1.0
          ) -> tuple[EventClassifier, EventClassifier]:
    """The classifier and the ranker trained on the annotated articles."""
    gold = read_gold(gold_path)
    pipeline, analyses, rows, types = _sentences(docs_path, gold)
    classifier = fit([r for article in rows for r in article], types, c)
    candidates: list[Row] = []
    for fold in range(FOLDS):
        pipeline.events.classifier = fit(_other_folds(rows, fold), types, c)
        for n, analysis in enumerate(analyses):
            if n % FOLDS == fold:
                candidates.extend(candidate_rows(analysis, gold[analysis.document.doc_id],
                                                 pipeline))
        log.info("fold %d: %d candidates so far", fold, len(candidates))
    ranker = fit(candidates, [CONFIRMED], c)
    digest = hashlib.sha256(docs_path.read_bytes() + gold_path.read_bytes()).hexdigest()[:16]
    sentences = sum(len(article) for article in rows)
    classifier.meta = {"sentences": sentences,
                       "positive": sum(1 for article in rows for r in article if r[1]),
                       "c": c, "data_sha256": digest, "features": len(classifier.weights)}
    right: dict[str, int] = dict.fromkeys(types, 0)
    for features, confirmed, _ in candidates:
        if confirmed:
            kind = next(f.split(":", 1)[1] for f in features if f.startswith("type:"))
            right[kind] += 1
    ranker.meta = {"candidates": len(candidates),
                   "positive": sum(1 for r in candidates if r[1]), "folds": FOLDS, "c": c,
                   "data_sha256": digest, "features": len(ranker.weights),
                   "right_by_type": right}
    return classifier, ranker


def cross_validate(docs_path: Path, gold_path: Path, out_path: Path, c: float = 1.0) -> int:
    """Code each annotated article as an unseen one: with a classifier fitted on the
    articles of the other folds (and the shipped ranker), through the whole pipeline, and
    write the events as JSON Lines to ``out_path`` for the scorer. Coded with the
    shipped classifier, the training articles score far above articles it has not seen
    (it has learned their sentences); coded this way, they measure what a change does
    to unseen articles on ten times the events of a development set. Returns the number
    of events written."""
    gold = read_gold(gold_path)
    _, analyses, rows, types = _sentences(docs_path, gold)
    fold_of = {a.document.doc_id: n % FOLDS for n, a in enumerate(analyses)}
    documents = [a.document for a in analyses]
    coding = Pipeline(load_settings())
    written = 0
    with out_path.open("w", encoding="utf-8") as out:
        for fold in range(FOLDS):
            coding.events.classifier = fit(_other_folds(rows, fold), types, c)
            for analysis in coding.pipe(d for d in documents
                                        if fold_of[d.doc_id] == fold):
                for event in analysis.events:
                    out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
                    written += 1
            log.info("fold %d coded: %d events so far", fold, written)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=Path, default=SHARED / "train.docs.jsonl")
    parser.add_argument("--gold", type=Path, default=SHARED / "train.gold.jsonl")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="the directory the two models are written to")
    parser.add_argument("--c", type=float, default=1.0, help="inverse regularisation strength")
    parser.add_argument("--cross-validate", type=Path, metavar="EVENTS.jsonl",
                        help="write nothing to --out: code every article with a classifier "
                             "fitted on the other folds and write the events here, to score "
                             "the articles as unseen ones")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.cross_validate is not None:
        written = cross_validate(args.docs, args.gold, args.cross_validate, args.c)
        log.info("%d events -> %s", written, args.cross_validate)
        return 0
    classifier, ranker = train(args.docs, args.gold, args.c)
    args.out.mkdir(parents=True, exist_ok=True)
    classifier.save(args.out / MODEL_FILE)
    ranker.save(args.out / RANKER_FILE)
    meta: dict[str, Any] = classifier.meta
    log.info("classifier: %d sentences (%d with events), %d features; ranker: %d candidates "
             "(%d right), %d features -> %s", meta["sentences"], meta["positive"],
             meta["features"], ranker.meta["candidates"], ranker.meta["positive"],
             ranker.meta["features"], args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
