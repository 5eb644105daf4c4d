"""The ranker: a learned judge of each candidate event.

The sentence classifier (:mod:`.classifier`) says which types a sentence reports; the
lexicon and the classifier together propose candidate events, each with a trigger, an
actor and a type. Whether a candidate is kept used to rest on fixed boosts of the
sentence's probabilities; the ranker learns it instead, from the candidates of the
annotated training articles, each labelled by whether it matches a gold event (type and
actor). Its features say where the candidate came from (a lexicon row, a lexicon trigger
that named no party, the classifier alone), how likely the classifier finds its type and
how that compares with the sentence's other readings, whether the CAMEO dictionary agrees,
how its actor was found and what its trigger is.

The model is an :class:`~.classifier.EventClassifier` with one output, ``CONFIRMED``,
trained by ``python -m newscoder.events.train`` (out-of-fold, so that it learns how the
classifier behaves on articles it has not seen) and shipped as
``newscoder/data/events/ranker.json.gz``.
"""

from __future__ import annotations

import functools
import gzip
import json
import math
from importlib import resources

from spacy.tokens import Span, Token

from ..records import Event
from .classifier import EventClassifier

CONFIRMED = "CONFIRMED"
CAMEO_AGREES = "cameo"  # the feature of a trigger the CAMEO dictionary gives this type
# the feature of a lexicon row whose own condition held: an object, particle or modifier
# that picks the sense ("shared intelligence", "joint exercises"), not a bare word
PATTERN_AGREES = "pattern"
LEXICON_BEST = "lexicon_best"  # the feature of the lexicon's likeliest reading
MODEL_FILE = "ranker.json.gz"

# thermometer coding of probabilities: one feature per threshold passed, so that a linear
# model learns a monotone, piecewise response
_STEPS = (0.03, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95)
_SHARE_STEPS = (0.25, 0.5, 0.75, 0.99)


def _passed(name: str, value: float, steps: tuple[float, ...]) -> list[str]:
    return [f"{name}>{step}" for step in steps if value >= step]


def candidate_features(event: Event, source: str, p: float, top: float, rank: int,
                       cameo: bool, lexicon_best: bool, lexicon_events: int,
                       sent: Span, position: int = 0) -> list[str]:
    """The ranker's features of one candidate event: those of its reading (see
    :func:`reading_features`) and those of the event built from it (see
    :func:`event_features`)."""
    token = _token_at(sent, event.evidence.trigger_start)
    lemma = token.lemma_.lower() if token is not None else event.evidence.trigger.lower()
    return reading_features(event.event_type, source, p, top, rank, cameo, lexicon_best,
                            lexicon_events, lemma, position) + event_features(event)


def reading_features(kind: str, source: str, p: float, top: float, rank: int, cameo: bool,
                     lexicon_best: bool, lexicon_events: int, lemma: str,
                     position: int) -> list[str]:
    """What is known of a candidate before its event is built.

    ``source``: lexicon, unparted (a lexicon trigger that named no party) or classifier;
    ``p``: the classifier's probability of the event's type in the sentence, ``top`` the
    highest of the sentence's candidates, ``rank`` the type's place among them;
    ``cameo``: the CAMEO dictionary gives the trigger this type; ``lexicon_best``: the
    likeliest of the lexicon's readings; ``lexicon_events``: how many the lexicon has;
    ``lemma``: the trigger's; ``position``: the sentence's place in the article.
    """
    out = ["bias", f"src:{source}", f"type:{kind}", f"src_type:{source}|{kind}",
           f"rank:{min(rank, 3)}", f"lexicon_events:{min(lexicon_events, 3)}",
           f"trigger:{lemma}|{kind}",
           # a lead reports the news; later sentences also give background and reactions
           f"position:{min(position, 3)}"]
    out += _passed("p", p, _STEPS)
    out += _passed(f"p|{source}", p, _STEPS)
    out += _passed("share", p / top if top > 0 else 0.0, _SHARE_STEPS)
    out += _passed("top", top, _STEPS[::2])
    if cameo:
        out.append(CAMEO_AGREES)
    if lexicon_best:
        out.append(LEXICON_BEST)
    return out


# the event's features, by group: each group gives one feature ("actor_sector" none or one)
_EVENT_GROUPS = (("actor:",), ("actor_kind:",), ("actor_sector",), ("recipient", "no_recipient"),
                 ("status:",), ("date:",))


def event_features(event: Event) -> list[str]:
    """How the candidate's event came out: how its actor was found, whether it has a
    recipient, its status and how it was dated."""
    actor = event.actor[0] if event.actor else None
    out = [f"actor:{actor.method if actor else 'none'}",
           f"actor_kind:{actor.kind if actor else 'none'}",
           "recipient" if event.recipient else "no_recipient",
           f"status:{event.status}", f"date:{event.date.method}"]
    if actor is not None and actor.sector:
        out.append("actor_sector")
    return out


def event_bonus(ranker: EventClassifier) -> float:
    """The most log-odds the event's features can add to a reading's (the largest weight
    of each group, or nothing): with it, the ranker's probability of a reading bounds that
    of any event built from it, and a reading whose bound falls short of the threshold
    need not be built."""
    index = ranker.types.index(CONFIRMED)
    total = 0.0
    for group in _EVENT_GROUPS:
        weights = [row.get(index, 0.0) for name, row in ranker.weights.items()
                   if any(name == g or g.endswith(":") and name.startswith(g)
                          for g in group)]
        total += max([0.0, *weights])
    return total


def ceiling(ranker: EventClassifier, reading: list[str], bonus: float) -> float:
    """The highest probability the ranker can give an event of this reading."""
    return raised(ranker.probabilities(reading)[CONFIRMED], bonus)


def raised(p: float, log_odds: float) -> float:
    """The probability ``p`` with ``log_odds`` added to its log-odds."""
    if p <= 0.0 or p >= 1.0:
        return p
    return 1.0 / (1.0 + math.exp(-(math.log(p / (1.0 - p)) + log_odds)))


def _token_at(sent: Span, start: int) -> Token | None:
    for token in sent:
        if token.idx == start:
            return token
    return None


@functools.lru_cache(maxsize=1)
def load_ranker() -> EventClassifier:
    """The ranker shipped in the package."""
    path = resources.files("newscoder").joinpath("data", "events", MODEL_FILE)
    if not path.is_file():
        raise FileNotFoundError(
            f"the event ranker {MODEL_FILE} is missing from newscoder/data/events; "
            "train it with `python -m newscoder.events.train`")
    with path.open("rb") as handle:
        return EventClassifier.from_json(json.loads(gzip.decompress(handle.read())))
