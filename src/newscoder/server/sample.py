"""A sample event database: the founding article plus the first wikinews articles.

Built with the real pipeline; the server tests and the benchmarks start from it.
"""

from __future__ import annotations

import gzip
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path

from ..coding import code_documents
from ..errors import InputError
from ..read import read_path
from ..read.jsonl import read_jsonl_stream
from ..records import Document, Event
from ..settings import Settings
from ..store import open_store

__all__ = ["build_sample_db", "cached_sample_db"]


def _documents(seed: Path, articles: Path, n_articles: int) -> Iterator[Document]:
    for item in read_path(seed, fmt="seed"):
        if isinstance(item, Document):
            yield item
    raw = articles.read_bytes()
    if articles.name.endswith(".gz"):
        raw = gzip.decompress(raw)
    with io.StringIO(raw.decode("utf-8")) as handle:
        lines = io.StringIO("".join(itertools.islice(handle, n_articles)))
        for item in read_jsonl_stream(lines, str(articles)):
            if not isinstance(item, InputError):
                yield item


def build_sample_db(target: str | Path, seed: str | Path, articles: str | Path,
                    n_articles: int = 200, settings: Settings | None = None) -> dict[str, int]:
    """Code the seed article and the first ``n_articles`` JSON Lines articles into a store."""
    store = open_store(str(target))
    try:
        batch: list[tuple[Document, list[Event]]] = []
        for coded in code_documents(_documents(Path(seed), Path(articles), n_articles),
                                    settings or Settings(places=True)):
            if coded.error is None:
                batch.append((coded.document, coded.events))
            if len(batch) >= 32:
                store.add_many(batch)
                batch = []
        if batch:
            store.add_many(batch)
        return store.counts()
    finally:
        store.close()


def cached_sample_db(folder: Path, seed: Path, articles: Path, n_articles: int = 200) -> Path:
    """The sample database in ``folder``, built on the first call and reused after."""
    db = folder / "sample.db"
    done = folder / "sample.done"
    if not done.exists():
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("sample.db*"):
            stale.unlink()
        counts = build_sample_db(db, seed, articles, n_articles)
        done.write_text(json.dumps(counts), encoding="utf-8")
    return db


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    print(json.dumps(build_sample_db(sys.argv[1], sys.argv[2], sys.argv[3],
                                     int(sys.argv[4]) if len(sys.argv) > 4 else 200)))
