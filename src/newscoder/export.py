"""Write event records as JSON Lines, CSV or Parquet (chosen by the file's extension).

CSV and Parquet flatten each record into the columns of :data:`COLUMNS`; lists of entities
become ``;``-separated cells, so a spreadsheet user sees one event per row.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

FORMATS = {".jsonl": "jsonl", ".csv": "csv", ".parquet": "parquet"}

COLUMNS = [
    "event_id", "doc_id", "doc_date", "event_type", "mode", "context", "status",
    "actor", "actor_country", "actor_sector", "recipient", "recipient_country",
    "recipient_sector", "date", "date_precision", "date_text", "date_method",
    "location", "geonameid", "lat", "lon", "location_country", "attribution",
    "quantity", "quantity_unit", "quantity_qualifier", "score", "quad",
    "sentence", "sentence_start", "sentence_end", "trigger", "coder_version",
]


def _join(entities: list[dict[str, Any]], key: str) -> str:
    return ";".join(str(e.get(key) or "") for e in entities)


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One event record as a flat row of :data:`COLUMNS`."""
    location = record.get("location") or {}
    quantity = record.get("quantity") or {}
    date = record.get("date") or {}
    evidence = record.get("evidence") or {}
    return {
        "event_id": record["event_id"], "doc_id": record["doc_id"],
        "doc_date": record["doc_date"], "event_type": record["event_type"],
        "mode": record.get("mode"), "context": ";".join(record.get("context") or []),
        "status": record["status"],
        "actor": _join(record["actor"], "text"), "actor_country": _join(record["actor"], "country"),
        "actor_sector": _join(record["actor"], "sector"),
        "recipient": _join(record["recipient"], "text"),
        "recipient_country": _join(record["recipient"], "country"),
        "recipient_sector": _join(record["recipient"], "sector"),
        "date": date.get("value"), "date_precision": date.get("precision"),
        "date_text": date.get("text"), "date_method": date.get("method"),
        "location": location.get("name") or location.get("text"),
        "geonameid": location.get("geonameid"), "lat": location.get("lat"),
        "lon": location.get("lon"), "location_country": location.get("country"),
        "attribution": _join(record.get("attribution") or [], "text"),
        "quantity": quantity.get("value"), "quantity_unit": quantity.get("unit"),
        "quantity_qualifier": quantity.get("qualifier"),
        "score": record["score"], "quad": record["quad"],
        "sentence": evidence.get("sentence"), "sentence_start": evidence.get("start"),
        "sentence_end": evidence.get("end"), "trigger": evidence.get("trigger"),
        "coder_version": (record.get("coder") or {}).get("version"),
    }


def format_of(path: str | Path) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: unknown output format; use .jsonl, .csv or .parquet")
    return FORMATS[suffix]


class EventWriter:
    """Streams records to a file; Parquet is written in row groups as records arrive."""

    def __init__(self, path: str | Path, fmt: str | None = None, *,
                 group_size: int = 10_000) -> None:
        self.path = Path(path)
        self.fmt = fmt or format_of(path)
        self.count = 0
        self._rows: list[dict[str, Any]] = []
        self._group_size = group_size
        self._parquet: Any = None
        self._handle: Any = None
        self._csv: Any = None
        if self.fmt == "jsonl":
            self._handle = self.path.open("w", encoding="utf-8")
        elif self.fmt == "csv":
            self._handle = self.path.open("w", encoding="utf-8", newline="")
            self._csv = csv.DictWriter(self._handle, fieldnames=COLUMNS)
            self._csv.writeheader()

    def write(self, records: Iterable[dict[str, Any]]) -> None:
        for record in records:
            self.count += 1
            if self.fmt == "jsonl":
                self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            elif self.fmt == "csv":
                self._csv.writerow(flatten(record))
            else:
                self._rows.append(flatten(record))
                if len(self._rows) >= self._group_size:
                    self._flush_parquet()

    def _flush_parquet(self) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(self._rows, schema=_arrow_schema())
        if self._parquet is None:
            self._parquet = pq.ParquetWriter(self.path, table.schema)
        self._parquet.write_table(table)
        self._rows = []

    def close(self) -> None:
        if self.fmt == "parquet":
            if self._rows or self._parquet is None:
                self._flush_parquet()
            self._parquet.close()
        elif self._handle is not None:
            self._handle.close()

    def __enter__(self) -> EventWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _arrow_schema() -> Any:
    import pyarrow as pa

    floats = {"lat", "lon", "score", "quantity"}
    ints = {"geonameid", "sentence_start", "sentence_end"}
    return pa.schema([(c, pa.float64() if c in floats else pa.int64() if c in ints
                       else pa.string()) for c in COLUMNS])
