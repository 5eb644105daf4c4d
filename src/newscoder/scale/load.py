"""Bulk-load a Parquet dataset (of a Dask run) into the event store.

Partition by partition (memory stays that of one partition), documents with their
events go through :meth:`EventStore.add_many`, which stores a document with all its events
in one transaction and answers ``unchanged`` for one it already has: loading the same
dataset twice, or a dataset that grew since, stores each document and event once.
Only complete partitions (those with a marker) are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from .dataset import markers, partition_contents

BATCH = 200  # documents per transaction


@dataclass
class LoadSummary:
    partitions: int = 0
    stored: int = 0
    unchanged: int = 0
    duplicate: int = 0
    events: int = 0  # events of the documents stored by this load
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (doc_id, stored as)


def load_dataset(dataset: str, db: str, *, batch: int = BATCH,
                 on_partition: Callable[[int, int], None] | None = None) -> LoadSummary:
    """Load the dataset at ``dataset`` (a path or fsspec URL) into the store ``db``
    (SQLite path or SQLAlchemy URL); ``on_partition(done, total)`` reports progress."""
    from ..store import open_store

    found = markers(dataset)
    summary = LoadSummary(partitions=len(found))
    store = open_store(db)
    try:
        for n, marker in enumerate(found, 1):
            pending = list(partition_contents(dataset, marker))
            for start in range(0, len(pending), batch):
                chunk = pending[start:start + batch]
                for result in store.add_many(chunk):
                    if result.outcome == "stored":
                        summary.stored += 1
                        summary.events += result.n_events
                    elif result.outcome == "unchanged":
                        summary.unchanged += 1
                    else:
                        summary.duplicate += 1
                        summary.duplicates.append((result.doc_id, result.duplicate_of or ""))
            if on_partition:
                on_partition(n, len(found))
    finally:
        store.close()
    return summary
