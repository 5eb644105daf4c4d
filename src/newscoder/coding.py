"""Batch coding: documents in, (document, events | error) out, in one process or several.

With ``workers > 1`` batches go to a pool of processes, each holding its own pipeline
(models load once per process); results come back in input order and at most a few
batches are in flight, so memory stays flat on corpora of any size.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass

from .pipeline import Pipeline
from .records import Document, Event
from .settings import Settings

_worker_pipeline: Pipeline | None = None


@dataclass(frozen=True, slots=True)
class Coded:
    document: Document
    events: list[Event]
    error: str | None = None


def _init_worker(settings: Settings) -> None:
    global _worker_pipeline
    _worker_pipeline = Pipeline(settings)


def _code_batch(batch: list[Document]) -> list[Coded]:
    assert _worker_pipeline is not None
    return [Coded(a.document, a.events, a.error) for a in _worker_pipeline.pipe(batch)]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    batch: list[Document] = []
    for document in documents:
        batch.append(document)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def code_documents(documents: Iterable[Document], settings: Settings | None = None, *,
                   pipeline: Pipeline | None = None) -> Iterator[Coded]:
    """Code documents into events, in input order."""
    settings = settings or (pipeline.settings if pipeline else Settings())
    if settings.workers <= 1:
        pipe = pipeline or Pipeline(settings)
        for analysis in pipe.pipe(documents):
            yield Coded(analysis.document, analysis.events, analysis.error)
        return
    with ProcessPoolExecutor(max_workers=settings.workers, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        pending: deque[Future[list[Coded]]] = deque()
        for batch in _batches(documents, settings.batch_size):
            pending.append(pool.submit(_code_batch, batch))
            while len(pending) >= 2 * settings.workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
