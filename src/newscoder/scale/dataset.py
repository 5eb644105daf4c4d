"""The Parquet dataset a Dask run writes, and reading it back.

Layout under the dataset's root (any fsspec URL)::

    events/year=2023/month=9/part-<key>.parquet      one event per row
    documents/year=2023/month=9/part-<key>.parquet   one coded document per row
    _done/<key>.json                                 the partition is complete

Events are partitioned by the year and month of the event's date, documents by those of
the document's date. ``year`` and ``month`` are plain integers (no zero padding), which
DuckDB, Spark, Polars and pandas/pyarrow all read as integer partition columns with hive
partitioning. An event whose date names no year (none found) is under ``year=0/month=0``;
one whose date names a year but no calendar month (``2023``, ``2023-W36``, ``2023-Q3``) is
under ``month=0`` of its year. The partition columns are not repeated inside the files.

Event rows carry the flat columns of ``newscoder --out x.parquet`` (see
:mod:`newscoder.export`), the coder's ``confidence``, and ``record``: the whole
``newscoder.event/1`` JSON record, so nothing is lost and ``newscoder load`` rebuilds the
events exactly. Files are written whole under a hidden temporary name and renamed into
place (on object stores a PUT is atomic already); the marker is written last, so a
partition with a marker is complete. A partition coded again (a retried task, a rerun
after a crash) writes the same names with the same rows: the dataset never holds a
document or event twice.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..records import (
    Document,
    Entity,
    Event,
    EventDate,
    Evidence,
    Place,
    Quantity,
)
from .partitions import filesystem, is_local

EVENTS = "events"
DOCUMENTS = "documents"
DONE = "_done"
DATASET_SCHEMA = "newscoder.dataset/1"

_YEAR_MONTH = re.compile(r"^(\d{4})(?:-(\d{2})(?![\dW]))?")


def year_month(value: str | None) -> tuple[int, int]:
    """The partition of a date value: (year, month), 0 for what it does not name."""
    m = _YEAR_MONTH.match(value or "")
    if not m:
        return 0, 0
    month = int(m.group(2)) if m.group(2) else 0
    return int(m.group(1)), month if 1 <= month <= 12 else 0


# -- schemas ------------------------------------------------------------------------------
def event_schema() -> Any:
    import pyarrow as pa

    from ..export import _arrow_schema

    base = _arrow_schema()
    return pa.schema(list(base) + [pa.field("confidence", pa.float64()),
                                   pa.field("record", pa.string())])


def document_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("doc_id", pa.string()), ("doc_date", pa.date32()), ("title", pa.string()),
        ("url", pa.string()), ("source", pa.string()), ("path", pa.string()),
        ("text", pa.string()), ("content_hash", pa.string()), ("n_events", pa.int64()),
        ("coder_version", pa.string())])


def event_row(record: dict[str, Any]) -> dict[str, Any]:
    from ..export import flatten

    return {**flatten(record), "confidence": record.get("confidence"),
            "record": json.dumps(record, ensure_ascii=False)}


def document_row(document: Document, n_events: int, coder_version: str) -> dict[str, Any]:
    from ..store import content_hash

    return {"doc_id": document.doc_id, "doc_date": document.date, "title": document.title,
            "url": document.url, "source": document.source, "path": document.path,
            "text": document.text, "content_hash": content_hash(document),
            "n_events": n_events, "coder_version": coder_version}


# -- writing ------------------------------------------------------------------------------
def _join(root: str, *parts: str) -> str:
    return "/".join([root.rstrip("/"), *parts])


def put_bytes(fs: Any, path: str, data: bytes) -> None:
    """Write a file whole, so that a reader (or a killed writer) never leaves half of it."""
    parent = path.rsplit("/", 1)[0]
    fs.makedirs(parent, exist_ok=True)
    if is_local(fs):
        # hidden name: pyarrow, Spark and DuckDB's *.parquet globs pass over it
        tmp = f"{parent}/.{path.rsplit('/', 1)[1]}.{uuid.uuid4().hex}.tmp"
        with open(tmp, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    else:
        fs.pipe_file(path, data)


def _parquet_bytes(rows: list[dict[str, Any]], schema: Any) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    pq.write_table(table, sink)
    return bytes(sink.getvalue().to_pybytes())


@dataclass
class Marker:
    """What a complete partition wrote (``_done/<key>.json``)."""

    key: str
    sources: list[str]
    pieces: list[str]
    files: list[str]  # relative to the dataset's root
    documents: int
    events: int
    problems: list[str] = field(default_factory=list)
    coder_version: str = ""
    seconds: float = 0.0
    schema: str = DATASET_SCHEMA

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, indent=1)


def write_partition(root_url: str, key: str, documents: list[dict[str, Any]],
                    events: list[dict[str, Any]]) -> list[str]:
    """Write a partition's document and event rows (with ``_year``/``_month`` keys for
    their partition), one file per year and month; returns the files, relative."""
    fs, root = filesystem(root_url)
    written: list[str] = []
    for what, rows, schema in ((DOCUMENTS, documents, document_schema()),
                               (EVENTS, events, event_schema())):
        groups: dict[tuple[int, int], list[dict[str, Any]]] = {}
        for row in rows:
            groups.setdefault((row.pop("_year"), row.pop("_month")), []).append(row)
        for (year, month), group in sorted(groups.items()):
            rel = f"{what}/year={year}/month={month}/part-{key}.parquet"
            put_bytes(fs, _join(root, rel), _parquet_bytes(group, schema))
            written.append(rel)
    return written


def write_marker(root_url: str, marker: Marker) -> None:
    fs, root = filesystem(root_url)
    put_bytes(fs, _join(root, DONE, f"{marker.key}.json"), marker.to_json().encode("utf-8"))


# -- reading ------------------------------------------------------------------------------
def done_keys(root_url: str) -> set[str]:
    """Keys of the complete partitions."""
    fs, root = filesystem(root_url)
    folder = _join(root, DONE)
    if not fs.exists(folder):
        return set()
    return {name.rsplit("/", 1)[-1][:-5] for name in fs.ls(folder, detail=False)
            if name.endswith(".json")}


def is_done(root_url: str, key: str) -> bool:
    fs, root = filesystem(root_url)
    return bool(fs.exists(_join(root, DONE, f"{key}.json")))


def markers(root_url: str) -> list[Marker]:
    """The markers of the complete partitions, by key."""
    fs, root = filesystem(root_url)
    out: list[Marker] = []
    for key in sorted(done_keys(root_url)):
        data = json.loads(fs.cat_file(_join(root, DONE, f"{key}.json")))
        known = Marker.__dataclass_fields__  # a later version's extra fields are not ours
        out.append(Marker(**{k: v for k, v in data.items() if k in known}))
    return out


def remove_partition(root_url: str, marker: Marker) -> None:
    """Delete a partition's files, then its marker (a stale partition of changed input)."""
    fs, root = filesystem(root_url)
    for rel in marker.files:
        path = _join(root, rel)
        if fs.exists(path):
            fs.rm_file(path)
    fs.rm_file(_join(root, DONE, f"{marker.key}.json"))


def table(root_url: str, what: str = EVENTS, *, columns: list[str] | None = None) -> Any:
    """The events (or documents) of a dataset as one pyarrow Table, with the ``year``
    and ``month`` partition columns."""
    import pyarrow as pa
    import pyarrow.dataset as ds

    if what not in (EVENTS, DOCUMENTS):
        raise ValueError(f"what must be {EVENTS!r} or {DOCUMENTS!r}")
    fs, root = filesystem(root_url)
    path = _join(root, what)
    schema = event_schema() if what == EVENTS else document_schema()
    full = pa.schema(list(schema) + [pa.field("year", pa.int32()),
                                     pa.field("month", pa.int32())])
    if not fs.exists(path):
        empty = full.empty_table()
        return empty.select(columns) if columns else empty
    dataset = ds.dataset(path, format="parquet", filesystem=fs, schema=full,
                         partitioning=ds.partitioning(
                             pa.schema([("year", pa.int32()), ("month", pa.int32())]),
                             flavor="hive"))
    return dataset.to_table(columns=columns)


def entity_of(data: dict[str, Any]) -> Entity:
    return Entity(text=data["text"], name=data.get("name"), country=data.get("country"),
                  sector=data.get("sector"), method=data.get("method", "text"))


def event_from_record(record: dict[str, Any]) -> Event:
    """An Event from its ``newscoder.event/1`` record; ``to_dict`` gives the record back."""
    date = record["date"]
    loc = record.get("location")
    qty = record.get("quantity")
    ev = record["evidence"]
    return Event(
        event_id=record["event_id"], doc_id=record["doc_id"], doc_date=record["doc_date"],
        event_type=record["event_type"], mode=record.get("mode"),
        context=tuple(record.get("context") or ()), status=record["status"],
        actor=tuple(entity_of(e) for e in record.get("actor") or ()),
        recipient=tuple(entity_of(e) for e in record.get("recipient") or ()),
        date=EventDate(value=date["value"], precision=date["precision"], text=date.get("text"),
                       method=date["method"], end=date.get("end")),
        location=Place(text=loc["text"], start=-1, end=-1, role="location",
                       name=loc.get("name"), geonameid=loc.get("geonameid"),
                       lat=loc.get("lat"), lon=loc.get("lon"), country=loc.get("country"),
                       method=loc.get("method")) if loc else None,
        attribution=tuple(entity_of(e) for e in record.get("attribution") or ()),
        quantity=Quantity(value=qty["value"], unit=qty.get("unit"),
                          qualifier=qty.get("qualifier")) if qty else None,
        score=record["score"], quad=record["quad"],
        evidence=Evidence(sentence=ev["sentence"], start=ev["start"], end=ev["end"],
                          trigger=ev["trigger"], trigger_start=ev.get("trigger_start", -1),
                          trigger_end=ev.get("trigger_end", -1),
                          source=ev.get("source", "lexicon")),
        coder_version=(record.get("coder") or {}).get("version", ""),
        confidence=record.get("confidence", 1.0))


def partition_contents(root_url: str,
                       marker: Marker) -> Iterator[tuple[Document, list[Event]]]:
    """The documents of one complete partition with their events, in doc_id order."""
    import pyarrow.parquet as pq

    fs, root = filesystem(root_url)
    docs: list[dict[str, Any]] = []
    events: dict[str, list[Event]] = {}
    for rel in marker.files:
        with fs.open(_join(root, rel), "rb") as handle:
            rows = pq.read_table(handle).to_pylist()
        if rel.startswith(DOCUMENTS + "/"):
            docs.extend(rows)
        else:
            for row in rows:
                event = event_from_record(json.loads(row["record"]))
                events.setdefault(event.doc_id, []).append(event)
    for row in sorted(docs, key=lambda r: r["doc_id"]):
        date = row["doc_date"]
        document = Document(doc_id=row["doc_id"], text=row["text"],
                            date=date if isinstance(date, dt.date) else
                            dt.date.fromisoformat(str(date)),
                            title=row["title"], url=row["url"], source=row["source"],
                            path=row["path"])
        yield document, sorted(events.get(document.doc_id, []),
                               key=lambda e: (e.evidence.start, e.event_id))
