"""The places stage: toponyms -> GeoNames places, offline.

    finder = PlaceFinder()                 # lazy: the gazetteer index loads on first use
    places = finder(doc)                   # end to end on a spaCy Doc
    places = finder.resolve_spans(doc, [(start, end), ...])   # given spans, same order
    place = locate_event(places, trigger)  # where the trigger's event happened

Recognition (``recognise``), resolution (``resolve``), metonymy (``metonymy``) and event
location (``locate``) are separate modules; ``gazetteer`` builds and caches the index.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from spacy.tokens import Doc

from newscoder.records import Place

from ..memory import keep_for_life
from . import gazetteer as _gazetteer
from .gazetteer import Gazetteer, norm
from .locate import locate_event
from .metonymy import role
from .recognise import find_mentions, parents
from .resolve import anchor, resolve_texts

__all__ = ["Gazetteer", "PlaceFinder", "locate_event", "load_gazetteer"]

log = logging.getLogger(__name__)


def load_gazetteer(path: Path | None = None) -> Gazetteer:
    """The gazetteer index, built into the user cache on first use."""
    gazetteer = _gazetteer.load(path)
    keep_for_life()  # shared within the process to its end (see ``newscoder.memory``)
    return gazetteer


class PlaceFinder:
    """Finds and resolves the toponyms of spaCy documents.

    ``gazetteer`` may be given (tests build a tiny one); otherwise the cached index is
    loaded on the first call, so constructing a finder costs nothing.
    """

    def __init__(self, gazetteer: Gazetteer | None = None,
                 weights: dict[str, float] | None = None, anchor_unknown: bool = True) -> None:
        self._gaz = gazetteer
        self.weights = weights
        # A toponym the gazetteer lacks gets the point of the document's first town
        # (name and geonameid stay None); see ``resolve.anchor``.
        self.anchor_unknown = anchor_unknown

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gaz is None:
            self._gaz = load_gazetteer()
        return self._gaz

    def __call__(self, doc: Doc) -> list[Place]:
        mentions = find_mentions(doc, self.gazetteer)
        spans = [(m.start, m.end) for m in mentions]
        return self._resolve(doc, spans, [m.root for m in mentions])

    def pipe(self, docs: Iterable[Doc]) -> Iterator[list[Place]]:
        for doc in docs:
            yield self(doc)

    def resolve_spans(self, doc: Doc, spans: Sequence[tuple[int, int]]) -> list[Place]:
        """Resolve given character spans; one Place per span, in the given order."""
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        roots = []
        for i in order:
            s, e = spans[i]
            span = doc.char_span(s, e, alignment_mode="expand")
            roots.append(span.root.i if span is not None and len(span) else -1)
        resolved = self._resolve(doc, [spans[i] for i in order], roots)
        out: list[Place | None] = [None] * len(spans)
        for i, place in zip(order, resolved, strict=True):
            out[i] = place
        return [p for p in out if p is not None]

    def _resolve(self, doc: Doc, spans: list[tuple[int, int]], roots: list[int]) -> list[Place]:
        gaz = self.gazetteer
        text = doc.text
        texts = [text[s:e] for s, e in spans]
        # Demonyms in the text ("Syrian troops") tell the resolver which country it is in.
        extra = [gaz.demonyms[k] for k in (norm(e.text) for e in doc.ents if e.label_ == "NORP")
                 if k in gaz.demonyms]
        rows = resolve_texts(gaz, texts, parents(text, spans), extra, self.weights)
        home = anchor(gaz, rows) if self.anchor_unknown else None
        places = []
        for (s, e), t, row, root in zip(spans, texts, rows, roots, strict=True):
            feature = gaz.feature[row] if row is not None else None
            r = role(doc[root], feature, t) if root >= 0 else "location"
            if row is None:
                if home is None:
                    places.append(Place(t, s, e, r))
                else:
                    places.append(Place(t, s, e, r, lat=round(float(gaz.lat[home]), 5),
                                        lon=round(float(gaz.lon[home]), 5),
                                        country=gaz.country[home] or None))
                continue
            gid = gaz.gid[row]
            places.append(Place(t, s, e, r, name=gaz.name[row], geonameid=gid if gid > 0 else None,
                                lat=round(float(gaz.lat[row]), 5),
                                lon=round(float(gaz.lon[row]), 5),
                                country=gaz.country[row] or None, feature=feature))
        return places
