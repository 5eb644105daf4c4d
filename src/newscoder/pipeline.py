"""The pipeline: an explicit, ordered list of stages over a stream of documents.

    read -> nlp -> timex -> places -> actors -> events

(places runs before actors so that a toponym the small model tags as a person, like
"Vladivostok", is not taken for one)

Each stage after the parse (``stages.py``) fills its own field of
:class:`~newscoder.records.Analysis` and declares what it reads. Heavy resources
(the spaCy model, the gazetteer) load lazily, once per process. ``until`` stops after a
stage, so ``newscoder timex`` and ``newscoder places`` run only what they need. A document
that fails in a stage is reported through ``Analysis.error`` and the stream goes on.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from .actors import ActorResolver
from .events import EventCoder
from .events.classifier import load_classifier
from .events.coder import event_id
from .events.lexicon import load_event_lexicon
from .events.ranking import load_ranker
from .nlp import load_nlp
from .records import Analysis, Document, Entity, Event
from .settings import Settings, load_settings
from .stages import ActorsStage, EventsStage, PlacesStage, Stage, TimexStage
from .timex import TimexTagger

log = logging.getLogger(__name__)

STAGES = ("read", "nlp", "timex", "places", "actors", "events")
# spaCy's statistical components want modest inputs; longer texts are parsed in pieces cut
# at line breaks and joined back into one Doc with the original offsets
CHUNK_CHARS = 20_000
# documents longer than this are coded in windows of about this size (see _windowed): a
# 5 MB text as one Doc took 1.65 GB
WINDOW_CHARS = 100_000
# spaCy's working memory grows with the characters of a batch, not with the count of
# texts; one long article in a batch of 32 would double the peak
BATCH_CHARS = 60_000


def _chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    if len(text) <= size:
        return [text]
    out: list[str] = []
    start = 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n", start + size // 2, end)
            if cut == -1:
                cut = text.rfind(". ", start + size // 2, end)
            end = cut + 1 if cut != -1 else end
        out.append(text[start:end])
        start = end
    return out


def _shifted(event: Event, document: Document, offset: int) -> Event:
    """An event of a window, placed in its whole document: offsets and id shifted."""
    if offset == 0:
        return event

    def moved(entity: Entity) -> Entity:
        return replace(entity, start=entity.start + offset, end=entity.end + offset) \
            if entity.start >= 0 else entity

    evidence = event.evidence
    trigger_start = evidence.trigger_start + offset if evidence.trigger_start >= 0 else -1
    return replace(
        event, event_id=event_id(document, trigger_start, event.event_type),
        actor=tuple(moved(e) for e in event.actor),
        recipient=tuple(moved(e) for e in event.recipient),
        attribution=tuple(moved(e) for e in event.attribution),
        location=replace(event.location, start=event.location.start + offset,
                         end=event.location.end + offset) if event.location else None,
        evidence=replace(evidence, start=evidence.start + offset, end=evidence.end + offset,
                         trigger_start=trigger_start,
                         trigger_end=evidence.trigger_end + offset
                         if evidence.trigger_end >= 0 else -1))


class Pipeline:
    """Codes documents into events; usable as a library and behind the CLI."""

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or load_settings()
        self._nlp = nlp
        self.timex = TimexTagger()
        self.actors = ActorResolver()
        self._places: Any = None
        self.events = EventCoder(
            lexicon=load_event_lexicon(),
            locate=self._locator() if self.settings.places else None,
            classifier=load_classifier() if self.settings.learned else None,
            ranker=load_ranker() if self.settings.learned else None,
            min_confidence=self.settings.min_confidence)
        # the stages after the parse, in order (see ``stages.py`` for what each reads)
        self.stages: list[Stage] = [TimexStage(self.timex)]
        if self.settings.places:
            self.stages.append(PlacesStage(lambda: self.places))
        self.stages += [ActorsStage(self.actors), EventsStage(self.events)]

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            self._nlp = load_nlp(self.settings.model)
        return self._nlp

    @property
    def places(self) -> Any:
        if self._places is None:
            from .places import PlaceFinder

            # an event's place must be stated, not guessed from the story's first town
            self._places = PlaceFinder(anchor_unknown=False)
        return self._places

    @staticmethod
    def _locator() -> Any:
        from .places import locate_event

        return locate_event

    def _parse(self, documents: list[Document]) -> Iterator[Doc]:
        pieces: list[str] = []
        owners: list[int] = []
        for n, document in enumerate(documents):
            for piece in _chunks(document.text):
                pieces.append(piece)
                owners.append(n)
        parsed = self._pipe_bounded(pieces)
        current: list[Doc] = []
        owner = 0
        for piece_owner, doc in zip(owners, parsed, strict=True):
            if piece_owner != owner:
                yield current[0] if len(current) == 1 else Doc.from_docs(
                    current, ensure_whitespace=False)
                current, owner = [], piece_owner
            current.append(doc)
        if current:
            yield current[0] if len(current) == 1 else Doc.from_docs(
                current, ensure_whitespace=False)

    def _pipe_bounded(self, pieces: list[str]) -> Iterator[Doc]:
        """nlp.pipe over groups of at most ``batch_size`` texts and BATCH_CHARS characters."""
        group: list[str] = []
        size = 0
        for piece in pieces:
            if group and (size + len(piece) > BATCH_CHARS
                          or len(group) >= self.settings.batch_size):
                yield from self.nlp.pipe(group, batch_size=len(group))
                group, size = [], 0
            group.append(piece)
            size += len(piece)
        if group:
            yield from self.nlp.pipe(group, batch_size=len(group))

    def pipe(self, documents: Iterable[Document], *, until: str = "events") -> Iterator[Analysis]:
        """Analyse documents in batches; yields one Analysis per document, in order."""
        if until not in STAGES:
            raise ValueError(f"unknown stage {until!r}; stages are {', '.join(STAGES)}")
        batch: list[Document] = []
        for document in documents:
            if until == "events" and len(document.text) > WINDOW_CHARS:
                yield from self._batch(batch, until)
                batch = []
                yield self._windowed(document)
                continue
            batch.append(document)
            if len(batch) >= self.settings.batch_size:
                yield from self._batch(batch, until)
                batch = []
        if batch:
            yield from self._batch(batch, until)

    def _windowed(self, document: Document) -> Analysis:
        """A long document's events, coded window by window: each window of about
        WINDOW_CHARS, cut at a line break, goes through the stages as a document of its
        own, and its events come back with the whole document's offsets and ids. Memory
        stays that of one window; context does not cross windows."""
        events: list[Event] = []
        offset = 0
        for piece in _chunks(document.text, WINDOW_CHARS):
            part = next(self._batch([replace(document, text=piece)], "events"))
            if part.error:
                return Analysis(document, error=part.error)
            events.extend(_shifted(e, document, offset) for e in part.events)
            offset += len(piece)
        return Analysis(document, events=events)

    def __call__(self, document: Document, *, until: str = "events") -> Analysis:
        return next(self.pipe([document], until=until))

    def _batch(self, batch: list[Document], until: str) -> Iterator[Analysis]:
        stop = STAGES.index(until)
        if stop < STAGES.index("nlp"):
            yield from (Analysis(d) for d in batch)
            return
        if until == "timex":  # the time expressions need no parse
            yield from (self._run(self.stages[0], Analysis(d)) for d in batch)
            return
        try:
            parsed = list(self._parse(batch))
        except Exception as exc:  # a model failure on one text must not lose the batch
            log.warning("spaCy failed on a batch (%s); retrying one by one", exc)
            if len(batch) == 1:
                yield Analysis(batch[0], error=f"NLP failed: {exc}")
                return
            for document in batch:
                yield from self._batch([document], until)
            return
        for document, doc in zip(batch, parsed, strict=True):
            analysis = Analysis(document, spacy_doc=doc)
            for stage in self.stages:
                if STAGES.index(stage.name) > stop or analysis.error:
                    break
                analysis = self._run(stage, analysis)
            yield analysis

    @staticmethod
    def _run(stage: Stage, analysis: Analysis) -> Analysis:
        """One stage on one document; its failure is the document's error, or, for an
        optional stage, costs only what the stage adds."""
        try:
            return stage(analysis)
        except Exception as exc:
            log.exception("stage %s failed on %s", stage.name, analysis.document.doc_id)
            if not stage.optional:
                analysis.error = f"{stage.name} stage failed: {exc}"
            return analysis
