"""The stages that run on a parsed document, each a small class with ``__call__`` and
``pipe`` that declares the fields of :class:`~newscoder.records.Analysis` it reads and the
one it writes.

    timex  : document                                   -> timexes
    places : spacy_doc                                  -> places
    actors : document, spacy_doc, places                -> actors
    events : document, spacy_doc, timexes, places, actors -> events

The pipeline (:mod:`newscoder.pipeline`) parses, then runs them in this order; a stage
reads only what the stages before it wrote, which a test checks from the declarations.
Each wraps the component that does the work (the tagger, the place finder, the actor
resolver, the event coder) and can be run alone on an analysis that holds its inputs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, ClassVar

from .records import Analysis

if TYPE_CHECKING:  # the components are imported by the pipeline that builds the stages
    from .actors import ActorResolver
    from .events import EventCoder
    from .places import PlaceFinder
    from .timex import TimexTagger


class Stage:
    """One step over an analysed document: fills ``writes`` from ``reads``."""

    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    writes: ClassVar[str]
    # a failure costs only this stage's field, not the document's events
    optional: ClassVar[bool] = False

    def __call__(self, analysis: Analysis) -> Analysis:
        raise NotImplementedError

    def pipe(self, analyses: Iterable[Analysis]) -> Iterator[Analysis]:
        for analysis in analyses:
            yield self(analysis)


class TimexStage(Stage):
    """TIMEX3 time expressions, from the text and its date (needs no parse)."""

    name = "timex"
    reads = ("document",)
    writes = "timexes"

    def __init__(self, tagger: TimexTagger) -> None:
        self.tagger = tagger

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.timexes = self.tagger(analysis.document.text, analysis.document.date)
        return analysis


class PlacesStage(Stage):
    """Geoparsed place mentions. The gazetteer is large, so the finder is made on first
    use; a document whose places fail is still coded, without locations."""

    name = "places"
    reads = ("spacy_doc",)
    writes = "places"
    optional = True

    def __init__(self, finder: Callable[[], PlaceFinder]) -> None:
        self._finder = finder

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.places = self._finder()(analysis.spacy_doc)
        return analysis


class ActorsStage(Stage):
    """Actor codes of the named, described and referred-to parties, on the document's
    date; places the geoparser found are not taken for people."""

    name = "actors"
    reads = ("document", "spacy_doc", "places")
    writes = "actors"

    def __init__(self, resolver: ActorResolver) -> None:
        self.resolver = resolver

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.actors = self.resolver.resolve(analysis.spacy_doc, analysis.document.date,
                                                analysis.places)
        return analysis


class EventsStage(Stage):
    """Coded events, from the parse and everything the stages before found."""

    name = "events"
    reads = ("document", "spacy_doc", "timexes", "places", "actors")
    writes = "events"

    def __init__(self, coder: EventCoder) -> None:
        self.coder = coder

    def __call__(self, analysis: Analysis) -> Analysis:
        analysis.events = self.coder.code(analysis.document, analysis.spacy_doc,
                                          analysis.actors, analysis.timexes,
                                          analysis.places)
        return analysis
