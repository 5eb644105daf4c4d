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
from importlib import resources

from spacy.tokens import Span, Token

from ..records import Event
from .classifier import EventClassifier

CONFIRMED = "CONFIRMED"
CAMEO_AGREES = "cameo"  # the feature of a trigger the CAMEO dictionary gives this type
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
    """The ranker's features of one candidate event.

    ``source``: lexicon, unparted (a lexicon trigger that named no party) or classifier;
    ``p``: the classifier's probability of the event's type in the sentence, ``top`` the
    highest of the sentence's candidates, ``rank`` the type's place among them;
    ``cameo``: the CAMEO dictionary gives the trigger this type; ``lexicon_best``: the
    likeliest of the lexicon's readings; ``lexicon_events``: how many the lexicon has.
    """
    kind = event.event_type
    out = ["bias", f"src:{source}", f"type:{kind}", f"src_type:{source}|{kind}",
           f"rank:{min(rank, 3)}", f"lexicon_events:{min(lexicon_events, 3)}"]
    out += _passed("p", p, _STEPS)
    out += _passed(f"p|{source}", p, _STEPS)
    out += _passed("share", p / top if top > 0 else 0.0, _SHARE_STEPS)
    out += _passed("top", top, _STEPS[::2])
    if cameo:
        out.append(CAMEO_AGREES)
    if lexicon_best:
        out.append(LEXICON_BEST)
    actor = event.actor[0] if event.actor else None
    out.append(f"actor:{actor.method if actor else 'none'}")
    out.append(f"actor_kind:{actor.kind if actor else 'none'}")
    if actor is not None and actor.sector:
        out.append("actor_sector")
    out.append("recipient" if event.recipient else "no_recipient")
    out.append(f"status:{event.status}")
    token = _token_at(sent, event.evidence.trigger_start)
    lemma = token.lemma_.lower() if token is not None else event.evidence.trigger.lower()
    out.append(f"trigger:{lemma}|{kind}")
    # a lead reports the news; later sentences also give background and reactions
    out.append(f"position:{min(position, 3)}")

    out.append(f"date:{event.date.method}")
    return out


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
