"""The learned event classifier: which PLOVER types a sentence reports, with a probability.

A linear model (one logistic regression per type) over the features of
:mod:`newscoder.events.features`, trained by ``python -m newscoder.events.train`` on the
annotated articles of ``events-dev/train`` and shipped as a JSON table of weights in
``newscoder/data/events/classifier.json.gz``. Scoring needs no library beyond the
standard one: a sentence's score for a type is the sum of its features' weights.

The coder uses it twice: to confirm (or drop) what the rules propose, and to code the
types the rules miss, with the word that carries most of the evidence as the trigger.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
import math
import os
import pickle
from collections.abc import Iterable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

from ..memory import load_pickle

MODEL_FILE = "classifier.json.gz"


class EventClassifier:
    """Per-type logistic regressions over sentence features."""

    def __init__(self, types: Sequence[str], intercepts: Sequence[float],
                 weights: dict[str, dict[int, float]], meta: dict[str, Any] | None = None
                 ) -> None:
        self.types = tuple(types)
        self.intercepts = tuple(intercepts)
        self.weights = weights  # feature -> {type index: weight}, zero weights left out
        self.meta = meta or {}

    # -- scoring ------------------------------------------------------------------------
    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        """The probability that the sentence reports an event of each type."""
        totals = list(self.intercepts)
        weights = self.weights
        for feature in set(features):
            row = weights.get(feature)  # most features of a sentence have no weight
            if row:
                for index, weight in row.items():
                    totals[index] += weight
        # the logistic function written out, not called: the ranker asks for every
        # candidate, the classifier for every sentence (below -30 it is taken as 0)
        return {t: 0.0 if z < -30 else 1.0 / (1.0 + math.exp(-z))
                for t, z in zip(self.types, totals, strict=True)}

    def weight(self, features: Iterable[str], event_type: str) -> float:
        """How much these features speak for ``event_type`` (to pick a trigger word)."""
        index = self.types.index(event_type)
        return sum(self.weights.get(f, {}).get(index, 0.0) for f in set(features))

    # -- storage ------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        return {"types": list(self.types), "intercepts": list(self.intercepts),
                "weights": {f: {str(i): w for i, w in row.items()}
                            for f, row in sorted(self.weights.items())},
                "meta": self.meta}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> EventClassifier:
        weights = {f: {int(i): float(w) for i, w in row.items()}
                   for f, row in data["weights"].items()}
        return cls(data["types"], data["intercepts"], weights, data.get("meta"))

    def save(self, path: Path) -> None:
        # mtime=0: the same training data gives the same bytes, so a retrained model
        # shows in git only when it changed
        data = json.dumps(self.to_json(), separators=(",", ":")).encode("utf-8")
        path.write_bytes(gzip.compress(data, mtime=0))

    @classmethod
    def load(cls, path: Path) -> EventClassifier:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return cls.from_json(json.load(handle))


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "newscoder"


@functools.lru_cache(maxsize=1)
def load_classifier() -> EventClassifier:
    """The model shipped in the package. Its JSON is kept, once per version of the file,
    as a pickle in the user's cache directory: 0.05 s to load instead of 0.3 s to parse,
    which every run of `newscoder code` pays."""
    path = resources.files("newscoder").joinpath("data", "events", MODEL_FILE)
    if not path.is_file():
        raise FileNotFoundError(
            f"the event classifier {MODEL_FILE} is missing from newscoder/data/events; "
            "train it with `python -m newscoder.events.train`")
    raw = path.read_bytes()
    cached = _cache_dir() / f"classifier-{hashlib.sha1(raw).hexdigest()[:16]}.pickle"
    try:
        with cached.open("rb") as handle:
            types, intercepts, weights, meta = load_pickle(handle)
        return EventClassifier(types, intercepts, weights, meta)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
        pass
    model = EventClassifier.from_json(json.loads(gzip.decompress(raw).decode("utf-8")))
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump((model.types, model.intercepts, model.weights, model.meta), handle,
                        protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(cached)  # atomic: concurrent runs never read half a file
    except OSError:
        pass  # a read-only home: parse every time
    return model
