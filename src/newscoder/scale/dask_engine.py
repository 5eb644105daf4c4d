"""Code partitions of the input on a Dask cluster into a Parquet dataset.

The client plans the partitions (see :mod:`.partitions`), passes over those whose key is
done, and submits one task per remaining partition. A worker plugin builds the pipeline
when a worker starts (models load once per worker, and again only in a worker that
replaces a dead one); each task reads its partition, codes it, and writes its Parquet files
and then its marker (see :mod:`.dataset`). A task whose worker dies is rescheduled by the
scheduler; one that fails with an exception is retried ``retries`` times. Since every
attempt writes the same file names with the same rows, the finished dataset holds each
document and event once.

A task returns a :class:`PartitionResult` (counts, problems, the worker's peak memory);
the caller sees them as they finish through ``on_result`` (the CLI's progress bar).
"""

from __future__ import annotations

import atexit
import datetime as dt
import gc
import logging
import os
import resource
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from distributed import WorkerPlugin

from ..errors import InputError
from ..settings import Settings
from .dataset import (
    Marker,
    document_row,
    done_keys,
    event_row,
    is_done,
    markers,
    remove_partition,
    write_marker,
    write_partition,
    year_month,
)
from .partitions import Partition, plan, read_partition, settings_fingerprint

log = logging.getLogger(__name__)

# tries of a task that raised (a read timeout on an object store, ...); a worker's death is
# counted apart, by the scheduler's distributed.scheduler.allowed-failures
RETRIES = 3

_pipelines: dict[str, tuple[Any, threading.Lock]] = {}
_pipelines_lock = threading.Lock()


def _pipeline(settings: Settings) -> tuple[Any, threading.Lock]:
    """This process's pipeline for ``settings``, built (models loaded) on first use. The
    lock serialises coding where a worker runs several threads (or a cluster runs in one
    process): spaCy's pipelines are not meant to be shared between threads."""
    key = settings_fingerprint(settings)
    with _pipelines_lock:
        if key not in _pipelines:
            from ..pipeline import Pipeline
            from ..records import Document

            pipeline = Pipeline(settings)
            # load spaCy, the gazetteer and the classifier now, not in the first task
            pipeline(Document("warm-up", "The president met the prime minister in Paris "
                                         "on Monday.", dt.date(2020, 1, 1)))
            _pipelines[key] = (pipeline, threading.Lock())
        return _pipelines[key]


class PipelinePlugin(WorkerPlugin):  # type: ignore[misc]
    """The worker builds its pipeline as it starts (and a worker that replaces a dead one
    does too), so tasks find the models loaded."""

    name = "newscoder-pipeline"

    def __init__(self, settings: Settings) -> None:
        self.settings = settings

    def setup(self, worker: Any) -> None:
        _pipeline(self.settings)
        if getattr(worker, "nanny", None):
            _quick_exit()


_exit_hook: list[bool] = []


def _quick_exit() -> None:
    """In a worker process of its own (started by a nanny; it ends when the worker
    closes), the interpreter's cyclic garbage collector stays out of the way at exit:
    its passes over the loaded pipeline as the modules are torn down made a worker
    process take 0.9 to 1.8 s to end after a run, and the nanny, so the closing of every
    local cluster, waits for it (0.1 to 0.3 s with them left out). Objects are still
    freed as their last reference goes; only the collector's passes are skipped."""
    if not _exit_hook:
        _exit_hook.append(True)
        atexit.register(gc.freeze)


@dataclass
class PartitionResult:
    key: str
    describe: str
    skipped: bool = False  # done by an earlier run
    documents: int = 0
    duplicates: int = 0  # same text and date as a document before it in the partition
    events: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    peak_rss: int = 0  # bytes: the peak resident memory of the worker's process so far
    worker: str = ""


def _peak_rss() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux


def code_partition(partition: Partition, root_url: str, settings: Settings, fmt: str,
                   date: dt.date | None) -> PartitionResult:
    """Code one partition into the dataset at ``root_url`` (runs on a worker)."""
    from ..store import content_hash

    started = time.perf_counter()
    result = PartitionResult(partition.key, partition.describe(), worker=f"pid {os.getpid()}")
    if is_done(root_url, partition.key):  # another attempt of this task finished it
        result.skipped = True
        return result
    pipeline, lock = _pipeline(settings)
    documents = []
    for item in read_partition(partition, fmt=fmt, date=date,
                               max_chars=settings.max_document_chars):
        if isinstance(item, InputError):
            result.problems.append(str(item))
        else:
            documents.append(item)
    with lock:
        analyses = list(pipeline.pipe(documents))
    # one row per document id and per text, as the store keeps them: a later record with
    # an id seen before replaces it, a text seen under another id is a duplicate
    kept: dict[str, Any] = {}
    by_hash: dict[str, str] = {}
    for analysis in analyses:
        doc = analysis.document
        if analysis.error:
            result.problems.append(f"{doc.path or doc.doc_id}: {analysis.error}")
            continue
        digest = content_hash(doc)
        twin = by_hash.get(digest)
        if twin is not None and twin != doc.doc_id:
            result.duplicates += 1
            continue
        by_hash[digest] = doc.doc_id
        kept.pop(doc.doc_id, None)
        kept[doc.doc_id] = analysis
    doc_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    seen: set[str] = set()
    for analysis in kept.values():
        doc = analysis.document
        n = 0
        for event in analysis.events:
            if event.event_id in seen:
                continue
            seen.add(event.event_id)
            n += 1
            year, month = year_month(event.date.value)
            event_rows.append({**event_row(event.to_dict()), "_year": year, "_month": month})
        version = analysis.events[0].coder_version if analysis.events else ""
        doc_rows.append({**document_row(doc, n, version), "_year": doc.date.year,
                         "_month": doc.date.month})
    event_rows.sort(key=lambda r: r["event_id"])  # the same bytes on every attempt
    files = write_partition(root_url, partition.key, doc_rows, event_rows)
    result.documents = len(doc_rows)
    result.events = len(event_rows)
    result.seconds = time.perf_counter() - started
    from ..version import __version__

    write_marker(root_url, Marker(
        key=partition.key, sources=list(partition.sources),
        pieces=[p.describe() for p in partition.pieces], files=files,
        documents=result.documents, events=result.events, problems=result.problems,
        coder_version=__version__, seconds=round(result.seconds, 3)))
    result.peak_rss = _peak_rss()
    return result


@dataclass
class RunSummary:
    partitions: int = 0
    skipped: int = 0  # done by an earlier run
    documents: int = 0
    duplicates: int = 0
    events: int = 0
    problems: list[str] = field(default_factory=list)
    removed: int = 0  # stale partitions of inputs that changed since an earlier run
    seconds: float = 0.0
    peak_rss: dict[str, int] = field(default_factory=dict)  # worker -> bytes


def start_client(address: str | None = None, *, workers: int | None = None,
                 dashboard: str | None = ":8787", processes: bool = True) -> Any:
    """A Client of the scheduler at ``address``, or of a new local cluster (``address``
    None or ``"local"``) with ``workers`` single-threaded worker processes (one per core
    by default: coding is CPU-bound and holds the GIL)."""
    from distributed import Client

    if address and address != "local":
        return Client(address)
    import dask

    # a cluster the client starts itself is closed with it. Dask's nannies start workers
    # with MALLOC_TRIM_THRESHOLD_=65536, which hands freed memory back to the system at
    # once: spaCy allocates and frees many small arrays per sentence, and the trimming
    # cost a tenth of the coding time (1,000 articles on 2 workers: 47 s with it, 44 s
    # without; peak memory per worker stays about 0.7 GB). One BLAS thread per worker
    # process is kept: the workers already fill the cores.
    with dask.config.set(_LOCAL_CONFIG):
        return Client(n_workers=workers or os.cpu_count() or 1, threads_per_worker=1,
                      processes=processes, dashboard_address=dashboard)


_LOCAL_CONFIG = {
    "distributed.nanny.pre-spawn-environ": {
        "OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    # the periodic work of the cluster's servers, which competes with the coding for the
    # cores (and in a worker for the GIL), done less often: Dask's statistical profiler
    # (a stack sample of the coding thread every 10 ms, for the dashboard's Profile page)
    # off; the event loops' tick every second, not every 20 ms; the workers' memory
    # monitor every second, not every 100 ms; the system monitor (the dashboard's CPU and
    # memory plots) every 2 s, not every 500 ms. With Dask's defaults a worker's other
    # threads took 6 to 8% of the CPU time of its coding thread, with these 0.3 to 0.6%;
    # the scheduler, in the client's process, a fifth of what it took
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "2s",
}


def run(inputs: Sequence[str], out: str, client: Any, settings: Settings, *,
        fmt: str = "auto", date: dt.date | None = None, partition_bytes: int | None = None,
        on_planned: Callable[[int, int], None] | None = None,
        on_result: Callable[[PartitionResult], None] | None = None) -> RunSummary:
    """Code ``inputs`` into the dataset ``out`` on the cluster behind ``client`` (a
    Client, or a function returning one, called only if some partition is left to do:
    a rerun with all done starts no cluster)."""
    from distributed import Client, as_completed

    started = time.perf_counter()
    summary = RunSummary()
    partitions, problems = plan(inputs, settings, fmt=fmt, date=date,
                                partition_bytes=partition_bytes)
    summary.problems.extend(str(p) for p in problems)
    summary.partitions = len(partitions)
    done = done_keys(out)
    todo = [p for p in partitions if p.key not in done]
    summary.skipped = len(partitions) - len(todo)
    planned = {p.key for p in partitions}
    for m in markers(out):  # what the partitions done before found wrong is still wrong
        if m.key in planned:
            summary.documents += m.documents
            summary.events += m.events
            summary.problems.extend(m.problems)
    if on_planned:
        on_planned(len(partitions), summary.skipped)
    if todo:
        if not isinstance(client, Client):
            client = client()
        client.register_plugin(PipelinePlugin(settings))
        futures = [client.submit(code_partition, p, out, settings, fmt, date,
                                 key=f"newscoder-{p.key}", pure=False, retries=RETRIES)
                   for p in todo]
        for future in as_completed(futures):
            result: PartitionResult = future.result()
            summary.documents += result.documents
            summary.duplicates += result.duplicates
            summary.events += result.events
            summary.problems.extend(result.problems)
            if result.peak_rss:
                summary.peak_rss[result.worker] = max(summary.peak_rss.get(result.worker, 0),
                                                      result.peak_rss)
            if on_result:
                on_result(result)
    summary.removed = remove_stale(out, partitions)
    summary.seconds = time.perf_counter() - started
    return summary


def remove_stale(out: str, partitions: Iterable[Partition]) -> int:
    """Remove partitions of an earlier run that this run's plan replaces: all their files
    were read again under other keys (the input changed, or the coder did), so the
    dataset holds the current events of each file once. Partitions reading any file this
    run did not are kept: a dataset may be built by several runs over different inputs."""
    current = {p.key for p in partitions}
    sources = {s for p in partitions for s in p.sources}
    removed = 0
    for marker in markers(out):
        if marker.key not in current and set(marker.sources) <= sources:
            remove_partition(out, marker)
            removed += 1
    return removed
